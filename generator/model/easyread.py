"""What the easy-read page and pack of a document show besides the points, decided once for both."""
from __future__ import annotations

from .text import SOURCE_LANG

#: An easy-read page with more points than this gets a contents list at the top (issue #14).
CONTENTS_OVER_POINTS = 20


def checked_by(er, lang: str):
    """Who checked this easy read with people who read easy read (a CheckedBy), or None: the page and pack then
    say that nobody has yet. checked_by records a check of the English easy read, so a translation shows as not
    checked: nobody has checked the translated words with the people who read them."""
    return er.checked_by if er is not None and lang == SOURCE_LANG else None
