"""Checks on the files editors add: content pages that cannot be read, and folders or files named so that
charterkit would not find them (a folder "CY" for Welsh, "interface.yml.txt" from a web upload).

Without these, such a file is skipped without a word and the editor's work is silently not published.
Each problem names the file or folder and the exact fix.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..diagnostics import Report
from ..load.textfile import read_text
from ..model.schema import LANG_PATTERN

CONTENT_DIR = Path("content")
TRANSLATIONS_DIR = Path("framework_data") / "translations"
_LANG = re.compile(LANG_PATTERN)
_YAML_IN_NAME = re.compile(r"\.(ya?ml)", re.I)


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _rename_hint(folder: Path, wrong: str, right: str, what: str) -> str:
    return (f'Rename {what} "{wrong}" to "{right}". On GitHub: open each file in {folder.as_posix()}/{wrong}/, click the '
            f'pencil, and change "{wrong}/" to "{right}/" in the box with the file name, then commit.')


def check_language_folders(root: Path, codes: list[str], report: Report) -> set[str]:
    """Folders in framework_data/translations/ and content/ must be named with a configured language code,
    written exactly as in site_config.yml. Returns the folder names (relative) that are misnamed."""
    configured = set(codes)
    folded = {c.lower(): c for c in codes}
    bad: set[str] = set()
    for base in (TRANSLATIONS_DIR, CONTENT_DIR):
        folder = root / base
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if _hidden(entry):
                continue
            display = (base / entry.name).as_posix()
            if not entry.is_dir():
                if base == TRANSLATIONS_DIR and _YAML_IN_NAME.search(entry.name):
                    report.error("i18n.file-place", f'"{entry.name}" is not in a language folder, so it is not read.',
                                 file=display, line=1, column=1,
                                 hint=f"Move it into the folder of its language, for example "
                                      f"{(TRANSLATIONS_DIR / (codes[-1] if codes else 'cy') / entry.name).as_posix()}.")
                continue
            name = entry.name
            if name in configured:
                continue
            wanted = folded.get(name.lower().replace("_", "-"))
            if wanted is not None:
                bad.add(display)
                report.error("i18n.folder-name",
                             f'The folder "{name}" should be called "{wanted}": language codes are written exactly as in '
                             "site_config.yml (in small letters), or charterkit does not find what is in the folder.",
                             file=display, hint=_rename_hint(base, name, wanted, "the folder"))
            elif not _LANG.match(name) and _LANG.match(name.lower().replace("_", "-")):
                right = name.lower().replace("_", "-")
                bad.add(display)
                report.error("i18n.folder-name",
                             f'The folder "{name}" should be called "{right}": language codes are written in small '
                             "letters, or charterkit does not find what is in the folder.",
                             file=display, hint=_rename_hint(base, name, right, "the folder")
                             + f" Then add {right} under languages: in site_config.yml (code, name and dir).")
            elif not _LANG.match(name):
                bad.add(display)
                report.error("i18n.folder-name",
                             f'The folder "{name}" is not named with a language code, so charterkit does not know '
                             "which language is in it.",
                             file=display,
                             hint="Name the folder with the language's code, as under languages: in site_config.yml "
                                  f"(one of: {', '.join(codes)}), or add the language there first.")
            elif base == CONTENT_DIR:  # (translation folders of languages not configured: see project.py)
                report.warning("i18n.not-configured",
                               f'There are pages for "{name}", but it is not one of the languages in site_config.yml, '
                               "so they are not published.", file=display,
                               hint="Add it under languages: in site_config.yml (code, name and dir).")
    return bad


def check_translation_file_names(root: Path, lang: str, known: list[str], report: Report) -> None:
    """Files in framework_data/translations/<lang>/ that charterkit would not read: named so that they do not
    end in .yml (interface.yml.txt, interface.YML), or not a translation file at all."""
    folder = root / TRANSLATIONS_DIR / lang
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir()):
        if _hidden(entry) or (entry.is_file() and entry.suffix in (".yml", ".yaml")):
            continue
        display = report.rel(entry)
        if entry.is_dir():
            report.warning("i18n.not-read", f'"{entry.name}" is a folder inside a language folder, so charterkit does '
                           "not read what is in it.", file=display,
                           hint="Put translation files straight into the language folder.")
            continue
        m = _YAML_IN_NAME.search(entry.name)
        stem = entry.name[: m.start()] if m else entry.name.split(".", 1)[0]
        if m or stem in known:
            right = f"{stem}.yml"
            report.error("i18n.file-name", f'"{entry.name}" is not read: translation files must end in .yml '
                         "(in small letters).", file=display, line=1, column=1,
                         hint=f'Rename it to "{right}". On GitHub: open the file, click the pencil, and change the name '
                              "in the box at the top, then commit.")
        else:
            report.warning("i18n.not-read", f'"{entry.name}" is not a translation file, so charterkit does not read it.',
                           file=display, hint="If it holds translations, rename it after its document, ending in .yml; "
                                              "otherwise you can delete it.")


def _is_hidden(ch: str) -> bool:
    return ch == " " or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _hidden_character(name: str) -> str | None:
    """The name (U+200B ZERO WIDTH SPACE) of the first character in a file name that cannot be seen or that
    changes how the name shows: spaces, tabs, control characters, zero-width and direction characters."""
    from .safety import _char_name

    return next((_char_name(ch) for ch in name if _is_hidden(ch)), None)


def _shown(name: str) -> str:
    """A file name with each such character written as <U+200B>, so the message shows where it is (a direction
    character printed as it is would turn the rest of the line around)."""
    return "".join(f"<U+{ord(ch):04X}>" if _is_hidden(ch) else ch for ch in name)


def check_content_files(root: Path, report: Report) -> None:
    """Every page in content/<lang>/ can be read as UTF-8 text (the same file:line error as the data files),
    every file there ends in .md, so none is skipped without a word, and no name hides a character (its web
    address would too: content/en/ab<zero-width space>out.md looks exactly like about.md)."""
    base = root / CONTENT_DIR
    if not base.is_dir():
        return
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not _hidden(p)):
        for entry in sorted(folder.iterdir()):
            if _hidden(entry):
                continue
            display = report.rel(entry)
            hidden = _hidden_character(entry.name)
            if hidden is not None:
                display = _shown(display)
                report.error("content.file-name", f'The name of "{display}" has a character ({hidden}) in it, which a reader cannot '
                             "see (or which changes how the name shows), and the name becomes the page's web address.",
                             file=display, line=1, column=1,
                             hint="Rename the file using only letters, digits and hyphens (-), for example "
                                  '"other-formats.md". On GitHub: open the file, click the pencil, delete the name in '
                                  "the box at the top and type it again, then commit.")
                continue
            if entry.suffix == ".md":
                _, issues = read_text(entry, display)
                report.extend(issues)
            elif ".md" in entry.name.lower():
                right = entry.name[: entry.name.lower().index(".md")] + ".md"
                report.error("content.file-name", f'"{entry.name}" is not read: pages must end in .md (in small letters).',
                             file=display, line=1, column=1,
                             hint=f'Rename it to "{right}". On GitHub: open the file, click the pencil, and change the '
                                  "name in the box at the top, then commit.")
            elif entry.is_dir():
                report.warning("content.not-read", f'"{entry.name}" is a folder inside a language folder, so charterkit '
                               "does not read what is in it.", file=display,
                               hint="Put pages straight into the language folder.")
            else:
                report.warning("content.not-read", f'"{entry.name}" is not a page (.md), so charterkit does not read it.',
                               file=display, hint="If it is a page, rename it to end in .md; otherwise you can delete it.")


#: The site's own pages at the top of each language's folder (web/pages.py), by the name a content page would
#: need to take their place, and the folders the build writes there. A content page may not use these names.
SITE_PAGES = {
    "crosswalks": "the page of how the documents link", "glossary": "the glossary",
    "printable-packs": "the list of printable packs", "sitemap": "the site map",
    "translation-status": "the translation status page", "search": "the search's own folder",
    "404": "the page-not-found page", "packs": "the folder of printable packs", "audio": "the folder of audio files",
    "assets": "the folder of the site's styles and scripts", "forms": "the folder of forms",
}


def check_content_names(root: Path, documents: list[str], report: Report) -> None:
    """No content page (content/<lang>/NAME.md) takes the name of one of the site's own pages or of a document:
    both would be published at the same address, and one of them would silently not be."""
    base = root / CONTENT_DIR
    if not base.is_dir():
        return
    ids = set(documents)
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not _hidden(p)):
        for entry in sorted(folder.glob("*.md")):
            stem = entry.stem
            if stem in SITE_PAGES:
                clash = f"the site's own page of that name ({SITE_PAGES[stem]})"
            elif stem in ids:
                clash = f'the document "{stem}" (framework_data/documents/{stem}.yml)'
            else:
                continue
            report.error("content.name-taken", f'"{entry.name}" has the same name as {clash}: both would be '
                         "published at the same address, and one of them would not be seen.",
                         file=report.rel(entry), line=1, column=1,
                         hint=f'Rename the page, for example to "more-{stem}.md" or "about-{stem}.md", in every '
                              "language folder.")
