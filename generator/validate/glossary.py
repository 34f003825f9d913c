"""Read and check framework_data/glossary.yml: its shape, that every document it names exists and uses the word,
that every quoted definition is an item of a glossary section, and that no word is listed twice."""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Report
from ..load.yamlfile import key_path, load_yaml
from ..model.corpus import walk_items, walk_sections
from ..model.glossary import Glossary
from ..model.units import document_units
from .shape import check_shape

GLOSSARY_FILE = Path("framework_data") / "glossary.yml"


def _singular(term: str) -> str:
    word = term.casefold().strip()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def load_glossary(root: Path, report: Report, documents: dict, cache=None) -> Glossary | None:
    """The site's word list, or None when there is none or it has errors (they are in report). cache: a
    load/yamlfile.py YamlCache, or none."""
    from . import safety

    path = root / GLOSSARY_FILE
    if not path.is_file():
        return None
    display = report.rel(path)
    loaded = load_yaml(path, display, cache=cache)
    report.extend(loaded.issues)
    if not loaded.ok:
        return None
    safety.check_yaml_texts(loaded, display, report)
    glossary, issues = check_shape(loaded, Glossary, display)
    report.extend(issues)
    if glossary is None:
        return None
    texts = {doc_id: " ".join(u.text for u in document_units(doc) if ".easy_read" not in u.key
                              and not u.key.startswith("easy_read")).casefold()
             for doc_id, doc in documents.items()}
    seen_ids: dict[str, int] = {}
    seen_terms: dict[str, int] = {}
    errors_before = len(report.errors)
    for n, term in enumerate(glossary.terms):
        here = ("terms", n)
        line, col = loaded.position(here + ("id",))
        if term.id in seen_ids:
            report.error("glossary.duplicate", f'The ID "{term.id}" is used twice.', file=display, line=line,
                         column=col, key=key_path(here), hint="Give each word its own ID.")
        seen_ids.setdefault(term.id, n)
        key = _singular(term.term)
        if key in seen_terms:
            report.error("glossary.duplicate", f'"{term.term}" is listed twice (also as "{glossary.terms[seen_terms[key]].term}").',
                         file=display, line=line, column=col, key=key_path(here),
                         hint="Merge them into one word, with both forms in forms.")
        seen_terms.setdefault(key, n)
        for m, doc_id in enumerate(term.documents):
            at = here + ("documents", m)
            if doc_id not in documents:
                line, col = loaded.position(at)
                report.error("glossary.unknown-document", f'"{doc_id}" is not the ID of any document.', file=display,
                             line=line, column=col, key=key_path(at), hint=f"Use one of: {', '.join(sorted(documents))}.")
                continue
            if not any(re.search(r"(?<![\w-])" + re.escape(form.casefold()), texts[doc_id]) for form in term.forms):
                line, col = loaded.position(at)
                report.error("glossary.not-in-document", f'"{term.term}" is listed as coming from "{doc_id}", but that '
                             "document does not use it.", file=display, line=line, column=col, key=key_path(at),
                             hint="Remove the document from documents, or add the way it writes the word to forms.")
        for m, ref in enumerate(term.source_definitions):
            at = here + ("source_definitions", m)
            doc = documents.get(ref.document)
            glossary_items = set()
            if doc is not None:
                for section, _, _ in walk_sections(doc):
                    if section.glossary:
                        glossary_items |= {item.id for item in section.items}
            if ref.item not in glossary_items:
                line, col = loaded.position(at)
                report.error("glossary.unknown-definition", f'"{ref.document}" has no glossary term "{ref.item}".',
                             file=display, line=line, column=col, key=key_path(at),
                             hint="Name an item of a section with glossary: true in that document.")
            elif ref.document not in term.documents:
                line, col = loaded.position(at)
                report.error("glossary.unlisted-document", f'The definition comes from "{ref.document}", which is not '
                             "in documents.", file=display, line=line, column=col, key=key_path(at),
                             hint=f"Add {ref.document} to documents.")
    return glossary if len(report.errors) == errors_before else None


def source_glossary_items(documents: dict) -> list[tuple[str, str]]:
    """(document ID, item ID) of every term in a document's own glossary section."""
    out = []
    for doc_id, doc in documents.items():
        for section, _, _ in walk_sections(doc):
            if section.glossary:
                out += [(doc_id, item.id) for item in section.items]
    return out
