"""The `charterkit` command."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .diagnostics import Report


def _project_root(arg: str | None) -> Path:
    return Path(arg or os.environ.get("CHARTERKIT_PROJECT") or ".").resolve()


def _print_report(report: Report, quiet_ok: bool = False) -> None:
    if report.issues:
        print(report.format(), file=sys.stderr)
        print(file=sys.stderr)
    if report.errors:
        print(f"Found {report.summary()} Nothing was published: fix the errors above and run the command again.",
              file=sys.stderr)
    elif not quiet_ok:
        print(f"No problems found ({report.summary()})")


def cmd_validate(args) -> int:
    from .validate.project import load_project

    report = Report()
    corpus = load_project(_project_root(args.project), report)
    if corpus is not None and args.publish:
        from .validate.site_owner import check_publish

        check_publish(corpus.root, corpus.config, report)
    _print_report(report, quiet_ok=True)
    if corpus is None or report.errors:
        return 1
    n_items = len(corpus.items)
    print(f"Checked site_config.yml and {len(corpus.documents)} documents ({n_items} items): "
          f"{report.summary()}")
    if args.strict and report.warnings:
        print("Stopping because of --strict: warnings count as errors.", file=sys.stderr)
        return 1
    return 0


def cmd_build(args) -> int:
    from .pipeline import build

    if args.no_packs and args.packs_only:
        print("Use either --no-packs or --packs-only, not both.", file=sys.stderr)
        return 2
    _stop_on_sigterm()
    report = Report()
    result = build(_project_root(args.project), report, out=args.out, lang=args.lang, clean=args.clean,
                   packs=not args.no_packs, site=not args.packs_only, strict=args.strict, wait=not args.no_wait,
                   cache_dir=args.cache_dir, compress=args.compress, audio=not args.no_audio)
    _print_report(report, quiet_ok=True)
    return 0 if result else 1


def _stop_on_sigterm() -> None:
    """`kill` (SIGTERM) stops a build the way Ctrl+C does: its temporary folder is removed on the way out and
    the site is left as it was (kill -9 cannot be caught: the next build tidies up after it)."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def cmd_serve(args) -> int:
    import signal

    from .serve import serve

    _stop_on_sigterm()
    # The preview says "Press Ctrl+C to stop": make sure Ctrl+C does, also when it was started from a program or
    # script that set it to be ignored (as a shell does for a command started with "&" in a script).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    return serve(_project_root(args.project), host=args.host, port=args.port, lang=args.lang, poll=args.poll,
                 audio=not args.no_audio)


