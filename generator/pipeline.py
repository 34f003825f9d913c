"""`charterkit build`, top to bottom: validate, render every language, write packs, then swap the result in.

Nothing is written to the output folder until everything has succeeded: the build goes to a
temporary folder beside it, which replaces the old site only at the end. A failed build leaves
the previous site exactly as it was.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .issues import Report
from .validate.project import load_project


def build(root: Path, report: Report, out: str = "site", lang: str | None = None, clean: bool = False,
          packs: bool = True, site: bool = True, strict: bool = False, quiet: bool = False) -> bool:
    started = time.perf_counter()
    root = Path(root).resolve()
    out_dir = Path(out)
    if not out_dir.is_absolute():
        out_dir = root / out_dir
    options = {"lang": lang, "packs": packs, "site": site, "strict": strict}
    # Taken before anything is read: a file saved during the build makes the next build a real one.
    fingerprint = input_fingerprint(root, options)
    if not clean and _up_to_date(root, out_dir, fingerprint):
        if not quiet:
            print(f"Nothing has changed since the last build: {os.path.relpath(out_dir)} is up to date "
                  f"(checked in {time.perf_counter() - started:.2f} s; use --clean to build it again anyway).")
        return True
    from .load import yamlfile

    # Kept even with --clean, like the compiled templates (.charterkit-cache/jinja): what reading each YAML
    # file gave, filed under a hash of the file's bytes and of the reading code, so it cannot be out of date.
    yamlfile.use_cache(root / CACHE / "yaml")
    try:
        corpus = load_project(root, report)
    finally:
        yaml_used = yamlfile.stop_cache()
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
    # kept between builds so unchanged pages are not rendered again; --clean starts afresh
    work = root / CACHE
    if clean and (work / "site").exists():
        shutil.rmtree(work / "site")
    work.mkdir(exist_ok=True)
    try:
        partial = lang is not None or not site or not packs
        if partial and out_dir.is_dir():
            # keep what this build does not remake (other languages, or the packs, or the pages)
            if site and not packs and lang is None:  # every page is made again: keep only the packs
                for kept in out_dir.glob("*/packs"):
                    shutil.copytree(kept, tmp / kept.relative_to(out_dir), symlinks=True)
            else:
                shutil.copytree(out_dir, tmp, dirs_exist_ok=True, symlinks=True)
        manifests: dict = {}
        if packs:
            manifests = _build_packs(corpus, languages, tmp, report, clean=clean)
        elif site:
            manifests = _read_manifests(tmp, languages)
        if site and not report.errors:
            _build_site(corpus, languages, tmp, work, report, manifests)
        if site and not report.errors:
            _write_root(corpus, tmp)
        if report.errors or (strict and report.warnings):
            if strict and report.warnings and not report.errors:
                report.error("build.strict", "Warnings count as errors because of --strict.")
            return False
        _swap(tmp, out_dir, keep=lambda old: _keep_spares(old, work, [l.code for l in languages]))
        tmp = None
        _record_build(root, out_dir, fingerprint)
        if lang is None:
            yamlfile.prune_cache(root / CACHE / "yaml", yaml_used)
    except Exception as exc:  # an unexpected failure must not half-publish either
        import traceback
        report.error("build.crash", f"charterkit stopped unexpectedly: {type(exc).__name__}: {exc}",
                     hint="This is a bug in charterkit. Please report it with the text below.\n"
                     + traceback.format_exc())
        return False
    finally:
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
PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "pyyaml", "weasyprint", "pydantic", "markdown", "pymdown-extensions",
            "pikepdf", "pyphen", "nh3")


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
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        digest.update(f"\0{label}\0{len(files)}".encode())
        for file in files:
            if "__pycache__" in file.parts or (label == "<charterkit>" and file.relative_to(base).parts[0] == "check"):
                continue  # (the checks of a built site do not change what is built)
            digest.update(file.relative_to(base).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    return digest.hexdigest()


def _last_build_file(root: Path) -> Path:
    return root / CACHE / "last-build.json"


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


def _up_to_date(root: Path, out_dir: Path, fingerprint: str) -> bool:
    import json

    try:
        last = json.loads(_last_build_file(root).read_text(encoding="utf-8"))
        return (last.get("fingerprint") == fingerprint and last.get("out") == str(out_dir)
                and out_dir.is_dir() and last.get("folder") == _folder_identity(out_dir))
    except (OSError, ValueError, AttributeError):
        return False


def _record_build(root: Path, out_dir: Path, fingerprint: str) -> None:
    import json

    file = _last_build_file(root)
    file.parent.mkdir(parents=True, exist_ok=True)
    temp = file.with_name(f".{file.name}.{os.getpid()}")
    temp.write_text(json.dumps({"fingerprint": fingerprint, "out": str(out_dir),
                                "folder": _folder_identity(out_dir)}), encoding="utf-8")
    os.replace(temp, file)


_CORPUS = None  # the validated corpus, shared with worker processes (they are forked after it is set)


def jobs() -> int:
    """How many processes to use: CHARTERKIT_JOBS, or one per core."""
    try:
        return max(1, int(os.environ["CHARTERKIT_JOBS"]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


CACHE = ".charterkit-cache"


def _build_one_language(code: str, tmp: str, work: str, packs) -> tuple[str, tuple[str, ...]]:
    from .render.mkdocs_adapter import build_language
    from .render.site import render_language, save_markdown_cache, use_markdown_cache
    from .translate.localise import localise

    corpus = _CORPUS
    language = corpus.config.language(code)
    view = localise(corpus, corpus.translations.get(code), corpus.config.translations.publish_drafts)
    use_markdown_cache(Path(work) / "markdown" / f"{code}.pickle")
    try:
        pages = render_language(view, code, packs=packs)
    finally:
        save_markdown_cache()
    target = Path(tmp) / code
    result = build_language(corpus.root, corpus.config, language, pages, Path(work) / "site" / code, target,
                            spare=Path(work) / "spare" / code)
    return code, result.warnings


def _build_site(corpus, languages, tmp: Path, work: Path, report: Report, manifests: dict) -> None:
    """Every language's pages; languages are built side by side, one process per core."""
    global _CORPUS
    _CORPUS = corpus
    from .render.mkdocs_adapter import reset_theme_listing

    reset_theme_listing()
    codes = [l.code for l in languages]
    n = min(jobs(), len(codes))
    results: dict[str, tuple[str, ...]] = {}
    if n > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_build_one_language, c, str(tmp), str(work), manifests.get(c)) for c in codes]
            for f in futures:
                code, warnings = f.result()
                results[code] = warnings
    else:
        for c in codes:
            results[c] = _build_one_language(c, str(tmp), str(work), manifests.get(c))[1]
    for code in codes:
        for message in results[code]:
            report.error("site.mkdocs", f"[{code}] {message.strip()}",
                         hint="A generated page links to something that does not exist. "
                              "Check the IDs in the file named in the message.")


