"""How a text, an item or a document is named where it is shown: a first sentence, an item's number and name,
a document's name in menus. Shared by the web pages and the packs (neither imports the other).
"""
from __future__ import annotations

import re

from .schema import Document, Item, Section
from .text import LText


def keep_lang(source, text: str):
    """text, carrying over the language of the text it was made from."""
    if isinstance(source, LText):
        return LText(text, source.lang, source.state)
    return text


def first_sentence(text: str, limit: int = 160) -> str:
    """The first sentence of a text (at most limit characters), as plain text. A text that is cut ends with
    "…", so a reader never takes part of a text for all of it (issue #12); a list's first entry loses its
    "- "."""
    plain = " ".join(re.sub(r"[*_`#>]", "", text).split())
    plain = re.sub(r"^[-+]\s+", "", plain)
    m = re.match(r"(.+?[.!?])(\s|$)", plain)
    out = m.group(1) if m else plain
    out = out if len(out) <= limit else out[: limit - 1].rsplit(" ", 1)[0]
    if len(out) < len(plain) and not out.endswith("…"):
        out += " …" if out.endswith((".", "!", "?")) else "…"
    return keep_lang(text, out)


#: A text on an index page (a card) is shown whole when it is a list (the Standards' principles) or at most
#: this many characters ("I" statements, charter commitments, principles: their wording is the point);
#: a longer text shows its first sentence, ending with "…", and the card links to all of it.
WHOLE_ON_INDEX = 400


def shown_whole(text: str) -> bool:
    """Whether an index page shows this text whole (see WHOLE_ON_INDEX)."""
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    if lines and re.match(r"^[-+*]\s", lines[0]):
        return True
    return len(" ".join(str(text).split())) <= WHOLE_ON_INDEX


_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")


def reader_label(doc: Document) -> str:
    """A document's name in menus, crosswalks and page titles: its short title, or its full title where the
    short one leans on an acronym a reader may not know ("JIAS engagement framework" is "Joint Inspection of
    Adult Services engagement framework"; issue #12, plain navigation)."""
    return doc.title if _ACRONYM.search(str(doc.label)) else doc.label


def item_label(item: Item) -> str:
    """How an item is named in links and tables: its number and short name."""
    name = item.title or (first_sentence(item.short_text or item.text or "") if (item.short_text or item.text) else item.id)
    if item.number and not name.startswith(item.number):
        return keep_lang(name, f"{item.number}. {name}" if item.number.isdigit() else f"{item.number} {name}")
    return name


def item_has_easy_read(item: Item) -> bool:
    return bool(item.easy_read) or any(item_has_easy_read(i) for i in item.items)


def section_has_easy_read(section: Section) -> bool:
    return (bool(section.easy_read) or any(item_has_easy_read(i) for i in section.items)
            or any(section_has_easy_read(s) for s in section.sections))
