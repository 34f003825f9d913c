"""The shape of every input file, as typed, frozen objects.

Each field has a one-line description: `charterkit schema` prints them as the editors' reference
(framework_data/SCHEMA.md), so write descriptions for editors, not programmers.
After validation, the rest of charterkit sees only these objects, never raw YAML.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# A web or email address: no spaces, quotes, angle brackets, backslashes or control characters, which could
# end the attribute it is written into (validate/safety.py also refuses lookalike website names).
URL_PATTERN = r"^(https?://|mailto:)[^\s\"'<>\\`\x00-\x1f\x7f]+$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

# Raw HTML would bypass the site's escaping and accessibility checks. Markdown autolinks
# such as <https://example.org> are fine.
_HTML = re.compile(r"<\s*(?!https?://|mailto:)[!/?a-zA-Z]")


def _no_html(value: str) -> str:
    if _HTML.search(value):
        raise ValueError("raw HTML is not allowed in text; use Markdown instead "
                         "(for example **bold**, [link text](https://...), or a list starting with '- ')")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("the text is empty")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
Text = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html)]
Markdown = Annotated[str, AfterValidator(_not_blank), AfterValidator(_no_html)]
DateText = Annotated[str, Field(pattern=DATE_PATTERN)]
Url = Annotated[str, Field(pattern=URL_PATTERN)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, str_strip_whitespace=False)


# Licences a document's source can be published under. "all-rights-reserved" means the owner keeps every right:
# the site relies on what the owner allows (say it in `permissions`) and records the owner's notice in `copyright`.
LICENCES = {
    "OGL-UK-3.0": "Open Government Licence v3.0",
    "OGL-UK-2.0": "Open Government Licence v2.0",
    "CC-BY-4.0": "Creative Commons Attribution 4.0",
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0",
    "CC0-1.0": "Creative Commons Zero (public domain)",
    "all-rights-reserved": "All rights reserved",
}
LicenceId = Literal["OGL-UK-3.0", "OGL-UK-2.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "all-rights-reserved"]
# Whether the owner allows something: yes (the licence or the owner says so), ask (only with the owner's
# permission), no (the owner forbids it), not-stated (the source and the owner's terms do not say).
Permission = Literal["yes", "ask", "no", "not-stated"]
# Where a document applies. A document for one area also names its country.
Country = Literal["England", "Scotland", "Wales", "Northern Ireland", "United Kingdom"]
# Whose words a heading is: the source's own, or written for this site.
TitleFrom = Literal["source", "site"]


class Source(Strict):
    """Where a document comes from. Shown on every document's "About this document" part. The title, publisher,
    version, licence and addresses are names: they stay in English in every language, marked as English. The
    notes (date_note, url_note, copyright, permissions) are translated like the document's texts (keys
    source.date_note, source.url_note, source.copyright, source.permissions)."""

    title: Text = Field(description="The title of the original document, as published.")
    publisher: Text = Field(description="Who published the original document.")
    date: DateText = Field(description="Date of the original, as YYYY-MM-DD, YYYY-MM or YYYY.")
    date_note: Text | None = Field(None, description="Where the date comes from, when the source itself does not give it, "
                                                     "for example \"From press coverage of the launch; the document is not dated.\" "
                                                     "Shown next to the date.")
    version: Text | None = Field(None, description="Version number of the original, if it has one.")
    url: Url | None = Field(None, description="Web address of the original, starting with https://.")
    url_note: Text | None = Field(None, description="What the address is, when it is not the document's own address or may no "
                                                    "longer work, for example \"The council's home page: the source gives no "
                                                    "address.\" Shown next to the address.")
    licence: Text = Field(description="The licence's name as readers see it, for example \"Open Government Licence v3.0\" "
                                      "or \"All rights reserved\". Never a description of how the site uses the text.")
    licence_id: LicenceId = Field(description="The licence as an identifier: OGL-UK-3.0, OGL-UK-2.0, CC-BY-4.0, CC-BY-SA-4.0, "
                                              "CC0-1.0, or all-rights-reserved when the source gives no licence (then fill in "
                                              "copyright and permissions).")
    licence_url: Url | None = Field(None, description="Web address of the licence text or of the owner's terms.")
    copyright: Text | None = Field(None, description="The owner's copyright notice, for example \"© Crown copyright 2015\". "
                                                     "Needed when licence_id is all-rights-reserved; say when the source gives none.")
    may_adapt: Permission = Field("not-stated", description="Whether the owner allows adapting the text (summaries, easy read): "
                                                            "yes, ask (only with the owner's permission), no, or not-stated.")
    may_translate: Permission = Field("not-stated", description="Whether the owner allows translating the text: yes, ask, no, "
                                                                "or not-stated.")
    permissions: Markdown | None = Field(None, description="In plain English, for readers: what the owner allows, and what "
                                                           "this site does because of it. Needed unless adapting and "
                                                           "translating are both allowed (yes).")
    review_date: DateText | None = Field(None, description="When the publisher said it would review the document.")
    editors_notes: Markdown | None = Field(None, description="For editors only, never published: how the source was read or "
                                                             "interpreted. `charterkit report sources` prints them.")

    @model_validator(mode="after")
    def _honest_licence(self):
        if re.search(r"reproduced|attribution to the publisher|for public information", self.licence, re.I):
            raise ValueError("licence must name a licence (for example \"Open Government Licence v3.0\" or "
                             "\"All rights reserved\"), not how the site uses the text; put that in permissions")
        if self.licence_id == "all-rights-reserved" and not self.copyright:
            raise ValueError("licence_id is all-rights-reserved, so add copyright: the owner's notice "
                             "(or say that the source gives none)")
        if "ask" in (self.may_adapt, self.may_translate) or "no" in (self.may_adapt, self.may_translate) \
                or "not-stated" in (self.may_adapt, self.may_translate):
            if not self.permissions:
                raise ValueError("adapting or translating is not plainly allowed, so add permissions: say in plain "
                                 "English what the owner allows and what this site does about it")
        return self

    @property
    def notes(self) -> None:
        """Nothing: the editors' notes are never published. (Kept so older page templates that ask for the
        public notes of a source find none.)"""
        return None


PictureName = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]


class Point(Strict):
    """One easy-read point: a picture on the left and one idea in one or two short sentences on the right."""

    text: Markdown = Field(description="One idea in one or two short sentences. Put a hard word in **bold** and explain it "
                                       "in the next sentence. Link words, not addresses: [the council's website](https://...).")
    picture: PictureName = Field(description="Name of the picture, from `charterkit pictures WORD`, for example "
                                             "mulberry-to-listen. Choose one that shows people doing what the point says.")
    alt: Text = Field(description="What the picture shows, for people who cannot see it, for example \"A speech bubble\".")


class EasyWord(Strict):
    """A hard word and what it means, for the easy-read word list."""

    word: Text = Field(description="The hard word, as it appears in bold in the easy-read text.")
    meaning: Markdown = Field(description="What it means, in one or two short sentences.")


class CheckedBy(Strict):
    """Who checked an easy-read version with people who read easy read, and when."""

    group: Text = Field(description="Who checked it, for example a named self-advocacy group of people with learning disabilities.")
    date: DateText = Field(description="When they finished checking it, as YYYY-MM-DD.")
    notes: Markdown | None = Field(None, description="What they checked or asked to change, if you want to say.")


class DocumentEasyRead(Strict):
    """The parts of a document's easy-read version that belong to the whole document."""

    title: Text = Field(description="The document's title in easy read.")
    about: tuple[Point, ...] = Field(min_length=1, description="Points saying what the document is about, who it is for, "
                                                               "where it applies and who wrote the easy read.")
    words: tuple[EasyWord, ...] = Field((), description="The words in bold in this easy-read text, with their meanings: the page and "
                                                        "pack end with them. Together they make the site's one easy-read word list "
                                                        "(not the glossary: these are easy words for easy-read readers): a word has the "
                                                        "same meaning, word for word, in every document, and `charterkit check easy-read` "
                                                        "reports a word with two meanings, a bold word not listed and a listed word not used. "
                                                        "Copy the meaning from another document that lists the word.")
    contact: tuple[Point, ...] = Field(min_length=1, description="Points saying who to contact and how.")
    checked_by: CheckedBy | None = Field(None, description="Who checked this easy-read version with people who read easy read "
                                                           "(for example people with learning disabilities), and when: the English page and "
                                                           "pack show it. Until then they say that nobody has checked it yet, and no "
                                                           "easy-read logo is shown. Translations always say so (nobody has checked their "
                                                           "words). `charterkit check easy-read --sheet` writes sheets for the check. "
                                                           "Leave it out until someone has: never fill it in for a check that did not happen.")


