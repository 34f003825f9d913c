"""Turn the validated corpus into the Markdown pages of one language's website.

Nothing here knows about MkDocs: this module returns pages (path -> Markdown) and a navigation
tree; render/mkdocs_adapter.py turns them into HTML. Follow one document from its YAML file:
document_page() writes site/<lang>/<document>/, item_page() each item with a page of its own.
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..model.corpus import Corpus, Located, walk_items
from ..model.schema import Document, EntryList, Item, Section
from .strings import SOURCE_LANG, Strings


@dataclass
class SitePages:
    lang: str
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown
    nav: list = field(default_factory=list)  # MkDocs nav structure
    titles: dict[str, str] = field(default_factory=dict)  # docs path -> page title

    def add(self, path: str, title: str, body: str) -> None:
        self.pages[path] = body
        self.titles[path] = title


def doc_path(doc: Document) -> str:
    return f"{doc.id}/index.md"


def item_path(doc: Document, item: Item) -> str:
    return f"{doc.id}/{item.id}.md"


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    rel = os.path.relpath(to_path, os.path.dirname(from_path) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_inline(text: str) -> str:
    """Plain text (a title, a label) made safe to place inside Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def first_sentence(text: str, limit: int = 160) -> str:
    plain = " ".join(re.sub(r"[*_`#>]", "", text).split())
    m = re.match(r"(.+?[.!?])(\s|$)", plain)
    out = m.group(1) if m else plain
    return out if len(out) <= limit else out[: limit - 1].rsplit(" ", 1)[0] + "…"


def item_label(item: Item) -> str:
    """How an item is named in links and tables: its number and short name."""
    name = item.title or (first_sentence(item.short_text or item.text or "") if (item.short_text or item.text) else item.id)
    if item.number and not name.startswith(item.number):
        return f"{item.number}. {name}" if item.number.isdigit() else f"{item.number} {name}"
    return name


