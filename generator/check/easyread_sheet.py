"""`charterkit check easy-read --sheet [FOLDER]`: contact sheets for the people who check an easy read.

One HTML page per document and language: every point in reading order, with its picture, its words, the
picture's description (alt text) and how many words and sentences it has, under the heading it sits under.
A checking group (for example a self-advocacy group of people with learning disabilities) can go through it
on screen or printed on A4, and write on it. An index.html lists every sheet. The pages are the templates of
theme/check/ (easy-read-sheet.html, easy-read-words.html, easy-read-index.html on one _page.html, and their style sheet), written
with the web pages' Jinja environment (web/text.py: autoescape on); this module works out what they show.

Safe to open: every word from the data is escaped (the points' Markdown goes through the same allow-list as
the website, markup/sanitise.py), the pictures are copies of the repository's own files in a pictures/
folder beside the sheets, and a sheet asks no other host for anything (no fonts, styles or scripts from
elsewhere; a Content-Security-Policy says so to the browser too).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..markup import sanitise
from ..model.corpus import Corpus
from ..model.easyread import checked_by
from ..translate.localise import lang_of
from .easyread_words import sentences, words

DEFAULT_FOLDER = "easy-read-sheets"

#: The check sheets' templates, in the project (as theme/pages/ is).
CHECK_DIR = Path("theme") / "check"

#: The sheet's own words (for the checking group's organiser, in English): what each column is.
COLUMNS = ("#", "Picture", "What it says", "What the picture shows (alt text)", "Words", "Sentences", "OK?")


@dataclass(frozen=True)
class SheetPoint:
    part: str  # "about" (the introduction), "body" (under a heading) or "contact"
    heading: str  # the heading the point sits under, in the body
    text: str
    picture: str
    alt: str


def sheet_points(doc, label) -> list[SheetPoint]:
    """Every easy-read point of a document, in the order the page shows them, with the heading above it."""
    er = doc.easy_read
    out = [SheetPoint("about", "", p.text, p.picture, p.alt) for p in er.about]

    def section(sec):
        title = sec.easy_read_title or sec.title
        out.extend(SheetPoint("body", title, p.text, p.picture, p.alt) for p in sec.easy_read)
        for item in sec.items:
            items(item)
        for sub in sec.sections:
            section(sub)

    def items(item):
        title = item.easy_read_title or label(item)
        out.extend(SheetPoint("body", title, p.text, p.picture, p.alt) for p in item.easy_read)
        for sub in item.items:
            items(sub)

    for sec in doc.sections:
        section(sec)
    out.extend(SheetPoint("contact", "", p.text, p.picture, p.alt) for p in er.contact)
    return out


@dataclass(frozen=True)
class HeadingRow:
    english: str | None  # the sheet's own heading ("Introduction", "Who to contact"), or None
    text: str  # else the heading the points sit under, in the data's words
    lang: str | None  # that heading's language when it is not the sheet's


@dataclass(frozen=True)
class PointRow:
    n: int
    picture: str  # the picture's name
    src: str | None  # its file in pictures/, or None when there is none
    text: object  # the point's words as safe HTML (the website's allow-list, markup/sanitise.py)
    text_lang: str | None  # the words' language when it is not the sheet's
    alt: str
    alt_lang: str | None
    words: int
    words_over: bool  # more than the project's limit
    sentences: int
    sentences_over: bool


def _environment(root: Path):
    from ..web.text import page_environment

    return page_environment(root, CHECK_DIR)


def _other(value, lang: str) -> str | None:
    """The language of a text shown in another language than the sheet's (English in its place), else None."""
    other = lang_of(value)
    return None if other == lang else other


