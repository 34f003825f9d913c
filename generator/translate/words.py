"""The words charterkit puts on every page and pack (headings, labels), per language, from theme/strings/<lang>.yml
and the language's interface.yml translation (translate/view.py makes them once per language and build).

A missing word falls back to English; the page then marks that passage with lang="en".

Words in {curly brackets} are filled in by fill(), never by Python's str.format: only a bare name such as
{document} is a placeholder, and it is replaced by the value given for it, as text. Nothing else in the
braces means anything ({0}, {document.x}, {document:>9}, a lone { are left as they are, and
`charterkit validate` reports them), so a word can never reach an object's attributes or the build's
environment, or make the build fail.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.text import KNOWN_PLACEHOLDERS, PLACEHOLDER, SOURCE_LANG, fill  # noqa: F401 (re-exported)
from ..read.strings import (REQUIRED_WORDS, STRINGS_DIR, _flatten, _load_cached, check_strings,  # noqa: F401
                            load_strings)  # (re-exported: their old place)


@dataclass(frozen=True)
class Strings:
    lang: str
    words: dict[str, str]
    english: dict[str, str]
    has_drafts: bool = False  # whether any of the translated words shown is a draft, not checked yet

    @classmethod
    def load(cls, root: Path, lang: str, pack=None, publish_drafts: bool = True) -> "Strings":
        """The words for lang: from the language's interface.yml translation, where it is current."""
        from ..model.units import entry_state

        english = load_strings(root, SOURCE_LANG)
        if lang == SOURCE_LANG or pack is None:
            return cls(lang, english if lang == SOURCE_LANG else {}, english)
        words, drafts = {}, False
        for key, entry in pack.interface.items():
            if key not in english:
                continue
            state = entry_state(english[key], entry)
            if state == "reviewed" or (state == "draft" and publish_drafts):
                words[key] = entry.text
                drafts = drafts or state == "draft"
        return cls(lang, words, english, drafts)

    def get(self, key: str, **values) -> tuple[str, str]:
        """The word for key and the language it is in (the page's, or English as a fallback)."""
        if key in self.words:
            text, lang = self.words[key], self.lang
        elif key in self.english:
            text, lang = self.english[key], SOURCE_LANG
        else:
            raise KeyError(f"No text for '{key}' in theme/strings/{SOURCE_LANG}.yml")
        return fill(text, values), lang

    def __call__(self, key: str, **values) -> str:
        """The word, carrying its language (the page's, or English where it is not translated yet)."""
        from ..model.text import LText

        text, lang = self.get(key, **values)
        return LText(text, lang, "source" if lang == SOURCE_LANG else "reviewed")


def place_name(words: Strings, doc, direction: str = "ltr") -> str:
    """Where a document applies, as a reader names it: its area first, then its countries ("North Yorkshire,
    England"; "England and Scotland"), in the words' language where the country names are translated. Used by
    the web pages and the packs."""
    from ..markup.lang import isolate

    countries = [str(words("countries." + c.lower().replace(" ", "_"))) for c in doc.applies_to]
    comma = f"{words('comma')} "  # the language's own ("، " in Arabic and Urdu)
    if len(countries) > 1:
        countries = [comma.join(countries[:-1])] + [countries[-1]]
        named = str(words("places_and", start=countries[0], end=countries[1]))
    else:
        named = countries[0]
    if not doc.area:
        return named
    # the area is a name from the data (in Latin letters): kept in its own order on a right-to-left page
    return f"{isolate(str(doc.area), direction)}{comma}{named}"
