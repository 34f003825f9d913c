"""References inside the text ("set out below", "see page 19 of this framework", "which can be accessed at"):
each one must lead somewhere on the site, through `refers_to` on its item or `addresses_missing` on its list.

`refers_to` names items or sections of any document (its own included); this module checks that they exist.
`dangling_texts` finds texts that point somewhere without saying where: the tests run it on the default data,
and `charterkit validate` warns about each one.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Report
from ..load.yamlfile import key_path
from ..model.corpus import walk_items, walk_sections
from ..model.schema import Document

# Words that point at something else in the original document. Each needs a link the page can show.
DANGLING = [
    (re.compile(r"\bset out below\b", re.I), "says something is set out below"),
    (re.compile(r"\b(?:see )?pages? \d+\b", re.I), "refers to a page of the printed original"),
    (re.compile(r"\b(?:can be )?accessed at\s*\.?$", re.I), "ends where a link's address was"),
    (re.compile(r"\bphoto(?:graph)? (?:taken|caption)\b", re.I), "is a caption of a picture that is not on the site"),
]


def _texts(doc: Document) -> Iterator[tuple[tuple, str, object, object]]:
    """(key path, text, item or section, entry list or None) for every source text of a document."""
    for section, _, path in walk_sections(doc):
        if section.intro:
            yield path + ("intro",), section.intro, section, None
    for loc in walk_items(doc):
        item = loc.item
        for field in ("title", "short_text", "text"):
            value = getattr(item, field)
            if value:
                yield loc.path + (field,), value, item, None
        for n, lst in enumerate(item.lists):
            for m, entry in enumerate(lst.entries):
                yield loc.path + ("lists", n, "entries", m), entry, item, lst


def dangling_texts(doc: Document) -> list[tuple[tuple, str, str]]:
    """(key path, text, what is wrong) for each text that points somewhere the page does not link."""
    out = []
    for path, text, part, lst in _texts(doc):
        for pattern, what in DANGLING:
            if not pattern.search(text):
                continue
            if lst is not None and lst.addresses_missing:
                continue
            if getattr(part, "refers_to", None):
                continue
            if re.search(r"\]\((?:https?://|mailto:)", text):  # it carries its own link
                continue
            out.append((path, text, what))
    return out


def check_references(documents, report: Report, failed: set[str]) -> None:
    """Every refers_to target exists; texts that point nowhere get a warning (file, line, what to do)."""
    by_id = {doc.id: (doc, loaded, display) for doc, loaded, display in documents}
    ids = {}
    for doc_id, (doc, _, _) in by_id.items():
        ids[doc_id] = {loc.item.id for loc in walk_items(doc)} | {s.id for s, _, _ in walk_sections(doc)}
    for doc, loaded, display in by_id.values():
        for loc in walk_items(doc):
            for target_doc, targets in loc.item.refers_to.items():
                kpath = loc.path + ("refers_to", target_doc)
                if target_doc not in by_id:
                    if target_doc not in failed:
                        line, col = loaded.position(kpath, prefer_key=True)
                        report.error("ref.unknown-document", f'"{target_doc}" is not the ID of any document.',
                                     file=display, line=line, column=col, key=key_path(kpath),
                                     hint=f"Use one of: {', '.join(sorted(by_id))}.")
                    continue
                for n, target in enumerate(targets):
                    if target not in ids[target_doc]:
                        line, col = loaded.position(kpath + (n,))
                        report.error("ref.unknown-item", f'"{target}" is not an item or section of the document '
                                     f'"{target_doc}".', file=display, line=line, column=col,
                                     key=key_path(kpath + (n,)),
                                     hint=f"Use the ID of an item or section in {by_id[target_doc][2]}.")
        for path, text, what in dangling_texts(doc):
            line, col = loaded.position(path)
            report.warning("ref.dangling", f"This text {what}, but the site does not link it.",
                           file=display, line=line, column=col, key=key_path(path),
                           hint="Add refers_to to the item with the document and item or section it points to; "
                                "for a list of links whose addresses are lost, add addresses_missing: true to the "
                                "list; drop the caption of a picture that is not on the site.")
