"""Where every text of a document comes from: its origin.

A reader must always be able to tell the source's own words from words written for this site. The rule is by
field name, so editors do not have to mark each text: only headings differ from document to document, and
the document says whose words its headings are (`titles`), with `title_from` on a section or item for the
exceptions. Translations are a fourth origin: any text shown in a language other than English is a
translation, whatever its English origin.
"""
from __future__ import annotations

from typing import Literal

from .schema import Document, Item, Section

Origin = Literal["source", "site", "easy-read", "translation"]

# What each origin means, in words a page can show (theme/strings/en.yml has the readers' labels).
ORIGINS: dict[str, str] = {
    "source": "the source's own wording, quoted and credited to its publisher",
    "site": "written for this site from the source, by the organisation that runs the site; not part of the original",
    "easy-read": "an easy-read version written for this site from the source; not part of the original",
    "translation": "a translation made for this site; not part of the original",
}

# The rule, field by field. "title" follows the document's `titles` unless the section or item has `title_from`.
DOCUMENT_FIELDS: dict[str, Origin] = {"title": "site", "short_title": "site", "summary": "site"}
SECTION_FIELDS: dict[str, Origin] = {"intro": "source", "easy_read_title": "easy-read", "easy_read": "easy-read"}
ITEM_FIELDS: dict[str, Origin] = {
    "number": "source", "short_text": "source", "text": "source", "type": "source", "attribution": "source",
    "lists": "source", "easy_read_title": "easy-read", "easy_read": "easy-read",
}
TOOLS: Origin = "site"  # engagement tools (framework_data/tools/) are templates written for this site


def title_origin(doc: Document, part: Section | Item) -> Origin:
    """Whose words the heading of a section or item is."""
    return part.title_from or doc.titles


def origin(doc: Document, part: Document | Section | Item | None, field: str) -> Origin:
    """The origin of one field of the document, or of one of its sections or items (in English)."""
    if field.startswith("easy_read") or field.startswith("easy_read."):
        return "easy-read"
    if part is None or isinstance(part, Document):
        if field in DOCUMENT_FIELDS:
            return DOCUMENT_FIELDS[field]
        raise KeyError(f"no origin rule for the document field {field!r}")
    if field == "title":
        return title_origin(doc, part)
    table = SECTION_FIELDS if isinstance(part, Section) else ITEM_FIELDS
    if field in table:
        return table[field]
    raise KeyError(f"no origin rule for the field {field!r} of {type(part).__name__}")


def origin_markdown() -> str:
    """The rule, for framework_data/SCHEMA.md."""
    out = ["\n## Where each text comes from\n",
           "Every text on the site has an origin, and the pages show it: the source's own wording is quoted and "
           "credited to its publisher; everything else is labelled as written for this site. The origin follows "
           "from the field a text is in:\n",
           "| origin | what it means | fields |", "| --- | --- | --- |"]
    fields: dict[str, list[str]] = {k: [] for k in ORIGINS}
    for name, o in DOCUMENT_FIELDS.items():
        fields[o].append(f"document `{name}`")
    for name, o in SECTION_FIELDS.items():
        fields[o].append(f"section `{name}`")
    for name, o in ITEM_FIELDS.items():
        fields[o].append(f"item `{name}`")
    fields["easy-read"].append("the document's `easy_read` block")
    fields["site"].append("every engagement tool in framework_data/tools/")
    fields["source"].append("section and item `title` when the document's `titles` is source")
    fields["site"].append("section and item `title` when the document's `titles` is site")
    fields["site"].append("the word list's `meaning` (framework_data/glossary.yml)")
    fields["source"].append("the word list's `source_definitions`, quoted from their documents")
    fields["translation"].append("every text shown in a language other than English")
    for key, meaning in ORIGINS.items():
        out.append(f"| `{key}` | {meaning} | {', '.join(fields[key])} |")
    out.append("\nA section or item whose heading is not the document's usual kind says so with `title_from: source` "
               "or `title_from: site`. Where a document's owner does not allow adapting or translating "
               "(`may_adapt`, `may_translate`), the site keeps what it adds apart from the source's words and says so "
               "(`permissions`).\n")
    return "\n".join(out)
