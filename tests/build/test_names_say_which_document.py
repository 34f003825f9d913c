"""Names that say which document: a search result, a site-map entry and a link are read away from the page around
them (a screen reader's list of links, a list of search results), so each must say where it goes.

Before: the 8 easy-read pages were all "Easy read version" in the search results and the site map (in every
language: "نسخة سهلة القراءة" twice for one Arabic search), and the printable packs page had 8 links "Listen to
the easy read (computer voice)" and 5 each of "XLSForm workbook (.xlsx)", "XForm (.xml)" and "Codebook (.csv)",
each going to a different file."""
from __future__ import annotations

import html as htmllib
import json
import posixpath
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

LANGS = ("en", "pl", "gd", "ar", "ur")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Links(HTMLParser):
    """Every <a href> of a page with its words as a screen reader names it: its aria-label, else its text
    (visually hidden text included, aria-hidden parts left out, a picture's alt text included)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[bool] = []  # for each open element: whether it is aria-hidden
        self.hidden = 0
        self.current = None  # [href, words, aria-label, depth]
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in _VOID:
            if tag == "img" and self.current is not None and not self.hidden:
                self.current[1].append(values.get("alt") or "")
            return
        hidden = values.get("aria-hidden") == "true"
        self.open.append(hidden)
        self.hidden += hidden
        if tag == "a" and values.get("href") is not None and self.current is None:
            self.current = [values["href"], [], values.get("aria-label"), len(self.open)]

    def handle_endtag(self, tag):
        if tag in _VOID or not self.open:
            return
        self.hidden -= self.open.pop()
        if self.current is not None and len(self.open) < self.current[3]:
            href, words, label, _ = self.current
            self.links.append((href, " ".join((label or "".join(words)).split())))
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.hidden:
            self.current[1].append(data)


def _links(page: Path, content_only: bool = False) -> list[tuple[str, str]]:
    """The page's links (content_only: those in its content, not its menus)."""
    text = page.read_text(encoding="utf-8")
    if content_only:
        text = text[text.index("<article"):text.index("</article>")]
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.links


def _file(site: Path, page: Path, href: str) -> str:
    """The file a link goes to, from the site's folder ("en/care-standards/", "en/packs/x.pdf")."""
    here = page.relative_to(site).as_posix()
    if re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return href.split("#")[0]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), href.split("#")[0]))
    return target[: -len("index.html")] if target.endswith("index.html") else target.rstrip("/") + "/" * (
        not posixpath.splitext(target)[1])


def _same_words_other_files(site: Path, page: Path) -> dict[str, set[str]]:
    files: dict[str, set[str]] = defaultdict(set)
    for href, words in _links(page):
        if href.startswith("#") or not words:  # (a place on the same page; a link without words is another test's)
            continue
        files[words].add(_file(site, page, href))
    return {words: found for words, found in files.items() if len(found) > 1}


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_links_on_a_page_have_the_same_words_but_go_to_different_files(built_site, lang):
    pages = sorted((built_site / lang).rglob("*.html"))
    assert len(pages) > 50, f"only {len(pages)} pages in {lang}"
    packs_page = built_site / lang / "printable-packs" / "index.html"
    assert packs_page in pages, f"{lang} has no printable packs page"
    counted = 0
    wrong = []
    for page in pages:
        links = _links(page)
        counted += len(links)
        for words, files in _same_words_other_files(built_site, page).items():
            wrong.append(f"{page.relative_to(built_site)}: {len(files)} links {words!r} go to {sorted(files)[:3]}")
    assert counted > 1000, f"only {counted} links found in {lang}: the pages have changed"
    assert not wrong, f"{len(wrong)} times in {lang}:\n" + "\n".join(wrong[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_the_packs_page_names_each_document_in_its_audio_and_form_links(built_site, lang):
    """What the test above checks, on the page where the review found it: the audio links name their documents
    in their visible words; each form's three files name their form."""
    page = built_site / lang / "printable-packs" / "index.html"
    links = _links(page)
    audio = [(href, words) for href, words in links if href.endswith(".opus")]
    forms = [(href, words) for href, words in links if "/forms/" in href]
    assert len(audio) >= 8 and len(forms) >= 15, (len(audio), len(forms))
    assert len({words for _, words in audio}) == len({href for href, _ in audio}), audio
    assert len({words for _, words in forms}) == len({href for href, _ in forms}), forms
    html = page.read_text(encoding="utf-8")
    titles = {}  # the document's name, as its standard pack's link shows it, by the document's id
    for href, name in re.findall(r'<a class="ck-attachment-link" href="[^"]*/packs/([a-z0-9-]+)-standard-[a-z]+\.pdf"'
                                 r'[^>]*>(.*?)<span class="ck-sr">', html):
        titles[href] = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", name)).split())
    assert len(titles) >= 8, titles
    for href, words in audio:
        doc = re.search(r"/audio/([a-z0-9-]+)-easy-read-[a-z]+\.opus$", href).group(1)
        visible = re.search(r'<a href="' + re.escape(href) + r'"[^>]*>(.*?)</a>', html).group(1)
        assert "ck-sr" not in visible, visible
        assert titles[doc] in words, (href, words, titles[doc])


@pytest.mark.parametrize("lang", LANGS)
def test_each_easy_read_page_is_named_by_its_document_in_search_and_the_site_map(built_site, lang):
    entries = json.loads((built_site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = [e for e in entries if "#" not in e["location"]]
    assert len(pages) > 50, f"only {len(pages)} pages in the {lang} search index"
    # within a language, no two search results share a name while going to pages of different documents
    # (a page's sections are shown under its name, so the pages' names are what tells the results apart)
    places: dict[str, set[str]] = defaultdict(set)
    for entry in pages:
        places[" ".join(entry["title"].split())].add(entry["location"].split("/")[0])
    shared = {title: found for title, found in places.items() if len(found) > 1}
    assert not shared, f"{lang}: search results with the same name for different documents: {shared}"
    easy_reads = [e for e in pages if e["location"].endswith("/easy-read/")]
    assert len(easy_reads) >= 8, easy_reads
    sitemap = _links(built_site / lang / "sitemap" / "index.html", content_only=True)
    for entry in easy_reads:
        doc = entry["location"].split("/")[0]
        # the document's name as the site map shows it (its title)
        names = [_plain(words) for href, words in sitemap if href.rstrip("/").endswith(f"/{doc}")]
        assert len(names) == 1, (lang, doc, names)
        title = _plain(htmllib.unescape(entry["title"]))
        assert names[0] in title, (lang, entry["location"], title, names[0])
        listed = [_plain(words) for href, words in sitemap if href.rstrip("/").endswith(f"/{doc}/easy-read")]
        assert listed == [title], (lang, doc, listed, title)


def _plain(words: str) -> str:
    return " ".join(words.replace("\u2066", "").replace("\u2067", "").replace("\u2069", "").split())