def _build_packs(corpus, languages, tmp: Path, report: Report, clean: bool) -> dict:
    """Packs are made before the web pages, so the pages can give each pack's size and page count."""
    from .render import packs

    built = packs.build_packs(corpus, languages, tmp, report, clean=clean) or []
    out: dict = {}
    for pack in built:
        out.setdefault(pack.lang, []).append(pack)
    return out


def _read_manifests(site_dir: Path, languages) -> dict:
    """With --no-packs, link the packs an earlier build left in place (copied into the new site)."""
    try:
        from .render.packs import read_manifest
    except ImportError:
        return {}
    out = {}
    for language in languages:
        found = read_manifest(site_dir, language.code)
        if found:
            out[language.code] = found
    return out


def _write_root(corpus, tmp: Path) -> None:
    """site/index.html sends readers to their language; site/sitemap.xml lists every language's sitemap."""
    langs = corpus.config.languages
    default = langs[0]
    codes = [l.code for l in langs if (tmp / l.code).is_dir()]
    links = "\n".join(
        f'<li><a href="{l.code}/" lang="{l.code}" dir="{l.dir}" hreflang="{l.code}">{html.escape(l.name)}</a></li>'
        for l in langs if l.code in codes)
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{l.code}" href="{l.code}/">' for l in langs if l.code in codes)
    name = html.escape(corpus.config.site.name)
    page = f"""<!doctype html>
<html lang="{default.code}" dir="{default.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}</title>
{alternates}
<link rel="alternate" hreflang="x-default" href="{default.code}/">
<style>body{{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}}a{{color:#1a4f8b}}a:focus{{outline:3px solid #1b1b1b;outline-offset:2px;background:#ffdd00}}</style>
<script>
(function () {{
  var codes = {codes!r};
  var wanted = (navigator.languages || [navigator.language || ""]);
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (codes.indexOf(code) !== -1) {{ location.replace(code + "/"); return; }}
  }}
  location.replace("{default.code}/");
}})();
</script>
</head>
<body>
<main>
<h1>{name}</h1>
<p>Choose your language:</p>
<ul>
{links}
</ul>
</main>
</body>
</html>
"""
    from .render.csp import own_page

    (tmp / "index.html").write_text(own_page(page), encoding="utf-8")
    # a server's own "page not found" page (each language also has its own, site/<lang>/404.html)
    not_found = (page.replace(f"<title>{name}</title>", f"<title>Page not found - {name}</title>")
                 .replace(f"<h1>{name}</h1>\n<p>Choose your language:</p>",
                          "<h1>Page not found</h1>\n<p>The page you asked for is not here. Choose your language to go "
                          "to the home page:</p>"))
    not_found = re.sub(r"<script>.*?</script>\n", "", not_found, flags=re.S).replace('href="', 'href="/')
    (tmp / "404.html").write_text(own_page(not_found), encoding="utf-8")
    entries = "\n".join(
        f"  <sitemap><loc>{html.escape((corpus.config.site.url or '/').rstrip('/'))}/{c}/sitemap.xml</loc></sitemap>"
        for c in codes)
    (tmp / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</sitemapindex>\n", encoding="utf-8")


def _keep_spares(old: Path, work: Path, codes: list[str]) -> None:
    """Keep the replaced site's language folders as spares for the next build (see mkdocs_adapter._publish),
    instead of deleting them: they are no longer published."""
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
        except OSError:  # (the site is on another file system): deleted with the rest
            pass


def _swap(new: Path, target: Path, keep=None) -> None:
    """Put new in place of target with two renames; if the second fails, put the old one back. keep, if
    given, may take what it wants from the old folder before it is deleted."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        if keep is not None:
            keep(old)
        shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(0 if build(Path("."), Report()) else 1)
