"""What a page template needs that is not markup: lists worked out from the language's view of the project
(entries in order, links between pages, table rows and columns). Each function takes the page writer
(web/pages.py PageWriter: its view, words and the pages written so far) and returns plain values."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.corpus import walk_items
from ..model.easyread import EasyReadPart
from ..model.easyread import easy_read_parts as model_easy_read_parts


@dataclass(frozen=True)
class SitemapEntry:
    depth: int
    title: object  # a text (it may be in another language than the page's)
    link: str | None  # None: a heading of the entries under it


def sitemap_entries(writer) -> list[SitemapEntry]:
    """Every page of the language, as the menu orders them (the site map lists itself too, but not as a link)."""
    from .paths import doc_path, easy_read_path, item_path, link
    from ..model.labels import reader_label

    t, corpus, titles = writer.t, writer.corpus, writer.out.titles
    nav = ([{t("home"): "index.md"}]
           + [{reader_label(d): [doc_path(d)]
               + ([{writer.easy_read_title(d): easy_read_path(d)}] if d.easy_read is not None else [])
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
    name: str  # "interface", "pages", a document's id or an engagement tool's id
    doc: object  # the document, or None
    reviewed: int
    draft: int
    stale: int
    missing: int
    total: int
    tool: object = None  # the engagement tool (in the page's language), or None


@dataclass(frozen=True)
class StatusLanguage:
    code: str
    name: str
    dir: str
    caption: str
    rows: tuple[StatusRow, ...]


def status_languages(writer) -> list[StatusLanguage]:
    """How much of each language other than English is translated, by document."""
    from ..model.text import SOURCE_LANG
    from ..translate.status import status_rows

    corpus = writer.corpus
    ids = {d.id for d in corpus.documents}
    out = []
    for lang in corpus.config.languages:
        if lang.code == SOURCE_LANG:
            continue
        rows = tuple(StatusRow(r.name, corpus.document(r.name) if r.name in ids else None, r.reviewed, r.draft,
                               r.stale, r.missing, r.total, corpus.tools.get(r.name) if r.name not in ids else None)
                     for r in status_rows(corpus, lang.code))
        out.append(StatusLanguage(lang.code, lang.name, lang.dir, f"{lang.name} ({lang.code})", rows))
    return out


@dataclass(frozen=True)
class CrosswalkLink:
    path: str
    href: str
    title: str


def crosswalk_links(writer, index: str) -> list[CrosswalkLink]:
    """One link a pair of documents that map to each other, from the crosswalks' index page."""
    from .paths import href
    from ..model.labels import reader_label

    out = []
    for source, target in writer.corpus.mapping_pairs():
        path = f"crosswalks/{source.id}--{target.id}.md"
        out.append(CrosswalkLink(path, href(index, path),
                                 writer.t("crosswalk_title", source=reader_label(source),
                                          target=reader_label(target))))
    return out


@dataclass(frozen=True)
class MatrixRow:
    item: object
    href: str
    cells: tuple[bool, ...]  # one a column: does the row's item map to it?


def crosswalk_matrix(writer, source, target, path: str) -> tuple[list, list, list[MatrixRow]]:
    """The table of one crosswalk: (columns, their links, rows). The rows are the source's items that map to
    the target; the columns the target's items they map to, in document order."""
    from .paths import doc_path, href, item_path

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


@dataclass(frozen=True)
class Card:
    doc: object
    href: str


def document_cards(writer, from_path: str) -> list[Card]:
    """Every document, in the site's order, with its link from the page at from_path."""
    from .paths import doc_path, href

    return [Card(doc, href(from_path, doc_path(doc))) for doc in writer.corpus.documents]


@dataclass(frozen=True)
class Intro:
    body: str  # safe Markdown and HTML (markup/content.py)
    lang: str


def content_intro(found) -> Intro | None:
    """(title, body, lang) of a content page, as the template takes it."""
    return None if found is None else Intro(found[1], found[2])


def easy_read_parts(writer, doc, path: str) -> list[EasyReadPart]:
    """The sections and items of a document that have easy-read points, in reading order (model/easyread.py), with
    a link from the page at path to each item's own page where it has one."""
    from .paths import href, item_path

    def more(item):
        return href(path, item_path(doc, item)) if writer.corpus.has_page(doc, item) else None

    return model_easy_read_parts(doc, writer.label, more)


