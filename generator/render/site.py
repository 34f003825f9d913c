"""Turn the validated corpus into the Markdown pages of one language's website.

Nothing here knows about MkDocs: this module returns pages (path -> Markdown) and a navigation
tree; render/mkdocs_adapter.py turns them into HTML. Follow one document from its YAML file:
document_page() writes site/<lang>/<document>/, item_page() each item with a page of its own.
"""
from __future__ import annotations

import functools
import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.corpus import Corpus, Located, walk_items
from ..model.schema import Document, EntryList, Item, Point, Section
from ..translate.localise import LText, lang_of, state_of
from . import sanitize
from .strings import SOURCE_LANG, Strings


@dataclass
class SitePages:
    lang: str
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown
    nav: list = field(default_factory=list)  # MkDocs nav structure
    titles: dict[str, str] = field(default_factory=dict)  # docs path -> page title
    files: dict[str, Path] = field(default_factory=dict)  # docs path -> file to copy there (pictures)
    # short texts shown in English on this language's pages: the adapter marks them in menus and contents too
    fallback_titles: dict[str, str] = field(default_factory=dict)  # text -> its language

    def add(self, path: str, title: str, body: str) -> None:
        self.pages[path] = body
        self.titles[path] = title


def doc_path(doc: Document) -> str:
    return f"{doc.id}/index.md"


def item_path(doc: Document, item: Item) -> str:
    return f"{doc.id}/{item.id}.md"


def easy_read_path(doc: Document) -> str:
    return f"{doc.id}/easy-read.md"


