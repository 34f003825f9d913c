"""Issue #14 on the built default site: what every easy-read page of every language shows besides its points.

Read from the session's one build of the default site (built_site): the credit and licence of the pictures, phone
numbers and email addresses as links, the words the page used at its end, the "not checked yet" notice and no
easy-read logo, pictures from the site itself. (The points' rules are checked in the data: tests/data/; the
pictures' sizes in a browser: tests/browser/test_easy_read_pictures.py.)
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.check.easyread import word_key
from generator.check.picture_sizes import easy_read_paths

LANGS = ("en", "pl", "gd", "ar", "ur")
PHONE = re.compile(r"(?<![\d+])(?:\+44\s?|0)\d(?:[\s\u00a0-]?\d){8,10}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class EasyReadPage(HTMLParser):
    """The parts of an easy-read page's content (the ck-easy-read block) the tests read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the ck-easy-read block when > 0
        self.imgs: list[dict] = []
        self.links: list[tuple[str, str]] = []  # (href, words)
        self.unlinked: list[str] = []  # text outside links
        self.strong_in_points: list[str] = []  # bold words of the points (before the word list)
        self.listed: list[str] = []  # the words of the word list (<dt>)
        self.credit = ""
        self.headings: list[str] = []  # ids of the h2 headings, in order
        self.not_checked = 0
        self._stack: list[str] = []
        self._link: list | None = None
        self._in = {"strong": 0, "dt": 0, "credit": 0, "words": False}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if self.depth == 0:
            if tag == "div" and "ck-easy-read" in classes:
                self.depth = 1
                self._stack = ["div"]
            return
        if tag not in ("img", "br", "hr", "meta", "input", "source"):
            self._stack.append(tag)
        if tag == "img":
            self.imgs.append(a)
        elif tag == "a":
            self._link = [a.get("href") or "", ""]
        elif tag == "strong":
            self._in["strong"] += 1
        elif tag == "dt":
            self._in["dt"] += 1
            self.listed.append("")
        elif tag == "p" and "ck-credit" in classes:
            self._in["credit"] += 1
        elif tag == "h2":
            self.headings.append(a.get("id") or "")
            self._in["words"] = a.get("id") == "words"
        if "ck-er-not-checked" in classes:
            self.not_checked += 1

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in ("img", "br", "hr", "meta", "input", "source"):
            return
        while self._stack:
            top = self._stack.pop()
            if top == "a" and self._link is not None:
                self.links.append((self._link[0], self._link[1]))
                self._link = None
            if top in ("strong", "dt"):
                self._in[top] -= 1
            if top == "p" and self._in["credit"]:
                self._in["credit"] -= 1
            if top == tag:
                break
        if not self._stack:
            self.depth = 0

    def handle_data(self, data):
        if self.depth == 0:
            return
        if self._link is not None:
            self._link[1] += data
        else:
            self.unlinked.append(data)
        if self._in["strong"] and not self._in["words"]:
            self.strong_in_points.append(data)
        if self._in["dt"]:
            self.listed[-1] += data
        if self._in["credit"]:
            self.credit += data


def read(site: Path, path: str) -> EasyReadPage:
    page = EasyReadPage()
    page.feed((site / path / "index.html").read_text(encoding="utf-8"))
    assert page.imgs, f"{path}: found no easy-read block with pictures"
    return page


@pytest.fixture(scope="module")
def pages(built_site):
    paths = easy_read_paths(built_site)
    assert {p.split("/")[0] for p in paths} == set(LANGS) and len(paths) == 8 * len(LANGS), paths
    return {p: read(built_site, p) for p in paths}


def test_every_page_credits_the_pictures_with_their_licence(pages):
    for path, page in pages.items():
        credit = " ".join(page.credit.split())
        assert "Mulberry Symbols" in credit and "Steve Lee" in credit and "CC BY-SA 4.0" in credit, (path, credit)
        assert "OpenMoji" in credit, (path, credit)  # the second set, named while any picture could come from it


def test_pictures_are_the_sites_own_and_there_is_no_easy_read_logo(built_site, pages):
    """Every picture of the page's content is a point's picture, a file of the site's own: no easy-read logo
    (none is shown until people who read easy read have checked the page), nothing from another host."""
    for path, page in pages.items():
        for img in page.imgs:
            assert "ck-er-picture" in (img.get("class") or "").split(), (path, img)
            src = img["src"]
            assert not re.match(r"[a-z]+:|//", src, re.I) and "/assets/pictures/" in src and img.get("alt"), (path, img)
            assert (built_site / path / src).resolve().is_file(), (path, src)
        assert page.not_checked == 1, f"{path}: the 'not checked yet' notice is missing"


def test_phone_numbers_and_email_addresses_are_links(pages):
    tel = mailto = 0
    for path, page in pages.items():
        outside = " ".join(page.unlinked)
        assert not PHONE.search(outside), (path, PHONE.search(outside).group(0))
        assert not EMAIL.search(outside), (path, EMAIL.search(outside).group(0))
        for href, words in page.links:
            if href.startswith("tel:"):
                tel += 1
                digits = re.sub(r"\D", "", words)
                assert digits and href[4:].lstrip("+").endswith(digits.lstrip("0")[-9:]), (path, href, words)
            elif href.startswith("mailto:"):
                mailto += 1
                assert href[7:] == words.strip(), (path, href, words)
    assert tel >= len(LANGS) and mailto >= len(LANGS), (tel, mailto)  # the default site has both, in every language


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_ends_with_the_words_it_used(pages, lang):
    """The last heading is the word list, and it lists the bold words of the page's points: each once, none
    missing, none extra, in every language."""
    checked = 0
    for path, page in pages.items():
        if not path.startswith(lang + "/"):
            continue
        assert page.headings[-2:] == ["contact", "words"], (path, page.headings)
        listed = [word_key(" ".join(w.split())) for w in page.listed]
        assert len(listed) == len(set(listed)), (path, listed)
        bold = {word_key(" ".join(w.split())) for w in page.strong_in_points}
        assert bold, path
        assert set(listed) == bold, (path, "not listed:", sorted(bold - set(listed)), "not used:", sorted(set(listed) - bold))
        checked += 1
    assert checked == 8


def test_the_contact_part_gives_the_sites_email_and_phone_as_links_and_links_the_other_formats_page(built_site, pages):
    """The easy read's contact points say the site's details are on the page of other formats: the contact part
    also gives the email address and phone number of site_config.yml as links, and links that page, in every
    language."""
    import yaml

    contact = yaml.safe_load((Path(__file__).resolve().parents[2] / "site_config.yml").read_text("utf-8"))["contact"]
    for path, page in pages.items():
        hrefs = {href for href, _ in page.links}
        assert f"mailto:{contact['email']}" in hrefs, path
        if contact.get("phone"):
            assert any(h.startswith("tel:") for h in hrefs), path
        formats = [h for h in hrefs if h.rstrip("/").endswith("other-formats")]
        assert formats, f"{path}: no link to the page of other formats"
        assert (built_site / path / formats[0] / "index.html").resolve().is_file(), (path, formats[0])
