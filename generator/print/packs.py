"""Printable packs: every document and engagement tool as an accessible PDF, in every language.

build_packs() reads top to bottom:
  1. for each language, write the HTML of every pack (generator/print/pack_html.py),
  2. key each pack by a hash of everything that shapes its bytes (HTML, CSS, fonts, pictures, the
     WeasyPrint version), and take it from the cache (.charterkit-cache/packs/) when the key is known,
  3. render the others in parallel, one process per core (generator/print/pdf_engine.py),
  4. copy them to site/<lang>/packs/ and write site/<lang>/packs/manifest.json.

The manifest (model/packs.py) feeds the web pages: theme/pages/_packs.md.j2 lists a document's packs the
GOV.UK way ("PDF, 1.2 MB, 14 pages"), printable-packs.md.j2 is the staff page listing every pack and tool.

Packs and their file names (<lang> is the language code):
  <doc>-standard-<lang>.pdf        full text, 12 pt        every document
  <doc>-large-print-<lang>.pdf     full text, 18 pt        every document
  <doc>-easy-read-<lang>.pdf       easy read, 16 pt        documents with easy_read
  <tool>-<lang>.pdf                engagement tools        framework_data/tools/*.yml
  <tool>-easy-read-<lang>.pdf      easy-read survey        surveys with easy_read
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..diagnostics import Report
from ..diskerrors import write_whole
from ..model.corpus import Corpus
# (the kinds, a pack and the manifest are data the web pages read too: model/packs.py)
from ..model.packs import DOCUMENT_KINDS, KINDS, TOOL_KINDS, Manifest, Pack  # noqa: F401
from ..model.text import SOURCE_LANG
from ..model.tools import FocusGroup, Interview, Survey, Workbook
from .pdf_engine import (RenderJob, RenderResult, file_digest, font_files, prepare_fonts, render,
                         system_fonts_digest)
from .pack_html import PrintWriter, PackHtml, text_lang
from ..translate.words import Strings

# Bump when a change to charterkit changes the PDFs in a way the hashed inputs do not show. The hashed
# inputs are the HTML, the CSS, the fonts, the pictures, the WeasyPrint version, the engine's own code
# (ENGINE_FILES and print/weasyprint_engine/patches.py) and the fonts installed on the computer
# (WeasyPrint takes a character none of the packs' fonts has from them).
RENDER_VERSION = "2"
ENGINE_FILES = ("pdf_engine.py", "pdf_textlayer.py", "pdf_structure.py")


@dataclass
class _Planned:
    pack: Pack  # bytes and pages filled in after rendering
    key: str
    out: Path  # final place in the site
    html: PackHtml


@dataclass
class BuildStats:
    rendered: int = 0
    cached: int = 0
    workers: int = 0
    seconds: float = 0.0
    render_seconds: float = 0.0  # sum over packs of the time each took to render
    times: dict[str, float] = field(default_factory=dict)  # cache key -> seconds it took to render


@dataclass(frozen=True)
class PacksResult:
    """What make_packs() made: the manifest (every pack written, for the web pages) and how it went."""

    manifest: Manifest
    stats: BuildStats


# ---- the seam for translation ---------------------------------------------------------------------
def language_view(corpus: Corpus, lang: str) -> tuple[Corpus, Strings]:
    """The corpus and interface words as readers of lang see them (translate/view.py build_view(); the build
    makes each language's view once and passes it in: this is for code that makes one view on its own).

    Every text that is not translated is English; the translation layer marks each text with its
    language (translate.localise.LText), which pack_html.text_lang() reads to mark it in the pack.
    """
    from ..translate.view import build_view

    view = build_view(corpus, lang)
    return view.corpus, view.words


def pack_htmls(corpus: Corpus, lang: str) -> dict[str, str]:
    """The HTML every pack of one language is printed from, by the pack's file name without the language
    ("<id>-standard"), made without printing the PDFs: for `charterkit i18n english-share`, which measures
    their words (translate/english_share.py). Large print is left out: the standard pack's words, larger."""
    view, strings = language_view(corpus, lang)
    writer = PrintWriter(view, lang, strings, coverage=_coverage(corpus, lang))
    meta = {"date": "", "description": ""}
    out: dict[str, str] = {}
    for doc in view.documents:
        out[f"{doc.id}-standard"] = writer.document_html(doc, "standard", meta).html
        if doc.easy_read is not None:
            out[f"{doc.id}-easy-read"] = writer.easy_read_html(doc, meta).html
    kinds = {Survey: "survey", Interview: "interview", FocusGroup: "focus-group", Workbook: "workbook"}
    for tool in view.tools.values():
        kind = next(k for cls, k in kinds.items() if isinstance(tool, cls))
        out[tool.id] = writer.tool_html(tool, kind, meta).html
        if isinstance(tool, Survey) and tool.easy_read is not None:
            out[f"{tool.id}-easy-read"] = writer.tool_html(tool, "survey-easy-read", meta).html
    return out


# ---- build ------------------------------------------------------------------------------------------
def build_packs(corpus: Corpus, languages, site_dir: Path, report: Report, clean: bool = False,
                jobs: int | None = None, only=None, *, cache_dir: Path, audio: dict | None = None,
                views: dict | None = None) -> Manifest:
    """make_packs(), returning only the manifest."""
    return make_packs(corpus, languages, site_dir, report, clean=clean, jobs=jobs, only=only, cache_dir=cache_dir,
                      audio=audio, views=views).manifest


def make_packs(corpus: Corpus, languages, site_dir: Path, report: Report, clean: bool = False,
               jobs: int | None = None, only=None, *, cache_dir: Path, audio: dict | None = None,
               views: dict | None = None) -> PacksResult:
    """Write every pack of every language into site_dir/<lang>/packs/; return the manifest and the statistics.

    clean: render every pack, even those in the cache. jobs: how many processes (default: one per
    core, or CHARTERKIT_JOBS). only: IDs of the documents and tools to make packs of (default: all).
    cache_dir: the build's cache folder (build/caches.py Caches.root, which the pipeline passes): the packs are
    kept in its packs/ folder, the fonts in its fonts/ folder. audio: lang -> doc id -> the easy-read
    page's audio (generator/audio/build.py): an easy-read pack's cover says the page can be listened to.
    views: lang -> translate.view.LanguageView, the build's views (a language without one gets its own).
    """
    started = time.perf_counter()
    root = corpus.root
    site_dir = Path(site_dir)
    cache = Path(cache_dir) / "packs"
    fonts_dir = Path(cache_dir) / "fonts"
    cache.mkdir(parents=True, exist_ok=True)
    stamp = _source_date()
    prepare_fonts(root, [getattr(l, "code", l) for l in languages], fonts_dir)

    system_fonts = system_fonts_digest()
    planned: list[_Planned] = []
    for language in languages:
        lang = language.code if hasattr(language, "code") else str(language)
        view, strings = _view_of(views, corpus, lang)
        writer = PrintWriter(view, lang, strings, text_lang, coverage=_coverage(corpus, lang))
        writer.audio = dict((audio or {}).get(lang, {}))
        planned.extend(_plan_language(view, writer, lang, site_dir, stamp, set(only) if only is not None else None,
                                      system_fonts))

    todo = [p for p in planned if clean or not _cached(cache, p.key)]
    stats = BuildStats(cached=len(planned) - len(todo))
    results, failed = _render_all(
        [RenderJob(p.key, p.html.html, p.html.css, root.as_uri() + "/", str(cache / f"{p.key}.pdf"), str(fonts_dir))
         for p in todo],
        jobs, stats)
    harfbuzz_missing = False
    for p in todo:
        if p.key in failed:
            report.error("packs.render-failed", f"{p.pack.file} could not be made: {failed[p.key]}",
                         hint="This is probably a bug in charterkit's print templates (theme/print/). "
                              "Please report it with this message.")
            continue
        result = results[p.key]
        write_whole(cache / f"{p.key}.json",
                    json.dumps({"pages": result.pages, "bytes": result.bytes}).encode("utf-8"))
        warnings, no_subsetter = fold_known_warnings(result.warnings)
        harfbuzz_missing = harfbuzz_missing or no_subsetter
        for warning in warnings:
            report.warning("packs.render", f"{p.pack.file}: {warning}",
                           hint="WeasyPrint could not do something the print templates ask for. "
                                "Check theme/print/ and the text named in the message.")
    if harfbuzz_missing:
        report.warning("packs.harfbuzz", "WeasyPrint cannot find HarfBuzz-Subset, so it puts fonts in the packs with "
                       "fontTools instead (slower; the packs are the same).",
                       hint="Install it: on Debian or Ubuntu, apt-get install libharfbuzz-subset0 "
                            "(make build does this when run as root).")

    manifest = Manifest()
    planned = [p for p in planned if p.key not in failed]
    for p in planned:
        meta = json.loads((cache / f"{p.key}.json").read_text(encoding="utf-8"))
        p.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{p.key}.pdf", p.out)
        pack = dataclasses.replace(p.pack, bytes=meta["bytes"], pages=meta["pages"])
        manifest.append(pack)
        _check_length(corpus, pack, report)
    for language in languages:
        lang = language.code if hasattr(language, "code") else str(language)
        mine = [p for p in manifest if p.lang == lang]
        if only is not None:  # a partial build keeps the other packs already listed
            paths = {p.path for p in mine}
            mine += [p for p in read_manifest(site_dir, lang) if p.path not in paths]
        _write_manifest(site_dir, lang, mine)

    if only is None and {getattr(l, "code", l) for l in languages} == {l.code for l in corpus.config.languages}:
        _prune(cache, {p.key for p in planned})
    stats.seconds = time.perf_counter() - started
    return PacksResult(manifest, stats)


def _view_of(views: dict | None, corpus: Corpus, lang: str) -> tuple[Corpus, Strings]:
    """lang's view: the one the build made (views), or a new one."""
    view = (views or {}).get(lang)
    if view is None:
        return language_view(corpus, lang)
    return view.corpus, view.words


def _coverage(corpus: Corpus, lang: str):
    """How much of each pack is translated, measured on the English corpus (translate.status.pack_row)."""
    if lang == SOURCE_LANG:
        return None
    from ..translate.status import pack_row

    return lambda kind, doc_id, tool_id=None: pack_row(corpus, lang, kind, doc_id, tool_id)


def fold_known_warnings(warnings) -> tuple[list[str], bool]:
    """WeasyPrint's warnings for one pack, without the one it repeats for every font of every pack when
    HarfBuzz-Subset is not installed (reported once for the build instead). Returns (the others, whether
    that one was there)."""
    others = [w for w in warnings if "HarfBuzz-Subset" not in w]
    return others, len(others) != len(warnings)


def _plan_language(view: Corpus, writer: PrintWriter, lang: str, site_dir: Path, stamp: str | None,
                   only: set[str] | None, system_fonts: str = "") -> list[_Planned]:
    out: list[_Planned] = []
    fonts = tuple(font_files(view.root, lang))

    def add(doc_id: str, kind: str, file_stem: str, made: PackHtml):
        rel = f"{lang}/packs/{file_stem}-{lang}.pdf"
        key = _key(made, fonts, system_fonts)
        title_lang = made.title_lang if made.title_lang != lang else ""
        out.append(_Planned(Pack(doc_id, kind, lang, rel, str(made.title), 0, 0, title_lang, made.translated,
                                 made.draft), key, site_dir / rel, made))

    for doc in view.documents:
        if only is not None and doc.id not in only:
            continue
        meta = {"date": stamp or _date_of(doc.source.date), "description": doc.summary}
        add(doc.id, "standard", f"{doc.id}-standard", writer.document_html(doc, "standard", meta))
        add(doc.id, "large-print", f"{doc.id}-large-print", writer.document_html(doc, "large-print", meta))
        if doc.easy_read is not None:
            add(doc.id, "easy-read", f"{doc.id}-easy-read", writer.easy_read_html(doc, meta))
    for tool in view.tools.values():
        if only is not None and tool.id not in only:
            continue
        doc = view.document(tool.document)
        meta = {"date": stamp or _date_of(doc.source.date), "description": tool.title}
        if isinstance(tool, Survey):
            add(doc.id, "survey", tool.id, writer.tool_html(tool, "survey", meta))
            if tool.easy_read is not None:
                add(doc.id, "survey-easy-read", f"{tool.id}-easy-read", writer.tool_html(tool, "survey-easy-read", meta))
        elif isinstance(tool, Interview):
            add(doc.id, "interview", tool.id, writer.tool_html(tool, "interview", meta))
        elif isinstance(tool, FocusGroup):
            add(doc.id, "focus-group", tool.id, writer.tool_html(tool, "focus-group", meta))
        elif isinstance(tool, Workbook):
            add(doc.id, "workbook", tool.id, writer.tool_html(tool, "workbook", meta))
    return out


def _key(made: PackHtml, fonts: tuple[Path, ...], system_fonts: str = "") -> str:
    """A hash of everything that decides a pack's bytes (system_fonts: pdf_engine.system_fonts_digest())."""
    import weasyprint

    h = hashlib.sha256()
    engine = "".join(file_digest(Path(__file__).with_name(name)) for name in ENGINE_FILES) + file_digest(
        Path(__file__).parents[1] / "print" / "weasyprint_engine" / "patches.py")
    if "<input" in made.html or "<textarea" in made.html:  # a pack with form fields: pdf_forms.py mends them
        engine += file_digest(Path(__file__).with_name("pdf_forms.py"))
    for part in (RENDER_VERSION, weasyprint.__version__, engine, system_fonts, made.html, made.css):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    for path in sorted({*fonts, *made.files}):
        h.update(file_digest(path).encode("ascii"))
    return h.hexdigest()[:32]


def _cached(cache: Path, key: str) -> bool:
    return (cache / f"{key}.pdf").is_file() and (cache / f"{key}.json").is_file()


def _render_all(jobs: list[RenderJob], workers: int | None, stats: BuildStats) -> tuple[dict[str, RenderResult],
                                                                                           dict[str, str]]:
    """Render in parallel, one process per core, biggest packs first so the cores finish together.

    Returns the results and, for any pack that could not be rendered, what went wrong."""
    if not jobs:
        return {}, {}
    jobs = sorted(jobs, key=lambda j: len(j.html), reverse=True)
    workers = min(workers or _default_workers(), len(jobs))
    stats.workers = workers
    results: dict[str, RenderResult] = {}
    failed: dict[str, str] = {}
    from ..diskerrors import is_disk_error

    disk: list[OSError] = []  # a full or read-only disk stops the build with its own message (pipeline.py)
    if workers <= 1:
        for job in jobs:
            try:
                results[job.key] = render(job)
            except Exception as exc:  # one broken pack must not hide the others
                if is_disk_error(exc):
                    raise
                failed[job.key] = f"{type(exc).__name__}: {exc}"
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from ..lifeline import stop_pool, worker_init
        from .pdf_engine import _worker_init

        # fork starts a worker in milliseconds and does not re-import the caller's main module;
        # the workers only render, so nothing they need is held by another thread of this process.
        # They end with the build, even one killed with kill -9 (see lifeline.py).
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                 initializer=worker_init, initargs=(os.getpid(), _worker_init)) as pool:
            try:
                futures = {job.key: pool.submit(render, job) for job in jobs}
                for key, future in futures.items():
                    try:
                        results[key] = future.result()
                    except Exception as exc:
                        if is_disk_error(exc):
                            disk.append(exc)
                            stop_pool(pool)  # (every other pack would fail the same way)
                            break
                        failed[key] = f"{type(exc).__name__}: {exc}"
            except BaseException:
                stop_pool(pool)
                raise
    if disk:
        raise disk[0]
    stats.rendered = len(results)
    stats.render_seconds = sum(r.seconds for r in results.values())
    stats.times = {r.key: r.seconds for r in results.values()}
    return results, failed


