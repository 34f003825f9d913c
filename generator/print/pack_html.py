"""Write the HTML of every printable pack from the corpus, with the templates in theme/print/.

One PrintWriter per language. Its methods return (html, css) for one pack; generator/print/packs.py
turns them into PDFs. Follow one document: document_html() fills theme/print/document.html (standard
and large print), easy_read_html() fills easy-read.html; the engagement tools fill survey.html,
survey-easy-read.html, interview.html, focus-group.html and workbook.html.

Languages. A pack in language L is written from L's view of the corpus (generator/translate), where
every text that is not translated yet is still English. Each text knows its own language
(`text_lang`): the helpers below mark any passage whose language differs from the pack's with
lang and dir, so a screen reader switches voice, and the PDF's structure tree carries the same
/Lang (generator/print/pdf_engine.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from ..model.corpus import Corpus, walk_items
from ..model.easyread import checked_by
from ..model.schema import Document, Item, Point, Section
from ..pictures import catalogue
from ..markup import lang as marking
from ..markup import sanitise as sanitize
from .pdf_engine import font_css
from ..model.labels import first_sentence, item_label
from ..model.text import SOURCE_LANG
from ..translate.words import Strings

PRINT_DIR = Path("theme") / "print"

# The language a text is written in. Texts from the translation layer carry it (translate.localise.LText);
# a plain string is English, the source language.
TextLang = Callable[[object], str]


def text_lang(text) -> str:
    return getattr(text, "lang", SOURCE_LANG)


@dataclass
class PackHtml:
    """One pack's HTML and CSS, and the files they refer to (for the cache key)."""

    html: str
    css: str
    files: set[Path] = field(default_factory=set)
    title: str = ""
    title_lang: str = SOURCE_LANG  # the language the title is in (English if any part of it fell back)
    translated: int = 100  # per cent of the pack's own texts in its language (translate.status.pack_row)
    draft: bool = False  # whether any of its translated texts is a draft, not checked yet


