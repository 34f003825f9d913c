"""The second line of defence for link addresses (sanitise._address_filter, used by nh3 for every page): an
address that a browser reads as another website's must go, even when it is written so that it does not start
with // or https:// as typed. Browsers drop tabs and line breaks from an address, read \\ as / in web addresses,
and read https:evil.example (no //) as https://evil.example/ on a page served over http or opened from a file.

`charterkit validate` refuses all of these first (a backslash, a tab, no website name): this is what stops them
if a bug ever lets one past validate (found in the session 6 review: each reached the page's HTML).
"""
from __future__ import annotations

import re

import pytest

from generator.markup import sanitise

SNEAKY = [
    "/\\evil.example/",       # /\ is // to a browser
    "\\\\evil.example/",      # so is \\
    "/&#9;/evil.example/",    # a tab, dropped by the browser
    "/&#10;/evil.example/",   # a line break, likewise
    "https:evil.example/",    # no //: the browser adds them
    "https:/\\evil.example/",
    "http:\\\\evil.example/",
]


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize("address", SNEAKY)
def test_an_address_a_browser_reads_as_another_website_is_removed(address):
    for profile in ("page", "text"):
        html = sanitise.markdown_html(f"[the page]({address})", profile)
        assert "the page" in html, html
        assert _hrefs(html) == [], f"{profile}: {html}"
    whole_page = sanitise.clean_page(f'<p><a href="{address}">the page</a></p>')
    assert _hrefs(whole_page) == [], whole_page


def test_ordinary_addresses_stay():
    page = sanitise.markdown_html("[next](../next/) [home](/en/) [part](#part) [NHS](https://www.nhs.uk/x?a=1) "
                                  "[mail](mailto:a@example.org) [call](tel:+441234567890)", "page")
    assert _hrefs(page) == ["../next/", "/en/", "#part", "https://www.nhs.uk/x?a=1", "mailto:a@example.org",
                            "tel:+441234567890"]
    assert _hrefs(sanitise.clean_page('<a href="../jias/">JIAS</a>')) == ["../jias/"]
