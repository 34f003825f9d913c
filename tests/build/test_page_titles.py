"""Every page is named by its own words where a reader sees its name: the header (shown when the page is
scrolled), the search results and the browser's tab. MkDocs names a page whose main heading is not its first
element after its file ("Index"): on the default site that was every document page, in every language."""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

LANGS = ("en", "pl", "gd", "ar", "ur")
FILE_NAMES = {"Index", "Easy read", "Statement 1"}  # names MkDocs makes from files: none may show


def _words(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u2066", "").replace(
        "\u2069", "").split())


def _topic(page_html: str) -> str | None:
    found = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>\s*</div>',
                      page_html, re.S)
    return _words(found.group(1)) if found else None


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_names_each_page_by_its_main_heading_or_menu_label(built_site, lang):
    pages = sorted((built_site / lang).rglob("*.html"))
    assert len(pages) > 50, f"only {len(pages)} pages in {lang}"
    documents = [p for p in pages if p.parent.parent == built_site / lang and (p.parent / "easy-read").is_dir()]
    assert len(documents) >= 5, f"found {len(documents)} document pages in {lang}"
    named = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        topic = _topic(text)
        if topic is None or page.name == "404.html":  # (the page-not-found page is no page of MkDocs': no title)
            continue
        named += 1
        assert topic and topic not in FILE_NAMES, f"{page.relative_to(built_site)}: the header says {topic!r}"
    assert named > 50, f"only {named} pages of {lang} have a header topic: the header has changed"
    for page in documents:
        text = page.read_text(encoding="utf-8")
        heading = _words(re.search(r"<h1\b[^>]*>(.*?)</h1>", text, re.S).group(1))
        assert _topic(text) == heading, f"{page.relative_to(built_site)}: header {_topic(text)!r}, heading {heading!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_search_results_name_each_page_by_its_own_words(built_site, lang):
    entries = json.loads((built_site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = [e for e in entries if "#" not in e["location"]]
    assert len(pages) > 50, f"only {len(pages)} pages in the {lang} search index"
    wrong = [(e["location"], e["title"]) for e in pages if _words(e["title"]) in FILE_NAMES]
    assert not wrong, f"{len(wrong)} search results in {lang} are named after a file, for example {wrong[:3]}"
    for entry in pages:
        if entry["location"].count("/") == 1 and (built_site / lang / entry["location"] / "easy-read").is_dir():
            page = (built_site / lang / entry["location"] / "index.html").read_text(encoding="utf-8")
            heading = _words(re.search(r"<h1\b[^>]*>(.*?)</h1>", page, re.S).group(1))
            assert _words(entry["title"]) == heading, (entry["location"], entry["title"], heading)