@dataclass(frozen=True)
class ContentsEntry:
    id: str
    title: object = None  # a heading from the data, or
    key: str = ""         # the interface word of a heading the template writes


def easy_read_contents(writer, doc, parts: list[EasyReadPart]) -> list[ContentsEntry]:
    """The contents list at the top of a long easy-read page (more than CONTENTS_OVER_POINTS points): a link to
    each of its main headings, then to who to contact and the words. A short page has none (an empty list)."""
    from ..model.easyread import CONTENTS_OVER_POINTS

    er = doc.easy_read
    count = len(er.about) + len(er.contact) + sum(len(p.points) for p in parts if p.kind == "points")
    if count <= CONTENTS_OVER_POINTS:
        return []
    entries = [ContentsEntry(p.id, title=p.title) for p in parts if p.kind == "heading" and p.level == 2]
    entries.append(ContentsEntry("contact", key="easy_read_contact"))
    if er.words:
        entries.append(ContentsEntry("words", key="easy_read_words"))
    return entries


@dataclass(frozen=True)
class Link:
    item: object
    link: str  # a Markdown link (MkDocs checks and rewrites it)


@dataclass(frozen=True)
class LinkGroup:
    doc: object
    links: tuple[Link, ...]


def maps_to_groups(writer, loc, path: str) -> list[LinkGroup]:
    """What an item links to in other documents, by document."""
    from .paths import item_path, link

    out = []
    for target_doc_id, targets in loc.item.maps_to.items():
        target_doc = writer.corpus.document(target_doc_id)
        out.append(LinkGroup(target_doc, tuple(
            Link(writer.corpus.items[(target_doc_id, t)].item,
                 link(path, item_path(target_doc, writer.corpus.items[(target_doc_id, t)].item))) for t in targets)))
    return out


def mapped_from_groups(writer, doc, item, path: str) -> list[LinkGroup]:
    """What links to an item from other documents, by document (to the item's page, or its section)."""
    from .paths import doc_path, item_path, link

    out = []
    for source_id, locs in writer.corpus.mapped_from_doc(doc.id, item.id).items():
        source_doc = writer.corpus.document(source_id)
        links = []
        for src in locs:
            if writer.corpus.has_page(source_doc, src.item):
                links.append(Link(src.item, link(path, item_path(source_doc, src.item))))
            else:
                links.append(Link(src.item, link(path, doc_path(source_doc), src.sections[-1].id if src.sections else None)))
        out.append(LinkGroup(source_doc, tuple(links)))
    return out


@dataclass(frozen=True)
class Covered:
    heading: object
    item: object


def item_page_values(writer, loc, path: str) -> dict:
    """Everything item.md.j2 shows besides the item itself."""
    from .paths import doc_path, easy_read_path, href, item_path, link
    from ..model.labels import reader_label

    doc, item = loc.document, loc.item
    type_key = f"types.{item.type.lower()}" if item.type else ""
    return {
        "doc": doc, "item": item, "path": path, "label": writer.label(item), "page_lang": writer.lang,
        "crumbs": [reader_label(doc)] + [s.title for s in loc.sections],
        "doc_href": href(path, doc_path(doc)),
        "easy_read_href": (href(path, easy_read_path(doc), item.id)
                           if item.easy_read and doc.easy_read is not None else None),
        "type_key": type_key, "type_has_word": type_key in writer.t.english,
        # what the type means ("Type: Experience. This is about what using services is like."), if en.yml says
        "type_about_key": (f"types_about.{item.type.lower()}"
                           if item.type and f"types_about.{item.type.lower()}" in writer.t.english else ""),
        "both": bool(item.short_text and item.text and item.short_text.strip() != item.text.strip()),
        "covers": [Link(writer.corpus.items[(doc.id, t)].item,
                        link(path, item_path(doc, writer.corpus.items[(doc.id, t)].item))) for t in item.covers],
        "covered_by": [Covered(cov.sections[-1].title if cov.sections else writer.label(cov.item), cov.item)
                       for cov in writer.corpus.covered_by.get(loc.key, ())],
        "maps_to": maps_to_groups(writer, loc, path) if item.maps_to else [],
        "mapped_from": mapped_from_groups(writer, doc, item, path),
        "reference": doc.kind == "reference",
    }


