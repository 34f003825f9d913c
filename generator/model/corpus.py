"""The validated content of a whole project, with the indexes every later stage needs."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .config import SiteConfig
from .schema import Document, Item, Section


@dataclass(frozen=True)
class Located:
    """An item together with where it sits: its document and the sections above it."""

    document: Document
    item: Item
    sections: tuple[Section, ...]  # outermost first
    parents: tuple[Item, ...] = ()  # items above a sub-item, outermost first
    path: tuple = ()  # key path in the YAML file, e.g. ("sections", 2, "items", 0)

    @property
    def key(self) -> tuple[str, str]:
        return (self.document.id, self.item.id)


def walk_items(document: Document) -> Iterator[Located]:
    """Every item of a document, sub-items included, in reading order."""

    def from_items(items, sections, parents, path):
        for j, item in enumerate(items):
            here = path + ("items", j)
            yield Located(document, item, sections, parents, here)
            yield from from_items(item.items, sections, parents + (item,), here)

    def from_sections(secs, above, path):
        for i, section in enumerate(secs):
            here = path + ("sections", i)
            yield from from_items(section.items, above + (section,), (), here)
            yield from from_sections(section.sections, above + (section,), here)

    yield from from_sections(document.sections, (), ())


def walk_sections(document: Document) -> Iterator[tuple[Section, int, tuple]]:
    """Every section with its depth (1 = top level) and key path."""

    def rec(secs, depth, path):
        for i, section in enumerate(secs):
            here = path + ("sections", i)
            yield section, depth, here
            yield from rec(section.sections, depth + 1, here)

    yield from rec(document.sections, 1, ())


@dataclass(frozen=True)
class Corpus:
    root: Path
    config: SiteConfig
    documents: tuple[Document, ...]
    files: dict[str, Path] = field(default_factory=dict)  # document id -> its YAML file
    items: dict[tuple[str, str], Located] = field(default_factory=dict)
    # (target doc, target item) -> the items that map to it, in document order
    mapped_from: dict[tuple[str, str], tuple[Located, ...]] = field(default_factory=dict)
    # (doc, item) -> items of the same document that say they cover it (`covers:`)
    covered_by: dict[tuple[str, str], tuple[Located, ...]] = field(default_factory=dict)
    tools: dict = field(default_factory=dict)  # engagement tools by ID (generator/validate/tools.py)
    translations: dict = field(default_factory=dict)  # language code -> model.translations.LanguagePack
    glossary: object = None  # the site's word list, model.glossary.Glossary (framework_data/glossary.yml), if any
    english: object = None  # in one language's view (translate.localise.localise): the English corpus it was made from

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def has_page(self, doc: Document, item: Item) -> bool:
        """Items get their own page if the data asks, or if anything maps to them (crosswalk pages)."""
        return item.page or doc.kind == "reference" or (doc.id, item.id) in self.mapped_from

    def mapped_from_doc(self, doc_id: str, item_id: str) -> dict[str, tuple[Located, ...]]:
        """What maps to this item, grouped by the document it comes from."""
        grouped: dict[str, list[Located]] = {}
        for loc in self.mapped_from.get((doc_id, item_id), ()):
            grouped.setdefault(loc.document.id, []).append(loc)
        return {k: tuple(v) for k, v in grouped.items()}

    def mapping_pairs(self) -> list[tuple[Document, Document]]:
        """(source document, target document) pairs that have at least one mapping."""
        pairs: list[tuple[str, str]] = []
        for doc in self.documents:
            for loc in walk_items(doc):
                for target in loc.item.maps_to:
                    if (doc.id, target) not in pairs:
                        pairs.append((doc.id, target))
        return [(self.document(a), self.document(b)) for a, b in pairs]


def index_corpus(corpus: Corpus) -> Corpus:
    """Fill in the look-up tables (items by ID, what maps to what) for the corpus's documents."""
    import dataclasses

    items: dict[tuple[str, str], Located] = {}
    mapped: dict[tuple[str, str], list[Located]] = {}
    covered: dict[tuple[str, str], list[Located]] = {}
    for doc in corpus.documents:
        for loc in walk_items(doc):
            items[loc.key] = loc
            for target in loc.item.covers:
                covered.setdefault((doc.id, target), []).append(loc)
            for target_doc, targets in loc.item.maps_to.items():
                for target in targets:
                    mapped.setdefault((target_doc, target), []).append(loc)
    return dataclasses.replace(corpus, items=items, mapped_from={k: tuple(v) for k, v in mapped.items()},
                               covered_by={k: tuple(v) for k, v in covered.items()})
