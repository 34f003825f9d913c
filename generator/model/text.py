"""Texts that know their language: the source language, a string that carries its language and
translation state (LText), and the one safe way to fill {placeholders} in interface words.

Words in {curly brackets} are filled in by fill(), never by Python's str.format: only a bare name such as
{document} is a placeholder, and it is replaced by the value given for it, as text. Nothing else in the
braces means anything ({0}, {document.x}, {document:>9}, a lone { are left as they are, and
`charterkit validate` reports them), so a word can never reach an object's attributes or the build's
environment, or make the build fail.
"""
from __future__ import annotations

import re

SOURCE_LANG = "en"


class LText(str):
    """A text that knows its language and translation state.

    state: "source" (English page), "reviewed", "draft", "missing" or "stale" (the last two show the English).
    """

    lang: str
    state: str

    def __new__(cls, value: str, lang: str, state: str):
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.state = state
        return obj


def lang_of(text) -> str:
    return getattr(text, "lang", SOURCE_LANG)


def state_of(text) -> str:
    return getattr(text, "state", "source")


#: A placeholder: a name of lower-case letters and _ in braces, e.g. {document}.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

#: Every placeholder charterkit fills in somewhere (theme/pages/, theme/print/, web/ and print/).
KNOWN_PLACEHOLDERS = frozenset({
    "caption", "count", "date", "document", "end", "group", "item", "language", "licence", "minutes", "name",
    "number", "organisation", "page", "pages", "part", "percent", "point", "source", "start", "target", "title", "total", "url",
    "who",
})


def fill(text: str, values: dict) -> str:
    """text with each {name} that has a value replaced by it (as text), in one pass."""
    if not values or "{" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)
