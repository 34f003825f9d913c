"""What a page template needs that is not markup: lists worked out from the language's view of the project
(entries in order, links between pages, table rows and columns). Each function takes the page writer
(render/site.py PageWriter: its view, words and the pages written so far) and returns plain values."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.corpus import walk_items


@dataclass(frozen=True)
class SitemapEntry:
    depth: int
    title: object  # a text (it may be in another language than the page's)
    link: str | None  # None: a heading of the entries under it


def sitemap_entries(writer) -> list[SitemapEntry]:
    """Every page of the language, as the menu orders them (the site map lists itself too, but not as a link)."""
    from ..render.site import doc_path, easy_read_path, item_path, link

    t, corpus, titles = writer.t, writer.corpus, writer.out.titles
    nav = ([{t("home"): "index.md"}]
           + [{d.label: [doc_path(d)]
               + ([{t("easy_read_version"): easy_read_path(d)}] if d.easy_read is not None else [])
               + [{writer.label(loc.item): item_path(d, loc.item)} for loc in walk_items(d)
                  if corpus.has_page(d, loc.item)]} for d in corpus.documents]
           + [{t("crosswalks"): "crosswalks/index.md"}]
           + [{title: p} for p, title in titles.items() if p.startswith("crosswalks/") and p != "crosswalks/index.md"]
           + [{t("glossary"): "glossary.md"}]
           + [{title: p} for p, title in titles.items() if "/" not in p and p not in ("index.md", "glossary.md")])
    out: list[SitemapEntry] = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, str):
                out.append(SitemapEntry(depth, titles.get(entry, entry), link("sitemap.md", entry)))
                continue
            for title, value in entry.items():
                if isinstance(value, str):
                    if value != "sitemap.md":
                        out.append(SitemapEntry(depth, title, link("sitemap.md", value)))
                else:
                    out.append(SitemapEntry(depth, title, None))
                    walk(value, depth + 1)

    walk(nav, 0)
    return out


@dataclass(frozen=True)
class GlossaryEntry:
    term: object
    item: object
    doc: object


def glossary_entries(writer) -> list[GlossaryEntry]:
    """The terms of every glossary section of every document, in alphabetical order."""
    from ..model.corpus import walk_sections

    entries = []
    for doc in writer.corpus.documents:
        for section, _depth, _path in walk_sections(doc):
            if section.glossary:
                for item in section.items:
                    entries.append(GlossaryEntry(item.title or item.id, item, doc))
    entries.sort(key=lambda e: e.term.casefold())
    return entries


@dataclass(frozen=True)
class StatusRow:
    name: str  # "interface" or a document's id
    doc: object  # the document, or None
    reviewed: int
    draft: int
    stale: int
    missing: int
    total: int


@dataclass(frozen=True)
class StatusLanguage:
    code: str
    name: str
    dir: str
    caption: str
    rows: tuple[StatusRow, ...]


def status_languages(writer) -> list[StatusLanguage]:
    """How much of each language other than English is translated, by document."""
    from ..render.strings import SOURCE_LANG
    from ..translate.status import status_rows

    corpus = writer.corpus
    ids = {d.id for d in corpus.documents}
    out = []
    for lang in corpus.config.languages:
        if lang.code == SOURCE_LANG:
            continue
        rows = tuple(StatusRow(r.name, corpus.document(r.name) if r.name in ids else None, r.reviewed, r.draft,
                               r.stale, r.missing, r.total) for r in status_rows(corpus, lang.code))
        out.append(StatusLanguage(lang.code, lang.name, lang.dir, f"{lang.name} ({lang.code})", rows))
    return out


@dataclass(frozen=True)
class CrosswalkLink:
    path: str
    href: str
    title: str


def crosswalk_links(writer, index: str) -> list[CrosswalkLink]:
    """One link a pair of documents that map to each other, from the crosswalks' index page."""
    from ..render.site import href

    out = []
    for source, target in writer.corpus.mapping_pairs():
        path = f"crosswalks/{source.id}--{target.id}.md"
        out.append(CrosswalkLink(path, href(index, path),
                                 writer.t("crosswalk_title", source=source.label, target=target.label)))
    return out


@dataclass(frozen=True)
class MatrixRow:
    item: object
    href: str
    cells: tuple[bool, ...]  # one a column: does the row's item map to it?


def crosswalk_matrix(writer, source, target, path: str) -> tuple[list, list, list[MatrixRow]]:
    """The table of one crosswalk: (columns, their links, rows). The rows are the source's items that map to
    the target; the columns the target's items they map to, in document order."""
    from ..render.site import doc_path, href, item_path

    rows = [loc for loc in walk_items(source) if target.id in loc.item.maps_to]
    used = {t for loc in rows for t in loc.item.maps_to[target.id]}
    columns = [loc.item for loc in walk_items(target) if loc.item.id in used]
    column_hrefs = [href(path, item_path(target, col)) for col in columns]
    out = []
    for loc in rows:
        mapped = set(loc.item.maps_to[target.id])
        row_href = (href(path, item_path(source, loc.item)) if writer.corpus.has_page(source, loc.item)
                    else href(path, doc_path(source)))
        out.append(MatrixRow(loc.item, row_href, tuple(col.id in mapped for col in columns)))
    return columns, column_hrefs, out
