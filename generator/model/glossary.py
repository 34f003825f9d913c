"""The site's word list (framework_data/glossary.yml): hard words from the documents, explained in plain
English. Every meaning is written for this site; a document's own definition is quoted from it, credited."""
from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from .schema import Id, Markdown, Strict, Text


class DefinitionRef(Strict):
    """A document's own definition of the word: an item of a glossary section of that document."""

    document: Id = Field(description="The document's ID.")
    item: Id = Field(description="The ID of the item that defines the word.")


class GlossaryTerm(Strict):
    """One word or phrase in the site's word list."""

    id: Id = Field(description="Stable ID, used in web addresses (glossary/#ID) and translations.")
    term: Text = Field(description="The word, starting with a capital letter, as a reader looks it up.")
    meaning: Markdown = Field(description="What it means, in plain English, in one to three short sentences. "
                                          "Written for this site: the page says so.")
    forms: tuple[Text, ...] = Field((), description="The ways the word is written in the documents, in small "
                                                    "letters (for example carer, carers, unpaid carer). charterkit "
                                                    "checks that each listed document uses one of them.")
    documents: tuple[Id, ...] = Field((), description="The documents the word comes from. Where the word applies "
                                                      "(England, Scotland) follows from their applies_to. Leave "
                                                      "empty for a word of this site's own, such as easy read.")
    source_definitions: tuple[DefinitionRef, ...] = Field((), description="A document's own definitions of the word, "
                                                                          "quoted on the page with their publisher.")

    @field_validator("term")
    @classmethod
    def _capital(cls, value: str) -> str:
        if not value[:1].isupper():
            raise ValueError(f'"{value}" should start with a capital letter, as a reader looks it up')
        return value

    @model_validator(mode="after")
    def _forms(self):
        if self.documents and not self.forms:
            raise ValueError("add forms: the ways the word is written in its documents")
        return self


class Glossary(Strict):
    """framework_data/glossary.yml: the site's word list."""

    terms: tuple[GlossaryTerm, ...] = Field(min_length=1, description="The words, in any order (pages sort them).")


def applies_to(term: GlossaryTerm, documents: dict) -> tuple[str, ...]:
    """Where a word applies: the countries of the documents it comes from, in a fixed order (empty: everywhere
    the site's documents apply)."""
    order = ("England", "Scotland", "Wales", "Northern Ireland", "United Kingdom")
    found = {c for doc_id in term.documents if doc_id in documents for c in documents[doc_id].applies_to}
    return tuple(c for c in order if c in found)
