"""Dates as readers write them: "9 March 2022", "October 2015", "2017", in the page's language (Babel's
CLDR data, offline: "9 marca 2022" in Polish, the month's name in Gaelic, Arabic and Urdu).

The data gives dates as YYYY-MM-DD, YYYY-MM or YYYY (model/schema.py DateText). Anything else is shown as it
is written. reader_date (issue #12) writes a source's dates on document pages and packs as "d MMMM y" in every
language; long_date (issue #14) writes the easy-read "checked on" dates in Babel's long form."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=None)
def _locale(lang: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def reader_date(value, lang: str) -> str:
    """value (YYYY-MM-DD, YYYY-MM or YYYY) as a reader of lang writes it: day, month's name, year."""
    from babel.dates import format_date, format_skeleton

    text = " ".join(str(value or "").split())
    m = _DATE.match(text)
    if not m:
        return text
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return year
    try:
        date = datetime.date(int(year), int(month), int(day or 1))
    except ValueError:
        return text
    locale = _locale(lang if lang != "en" else "en_GB")
    if day is None:
        return format_skeleton("yMMMM", date, locale=locale)
    # "d MMMM y" everywhere: the day first, the month in words (never 03/09/2022, read differently in the US)
    return format_date(date, "d MMMM y", locale=locale)


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
