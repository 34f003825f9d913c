"""The one place charterkit talks to MkDocs. Swap this module to change the site engine.

build_language() hands one language's pages to MkDocs (from memory, through the on_files hook), runs
`mkdocs build` in-process, and returns the problems MkDocs logged (broken links, missing pages).
"""
from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import Language, SiteConfig
from .site import SitePages

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass(frozen=True)
class LanguageBuild:
    lang: str
    site_dir: Path
    warnings: tuple[str, ...]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "'dirty' build is being performed" in message:
            return  # charterkit asks for it only when the menu and theme are unchanged (see build_language)
        self.messages.append(message)


def _search_lang(code: str) -> str:
    """lunr (Material's search) has stemmers for some languages only; others search without stemming."""
    import material

    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return code if (lunr / f"lunr.{code}.min.js").exists() else "en"


def mkdocs_config(root: Path, config: SiteConfig, language: Language, pages: SitePages,
                  docs_dir: Path, site_dir: Path) -> dict:
    from .theme import theme_config

    site_url = None
    if config.site.url:
        site_url = config.site.url.rstrip("/") + f"/{language.code}/"
    from ..markup.sanitise import text

    # Material puts the site's name and description, titles and language names into pages as they are
    # (as HTML): each is escaped here, once.
    cfg = {
        "site_name": text(config.site.name),
        "site_description": text(config.site.description),
        "site_url": site_url,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": pages.nav,
        "strict": False,
        "markdown_extensions": ["attr_list", "md_in_html", "tables", "def_list", "admonition",
                                {"toc": {"permalink": False, "toc_depth": 3}}],
        "plugins": [{"search": {"lang": _search_lang(language.code)}}],
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
        "extra": {
            "generator": False,
            "alternate": [
                {"name": text(lang.name), "link": f"../{lang.code}/", "lang": lang.code, "dir": lang.dir}
                for lang in config.languages
            ] if len(config.languages) > 1 else [],
            "charterkit": {"lang": language.code, "dir": language.dir,
                           "heading_ids": 1,  # the version of heading_id(), for the dirty-build key
                           "template_cache": str(docs_dir.parent.parent.parent / "jinja"),
                           # titles shown in another language than the page's (see mkdocs_hooks.py)
                           "fallback_titles": dict(sorted(pages.fallback_titles.items()))},
        },
    }
    themed = theme_config(root, language.code, language.dir)
    extra = themed.pop("extra", {})
    cfg.update(themed)
    cfg["extra"].update(extra)
    return cfg


def heading_id(value: str, separator: str) -> str:
    """The id MkDocs gives a heading that has none of its own: Markdown's usual one, except that an id the
    theme uses (Material's start with "_", charterkit's with "ck-") gets "h-" in front. A heading's words
    can come from a pull request; they must not take the id of the menu's checkbox or the skip link's target."""
    from markdown.extensions.toc import slugify

    slug = slugify(value, separator)
    if slug.startswith("_") or slug == "ck" or slug.startswith("ck" + separator):
        slug = "h" + separator + slug.lstrip("_")
    return slug


def _with_slugify(extensions: list) -> list:
    out = []
    for ext in extensions:
        if isinstance(ext, dict) and "toc" in ext:
            ext = {"toc": dict(ext["toc"], slugify=heading_id)}
        out.append(ext)
    return out


def _structure_key(root: Path, cfg_text: str) -> str:
    """Changes to any of these make every page different: the configuration (with the menu) and the theme."""
    import hashlib

    import material
    import mkdocs

    h = hashlib.sha256(cfg_text.encode("utf-8"))
    h.update(f"{mkdocs.__version__} {material.__file__}".encode())
    theme = _THEME_DIGEST.get(root)
    if theme is None:  # read once a build (reset_theme_listing), not once a language
        t = hashlib.sha256()
        for folder in (root / "theme" / "overrides", root / "theme" / "assets"):
            for f in sorted(folder.rglob("*")) if folder.is_dir() else []:
                if f.is_file():
                    t.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
        theme = _THEME_DIGEST[root] = t.hexdigest()
    h.update(theme.encode())
    return h.hexdigest()


_THEME_DIGEST: dict = {}


_THEME_LISTING: dict = {}