@dataclass(frozen=True)
class Run:
    cards: bool  # True: items with pages of their own, shown as one list of links
    items: tuple


def item_runs(writer, doc, items) -> list[Run]:
    """Items in reading order: consecutive items with pages of their own grouped into one run of cards."""
    out: list[Run] = []
    run: list = []
    for item in items:
        if writer.corpus.has_page(doc, item):
            run.append(item)
        else:
            if run:
                out.append(Run(True, tuple(run)))
                run = []
            out.append(Run(False, (item,)))
    if run:
        out.append(Run(True, tuple(run)))
    return out


def _kinds():
    from ..model.packs import DOCUMENT_KINDS, KINDS, TOOL_KINDS

    return KINDS, DOCUMENT_KINDS, TOOL_KINDS


def document_packs(packs, lang: str, doc_id: str) -> list:
    """One document's packs (and the tools built from it) in lang, in the order of the kinds."""
    kinds = _kinds()[0]
    order = {k: n for n, k in enumerate(kinds)}
    return sorted((p for p in packs or () if p.doc_id == doc_id and p.lang == lang),
                  key=lambda p: (order.get(p.kind, 99), p.file))


@dataclass(frozen=True)
class PackGroup:
    doc_id: str
    standard: object  # the standard pack (its title is the document's), or None
    documents: tuple
    tools: tuple


def pack_groups(packs, lang: str) -> tuple[list[str], list[PackGroup]]:
    """(the kinds of pack there are in lang, in order; the packs by document, in the manifest's order)."""
    kinds, document_kinds, tool_kinds = _kinds()
    present = {p.kind for p in packs if p.lang == lang}
    doc_ids: list[str] = []
    for p in packs:
        if p.lang == lang and p.doc_id not in doc_ids:
            doc_ids.append(p.doc_id)
    groups = []
    for doc_id in doc_ids:
        these = document_packs(packs, lang, doc_id)
        groups.append(PackGroup(doc_id, next((p for p in these if p.kind == "standard"), None),
                                tuple(p for p in these if p.kind in document_kinds),
                                tuple(p for p in these if p.kind in tool_kinds)))
    return [k for k in kinds if k in present], groups


@dataclass(frozen=True)
class CollectLink:
    href: str  # from the page to the file
    link_key: str  # the interface words of the link ("collect.xlsform_link") and what follows it ("collect.xlsform")
    key: str


@dataclass(frozen=True)
class CollectForm:
    name: object  # the document's label (a text: it may be in another language than the page's)
    name_lang: str | None  # its language when it is not the page's, else None
    kind: str  # the form's kind (packs.kinds.<kind>)
    stem: str  # the form's file name without its suffix, also the heading's anchor
    links: list[CollectLink]


def collection_forms(writer, prefix: str) -> list[CollectForm]:
    """The engagement tools' collection files (XLSForm, XForm, codebook; generator/collect/), one entry per form, for
    the printable packs page (issue #16); [] when the project has no tools. prefix: from the page to the language
    folder (site/<lang>/); the files are one step up from there, in site/forms/ (FORMS_DIR)."""
    from ..collect.build import FORMS_DIR, planned_forms

    out = []
    for doc_id, kind, stem in planned_forms(writer.corpus):
        label = writer.corpus.document(doc_id).label
        label_lang = getattr(label, "lang", "en")
        # (the file's format is in the link's words: the page's allow-list keeps no other type than PDF)
        links = [CollectLink(f"{prefix}../{FORMS_DIR}/{stem}{suffix}", key + "_link", key)
                 for suffix, key in ((".xlsx", "collect.xlsform"), (".xml", "collect.xform"),
                                     ("-codebook.csv", "collect.codebook"))]
        out.append(CollectForm(label, label_lang if label_lang != writer.lang else None, kind, stem, links))
    return out


