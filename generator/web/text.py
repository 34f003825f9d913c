"""The web pages' templates (theme/pages/*.md.j2): their Jinja environment and `w`, the helpers they write
words with.

Escaping is safe by default and writes what the f-strings it replaces wrote, byte for byte:
- autoescape is on, and finalize turns every value that is not already safe HTML into
  html.escape(value, quote=True) (what esc() writes: `&#x27;` for an apostrophe, where markupsafe would
  write `&#39;`). So `{{ value }}` is always escaped once, in text and in attributes alike;
- words from the data and the interface reach a page only through `w` (WebText) or the md_inline filter,
  which make them safe with markup/ (sanitise.text, the Markdown converter, lang marking) and return
  Markup; nothing else in a template can turn a string into HTML (no `|safe` in theme/pages/: a test
  checks it).

WebText has the vocabulary of the print templates' `w` (text, word, md, lang_attr, label) where the
meaning is the same, plus inline (a short text in a Markdown context: a heading, a link's words), prose
(a Markdown block, in the fallback `div` when it is in another language) and href (a link from the page
being written to another page, for raw HTML).
"""
from __future__ import annotations

import html
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..markup.escape import md_inline

PAGES_DIR = Path("theme") / "pages"


def _finalize(value):
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


def page_environment(root: Path, folder: Path = PAGES_DIR) -> jinja2.Environment:
    """The Jinja environment of one project's page templates (root/theme/pages; folder: another folder of HTML
    templates written the same way, such as the check sheets' theme/check)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(root) / folder)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, finalize=_finalize,
                             trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.do"])
    env.filters["md_inline"] = lambda value: Markup(md_inline(value))
    return env


class WebText:
    """`w` in the page templates: the page writer's helpers, each returning Markup (safe HTML made by
    markup/), so the template writes it as it is. The writer records, as it writes, what the page holds
    (a draft, an English passage, the fallback titles for the menus, the pictures to copy)."""

    def __init__(self, writer):
        self._w = writer

    def word(self, key: str, **values) -> Markup:
        """An interface word, marked with its language if it fell back to English."""
        return Markup(self._w.word(key, **values))

    def text(self, value) -> Markup:
        """A short text from the data in HTML, marked with its language if it is not the page's."""
        return Markup(self._w.h(value))

    def inline(self, value) -> Markup:
        """A short text in a Markdown context (a heading, a link's words), marked like text(); a title
        shown in another language is also marked in the menus (see mkdocs_engine/titles.py)."""
        return Markup(self._w.inline(value))

    def prose(self, value) -> Markup:
        """A Markdown text from the data as safe HTML, in the fallback div when not in the page's language."""
        return Markup(self._w.prose(value))

    def md(self, value) -> Markup:
        """A Markdown text from the data as safe HTML blocks, not marked (see lang_attr)."""
        return Markup(self._w.html_block(value))

    def lang_attr(self, value) -> Markup:
        """lang and dir attributes for an element holding value, if it is in another language."""
        return Markup(self._w.lang_attrs(value))

    def long_date(self, value) -> str:
        """A YYYY-MM-DD date written out in the page's language ("15 January 2027"): write it through word()."""
        from ..model.dates import long_date

        return long_date(value, self._w.lang)

    def label(self, item):
        """How an item is named (a plain text: write it with text() or inline())."""
        return self._w.label(item)

    def plain(self, key: str, **values) -> str:
        """An interface word as plain text (escaped when written: for attributes)."""
        return self._w.t(key, **values)

    def separator(self, strong: bool = False) -> Markup:
        """What separates the entries of a list in the page's language (", " or "، "; with strong=True "; " or "؛ "),
        written between them."""
        return Markup(self._w.separator(strong))

    def number(self, value) -> Markup:
        """An item's number on its own (a table's column, a paragraph), kept left to right on a
        right-to-left page (markup/lang.py)."""
        return Markup(self._w.number(value))

    def content_heading(self, body, lang: str) -> Markup:
        """A content page's main heading ("# ...", the first line of body), marked with its language if it is not
        the page's, or "" when the page has none."""
        return Markup(self._w.content_heading(body, lang))

    def content_page(self, body, lang: str) -> Markup:
        """A content page's body after its main heading (content/<lang>/*.md, filled in and made safe by
        markup/content.py), marked with its language if it is not the page's."""
        return Markup(self._w.content_passage(body, lang))

    def picture(self, point, page_path: str) -> str:
        """The address of an easy-read point's picture from the page (the picture is copied with the site)."""
        return self._w.picture_src(point, page_path)

    def alt_lang(self, value) -> Markup:
        """' lang="xx"' for a picture whose text alternative is in another language than the page's."""
        return Markup(self._w.alt_lang_attr(value))

    def pack_links(self, doc, page_path: str) -> Markup:
        """The printable packs of a document in the page's language, as a list of attachments ("" if none)."""
        return Markup(self._w.pack_links(doc, page_path))

    def source_words(self, value) -> Markup:
        """A source document's title: always in its original English (the name a reader looks for), in a
        <cite> marked lang="en" translate="no", with "(in English)" after it on pages in other languages."""
        return Markup(self._w.cite_described(value))

    def word_naming(self, key: str, **names) -> Markup:
        """An interface word whose placeholders are names kept in their own words (a publisher: "{document}
        says:"), each marked as name() marks it."""
        return Markup(self._w.word_citing(key, names, titles=False))

    def name(self, value) -> Markup:
        """A name or address kept in its original words (a source's publisher, version, licence, web address),
        marked lang="en" translate="no" (and dir="ltr" on right-to-left pages)."""
        return Markup(self._w.cite(value, "span"))

    def origin(self, doc, kind: str) -> Markup:
        """The label of a text's origin (generator/model/origin.py): "source", "site", "easy-read" or
        "translation", naming the organisation that runs the site and the original document."""
        key = {"source": "origin_source", "site": "origin_site", "easy-read": "origin_easy_read",
               "translation": "origin_translation", "site-headings": "origin_site_headings"}[kind]
        org = self._w.corpus.config.site.organisation
        title = doc.source.title  # a name: kept in English, as a citation (source_words)
        word = self._w.word_citing(key, {"document": title, "source": title}, organisation=org)
        return Markup(self._w.fragment("origin", kind, Markup(word)))

    def origin_of(self, doc, part, field: str) -> str:
        """The origin of one field of a document, section or item (generator/model/origin.py)."""
        from ..model.origin import origin

        return origin(doc, part, field)

    def refers(self, doc, item, page_path: str) -> list:
        """What an item's text points to, as links (web/context.py refers_links)."""
        from .context import refers_links

        return refers_links(self._w, doc, item, page_path)

    def place(self, doc) -> str:
        """Where a document applies, as a plain text ("North Yorkshire, England"): write it through word() or
        text(). It is in the page's language when its country names are translated (so text() does not mark
        "Szkocja" as English), else in English."""
        from ..translate.localise import LText
        from .context import place_name

        langs = {self._w.t.get("countries." + c.lower().replace(" ", "_"))[1] for c in doc.applies_to}
        lang = self._w.lang if langs <= {self._w.lang} else "en"
        return LText(place_name(self._w, doc), lang, "source" if lang == "en" else "reviewed")

    def runs(self, doc, items) -> list:
        """Items in reading order, grouped: a run of items with pages of their own (cards), or one item."""
        from .context import item_runs

        return item_runs(self._w, doc, items)

    def item_href(self, doc, item, page_path: str) -> str:
        from .paths import href, item_path

        return href(page_path, item_path(doc, item))

    def teaser(self, item):
        """The first sentence of an item's words, for a card, ending with "…" when it is not all of them."""
        from ..model.labels import first_sentence

        return first_sentence(item.short_text or item.text or "", 220)

    def date(self, value) -> Markup:
        """A date from the data (YYYY-MM-DD, YYYY-MM, YYYY) as the page's readers write it: "9 March 2022",
        "9 marca 2022" (model/dates.py, Babel)."""
        from ..model.dates import reader_date

        return Markup(html.escape(reader_date(value, self._w.lang), quote=True))

    def numbering_note(self, doc) -> Markup:
        """A sentence saying how to read numbers like "(b)(v)" (part (b), point (v)), if the document has any;
        else "". The example is the document's first such number."""
        import re

        from ..model.corpus import walk_items

        for loc in walk_items(doc):
            m = re.fullmatch(r"\(([a-z])\)\(([ivxl]+)\)", str(loc.item.number or ""))
            if m:
                return Markup(self._w.fragment("numbering_note", m.group(0), f"({m.group(1)})", f"({m.group(2)})"))
        return Markup("")

    def card_text(self, item) -> Markup:
        """An item's words on an index page (a card): whole where they are short or a list (web/pages.py
        shown_whole), else the first sentence ending with "…" (the card's link goes to all of it)."""
        from ..model.labels import shown_whole

        words = item.short_text or item.text or ""
        if shown_whole(words):
            return Markup(self._w.fragment("card_text", True, Markup(self._w.lang_attrs(words)),
                                           Markup(self._w.html_block(words).strip())))
        return Markup(self._w.fragment("card_text", False, "", self.teaser(item)))

    def entry(self, value) -> Markup:
        """An entry of a list (short Markdown), as safe HTML, marked with its language if not the page's."""
        return Markup(self._w.list_entry(value))

    def list_note(self, lst) -> Markup:
        """A note in the page's language when every entry of a list is shown in English, else ""."""
        return Markup(self._w.list_note(lst))

    def meaning(self, item) -> Markup:
        """A glossary entry's meaning (short Markdown) as safe HTML, marked with its language."""
        return Markup(self._w.glossary_meaning(item))

    # ---- the printable packs (theme/pages/_packs.md.j2) ----------------------------------------------
    def pack_word(self, key: str, **values) -> Markup:
        """An interface word about packs: made inert, marked if it fell back to English, and not counted as
        the page's words (no notices). A value that is already safe HTML (a marked language name) is put in
        as it is."""
        from ..markup.lang import wrap
        from ..markup.sanitise import text as inert

        slots = {}
        for name, value in values.items():
            if hasattr(value, "__html__"):
                slots[chr(0xE000 + len(slots))] = str(value)
                values[name] = next(reversed(slots))
        text, text_lang = self._w.t.get(key, **values)
        body = inert(text)
        for slot, html in slots.items():  # (a private-use character passes through unchanged)
            body = body.replace(slot, html)
        return Markup(wrap(body, text_lang, self._w.lang))

    def pack_language(self, pack, language) -> Markup:
        """"Language: Polski" when the pack is all in its language; "Polski and English: 60% translated" while
        part of it is still English; then "The translation is a draft: ..." when some of it is a draft (as the
        pack's own cover says). language: the language's name, marked with its lang and dir."""
        from ..model.text import SOURCE_LANG

        if pack.lang != SOURCE_LANG and pack.translated < 100:
            line = self.pack_word("packs.file_language_partial", language=language, percent=pack.translated)
        else:
            line = self.pack_word("packs.file_language", language=language)
        if pack.lang != SOURCE_LANG and pack.draft:
            line = line + Markup(" ") + self.pack_word("packs.draft_short")
        return line

    def pack_title(self, pack) -> Markup:
        """A pack's title, marked with its language if it is not the page's."""
        from ..markup.lang import wrap
        from ..markup.sanitise import text as inert

        title = inert(pack.title)
        if not pack.title_lang:
            return Markup(title)
        return Markup(wrap(title, pack.title_lang, self._w.lang, self._w.dirs))

    def pack_heading(self, group) -> Markup:
        """The heading of a document's packs: the standard pack's title (the document's), else its id."""
        from ..markup.sanitise import text as inert

        return self.pack_title(group.standard) if group.standard is not None else Markup(inert(group.doc_id))

    def pack_href(self, pack, prefix: str) -> str:
        """From the page to the pack's file (pack.path starts with the language folder)."""
        return prefix + pack.path.split("/", 1)[1]

    def file_size(self, n: int) -> str:
        from .context import file_size

        return file_size(n)

    def language_name(self, code: str) -> str:
        """A language's name in that language (from site_config.yml), or its code."""
        language = self._w.corpus.config.language(code)
        return language.name if language else code

    def dir_of(self, code: str) -> str:
        return self._w.dirs.get(code, "ltr")

    def listen(self, doc, page_path: str):
        """The audio player's values for doc's easy-read page (web/context.py ListenValues), or None when the
        page has no audio."""
        return self._w.listen(doc, page_path)

    def audio_link(self, doc_id: str, prefix: str):
        """The same for the printable packs page, or None."""
        return self._w.audio_link(doc_id, prefix)

    # ---- the collection files (theme/pages/_packs.md.j2 collection_files) ------------------------------
    def collection_forms(self, prefix: str) -> list:
        """The engagement tools' collection files, one entry per form (web/context.py collection_forms), or []."""
        from .context import collection_forms

        return collection_forms(self._w, prefix)

    def inert(self, value) -> Markup:
        """A plain text made inert as HTML and as Markdown (markup/sanitise.py text), white space as it is."""
        from ..markup.sanitise import text as inert

        return Markup(inert(value))

    def all_fallback(self, keys) -> str | None:
        """The language of the interface words keys when every one of them is the same fallback (English), else
        None: the element holding them is then marked as a whole, so the punctuation between them sits right
        on a right-to-left page."""
        langs = {self._w.t.get(key)[1] for key in keys}
        return next(iter(langs)) if len(langs) == 1 and self._w.lang not in langs else None

    def interface_word(self, key: str) -> tuple[Markup, str]:
        """(an interface word made inert, its language). Written without word(), it is not counted as the
        page's words (no notices for it), as the packs' words are not."""
        text, lang = self._w.t.get(key)
        return self.inert(text), lang

    @property
    def page_lang(self) -> str:
        """The page's language code."""
        return self._w.lang