class EntryList(Strict):
    """A named list of short entries inside an item, such as examples or questions."""

    id: Id = Field(description="ID of the list, unique within its item, for example examples.")
    title: Text | None = Field(None, description="Heading shown above the list, in the source's words.")
    entries: tuple[Markdown, ...] = Field(min_length=1, description="The entries, one per line starting with '- '.")
    addresses_missing: bool = Field(False, description="true if the entries were links in the original whose addresses "
                                                       "are not in the text this site was made from: the page says so and "
                                                       "links the original document instead.")


class Item(Strict):
    """One statement, principle, commitment, recommendation, quote or glossary term."""

    id: Id = Field(description="Stable ID, unique within the document. Translations refer to it.")
    number: Text | None = Field(None, description="The number or letter the source gives it, as text, for example \"(b)(v)\".")
    title: Text | None = Field(None, description="A short heading. For a glossary term: the term.")
    title_from: TitleFrom | None = Field(None, description="Whose words the title is: source (the source's own heading) or site "
                                                           "(written for this site). Leave out to use the document's titles.")
    short_text: Markdown | None = Field(None, description="A shorter wording the source also gives.")
    text: Markdown | None = Field(None, description="The item's wording in Markdown, faithful to the source.")
    type: Text | None = Field(None, description="A type the source gives it, for example experience or outcome.")
    attribution: Text | None = Field(None, description="For a quote: who said it, as the source attributes it.")
    page: bool = Field(False, description="true gives this item a web page of its own.")
    lists: tuple[EntryList, ...] = Field((), description="Lists of short entries: examples, questions, resources.")
    maps_to: dict[Id, tuple[Id, ...]] = Field(
        default_factory=dict,
        description="Links to items of other documents: document ID, then a list of item IDs.")
    covers: tuple[Id, ...] = Field((), description="IDs of items in this same document that this item is about, "
                                                   "for example the principles a table row covers.")
    refers_to: dict[Id, tuple[Id, ...]] = Field(
        default_factory=dict,
        description="What the text points to when it says \"set out below\" or \"see page 19\": document ID (this "
                    "document's own ID for its own parts), then a list of item or section IDs. The page links them "
                    "after the text, so no reference is left hanging.")
    easy_read_title: Text | None = Field(None, description="This item's heading in the easy-read version: at most 8 everyday "
                                                           "words, no numbers or official names. Needed when the item has a number.")
    easy_read: tuple[Point, ...] = Field((), description="This item in easy read: one or more points.")
    items: tuple["Item", ...] = Field((), description="Sub-items, with the same fields.")

    @model_validator(mode="after")
    def _has_words(self):
        if not (self.text or self.title or self.short_text or self.items or self.lists):
            raise ValueError("an item needs at least a title or a text")
        return self

    @property
    def heading(self) -> str:
        return self.title or self.short_text or self.text or self.id