def file_size(n: int) -> str:
    """A file's size as people read it: 12 KB, 1.4 MB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def place_name(writer, doc) -> str:
    """Where a document applies, as a reader names it (translate/words.py place_name), in the page's words."""
    from ..translate.words import place_name as named

    return named(writer.t, doc, getattr(writer, "dir", "ltr"))


@dataclass(frozen=True)
class RefLink:
    title: object  # a text
    href: str  # for raw HTML, from the page being written


def refers_links(writer, doc, item, path: str) -> list[RefLink]:
    """What an item's text points to ("set out below", "see page 19": refers_to), as links from the page at
    path: an item's own page, or its place on its document's page; a section's heading."""
    from ..model.corpus import walk_sections
    from .paths import doc_path, href, item_path

    out = []
    for target_id, ids in item.refers_to.items():
        target = writer.corpus.document(target_id)
        sections = {sec.id: sec for sec, _depth, _path in walk_sections(target)}
        for ref in ids:
            loc = writer.corpus.items.get((target_id, ref))
            if loc is not None:
                if writer.corpus.has_page(target, loc.item):
                    out.append(RefLink(writer.label(loc.item), href(path, item_path(target, loc.item))))
                    continue
                # shown on the page of the nearest item above it that has one, else on its document's page
                holder = next((p for p in reversed(loc.parents) if writer.corpus.has_page(target, p)), None)
                headed = loc.item.title or loc.item.number
                if holder is not None:
                    out.append(RefLink(writer.label(loc.item),
                                       href(path, item_path(target, holder), ref if headed else None)))
                else:
                    anchor = ref if headed else (loc.sections[-1].id if loc.sections else None)
                    out.append(RefLink(writer.label(loc.item), href(path, doc_path(target), anchor)))
            elif ref in sections:
                out.append(RefLink(sections[ref].title, href(path, doc_path(target), ref)))
    return out


@dataclass(frozen=True)
class Quoted:
    publisher: str
    item: object  # the document's own item that defines the word (its text is the source's words)
    href: str


@dataclass(frozen=True)
class WordEntry:
    """One word of the site's word list (framework_data/glossary.yml) as the glossary page shows it."""

    id: str
    term: str
    meaning: str  # Markdown, written for this site: translated (glossary.yml) where a translation exists
    documents: tuple[Card, ...]
    places: str  # where it applies ("England", "England and Scotland"), or ""
    quotes: tuple[Quoted, ...]


def word_list(writer, path: str) -> list[WordEntry]:
    """The site's word list, in alphabetical order, with links to the documents each word comes from."""
    from types import SimpleNamespace

    from .paths import doc_path, href, item_path

    glossary = writer.corpus.glossary
    if glossary is None:
        return []
    ids = {d.id for d in writer.corpus.documents}
    out = []
    for term in glossary.terms:
        docs = [writer.corpus.document(d) for d in term.documents if d in ids]
        countries = []
        for doc in docs:
            countries += [c for c in doc.applies_to if c not in countries]
        places = place_name(writer, SimpleNamespace(applies_to=tuple(countries), area=None)) if countries else ""
        quotes = []
        for ref in term.source_definitions:
            loc = writer.corpus.items.get((ref.document, ref.item))
            if loc is None or ref.document not in ids:
                continue
            doc = loc.document
            target = (href(path, item_path(doc, loc.item)) if writer.corpus.has_page(doc, loc.item)
                      else href(path, doc_path(doc), loc.sections[-1].id if loc.sections else None))
            quotes.append(Quoted(doc.source.publisher, loc.item, target))
        word, meaning = term.term, term.meaning
        if writer.lang != "en":  # a word not translated (or no translation at all) is English, marked so
            from ..translate.localise import LText

            word = word if hasattr(word, "lang") else LText(word, "en", "source")
            meaning = meaning if hasattr(meaning, "lang") else LText(meaning, "en", "source")
        out.append(WordEntry(term.id, word, meaning,
                             tuple(Card(d, href(path, doc_path(d))) for d in docs), places, tuple(quotes)))
    out.sort(key=lambda e: e.term.casefold())
    return out


