"""`charterkit check easy-read --sheet [FOLDER]`: contact sheets for the people who check an easy read.

One HTML page per document and language: every point in reading order, with its picture, its words, the
picture's description (alt text) and how many words and sentences it has, under the heading it sits under.
A checking group (for example a self-advocacy group of people with learning disabilities) can go through it
on screen or printed on A4, and write on it. An index.html lists every sheet.

Safe to open: every word from the data is escaped (the points' Markdown goes through the same allow-list as
the website, markup/sanitise.py), the pictures are copies of the repository's own files in a pictures/
folder beside the sheets, and a sheet asks no other host for anything (no fonts, styles or scripts from
elsewhere; a Content-Security-Policy says so to the browser too).
"""
from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..markup import sanitise
from ..model.corpus import Corpus
from ..model.easyread import checked_by
from ..translate.localise import lang_of
from .easyread_words import sentences, words

DEFAULT_FOLDER = "easy-read-sheets"

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
html { font-family: Arial, Helvetica, sans-serif; font-size: 14pt; line-height: 1.4; color: #0b0c0c; background: #fff; }
body { margin: 0 auto; max-width: 60em; padding: 1em; }
h1 { font-size: 1.5em; margin: 0 0 0.3em; }
h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; break-after: avoid; }
p { margin: 0 0 0.5em; }
.about { border-inline-start: 0.3em solid #0b3b60; padding: 0.3em 0.8em; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th, td { border: 1px solid #505a5f; padding: 0.4em; vertical-align: top; text-align: start; }
th { background: #e8ecef; }
tr { break-inside: avoid; }
td.n, td.count { text-align: center; white-space: nowrap; }
td.picture { width: 32mm; }
td.picture img { width: 30mm; height: 30mm; display: block; }
td.check { width: 22mm; }
.over { font-weight: 700; background: #fff0f0; }
.other-lang { font-style: italic; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
"""

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


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _lang(value, lang: str, dirs: dict) -> str:
    """lang and dir attributes for a text in another language than the sheet's (English shown in its place)."""
    other = lang_of(value)
    if other == lang:
        return ""
    return f' lang="{_e(other)}" dir="{_e(dirs.get(other, "ltr"))}" class="other-lang"'


def sheet_html(doc, lang: str, dirs: dict, limits, pictures: dict, label) -> tuple[str, int]:
    """The contact sheet of one document in one language, and how many points it has."""
    points = sheet_points(doc, label)
    direction = dirs.get(lang, "ltr")
    er = doc.easy_read
    who = checked_by(er, lang)
    status = (f"Checked by {_e(who.group)}, finished on {_e(who.date)}." if who else
              "Not checked yet by people who read easy read. This sheet is for that check.")
    rows = []
    heading = None
    for n, point in enumerate(points, 1):
        if (point.part, point.heading) != heading:
            heading = (point.part, point.heading)
            title = {"about": "Introduction", "contact": "Who to contact"}.get(point.part)
            cell = (f'<span lang="en" dir="ltr">{_e(title)}</span>' if title else
                    f"<span{_lang(point.heading, lang, dirs)}>{_e(point.heading)}</span>")
            rows.append(f'<tr><th colspan="{len(COLUMNS)}" scope="colgroup">{cell}</th></tr>')
        n_words = len(words(point.text))
        n_sents = len(sentences(point.text))
        word_cls = ' class="count over"' if n_words > limits.easy_read_max_point_words else ' class="count"'
        sent_cls = ' class="count over"' if n_sents > limits.easy_read_max_sentences_per_point else ' class="count"'
        src = pictures.get(point.picture)
        img = (f'<img src="pictures/{_e(src)}" alt="">' if src else f"(no picture file: {_e(point.picture)})")
        text = sanitise.markdown_html(str(point.text))
        rows.append(
            f'<tr><td class="n">{n}</td><td class="picture">{img}<br><small>{_e(point.picture)}</small></td>'
            f"<td{_lang(point.text, lang, dirs)}>{text}</td><td{_lang(point.alt, lang, dirs)}>{_e(point.alt)}</td>"
            f"<td{word_cls}>{n_words}</td><td{sent_cls}>{n_sents}</td><td class=\"check\"></td></tr>")
    head = "".join(f'<th scope="col" lang="en" dir="ltr">{_e(c)}</th>' for c in COLUMNS)
    title = f"Easy read check sheet: {er.title} ({lang})"
    page = f"""<!DOCTYPE html>
<html lang="{_e(lang)}" dir="{_e(direction)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1><span{_lang(er.title, lang, dirs)}>{_e(er.title)}</span></h1>
<div class="about" lang="en" dir="ltr">
<p>Easy read check sheet. Document: {_e(doc.id)}. Language: {_e(lang)}. Points: {len(points)}.</p>
<p>{status}</p>
<p>The most a point should have: {limits.easy_read_max_point_words} words and
{limits.easy_read_max_sentences_per_point} sentences (more is in bold). Words in italics are in English:
they are not translated yet.</p>
</div>
<table>
<caption lang="en" dir="ltr">Every point of the easy read, in the order of the page</caption>
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</main>
</body>
</html>
"""
    return page, len(points)


def words_html(lang: str, dirs: dict, entries) -> str:
    """The site's one easy-read word list in one language (easyread_words.site_words), for the checkers too."""
    rows = "\n".join(
        f"<tr><td><strong>{_e(w.word)}</strong></td><td>{sanitise.markdown_html(w.meaning)}</td>"
        f'<td lang="en" dir="ltr">{_e(", ".join(w.documents))}</td></tr>' for w in entries)
    return f"""<!DOCTYPE html>
<html lang="{_e(lang)}" dir="{_e(dirs.get(lang, "ltr"))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Easy read words ({_e(lang)})</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1 lang="en" dir="ltr">Easy read words ({_e(lang)}): {len(entries)} words</h1>
<p lang="en" dir="ltr">Every hard word the easy-read versions explain, with the one meaning every document gives it, and
the documents that use it.</p>
<table>
<thead><tr><th scope="col" lang="en" dir="ltr">Word</th><th scope="col" lang="en" dir="ltr">What it means</th>
<th scope="col" lang="en" dir="ltr">Used in</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""


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
        (folder / f"words-{language.code}.html").write_text(words_html(language.code, dirs, entries), encoding="utf-8")
        index_rows.append(f'<li><a href="words-{_e(language.code)}.html">The easy-read words ({_e(language.code)})</a>: '
                          f"{len(entries)} words</li>")
        for doc in view.documents:
            if doc.easy_read is None:
                continue
            for point in sheet_points(doc, item_label):
                pic = known.get(point.picture)
                if point.picture not in pictures and pic is not None and pic.svg is not None:
                    pictures[point.picture] = f"{point.picture}.svg"
                    shutil.copyfile(pic.svg, folder / "pictures" / pictures[point.picture])
            page, count = sheet_html(doc, language.code, dirs, corpus.config.checks, pictures, item_label)
            name = f"{doc.id}-{language.code}.html"
            (folder / name).write_text(page, encoding="utf-8")
            written.append(folder / name)
            index_rows.append(f'<li><a href="{_e(name)}">{_e(doc.id)} ({_e(language.code)})</a>: {count} points</li>')
    (folder / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>Easy read check sheets</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        "<h1>Easy read check sheets</h1>\n<p>One sheet for each document and language: every point with its "
        "picture, words, picture description and counts, to check with people who read easy read.</p>\n"
        f"<ul>\n{chr(10).join(index_rows)}\n</ul>\n</main>\n</body>\n</html>\n", encoding="utf-8")
    return written
