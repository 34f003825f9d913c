"""The HTML the packs are printed from, and the links to the packs on the web pages (no PDF rendering)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from generator.model.packs import KINDS, Manifest, Pack
from generator.print.pack_html import PrintWriter
from generator.translate.words import Strings

META = {"date": "2022-03-09T00:00:00Z", "description": "test"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(html)
    return p.tags


@pytest.fixture(scope="module")
def writer(corpus):
    return PrintWriter(corpus, "en", Strings.load(corpus.root, "en"))


def test_html_root_carries_language_and_direction(corpus):
    from generator.print.packs import language_view

    for code, direction in (("en", "ltr"), ("ar", "rtl"), ("ur", "rtl"), ("pl", "ltr")):
        if corpus.config.language(code) is None:
            continue
        view, words = language_view(corpus, code)
        made = PrintWriter(view, code, words).document_html(view.document("care-standards"), "standard", META)
        html_tag = next(attrs for tag, attrs in parse(made.html) if tag == "html")
        assert html_tag["lang"] == code and html_tag["dir"] == direction


def test_english_fallback_is_marked_in_another_language(corpus):
    from generator.translate.localise import LText

    words = Strings.load(corpus.root, "ar")
    w = PrintWriter(corpus, "ar", words)
    assert str(w.text("Hello")) == '<span lang="en" dir="ltr">Hello</span>'  # a plain str is English
    assert str(w.text(LText("مرحبا", "ar", "draft"))) == "مرحبا"
    assert str(w.md("Some **bold** words")) == '<div lang="en" dir="ltr"><p>Some <strong>bold</strong> words</p></div>'
    english = PrintWriter(corpus, "en", Strings.load(corpus.root, "en"))
    assert str(english.text("Hello")) == "Hello"


def test_every_point_has_its_picture_first_with_alt_text(writer, corpus):
    doc = corpus.document("jias-engagement-framework")
    made = writer.easy_read_html(doc, META)
    points = re.findall(r'<div class="ck-point">\s*(<[^>]+>)', made.html)
    assert len(points) >= 12
    for first in points:
        assert first.startswith('<img class="ck-picture"') and re.search(r'alt="[^"]+"', first), first
    assert "ck-credit-pictures" in made.html and "OpenMoji" in made.html and "Mulberry Symbols" in made.html
    assert all(path.suffix == ".svg" and path.exists() for path in made.files)
    assert any("theme/pictures/mulberry" in path.as_posix() for path in made.files)  # the carried symbols are used


def test_packs_without_pictures_have_no_picture_credit(writer, corpus):
    made = writer.document_html(corpus.document("jias-engagement-framework"), "standard", META)
    assert "<img" not in made.html and "ck-credit-pictures" not in made.html
    assert not made.files


@pytest.mark.parametrize("kind, tool", [("survey", "jias-engagement-framework-survey"),
                                        ("survey-easy-read", "jias-engagement-framework-survey"),
                                        ("interview", "jias-engagement-framework-interview"),
                                        ("focus-group", "jias-engagement-framework-focus-group"),
                                        ("workbook", "integration-principles-workbook")])
def test_every_pack_shows_title_source_publisher_and_licence(writer, corpus, kind, tool):
    t = corpus.tools[tool]
    doc = corpus.document(t.document)
    made = writer.tool_html(t, kind, META)
    for text in (doc.source.title, doc.source.publisher, doc.source.licence):
        assert text in made.html.replace("&#39;", "'")
    assert f"<title>{made.title}</title>" in made.html
    assert 'id="about-this-pack"' in made.html


def test_page_numbers_say_page_n_of_m(writer):
    css = writer.furniture_css("Title", "Standard print")
    assert '@bottom-center { content: "Page " counter(page) " of " counter(pages); }' in css
    assert '@top-left { content: "Title"; }' in css


def test_running_header_is_mirrored_in_right_to_left(corpus):
    w = PrintWriter(corpus, "ar", Strings.load(corpus.root, "ar"))
    assert w.dir == "rtl"
    assert '@top-right { content: "Title"; }' in w.furniture_css("Title", "Kind")


def _manifest():
    packs = [
        Pack("jias-engagement-framework", "standard", "en", "en/packs/jias-engagement-framework-standard-en.pdf",
             "JIAS engagement framework", 1_258_291, 14),
        Pack("jias-engagement-framework", "survey", "en", "en/packs/jias-engagement-framework-survey-en.pdf",
             "JIAS engagement framework: survey", 53_000, 1),
        Pack("jias-engagement-framework", "easy-read", "en", "en/packs/jias-engagement-framework-easy-read-en.pdf",
             "JIAS (easy read)", 75_000, 13),
        Pack("care-standards", "standard", "en", "en/packs/care-standards-standard-en.pdf", "Care standards", 20_000, 3),
        Pack("care-standards", "standard", "ar", "ar/packs/care-standards-standard-ar.pdf", "Care standards", 20_000, 3,
             title_lang="en"),
    ]
    return Manifest(packs)


def web_writer(corpus, lang: str, manifest):
    """The web page writer of lang (web/pages.py PageWriter), given the manifest as the pipeline gives it."""
    from generator.web.pages import PageWriter
    from generator.translate.view import build_view

    view = build_view(corpus, lang)
    return PageWriter(view.corpus, lang, view.words, packs=manifest, direction=view.dir)


def pack_links_html(corpus, manifest, lang: str, doc_id: str) -> str:
    """A document's packs as its web page lists them (theme/pages/_packs.md.j2), from site/<lang>/<doc>/."""
    writer = web_writer(corpus, lang, manifest)
    return writer.pack_links(writer.corpus.document(doc_id), f"{doc_id}/index.md")