class Section(Strict):
    """A part of a document, in reading order."""

    id: Id = Field(description="Stable ID, unique within the document.")
    title: Text = Field(description="The section's heading.")
    title_from: TitleFrom | None = Field(None, description="Whose words the heading is: source or site. Leave out to use the "
                                                           "document's titles.")
    intro: Markdown | None = Field(None, description="Text shown before the section's items, in Markdown.")
    glossary: bool = Field(False, description="true if the items are glossary terms (title = term, text = meaning).")
    easy_read_title: Text | None = Field(None, description="This section's heading in the easy-read version: at most 8 everyday "
                                                           "words, no numbers or official names. Leave out to use the title.")
    easy_read: tuple[Point, ...] = Field((), description="This section in easy read: one or more points.")
    items: tuple[Item, ...] = Field((), description="The section's items, in order.")
    sections: tuple["Section", ...] = Field((), description="Sub-sections, with the same fields.")

    @model_validator(mode="after")
    def _has_content(self):
        if not (self.intro or self.items or self.sections):
            raise ValueError("a section needs an intro, items or sub-sections")
        return self


DocumentKind = Literal["framework", "guidance", "pathway", "strategy", "charter", "reference"]


class Document(Strict):
    """One published document: a file in framework_data/documents/."""

    id: Id = Field(description="Stable ID, used in web addresses: site/<language>/<id>/. Same as the file name.")
    kind: DocumentKind = Field(description="What sort of document it is. 'reference' is for outcomes, standards "
                                           "and indicators that other documents map to.")
    title: Text = Field(description="The document's title on the site.")
    short_title: Text | None = Field(None, description="A shorter title for menus and tables.")
    summary: Text = Field(description="One to three plain-English sentences: what it is and who it is for. Written for this site.")
    applies_to: tuple[Country, ...] = Field(min_length=1, description="Where the document applies: one or more of England, "
                                                                      "Scotland, Wales, Northern Ireland, United Kingdom. "
                                                                      "Shown on its pages, easy read, packs and glossary terms.")
    area: Text | None = Field(None, description="The local area it is for, when it is not a whole country, for example "
                                                "North Yorkshire.")
    titles: TitleFrom = Field(description="Whose words the section and item headings are, unless one says otherwise with "
                                          "title_from: source (the source's own headings) or site (written for this site).")
    source: Source = Field(description="Where the text comes from, who published it and under what licence.")
    sections: tuple[Section, ...] = Field(min_length=1, description="The document's parts, in reading order.")
    easy_read: DocumentEasyRead | None = Field(None, description="The easy-read version's title, introduction, word list and contacts.")

    @property
    def label(self) -> str:
        return self.short_title or self.title


Item.model_rebuild()
Section.model_rebuild()
