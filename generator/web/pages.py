"""Turn the validated corpus into the Markdown pages of one language's website.

Nothing here knows about MkDocs: this module returns pages (path -> Markdown) and a navigation
tree; web/mkdocs_engine turns them into HTML. The pages' markup is in the Jinja templates of
theme/pages/ (web/text.py: their environment and `w`, which is this PageWriter's helpers; web/context.py:
the lists they show). Follow one document from its YAML file: document_page() fills document.md.j2 for
site/<lang>/<document>/, item_page() fills item.md.j2 for each item with a page of its own.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..model.corpus import Corpus, Located, walk_items
from ..model.easyread import checked_by
from ..model.schema import Document, EntryList, Item, Point
from ..markup import lang as marking
from ..markup import sanitise as sanitize
from ..markup.escape import md_inline
from ..markup.markdown import MarkdownCache
from ..translate.localise import LText, lang_of, state_of
from . import context
from .text import WebText, page_environment
from ..model.text import SOURCE_LANG
from ..translate.words import Strings
# (their old place: the names, links and paths are in model/labels.py and web/paths.py)
from ..model.labels import (WHOLE_ON_INDEX, first_sentence, item_label, keep_lang, reader_label,  # noqa: F401
                            shown_whole)
from ..model.labels import item_has_easy_read as _item_has_easy_read  # noqa: F401
from ..model.labels import section_has_easy_read as _section_has_easy_read  # noqa: F401
from .paths import doc_path, easy_read_path, href, item_path, link, output_url  # noqa: F401
from .paths import prefix as _prefix


@dataclass
class SitePages:
    lang: str
    pages: dict[str, str] = field(default_factory=dict)  # docs path -> Markdown
    nav: list = field(default_factory=list)  # MkDocs nav structure
    titles: dict[str, str] = field(default_factory=dict)  # docs path -> page title
    files: dict[str, Path] = field(default_factory=dict)  # docs path -> file to copy there (pictures)
    # short texts shown in English on this language's pages: the adapter marks them in menus and contents too
    fallback_titles: dict[str, str] = field(default_factory=dict)  # text -> its language
    # who runs the site, for the header and footer of every page (web/context.py site_chrome): safe HTML
    # words and addresses relative to the language's root (or absolute)
    chrome: dict = field(default_factory=dict)

    def add(self, path: str, title: str, body: str) -> None:
        self.pages[path] = body
        self.titles[path] = title


#: Stand-ins for names written into an interface word as HTML (PageWriter.word_citing): characters from
#: Unicode's private use area, which validate/safety.py refuses in every input, so they never come from a word.
_CITE_MARKS = ("\ue000", "\ue001", "\ue002")


class PageWriter:
    """Writes every page of one language. Construct once per language and call build()."""

    def __init__(self, corpus: Corpus, lang: str, strings: Strings, packs=None, direction: str = "ltr",
                 markdown: MarkdownCache | None = None, audio: dict | None = None):
        self.corpus = corpus
        self.lang = lang
        self.dir = direction
        self.dirs = {language.code: language.dir for language in corpus.config.languages}
        self.markdown = markdown if markdown is not None else MarkdownCache()
        self.env = page_environment(corpus.root)
        self.w = WebText(self)
        self.t = strings
        self.packs = packs or []
        self.audio = audio or {}  # doc id -> its easy-read page's audio (generator/audio/build.py Audio)
        self.out = SitePages(lang)
        self.flags: set[str] = set()  # "draft", "fallback": what the page being written contains
        self._fragments = None  # theme/pages/_fragments.md.j2's macros (fragment()), made when first used

    # ---- text in the page's language, with fallback marking ----------------------------------
    def word(self, key: str, **values) -> str:
        if self.dir == "rtl":
            # a title or place name in Latin letters inside right-to-left words ("North Yorkshire, ...",
            # "Involvement Framework (with ...)") keeps its own order: isolated like an item's number
            values = {name: marking.isolate(value, "rtl")
                      if isinstance(value, str) and "<" not in value and value not in _CITE_MARKS else value
                      for name, value in values.items()}
        text, lang = self.t.get(key, **values)
        if lang != self.lang:
            self.flags.add("fallback")
        return self._mark(self._text(text), lang)

    def cite(self, text, element: str = "cite") -> str:
        """A name kept in its original (English) words, as safe HTML: a source's title (element "cite"), a
        publisher or an address ("span"), marked lang="en" translate="no" (markup/lang.py cited)."""
        return marking.cited(self._text(text), self.lang, self.dirs, element)

    def cite_described(self, text) -> str:
        """A source's title as cite() writes it, with "(in English)" after it in the page's words on a page in
        another language, so a reader knows why it is not translated (the title is the name to look for)."""
        html = self.cite(text)
        if self.lang == SOURCE_LANG:
            return html
        return f"{html} {self.word('cited_in_english')}"

    def word_citing(self, key: str, cited: dict, titles: bool = True, **values) -> str:
        """An interface word with names in it, kept in their own words inside the word's sentence. cited:
        placeholder -> a source's title, written as cite_described() writes it; with titles=False, another name
        (a publisher), written as cite(name, "span")."""
        marks = dict(zip(cited, _CITE_MARKS))
        body = self.word(key, **values, **marks)
        for name, mark in marks.items():
            body = body.replace(mark, self.cite_described(cited[name]) if titles else self.cite(cited[name], "span"))
        return body

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
        return self._mark(self._text(text), lang_of(text))

    def inline(self, text) -> str:
        """A short text inside Markdown (a heading, a link), marked with its language if it differs."""
        self._note(text)
        if lang_of(text) != self.lang:
            self.out.fallback_titles[" ".join(str(text).split())] = lang_of(text)
        return self._mark(self._text(text), lang_of(text))

    @staticmethod
    def _text(text) -> str:
        """A short plain text as inert HTML (md_inline), with a label kept left to right (self.label) as a
        <bdi dir="ltr"> element."""
        return marking.isolates_as_html(md_inline(text))

    def label(self, item: Item) -> str:
        """item_label(item), its number kept left to right on a right-to-left page ("(b)(v)", "2.1", "QI 5.2"
        would otherwise be laid out by the right-to-left words around them). The number is marked with
        Unicode isolates (markup/lang.py): they stay in plain-text places (menus, the page title) and become
        <bdi dir="ltr"> where the page writes HTML (_text). A label in another language is marked as a whole
        (lang and dir) already."""
        text = item_label(item)
        number = item.number
        if not number or lang_of(text) != self.lang or not str(text).startswith(number):
            return text
        isolated = marking.isolate(number, self.dir)
        return text if isolated == number else keep_lang(text, isolated + str(text)[len(number):])

    def _mark(self, body: str, text_lang: str, element: str = "span") -> str:
        """Safe HTML, marked with its language if it is not the page's (markup/lang.py)."""
        return marking.wrap(body, text_lang, self.lang, self.dirs, element)

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
        note = ""
        if state in ("missing", "stale"):
            note = "stale_passage" if state == "stale" else "not_translated_passage"
        return self.fragment("passage", note, self.lang, self.dir,
                             Markup(marking.lang_attrs(text_lang, self.lang, self.dirs)), Markup(body.strip()))

    def begin(self) -> None:
        self.flags = set()

    def fragment(self, name: str, *args) -> str:
        """A small piece of a page's HTML: the macro `name` of theme/pages/_fragments.md.j2, rendered with the
        pages' Jinja environment (web/text.py: autoescape on). Pass safe HTML as Markup; anything else is escaped."""
        if self._fragments is None:
            self._fragments = self.env.get_template("_fragments.md.j2").make_module({"w": self.w})
        return str(getattr(self._fragments, name)(*args))

    def render(self, template: str, **values) -> list[str]:
        """A page template of theme/pages (web/text.py): its head block (down to the page's main heading,
        under which finish() puts the notices) and its body block, if it has one."""
        page = self.env.get_template(template)
        ctx = page.new_context(dict(values, w=self.w))
        return ["".join(page.blocks[name](ctx)) for name in ("head", "body") if name in page.blocks]

    def separator(self, strong: bool = False) -> str:
        """What separates the entries of a list in the page's language, as safe HTML: its comma (the interface word
        "comma"), or with strong=True its semicolon ("semicolon"), and a space: "، " and "؛ " in Arabic and Urdu.
        Every list the pages join is joined with this."""
        return self.word("semicolon" if strong else "comma") + " "

    def number(self, value) -> str:
        """An item's number on its own, as HTML, kept left to right on a right-to-left page."""
        return self._text(marking.isolate(value, self.dir))

    def short_forms(self, lines: list[str]) -> list[str]:
        """What the short forms on a page stand for ("JIAS: Joint Inspection of Adult Services"), under its
        main heading, for each short form of theme/strings (short_forms:) the page uses: the source's own words
        stay as they are, and a reader meets the meaning before the first use (issue #12)."""
        keys = sorted(key for key in self.t.english if key.startswith("short_forms."))
        if not keys:
            return []
        plain = re.sub(r"<[^>]+>", " ", "\n".join(lines))
        # (a number may follow a short form straight away, as in "CEL4")
        found = [key for key in keys if re.search(rf"\b{re.escape(key.split('.', 1)[1])}(?=\d|\b)", plain)]
        if not found:
            return []
        shown = []
        for key in found:
            meaning = self.word(key)
            if self.t.get(key)[1] == self.lang:  # translated: the English names in it keep their order (RTL)
                meaning = marking.english_passages(meaning, self.dir)
            shown.append((key.split(".", 1)[1], Markup(meaning)))
        return [self.fragment("short_forms", shown, self.dir == "rtl")]

    def finish(self, path: str, title, lines: list[str], front: str = "", at: int | None = None,
               page_title=None) -> None:
        """Add the page, with notices about drafts and English passages under its main heading (after
        lines[:at]; by default after the first line that starts with "# "). page_title (by default title)
        names the page in the browser's tab and in search results: <title>, before the site's name; every
        page of a language has its own."""
        shorts = self.short_forms(lines)
        notices = []
        if self.flags:
            macros = self.env.get_template("_notices.md.j2").make_module({"w": self.w})
            if "draft" in self.flags:
                notices.append(str(macros.draft()))
            if "fallback" in self.flags and self.lang != SOURCE_LANG:  # (the draft notice may be in English)
                notices.append(str(macros.fallback()))
        if notices or shorts:
            if at is None:
                at = next((n + 1 for n, line in enumerate(lines) if line.startswith("# ")), 0)
            lines = lines[:at] + notices + shorts + lines[at:]
        body = "\n".join(lines)
        # the page's <title> (theme/overrides/base.html): a JSON string is a YAML string that cannot end the
        # front matter or add a key, whatever words the title has
        plain = " ".join(str(page_title if page_title is not None else title).split())
        front += f"ck_title: {json.dumps(plain, ensure_ascii=False)}\n"
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
                    children.append({self.label(loc.item): item_path(doc, loc.item)})
            nav_docs.append({reader_label(doc): children})
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
        self.out.chrome = context.site_chrome(self)
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
        markup/content.py) and its words made safe: headings as Markdown lines, the rest as safe HTML."""
        from ..markup import content
        pack = self.corpus.translations.get(self.lang)
        translated = pack.pages.get(name) if pack is not None else None
        found = self._content_source(name)
        if found is None:
            return None
        path, lang = found
        text = path.read_text(encoding="utf-8-sig")
        if lang != SOURCE_LANG:  # a translated page: use it only if current
            publish = self.corpus.config.translations.publish_drafts
            from ..translate.localise import page_source_hash, same_links

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
        # the title knows its language, so menus and links do not mark a translated page's title as English
        state = "source" if lang == SOURCE_LANG else translated.status
        return LText(title or name.removesuffix(".md"), lang, state), body, lang

    def _settings_words(self, page_text: str) -> dict[str, str]:
        """This language's current translations of the site_config.yml words a translated page shows (site.yml),
        key -> text. A stale one, or a draft when drafts are not published, is left out (the English is shown)."""
        from ..model.units import settings_units

        pack = self.corpus.translations.get(self.lang)
        if pack is None or not pack.settings:
            return {}
        publish = self.corpus.config.translations.publish_drafts
        out = {}
        english = getattr(self.corpus, "english", None) or self.corpus  # (the view's own settings are translated)
        for unit in settings_units(english.config):
            tr = pack.settings.get(unit.key)
            if tr is None or tr.source != unit.source_hash or not (tr.status == "reviewed" or publish):
                continue
            out[unit.key] = tr.text
            # the setting the page uses: "other_formats" for other_formats.2.name, "site.name" for site.name
            used = ".".join(unit.key.split(".")[:2]) if unit.key.startswith(("site.", "tools.")) else unit.key.split(".")[0]
            if tr.status == "draft" and used in page_text:
                self.flags.add("draft")
        return out

    def content_pages(self) -> list:
        nav = []
        folder = self.corpus.root / "content" / SOURCE_LANG
        names = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md") if folder.is_dir() else []
        for name in names:
            self.begin()
            title, body, lang = self.render_content(name)
            self.finish(name, title, self.render("content.md.j2", body=body, lang=lang), at=1)
            nav.append({title: name})
        return nav

    def home_page(self) -> None:
        self.begin()
        found = self.render_content("index.md")
        title = found[0] if found else self.corpus.config.site.name
        blocks = self.render("home.md.j2", intro=context.content_intro(found), title=title,
                             cards=context.document_cards(self, "index.md"))
        self.finish("index.md", title, blocks, at=1)

    def content_heading(self, body: str, lang: str) -> str:
        """A content page's main heading (its first line, "# ..."), marked with its language if it is not the
        page's, or "" if the page starts without one. The page's notices and short forms go under it, as on every
        other page (issue #12)."""
        first, _, _rest = body.partition("\n")
        if not first.startswith("# "):
            return ""
        return "# " + self._mark(first[2:].strip(), lang) + "\n"

    def content_passage(self, body: str, lang: str) -> str:
        """A content page's body after its main heading (content_heading), marked with its language if it is not
        the page's (see _passage)."""
        if self.content_heading(body, lang):
            body = body.partition("\n")[2]
        return self._passage(_in(marking.ltr_phone_links(body, self.dir), lang))

    # ---- a document ---------------------------------------------------------------------------
    def document_page(self, doc: Document) -> None:
        """site/<lang>/<doc>/ (theme/pages/document.md.j2)."""
        self.begin()
        path = doc_path(doc)
        easy_read = href(path, easy_read_path(doc)) if doc.easy_read is not None else None
        self.finish(path, doc.title, self.render("document.md.j2", doc=doc, s=doc.source, path=path,
                                                 easy_read_href=easy_read, page_lang=self.lang), at=1)

    def pack_links(self, doc: Document, path: str) -> str:
        """The document's printable packs in this language, as a list of attachments, or ""."""
        if not self.packs:
            return ""
        macros = self.env.get_template("_packs.md.j2").make_module({"w": self.w})
        return str(macros.pack_list(context.document_packs(self.packs, self.lang, doc.id), _prefix(path)))

    def list_entry(self, entry) -> str:
        """An entry of a list (short Markdown) as safe HTML, marked with its language if not the page's."""
        text = marking.ltr_phone_links(sanitize.markdown_inline_html(entry), self.dir)
        text = marking.addresses_kept(text, self.lang, self.dirs)
        self._note(entry)
        return self._mark(text, lang_of(entry))

    def list_note(self, lst: EntryList) -> str:
        """A note (theme/pages/_fragments.md.j2 list_note) when every entry of a list is shown in English, else ""."""
        english = [e for e in lst.entries if lang_of(e) != self.lang]
        if english and len(english) == len(lst.entries) and self.lang != SOURCE_LANG:
            key = "stale_passage" if all(state_of(e) == "stale" for e in english) else "not_translated_passage"
            return self.fragment("list_note", key)
        return ""

    def glossary_meaning(self, item: Item) -> str:
        """A glossary entry's meaning (short Markdown) as safe HTML, marked with its language."""
        meaning = marking.ltr_phone_links(sanitize.markdown_inline_html(item.text or ""), self.dir)
        meaning = marking.addresses_kept(meaning, self.lang, self.dirs)
        if lang_of(item.text) != self.lang:
            self._note(item.text)
            meaning = self._mark(meaning, lang_of(item.text))
        return meaning

    # ---- an item with its own page ---------------------------------------------------------------
    def item_page(self, loc: Located) -> None:
        """site/<lang>/<doc>/<item>/: an item with a page of its own (theme/pages/item.md.j2; its lists are
        h2 under the h1)."""
        self.begin()
        path = item_path(loc.document, loc.item)
        values = context.item_page_values(self, loc, path)
        self.finish(path, values["label"], self.render("item.md.j2", **values), at=1,
                    page_title=self.t("page_title_in", title=values["label"], document=reader_label(loc.document)))

    # ---- easy read -------------------------------------------------------------------------------
    def picture_src(self, point: Point, path: str) -> str:
        from ..pictures import catalogue

        picture = catalogue(self.corpus.root)[point.picture]
        target = f"assets/pictures/{picture.asset}"
        self.out.files[target] = picture.svg
        return href(path, target)

    def lang_attrs(self, text) -> str:
        self._note(text)
        return marking.lang_attrs(lang_of(text), self.lang, self.dirs)

    def html_block(self, text) -> str:
        """A Markdown text from the data as safe HTML (sanitize.markdown_html: no raw HTML, attribute lists,
        images, reference links or autolinks; only the site's tags, attributes and URL schemes)."""
        html = marking.ltr_phone_links(self.markdown.convert(str(text).strip()), self.dir)
        return marking.addresses_kept(html, self.lang, self.dirs)

    def listen(self, doc: Document, path: str):
        """The player's values for doc's easy-read page (web/context.py listen_values), or None without audio."""
        audio = self.audio.get(doc.id)
        return context.listen_values(self, audio, path) if audio is not None else None

    def audio_link(self, doc_id: str, prefix: str):
        """The packs page's line for a document's easy-read audio, or None."""
        audio = self.audio.get(doc_id)
        return context.listen_values(self, audio, "printable-packs.md") if audio is not None else None

    def alt_lang_attr(self, alt) -> str:
        """' lang="xx"' for a picture whose text alternative is in another language than the page's."""
        self._note(alt)
        return f' lang="{lang_of(alt)}"' if lang_of(alt) != self.lang else ""

    def easy_read_page(self, doc: Document) -> None:
        """site/<lang>/<doc>/easy-read/: pictures on the left, short sentences on the right, no sidebars."""
        self.begin()
        path = easy_read_path(doc)
        parts = context.easy_read_parts(self, doc, path)
        blocks = self.render("easy-read.md.j2", doc=doc, er=doc.easy_read, path=path, page_lang=self.lang, standard_href=href(path, doc_path(doc)),
                             parts=parts, contents=context.easy_read_contents(self, doc, parts),
                             checked=checked_by(doc.easy_read, self.lang), contact=context.contact_links(self),
                             other_formats_href=(href(path, "other-formats/") if (self.corpus.root / "content" / "en" /
                                                 "other-formats.md").is_file() else None))
        # the page's name in search results (Material's search reads `title:`; the menu keeps its short label,
        # "Easy read version", inside the document's own section)
        named = md_inline(" ".join(str(self.easy_read_title(doc)).split()))  # HTML, as the menu's titles (_plain)
        self.finish(path, doc.easy_read.title, blocks,
                    front=f"hide:\n  - navigation\n  - toc\ntitle: {json.dumps(named, ensure_ascii=False)}\n", at=1,
                    page_title=self.t("page_title_easy_read", title=doc.easy_read.title))

    def easy_read_title(self, doc: Document) -> LText:
        """A document's easy read named by its document ("Health and Social Care Standards: my support, my life
        (easy read)": its title, as its page and its packs name it, in the word page_title_easy_read), where it is
        listed away from the document's own section: search results and the site map. Every document's easy read
        would otherwise be "Easy read version"."""
        label = doc.title
        named = self.t("page_title_easy_read", title=str(label))
        # a document name in another language than the word's: the whole is marked with the name's language
        return named if lang_of(label) == lang_of(named) else LText(str(named), lang_of(label), state_of(label))

    # ---- translation status and packs ----------------------------------------------------------------
    def status_page(self) -> None:
        self.begin()
        help_url = self.corpus.config.translations.help_url or (
            f"mailto:{self.corpus.config.contact.email}?subject=Help%20translate")
        columns = ["status_translated", "status_draft", "status_stale", "status_missing", "status_total"]
        languages = context.status_languages(self)
        for language in languages:  # each language's name, in its own words, in the contents list too
            if language.code != self.lang:
                self.out.fallback_titles[f"{language.name} ({language.code})"] = language.code
        self.finish("translation-status.md", self.t("translation_status"),
                    self.render("translation-status.md.j2", languages=languages, columns=columns, help_url=help_url))

    def packs_page(self) -> None:
        """The printable packs page (theme/pages/printable-packs.md.j2)."""
        self.begin()
        kinds, groups = context.pack_groups(self.packs, self.lang)
        self.finish("printable-packs.md", self.t("all_packs"), self.render(
            "printable-packs.md.j2", kinds=kinds, groups=groups, prefix=_prefix("printable-packs.md")), at=1)

    # ---- crosswalks -----------------------------------------------------------------------------
    def crosswalk_pages(self) -> None:
        self.begin()
        index = "crosswalks/index.md"
        self.finish(index, self.t("crosswalks"), self.render("crosswalks.md.j2", links=context.crosswalk_links(self, index)))
        for source, target in self.corpus.mapping_pairs():
            self.begin()
            path = f"crosswalks/{source.id}--{target.id}.md"
            title = self.t("crosswalk_title", source=reader_label(source), target=reader_label(target))
            columns, column_hrefs, rows = context.crosswalk_matrix(self, source, target, path)
            self.finish(path, title, self.render(
                "crosswalk.md.j2", title=title, columns=columns, column_hrefs=column_hrefs, rows=rows,
                caption=self.t("crosswalk_caption", source=reader_label(source), target=reader_label(target))))

    # ---- glossary and site map --------------------------------------------------------------------
    def glossary_page(self) -> None:
        self.begin()
        self.finish("glossary.md", self.t("glossary"),
                    self.render("glossary.md.j2", entries=context.glossary_entries(self),
                                words=context.word_list(self, "glossary.md"),
                                organisation=self.corpus.config.site.organisation))

    def sitemap_page(self) -> None:
        self.begin()
        self.finish("sitemap.md", self.t("sitemap"),
                    self.render("sitemap.md.j2", entries=context.sitemap_entries(self)))


def _in(text: str, lang: str) -> LText:
    return LText(text, lang, "source" if lang == SOURCE_LANG else "reviewed")


def _plain(nav):
    """The nav with plain str titles (MkDocs config must be plain YAML). MkDocs and Material put a title
    into the page as it is, as HTML: each is escaped here, once (sanitize.text)."""
    if isinstance(nav, list):
        return [_plain(x) for x in nav]
    if isinstance(nav, dict):
        return {md_inline(k): _plain(v) for k, v in nav.items()}
    return str(nav)


def render_view(view, packs=None, markdown_cache: Path | None = None, audio: dict | None = None) -> SitePages:
    """Every page of one language, from its view (translate/view.py LanguageView: the localised corpus and the
    interface words, made once per build). markdown_cache: the file that keeps the HTML of this language's
    Markdown texts between builds (markup/markdown.py), or None to convert every text afresh."""
    markdown = MarkdownCache(markdown_cache)
    try:
        return PageWriter(view.corpus, view.lang, view.words, packs=packs, direction=view.dir,
                          markdown=markdown, audio=audio).build()
    finally:
        markdown.save()


def render_language(corpus: Corpus, lang: str, packs=None, markdown_cache: Path | None = None,
                    audio: dict | None = None) -> SitePages:
    """Every page of one language. corpus is the language's localised view (translate.localise); its interface
    words are loaded here. (The build uses render_view() with the view it made once.)"""
    from ..translate.view import LanguageView

    strings = Strings.load(corpus.root, lang, corpus.translations.get(lang),
                           corpus.config.translations.publish_drafts)
    return render_view(LanguageView(lang, corpus, strings, corpus.english or corpus), packs, markdown_cache, audio)
