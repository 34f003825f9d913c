"""What the easy-read page and pack of a document show besides the points, decided once for both."""
from __future__ import annotations

from dataclasses import dataclass

from .text import SOURCE_LANG

#: An easy-read page with more points than this gets a contents list at the top (issue #14).
CONTENTS_OVER_POINTS = 20


def checked_by(er, lang: str):
    """Who checked this easy read with people who read easy read (a CheckedBy), or None: the page and pack then
    say that nobody has yet. checked_by records a check of the English easy read, so a translation shows as not
    checked: nobody has checked the translated words with the people who read them."""
    return er.checked_by if er is not None and lang == SOURCE_LANG else None


@dataclass(frozen=True)
class EasyReadPart:
    """One part of an easy-read page, in reading order: a heading (level, title, id), a list of points, or a
    link to an item's own page ("more")."""

    kind: str
    level: int = 0
    title: object = None
    id: str = ""
    points: tuple = ()
    item: object = None
    href: str = ""


def easy_read_parts(doc, label, more=None) -> list[EasyReadPart]:
    """The sections and items of a document that have easy-read points, in reading order: the order of the web
    page (web/context.py) and of its audio (audio/text.py). label(item): an item's heading where it has no
    easy_read_title. more(item): the address of the item's own page, or None where it has none (no "more" part;
    without more, no part is a link)."""
    from .labels import item_has_easy_read as _item_has_easy_read, section_has_easy_read as _section_has_easy_read

    parts: list[EasyReadPart] = []

    def section(sec, level: int):
        if not (sec.easy_read or any(_item_has_easy_read(i) for i in sec.items)
                or any(_section_has_easy_read(s) for s in sec.sections)):
            return
        parts.append(EasyReadPart("heading", min(level, 6), sec.easy_read_title or sec.title, sec.id))
        if sec.easy_read:
            parts.append(EasyReadPart("points", points=tuple(sec.easy_read)))
        for item in sec.items:
            items(item, level + 1)
        for sub in sec.sections:
            section(sub, level + 1)

    def items(item, level: int):
        if item.easy_read:
            parts.append(EasyReadPart("heading", min(level, 6), item.easy_read_title or label(item), item.id))
            parts.append(EasyReadPart("points", points=tuple(item.easy_read)))
            link = more(item) if more is not None else None
            if link is not None:
                parts.append(EasyReadPart("more", item=item, href=link))
        for sub in item.items:
            items(sub, level + 1)

    for sec in doc.sections:
        section(sec, 2)
    return parts
