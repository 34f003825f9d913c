"""What is spoken on an easy-read page: its words in reading order, as plain text.

The order is the page's (theme/pages/easy-read.md.j2): the title, the "about" points, each part's heading
and points, the words to know, and who to contact. Not spoken: the pictures' text alternatives (the points
say what matters), links to other pages, notices, and web addresses (a voice reading "h t t p s colon slash
slash" helps nobody; the words of a link are read, its address is not).

A page in another language than English can hold English passages (not translated yet): each piece of
text keeps its language, so it is read by a voice that speaks it (speech_segments()).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..markup import lang as marking
from ..model.text import SOURCE_LANG, lang_of

#: A web address written out in the text (with or without https://).
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.I)
#: Characters that mean nothing spoken: the isolates that keep numbers left to right, soft hyphens, zero-width.
_SILENT = dict.fromkeys(map(ord, f"{marking.LRI}{marking.PDI}\u2067\u2068\u00ad\u200b\u200e\u200f\ufeff"), None)
#: How a sentence may end, in the site's languages (full stop, ? and ! in Latin and Arabic script, Urdu's full stop).
_ENDS = ".!?:;…؟۔"


@dataclass(frozen=True)
class Segment:
    """A piece of the text to speak and the language it is in."""

    lang: str
    text: str


class _Plain(HTMLParser):
    """The text of a small piece of HTML: the words of links, but not a link whose words are a web address."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.link = []
        elif tag in ("p", "li", "br", "div"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            words = "".join(self.link)
            if not _URL.fullmatch(words.strip()):
                self.parts.append(words)
            self.link = None

    def handle_data(self, data):
        (self.link if self.link is not None else self.parts).append(data)


def plain(markdown) -> str:
    """A Markdown text from the data as the words a voice should say: no markup, no web addresses."""
    import markdown as md

    text = str(markdown or "").translate(_SILENT)
    parser = _Plain()
    parser.feed(md.markdown(text))
    parser.close()
    words = _URL.sub(" ", "".join(parser.parts))
    return " ".join(words.split())


def _sentence(text: str) -> str:
    """text ending in a stop, so the voice pauses after a heading or a point as a reader would."""
    text = text.strip()
    return text if not text or text[-1] in _ENDS else text + "."


def page_segments(doc, strings) -> list[Segment]:
    """The words of doc's easy-read page, in reading order, each with its language. doc: the document as the
    page's readers see it (translate.localise); strings: the page language's interface words (translate/words.py)."""
    from ..model.labels import item_label
    from ..model.easyread import easy_read_parts

    er = doc.easy_read
    out: list[Segment] = []

    def add(text, lang: str | None = None) -> None:
        words = plain(text)
        if words:
            out.append(Segment(lang or lang_of(text), _sentence(words)))

    def word(key: str) -> None:
        text, lang = strings.get(key)
        add(text, lang)

    add(er.title)
    for point in er.about:
        add(point.text)
    for part in easy_read_parts(doc, item_label):  # (the page's order; its links are not read out)
        if part.kind == "heading":
            add(part.title)
        elif part.kind == "points":
            for point in part.points:
                add(point.text)
    if er.words:
        word("easy_read_words")
        for entry in er.words:
            add(entry.word)
            add(entry.meaning)
    word("easy_read_contact")
    for point in er.contact:
        add(point.text)
    return out


def speech_segments(segments: list[Segment]) -> list[Segment]:
    """Neighbouring pieces in the same language joined, one piece a paragraph, so each language is read by
    one run of its voice."""
    joined: list[Segment] = []
    for seg in segments:
        if joined and joined[-1].lang == seg.lang:
            joined[-1] = Segment(seg.lang, joined[-1].text + "\n\n" + seg.text)
        else:
            joined.append(seg)
    return joined


def transcript(segments: list[Segment]) -> str:
    """The whole text, as one string (for tests and for counting words)."""
    return "\n\n".join(s.text for s in segments)


__all__ = ["Segment", "SOURCE_LANG", "page_segments", "plain", "speech_segments", "transcript"]
