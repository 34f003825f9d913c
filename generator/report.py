"""`charterkit report sources`: the editors' report on where each document comes from.

Everything here is for the people who keep the data, never for the public pages: how each source was read
(the documents' `editors_notes`), what the site may do with it, and how much of each document is the source's
own wording and how much was written for this site.
"""
from __future__ import annotations

import textwrap

from .model.corpus import Corpus, walk_items, walk_sections
from .model.origin import title_origin
from .model.schema import LICENCES, Document

_PERMISSION = {"yes": "allowed", "ask": "only with the owner's permission", "no": "not allowed",
               "not-stated": "not stated by the owner"}


def _wrap(text: str, indent: str = "    ") -> str:
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(textwrap.fill(p, width=100, initial_indent=indent, subsequent_indent=indent) for p in paragraphs)


def _where(doc: Document) -> str:
    places = ", ".join(doc.applies_to)
    return f"{doc.area} ({places})" if doc.area else places


def _counts(doc: Document) -> dict[str, int]:
    counts = {"source": 0, "site": 0, "easy-read": 0}
    for section, _, _ in walk_sections(doc):
        counts[title_origin(doc, section)] += 1
        counts["source"] += bool(section.intro)
        counts["easy-read"] += len(section.easy_read) + bool(section.easy_read_title)
    for loc in walk_items(doc):
        item = loc.item
        if item.title:
            counts[title_origin(doc, item)] += 1
        counts["source"] += bool(item.text) + bool(item.short_text) + sum(len(lst.entries) for lst in item.lists)
        counts["easy-read"] += len(item.easy_read) + bool(item.easy_read_title)
    counts["site"] += 1 + bool(doc.short_title) + 1  # the document's title, short title and summary
    if doc.easy_read is not None:
        er = doc.easy_read
        counts["easy-read"] += 1 + len(er.about) + len(er.words) + len(er.contact)
    return counts


def document_report(doc: Document, file: str) -> str:
    s = doc.source
    out = [f"{doc.title}", f"  File: {file}",
           f"  Original: {s.title}", f"  Publisher: {s.publisher}",
           f"  Date: {s.date}" + (f" ({s.date_note})" if s.date_note else " (as the source gives it)")]
    if s.url:
        out.append(f"  Address: {s.url}" + (f" ({s.url_note})" if s.url_note else ""))
    else:
        out.append("  Address: none recorded")
    out.append(f"  Applies in: {_where(doc)}")
    out.append(f"  Licence: {s.licence} (identifier {s.licence_id}, {LICENCES[s.licence_id]})")
    if s.copyright:
        out.append(f"  Copyright: {s.copyright}")
    out.append(f"  Adapting (summaries, easy read): {_PERMISSION[s.may_adapt]}. "
               f"Translating: {_PERMISSION[s.may_translate]}.")
    if s.permissions:
        out.append("  What the site tells readers about this:")
        out.append(_wrap(s.permissions))
    c = _counts(doc)
    out.append(f"  Texts: {c['source']} in the source's own words, {c['site']} written for this site "
               f"(titles, headings, summary), {c['easy-read']} in the easy read written for this site.")
    out.append("  How the source was read (editors' notes, never published):")
    out.append(_wrap(s.editors_notes) if s.editors_notes else "    (none written yet: add editors_notes to the source)")
    return "\n".join(out)


def sources_report(corpus: Corpus) -> str:
    parts = []
    for doc in corpus.documents:
        path = corpus.files.get(doc.id)
        try:
            file = str(path.relative_to(corpus.root)) if path else f"framework_data/documents/{doc.id}.yml"
        except ValueError:
            file = str(path)
        parts.append(document_report(doc, file))
    head = (f"Where the {len(corpus.documents)} documents come from: for editors only. Nothing in this report is "
            f"published.\n")
    return head + "\n" + "\n\n".join(parts) + "\n"