class PrintWriter:
    """Writes the HTML of every pack of one language."""

    def __init__(self, corpus: Corpus, lang: str, strings: Strings, text_lang: TextLang = text_lang,
                 coverage: Callable | None = None):
        self.corpus = corpus
        # coverage(kind, doc_id, tool_id) -> translate.status.StatusRow of the pack's own texts (None: English).
        # By default it is measured on the English corpus a language's view was made from, so every writer of
        # a language writes the same pack.
        if coverage is None and lang != SOURCE_LANG and getattr(corpus, "english", None) is not None:
            from ..translate.status import pack_row

            english = corpus.english
            coverage = lambda kind, doc_id, tool_id=None: pack_row(english, lang, kind, doc_id, tool_id)  # noqa: E731
        self.coverage = coverage
        self.root = corpus.root
        self.lang = lang
        self.t = strings
        self.text_lang = text_lang
        language = corpus.config.language(lang)
        self.dir = language.dir if language else "ltr"
        self._dirs = {l.code: l.dir for l in corpus.config.languages}
        self._files: set[Path] = set()
        # doc id -> the audio of its easy-read page in this language (generator/audio/build.py Audio), if any
        self.audio: dict = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.root / PRINT_DIR)),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(w=self)
        self._fragments = None  # theme/print/_fragments.html's macros (fragment()), made when first used

    # ---- text helpers used by the templates -------------------------------------------------------
    def fragment(self, name: str, *args) -> Markup:
        """A small piece of a pack's HTML: the macro `name` of theme/print/_fragments.html, rendered with the packs'
        Jinja environment (autoescape on). Pass safe HTML as Markup; anything else is escaped."""
        if self._fragments is None:
            self._fragments = self.env.get_template("_fragments.html").make_module()
        return Markup(getattr(self._fragments, name)(*args))

    def _mark(self, lang: str) -> str:
        return marking.lang_attrs(lang, self.lang, self._dirs)

    def _wrap(self, body, lang: str) -> Markup:
        """body (safe HTML) marked with its language when it is not the pack's (markup/lang.py wrap)."""
        return Markup(marking.wrap(str(body), lang, self.lang, self._dirs))

    def text(self, value, mark: bool = True) -> Markup:
        """Plain text (a title, a label), marked if it is in another language than the pack.

        mark=False when the element around it already carries lang_attr(value) (a list item that is
        all one text reads and aligns better with its own direction than with an inline span)."""
        if value is None:
            return Markup("")
        body = escape(" ".join(str(value).split()))
        return self._wrap(body, self.text_lang(value)) if mark else body

    def cite(self, value, element: str = "cite", described: bool = False) -> Markup:
        """A name kept in its original (English) words: a source's title (element "cite"), a publisher, a
        version, a licence's name or an address ("span"), marked lang="en" translate="no" (and dir="ltr" in a
        right-to-left pack), as on the website (markup/lang.py cited). described: a source's title, followed by
        "(in English)" in the pack's words when the pack is in another language."""
        if not value:
            return Markup("")
        body = marking.cited(str(escape(" ".join(str(value).split()))), self.lang, self._dirs, element)
        if described and self.lang != SOURCE_LANG:
            body += f" {self.word('cited_in_english')}"
        return Markup(body)

    def md(self, value, cls: str | None = None) -> Markup:
        """A Markdown passage as HTML blocks, marked if it is in another language than the pack. Made safe
        by sanitize.markdown_html (the same step as the website's)."""
        if not value:
            return Markup("")
        html = marking.addresses_kept(sanitize.markdown_html(str(value)), self.lang, self._dirs)
        mark = self._mark(self.text_lang(value))
        if mark or cls:
            return self.fragment("block", cls, Markup(mark), Markup(html))
        return Markup(html)

    def md_inline(self, value, mark: bool = True) -> Markup:
        """A short Markdown text (a list entry) without its paragraph, marked like text()."""
        if not value:
            return Markup("")
        html = marking.addresses_kept(sanitize.markdown_inline_html(value), self.lang, self._dirs)
        return self._wrap(html, self.text_lang(value)) if mark else Markup(html)

    def word(self, key: str, **values) -> Markup:
        """An interface word from theme/strings, marked if it fell back to English."""
        text, lang = self.t.get(key, **values)
        return self._wrap(escape(text), lang)

    def plain(self, key: str, **values) -> str:
        return self.t(key, **values)

    def separator(self, strong: bool = False) -> Markup:
        """What separates the entries of a list in the pack's language: its comma (the interface word "comma"), or
        with strong=True its semicolon ("semicolon"), and a space: "، " and "؛ " in Arabic and Urdu."""
        return Markup(self.word("semicolon" if strong else "comma") + " ")

    def date(self, value) -> Markup:
        """A date from the data (YYYY-MM-DD, YYYY-MM, YYYY) as the pack's readers write it: "9 March 2022"."""
        from ..model.dates import reader_date

        return escape(reader_date(value, self.lang))

    def applies(self, doc: Document, kind: str = "") -> Markup:
        """"Where it applies: North Yorkshire, England" ("This is about services in England." in easy read), for
        a cover (issue #12), in the pack's language; a place name in Latin letters keeps its own order in
        right-to-left text (<bdi dir="ltr">)."""
        from ..translate.words import place_name

        key = "easy_read_applies" if "easy-read" in kind else "applies_in"
        text, lang = self.t.get(key, name=place_name(self.t, doc, self.dir))
        body = marking.isolates_as_html(str(escape(text)))
        return self.fragment("applies", Markup(self._mark(lang)), Markup(body))

    def place(self, doc: Document) -> Markup:
        """Where a document applies ("North Yorkshire, England"), in the pack's words where its country names
        are translated (else marked as English), as on the website; an area's name in Latin letters keeps its
        own order in right-to-left text."""
        from ..translate.words import place_name

        langs = {self.t.get("countries." + c.lower().replace(" ", "_"))[1] for c in doc.applies_to}
        body = marking.isolates_as_html(str(escape(place_name(self.t, doc, self.dir))))
        return Markup(body) if langs <= {self.lang} else self._wrap(body, SOURCE_LANG)

    def lang_attr(self, value) -> Markup:
        """lang and dir attributes for an element holding value, if it is in another language."""
        return Markup(self._mark(self.text_lang(value)))

    def label(self, item: Item):
        return item_label(item)

    def picture(self, name: str, alt, cls: str = "ck-picture") -> Markup:
        """An easy-read picture (Mulberry or OpenMoji) with its alt text (the alt text's language marked if it differs)."""
        pic = catalogue(self.root).get(name)
        if pic is None:  # validation stops unknown names; keep rendering if the set changed since
            return Markup("")
        self._files.add(pic.svg)
        src = pic.svg.relative_to(self.root).as_posix()
        return self.fragment("picture", cls, src, alt, self.lang_attr(alt))

    def has_pictures(self) -> bool:
        """Whether the pack has used a picture so far (the pictures credit is printed if so)."""
        return bool(self._files)

    def target_label(self, doc_id: str, item_id: str):
        loc = self.corpus.items.get((doc_id, item_id))
        return item_label(loc.item) if loc else item_id

    def document(self, doc_id: str) -> Document:
        return self.corpus.document(doc_id)

    def item(self, doc_id: str, item_id: str) -> Item:
        return self.corpus.items[(doc_id, item_id)].item

    def first_sentence(self, text):
        return first_sentence(text)

    # ---- form fields of the engagement tools (issue 18; generator/print/pdf_forms.py) ----------------
    @staticmethod
    def field_id(*parts: str) -> str:
        """The ID of an answer field: the same as the XLSForm's and the codebook's (model.tools.field_id)."""
        from ..model.tools import field_id

        return field_id(*parts)

    @staticmethod
    def accessible(*texts) -> str:
        """Plain words for a form field's accessible name (its title, the PDF's /TU): the texts without
        Markdown marks, joined by ". " (the template escapes them in the attribute)."""
        from ..collect.xlsform import plain

        parts = [" ".join(plain(t).split()).rstrip(".:") for t in texts if t]
        return ". ".join(p for p in parts if p)

    @staticmethod
    def answers(scale, other: bool | None = None) -> list[tuple[str, object]]:
        """(code, answer) for every answer of a scale (other=None), only the scale's points (other=False), or
        only the answers apart from it such as "I don't know" (other=True; model.tools.OTHER_ANSWER)."""
        from ..model.tools import OTHER_ANSWER, answer_codes

        return [(str(code), o) for code, o in zip(answer_codes(scale), scale)
                if other is None or (code >= OTHER_ANSWER) == other]

    def long_date(self, value: str, key: str | None = None) -> str:
        """A YYYY-MM-DD (or YYYY-MM) date written out in the pack's language ("31 March 2027", British order
        in English; model/dates.py long_date), or in the language of the interface words key (an English
        sentence that fell back gets an English date); the date as written where Babel has no data."""
        from ..model.dates import long_date

        lang = self.t.get(key)[1] if key else self.lang
        return long_date(value, lang.replace("-", "_"))

    @staticmethod
    def is_other_answer(code) -> bool:
        from ..model.tools import OTHER_ANSWER

        return int(code) >= OTHER_ANSWER

    # ---- the cover's way back to the web (issue 18; generator/print/qr.py) ---------------------------
    def web_address(self, doc: Document, kind: str) -> str:
        """The address of doc's web page in this pack's language: its easy-read page for easy-read packs."""
        from .qr import web_address

        return web_address(self.corpus.config.site.url, self.lang, doc.id, "easy-read" in kind)

    def listen(self, doc: Document, kind: str):
        """The audio of doc's easy-read page in this pack's language (for the easy-read pack's cover), or None."""
        return self.audio.get(doc.id) if kind == "easy-read" else None

    def short_address(self, url: str) -> str:
        from .qr import short_address

        return short_address(url)

    def qr(self, url: str) -> Markup:
        from .qr import qr_svg

        return qr_svg(url, self.plain("packs.web_page_qr_alt"))

    # ---- page furniture ----------------------------------------------------------------------------
    @staticmethod
    def _css_string(text: str) -> str:
        """text as a CSS string in double quotes: quotes, backslashes, line breaks and every other control
        character written as CSS escapes, so a title cannot end the string (or the rule) early."""
        def escape_char(ch: str) -> str:
            if ch in '"\\':
                return "\\" + ch
            if ch in "\n\r\t\f":
                return " "
            if ord(ch) < 0x20 or ord(ch) == 0x7f or ch in "\u2028\u2029":
                return "\\" + format(ord(ch), "x") + " "
            return ch
        return '"' + "".join(escape_char(ch) for ch in str(text)) + '"'

    def furniture_css(self, running_title: str, kind_label: str) -> str:
        """Running header (title at the start side, kind at the end side) and "Page 3 of 14"."""
        text = self.t("packs.page_of", page="\x00", pages="\x01")
        parts = []
        for piece in re.split(r"(\x00|\x01)", text):
            if piece == "\x00":
                parts.append("counter(page)")
            elif piece == "\x01":
                parts.append("counter(pages)")
            elif piece:
                parts.append(self._css_string(piece))
        start, end = ("left", "right") if self.dir == "ltr" else ("right", "left")
        return (f"@page {{ @top-{start} {{ content: {self._css_string(running_title)}; }} "
                f"@top-{end} {{ content: {self._css_string(kind_label)}; }} "
                f"@bottom-center {{ content: {' '.join(parts)}; }} }}\n"
                f"@page :first {{ @top-{start} {{ content: none; }} @top-{end} {{ content: none; }} }}\n")

    # ---- one pack -----------------------------------------------------------------------------------
    def share(self, kind: str, doc_id: str, tool_id: str | None = None) -> "PackShare":
        """How much of a pack is in its language, and whether that is a draft (for its cover and the packs page)."""
        if self.lang == SOURCE_LANG or self.coverage is None:
            return PackShare(100, False, self.lang)
        row = self.coverage(kind, doc_id, tool_id)
        whole = row.stale == 0 and row.missing == 0
        percent = 100 if whole else min(99, int(row.percent))
        return PackShare(percent, row.draft > 0 or self.t.has_drafts, self.lang)

    def language_label(self, share: "PackShare") -> Markup:
        """"Language: Polski" when the pack is all in its language; "Polski and English: 60% translated" otherwise."""
        language = self.corpus.config.language(self.lang)
        name = escape(language.name if language else self.lang)
        if share.translated >= 100:
            text, lang = self.t.get("packs.file_language", language="\ue000")
        else:
            text, lang = self.t.get("packs.file_language_partial", language="\ue000", percent=share.translated)
        if lang != self.lang:  # the words are the English fallback: the language's name in them is in its own language
            name = Markup(marking.wrap(str(name), self.lang, lang, {self.lang: self.dir}))
        body = escape(text).replace("\ue000", name)
        return self._wrap(body, lang)

    def _render(self, template: str, stylesheets: tuple[str, ...], title: str, running: str, kind: str,
                meta: dict, share: "PackShare | None" = None, **context) -> PackHtml:
        self._files = set()
        share = share or PackShare(100, False, self.lang)
        html = self.env.get_template(template).render(
            lang=self.lang, dir=self.dir, title=title, kind=kind, meta=meta, config=self.corpus.config,
            uses_pictures=False, share=share, **context)
        uses_pictures = bool(self._files)
        html = english_isolated(html)
        if uses_pictures and "ck-credit-pictures" not in html:
            raise RuntimeError(f"{template} uses pictures but does not print the pictures credit")
        css = [font_css(self.lang, self.root)]
        for name in ("print.css", *stylesheets):
            css.append((self.root / PRINT_DIR / name).read_text(encoding="utf-8"))
        css.append(self.furniture_css(running, self.t(f"packs.kinds.{kind}")))
        return PackHtml(html, "\n".join(css), set(self._files), title, self.text_lang(title), share.translated,
                        share.draft)

    def pack_title(self, kind: str, doc: Document, title=None) -> str:
        """The pack's title, e.g. "JIAS engagement framework: survey". It counts as the pack's language
        only if both the wording and the document's title are in it."""
        title = title if title is not None else doc.title
        text, words_lang = self.t.get(f"packs.titles.{kind}", title=title, document=doc.label)
        langs = {words_lang, self.text_lang(title), self.text_lang(doc.label)}
        lang = self.lang if langs == {self.lang} else SOURCE_LANG
        return _Titled(text, lang)

    def document_html(self, doc: Document, kind: str, meta: dict) -> PackHtml:
        """The full text of a document: kind is "standard" (12 pt) or "large-print" (18 pt)."""
        sheets = ("document.css",) + (("large-print.css",) if kind == "large-print" else ())
        return self._render("document.html", sheets, self.pack_title(kind, doc), doc.label, kind, meta,
                            self.share(kind, doc.id), doc=doc, has_easy_read=_has_easy_read)

    def easy_read_html(self, doc: Document, meta: dict) -> PackHtml:
        er = doc.easy_read
        title = self.pack_title("easy-read", doc, er.title)
        return self._render("easy-read.html", ("easy-read.css",), title, er.title, "easy-read", meta,
                            self.share("easy-read", doc.id), doc=doc, er=er, has_easy_read=_has_easy_read,
                            checked=checked_by(er, self.lang))

    def tool_html(self, tool, kind: str, meta: dict) -> PackHtml:
        doc = self.corpus.document(tool.document)
        sheets = {"survey-easy-read": ("easy-read.css", "tools.css")}.get(kind, ("tools.css",))
        context = {"tool": tool, "doc": doc}
        # The running header names the document the tool is based on (the kind of tool is at the other side):
        # a tool's own title is often its kind ("Focus group guide | Focus group guide"). The easy-read
        # survey keeps its easy-read title, which says what it is about in words its readers know.
        if kind == "survey-easy-read":
            running = tool.easy_read.title
        else:
            running = doc.label
        if kind == "focus-group":
            context["steps"] = _timed_steps(tool.plan)
        if kind == "workbook":
            context["rows"] = _workbook_rows(doc, tool)
        return self._render(f"{kind}.html", sheets, self.pack_title(kind, doc), running, kind, meta,
                            self.share(kind, doc.id, tool.id), **context)