def reset_theme_listing() -> None:
    """Forget the theme's file lists and digest (once per build: the theme does not change during one)."""
    _THEME_LISTING.clear()
    _THEME_DIGEST.clear()
    import jinja2

    if getattr(jinja2.FileSystemLoader.list_templates, "charterkit", False):
        return
    original = jinja2.FileSystemLoader.list_templates

    def list_templates(self):
        """MkDocs lists every file of the theme (walking Material's folders) once per language; one build
        of several languages in one process needs the list only once.

        Names with a part that starts with "." are left out of the list: MkDocs (the one caller, in
        Files.add_files_from_theme) leaves them out too, with fnmatch, name by name, and they are 14,348 of
        Material's 14,509 files (its .icons folder): matching them took a tenth of a second a language."""
        key = (tuple(self.searchpath), self.followlinks)
        if key not in _THEME_LISTING:
            _THEME_LISTING[key] = [name for name in original(self)
                                   if not any(part.startswith(".") for part in name.split("/"))]
        return list(_THEME_LISTING[key])

    list_templates.charterkit = True
    jinja2.FileSystemLoader.list_templates = list_templates


#: The language being built in this process, for the on_files hook (mkdocs_hooks.py), by docs folder.
PENDING: dict[str, "_Pending"] = {}


@dataclass
class _Pending:
    pages: dict[str, str]  # docs path -> Markdown
    modified: set[str]  # the pages to render again in a dirty build
    files: dict[str, Path]  # docs path -> the file copied there (pictures, CSS, fonts)


def add_files(files, config, pending: _Pending):
    """The on_files hook's work: the language's pages, from memory, and its other files, from where they
    are, as if they were in the (empty) docs folder, in the order MkDocs lists a docs folder."""
    from mkdocs.structure.files import File, Files, _file_sort_key

    class _Page(File):
        charterkit_modified = True

        def is_modified(self) -> bool:  # MkDocs' own test compares file times: these pages have none
            return self.charterkit_modified

    made = []
    for rel, text in pending.pages.items():
        page = _Page.generated(config, rel, content=text)
        page.charterkit_modified = rel in pending.modified
        made.append(page)
    for rel, source in pending.files.items():
        made.append(File.generated(config, rel, abs_src_path=str(source)))

    def walk_order(f):  # os.walk with sorted folders: a folder's files, then its subfolders
        parts = f.src_uri.split("/")
        return tuple((1, d) for d in parts[:-1]) + ((0, _file_sort_key(parts[-1])),)

    made.sort(key=walk_order)
    ours = {f.src_uri for f in made}
    return Files(made + [f for f in files if f.src_uri not in ours])