def _default_workers() -> int:
    env = os.environ.get("CHARTERKIT_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _source_date() -> str | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as the PDFs' creation date, if set."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return datetime.fromtimestamp(int(value), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _date_of(date: str) -> str:
    """Without SOURCE_DATE_EPOCH the date is fixed by the input: the source document's date."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _check_length(corpus: Corpus, pack: Pack, report: Report) -> None:
    limit = corpus.config.checks.easy_read_max_pages
    if pack.kind == "easy-read" and pack.pages > limit:
        report.warning("packs.easy-read-long", f"{pack.file} has {pack.pages} pages; easy-read packs should have at most {limit}.",
                       file=str(corpus.files.get(pack.doc_id, "")) or None,
                       hint="Shorten the easy-read points, or raise checks.easy_read_max_pages in site_config.yml.")


def _write_manifest(site_dir: Path, lang: str, packs: list[Pack]) -> None:
    folder = site_dir / lang / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    data = [asdict(p) for p in sorted(packs, key=lambda p: p.path)]
    (folder / "manifest.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(site_dir: Path, lang: str) -> list[Pack]:
    """The packs an earlier build wrote for one language (site_dir/<lang>/packs/manifest.json), or []."""
    path = Path(site_dir) / lang / "packs" / "manifest.json"
    if not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        packs = [Pack(**entry) for entry in entries]
    except (ValueError, TypeError):
        return []
    # only packs whose file is really there
    return [p for p in packs if (Path(site_dir) / p.path).is_file()]


def _prune(cache: Path, keep: set[str]) -> None:
    """Remove cached packs no configured language uses any more."""
    for path in cache.glob("*.*"):
        if path.stem not in keep and path.suffix in (".pdf", ".json"):
            path.unlink(missing_ok=True)


__all__ = ["Pack", "Manifest", "PacksResult", "build_packs", "make_packs", "read_manifest", "KINDS", "language_view"]