def keep_lang(source, text: str):
    """text, carrying over the language of the text it was made from."""
    if isinstance(source, LText):
        return LText(text, source.lang, source.state)
    return text


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    rel = os.path.relpath(to_path, os.path.dirname(from_path) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def output_url(path: str) -> str:
    """Where a docs file ends up, relative to the language's root: a.md -> a/, a/index.md -> a/."""
    if path == "index.md" or path.endswith("/index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[:-3] + "/"
    return path


def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A link for raw HTML (which MkDocs does not rewrite): from one page's final address to another's."""
    base = output_url(from_path)
    target = output_url(to_path)
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel + (f"#{anchor}" if anchor else "")


def esc(text: str) -> str:
    """An address or other value charterkit made, for an attribute in double quotes. Words from the data
    go through sanitize.text() (md_inline) instead."""
    return html.escape(text, quote=True)


def md_inline(text: str) -> str:
    """Plain text (a title, a label) as inert HTML that is safe inside Markdown and HTML alike: a heading,
    a link's words, a table cell (see sanitize.text). Runs of white space become one space."""
    return sanitize.text(" ".join(str(text).split()))


def first_sentence(text: str, limit: int = 160) -> str:
    plain = " ".join(re.sub(r"[*_`#>]", "", text).split())
    m = re.match(r"(.+?[.!?])(\s|$)", plain)
    out = m.group(1) if m else plain
    out = out if len(out) <= limit else out[: limit - 1].rsplit(" ", 1)[0] + "…"
    return keep_lang(text, out)


def item_label(item: Item) -> str:
    """How an item is named in links and tables: its number and short name."""
    name = item.title or (first_sentence(item.short_text or item.text or "") if (item.short_text or item.text) else item.id)
    if item.number and not name.startswith(item.number):
        return keep_lang(name, f"{item.number}. {name}" if item.number.isdigit() else f"{item.number} {name}")
    return name


class PageWriter:
    """Writes every page of one language. Construct once per language and call build()."""

    def __init__(self, corpus: Corpus, lang: str, strings: Strings, packs=None, direction: str = "ltr"):
        self.corpus = corpus
        self.lang = lang
        self.dir = direction
        self.t = strings
        self.packs = packs or []
        self.out = SitePages(lang)
        self.flags: set[str] = set()  # "draft", "fallback": what the page being written contains

    # ---- text in the page's language, with fallback marking ----------------------------------
    def word(self, key: str, **values) -> str:
        text, lang = self.t.get(key, **values)
        if lang != self.lang:
            self.flags.add("fallback")
            return f'<span lang="{lang}" dir="ltr">{md_inline(text)}</span>'
        return md_inline(text)

    def _note(self, text) -> str:
        state = state_of(text)
        if state == "draft":
            self.flags.add("draft")
        if lang_of(text) != self.lang and self.lang != SOURCE_LANG:
            self.flags.add("fallback")
        return state

    def h(self, text) -> str:
        """Escaped HTML for a short text, marked with its language if it differs from the page's."""
        self._note(text)
        if lang_of(text) != self.lang:
            return f'<span lang="{lang_of(text)}" dir="ltr">{md_inline(text)}</span>'
        return md_inline(text)

    def inline(self, text) -> str:
        """A short text inside Markdown (a heading, a link), marked with its language if it differs."""
        self._note(text)
        if lang_of(text) != self.lang:
            self.out.fallback_titles[" ".join(str(text).split())] = lang_of(text)
            return f'<span lang="{lang_of(text)}" dir="ltr">{md_inline(text)}</span>'
        return md_inline(text)

    def prose(self, markdown, text_lang: str | None = None) -> str:
        """A Markdown text from the data, as safe HTML (sanitize.markdown_html). If it is not in the page's
        language it is marked so screen readers switch voice, with a short notice in the page's language."""
        if text_lang is not None and not isinstance(markdown, LText):
            markdown = LText(markdown, text_lang, "source" if text_lang == SOURCE_LANG else "reviewed")
        return self._passage(keep_lang(markdown, self.html_block(markdown)))

    def _passage(self, body) -> str:
        """A passage that is already safe (HTML, or Markdown made by content.to_markdown), marked with its
        language if it is not the page's."""
        text_lang = lang_of(body)
        state = self._note(body)
        if text_lang == self.lang:
            return body.strip() + "\n"
        markdown = body
        note = ""
        if state in ("missing", "stale"):
            key = "stale_passage" if state == "stale" else "not_translated_passage"
            note = f'<p class="ck-fallback-note" lang="{self.lang}" dir="{self.dir}">{self.word(key)}</p>\n'
        return (f'<div class="ck-fallback" markdown="1">\n{note}<div lang="{text_lang}" dir="ltr" markdown="1">\n\n'
                f'{markdown.strip()}\n\n</div>\n</div>\n')

    def begin(self) -> None:
        self.flags = set()

    def finish(self, path: str, title, lines: list[str], front: str = "") -> None:
        """Add the page, with notices about drafts and English passages under its main heading."""
        notices = []
        if "draft" in self.flags:
            notices.append(f'<div class="ck-notice ck-notice--draft" role="note"><p>{self.word("draft_notice")}</p></div>\n')
        if "fallback" in self.flags and self.lang != SOURCE_LANG:
            notices.append(f'<div class="ck-notice" role="note"><p>{self.word("fallback_notice")}</p></div>\n')
        if notices:
            at = next((n + 1 for n, line in enumerate(lines) if line.startswith("# ")), 0)
            lines = lines[:at] + notices + lines[at:]
        body = "\n".join(lines)
        # MkDocs reads "key: value" lines at the very start of a page as its settings: a page starts with
        # an empty line unless it has charterkit's own front matter.
        body = f"---\n{front}---\n\n{body}" if front else "\n" + body
        self.out.add(path, title, body)

    # ---- whole site ---------------------------------------------------------------------------
    def build(self) -> SitePages:
        corpus = self.corpus
        self.home_page()
        nav_docs = []
        for doc in corpus.documents:
            self.document_page(doc)
            children = [doc_path(doc)]
            if doc.easy_read is not None:
                self.easy_read_page(doc)
                children.append({self.t("easy_read_version"): easy_read_path(doc)})
            for loc in walk_items(doc):
                if corpus.has_page(doc, loc.item):
                    self.item_page(loc)
                    children.append({item_label(loc.item): item_path(doc, loc.item)})
            nav_docs.append({doc.label: children})
        self.crosswalk_pages()
        self.glossary_page()
        extra = self.content_pages()
        extra.append({self.t("translation_status"): "translation-status.md"})
        self.status_page()
        if self.packs:
            self.packs_page()
            extra.insert(0, {self.t("all_packs"): "printable-packs.md"})
        self.sitemap_page()
        self.out.nav = (
            [{self.t("home"): "index.md"}, {self.t("documents"): nav_docs},
             {self.t("crosswalks"): "crosswalks/index.md"}, {self.t("glossary"): "glossary.md"}]
            + extra + [{self.t("sitemap"): "sitemap.md"}]
        )
        self.out.nav = _plain(self.out.nav)
        return self.out

    # ---- pages made from site content (content/<lang>/*.md with site_config values) ------------
    def _content_source(self, name: str) -> tuple[Path, str] | None:
        for lang in (self.lang, SOURCE_LANG):
            path = self.corpus.root / "content" / lang / name
            if path.exists():
                return path, lang
        return None

    def render_content(self, name: str) -> tuple[str, str, str] | None:
        """(title, markdown, language) of a prose page, with its {{ ... }} parts filled in (in a sandbox, see
        render/content.py) and its words made safe: headings as Markdown lines, the rest as safe HTML."""
        from . import content
        pack = self.corpus.translations.get(self.lang)
        translated = pack.pages.get(name) if pack is not None else None
        found = self._content_source(name)
        if found is None:
            return None
        path, lang = found
        text = path.read_text(encoding="utf-8-sig")
        if lang != SOURCE_LANG:  # a translated page: use it only if current
            from ..translate.files import page_source_hash

            publish = self.corpus.config.translations.publish_drafts
            from ..translate.localise import same_links

            english_text = (self.corpus.root / "content" / SOURCE_LANG / name).read_text(encoding="utf-8-sig")
            current = (translated is not None and translated.source == page_source_hash(self.corpus.root, name)
                       and same_links(translated.text, english_text))
            if current and (translated.status == "reviewed" or publish):
                text = translated.text
                if translated.status == "draft":
                    self.flags.add("draft")
            else:
                path, lang = self.corpus.root / "content" / SOURCE_LANG / name, SOURCE_LANG
                text = path.read_text(encoding="utf-8-sig")
        words = self._settings_words(text) if lang != SOURCE_LANG else None
        title, body = content.to_markdown(content.render(text, self.corpus.config, words))
        return title or name.removesuffix(".md"), body, lang

    def _settings_words(self, page_text: str) -> dict[str, str]:
        """This language's current translations of the site_config.yml words a translated page shows (site.yml),
        key -> text. A stale one, or a draft when drafts are not published, is left out (the English is shown)."""
        from ..translate.units import settings_units

        pack = self.corpus.translations.get(self.lang)
        if pack is None or not pack.settings:
            return {}
        publish = self.corpus.config.translations.publish_drafts
        out = {}
        for unit in settings_units(self.corpus.config):
            tr = pack.settings.get(unit.key)
            if tr is None or tr.source != unit.source_hash or not (tr.status == "reviewed" or publish):
                continue
            out[unit.key] = tr.text
            if tr.status == "draft" and unit.key.split(".")[0] in page_text:
                self.flags.add("draft")
        return out

    def content_pages(self) -> list:
        nav = []
        folder = self.corpus.root / "content" / SOURCE_LANG
        names = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []
        for name in names:
            self.begin()
            title, body, lang = self.render_content(name)
            self.finish(name, title, [self._passage(_in(body, lang))])
            nav.append({title: name})
        return nav

    def home_page(self) -> None:
        self.begin()
        intro = self.render_content("index.md")
        lines = []
        if intro:
            title, body, lang = intro
            lines.append(self._passage(_in(body, lang)))
        else:
            title = self.corpus.config.site.name
            lines.append(f"# {md_inline(title)}\n")
        lines.append(f"\n## {self.word('all_documents')}\n")
        lines.append(self.document_list("index.md"))
        self.finish("index.md", title, lines)

    def document_list(self, from_path: str) -> str:
        rows = ['<ul class="ck-card-list">']
        for doc in self.corpus.documents:
            rows.append(
                f'<li><a href="{esc(href(from_path, doc_path(doc)))}">{self.h(doc.title)}</a>'
                f'<span class="ck-card-kind">{self.word("document_kinds." + doc.kind)}</span>'
                f'<p>{self.h(doc.summary)}</p></li>')
        rows.append("</ul>\n")
        return "\n".join(rows)

    # ---- a document ---------------------------------------------------------------------------
    def document_page(self, doc: Document) -> None:
        self.begin()
        path = doc_path(doc)
        lines = [
            f'<p class="ck-kicker">{self.word("document_kinds." + doc.kind)}</p>\n',
            f"# {self.inline(doc.title)}\n",
            f'<div class="ck-lead" markdown="1">\n\n{self.prose(doc.summary)}\n</div>\n',
        ]
        lines.append(self.versions_md(doc, path))
        for section in doc.sections:
            lines.append(self.section_md(doc, section, 2, path))
        lines.append(self.about_md(doc))
        self.finish(path, doc.title, lines)

    def versions_md(self, doc: Document, path: str) -> str:
        """Links to the easy-read version and the printable packs of a document."""
        out = []
        if doc.easy_read is not None:
            out.append(f'<p class="ck-version-link"><a href="{esc(href(path, easy_read_path(doc)))}">'
                       f'{self.word("easy_read_link_text")}</a></p>\n')
        if self.packs:
            from .packs import pack_links_html

            links = pack_links_html(self.packs, self.lang, doc.id, _prefix(path), strings=self.t)
            if links.strip():
                out.append(f'<details class="ck-packs"><summary>{self.word("printable_packs")}</summary>\n{links}\n</details>\n')
        return "\n".join(out)

    def section_md(self, doc: Document, section: Section, level: int, path: str) -> str:
        h = "#" * min(level, 6)
        parts = [f"\n{h} {self.inline(section.title)} {{ #{section.id} }}\n"]
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
        # keep reading order: group consecutive page-items into one list of links
        run: list[Item] = []

        def flush():
            if run:
                parts.append(self.card_list(doc, run, path))
                run.clear()

        for item in items:
            if self.corpus.has_page(doc, item):
                run.append(item)
            else:
                flush()
                parts.append(self.item_body_md(doc, item, level, path, heading=True))
        flush()
        return "\n".join(parts)

    def card_list(self, doc: Document, items, path: str) -> str:
        rows = ['<ul class="ck-card-list">']
        for item in items:
            label = item_label(item)
            teaser = item.short_text or item.text or ""
            if teaser and item.title:
                teaser_html = f"<p>{self.h(first_sentence(teaser, 220))}</p>"
            else:
                teaser_html = ""
            rows.append(f'<li><a href="{esc(href(path, item_path(doc, item)))}">{self.h(label)}</a>{teaser_html}</li>')
        rows.append("</ul>\n")
        return "\n".join(rows)

    def item_body_md(self, doc: Document, item: Item, level: int, path: str, heading: bool) -> str:
        parts = []
        if heading and item.title:
            h = "#" * min(level, 6)
            parts.append(f"\n{h} {self.inline(item_label(item))} {{ #{item.id} }}\n")
        elif heading and item.number:
            parts.append(f'\n<p class="ck-number" id="{item.id}">{md_inline(item.number)}</p>\n')
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
        body = f'<blockquote class="ck-quote" markdown="1">\n\n{self.prose(item.text or "")}\n'
        if item.attribution:
            body += f'<footer markdown="1">{self.inline(item.attribution)}</footer>\n'
        return body + "</blockquote>\n"

    def list_md(self, lst: EntryList, level: int) -> str:
        out = []
        if lst.title:
            h = "#" * min(level, 6)
            out.append(f"\n{h} {self.inline(lst.title)}\n")
        out.append("")
        english = [e for e in lst.entries if lang_of(e) != self.lang]
        out.append("<ul>")
        for entry in lst.entries:
            text = sanitize.markdown_inline_html(entry)
            self._note(entry)
            if lang_of(entry) != self.lang:
                text = f'<span lang="{lang_of(entry)}" dir="ltr">{text}</span>'
            out.append(f"<li>{text}</li>")
        out.append("</ul>")
        out.append("")
        if english and len(english) == len(lst.entries) and self.lang != SOURCE_LANG:
            note_key = "stale_passage" if all(state_of(e) == "stale" for e in english) else "not_translated_passage"
            out.insert(1, f'<p class="ck-fallback-note">{self.word(note_key)}</p>\n')
        return "\n".join(out)

    def glossary_md(self, items) -> str:
        out = ["", "<dl>"]
        for item in items:
            out.append(f"<dt>{self.inline(item.title or item.id)}</dt>")
            meaning = sanitize.markdown_inline_html(item.text or "")
            if lang_of(item.text) != self.lang:
                self._note(item.text)
                meaning = f'<span lang="{lang_of(item.text)}" dir="ltr">{meaning}</span>'
            out.append(f"<dd>{meaning}</dd>")
        out.append("</dl>\n")
        return "\n".join(out)

    def about_md(self, doc: Document) -> str:
        s = doc.source
        t = md_inline
        rows = [("source_title", f'<span lang="en" dir="ltr">{t(s.title)}</span>' if self.lang != SOURCE_LANG else t(s.title)),
                ("publisher", t(s.publisher)), ("date", t(s.date))]
        if s.version:
            rows.append(("version", t(s.version)))
        licence = self.h(LText(s.licence, SOURCE_LANG, "source")) if self.lang != SOURCE_LANG else t(s.licence)
        if s.licence_url:
            licence = f'<a href="{esc(s.licence_url)}">{licence}</a>'
        rows.append(("licence", licence))
        if s.url:
            rows.append(("source_address", f'<a href="{esc(s.url)}">{t(s.url)}</a>'))
        if s.review_date:
            rows.append(("review_date", t(s.review_date)))
        out = [f'\n## {self.word("about_document")} {{ #about-this-document }}\n', '<dl class="ck-meta">']
        for key, value in rows:
            out.append(f"<dt>{self.word(key)}</dt><dd>{value}</dd>")
        out.append("</dl>\n")
        if s.notes:
            out.append(f'\n### {self.word("notes")}\n')
            out.append(self.prose(LText(s.notes, SOURCE_LANG, "source") if self.lang != SOURCE_LANG else s.notes))
        return "\n".join(out)

    # ---- an item with its own page ---------------------------------------------------------------
    def item_page(self, loc: Located) -> None:
        self.begin()
        doc, item = loc.document, loc.item
        path = item_path(doc, item)
        label = item_label(item)
        crumbs = " › ".join(self.h(x) for x in [doc.label] + [s.title for s in loc.sections])
        lines = [
            f'<p class="ck-kicker"><a href="{esc(href(path, doc_path(doc)))}">{crumbs}</a></p>\n',
            f"# {self.inline(label)}\n",
        ]
        if item.easy_read and doc.easy_read is not None:
            lines.append(f'<p class="ck-version-link"><a href="{esc(href(path, easy_read_path(doc), item.id))}">'
                         f'{self.word("easy_read_item_link", item=item_label(item))}</a></p>\n')
        if item.type and item.type != "quote":
            kind = f"types.{item.type.lower()}"
            label = self.word(kind) if kind in self.t.english else md_inline(item.type.capitalize())
            lines.append(f'<p class="ck-type">{self.word("type")}: {label}</p>\n')
        both = item.short_text and item.text and item.short_text.strip() != item.text.strip()
        if both:
            lines.append(f'<p class="ck-label">{self.word("short_wording")}</p>\n')
            lines.append(f'<div class="ck-lead" markdown="1">\n\n{self.prose(item.short_text)}\n</div>\n')
            lines.append(f'<p class="ck-label">{self.word("full_wording")}</p>\n')
        lines.append(self.item_body_md(doc, item, 1, path, heading=False))  # its lists are h2 under the h1
        if item.covers:
            lines.append(f'\n<p class="ck-covers">{self.word("covers")}</p>\n')
            for target_id in item.covers:
                target = self.corpus.items[(doc.id, target_id)].item
                lines.append(f"- [{self.inline(item_label(target))}]({link(path, item_path(doc, target))})")
            lines.append("")
        for cov in self.corpus.covered_by.get(loc.key, ()):
            heading = cov.sections[-1].title if cov.sections else item_label(cov.item)
            lines.append(f"\n## {self.inline(heading)}\n")
            lines.append(self.item_body_md(doc, cov.item, 2, path, heading=False))
        lines.append(self.maps_to_md(loc, path))
        lines.append(self.mapped_from_md(doc, item, path))
        lines.append(f'\n<p class="ck-back"><a href="{esc(href(path, doc_path(doc)))}">'
                     f'{self.word("back_to_document", document=doc.label)}</a></p>\n')
        self.finish(path, label, lines)

    def maps_to_md(self, loc: Located, path: str) -> str:
        item = loc.item
        if not item.maps_to:
            return ""
        out = [f'\n## {self.word("maps_to")} {{ #links-to }}\n',
               f'<p>{self.word("maps_to_intro", item=item_label(item))}</p>\n', '<div class="ck-mappings" markdown="1">']
        for target_doc_id, targets in item.maps_to.items():
            target_doc = self.corpus.document(target_doc_id)
            out.append(f"\n### {self.inline(target_doc.label)}\n")
            for target_id in targets:
                target = self.corpus.items[(target_doc_id, target_id)].item
                out.append(f"- [{self.inline(item_label(target))}]({link(path, item_path(target_doc, target))})")
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
            out.append(f"\n### {self.inline(source_doc.label)}\n")
            for src in locs:
                if self.corpus.has_page(source_doc, src.item):
                    out.append(f"- [{self.inline(item_label(src.item))}]({link(path, item_path(source_doc, src.item))})")
                else:
                    anchor = src.sections[-1].id if src.sections else None
                    out.append(f"- [{self.inline(item_label(src.item))}]({link(path, doc_path(source_doc), anchor)})")
        out.append("\n</div>\n")
        return "\n".join(out)

    # ---- easy read -------------------------------------------------------------------------------
    def picture_src(self, point: Point, path: str) -> str:
        from ..pictures import catalogue

        picture = catalogue(self.corpus.root)[point.picture]
        target = f"assets/pictures/{picture.asset}"
        self.out.files[target] = picture.svg
        return href(path, target)

    def lang_attrs(self, text) -> str:
        self._note(text)
        if lang_of(text) != self.lang:
            return f' lang="{lang_of(text)}" dir="ltr"'
        return ""

    def html_block(self, text) -> str:
        """A Markdown text from the data as safe HTML (sanitize.markdown_html: no raw HTML, attribute lists,
        images, reference links or autolinks; only the site's tags, attributes and URL schemes)."""
        return _markdown_html(str(text).strip())

    def points_md(self, points, path: str) -> str:
        out = ['<div class="ck-er-points">']
        for point in points:
            alt_lang = lang_of(point.alt)
            lang_attr = f' lang="{alt_lang}"' if alt_lang != self.lang else ""
            self._note(point.alt)
            out.append(f'<div class="ck-er-point">'
                       f'<img class="ck-er-picture" src="{esc(self.picture_src(point, path))}" alt="{esc(point.alt)}"{lang_attr}'
                       f' width="96" height="96"><div class="ck-er-text"{self.lang_attrs(point.text)}>'
                       f'{self.html_block(point.text)}</div></div>')
        out.append("</div>\n")
        return "\n".join(out)

    def easy_read_page(self, doc: Document) -> None:
        """site/<lang>/<doc>/easy-read/: pictures on the left, short sentences on the right, no sidebars."""
        self.begin()
        er = doc.easy_read
        path = easy_read_path(doc)
        lines = ['<div class="ck-easy-read" markdown="1">\n',
                 f"# {self.inline(er.title)}\n",
                 f'<p class="ck-version-link"><a href="{esc(href(path, doc_path(doc)))}">{self.word("standard_link_text")}</a></p>\n',
                 self.points_md(er.about, path)]

        def section(sec: Section, level: int):
            has_points = sec.easy_read or any(_item_has_easy_read(i) for i in sec.items) or any(
                _section_has_easy_read(s) for s in sec.sections)
            if not has_points:
                return
            h = "#" * min(level, 6)
            lines.append(f"\n{h} {self.inline(sec.easy_read_title or sec.title)} {{ #{sec.id} }}\n")
            if sec.easy_read:
                lines.append(self.points_md(sec.easy_read, path))
            for item in sec.items:
                items(item, level + 1)
            for sub in sec.sections:
                section(sub, level + 1)

        def items(item: Item, level: int):
            if item.easy_read:
                h = "#" * min(level, 6)
                lines.append(f"\n{h} {self.inline(item.easy_read_title or item_label(item))} {{ #{item.id} }}\n")
                lines.append(self.points_md(item.easy_read, path))
                if self.corpus.has_page(doc, item):
                    lines.append(f'<p class="ck-er-more"><a href="{esc(href(path, item_path(doc, item)))}">'
                                 f'{self.word("easy_read_read_full", item=item_label(item))}</a></p>\n')
            for sub in item.items:
                items(sub, level + 1)

        for sec in doc.sections:
            section(sec, 2)
        if er.words:
            lines.append(f'\n## {self.word("easy_read_words")} {{ #words }}\n')
            lines.append('<dl class="ck-er-words">')
            for w in er.words:
                lines.append(f'<dt>{self.h(w.word)}</dt><dd{self.lang_attrs(w.meaning)}>{self.html_block(w.meaning)}</dd>')
            lines.append("</dl>\n")
        lines.append(f'\n## {self.word("easy_read_contact")} {{ #contact }}\n')
        lines.append(self.points_md(er.contact, path))
        lines.append(f'<p class="ck-credit">{self.word("pictures_credit")}</p>\n')
        lines.append("</div>\n")
        self.finish(path, er.title, lines, front="hide:\n  - navigation\n  - toc\n")

    # ---- translation status and packs ----------------------------------------------------------------
    def status_page(self) -> None:
        from ..translate.status import status_rows

        self.begin()
        out = [f"# {self.word('translation_status')}\n", f"<p>{self.word('translation_status_intro')}</p>\n"]
        cols = ["status_translated", "status_draft", "status_stale", "status_missing", "status_total"]
        for lang in self.corpus.config.languages:
            if lang.code == SOURCE_LANG:
                continue
            rows = status_rows(self.corpus, lang.code)
            caption = f"{lang.name} ({lang.code})"
            out.append(f'\n## <bdi lang="{lang.code}" dir="{lang.dir}">{md_inline(lang.name)}</bdi> <bdi dir="ltr">({lang.code})</bdi>\n')
            out.append(f'<div class="ck-table" role="region" tabindex="0" aria-label="{esc(self.t("table_region", caption=caption))}">')
            out.append(f'<table><caption>{md_inline(caption)}</caption><thead><tr><th scope="col">{self.word("status_document")}</th>')
            out.extend(f'<th scope="col">{self.word(c)}</th>' for c in cols)
            out.append("</tr></thead><tbody>")
            for row in rows:
                name = self.word("site_interface") if row.name == "interface" else self.h(
                    self.corpus.document(row.name).label) if row.name in {d.id for d in self.corpus.documents} else md_inline(row.name)
                out.append(f'<tr><th scope="row">{name}</th><td>{row.reviewed}</td><td>{row.draft}</td>'
                           f'<td>{row.stale}</td><td>{row.missing}</td><td>{row.total}</td></tr>')
            out.append("</tbody></table></div>\n")
        help_url = self.corpus.config.translations.help_url or (
            f"mailto:{self.corpus.config.contact.email}?subject=Help%20translate")
        out.append(f'<p><a href="{esc(help_url)}">{self.word("help_translate")}</a></p>\n')
        self.finish("translation-status.md", self.t("translation_status"), out)

    def packs_page(self) -> None:
        from .packs import packs_page_md

        self.begin()
        body = packs_page_md(self.packs, self.lang, _prefix("printable-packs.md"), strings=self.t)
        from ..collect.build import collection_md  # the tools' XLSForms and codebooks (issue #16)

        body += collection_md(self.corpus, self.lang, self.t, _prefix("printable-packs.md"))
        self.finish("printable-packs.md", self.t("all_packs"), [f"# {self.word('all_packs')}\n", body])

    # ---- crosswalks -----------------------------------------------------------------------------
    def crosswalk_pages(self) -> None:
        self.begin()
        index = "crosswalks/index.md"
        lines = [f"# {self.word('crosswalks')}\n", f"<p>{self.word('crosswalks_intro')}</p>\n", "<ul>"]
        for source, target in self.corpus.mapping_pairs():
            path = f"crosswalks/{source.id}--{target.id}.md"
            title = self.t("crosswalk_title", source=source.label, target=target.label)
            lines.append(f'<li><a href="{esc(href(index, path))}">{md_inline(title)}</a></li>')
        lines.append("</ul>\n")
        self.finish(index, self.t("crosswalks"), lines)
        for source, target in self.corpus.mapping_pairs():
            self.begin()
            path = f"crosswalks/{source.id}--{target.id}.md"
            title = self.t("crosswalk_title", source=source.label, target=target.label)
            self.finish(path, title, [self.matrix_md(source, target, path, title)])

    def matrix_md(self, source: Document, target: Document, path: str, title: str) -> str:
        rows = [loc for loc in walk_items(source) if target.id in loc.item.maps_to]
        used = {t for loc in rows for t in loc.item.maps_to[target.id]}
        columns = [loc.item for loc in walk_items(target) if loc.item.id in used]
        caption = self.t("crosswalk_caption", source=source.label, target=target.label)
        out = [f"# {md_inline(title)}\n", f"<p>{self.word('crosswalks_intro')}</p>\n",
               f'<div class="ck-table" role="region" tabindex="0" aria-label="{esc(self.t("table_region", caption=caption))}">',
               '<table class="ck-matrix">', f"<caption>{md_inline(caption)}</caption>", "<thead><tr>",
               f'<th scope="col">{self.word("crosswalk_row_header")}</th>']
        for col in columns:
            out.append(f'<th scope="col"><a href="{esc(href(path, item_path(target, col)))}">'
                       f'{md_inline(col.number or col.id)}</a><span class="ck-col-name">{self.h(col.title or "")}</span></th>')
        out.append("</tr></thead><tbody>")
        for loc in rows:
            mapped = set(loc.item.maps_to[target.id])
            row_href = (href(path, item_path(source, loc.item)) if self.corpus.has_page(source, loc.item)
                        else href(path, doc_path(source)))
            out.append(f'<tr><th scope="row"><a href="{esc(row_href)}">{self.h(item_label(loc.item))}</a></th>')
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
        self.begin()
        entries = []
        for doc in self.corpus.documents:
            for section in _all_sections(doc.sections):
                if section.glossary:
                    for item in section.items:
                        entries.append((item.title or item.id, item, doc))
        entries.sort(key=lambda e: e[0].casefold())
        out = [f"# {self.word('glossary')}\n", f"<p>{self.word('glossary_intro')}</p>\n", '<dl class="ck-glossary">']
        for term, item, doc in entries:
            out.append(f'<dt id="{esc(doc.id)}--{esc(item.id)}">{self.h(term)}</dt>')
            out.append(f'<dd><div{self.lang_attrs(item.text or "")}>{self.html_block(item.text or "")}</div>'
                       f'<p class="ck-from">{self.word("glossary_from", document=doc.label)}</p></dd>')
        out.append("</dl>\n")
        self.finish("glossary.md", self.t("glossary"), out)

    def sitemap_page(self) -> None:
        self.begin()
        out = [f"# {self.word('sitemap')}\n", f"<p>{self.word('sitemap_intro')}</p>\n"]

        def walk(nav, depth):
            for entry in nav:
                if isinstance(entry, str):
                    out.append("    " * depth + f"- [{self.inline(self.out.titles.get(entry, entry))}]({link('sitemap.md', entry)})")
                    continue
                for title, value in entry.items():
                    if isinstance(value, str):
                        if value != "sitemap.md":
                            out.append("    " * depth + f"- [{self.inline(title)}]({link('sitemap.md', value)})")
                    else:
                        out.append("    " * depth + f"- {self.inline(title)}")
                        walk(value, depth + 1)

        nav = ([{self.t("home"): "index.md"}]
               + [{d.label: [doc_path(d)]
                   + ([{self.t("easy_read_version"): easy_read_path(d)}] if d.easy_read is not None else [])
                   + [{item_label(l.item): item_path(d, l.item)} for l in walk_items(d)
                      if self.corpus.has_page(d, l.item)]} for d in self.corpus.documents]
               + [{self.t("crosswalks"): "crosswalks/index.md"}]
               + [{t: p} for p, t in self.out.titles.items() if p.startswith("crosswalks/") and p != "crosswalks/index.md"]
               + [{self.t("glossary"): "glossary.md"}]
               + [{t: p} for p, t in self.out.titles.items() if "/" not in p and p not in ("index.md", "glossary.md")])
        walk(nav, 0)
        out.append("")
        self.finish("sitemap.md", self.t("sitemap"), out)


def _in(text: str, lang: str) -> LText:
    return LText(text, lang, "source" if lang == SOURCE_LANG else "reviewed")


def _prefix(path: str) -> str:
    """From a page's final address back to the language's root folder (where packs/ is), for raw HTML links."""
    depth = output_url(path).count("/")
    return "../" * depth


def _plain(nav):
    """The nav with plain str titles (MkDocs config must be plain YAML). MkDocs and Material put a title
    into the page as it is, as HTML: each is escaped here, once (sanitize.text)."""
    if isinstance(nav, list):
        return [_plain(x) for x in nav]
    if isinstance(nav, dict):
        return {md_inline(k): _plain(v) for k, v in nav.items()}
    return str(nav)


def _item_has_easy_read(item: Item) -> bool:
    return bool(item.easy_read) or any(_item_has_easy_read(i) for i in item.items)


def _section_has_easy_read(section: Section) -> bool:
    return (bool(section.easy_read) or any(_item_has_easy_read(i) for i in section.items)
            or any(_section_has_easy_read(s) for s in section.sections))


@functools.lru_cache(maxsize=65536)
def _markdown_html(text: str) -> str:
    """Markdown to HTML, each different text converted once per process: the same texts come back in every
    language that falls back to English, and one converter is reused (making one costs more than using it).
    With use_markdown_cache(), also once across builds."""
    kept = _KEPT.get("known")
    if kept is not None:
        _KEPT["used"].add(text)
        found = kept.get(text)
        if found is not None:
            return found
    out = sanitize.markdown_html(text)
    if kept is not None:
        kept[text] = out
        _KEPT["added"] = True
    return out


_KEPT: dict = {}


@functools.lru_cache(maxsize=1)
def _converter_digest() -> str:
    """What the HTML of a text depends on besides the text: the Markdown package, nh3, sanitize.py and this
    file's code."""
    import hashlib

    return hashlib.sha256(sanitize.digest().encode() + b"\0" + Path(__file__).read_bytes()).hexdigest()


def use_markdown_cache(file: Path | None) -> None:
    """Keep the HTML of the Markdown texts converted in this process in file (one per language, in
    .charterkit-cache/markdown/), and use what it holds: a rebuild then converts only new texts. The file
    is filed under the converter's digest, so it is never used by other code or another Markdown."""
    import pickle

    _KEPT.clear()
    if file is None:
        return
    known: dict = {}
    try:
        loaded = pickle.loads(Path(file).read_bytes())
        if isinstance(loaded, dict) and loaded.get("digest") == _converter_digest():
            known = loaded["texts"]
    except Exception:  # noqa: BLE001 - no file yet, or one that cannot be read: start afresh
        known = {}
    _KEPT.update(file=Path(file), known=known, used=set(), added=False)


def save_markdown_cache() -> None:
    """Write back what use_markdown_cache() kept, if it changed: only the texts this build used."""
    import os
    import pickle

    if not _KEPT:
        return
    file, known, used, added = _KEPT["file"], _KEPT["known"], _KEPT["used"], _KEPT["added"]
    _KEPT.clear()
    if not added and len(used) == len(known):  # (the same texts as last time)
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temp = file.with_name(f".{file.name}.{os.getpid()}")
        temp.write_bytes(pickle.dumps({"digest": _converter_digest(),
                                       "texts": {t: known[t] for t in used if t in known}},
                                      protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, file)
    except OSError:
        pass


def _all_sections(sections):
    for s in sections:
        yield s
        yield from _all_sections(s.sections)


def render_language(corpus: Corpus, lang: str, packs=None) -> SitePages:
    """Every page of one language. corpus is the language's localised view (translate.localise)."""
    language = corpus.config.language(lang)
    strings = Strings.load(corpus.root, lang, corpus.translations.get(lang),
                           corpus.config.translations.publish_drafts)
    return PageWriter(corpus, lang, strings, packs=packs, direction=language.dir if language else "ltr").build()
