"""Issue #12, "Honest, plain publishing", on the built default site, in every language: every page has a
title of its own, no page skips a heading level, index pages never cut a text without "…", dates are written
as readers write them, and each language has its own "page not found" page."""
from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
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


# ---- who runs the site, on right-to-left pages; short forms; "How the documents link" --------------------------

_ENGLISH = re.compile(r'<(bdi|span) lang="en" dir="ltr">[^<]*</\1>')


def _outside_english(fragment: str) -> str:
    """The words of an HTML fragment that are not inside an element isolated and marked as English."""
    return _plain(_ENGLISH.sub(" ", fragment))


def _site_words(lang: str) -> dict[str, str]:
    """The translated words of site_config.yml in lang (framework_data/translations/<lang>/site.yml)."""
    import yaml

    path = ROOT / "framework_data" / "translations" / lang / "site.yml"
    return {key: entry["text"] for key, entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"].items()}


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_right_to_left_headers_keep_the_organisation_and_site_names_in_order(built_site, lang):
    """The header of every Arabic and Urdu page names the organisation, then the site, in the page's language;
    any Latin letters in them are isolated and marked as English, so the right-to-left order cannot jumble them."""
    words = _site_words(lang)
    expected = f"{_plain(words['site.organisation'])} · {_plain(words['site.name'])}"
    for page in _pages(built_site, lang):
        text = page.read_text(encoding="utf-8")
        start = text.index('<div class="md-header__topic">')
        topic = text[start:text.index("</div>", start)]
        assert '<span class="ck-org">' in topic and '<span class="ck-site-name">' in topic, page
        assert _plain(topic) == expected, (page, _plain(topic))
        assert not re.search(r"[A-Za-z]", _outside_english(topic)), (page, topic)


def test_the_header_check_finds_loose_english():
    assert re.search(r"[A-Za-z]", _outside_english('<span class="ck-org">The charterkit project</span> · مواثيق'))
    assert not re.search(r"[A-Za-z]", _outside_english('<span lang="en" dir="ltr">The charterkit project</span> · مواثيق'))


class _LooseLatin(HTMLParser):
    """The text in Latin letters of a right-to-left page's <body> that is not marked with another language (lang)
    or kept left to right (dir="ltr", Unicode isolates) as an item's number is."""

    SKIP = {"script", "style", "svg", "code", "pre", "kbd", "textarea", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.loose, self.english = lang, [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            a = dict(attrs)
            self.stack.append((tag, a.get("lang"), a.get("dir")))
            self.english += a.get("lang") == "en" and a.get("dir") == "ltr"

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in [t for t, _, _ in self.stack]:
            return
        while self.stack:
            t, lang, direction = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if any(t in self.SKIP for t, _, _ in self.stack):
            return
        langs = [lang for _, lang, _ in self.stack if lang]
        if langs and langs[-1] != self.lang:
            return  # marked as English (or another language)
        numbering = any(direction == "ltr" for _, _, direction in self.stack)
        for piece in re.split("(\u2066[^\u2069]*\u2069)", data):
            if piece.startswith("\u2066") or numbering:
                # an item's number kept in order ("(b)(v)", "2.1"): words in it would be English left unmarked
                if re.search(r"[A-Za-z]{2,}", re.sub(r"\([A-Za-z]{1,5}\)", " ", piece)):
                    self.loose.append(piece.strip())
            elif re.search(r"[A-Za-z]", piece):
                self.loose.append(piece.strip())


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_english_on_right_to_left_pages_is_isolated_and_marked(built_site, lang):
    """On every Arabic and Urdu page (its text, menus, header and footer) each passage in Latin letters, the
    English left in the words (a glossary term, an organisation's or a document's name, a short form, an address),
    is inside an element marked lang="en" dir="ltr" (or with its own language, as a language's name): laid out
    as one left-to-right piece, and read out with an English voice. Only items' numbers ("(b)(v)") are isolated
    without it."""
    loose: dict[str, str] = {}
    english = 0
    pages = _pages(built_site, lang) + [built_site / lang / "404.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = _LooseLatin(lang)
        parser.feed(text[text.index("<body"):])
        english += parser.english
        for piece in parser.loose:
            loose.setdefault(piece, str(page.relative_to(built_site)))
    assert not loose, f"{len(loose)} passages in Latin letters not marked as English, for example {list(loose.items())[:6]}"
    assert english > 1000, english  # the site's English names are there, marked


_LISTS = re.compile(r'<p class="ck-(?:short-forms|from|see-also)">.*?</p>', re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_lists_are_joined_with_the_languages_own_semicolon_and_comma(built_site, lang):
    """The lists the pages join (the short forms, the documents a word comes from, "See also", where a document
    applies) use the page's language's punctuation: the Arabic semicolon "؛" and comma "،" on Arabic and Urdu
    pages (outside the English names in them), ";" and "," on the others."""
    semicolon, comma = ("؛", "،") if lang in ("ar", "ur") else (";", ",")
    other = {"؛": ";", ";": "؛"}[semicolon]
    joined = 0
    for page in _pages(built_site, lang):
        text = page.read_text(encoding="utf-8")
        for line in _LISTS.findall(text):
            words = _outside_english(line)
            assert other not in words, (page, words)
            joined += words.count(semicolon)
    assert joined > 50, joined
    charter = (built_site / lang / "north-yorkshire-involvement-charter" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"North Yorkshire(?:</bdi>)?{comma} ", charter), "where it applies: not the language's comma"


_SHORT = re.compile(r'<p class="ck-short-forms">.*?</p>', re.S)
_NOTICE = re.compile(r'<div class="ck-notice\b[^"]*"[^>]*>.*?</div>', re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_what_its_short_forms_stand_for(built_site, lang):
    """Each short form a page uses (JIAS, NICE, IJB...: theme/strings short_forms) is spelled out in the line of
    short forms under its main heading; on right-to-left pages that line has no Latin letters outside an element
    isolated and marked as English."""
    import yaml

    shorts = sorted(yaml.safe_load((ROOT / "theme" / "strings" / "en.yml").read_text(encoding="utf-8"))["short_forms"])
    assert len(shorts) >= 10
    pages_with_line = 0
    for page in _pages(built_site, lang):
        text = page.read_text(encoding="utf-8")
        article = re.search(r"<article\b.*?</article>", text, re.S).group(0)
        lines = _SHORT.findall(article)
        assert len(lines) <= 1, page
        line = lines[0] if lines else ""
        rest = _plain(re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", _SHORT.sub(" ", article)))
        used = [s for s in shorts if re.search(rf"\b{s}(?=\d|\b)", rest)]
        named = [s for s in shorts if re.search(rf"\b{s}:", re.sub(r"<[^>]+>", "", line))]
        assert set(used) <= set(named), f"{page}: {sorted(set(used) - set(named))} used, not spelled out"
        if line:
            pages_with_line += 1
            first_heading = article.index("</h1>")
            assert article.index(line) > first_heading, f"{page}: the short forms are not under the main heading"
            # straight under it, on every kind of page (content pages, crosswalks, the home page too): only the
            # notices (a draft, English passages) come between, so a reader meets the meanings before the text
            between = _NOTICE.sub("", article[first_heading + len("</h1>"):article.index(line)])
            assert not between.strip(), f"{page}: {_plain(between)[:80]!r} comes before the short forms"
            if lang in ("ar", "ur"):
                assert not re.search(r"[A-Za-z]", _outside_english(line)), (page, _outside_english(line))
    assert pages_with_line > 20, pages_with_line


@pytest.mark.parametrize("lang", LANGS)
def test_how_the_documents_link_is_explained_and_its_tables_say_yes(built_site, lang):
    """The crosswalks are called what a reader understands ("How the documents link" in English, the page's own
    word elsewhere), with a plain introduction on every page of them; each linked cell shows ✓ and says "Yes" (in
    the page's language) to a screen reader; an empty cell says "No"."""
    index = (built_site / lang / "crosswalks" / "index.html").read_text(encoding="utf-8")
    heading = _plain(re.search(r"<h1\b[^>]*>(.*?)</h1>", index, re.S).group(1))
    if lang == "en":
        assert heading == "How the documents link"
    assert "crosswalk" not in heading.casefold()
    intro = _plain(re.search(r"<h1\b.*?</h1>.*?<p>(.*?)</p>", index, re.S).group(1))
    assert "✓" in intro and len(intro.split()) > 20, intro
    pages = sorted((built_site / lang / "crosswalks").glob("*--*/index.html"))
    assert len(pages) >= 4
    empty = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert intro in _plain(text), page
        yes = re.findall(r'<td class="ck-yes">(.*?)</td>', text, re.S)
        assert yes, page
        words = {_plain(cell) for cell in yes}
        assert len(words) == 1 and next(iter(words)).startswith("✓"), (page, words)
        assert all('<span aria-hidden="true">✓</span><span class="ck-sr">' in cell for cell in yes), page
        assert text.count("✓") == len(yes) + intro.count("✓"), page
        others = {_plain(cell) for cell in re.findall(r"<td>(.*?)</td>", text, re.S)}
        empty += len(re.findall(r"<td>", text))
        assert len(others) <= 1 and "✓" not in "".join(others), (page, others)
        if lang == "en":
            assert words == {"✓ Yes"} and others <= {"No"}, (page, words, others)
    assert empty > 0  # some cells are empty: "No"


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_the_page_not_found_reads_the_text_relay_in_its_own_order(built_site, lang):
    """The translated text relay line ("18001 ثم 01234 567890") is not forced left to right on a right-to-left
    page (that would put "then" and the numbers in the wrong order); email and phone links are."""
    page = (built_site / lang / "404.html").read_text(encoding="utf-8")
    relay = _site_words(lang)["contact.text_relay"]
    assert re.search("[\u0600-\u06ff]", relay), "the default text relay line is translated"
    start = page.index('class="ck-not-found-contact"')
    lines = re.findall(r"<li>(.*?)</li>", page[start:page.index("</ul>", start)], re.S)
    shown = [line for line in lines if htmllib.escape(relay, quote=True) in line or relay in line]
    assert len(shown) == 1, lines
    assert f"<bdi>{htmllib.escape(relay, quote=True)}</bdi>" in shown[0] and 'dir="ltr"' not in shown[0], shown[0]
    links = [line for line in lines if "<a " in line]
    assert len(links) == 2 and all('dir="ltr"' in line for line in links), links


@pytest.mark.parametrize("lang", LANGS)
def test_types_and_numbers_like_b_v_are_explained(built_site, lang):
    """"Type: Experience" is never shown alone: every item's type is followed by what it means; a document page
    with numbers like "(b)(v)" says how to read them."""
    types = 0
    for page in _pages(built_site, lang):
        for shown in re.findall(r'<p class="ck-type">(.*?)</p>', page.read_text(encoding="utf-8"), re.S):
            types += 1
            words = _plain(shown)
            assert "–" in words and len(words.split("–", 1)[1].split()) >= 4, f"{page}: {words}"
    assert types > 10, types
    page = (built_site / lang / "integration-principles" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="ck-numbering-note">(.*?)</p>', page, re.S)
    assert note and "(b)" in _plain(note.group(1)), "no note on how to read (b)(i) on the integration principles' page"