def cmd_schema(args) -> int:
    from .model.docs import schema_markdown

    text = schema_markdown()
    if args.write:
        target = _project_root(args.project) / "framework_data" / "SCHEMA.md"
        target.write_text(text, encoding="utf-8")
        print(f"Wrote {target}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_pictures(args) -> int:
    from .pictures import PictureSetMissing, add_symbol, how_to_add, search

    root = _project_root(args.project)
    if args.add:
        return add_symbol(root, args.add, args.source)
    if not args.word:
        print("Give a word to look for, for example: charterkit pictures doctor", file=sys.stderr)
        return 2
    try:
        found = search(root, " ".join(args.word))
    except PictureSetMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    shown = found[: args.limit]
    for picture in shown:
        where = "Mulberry" if picture.set == "mulberry" else "OpenMoji"
        if picture.set == "mulberry" and picture.svg is None:
            where = "Mulberry, not in this project yet"
        print(f"{picture.name:40} {where}: {picture.annotation}")
    if not found:
        print("No picture matches. Try a shorter or different word.")
    elif len(found) > args.limit:
        print(f"... and {len(found) - args.limit} more. Use --limit to see more.")
    missing = [p for p in shown if p.set == "mulberry" and p.svg is None]
    if missing:
        print(f"\nTo use a picture marked \"not in this project yet\", copy it in first, for example:\n  {how_to_add(root, missing[0])}")
    return 0


def cmd_report(args) -> int:
    from .report import sources_report
    from .validate.project import load_project

    report = Report()
    corpus = load_project(_project_root(args.project), report)
    if corpus is None:
        _print_report(report)
        return 1
    print(sources_report(corpus), end="")
    return 0


def cmd_check(args) -> int:
    from .check import run_check

    return run_check(args.what, _project_root(args.project), args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="charterkit",
        description="Publish health and social care engagement documents as an accessible website and printable packs.")
    parser.add_argument("--project", help="the project folder (default: the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check site_config.yml and every document, and list every problem")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--publish", action="store_true",
                   help="also check the site is ready to publish: no example contact details left in site_config.yml, "
                        "a privacy notice and the site's source address")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="check everything, then build the website and packs into site/")
    p.add_argument("--out", default="site", help="where to write the site (default: site)")
    p.add_argument("--lang", help="build one language only, for example --lang en")
    p.add_argument("--clean", action="store_true", help="make every page and pack again, ignoring earlier builds (only the caches of read files and compiled templates, filed by their content, are kept)")
    p.add_argument("--no-packs", action="store_true", help="build the website without the printable packs")
    p.add_argument("--packs-only", action="store_true", help="build only the printable packs")
    p.add_argument("--no-audio", action="store_true",
                   help="leave out the easy-read pages' audio (the computer voice and recordings): faster, and no "
                        "espeak-ng needed")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--cache-dir", metavar="FOLDER",
                   help="where to keep what the next build can reuse (default: .charterkit-cache in the project "
                        "folder, or the folder in CHARTERKIT_CACHE_DIR)")
    p.add_argument("--no-wait", action="store_true",
                   help="if another build of this project, or into the same folder, is running, stop at once "
                        "instead of waiting for it to finish")
    p.add_argument("--compress", action="store_true",
                   help="also write a .gz and a .br copy of every text file (pages, styles, scripts, search "
                        "indexes, sitemaps), for web servers that send ready-compressed files (see README.md)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="build, then serve the site on this computer and rebuild when files change")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--lang", help="preview one language only (faster)")
    p.add_argument("--no-audio", action="store_true",
                   help="leave out the easy-read pages' audio (faster the first time, when every page is spoken)")
    p.add_argument("--poll", action="store_true",
                   help="look for changed files every second instead of being told by the system (for folders "
                        "shared with a virtual machine or container, where changes may not be reported)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("schema", help="print the reference of every field editors can use")
    p.add_argument("--write", action="store_true", help="write it to framework_data/SCHEMA.md")
    p.set_defaults(func=cmd_schema)

    from .commands.i18n import add_parser as add_i18n

    add_i18n(sub)

    p = sub.add_parser("pictures", help="find the names of easy-read pictures, for example: charterkit pictures doctor")
    p.add_argument("word", nargs="*", help="a word to look for in the pictures' names and keywords")
    p.add_argument("--limit", type=int, default=40)
    p.add_argument("--add", metavar="NAME", help="copy a Mulberry symbol into the project, for example --add mulberry-to-listen")
    p.add_argument("--from", dest="source", metavar="FOLDER",
                   help="with --add: the folder of the Mulberry Symbols release (it has EN/ inside)")
    p.set_defaults(func=cmd_pictures)

    p = sub.add_parser("report", help="print a report for editors: sources shows where each document comes from, "
                                      "its licence, and how the source was read")
    p.add_argument("what", choices=("sources",), help="which report: sources")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("check", help="run a check on the built site: a11y, browser, links, easy-read, pdf; on the theme: contrast; "
                                          "or on the translations: terms")
    p.add_argument("what", help="which check: a11y, browser (reflow, text spacing, keyboard, menus, other hosts), links, easy-read, pdf, contrast or terms (translations follow each language's termbase)")
    p.add_argument("--site", default="site", help="the built site to check (default: site)")
    p.add_argument("--report", default="reports", help="where to write full reports (default: reports)")
    p.add_argument("--all-pages", action="store_true",
                   help="a11y: check every page, even ones unchanged since their last clean check")
    p.add_argument("--engine", choices=("pa11y", "pa11y-ci"), default="pa11y",
                   help="a11y: pa11y driven by charterkit (default, faster) or pa11y-ci itself")
    p.add_argument("--sheet", nargs="?", const="", default=None, metavar="FOLDER",
                   help="easy-read: also write a check sheet for every document and language (every point: picture, "
                        "words, picture description, word count), to print on A4 or read on screen, into FOLDER "
                        "(default: easy-read-sheets in the --report folder)")
    p.set_defaults(func=cmd_check)

    args = parser.parse_args(argv)
    try:
        if args.command == "i18n":
            return args.i18n(_project_root(args.project), args)
        return args.func(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except OSError as exc:  # (build reports its own): a full or read-only disk while writing files
        from .diskerrors import FULL, NOT_ALLOWED, READ_ONLY, plain_os_error

        exc = plain_os_error(exc)
        if not isinstance(exc, OSError) or exc.errno is None:
            raise
        where = f": {exc.filename}" if exc.filename else ""
        todo = ("Free some space on that disk" if exc.errno in FULL else
                "Use a folder on a disk you can write to" if exc.errno in READ_ONLY | NOT_ALLOWED else
                "Check the file and the disk")
        print(f"charterkit stopped: {exc.strerror or exc}{where}. {todo}, then run the command again.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """The `charterkit` command: main(), then leave at once. Everything the command writes is written and
    closed by then; skipping Python's tidying up of every object still in memory saves about 0.05 s a run,
    a fifth of what a rebuild after a small change takes."""
    import logging
    import os

    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))