def english_isolated(html: str) -> str:
    """A pack's HTML with every passage in Latin letters inside right-to-left text (an English name, a short form
    such as NHS, an email or web address, a licence's code, an item's number) as <bdi lang="en" dir="ltr">, as on
    the website (markup/lang.py english_in_page, the same finding of passages): WeasyPrint then lays each one out
    as one left-to-right piece, in its own place in the sentence, in a Latin font, and the PDF's structure tree
    marks it /Lang en. A pack in a left-to-right language is returned unchanged. The pass only adds those
    elements (and lang="en" on an element already kept left to right): tests/packs/test_rtl_english.py checks
    that taking them out again gives back the HTML it was given.

    What WeasyPrint 70 does, measured on a test PDF (Urdu paragraph, 16 pt, the packs' fonts, pdftotext and the
    structure tree read back; tests/packs/test_rtl_english.py keeps the measurements):
    - an inline element with dir="ltr" (<bdi> or <span>) works: it is its own text box, laid out left to right
      and placed as one piece among the right-to-left words; a web address that must wrap wraps inside it, each
      part in order ("(https://" at the end of one line, "creativecommons.org/licenses/by-sa/4.0/)" on the next);
    - <bdi> without dir, and the CSS property unicode-bidi (isolate or any other value), do nothing: WeasyPrint 70
      does not support unicode-bidi (it warns "property not supported yet");
    - the Unicode isolates (U+2066 or U+2068 ... U+2069) in the text keep a passage in order on one line, but the
      part of a passage that wraps to the next line loses its isolate and comes out backwards
      ("/creativecommons.org/licenses/by-sa/4.0"), and the characters stay in the copied text and in /ActualText.
    So the elements are used; no control characters are added."""
    return marking.english_in_page(html)


