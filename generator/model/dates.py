"""Dates as people read them: "15 January 2027", in the page's language (Babel's CLDR data, offline).

The data keeps dates as YYYY-MM-DD (or YYYY-MM, YYYY); pages for readers who find numbers like 2027-01-15
hard (easy read) write them out. A language Babel does not know gets the date as it is in the data.
"""
from __future__ import annotations

import datetime

#: the sites are British: English dates as "15 January 2027", not Babel's American default for "en"
LOCALES = {"en": "en_GB"}


def long_date(value: str, lang: str) -> str:
    """value (YYYY-MM-DD, YYYY-MM or YYYY) written out in lang: "15 January 2027", "January 2027", "2027"."""
    from babel import UnknownLocaleError
    from babel.dates import format_date, format_skeleton

    text = str(value).strip()
    lang = LOCALES.get(lang, lang)
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return format_date(datetime.date(int(parts[0]), int(parts[1]), int(parts[2])), format="long", locale=lang)
        if len(parts) == 2:
            return format_skeleton("yMMMM", datetime.date(int(parts[0]), int(parts[1]), 1), locale=lang)
    except (ValueError, UnknownLocaleError):
        return text
    return text
