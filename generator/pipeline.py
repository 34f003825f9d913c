"""`charterkit build`, top to bottom: validate, render every language, write packs, then swap the result in.

Nothing is written to the output folder until everything has succeeded: the build goes to a
temporary folder beside it, which replaces the old site only at the end, in one step. A failed build
leaves the previous site exactly as it was, and so does a build that is killed (kill -9 included).

One build at a time publishes a project and an output folder (buildlock.py); its worker processes end
with it (lifeline.py); a full or read-only disk is one plain message (diskerrors.py).
"""
from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .diagnostics import Report
from .validate.project import load_project


def build(root: Path, report: Report, out: str = "site", lang: str | None = None, clean: bool = False,
          packs: bool = True, site: bool = True, strict: bool = False, quiet: bool = False, wait: bool = True,
          cache_dir: str | os.PathLike | None = None, compress: bool = False, audio: bool = True) -> bool:
    """Build the project in root into out. compress: also write .gz and .br copies of the text files
    (build/compress.py). audio=False: no easy-read audio (`--no-audio`; generator/audio/). wait=False: if another build of the project or into out is
    running, stop at once with an error instead of waiting for it (see buildlock.py). cache_dir: where to keep
    the caches (default: $CHARTERKIT_CACHE_DIR, else <root>/.charterkit-cache; see build/caches.py)."""
    from . import buildlock
    from .build.caches import Caches

    started = time.perf_counter()
    root = Path(root).resolve()
    out_dir = Path(out)
    if not out_dir.is_absolute():
        out_dir = root / out_dir
    out_dir = Path(os.path.abspath(out_dir))
    caches = Caches.of(root, cache_dir)
    options = {"lang": lang, "packs": packs, "site": site, "strict": strict, "compress": compress, "audio": audio}
    if audio:  # installing espeak-ng (or a voice) makes the next build a real one
        from .audio.build import tools_state

        options["speech"] = tools_state()
    locks: list = []
    try:
        # Taken before anything is read: a file saved during the build makes the next build a real one.
        fingerprint = input_fingerprint(root, options)
        locks = _take_locks(root, caches, out_dir, wait)
        return _build(root, caches, report, out_dir, lang, clean, packs, site, strict, quiet, options, fingerprint,
                      started, audio)
    except buildlock.Busy as busy:
        report.error("build.busy", f"Another build is already running for {busy.what} ({busy.holder}), so this one "
                     "stopped without changing anything.", file=busy.what,
                     hint="Wait for it to finish and run the build again, or leave out --no-wait to wait for it.")
        return False
    except Exception as exc:  # an unexpected failure must not half-publish either
        _report_failure(exc, caches, out_dir, report)
        return False
    finally:
        for lock in reversed(locks):
            lock.release()


def _take_locks(root: Path, caches, out_dir: Path, wait: bool) -> list:
    """The project's lock, then the output's (always in this order, so two builds never wait for each
    other in a circle); each waits for a running build unless wait is False (see buildlock.py)."""
    from . import buildlock

    taken = []
    try:
        for path, what in ((caches.lock, f"the project folder {root}"),
                           (buildlock.output_lock_path(out_dir), f"{_shown(out_dir)}/")):
            def say(holder, what=what):
                print(f"Another build is running for {what} ({holder}): waiting for it to finish. "
                      "Press Ctrl+C to stop waiting (with --no-wait, a build stops at once instead).",
                      file=sys.stderr, flush=True)

            lock = buildlock.acquire(path, what, wait=wait, on_wait=say)
            if lock is not None:
                taken.append(lock)
    except BaseException:
        for lock in reversed(taken):
            lock.release()
        raise
    return taken


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _report_failure(exc: Exception, caches, out_dir: Path, report: Report) -> None:
    """One plain message for a full or read-only disk or a folder charterkit may not write in; the
    traceback only for what can only be a bug in charterkit."""
    from .diskerrors import describe, is_disk_error, plain_os_error

    exc = plain_os_error(exc)
    if is_disk_error(exc) or (isinstance(exc, OSError) and exc.errno == errno.EBUSY):
        if isinstance(exc, OSError) and exc.errno == errno.EBUSY:
            report.error("build.mount-point", f"{_shown(out_dir)}/ is a mount point (a disk of its own), so it cannot "
                         "be replaced in one step. Nothing was published.", file=_shown(out_dir),
                         hint=f"Build into a folder inside it instead, for example --out {_shown(out_dir / 'site')}")
            return
        code, folder, message, hint = describe(exc, caches.root, out_dir)
        report.error(code, message, file=_shown(Path(folder)), hint=hint)
        return
    if isinstance(exc, UnicodeDecodeError):
        report.error("build.changed-during-build", "A file was changed during the build and can no longer be read as "
                     "UTF-8 text. Nothing was published.",
                     hint="Run the build again: its checks name the file and the line.")
        return
    import traceback

    report.error("build.crash", f"charterkit stopped unexpectedly: {type(exc).__name__}: {exc}",
                 hint="This is a bug in charterkit. Please report it with the text below.\n"
                 + traceback.format_exc())


