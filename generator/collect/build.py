"""Write every tool's collection files once for the whole site (the printable-packs page lists them:
theme/pages/_packs.md.j2 collection_files, with web/context.py collection_forms).

For each form a tool gives (generator/collect/fields.py: a survey with easy_read gives two), into
site/forms/ (FORMS_DIR, beside the language folders):
  <form>.xlsx           the XLSForm workbook, for ODK, KoboToolbox and similar tools (xlsform.py)
  <form>.xml            the same form converted by pyxform: an XForm ODK Central accepts as it is
  <form>-codebook.csv   what every question ID and answer code means (codebook.py)
Each file holds every language, so one copy serves them all: the printable-packs page of every language
links the same files (before, each language had its own identical copy in site/<lang>/packs/: five
copies of 1.1 MB).

Nothing is written unless every form is right: a form pyxform refuses, or two answers with the same ID,
is an error with the tool's file and what to do, and the build stops before the site is replaced.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import codebook, xlsform
from .fields import Form, tool_forms

TOOLS_DIR = Path("framework_data") / "tools"
#: The folder of the collection files, at the site's root (one copy for every language).
FORMS_DIR = "forms"
SUFFIXES = (".xlsx", ".xml", "-codebook.csv")


@dataclass(frozen=True)
class Made:
    form: Form  # in English
    files: dict[str, bytes]  # file name -> bytes


def forms_by_language(corpus, languages=None, views: dict | None = None
                      ) -> dict[str, list[tuple[object, dict[str, Form]]]]:
    """Every tool's forms in every configured language: tool id -> [(tool, {lang: form}), ...]. views: lang ->
    translate.view.LanguageView, the build's views (a language without one gets its own)."""
    from ..translate.view import build_view

    languages = list(languages or corpus.config.languages)
    out: dict[str, list] = {}
    made = {lang.code: (views or {}).get(lang.code) or build_view(corpus, lang.code) for lang in languages}
    for tool in corpus.tools.values():
        # each language's own view of the tool: its words translated where a translation exists
        per_lang = {code: tool_forms(view.corpus.tools.get(tool.id, tool), view.corpus, view.words)
                    for code, view in made.items()}
        count = len(per_lang["en"])
        out[tool.id] = [(tool, {code: forms[n] for code, forms in per_lang.items()}) for n in range(count)]
    return out


def make_files(corpus, report, views: dict | None = None) -> list[Made]:
    """Every collection file's bytes, checked. Problems go to report (nothing is returned for a form with one).
    views: as in forms_by_language()."""
    languages = list(corpus.config.languages)
    made: list[Made] = []
    for tool_id, forms in forms_by_language(corpus, languages, views).items():
        where = str(TOOLS_DIR / f"{tool_id}.yml")
        for _tool, by_lang in forms:
            en = by_lang["en"]
            seen: set[str] = set()
            dupes = sorted({f.id for f in en.fields if f.id in seen or seen.add(f.id)})
            if dupes:
                report.error("collect.same-id", f"The {en.kind} form of {tool_id} has two answers with the same "
                             f"ID: {', '.join(dupes)}.", file=where,
                             hint="Answer IDs are made from item IDs (statement-1 gives statement_1). Give the items "
                                  "different IDs, or name each item only once in the tool.")
                continue
            try:
                rows = xlsform.sheets(by_lang, languages)
                xlsx = xlsform.workbook_bytes(rows)
                xform, _warnings = xlsform.to_xform(xlsx)
            except Exception as exc:  # pyxform's errors say which row and column
                report.error("collect.xlsform", f"The {en.kind} form of {tool_id} could not be made into an "
                             f"XForm: {exc}", file=where,
                             hint="Check the words named in the message in this tool file. If they look right, "
                                  "this is a bug in charterkit (generator/collect/): please report it.")
                continue
            table = codebook.rows(by_lang, languages)
            made.append(Made(en, {f"{en.file_stem}.xlsx": xlsx, f"{en.file_stem}.xml": xform.encode("utf-8"),
                                  f"{en.file_stem}-codebook.csv": codebook.csv_bytes(table)}))
    return made


def build_collection_files(corpus, languages, site_dir: Path, report, views: dict | None = None) -> list[Made]:
    """Write the collection files into site_dir/forms/ (FORMS_DIR), once for every language. views: as in
    forms_by_language(). A copy an earlier version of charterkit left in a language's packs folder (kept by a
    build that does not make the packs again) is removed, so no stale copy stays published."""
    made = make_files(corpus, report, views)
    if report.errors:
        return []
    folder = Path(site_dir) / FORMS_DIR
    names = {name for one in made for name in one.files}
    if folder.is_dir():  # files an earlier build made for tools that are gone (its compressed copies too)
        for old in folder.iterdir():
            if old.is_file() and old.name.removesuffix(".gz").removesuffix(".br") not in names:
                old.unlink()
    if not made:  # (no tools: no folder made for nothing)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        return []
    folder.mkdir(parents=True, exist_ok=True)
    for one in made:
        for name, data in one.files.items():
            (folder / name).write_bytes(data)
    for language in corpus.config.languages:  # every language's, also on a build of one language
        packs = Path(site_dir) / language.code / "packs"
        for one in made:
            for name in one.files:
                for old in (packs / name, packs / f"{name}.gz", packs / f"{name}.br"):
                    if old.is_file():
                        old.unlink()
    return made


# ---- on the printable-packs page ------------------------------------------------------------------------
def planned_forms(corpus) -> list[tuple[str, str, str]]:
    """(document id, form kind, file stem) of every form, from the data alone (no files are read)."""
    out = []
    for tool in corpus.tools.values():
        out.append((tool.document, tool.kind, tool.id))
        if tool.kind == "survey" and getattr(tool, "easy_read", None) is not None:
            out.append((tool.document, "survey-easy-read", f"{tool.id}-easy-read"))
    return out