def site_chrome(writer) -> dict:
    """Who runs the site, for the header and footer of every page: the organisation's name (and logo, copied
    with the site), and the links to contact, the accessibility statement, the privacy notice (privacy_url, or
    the generated privacy/ page) and the site's source. Words are safe HTML in the page's language (marked
    where they fell back to English); an address is absolute, or relative to the language's root."""
    from ..markup import lang as marking
    from ..markup.escape import md_inline
    from ..model.text import lang_of

    config = writer.corpus.config
    site = config.site

    def marked(value) -> str:
        # a name shown in another language than the page's (the English of a name not translated yet) is marked
        # with its language and direction: on a right-to-left page it keeps its own order (dir isolates it); in
        # a translated name, a word in Latin letters ("مشروع charterkit") is isolated and marked as English
        if lang_of(value) != writer.lang:
            return marking.wrap(md_inline(value), lang_of(value), writer.lang, writer.dirs)
        return marking.english_passages(md_inline(value), writer.dir)

    # the organisation's name and the site's name, in the page's language (site.yml site.organisation, site.name)
    org = marked(site.organisation)
    links = [{"text": writer.word("contact_us"), "href": f"mailto:{config.contact.email}", "external": True}]
    if (writer.corpus.root / "content" / "en" / "accessibility.md").is_file():  # no link to a page that is not there
        links.append({"text": writer.word("accessibility"), "href": "accessibility/", "external": False})
    if site.privacy_url:
        links.append({"text": writer.word("privacy"), "href": str(site.privacy_url), "external": True})
    elif "privacy.md" in writer.out.pages:
        links.append({"text": writer.word("privacy"), "href": "privacy/", "external": False})
    if site.source_code_url:
        links.append({"text": writer.word("source_code"), "href": str(site.source_code_url), "external": True})
    logo = None
    if site.logo:
        source = writer.corpus.root / site.logo
        if source.is_file():
            logo = f"assets/charterkit/logo{source.suffix.lower()}"
            writer.out.files[logo] = source
    return {"organisation": org, "site_name": marked(site.name), "run_by": writer.word("run_by", organisation=site.organisation),
            "links": links, "logo": logo, "not_found": not_found(writer)}


def contact_links(writer) -> list[dict]:
    """The site's email address and phone number (site_config.yml contact:) as links: each {label (safe HTML in the
    page's language), value, href}; the templates escape the values."""
    contact = writer.corpus.config.contact
    lines = [{"label": writer.word("packs.email"), "value": str(contact.email), "href": f"mailto:{contact.email}"}]
    if contact.phone:
        lines.append({"label": writer.word("packs.phone"), "value": str(contact.phone),
                      "href": "tel:" + "".join(ch for ch in str(contact.phone) if ch.isdigit() or ch == "+")})
    return lines


def not_found(writer) -> dict:
    """The words of the language's "page not found" page (theme/overrides/404.html): safe HTML in the page's
    language, marked where they fell back to English; the contact lines' values are escaped by the template."""
    contact = writer.corpus.config.contact
    lines = contact_links(writer)
    if getattr(contact, "text_relay", None):
        lines.append({"label": writer.word("packs.text_relay"), "value": str(contact.text_relay), "href": None})
    return {"title": writer.word("not_found.title"), "title_plain": str(writer.t("not_found.title")),
            "intro": writer.word("not_found.intro"), "home": writer.word("not_found.home"),
            "search": writer.word("not_found.search"), "sitemap": writer.word("sitemap"),
            "contact": writer.word("not_found.contact"), "contact_lines": lines}


@dataclass(frozen=True)
class ListenValues:
    """What the easy-read page's player shows (theme/pages/_listen.md.j2): where the file is, whether it is a
    recording or the computer voice, its size and length as people read them."""

    href: str  # from the page to the file
    recorded: bool
    size: str  # "1.2 MB"
    minutes: int  # 0 when not known (a recording)


def listen_values(writer, audio, path: str) -> ListenValues:
    """The player's values for an easy-read page's audio (generator/audio/build.py Audio) on the page at path."""
    from .paths import href

    in_language = audio.path.split("/", 1)[1]  # (the path is from the site folder: "<lang>/audio/...")
    return ListenValues(href(path, in_language), audio.recorded, file_size(audio.bytes), audio.minutes)
