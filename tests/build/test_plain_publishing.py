"""Issue #12, "Honest, plain publishing", on the built default site, in every language: every page has a
title of its own, no page skips a heading level, index pages never cut a text without "…", dates are written
as readers write them, and each language has its own "page not found" page."""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from generator.model.dates import reader_date

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "pl", "gd", "ar", "ur")


def _pages(site: Path, lang: str) -> list[Path]:
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) > 50, f"only {len(pages)} pages in {lang}: the build is not the default site"
    return pages


def _plain(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_a_title_of_its_own(built_site, lang):
    titles: dict[str, list[str]] = {}
    for page in _pages(built_site, lang):
        found = re.findall(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
        assert len(found) == 1, f"{page}: {len(found)} <title> elements"
        titles.setdefault(" ".join(found[0].split()), []).append(str(page.relative_to(built_site)))
    repeated = {title: where for title, where in titles.items() if len(where) > 1}
    assert not repeated, f"{len(repeated)} titles name more than one page in {lang}, for example {next(iter(repeated.items()))}"
    assert not [t for t in titles if t.startswith("Index -")], "a page is titled after its file name (Index)"


def _heading_levels(page_html: str) -> list[int]:
    main = re.search(r"<article\b.*?</article>", page_html, re.S)
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main.group(0) if main else page_html)]


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_skips_a_heading_level(built_site, lang):
    checked = 0
    for page in _pages(built_site, lang) + [built_site / "index.html", built_site / "404.html"]:
        levels = _heading_levels(page.read_text(encoding="utf-8"))
        if not levels:
            continue
        checked += 1
        assert levels[0] == 1, f"{page}: the first heading is h{levels[0]}, not h1"
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{page}: h{before} then h{after} (levels {levels})"
    assert checked > 50


def test_the_heading_check_finds_a_skip():
    assert _heading_levels("<article><h1>a</h1><h2>b</h2><h4>c</h4></article>") == [1, 2, 4]


_CARD = re.compile(r'<li><a href="([^"]+)">.*?</a>(<div class="ck-card-text"[^>]*>.*?</div>|'
                   r'<p class="ck-card-text ck-card-text--cut">.*?</p>)?</li>', re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_index_pages_never_cut_a_text_without_a_mark(built_site, lang):
    """Every card on an index page (a document's page, the home page...) shows an item's words either whole,
    exactly as the item's own page shows them, or shortened, ending with "…"; never a stray "- "."""
    whole = cut = 0
    for page in _pages(built_site, lang):
        text = page.read_text(encoding="utf-8")
        for lists in re.findall(r'<ul class="ck-card-list">.*?</ul>\s*(?=<|$)', text, re.S):
            for href, shown in _CARD.findall(lists):
                if not shown:
                    continue
                words = _plain(shown)
                assert not words.startswith("- "), f"{page}: a card starts with a stray '- ': {words[:60]}"
                if "ck-card-text--cut" in shown:
                    cut += 1
                    assert words.endswith("…"), f"{page}: a shortened text without '…': {words[-60:]}"
                    continue
                whole += 1
                target = (page.parent / href.split("#")[0] / "index.html").resolve()
                inner = re.sub(r'^<div class="ck-card-text"[^>]*>|</div>$', "", shown)
                assert inner in target.read_text(encoding="utf-8"), \
                    f"{page}: a card shows {words[:60]!r}, which is not the whole text of {target}"
    assert whole > 40 and cut > 0, (whole, cut)


def test_statements_commitments_and_principles_are_shown_whole(built_site):
    """The issue's named cases, in English: "I" statements 2, 8 and 11, charter commitments 1 and 10 and
    the Standards' principles are whole on their documents' pages."""
    from generator.diagnostics import Report
    from generator.validate.project import load_project

    corpus = load_project(ROOT, Report())
    cases = {"jias-engagement-framework": ("statement-2", "statement-8", "statement-11"),
             "north-yorkshire-involvement-charter": ("commitment-1", "commitment-10"),
             "care-standards": tuple(f"principle-{n}" for n in range(1, 6))}
    for doc_id, item_ids in cases.items():
        page = _plain((built_site / "en" / doc_id / "index.html").read_text(encoding="utf-8"))
        for item_id in item_ids:
            item = corpus.items[(doc_id, item_id)].item
            words = _plain(re.sub(r"(?m)^\s*[-*]\s+", "", item.short_text or item.text))
            assert words in page, f"{doc_id} {item_id} is not whole on its document's page"


EXPECTED_DATES = {"en": "9 March 2022", "pl": "9 marca 2022", "gd": "9 dhen Mhàrt 2022",
                  "ar": "9 مارس 2022", "ur": "9 مارچ 2022"}


@pytest.mark.parametrize("lang", LANGS)
def test_dates_read_as_readers_write_them(built_site, lang):
    page = (built_site / lang / "jias-engagement-framework" / "index.html").read_text(encoding="utf-8")
    about = page[page.index('<dl class="ck-meta">'):]
    assert EXPECTED_DATES[lang] in _plain(about)
    assert "2022-03-09" not in _plain(about)
    assert reader_date("2022-03-09", lang) == EXPECTED_DATES[lang]


def test_dates_of_every_shape():
    assert reader_date("2015-10", "en") == "October 2015"
    assert reader_date("2017", "en") == "2017"
    assert reader_date("not a date", "en") == "not a date"
    assert reader_date("2022-02-30", "en") == "2022-02-30"  # no such day: shown as written, not a crash


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_page_not_found_page(built_site, lang):
    import yaml

    email = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))["contact"]["email"]
    page = (built_site / lang / "404.html").read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{lang}"', page)
    body = page[page.index("<article"):page.index("</article>")]
    # the page's words in its language (framework_data/translations/<lang>/interface.yml), or the English
    # marked as English while a language has no translation of them
    title = "Page not found"
    if lang != "en":
        entries = yaml.safe_load((ROOT / "framework_data" / "translations" / lang / "interface.yml")
                                 .read_text(encoding="utf-8"))["entries"]
        translated = (entries.get("not_found.title") or {}).get("text")
        if translated:
            title = translated
            assert '<span lang="en" dir="ltr">Page not found</span>' not in body
        else:
            assert '<span lang="en" dir="ltr">Page not found</span>' in body
    assert title in _plain(body)
    links = re.findall(r'href="([^"]+)"', body)
    assert any(link.rstrip("/").endswith(f"/{lang}") or link.endswith(f"/{lang}/.") for link in links), links  # home
    assert any(link.endswith(f"/{lang}/sitemap/") for link in links), links  # every page, without script
    assert any(link.startswith("mailto:") for link in links) and any(link.startswith("tel:") for link in links)
    assert 'class="md-search"' in page  # the search box at the top
    assert email in body