class PageWriter:
    """Writes every page of one language. Construct once per language and call build()."""

    def __init__(self, corpus: Corpus, lang: str, strings: Strings):
        self.corpus = corpus
        self.lang = lang
        self.t = strings
        self.out = SitePages(lang)
        content_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                                         keep_trailing_newline=True)
        self.content_env = content_env

    # ---- text in the page's language, with fallback marking ----------------------------------
    def word(self, key: str, **values) -> str:
        text, lang = self.t.get(key, **values)
        if lang != self.lang:
            return f'<span lang="{lang}" dir="ltr">{esc(text)}</span>'
        return esc(text)

    def prose(self, markdown: str, text_lang: str = SOURCE_LANG) -> str:
        """A Markdown passage. If it is not in the page's language it is marked so screen readers switch voice."""
        if text_lang == self.lang:
            return markdown.strip() + "\n"
        return f'<div lang="{text_lang}" dir="ltr" markdown="1">\n\n{markdown.strip()}\n\n</div>\n'

    # ---- whole site ---------------------------------------------------------------------------
    def build(self) -> SitePages:
        corpus = self.corpus
        self.home_page()
        nav_docs = []
        for doc in corpus.documents:
            self.document_page(doc)
            children = [doc_path(doc)]
            for loc in walk_items(doc):
                if corpus.has_page(doc, loc.item):
                    self.item_page(loc)
                    children.append({item_label(loc.item): item_path(doc, loc.item)})
            nav_docs.append({doc.label: children})
        self.crosswalk_pages()
        self.glossary_page()
        extra = self.content_pages()
        self.sitemap_page()
        self.out.nav = (
            [{self.t("home"): "index.md"}, {self.t("documents"): nav_docs},
             {self.t("crosswalks"): "crosswalks/index.md"}, {self.t("glossary"): "glossary.md"}]
            + extra + [{self.t("sitemap"): "sitemap.md"}]
        )
        return self.out

    # ---- pages made from site content (content/<lang>/*.md with site_config values) ------------
    def _content_source(self, name: str) -> tuple[Path, str] | None:
        for lang in (self.lang, SOURCE_LANG):
            path = self.corpus.root / "content" / lang / name
            if path.exists():
                return path, lang
        return None

    def render_content(self, name: str) -> tuple[str, str, str] | None:
        """(title, markdown, language) of a prose page, with {{ config }} values filled in."""
        found = self._content_source(name)
        if found is None:
            return None
        path, lang = found
        text = path.read_text(encoding="utf-8")
        body = self.content_env.from_string(text).render(config=self.corpus.config, site=self.corpus.config.site,
                                                        contact=self.corpus.config.contact,
                                                        accessibility=self.corpus.config.accessibility,
                                                        other_formats=self.corpus.config.other_formats,
                                                        languages=self.corpus.config.languages)
        m = re.search(r"^# (.+)$", body, re.M)
        title = m.group(1).strip() if m else name.removesuffix(".md")
        return title, body, lang

    def content_pages(self) -> list:
        nav = []
        folder = self.corpus.root / "content" / SOURCE_LANG
        names = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []
        for name in names:
            title, body, lang = self.render_content(name)
            self.out.add(name, title, self.prose(body, lang))
            nav.append({title: name})
        return nav

    def home_page(self) -> None:
        intro = self.render_content("index.md")
        lines = []
        if intro:
            title, body, lang = intro
            lines.append(self.prose(body, lang))
        else:
            title = self.corpus.config.site.name
            lines.append(f"# {md_inline(title)}\n")
        lines.append(f"\n## {self.word('all_documents')}\n")
        lines.append(self.document_list("index.md"))
        self.out.add("index.md", title, "\n".join(lines))

    def document_list(self, from_path: str) -> str:
        rows = ['<ul class="ck-card-list">']
        for doc in self.corpus.documents:
            rows.append(
                f'<li><a href="{esc(link(from_path, doc_path(doc)))}">{esc(doc.title)}</a>'
                f'<span class="ck-card-kind">{self.word("document_kinds." + doc.kind)}</span>'
                f'<p>{esc(doc.summary)}</p></li>')
        rows.append("</ul>\n")
        return "\n".join(rows)

    # ---- a document ---------------------------------------------------------------------------
    def document_page(self, doc: Document) -> None:
        path = doc_path(doc)
        lines = [
            f'<p class="ck-kicker">{self.word("document_kinds." + doc.kind)}</p>\n',
            f"# {md_inline(doc.title)}\n",
            self.prose(doc.summary) + "{ .ck-lead }\n",
        ]
        for section in doc.sections:
            lines.append(self.section_md(doc, section, 2, path))
        lines.append(self.about_md(doc))
        self.out.add(path, doc.title, "\n".join(lines))

    def section_md(self, doc: Document, section: Section, level: int, path: str) -> str:
        h = "#" * min(level, 6)
        parts = [f"\n{h} {md_inline(section.title)} {{ #{section.id} }}\n"]
        if section.intro:
            parts.append(self.prose(section.intro))
        if section.glossary:
            parts.append(self.glossary_md(section.items))
        else:
            parts.append(self.items_md(doc, section.items, level + 1, path))
        for sub in section.sections:
            parts.append(self.section_md(doc, sub, level + 1, path))
        return "\n".join(parts)

    def items_md(self, doc: Document, items, level: int, path: str) -> str:
        parts = []
        linked = [i for i in items if self.corpus.has_page(doc, i)]
        inline = [i for i in items if not self.corpus.has_page(doc, i)]
        # keep reading order: group consecutive page-items into one list of links
        run: list[Item] = []

        def flush():
            if run:
                parts.append(self.card_list(doc, run, path))
                run.clear()

        for item in items:
            if item in linked:
                run.append(item)
            else:
                flush()
                parts.append(self.item_body_md(doc, item, level, path, heading=True))
        flush()
        del inline
        return "\n".join(parts)

    def card_list(self, doc: Document, items, path: str) -> str:
        rows = ['<ul class="ck-card-list">']
        for item in items:
            label = item_label(item)
            teaser = item.short_text or item.text or ""
            if teaser and item.title:
                teaser_html = f"<p>{esc(first_sentence(teaser, 220))}</p>"
            else:
                teaser_html = ""
            rows.append(f'<li><a href="{esc(link(path, item_path(doc, item)))}">{esc(label)}</a>{teaser_html}</li>')
        rows.append("</ul>\n")
        return "\n".join(rows)

    def item_body_md(self, doc: Document, item: Item, level: int, path: str, heading: bool) -> str:
        parts = []
        if heading and item.title:
            h = "#" * min(level, 6)
            parts.append(f"\n{h} {md_inline(item_label(item))} {{ #{item.id} }}\n")
        elif heading and item.number:
            parts.append(f'\n<p class="ck-number" id="{item.id}">{esc(item.number)}</p>\n')
        if item.attribution or item.type == "quote":
            parts.append(self.quote_md(item))
        else:
            if item.text:
                parts.append(self.prose(item.text))
            elif item.short_text:
                parts.append(self.prose(item.short_text))
        for lst in item.lists:
            parts.append(self.list_md(lst, level + 1))
        if item.items:
            parts.append(self.items_md(doc, item.items, level + 1, path))
        return "\n".join(parts)

    def quote_md(self, item: Item) -> str:
        body = f'<blockquote class="ck-quote" markdown="1">\n\n{(item.text or "").strip()}\n\n'
        if item.attribution:
            body += f'<footer markdown="1">{md_inline(item.attribution)}</footer>\n'
        return body + "</blockquote>\n"

    def list_md(self, lst: EntryList, level: int) -> str:
        out = []
        if lst.title:
            h = "#" * min(level, 6)
            out.append(f"\n{h} {md_inline(lst.title)}\n")
        out.append("")
        for entry in lst.entries:
            text = " ".join(line.strip() for line in entry.strip().splitlines())
            out.append(f"- {text}")
        out.append("")
        return "\n".join(out)

    def glossary_md(self, items) -> str:
        out = [""]
        for item in items:
            out.append(f"{md_inline(item.title or item.id)}")
            meaning = " ".join((item.text or "").split())
            out.append(f":   {meaning}\n")
        return "\n".join(out)

    def about_md(self, doc: Document) -> str:
        s = doc.source
        rows = [("source_title", esc(s.title)), ("publisher", esc(s.publisher)), ("date", esc(s.date))]
        if s.version:
            rows.append(("version", esc(s.version)))
        licence = esc(s.licence)
        if s.licence_url:
            licence = f'<a href="{esc(s.licence_url)}">{licence}</a>'
        rows.append(("licence", licence))
        if s.url:
            rows.append(("source_address", f'<a href="{esc(s.url)}">{esc(s.url)}</a>'))
        if s.review_date:
            rows.append(("review_date", esc(s.review_date)))
        out = [f'\n## {self.word("about_document")} {{ #about-this-document }}\n', '<dl class="ck-meta">']
        for key, value in rows:
            out.append(f"<dt>{self.word(key)}</dt><dd>{value}</dd>")
        out.append("</dl>\n")
        if s.notes:
            out.append(f'\n### {self.word("notes")}\n')
            out.append(self.prose(s.notes))
        return "\n".join(out)

    # ---- an item with its own page ---------------------------------------------------------------
    def item_page(self, loc: Located) -> None:
        doc, item = loc.document, loc.item
        path = item_path(doc, item)
        label = item_label(item)
        crumbs = " › ".join([doc.label] + [s.title for s in loc.sections])
        lines = [
            f'<p class="ck-kicker"><a href="{esc(link(path, doc_path(doc)))}">{esc(crumbs)}</a></p>\n',
            f"# {md_inline(label)}\n",
        ]
        if item.type and item.type != "quote":
            lines.append(f'<p class="ck-type">{self.word("type")}: {esc(item.type.capitalize())}</p>\n')
        if item.short_text and item.text and item.short_text.strip() != item.text.strip():
            lines.append(self.prose(item.short_text) + "{ .ck-lead }\n")
        lines.append(self.item_body_md(doc, item, 2, path, heading=False))
        if item.covers:
            lines.append(f'\n<p class="ck-covers">{self.word("covers")}</p>\n')
            for target_id in item.covers:
                target = self.corpus.items[(doc.id, target_id)].item
                lines.append(f"- [{md_inline(item_label(target))}]({link(path, item_path(doc, target))})")
            lines.append("")
        for cov in self.corpus.covered_by.get(loc.key, ()):
            heading = cov.sections[-1].title if cov.sections else item_label(cov.item)
            lines.append(f"\n## {md_inline(heading)}\n")
            lines.append(self.item_body_md(doc, cov.item, 2, path, heading=False))
        lines.append(self.maps_to_md(loc, path))
        lines.append(self.mapped_from_md(doc, item, path))
        lines.append(f'\n<p class="ck-back"><a href="{esc(link(path, doc_path(doc)))}">'
                     f'{self.word("back_to_document", document=doc.label)}</a></p>\n')
        self.out.add(path, label, "\n".join(lines))

    def maps_to_md(self, loc: Located, path: str) -> str:
        item = loc.item
        if not item.maps_to:
            return ""
        out = [f'\n## {self.word("maps_to")} {{ #links-to }}\n',
               f'<p>{self.word("maps_to_intro", item=item_label(item))}</p>\n', '<div class="ck-mappings" markdown="1">']
        for target_doc_id, targets in item.maps_to.items():
            target_doc = self.corpus.document(target_doc_id)
            out.append(f"\n### {md_inline(target_doc.label)}\n")
            for target_id in targets:
                target = self.corpus.items[(target_doc_id, target_id)].item
                out.append(f"- [{md_inline(item_label(target))}]({link(path, item_path(target_doc, target))})")
        out.append("\n</div>\n")
        return "\n".join(out)

    def mapped_from_md(self, doc: Document, item: Item, path: str) -> str:
        grouped = self.corpus.mapped_from_doc(doc.id, item.id)
        if not grouped and doc.kind != "reference":
            return ""
        out = [f'\n## {self.word("mapped_from")} {{ #linked-from }}\n']
        if not grouped:
            out.append(f'<p>{self.word("nothing_maps")}</p>\n')
            return "\n".join(out)
        out.append(f'<p>{self.word("mapped_from_intro", item=item_label(item))}</p>\n')
        out.append('<div class="ck-mappings" markdown="1">')
        for source_id, locs in grouped.items():
            source_doc = self.corpus.document(source_id)
            out.append(f"\n### {md_inline(source_doc.label)}\n")
            for src in locs:
                if self.corpus.has_page(source_doc, src.item):
                    out.append(f"- [{md_inline(item_label(src.item))}]({link(path, item_path(source_doc, src.item))})")
                else:
                    anchor = src.sections[-1].id if src.sections else None
                    out.append(f"- [{md_inline(item_label(src.item))}]({link(path, doc_path(source_doc), anchor)})")
        out.append("\n</div>\n")
        return "\n".join(out)

    # ---- crosswalks -----------------------------------------------------------------------------
    def crosswalk_pages(self) -> None:
        index = "crosswalks/index.md"
        lines = [f"# {self.word('crosswalks')}\n", f"<p>{self.word('crosswalks_intro')}</p>\n", "<ul>"]
        for source, target in self.corpus.mapping_pairs():
            path = f"crosswalks/{source.id}--{target.id}.md"
            title = self.t("crosswalk_title", source=source.label, target=target.label)
            lines.append(f'<li><a href="{esc(link(index, path))}">{esc(title)}</a></li>')
            self.out.add(path, title, self.matrix_md(source, target, path, title))
        lines.append("</ul>\n")
        self.out.add(index, self.t("crosswalks"), "\n".join(lines))

    def matrix_md(self, source: Document, target: Document, path: str, title: str) -> str:
        rows = [loc for loc in walk_items(source) if target.id in loc.item.maps_to]
        used = {t for loc in rows for t in loc.item.maps_to[target.id]}
        columns = [loc.item for loc in walk_items(target) if loc.item.id in used]
        caption = self.t("crosswalk_caption", source=source.label, target=target.label)
        out = [f"# {md_inline(title)}\n", f"<p>{self.word('crosswalks_intro')}</p>\n",
               f'<div class="ck-table" role="region" tabindex="0" aria-label="{esc(self.t("table_region", caption=caption))}">',
               '<table class="ck-matrix">', f"<caption>{esc(caption)}</caption>", "<thead><tr>",
               f'<th scope="col">{self.word("crosswalk_row_header")}</th>']
        for col in columns:
            out.append(f'<th scope="col"><a href="{esc(link(path, item_path(target, col)))}">'
                       f'{esc(col.number or col.id)}</a><span class="ck-col-name">{esc(col.title or "")}</span></th>')
        out.append("</tr></thead><tbody>")
        for loc in rows:
            mapped = set(loc.item.maps_to[target.id])
            href = (link(path, item_path(source, loc.item)) if self.corpus.has_page(source, loc.item)
                    else link(path, doc_path(source)))
            out.append(f'<tr><th scope="row"><a href="{esc(href)}">{esc(item_label(loc.item))}</a></th>')
            for col in columns:
                if col.id in mapped:
                    out.append(f'<td class="ck-yes"><span aria-hidden="true">✓</span>'
                               f'<span class="ck-sr">{self.word("answer_yes")}</span></td>')
                else:
                    out.append(f'<td><span class="ck-sr">{self.word("answer_no")}</span></td>')
            out.append("</tr>")
        out.append("</tbody></table></div>\n")
        return "\n".join(out)

    # ---- glossary and site map --------------------------------------------------------------------
    def glossary_page(self) -> None:
        entries = []
        for doc in self.corpus.documents:
            for section in _all_sections(doc.sections):
                if section.glossary:
                    for item in section.items:
                        entries.append((item.title or item.id, item, doc))
        entries.sort(key=lambda e: e[0].casefold())
        out = [f"# {self.word('glossary')}\n", f"<p>{self.word('glossary_intro')}</p>\n", '<dl class="ck-glossary">']
        for term, item, doc in entries:
            out.append(f'<dt id="{esc(doc.id)}--{esc(item.id)}">{esc(term)}</dt>')
            out.append(f'<dd markdown="1">\n\n{(item.text or "").strip()}\n\n'
                       f'<span class="ck-from">{self.word("glossary_from", document=doc.label)}</span>\n\n</dd>')
        out.append("</dl>\n")
        self.out.add("glossary.md", self.t("glossary"), "\n".join(out))

    def sitemap_page(self) -> None:
        out = [f"# {self.word('sitemap')}\n", f"<p>{self.word('sitemap_intro')}</p>\n"]

        def walk(nav, depth):
            for entry in nav:
                if isinstance(entry, str):
                    out.append("    " * depth + f"- [{md_inline(self.out.titles.get(entry, entry))}]({link('sitemap.md', entry)})")
                    continue
                for title, value in entry.items():
                    if isinstance(value, str):
                        if value != "sitemap.md":
                            out.append("    " * depth + f"- [{md_inline(title)}]({link('sitemap.md', value)})")
                    else:
                        out.append("    " * depth + f"- {md_inline(title)}")
                        walk(value, depth + 1)

        nav = ([{self.t("home"): "index.md"}]
               + [{d.label: [doc_path(d)] + [{item_label(l.item): item_path(d, l.item)} for l in walk_items(d)
                                            if self.corpus.has_page(d, l.item)]} for d in self.corpus.documents]
               + [{self.t("crosswalks"): "crosswalks/index.md"}]
               + [{t: p} for p, t in self.out.titles.items() if p.startswith("crosswalks/") and p != "crosswalks/index.md"]
               + [{self.t("glossary"): "glossary.md"}]
               + [{t: p} for p, t in self.out.titles.items() if "/" not in p and p not in ("index.md", "glossary.md")])
        walk(nav, 0)
        out.append("")
        self.out.add("sitemap.md", self.t("sitemap"), "\n".join(out))


def _all_sections(sections):
    for s in sections:
        yield s
        yield from _all_sections(s.sections)


def render_language(corpus: Corpus, lang: str) -> SitePages:
    return PageWriter(corpus, lang, Strings.load(corpus.root, lang)).build()