def _build(root: Path, caches, report: Report, out_dir: Path, lang, clean, packs, site, strict, quiet, options,
           fingerprint, started, audio: bool = True) -> bool:
    """build(), holding the locks."""
    from . import buildlock

    for done in buildlock.tidy_leftovers(out_dir):
        if not quiet:
            print(f"Tidied up: {done}.", file=sys.stderr)
    buildlock.tidy_cache(caches.root)
    if not clean and _up_to_date(caches, out_dir, fingerprint):
        if not quiet:
            print(f"Nothing has changed since the last build: {os.path.relpath(out_dir)} is up to date "
                  f"(checked in {time.perf_counter() - started:.2f} s; use --clean to build it again anyway).")
        return True
    from .load import yamlfile

    # Kept even with --clean, like the compiled templates (.charterkit-cache/jinja): what reading each YAML
    # file gave, filed under a hash of the file's bytes and of the reading code, so it cannot be out of date.
    yaml_cache = yamlfile.YamlCache(caches.yaml)
    corpus = load_project(root, report, yaml_cache=yaml_cache)
    if corpus is None:
        return False
    languages = list(corpus.config.languages)
    if lang is not None:
        chosen = corpus.config.language(lang)
        if chosen is None:
            report.error("build.unknown-language", f'"{lang}" is not one of the languages in site_config.yml.',
                         file="site_config.yml",
                         hint=f"Use one of: {', '.join(l.code for l in languages)}, or add it to site_config.yml.")
            return False
        languages = [chosen]

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    held = buildlock.lock_folder(tmp)  # so no other build takes it for a killed build's leftover
    _usual_permissions(tmp)
    # kept between builds so unchanged pages are not rendered again; --clean starts afresh
    work = caches.root
    try:
        if clean and (work / "site").exists():
            shutil.rmtree(work / "site")
        work.mkdir(parents=True, exist_ok=True)
        partial = lang is not None or not site or not packs
        if partial and out_dir.is_dir():
            # keep what this build does not remake (other languages, or the packs, or the pages)
            if site and not packs and lang is None:  # every page is made again: keep only the packs
                for kept in out_dir.glob("*/packs"):
                    shutil.copytree(kept, tmp / kept.relative_to(out_dir), symlinks=True)
            else:
                shutil.copytree(out_dir, tmp, dirs_exist_ok=True, symlinks=True)
        manifests: dict = {}
        from .translate.view import build_views

        # each language's view (localised texts, interface words), made once: audio, packs, collection files
        # and pages all take it from here
        views = build_views(corpus, languages)
        # the easy-read pages' audio first: the pages and the easy-read packs say where it is (generator/audio/)
        spoken = _build_audio(corpus, views, tmp, report, caches.root, audio, quiet)
        if packs:
            manifests = _build_packs(corpus, views, tmp, report, clean=clean, cache_dir=caches.root, audio=spoken)
        elif site:
            manifests = _read_manifests(tmp, languages)
        from .collect.build import build_collection_files  # the tools' XLSForms and codebooks (issue #16)

        # made with --no-packs too (they take well under a second): the packs page links them, and the packs
        # folder an earlier build left may not have them, or have them for other tools
        build_collection_files(corpus, languages, tmp, report, views=views)
        if site and not report.errors:
            _build_site(corpus, views, tmp, work, report, manifests, spoken)
        if site and not report.errors:
            _write_root(corpus, tmp, work)
        if not report.errors:
            from .build.compress import compress_site, remove_copies

            if options.get("compress"):
                compress_site(tmp, work / "compressed")
            else:
                remove_copies(tmp)
        if report.errors or (strict and report.warnings):
            if strict and report.warnings and not report.errors:
                report.error("build.strict", "Warnings count as errors because of --strict.")
            return False
        _forget_build(caches)  # from here until _record_build, no site counts as finished
        _swap(tmp, out_dir, keep=lambda old: _keep_spares(old, work, [l.code for l in languages]))
        tmp = None
        _record_build(caches, out_dir, fingerprint)
        if lang is None:
            yaml_cache.prune()  # (only the entries this build's reading used are kept)
    finally:
        if held is not None:
            os.close(held)
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    if not quiet:
        made = []
        if site:
            made.append(f"{sum(1 for _ in out_dir.rglob('*.html'))} pages")
        if packs:
            made.append(f"{sum(1 for _ in out_dir.glob('*/packs/*.pdf'))} packs")
        print(f"Built {' and '.join(made)} in {len(languages)} language(s) into {os.path.relpath(out_dir)} "
              f"in {time.perf_counter() - started:.1f} s.")
    return True


