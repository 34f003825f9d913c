"""Words that belong to the people who keep the data, never to a public page or pack.

Notes on how a source was read ("encoded in maps_to", "the seed", "no review_date is recorded") are for
editors: they live in each document's `editors_notes` and in `charterkit report sources`. The tests scan every
built page and pack for these phrases.
"""
from __future__ import annotations

import re

# Field names and workshop words that mean nothing to a reader. Matched as whole words, any case.
INTERNAL_PHRASES = (
    "How we read the source", "encoded in", "encoded as", "are encoded", "is encoded", "maps_to", "short_text",
    "review_date", "editors_notes", "refers_to", "addresses_missing", "title_from", "the seed", "extraction",
    "extracted text", "YAML",
)
_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in INTERNAL_PHRASES) + r")(?![\w-])", re.I)


def internal_phrases(text: str) -> list[str]:
    """The internal phrases in a text, as found."""
    return [m.group(0) for m in _PATTERN.finditer(text)]
