"""How much of a translated language is still English: `charterkit i18n english-share`.

The measure (issue #13): in each page and pack of a translated language, the share of its words that are in
sentences of four or more words equal to a sentence of the same page or pack in English. A sentence is split
at . ! ? ؟ ۔ (and at the end of each paragraph, heading, list item, table cell); sentences are compared with
their spaces made single. Names and addresses (shorter than four words) do not count as English; a whole
English paragraph left untranslated does.

Text marked translate="no" is not counted: HTML's own mark for words that stay as they are, which pages and
packs put on names, addresses, and the titles, publishers and licences of sources as cited (markup/lang.py
cited). They are English on purpose: a reader needs a source's title in its own words to find the document,
and the mark tells screen readers and machine translation the same. Unmarked English is counted, however
short the element holding it. Scripts and styles are not counted either.

Pages are read from a built site (site/<lang>/.../index.html against site/en/ at the same path: the text
of the page's main column, <article>). Packs are measured on the HTML each pack is printed from (the same
text the PDF holds): the command makes it with print/ (print/packs.py pack_htmls(), without printing the
PDFs) and hands it over; this module only measures the text it is given.

The goal the issue sets: at most 2% of a language's words English, and no page or pack over 10%.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MIN_WORDS = 4
GOAL_OVERALL = 2.0  # per cent of a language's words, pages and packs together
GOAL_EACH = 10.0  # per cent of any one page or pack

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption", "figcaption",
           "blockquote", "div", "section", "header", "footer", "tr", "br", "summary", "title", "main", "ul", "ol",
           "dl", "table", "figure", "nav", "aside"}
_SKIP = {"script", "style", "svg", "noscript", "template"}
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+|\n+")
_WORD = re.compile(r"\w[\w'’-]*", re.U)


class _Text(HTMLParser):
    """The text of an HTML page in blocks: one string per paragraph, heading, list item or cell. inside: only
    the text inside the first element with this tag (e.g. "article"), if given."""

    def __init__(self, inside: str | None = None):
        super().__init__(convert_charrefs=True)
        self.inside = inside
        self.depth = 0 if inside else 1  # > 0 while inside the wanted element
        self.skip_tags: list[str] = []  # open elements whose text is not counted (script, translate="no")
        self.done = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if self.skip_tags:  # inside an element that is not counted: count its nesting
            self.skip_tags.append(tag)
            return
        if tag in _SKIP or dict(attrs).get("translate") == "no":
            self.skip_tags.append(tag)
            return
        if self.inside and tag == self.inside:
            self.depth += 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "img" and self.depth:
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"\n{alt}\n")

    def handle_endtag(self, tag):
        if self.done:
            return
        if self.skip_tags:
            while self.skip_tags:  # (tolerates an end tag whose start was left out)
                if self.skip_tags.pop() == tag:
                    break
            if self.skip_tags:
                return
            self.parts.append("\n")
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        if self.inside and tag == self.inside and self.depth:
            self.depth -= 1
            if not self.depth:
                self.done = True

    def handle_data(self, data):
        if self.depth and not self.skip_tags and not self.done:
            self.parts.append(data)


def text_of(html: str, inside: str | None = None) -> str:
    parser = _Text(inside)
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def sentences(text: str) -> list[str]:
    out = []
    for piece in _SENTENCE_END.split(text):
        piece = " ".join(piece.split())
        if piece:
            out.append(piece)
    return out


def words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass
class Measured:
    """One page or pack: its words, and how many of them are in sentences equal to the English version's."""

    kind: str  # "page" or "pack"
    name: str  # the page's path under site/<lang>/, or the pack's file name
    words: int
    english: int
    examples: list[str] = field(default_factory=list)  # a few of the English sentences found

    @property
    def percent(self) -> float:
        return 100.0 * self.english / self.words if self.words else 0.0


def measure(translated: str, english: str, kind: str, name: str) -> Measured:
    """The English share of one translated text against the same text in English (both plain text)."""
    english_sentences = {s for s in sentences(english) if words(s) >= MIN_WORDS}
    total = same = 0
    examples: list[str] = []
    for sentence in sentences(translated):
        n = words(sentence)
        total += n
        if n >= MIN_WORDS and sentence in english_sentences:
            same += n
            if len(examples) < 3:
                examples.append(sentence)
    return Measured(kind, name, total, same, examples)


@dataclass
class LanguageShare:
    lang: str
    items: list[Measured]
    pages_measured: bool

    @property
    def words(self) -> int:
        return sum(m.words for m in self.items)

    @property
    def english(self) -> int:
        return sum(m.english for m in self.items)

    @property
    def percent(self) -> float:
        return 100.0 * self.english / self.words if self.words else 0.0

    def part(self, kind: str) -> float:
        mine = [m for m in self.items if m.kind == kind]
        total = sum(m.words for m in mine)
        return 100.0 * sum(m.english for m in mine) / total if total else 0.0

    def worst(self, n: int = 5) -> list[Measured]:
        return sorted(self.items, key=lambda m: (-m.percent, m.name))[:n]

    @property
    def meets_goal(self) -> bool:
        return self.percent <= GOAL_OVERALL and all(m.percent <= GOAL_EACH for m in self.items)


# ---- pages ------------------------------------------------------------------------------------------
def page_shares(site: Path, lang: str) -> list[Measured]:
    """Every page of site/<lang>/ that has an English page at the same path, measured on its main column."""
    site = Path(site)
    out = []
    base = site / lang
    for path in sorted(base.rglob("index.html")):
        rel = path.relative_to(base)
        english = site / "en" / rel
        if not english.is_file():
            continue
        mine = text_of(path.read_text(encoding="utf-8", errors="replace"), "article")
        theirs = text_of(english.read_text(encoding="utf-8", errors="replace"), "article")
        out.append(measure(mine, theirs, "page", rel.parent.as_posix() or "."))
    return out


# ---- packs ------------------------------------------------------------------------------------------
def pack_texts(htmls: dict[str, str]) -> dict[str, str]:
    """The text of each pack, from the HTML it is printed from (print/packs.py pack_htmls(): by the pack's file
    name without the language, "<id>-standard")."""
    return {name: text_of(html, "body") for name, html in htmls.items()}


def pack_shares(mine: dict[str, str], english: dict[str, str], lang: str) -> list[Measured]:
    """Every pack of one language (mine: pack_texts()) measured against the same pack in English."""
    return [measure(text, english.get(name, ""), "pack", f"{name}-{lang}.pdf") for name, text in mine.items()]


def english_share(site: Path | None, packs: dict[str, dict[str, str]], english: dict[str, str]) -> list[LanguageShare]:
    """The English share of each language of packs (language code -> the text of its packs, pack_texts()),
    against english (the English packs' texts); its pages too, from site, if it is a built site."""
    out = []
    for lang, texts in packs.items():
        items = pack_shares(texts, english, lang)
        pages = site is not None and (Path(site) / lang).is_dir() and (Path(site) / "en").is_dir()
        if pages:
            items = page_shares(Path(site), lang) + items
        out.append(LanguageShare(lang, items, pages))
    return out