# ---- "nothing has changed": the inputs of the last successful build -------------------------------------
#: Everything a build reads, under the project folder. The charterkit code itself and the versions of
#: the packages it uses are added by input_fingerprint().
INPUTS = ("site_config.yml", "framework_data", "content", "theme", "node_modules/.package-lock.json")
#: Packages whose version can change a build, besides the ones charterkit declares in pyproject.toml (read
#: from the installed package's metadata by _packages()): Material's Markdown extensions and WeasyPrint's
#: hyphenation dictionaries.
PACKAGES = ("pymdown-extensions", "pyphen")


def _packages() -> list[str]:
    """The names of the packages charterkit depends on (pyproject.toml's dependencies, as installed), and
    PACKAGES."""
    import re
    from importlib import metadata

    try:
        declared = [r for r in (metadata.requires("charterkit") or []) if "extra ==" not in r]
    except metadata.PackageNotFoundError:  # (run from a checkout that was never installed)
        declared = []
    names = {re.split(r"[=<>!~;\[ ]", r, maxsplit=1)[0].strip().lower() for r in declared}
    return sorted(names | set(PACKAGES))


def input_fingerprint(root: Path, options: dict) -> str:
    """A hash of every input of a build: the project's files (INPUTS), charterkit's own code, the versions
    of the packages it uses, the build's options and SOURCE_DATE_EPOCH. Same hash, same site."""
    import hashlib
    import json
    from importlib import metadata

    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    code = Path(__file__).resolve().parent
    roots = [(root / name, name) for name in INPUTS] + [(code, "<charterkit>")]
    for base, label in roots:
        try:
            files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        except OSError:  # a folder removed or renamed while it was listed
            files = []
            digest.update(f"unlisted {time.time_ns()}".encode())
        digest.update(f"\0{label}\0{len(files)}".encode())
        for file in files:
            if "__pycache__" in file.parts or (label == "<charterkit>" and file.relative_to(base).parts[0] == "check"):
                continue  # (the checks of a built site do not change what is built)
            digest.update(file.relative_to(base).as_posix().encode() + b"\0")
            try:
                digest.update(hashlib.sha256(file.read_bytes()).digest())
            except OSError:  # (unreadable, or gone since it was listed): the build itself says so
                digest.update(f"unreadable {time.time_ns()}".encode())
    for package in _packages():
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    return digest.hexdigest()