def _has_easy_read(node) -> bool:
    """Whether a section or item, or anything inside it, has easy-read points."""
    if node.easy_read:
        return True
    if isinstance(node, Section):
        return any(_has_easy_read(i) for i in node.items) or any(_has_easy_read(s) for s in node.sections)
    return any(_has_easy_read(i) for i in node.items)


@dataclass(frozen=True)
class PackShare:
    """How much of a pack is in its language: translated is a whole per cent, 100 only when every text is;
    draft when some translated text has not been checked yet."""

    translated: int
    draft: bool
    lang: str


class _Titled(str):
    """A pack title that knows its language (read by text_lang)."""

    def __new__(cls, value: str, lang: str):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj


@dataclass(frozen=True)
class TimedStep:
    step: object
    start: str
    end: str


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _timed_steps(plan) -> list[TimedStep]:
    out, at = [], 0
    for step in plan:
        out.append(TimedStep(step, _clock(at), _clock(at + step.minutes)))
        at += step.minutes
    return out


def _workbook_rows(doc: Document, tool) -> list[tuple[Item, tuple]]:
    """(item, its questions) for every item the workbook uses, in order."""
    by_id = {loc.item.id: loc.item for loc in walk_items(doc)}
    ids = tool.items or [loc.item.id for loc in walk_items(doc)
                         if any(l.id == tool.questions_list for l in loc.item.lists)]
    rows = []
    for item_id in ids:
        item = by_id[item_id]
        questions = next(l.entries for l in item.lists if l.id == tool.questions_list)
        rows.append((item, questions))
    return rows


__all__ = ["PrintWriter", "PackHtml", "text_lang", "Point"]
