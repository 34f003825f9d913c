"""A language added with files only appears on the site; every English fallback passage is marked lang="en"."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import build

from .test_translation_files import entry, write_translation

pytestmark = pytest.mark.build

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class LangText(HTMLParser):
    """Collects (text, language, direction) for every piece of text in <main>."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None, str | None]] = []
        self.out: list[tuple[str, str, str]] = []
        self.in_main = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        self.stack.append((tag, a.get("lang"), a.get("dir")))
        if tag == "main":
            self.in_main += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == "main":
                self.in_main -= 1
            if t == tag:
                break

    def handle_data(self, data):
        if not self.in_main or not data.strip():
            return
        lang = next((l for _, l, _ in reversed(self.stack) if l), None)
        direction = next((d for _, _, d in reversed(self.stack) if d), None)
        self.out.append((" ".join(data.split()), lang, direction))


def texts(path: Path, root_lang: str, root_dir: str):
    p = LangText()
    p.feed(path.read_text(encoding="utf-8"))
    return [(t, l or root_lang, d or root_dir) for t, l, d in p.out]


def build_project(root: Path) -> Path:
    report = Report()
    assert build(root, report, packs=False), report.format()
    return root / "site"


def test_language_added_as_an_editor_would_appears_on_the_site(make_project):
    # An editor edits site_config.yml and adds one translation file: no commands.
    root = make_project(languages=[("cy", "Cymraeg", "ltr")])
    write_translation(root, "cy", "alpha-charter", {
        "title": entry(root, "title", "Siarter alffa"),
        "commitment-1.text": entry(root, "commitment-1.text", "Byddwn yn gwrando arnoch chi.")})
    site = build_project(root)
    page = site / "cy" / "alpha-charter" / "commitment-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<html lang="cy" dir="ltr"' in html
    assert "Byddwn yn gwrando arnoch chi." in html
    assert 'hreflang="cy"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "cy" / "404.html").exists() and (site / "cy" / "search" / "search_index.json").exists()
    switcher = (site / "en" / "alpha-charter" / "commitment-1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../cy/alpha-charter/commitment-1/"' in switcher


def test_every_english_fallback_passage_is_marked_lang_en(make_project):
    root = make_project(languages=[("ar", "العربية", "rtl")])
    write_translation(root, "ar", "alpha-charter", {
        "commitment-1.text": entry(root, "commitment-1.text", "سوف نستمع إليك.")})
    site = build_project(root)
    english_texts = ["We will explain things clearly.", "Staff ask what matters to you", "People are heard.",
                     "People understand their care.", "Our commitments"]
    checked = 0
    for page in (site / "ar").rglob("*.html"):
        for text, lang, direction in texts(page, "ar", "rtl"):
            if any(e in text for e in english_texts):
                assert lang == "en", (page, text)
                assert direction == "ltr", (page, text)
                checked += 1
            if "سوف نستمع إليك" in text:
                assert lang == "ar" and direction == "rtl"
    assert checked >= 5
    html = (site / "ar" / "alpha-charter" / "commitment-1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl"' in html
    assert "ck-notice" in html  # tells the reader some parts are in English / not checked


def test_drafts_can_be_withheld(make_project):
    root = make_project(languages=[("cy", "Cymraeg", "ltr")])
    cfg = root / "site_config.yml"
    cfg.write_text(cfg.read_text() + "translations:\n  publish_drafts: false\n", encoding="utf-8")
    write_translation(root, "cy", "alpha-charter", {
        "commitment-1.text": entry(root, "commitment-1.text", "Byddwn yn gwrando arnoch chi.")})
    site = build_project(root)
    html = (site / "cy" / "alpha-charter" / "commitment-1" / "index.html").read_text(encoding="utf-8")
    assert "Byddwn yn gwrando" not in html and "We will listen to you." in html