def _folder_identity(folder: Path) -> str:
    """A hash of the name, size and time of every file in the output folder: a file added, removed or
    changed by hand since the last build means the next build is a real one."""
    import hashlib

    digest = hashlib.sha256(str(folder.stat().st_ino).encode())
    for path, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            stat = os.stat(os.path.join(path, name))
            digest.update(f"{os.path.relpath(os.path.join(path, name), folder)}\0{stat.st_size}\0"
                          f"{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _up_to_date(caches, out_dir: Path, fingerprint: str) -> bool:
    import json

    try:
        last = json.loads(caches.last_build.read_text(encoding="utf-8"))
        return (last.get("fingerprint") == fingerprint and last.get("out") == str(out_dir)
                and out_dir.is_dir() and last.get("folder") == _folder_identity(out_dir))
    except (OSError, ValueError, AttributeError):
        return False


def _usual_permissions(folder: Path) -> None:
    """mkdtemp makes a folder only its owner can read; the published site is a folder like any other
    (readable by a web server running as another user), as the umask says."""
    mask = os.umask(0o022)
    os.umask(mask)
    try:
        os.chmod(folder, 0o777 & ~mask)
    except OSError:
        pass


def _forget_build(caches) -> None:
    """Before a site is replaced: until _record_build() says the new one is finished, no build counts as
    finished, so a build killed during the swap is never taken for an up-to-date site."""
    try:
        caches.last_build.unlink(missing_ok=True)
    except OSError:
        pass  # (the record names the old folder, which the swap replaces: it cannot match either)


def _record_build(caches, out_dir: Path, fingerprint: str) -> None:
    """After the swap: the inputs of the site now published, and the folder's identity (see
    _folder_identity), written at once (a temporary file renamed over the record). If it cannot be
    written (a full disk), the site is published all the same and the next build is a real one."""
    import json

    file = caches.last_build
    temp = file.with_name(f".{file.name}.{os.getpid()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps({"fingerprint": fingerprint, "out": str(out_dir),
                                    "folder": _folder_identity(out_dir)}), encoding="utf-8")
        os.replace(temp, file)
    except OSError:
        temp.unlink(missing_ok=True)


def jobs() -> int:
    """How many processes to use (parallel.py): CHARTERKIT_JOBS, or one per core."""
    from .parallel import jobs as how_many

    return how_many()


def _build_one_language(view, tmp: str, work: str, packs, audio=None, site_build=None) -> tuple[str, tuple[str, ...]]:
    """One language's pages, from its view (translate/view.py), built by MkDocs into tmp/<lang>/."""
    from .web.mkdocs_engine import build_language
    from .web.pages import render_view

    code = view.lang
    english = view.english
    pages = render_view(view, packs=packs, markdown_cache=Path(work) / "markdown" / f"{code}.pickle", audio=audio)
    target = Path(tmp) / code
    # the language's view of the settings: the site's name and description in its words (site.yml)
    result = build_language(english.root, view.corpus.config, view.language, pages, Path(work) / "site" / code, target,
                            spare=Path(work) / "spare" / code, site_build=site_build)
    return code, result.warnings


def _build_site(corpus, views: dict, tmp: Path, work: Path, report: Report, manifests: dict,
                audio: dict | None = None) -> None:
    """Every language's pages; languages are built side by side, one process per core (parallel.fork_map: the
    workers are forked with the views, which are not copied or pickled)."""
    from .parallel import fork_map
    from .web.assets import shared_assets
    from .web.mkdocs_engine import SiteBuild

    shared_assets(corpus.root, corpus.config, cache_dir=work)  # made once here; the workers inherit it
    codes = list(views)
    # what MkDocs' side keeps for this build only (the theme's digest and file lists): made here, inherited by
    # the workers, and gone when the languages are built
    with SiteBuild(corpus.root) as site_build:
        def one(code: str) -> tuple[str, tuple[str, ...]]:
            return _build_one_language(views[code], str(tmp), str(work), manifests.get(code), (audio or {}).get(code),
                                       site_build)

        results = dict(fork_map(one, codes, min(jobs(), len(codes))))
    for code in codes:
        for message in results[code]:
            report.error("site.mkdocs", f"[{code}] {message.strip()}",
                         hint="A generated page links to something that does not exist. "
                              "Check the IDs in the file named in the message.")


