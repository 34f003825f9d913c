"""The printable packs as data: their kinds, one pack (a PDF in the site) and the manifest the print side
writes and the web pages read (print and web share it; neither imports the other)."""
from __future__ import annotations

from dataclasses import dataclass

DOCUMENT_KINDS = ("standard", "large-print", "easy-read")
TOOL_KINDS = ("survey", "survey-easy-read", "interview", "focus-group", "workbook")
KINDS = DOCUMENT_KINDS + TOOL_KINDS


@dataclass(frozen=True)
class Pack:
    """One PDF in the manifest."""

    doc_id: str  # the document it prints, or the document a tool is built from
    kind: str  # one of KINDS
    lang: str
    path: str  # relative to the site folder, e.g. "en/packs/jias-engagement-framework-standard-en.pdf"
    title: str
    bytes: int
    pages: int
    title_lang: str = ""  # the title's language, if it differs from lang (an English fallback)
    translated: int = 100  # per cent of its own texts in lang (translate.status.pack_row); 100: all of it
    draft: bool = False  # some of its translation is a draft, not checked yet

    @property
    def file(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class Manifest(list):
    """The packs made (a list of Pack)."""

    def for_document(self, doc_id: str, lang: str) -> list[Pack]:
        order = {k: n for n, k in enumerate(KINDS)}
        return sorted((p for p in self if p.doc_id == doc_id and p.lang == lang), key=lambda p: (order[p.kind], p.file))
