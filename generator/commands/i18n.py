"""`charterkit i18n ...`: add a language, see what is translated, and exchange PO files with translators.

A command layer beside cli.py (it reads the project with validate/, and the english-share command makes the
packs' HTML with print/): the work itself is in translate/ (catalog.py, status.py, summary.py,
english_share.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..diagnostics import Report
from ..validate.project import load_project


def _corpus(root: Path):
    report = Report()
    corpus = load_project(root, report)
    if report.issues:
        print(report.format(), file=sys.stderr)
    if corpus is None:
        print(f"Found {report.summary()} Fix them first.", file=sys.stderr)
    return corpus


def cmd_add(root: Path, args) -> int:
    from babel import Locale, UnknownLocaleError

    from ..translate.catalog import add_language_to_config, scaffold_language

    code = args.lang
    try:
        locale = Locale.parse(code)
        name = args.name or locale.get_display_name(code)
        name = name[:1].upper() + name[1:]
        english = locale.get_display_name("en")
        direction = args.dir or ("rtl" if locale.character_order == "right-to-left" else "ltr")
    except (UnknownLocaleError, ValueError):
        if not (args.name and args.dir):
            print(f'"{code}" is not a language code charterkit knows. Give its name and direction: '
                  f"charterkit i18n add {code} --name NAME --dir ltr", file=sys.stderr)
            return 2
        name, english, direction = args.name, args.name, args.dir
    added = add_language_to_config(root, code, name, english, direction)
    corpus = _corpus(root)
    if corpus is None:
        return 1
    configured = corpus.config.language(code)
    name = configured.name if configured else name
    files = scaffold_language(corpus, code, name)
    print(("Added" if added else "Kept") + f" {name} ({code}, {direction}) in site_config.yml.")
    print(f"Wrote {len(files)} files to translate in {files[0].parent.relative_to(root)}/. "
          "Fill in each empty text: \"\" (see TRANSLATING.md).")
    return 0


def cmd_status(root: Path, args) -> int:
    from ..translate.status import status_rows, total

    corpus = _corpus(root)
    if corpus is None:
        return 1
    langs = [l for l in corpus.config.languages if l.code != "en" and (not args.lang or l.code == args.lang)]
    markdown = getattr(args, "format", "text") == "markdown"
    if markdown:
        from ..translate.summary import status_markdown

        print(status_markdown(corpus, langs, getattr(args, "changed_since", None)))
    failed = []
    for lang in langs:
        rows = status_rows(corpus, lang.code)
        need = corpus.config.translations.minimum_coverage.get(lang.code)
        if need is not None and total(rows).percent < need:
            failed.append(f"{lang.code}: {total(rows).percent:.0f}% translated and up to date, below the minimum of {need}%")
        if markdown:
            continue
        print(f"\n{lang.english_name or lang.name} ({lang.code})")
        print(f"  {'':44} {'checked':>8} {'draft':>6} {'stale':>6} {'missing':>8} {'done':>6}")
        for row in rows + [total(rows)]:
            print(f"  {row.name[:44]:44} {row.reviewed:>8} {row.draft:>6} {row.stale:>6} {row.missing:>8} {row.percent:>5.0f}%")
    if not markdown:
        print("\nchecked = reviewed by a translator; draft = not yet checked; stale = the English has changed since; "
              "done = checked + draft.")
    if failed and args.check:
        print("\nBelow the minimum set in site_config.yml (translations: minimum_coverage):", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


def cmd_export(root: Path, args) -> int:
    from ..translate.catalog import export_po

    corpus = _corpus(root)
    if corpus is None:
        return 1
    files = export_po(corpus, args.lang, Path(args.out))
    print(f"Wrote {len(files)} PO files to {args.out}/. Open them in Poedit or upload them to Weblate.")
    return 0


def cmd_import(root: Path, args) -> int:
    from .po_import import import_po

    corpus = _corpus(root)
    if corpus is None:
        return 1
    lang = corpus.config.language(args.lang)
    if lang is None:
        print(f'"{args.lang}" is not in site_config.yml. Add it first: charterkit i18n add {args.lang}', file=sys.stderr)
        return 1
    report = Report(root=root)
    try:
        files = import_po(corpus, args.lang, Path(args.folder), lang.name, report)
    except OSError as exc:
        print(f"Nothing was imported: a translation file could not be written ({exc.strerror or exc}: "
              f"{exc.filename or ''}). Every file is as it was. Free some space or fix the folder's permissions, "
              "then import again.", file=sys.stderr)
        return 1
    if report.issues:
        print(report.format(), file=sys.stderr)
    if files is None:
        print(f"\nFound {report.summary()} Nothing was imported: every translation file is as it was. "
              "Fix the problems above and import again.", file=sys.stderr)
        return 1
    if not files:
        print("Nothing to update: the PO files have no changed translations.")
        return 0
    print(f"Updated {len(files)} translation file(s): " + ", ".join(str(p.relative_to(root)) for p in files)
          + ". Run charterkit validate to check them.")
    return 0


def cmd_english_share(root: Path, args) -> int:
    """How much of each translated language is still English (translate/english_share.py measures the texts)."""
    from ..translate.english_share import GOAL_EACH, GOAL_OVERALL, MIN_WORDS, english_share, pack_texts

    corpus = _corpus(root)
    if corpus is None:
        return 1
    langs = [l.code for l in corpus.config.languages if l.code != "en" and (not args.lang or l.code == args.lang)]
    if not langs:
        print(f'"{args.lang}" is not a translated language in site_config.yml.', file=sys.stderr)
        return 2
    site = Path(args.site) if args.site else root / "site"
    if not (site / "en").is_dir():
        print(f"There is no built site in {site}, so only the packs are measured. Run `charterkit build` (or "
              "`charterkit build --no-packs`) first to measure the pages too.")
        site = None
    from ..print.packs import pack_htmls

    # the packs' words, from the HTML each pack is printed from (made by print/, without printing the PDFs)
    english = pack_texts(pack_htmls(corpus, "en"))
    shares = english_share(site, {lang: pack_texts(pack_htmls(corpus, lang)) for lang in langs}, english)
    print(f"English left in each language: the share of its words in sentences of {MIN_WORDS} or more words that "
          f"are the same as in English. Goal: at most {GOAL_OVERALL:g}% overall, no page or pack over {GOAL_EACH:g}%. "
          'Text marked translate="no" is not counted: names, the titles of source documents and web addresses, '
          "which stay in English on purpose so that readers can find them.")
    for share in shares:
        lang = corpus.config.language(share.lang)
        pages = f"pages {share.part('page'):.1f}%, " if share.pages_measured else ""
        over = [m for m in share.items if m.percent > GOAL_EACH]
        print(f"\n{lang.english_name or lang.name} ({share.lang}): {share.percent:.1f}% English "
              f"({pages}packs {share.part('pack'):.1f}%; {share.english} of {share.words} words); "
              f"{len(over)} of {len(share.items)} pages and packs over {GOAL_EACH:g}%")
        for m in share.worst(args.worst):
            if not m.english:
                break
            print(f"  {m.percent:5.1f}%  {m.kind} {m.name}" + (f'  e.g. "{m.examples[0][:80]}"' if m.examples else ""))
    met = all(s.meets_goal for s in shares)
    print("\nThe goal is met." if met else "\nThe goal is not met yet.")
    return 1 if args.check and not met else 0


def add_parser(sub) -> None:
    p = sub.add_parser("i18n", help="translations: add a language, see what is translated, export and import PO files")
    s = p.add_subparsers(dest="i18n_command", required=True, metavar="ACTION")
    a = s.add_parser("add", help="add a language: put it in site_config.yml and make its files to translate")
    a.add_argument("lang")
    a.add_argument("--name", help="the language's name in that language (found automatically for most languages)")
    a.add_argument("--dir", choices=["ltr", "rtl"], help="writing direction (found automatically for most languages)")
    a.set_defaults(i18n=cmd_add)
    st = s.add_parser("status", help="how much is translated, stale and missing, per language and document")
    st.add_argument("--lang")
    st.add_argument("--check", action="store_true", help="fail if a language is below its minimum_coverage")
    st.add_argument("--format", choices=["text", "markdown"], default="text",
                    help="markdown: tables for a pull request's summary (GitHub's job summary)")
    st.add_argument("--changed-since", metavar="GIT_REF",
                    help="with --format markdown: give details only for the languages whose files changed since "
                         "this git commit or branch, for example origin/main")
    st.set_defaults(i18n=cmd_status)
    e = s.add_parser("export", help="write PO files for translation tools")
    e.add_argument("lang")
    e.add_argument("--out", default="po")
    e.set_defaults(i18n=cmd_export)
    i = s.add_parser("import", help="read PO files back into the translation files")
    i.add_argument("lang")
    i.add_argument("folder")
    i.set_defaults(i18n=cmd_import)
    es = s.add_parser("english-share", help="how much of each translated language's pages and packs is still "
                                            "English, with the worst pages and packs")
    es.add_argument("--lang")
    es.add_argument("--site", help="the built site to measure the pages of (default: site)")
    es.add_argument("--worst", type=int, default=8, help="how many of the most English pages and packs to list")
    es.add_argument("--check", action="store_true", help="fail if a language is over the goal")
    es.set_defaults(i18n=cmd_english_share)