def build_language(root: Path, config: SiteConfig, language: Language, pages: SitePages,
                   work_dir: Path, site_dir: Path, spare: Path | None = None) -> LanguageBuild:
    """Build one language into site_dir. work_dir is kept between builds (.charterkit-cache/site/<lang>): when
    only some pages changed, MkDocs re-renders just those ("dirty" build) and the search index is patched.

    MkDocs gets the pages from memory and the pictures, CSS and fonts from where they are (see add_files),
    not from a docs folder written for it. With CHARTERKIT_EXPORT_MKDOCS=1 the pages are also written out
    as a docs folder with its mkdocs.yml (work_dir/plain/), for plain `mkdocs build`: the benchmarks'
    baseline."""
    import hashlib
    import json
    import time

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .theme import asset_sources

    _write_by_replacing()
    docs_dir = work_dir / "docs"  # stays empty: MkDocs needs a docs folder
    built_dir = work_dir / "site"
    if docs_dir.is_dir() and any(docs_dir.iterdir()):
        shutil.rmtree(docs_dir)  # written by charterkit before 2026-11-29
    docs_dir.mkdir(parents=True, exist_ok=True)
    files = {rel: Path(src) for rel, src in pages.files.items()}
    files.update(asset_sources(root))
    stamps = {}
    for rel, src in files.items():
        st = src.stat()
        stamps[rel] = [str(src), st.st_mtime_ns, st.st_size]
    current = {"pages": {rel: hashlib.sha1(text.encode("utf-8")).hexdigest() for rel, text in pages.pages.items()},
               "files": stamps}
    record_file = work_dir / "inputs.json"
    try:
        previous = json.loads(record_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}

    cfg = mkdocs_config(root, config, language, pages, docs_dir, built_dir)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    cfg_text = yaml.dump(cfg, Dumper=dumper, allow_unicode=True, sort_keys=False)
    key = _structure_key(root, cfg_text)
    key_file = work_dir / "structure.key"
    dirty = built_dir.is_dir() and key_file.exists() and key_file.read_text() == key
    if os.environ.get("CHARTERKIT_EXPORT_MKDOCS"):
        _export_plain(work_dir / "plain", cfg, pages.pages, files)
    if dirty and current == previous:  # nothing at all changed for this language: reuse the last build
        _publish(built_dir, site_dir, spare)
        return LanguageBuild(language.code, site_dir, ())
    old_pages, old_files = previous.get("pages", {}), previous.get("files", {})
    if dirty:
        modified = {rel for rel, digest in current["pages"].items() if old_pages.get(rel) != digest}
        for rel, stamp in stamps.items():  # a changed picture or font is copied again
            if old_files.get(rel) != stamp:
                (built_dir / rel).unlink(missing_ok=True)
        for rel in set(old_files) - set(stamps):  # and one no longer used goes
            (built_dir / rel).unlink(missing_ok=True)
        (built_dir / "sitemap.xml.gz").unlink(missing_ok=True)  # MkDocs writes it in place
    else:
        modified = set(pages.pages)
    old_index = None
    index_file = built_dir / "search" / "search_index.json"
    if dirty and index_file.exists():
        old_index = index_file.read_text(encoding="utf-8")
    key_file.unlink(missing_ok=True)  # both written again only when this build succeeds
    record_file.unlink(missing_ok=True)

    started = time.time()
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    # The menu and the extra settings are handed over as they are, not read back from YAML: PyYAML's
    # pure-Python loader took a second a language at 10x the content.
    handed_over = ("nav", "extra", "markdown_extensions")
    base_path = work_dir / "mkdocs-without-nav.yml"
    base_path.write_text(yaml.dump({k: v for k, v in cfg.items() if k not in handed_over}, Dumper=dumper,
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    PENDING[str(docs_dir)] = _Pending(pages.pages, modified, files)
    try:
        overrides = {key: cfg[key] for key in handed_over if key in cfg}
        overrides["markdown_extensions"] = _with_slugify(cfg["markdown_extensions"])
        mkdocs_build(load_config(config_file=str(base_path), **overrides), dirty=dirty)
    finally:
        PENDING.pop(str(docs_dir), None)
        logger.removeHandler(collector)
    if dirty:
        _merge_search_index(index_file, old_index, started)
        for f in list(built_dir.rglob("*.html")):  # pages whose source is gone
            rel = f.relative_to(built_dir).as_posix()
            if rel != "404.html" and not any(src in pages.pages for src in _sources_of(rel)):
                f.unlink()
    record_file.write_text(json.dumps(current), encoding="utf-8")
    key_file.write_text(key)
    _publish(built_dir, site_dir, spare)
    return LanguageBuild(language.code, site_dir, tuple(collector.messages))


def _export_plain(folder: Path, cfg: dict, pages: dict[str, str], files: dict[str, Path]) -> None:
    """The language as a docs folder and mkdocs.yml that plain MkDocs can build (see build_language)."""
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    for rel, source in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / rel)
    plain = dict(cfg, docs_dir=str(docs), site_dir=str(folder / "site"))
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (folder / "mkdocs.yml").write_text(yaml.dump(plain, Dumper=dumper, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")


KEEP = ("packs",)  # made by the packs stage before the pages, in the same language folder


def _write_by_replacing() -> None:
    """Make MkDocs replace the files it writes instead of writing into them. The built pages are linked
    into the new site, not copied (see _publish), so the file in the cache and the file in the published
    site are the same file: writing into it would change the published site during the next build,
    before that build has succeeded."""
    from mkdocs import utils

    if getattr(utils.write_file, "charterkit", False):
        return
    write_file, copy_file = utils.write_file, utils.copy_file

    def _unlink(path: str) -> None:
        try:
            os.unlink(path)
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            pass

    def replacing_write(content: bytes, output_path: str) -> None:
        _unlink(output_path)
        write_file(content, output_path)

    def replacing_copy(source_path: str, output_path: str) -> None:
        if not os.path.isdir(output_path):
            _unlink(output_path)
        copy_file(source_path, output_path)

    replacing_write.charterkit = replacing_copy.charterkit = True
    utils.write_file, utils.copy_file = replacing_write, replacing_copy


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)


def _publish(built_dir: Path, site_dir: Path, spare: Path | None = None) -> None:
    """Put the built pages into the language's folder of the new site, keeping its packs: as links to the
    same files (fast, and no second copy on disk), or as copies where links cannot be made.

    spare, when there is one, is the language's folder of the site this build replaces (kept by the
    pipeline, see pipeline._swap): made the same as built_dir and moved into place, it saves making every
    folder again (on this project's machines, making a folder costs about 1 ms, linking a file 0.01 ms)."""
    if spare is not None and spare.is_dir() and not spare.is_symlink() and _same_disk(spare, site_dir.parent):
        try:
            _mirror(built_dir, spare, keep=KEEP)
        except OSError:  # a spare that cannot be made the same: publish the ordinary way
            shutil.rmtree(spare, ignore_errors=True)
        else:
            for name in KEEP:  # the new site's packs replace the old site's
                _remove(spare / name)
                if os.path.lexists(site_dir / name):
                    os.replace(site_dir / name, spare / name)
            _remove(site_dir)
            os.replace(spare, site_dir)
            return
    if site_dir.exists():
        for child in site_dir.iterdir():
            if child.name not in KEEP:
                _remove(child)
    shutil.copytree(built_dir, site_dir, dirs_exist_ok=True, copy_function=_link_or_copy)


def _same_disk(a: Path, b: Path) -> bool:
    """True if a and b are on the same file system: only then can a folder be moved from one to the other in one
    step (the spare is in .charterkit-cache/, the new site beside the output folder, which --out may put
    on another disk)."""
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _remove(path) -> None:
    """Delete a file or a folder, if there is one (a link is deleted, never what it points to)."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def _mirror(src: Path, dst: Path, keep: tuple[str, ...] = ()) -> None:
    """Make the folder dst hold exactly what src holds (names in keep aside), as links to src's files.
    A file that is already the same file (the same inode) is left alone."""
    with os.scandir(src) as it:
        want = {e.name: e for e in it}
    with os.scandir(dst) as it:
        have = {e.name: e for e in it if e.name not in keep}
    for name, entry in have.items():
        other = want.get(name)
        if other is None or other.is_dir(follow_symlinks=False) != entry.is_dir(follow_symlinks=False):
            _remove(entry.path)
            have[name] = None
    for name, entry in want.items():
        target = os.path.join(dst, name)
        old = have.get(name)
        if entry.is_dir(follow_symlinks=False):
            if old is None:
                os.mkdir(target)
            _mirror(Path(entry.path), Path(target))
        elif old is None or old.inode() != entry.inode():
            if old is not None:
                os.unlink(target)
            _link_or_copy(entry.path, target)


def _sources_of(html_rel: str) -> tuple[str, ...]:
    """The docs pages an output page may come from: a/b/index.html <- a/b.md or a/b/index.md."""
    if html_rel == "index.html":
        return ("index.md",)
    base = html_rel[: -len("/index.html")] if html_rel.endswith("/index.html") else html_rel[:-5]
    return (base + ".md", base + "/index.md")


def _merge_search_index(index_file: Path, old_text: str | None, since: float) -> None:
    """A dirty MkDocs build indexes only the pages it re-rendered: add back every other page's entries."""
    import json

    if old_text is None or not index_file.exists():
        return
    new = json.loads(index_file.read_text(encoding="utf-8"))
    old = json.loads(old_text)
    def page(doc):
        return doc["location"].split("#", 1)[0]

    fresh: dict[str, list] = {}
    for d in new.get("docs", []):
        fresh.setdefault(page(d), []).append(d)
    merged, placed = [], set()
    for d in old.get("docs", []):  # keep the order of a full build: fresh entries go where the old ones were
        p = page(d)
        if p not in fresh:
            merged.append(d)
        elif p not in placed:
            merged.extend(fresh[p])
            placed.add(p)
    merged.extend(d for p, entries in fresh.items() if p not in placed for d in entries)
    new["docs"] = merged
    index_file.unlink()  # replaced, not written into (see _write_by_replacing)
    index_file.write_text(json.dumps(new, separators=(",", ":"), default=str), encoding="utf-8")  # as Material writes it
