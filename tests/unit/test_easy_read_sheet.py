"""Issue #14: `charterkit check easy-read --sheet` writes a check sheet for every document and language."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.check import easyread_sheet
from generator.check.easyread import easy_points
from generator.model.schema import Point

ROOT = Path(__file__).resolve().parents[2]


class Parsed(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.data.append(data)


def parse(text: str) -> Parsed:
    p = Parsed()
    p.feed(text)
    return p


@pytest.fixture(scope="module")
def sheets(corpus, tmp_path_factory):
    from generator.cli import main

    folder = tmp_path_factory.mktemp("sheets") / "sheets"
    reports = tmp_path_factory.mktemp("reports")
    code = main(["--project", str(ROOT), "check", "easy-read", "--sheet", str(folder), "--report", str(reports)])
    assert code == 0
    return folder


def test_a_sheet_for_every_document_and_language(corpus, sheets):
    docs = [d.id for d in corpus.documents if d.easy_read is not None]
    langs = [language.code for language in corpus.config.languages]
    assert len(docs) == 8 and len(langs) == 5
    expected = {f"{d}-{lang}.html" for d in docs for lang in langs}
    word_lists = {f"words-{lang}.html" for lang in langs}  # the site's one word list in each language
    assert {p.name for p in sheets.glob("*.html")} == expected | word_lists | {"index.html"}
    index = parse((sheets / "index.html").read_text(encoding="utf-8"))
    assert {a["href"] for tag, a in index.tags if tag == "a"} == expected | word_lists
    words = (sheets / "words-en.html").read_text(encoding="utf-8")
    assert "<td><strong>dignity</strong></td>" in words.lower() and words.count("<tr>") >= 31


def test_one_sheet_has_every_point_picture_alt_and_count(corpus, sheets):
    doc = corpus.document("care-standards")
    text = (sheets / "care-standards-en.html").read_text(encoding="utf-8")
    page = parse(text)
    points = easy_points(doc)
    rows = [a for tag, a in page.tags if tag == "td" and a.get("class") == "n"]
    assert len(rows) == len(points) == 24
    images = [a for tag, a in page.tags if tag == "img"]
    assert len(images) == len(points)
    for img in images:  # copies of the repository's own pictures, beside the sheet
        assert img["src"].startswith("pictures/") and (sheets / img["src"]).is_file()
    body = " ".join(" ".join(page.data).split())
    for point in (doc.easy_read.about + doc.easy_read.contact):
        assert point.alt in body
        first_words = " ".join(str(point.text).replace("**", "").split()[:4])
        assert first_words in body, first_words
    # the word counts are the check's own
    counts = [int(n) for n in re.findall(r'<td class="count(?: over)?">(\d+)</td>', text)]
    assert len(counts) == 2 * len(points) and max(counts[0::2]) <= corpus.config.checks.easy_read_max_point_words
    assert "size: A4" in text
    html_tag = next(a for tag, a in page.tags if tag == "html")
    assert html_tag == {"lang": "en", "dir": "ltr"}
    arabic = parse((sheets / "care-standards-ar.html").read_text(encoding="utf-8"))
    assert next(a for tag, a in arabic.tags if tag == "html") == {"lang": "ar", "dir": "rtl"}


def test_sheets_ask_no_other_host(sheets):
    for sheet in sheets.glob("*.html"):
        page = parse(sheet.read_text(encoding="utf-8"))
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"script", "link", "iframe", "object", "embed"}, sheet.name
        for tag, attrs in page.tags:
            if tag == "img":
                assert not re.match(r"[a-z]+:|//", attrs["src"]), (sheet.name, attrs["src"])
            if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
                assert "default-src 'none'" in attrs["content"]
        assert any(a.get("http-equiv") == "Content-Security-Policy" for t, a in page.tags if t == "meta"), sheet.name


def test_hostile_words_stay_words(corpus):
    from generator.web.pages import item_label

    doc = corpus.document("care-standards")
    bad = Point.model_construct(text="<script>alert(1)</script> [x](javascript:alert(2))",
                                picture="mulberry-correct", alt='"><img src=x onerror=alert(3)>')
    er = doc.easy_read.model_copy(update={"about": (bad,) + doc.easy_read.about})
    doc = doc.model_copy(update={"easy_read": er})
    page, count = easyread_sheet.sheet_html(doc, "en", {"en": "ltr"}, corpus.config.checks,
                                            {"mulberry-correct": "mulberry-correct.svg"}, item_label, root=ROOT)
    assert count == 25
    parsed = parse(page)
    assert not any(tag == "script" for tag, _ in parsed.tags)
    assert not any("onerror" in attrs for _, attrs in parsed.tags)
    assert not any(attrs.get("href", "").startswith("javascript") for _, attrs in parsed.tags)
    assert [a["src"] for t, a in parsed.tags if t == "img"][0] == "pictures/mulberry-correct.svg"