def sheet_html(doc, lang: str, dirs: dict, limits, pictures: dict, label, *, root: Path) -> tuple[str, int]:
    """The contact sheet of one document in one language (theme/check/easy-read-sheet.html in the project root),
    and how many points it has."""
    from markupsafe import Markup

    points = sheet_points(doc, label)
    er = doc.easy_read
    rows: list[tuple[str, HeadingRow | PointRow]] = []  # ("heading", ...) or ("point", ...), in the page's order
    heading = None
    for n, point in enumerate(points, 1):
        if (point.part, point.heading) != heading:
            heading = (point.part, point.heading)
            title = {"about": "Introduction", "contact": "Who to contact"}.get(point.part)
            rows.append(("heading", HeadingRow(title, point.heading, _other(point.heading, lang))))
        n_words = len(words(point.text))
        n_sents = len(sentences(point.text))
        rows.append(("point", PointRow(n, point.picture, pictures.get(point.picture),
                             Markup(sanitise.markdown_html(str(point.text))), _other(point.text, lang),
                             point.alt, _other(point.alt, lang), n_words, n_words > limits.easy_read_max_point_words,
                             n_sents, n_sents > limits.easy_read_max_sentences_per_point)))
    page = _environment(root).get_template("easy-read-sheet.html").render(
        lang=lang, direction=dirs.get(lang, "ltr"), dirs=dirs, doc=doc, er=er, title_lang=_other(er.title, lang),
        who=checked_by(er, lang), count=len(points), limits=limits, columns=COLUMNS, rows=rows)
    return page, len(points)


def words_html(lang: str, dirs: dict, entries, *, root: Path) -> str:
    """The site's one easy-read word list in one language (easyread_words.site_words), for the checkers too
    (theme/check/easy-read-words.html)."""
    from markupsafe import Markup

    return _environment(root).get_template("easy-read-words.html").render(
        lang=lang, direction=dirs.get(lang, "ltr"), entries=entries,
        meaning=lambda entry: Markup(sanitise.markdown_html(entry.meaning)))


@dataclass(frozen=True)
class IndexEntry:
    href: str
    lang: str
    count: int  # points of a sheet, words of a word list
    doc_id: str | None = None  # a sheet's document; None for a word list


def write_sheets(corpus: Corpus, folder: Path, languages: list[str] | None = None,
                 views: dict | None = None) -> list[Path]:
    """Write a contact sheet for every document with an easy read in every language (or those given) into
    folder, with the pictures they show in folder/pictures and an index.html. Returns the sheets written.
    views: lang -> translate.view.LanguageView (made here for a language without one)."""
    from ..pictures import catalogue
    from ..model.labels import item_label
    from ..translate.view import build_view
    from .easyread_words import site_words

    folder = Path(folder)
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    known = catalogue(corpus.root)
    dirs = {language.code: language.dir for language in corpus.config.languages}
    pictures: dict[str, str] = {}
    written: list[Path] = []
    index_rows = []
    for language in corpus.config.languages:
        if languages and language.code not in languages:
            continue
        view = ((views or {}).get(language.code) or build_view(corpus, language.code)).corpus
        entries = site_words(list(view.documents), language.code)
        (folder / f"words-{language.code}.html").write_text(words_html(language.code, dirs, entries, root=corpus.root),
                                                            encoding="utf-8")
        index_rows.append(IndexEntry(f"words-{language.code}.html", language.code, len(entries)))
        for doc in view.documents:
            if doc.easy_read is None:
                continue
            for point in sheet_points(doc, item_label):
                pic = known.get(point.picture)
                if point.picture not in pictures and pic is not None and pic.svg is not None:
                    pictures[point.picture] = f"{point.picture}.svg"
                    shutil.copyfile(pic.svg, folder / "pictures" / pictures[point.picture])
            page, count = sheet_html(doc, language.code, dirs, corpus.config.checks, pictures, item_label,
                                     root=corpus.root)
            name = f"{doc.id}-{language.code}.html"
            (folder / name).write_text(page, encoding="utf-8")
            written.append(folder / name)
            index_rows.append(IndexEntry(name, language.code, count, doc.id))
    (folder / "index.html").write_text(
        _environment(corpus.root).get_template("easy-read-index.html").render(entries=index_rows), encoding="utf-8")
    return written
