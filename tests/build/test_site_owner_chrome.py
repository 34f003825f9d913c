"""Who runs the site (issue #12): the organisation leads the header of every page (with its logo when set),
and every page's footer links contact, the accessibility statement, the privacy notice (privacy_url, or the
generated privacy page) and the site's source, and says who runs it. Built from the minimal project."""
from __future__ import annotations

import html
import re

import pytest

from generator.diagnostics import Report
from generator.pipeline import build


def _footer(page: str) -> str:
    assert 'class="md-copyright ck-site-footer"' in page
    return page[page.index('class="md-copyright ck-site-footer"'):]


def _configure(project, extra: str) -> None:
    config = project / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "  organisation: Test organisation\n" in text
    config.write_text(text.replace("  organisation: Test organisation\n",
                                   "  organisation: Test organisation & Partners\n" + extra), encoding="utf-8")


@pytest.mark.build
def test_every_page_has_the_organisation_in_its_header_and_the_footer_links(minimal_project):
    _configure(minimal_project, "  privacy_url: https://privacy.example.net/notice\n"
                                "  source_code_url: https://code.example.net/site\n"
                                "  logo: theme/logo.svg\n")
    (minimal_project / "theme" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        encoding="utf-8")
    content = minimal_project / "content" / "en"
    content.mkdir(parents=True, exist_ok=True)
    (content / "accessibility.md").write_text("# Accessibility statement\n\nHow accessible this site is.\n",
                                               encoding="utf-8")
    report = Report()
    assert build(minimal_project, report, packs=False, clean=True), report.format()
    pages = sorted((minimal_project / "site" / "en").rglob("index.html"))
    assert len(pages) >= 5
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert '<span class="ck-org">Test organisation &amp; Partners</span>' in page, path
        footer = _footer(page)
        assert "Run by Test organisation &amp; Partners" in footer, path
        links = dict((html.unescape(t), h) for h, t in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', footer))
        assert links.get("Contact us", "").startswith("mailto:"), (path, links)
        assert links.get("Privacy notice") == "https://privacy.example.net/notice", (path, links)
        assert links.get("How this website is made (source code)") == "https://code.example.net/site", (path, links)
        # the link leads to the accessibility page ("./" on that page itself)
        target = (path.parent / links.get("Accessibility statement", "missing")).resolve()
        assert target == (minimal_project / "site" / "en" / "accessibility").resolve(), (path, links)
        # one copy for every language, at the site's root, named by the hash of its content (web/assets.py)
        logo = re.search(r'<img src="((?:\.\./)+)assets/charterkit/(logo\.[0-9a-f]{10}\.svg)" alt="">', page)
        assert logo, path
        assert (path.parent / logo.group(1) / "assets" / "charterkit" / logo.group(2)).resolve() == \
            (minimal_project / "site" / "assets" / "charterkit" / logo.group(2)).resolve(), path
    assert len(list((minimal_project / "site" / "assets" / "charterkit").glob("logo.*.svg"))) == 1
    assert not (minimal_project / "site" / "en" / "assets").exists()


@pytest.mark.build
def test_without_a_privacy_url_the_footer_links_the_generated_privacy_page(minimal_project):
    _configure(minimal_project, "")
    content = minimal_project / "content" / "en"
    content.mkdir(parents=True, exist_ok=True)
    (content / "privacy.md").write_text("# Privacy notice\n\nWhat we keep about you.\n", encoding="utf-8")
    report = Report()
    assert build(minimal_project, report, packs=False, clean=True), report.format()
    page = (minimal_project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    footer = _footer(page)
    assert '<a href="privacy/">Privacy notice</a>' in footer
    assert "source code" not in footer
    assert (minimal_project / "site" / "en" / "privacy" / "index.html").is_file()
    assert "<img" not in page.split('class="md-header__button md-logo"')[1].split("</a>")[0]


@pytest.mark.build
def test_no_footer_link_to_an_accessibility_statement_the_project_does_not_have(minimal_project):
    report = Report()
    assert build(minimal_project, report, packs=False, clean=True), report.format()
    assert not (minimal_project / "content" / "en" / "accessibility.md").exists()
    page = (minimal_project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Contact us" in _footer(page) and "accessibility/" not in _footer(page)