def packs_page_md(corpus, manifest, lang: str) -> str:
    """The printable packs page's Markdown (theme/pages/printable-packs.md.j2)."""
    writer = web_writer(corpus, lang, manifest)
    writer.packs_page()
    return writer.out.pages["printable-packs.md"]


def test_links_are_govuk_attachments(corpus):
    manifest = _manifest()
    html = pack_links_html(corpus, manifest, "en", "jias-engagement-framework")
    assert html.startswith('<ul class="ck-attachments">')
    assert ">PDF</abbr>, <span class=\"ck-attachment-size\">1.2 MB</span>, " \
           "<span class=\"ck-attachment-pages\">14 pages</span>" in html
    assert '<span class="ck-attachment-pages">1 page</span>' in html
    assert 'href="../packs/jias-engagement-framework-standard-en.pdf"' in html
    assert 'Language: <span lang="en" dir="ltr">English</span>' in html
    # in order: standard, easy read, then the tools
    assert html.index("standard-en.pdf") < html.index("easy-read-en.pdf") < html.index("survey-en.pdf")
    tags = parse(html)
    assert not any("style" in attrs for _, attrs in tags), "no inline styles"
    classes = [c for _, attrs in tags for c in attrs.get("class", "").split()]
    assert classes and all(c.startswith("ck-") for c in classes)
    assert pack_links_html(corpus, Manifest(p for p in manifest if p.doc_id != "care-standards"), "en",
                           "care-standards") == ""


def test_links_mark_an_english_title_on_another_language_page(corpus):
    manifest = _manifest()
    html = pack_links_html(corpus, manifest, "ar", "care-standards")
    assert '<span lang="en" dir="ltr">Care standards</span>' in html
    assert '<span lang="ar" dir="rtl">العربية</span>' in html


def test_packs_page_groups_packs_and_tools_by_document(corpus):
    manifest = _manifest()
    md = packs_page_md(corpus, manifest, "en")
    assert md.index("## JIAS engagement framework") < md.index("### Engagement tools") < md.index("## Care standards")
    assert 'href="../packs/care-standards-standard-en.pdf"' in md  # (from site/en/printable-packs/)
    for kind in ("standard", "easy-read", "survey"):
        assert Strings.load(corpus.root, "en")(f"packs.kinds.{kind}") in md
    assert "care-standards-standard-ar.pdf" not in md


def test_every_kind_has_its_words():
    from pathlib import Path

    words = Strings.load(Path(__file__).resolve().parents[2], "en")
    assert len(KINDS) == 8
    for kind in KINDS:
        for key in ("kinds", "kind_descriptions", "titles"):
            assert words(f"packs.{key}.{kind}", title="T", document="D")
