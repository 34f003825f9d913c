"""The collection files (issue #16 part 1) are published once for every language (site/forms/: each file
holds every language), and the printable-packs page of every language offers them under a heading that says
what they are for."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.collect.build import FORMS_DIR, SUFFIXES, planned_forms
from generator.diagnostics import Report
from generator.translate.words import Strings
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def corpus():
    report = Report()
    loaded = load_project(ROOT, report)
    assert loaded is not None, report.format()
    return loaded


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.headings: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a)
        if tag in ("h2", "h3"):
            self._in = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def test_files_are_published_once_for_every_language(built_site, corpus):
    """One copy of each file in site/forms/, none in the languages' packs folders (issue #15: the five
    identical copies were 4.6 MB of the site)."""
    forms = planned_forms(corpus)
    assert len(forms) == 5
    folder = built_site / FORMS_DIR
    found = 0
    for _doc, _kind, stem in forms:
        for suffix in SUFFIXES:
            path = folder / f"{stem}{suffix}"
            assert path.is_file() and path.stat().st_size > 500, path
            found += 1
            for language in corpus.config.languages:
                assert not (built_site / language.code / "packs" / path.name).exists(), (language.code, path.name)
    assert found == 15
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith((".gz", ".br"))) == sorted(
        f"{stem}{suffix}" for _doc, _kind, stem in forms for suffix in SUFFIXES)


def test_packs_page_offers_them_in_every_language(built_site, corpus):
    checked = 0
    for language in corpus.config.languages:
        page_file = built_site / language.code / "printable-packs" / "index.html"
        html = page_file.read_text(encoding="utf-8")
        page = _Page()
        page.feed(html)
        words = Strings.load(corpus.root, language.code, corpus.translations.get(language.code))
        heading, heading_lang = words.get("collect.heading")
        assert ("h2", heading) in [(t, " ".join(x.split())) for t, x in page.headings], language.code
        h2 = re.search(r'<h2 id="collect">(.*?)</h2>', html, re.S)
        assert h2, language.code
        if heading_lang != language.code:  # an English fallback is marked as English
            assert h2.group(1).startswith('<span lang="en" dir="ltr">'), h2.group(1)
        else:
            assert 'lang="en"' not in h2.group(1)
        # a heading for each form, saying which tool it is
        assert len(re.findall(r'<h3 id="collect-', html)) == 5
        base = page_file.parent.relative_to(built_site).as_posix() + "/"
        hrefs = [a["href"] for a in page.links if a["href"].endswith((".xlsx", ".xml", ".csv"))]
        assert len(hrefs) == 15, language.code
        for href in hrefs:
            target = built_site / urljoin(base, href)
            assert target.is_file(), (language.code, href)
            assert target.parent == built_site / FORMS_DIR, (language.code, href)  # the one shared copy
            checked += 1
    assert checked == 15 * len(corpus.config.languages)


def test_hostile_words_make_inert_forms(tmp_path, monkeypatch):
    """Every case of the hostile corpus (tests/fixtures/hostile/cases.yml) at once, with validate's safety
    checks off: the forms are still made (no crash), and nothing in them is a formula, a link or a
    reference to another answer."""
    import importlib.util
    import io
    import zipfile

    spec = importlib.util.spec_from_file_location("hostile_cases", Path(__file__).with_name("test_hostile.py"))
    hostile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hostile)
    from generator.collect.build import make_files
    from generator.validate import safety
    from generator.validate import translation_files as files

    cases = [c for c in hostile.CASES if c.get("inert", True) and c["place"] != "link"]
    root, _ = hostile.hostile_project(tmp_path, cases)
    for name in ("check_yaml_texts", "check_interface_words", "check_content_pages"):
        monkeypatch.setattr(safety, name, lambda *a, **k: None)
    monkeypatch.setattr(files, "check_text", lambda *a, **k: [])
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None and corpus.tools, report.format()
    made = make_files(corpus, report)
    assert not report.errors, report.format()
    assert made
    checked = 0
    for one in made:
        for name, data in one.files.items():
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
                    strings = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
                assert not any("<f>" in s or "<f " in s for s in sheets), name  # no formula
                text = strings + "".join(sheets)
            else:
                text = data.decode("utf-8-sig")
            assert "${" not in text and "](" not in text, name
            if name.endswith(".xml"):
                assert "<output " not in text, name  # no answer is shown inside another's words
            checked += 1
    assert checked == 3 * len(made)


def test_copies_an_earlier_build_left_are_removed(tmp_path, corpus):
    """A site built by an earlier version had a copy in every language's packs folder; a build that keeps the
    packs (--no-packs, --lang) must not leave those copies published, nor files of tools that are gone."""
    from generator.collect.build import build_collection_files

    stale = []
    for language in corpus.config.languages:
        packs = tmp_path / language.code / "packs"
        packs.mkdir(parents=True)
        (packs / "kept.pdf").write_bytes(b"%PDF")
        for name in ("jias-engagement-framework-survey.xlsx", "jias-engagement-framework-survey.xml.gz"):
            (packs / name).write_bytes(b"old")
            stale.append(packs / name)
    (tmp_path / FORMS_DIR).mkdir()
    gone = tmp_path / FORMS_DIR / "a-tool-that-is-gone.xlsx"
    gone.write_bytes(b"old")
    report = Report()
    made = build_collection_files(corpus, corpus.config.languages[:1], tmp_path, report)
    assert made and not report.errors, report.format()
    assert not [p for p in stale if p.exists()]
    assert not gone.exists()
    assert all((tmp_path / language.code / "packs" / "kept.pdf").is_file() for language in corpus.config.languages)
    assert (tmp_path / FORMS_DIR / "jias-engagement-framework-survey.xlsx").read_bytes()[:2] == b"PK"