def _build_audio(corpus, views: dict, tmp: Path, report: Report, cache_dir: Path, audio: bool, quiet: bool) -> dict:
    """The easy-read pages' audio (generator/audio/build.py), or none with --no-audio: lang -> doc id -> Audio."""
    languages = [view.language or view.lang for view in views.values()]
    if audio:
        from .audio.build import build_audio

        return build_audio(corpus, languages, tmp, report, cache_dir, quiet=quiet, views=views)
    for view in views.values():  # (a partial build copied the site: its audio goes with the players)
        shutil.rmtree(tmp / view.lang / "audio", ignore_errors=True)
    if not quiet:
        print("Easy-read audio left out (--no-audio): the easy-read pages have no player.", file=sys.stderr)
    return {}


def _build_packs(corpus, views: dict, tmp: Path, report: Report, clean: bool, cache_dir: Path,
                 audio: dict | None = None) -> dict:
    """Packs are made before the web pages, so the pages can give each pack's size and page count."""
    from .print import packs

    languages = [view.language or view.lang for view in views.values()]
    built = packs.build_packs(corpus, languages, tmp, report, clean=clean, cache_dir=cache_dir, audio=audio,
                              views=views) or []
    out: dict = {}
    for pack in built:
        out.setdefault(pack.lang, []).append(pack)
    return out


def _read_manifests(site_dir: Path, languages) -> dict:
    """With --no-packs, link the packs an earlier build left in place (copied into the new site)."""
    try:
        from .print.packs import read_manifest
    except ImportError:
        return {}
    out = {}
    for language in languages:
        found = read_manifest(site_dir, language.code)
        if found:
            out[language.code] = found
    return out


def _write_root(corpus, tmp: Path, work: Path) -> None:
    """site/index.html sends readers to their language; site/sitemap.xml lists every language's sitemap
    (web/root.py, from the templates in theme/root/); site/assets/ holds the theme's files."""
    from .web.root import root_files

    from .web.assets import shared_assets

    codes = [l.code for l in corpus.config.languages if (tmp / l.code).is_dir()]
    for name, text in root_files(corpus.root, corpus.config, codes).items():
        (tmp / name).write_text(text, encoding="utf-8")
    # the theme's files, one copy for every language (web/assets.py)
    shared_assets(corpus.root, corpus.config, cache_dir=work).write(tmp)


def _keep_spares(old: Path, work: Path, codes: list[str]) -> None:
    """Keep the replaced site's language folders as spares for the next build (see web/mkdocs_engine/publish.py),
    instead of deleting them: they are no longer published. Only where the site and the cache are on the same
    file system (a folder cannot be moved to another one in one step: there the old site is deleted)."""
    try:
        if old.stat().st_dev != work.stat().st_dev:
            return
    except OSError:
        return
    for code in codes:
        folder = old / code
        if not folder.is_dir() or folder.is_symlink():
            continue
        dest = work / "spare" / code
        try:
            if dest.exists():
                shutil.rmtree(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(folder, dest)
        except OSError:  # (a full disk, say): deleted with the rest
            pass


#: errno values meaning "this system or file system cannot swap two folders in one step"
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM}


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step: Linux's renameat2(RENAME_EXCHANGE) (glibc 2.28 and later; ext4, xfs,
    btrfs, tmpfs). Raises OSError where the system or file system cannot."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def _swap(new: Path, target: Path, keep=None) -> None:
    """Put new in place of target. Where the system can, the two folders are swapped in one step, so at
    every moment (even if the build is killed) one whole site is in place, the old or the new. Elsewhere
    it takes two renames; if the second fails, the old one is put back, and if the build is killed
    between them, the next build puts it back (buildlock.tidy_leftovers). keep, if given, may take what
    it wants from the old folder before it is deleted."""
    old = None
    if os.path.lexists(target):
        try:
            _exchange(new, target)
            old = new  # (holds the old site now)
        except OSError as exc:
            if exc.errno not in _NO_EXCHANGE:
                raise
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
            try:
                os.replace(new, target)
            except OSError:
                os.replace(old, target)
                raise
    else:
        os.replace(new, target)
    if old is not None:
        if keep is not None:
            keep(old)
        shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(0 if build(Path("."), Report()) else 1)
