"""Translations as data: where the translation files are (framework_data/translations/<language>/), the
shape of a translation file (TranslationFile, Entry), and what reading them gives (Translated, LanguagePack).

Reading and checking the files is validate/translation_files.py's work (while the project is read); making
a language's view from them is translate/'s (localise.py). An entry records the translated text, a
fingerprint of the English it translates (`source`), and its review status.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .schema import Strict

TRANSLATIONS_DIR = Path("framework_data") / "translations"
INTERFACE = "interface"
TERMS = "terms"  # terms.yml: the language's termbase, read by `charterkit check terms` (check/terms.py)
GLOSSARY = "glossary"  # glossary.yml: the site's word list (framework_data/glossary.yml), model/units.py glossary_units
SITE = "site"  # site.yml: the words of site_config.yml that the site's own pages show (model/units.py settings_units)

Status = Literal["draft", "reviewed"]


class Entry(Strict):
    """One translated text."""

    text: str = Field(description="The translation.")
    source: str = Field(pattern=r"^[0-9a-f]{10}$",
                        description="Fingerprint of the English this translates. `charterkit i18n status` tells you when it changes.")
    en: str | None = Field(None, description="The English this translates, for reading only. charterkit updates it.")
    status: Status | None = Field(None, description="draft or reviewed. Leave out to use the file's status.")
    reviewed_by: str | None = Field(None, description="Who reviewed this entry (needed when status is reviewed).")


class TranslationFile(Strict):
    """A translation of one document, or of the interface words, into one language."""

    status: Status = Field("draft", description="The review status of every entry that does not give its own.")
    reviewed_by: str | None = Field(None, description="Who reviewed the file (needed when status is reviewed).")
    entries: dict[str, Entry] = Field(default_factory=dict, description="The translations, by key.")

    @model_validator(mode="after")
    def _reviewer(self):
        if self.status == "reviewed" and not self.reviewed_by:
            raise ValueError("status is reviewed, so reviewed_by must say who reviewed it")
        return self


@dataclass(frozen=True)
class Translated:
    text: str
    source: str
    status: Status
    reviewed_by: str | None
    file: str
    line: int | None
    en: str | None = None  # the English it was translated from, as the file records it


@dataclass
class LanguagePack:
    """Everything translated into one language."""

    lang: str
    documents: dict[str, dict[str, Translated]] = field(default_factory=dict)  # doc id -> key -> entry
    tools: dict[str, dict[str, Translated]] = field(default_factory=dict)  # tool id -> key -> entry
    interface: dict[str, Translated] = field(default_factory=dict)
    pages: dict[str, Translated] = field(default_factory=dict)  # content page name -> whole page
    settings: dict[str, Translated] = field(default_factory=dict)  # site.yml: key of a site_config.yml word -> entry
    glossary: dict[str, Translated] = field(default_factory=dict)  # glossary.yml: "<word id>.term"/".meaning" -> entry
