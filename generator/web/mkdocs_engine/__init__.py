"""The one place charterkit talks to MkDocs. Swap this folder (and web/theme.py) to change the site engine.

build_language() hands one language's pages to MkDocs (from memory, through CharterkitPlugin's `site`
option: plugin.py), runs MkDocs' build in-process with the configuration given as Python values (no
YAML file), and returns the problems MkDocs logged (broken links, missing pages).

Relies on MkDocs' public API only: mkdocs.config.load_config, mkdocs.commands.build.build, a plugin
(BasePlugin, event_priority), File/Files and file_sort_key. Two things are not MkDocs' API but MkDocs'
behaviour, each with a test that fails if a release changes it: the text of the "dirty build" warning,
which is left out of the problems (_Collect; tests/build/test_incremental.py), and Material's files read
directly (web/theme.py: the languages it has, the lunr stemmers).
"""
from __future__ import annotations

import io
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ...model.config import Language, SiteConfig
from ..theme import search_lang
from .plugin import InMemoryDocs
from .publish import publish
from .search_index import compact_search_index, merge_search_index, sources_of


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


def mkdocs_config(root: Path, config: SiteConfig, language: Language, pages, docs_dir: Path, site_dir: Path,
                  template_cache: Path | None = None) -> dict:
    """MkDocs' configuration for one language, as Python values (plain values only: it is also written out
    as mkdocs.yml for an export, and hashed for the dirty-build decision). pages: the language's SitePages
    (web/pages.py)."""
    from ..theme import preload_fonts, theme_config

    site_url = None
    if config.site.url:
        site_url = config.site.url.rstrip("/") + f"/{language.code}/"
    from ...markup.sanitise import text

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
        # charterkit's plugin after search, as its hooks were: their events keep their order
        "plugins": [{"search": {"lang": search_lang(language.code)}},
                    {"charterkit": {"template_cache": str(template_cache) if template_cache else None,
                                    # titles shown in another language than the page's (titles.py)
                                    "fallback_titles": dict(sorted(pages.fallback_titles.items()))}}],
        "extra": {
            "generator": False,
            "alternate": [
                {"name": text(lang.name), "link": f"../{lang.code}/", "lang": lang.code, "dir": lang.dir}
                for lang in config.languages
            ] if len(config.languages) > 1 else [],
            "charterkit": {"lang": language.code, "dir": language.dir,
                           # hreflang links and sitemap alternates: absolute, from site.url (main.html)
                           "site_root": (config.site.url.rstrip("/") + "/") if config.site.url else "",
                           # the font that paints the page's largest text, loaded first (main.html)
                           "preload": list(preload_fonts(language.code)),
                           "heading_ids": 1,
                           # who runs the site: header and footer (theme/overrides/partials/copyright.html)
                           "site": pages.chrome},  # the version of heading_id(), for the dirty-build key
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


def theme_digest(root: Path) -> str:
    """A hash of the project's theme files that MkDocs reads (theme/overrides, theme/assets)."""
    import hashlib

    t = hashlib.sha256()
    for folder in (root / "theme" / "overrides", root / "theme" / "assets"):
        for f in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if f.is_file():
                t.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return t.hexdigest()


def _structure_key(cfg_text: str, theme: str) -> str:
    """Changes to any of these make every page different: the configuration (with the menu) and the theme
    (theme: its theme_digest())."""
    import hashlib

    import material
    import mkdocs

    h = hashlib.sha256(cfg_text.encode("utf-8"))
    h.update(f"{mkdocs.__version__} {material.__file__}".encode())
    h.update(theme.encode())
    # and the charterkit code every page's HTML goes through after MkDocs (this package's plugin, the page-wide
    # allow-list, the security policy): a new charterkit makes every page again
    code = Path(__file__).resolve().parent
    for f in (*sorted(code.glob("*.py")), code.parents[1] / "markup" / "sanitise.py", code.parent / "csp.py"):
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()



class SiteBuild:
    """What the MkDocs adapter keeps for one build of several languages: the pipeline makes one a build and
    builds the languages inside `with SiteBuild(root) as site_build:`, handing it to each build_language().

    - theme_digest: the hash of the theme's files (theme_digest()), read once a build, not once a language
      (the theme does not change during a build; the forked workers inherit it);
    - the theme's file lists, kept here while the build runs. This relies on MkDocs 1.6.1 internals (P2 in the
      plan of issue #11): MkDocs lists every file of the theme (walking Material's folders) once per language,
      through jinja2's FileSystemLoader.list_templates, between two steps of its build with no plugin event in
      between; one build of several languages in one process needs the list only once. Inside the `with`,
      list_templates is replaced by one that keeps each list in this object; leaving it puts the original back.
      The patch is made here only, and tests/build/test_mkdocs_engine.py fails if MkDocs' version changes.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.theme_digest = theme_digest(self.root)
        self._listing: dict = {}  # (search path, follow links) -> the names, for this build only
        self._replaced = None  # what list_templates was before __enter__

    def __enter__(self) -> "SiteBuild":
        import jinja2

        original = jinja2.FileSystemLoader.list_templates
        listing = self._listing

        def list_templates(loader):
            """Names with a part that starts with "." are left out of the list: MkDocs (the one caller, in
            Files.add_files_from_theme) leaves them out too, with fnmatch, name by name, and they are 14,348
            of Material's 14,509 files (its .icons folder): matching them took a tenth of a second a language."""
            key = (tuple(loader.searchpath), loader.followlinks)
            if key not in listing:
                listing[key] = [name for name in original(loader)
                                if not any(part.startswith(".") for part in name.split("/"))]
            return list(listing[key])

        self._replaced = jinja2.FileSystemLoader.__dict__["list_templates"]
        jinja2.FileSystemLoader.list_templates = list_templates
        return self

    def __exit__(self, *exc) -> None:
        import jinja2

        if self._replaced is not None:
            jinja2.FileSystemLoader.list_templates = self._replaced
            self._replaced = None
        self._listing.clear()


def build_language(root: Path, config: SiteConfig, language: Language, pages,
                   work_dir: Path, site_dir: Path, spare: Path | None = None,
                   site_build: SiteBuild | None = None) -> LanguageBuild:
    """Build one language (pages: its SitePages) into site_dir. work_dir is kept between builds
    (.charterkit-cache/site/<lang>): when only some pages changed, MkDocs re-renders just those ("dirty"
    build) and the search index is patched.

    MkDocs gets the pages from memory and the pictures, CSS and fonts from where they are (plugin.py), not
    from a docs folder written for it. With CHARTERKIT_EXPORT_MKDOCS=1 the pages are also written out as a
    docs folder with its mkdocs.yml (work_dir/plain/), for plain `mkdocs build`: the benchmarks' baseline.
    site_build: what is the same for every language of the build (SiteBuild); without one, the theme's
    digest is read for this language alone."""
    import hashlib
    import json
    import time

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, on every build
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from ..assets import shared_assets

    # the theme's files and the easy-read pictures: one copy at the site's root for every language
    shared = shared_assets(root, config, cache_dir=work_dir.parent.parent).with_pictures(
        {rel: Path(src) for rel, src in pages.files.items() if rel.startswith("assets/")},
        cache_dir=work_dir.parent.parent)
    shared.write_pictures(site_dir.parent)
    docs_dir = work_dir / "docs"  # stays empty: MkDocs needs a docs folder
    built_dir = work_dir / "site"
    if docs_dir.is_dir() and any(docs_dir.iterdir()):
        shutil.rmtree(docs_dir)  # written by charterkit before 2026-11-29
    docs_dir.mkdir(parents=True, exist_ok=True)
    files = {rel: Path(src) for rel, src in pages.files.items() if not rel.startswith("assets/")}
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

    cfg = mkdocs_config(root, config, language, pages, docs_dir, built_dir,
                        template_cache=work_dir.parent.parent / "jinja")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    cfg_text = yaml.dump(cfg, Dumper=dumper, allow_unicode=True, sort_keys=False)
    theme = site_build.theme_digest if site_build is not None else theme_digest(root)
    key = _structure_key(cfg_text + "\nshared assets: " + shared.digest(), theme)
    key_file = work_dir / "structure.key"
    dirty = built_dir.is_dir() and key_file.exists() and key_file.read_text() == key
    if os.environ.get("CHARTERKIT_EXPORT_MKDOCS"):
        _export_plain(work_dir / "plain", cfg, pages.pages, files, shared.names)
    if dirty and current == previous:  # nothing at all changed for this language: reuse the last build
        publish(built_dir, site_dir, spare)
        return LanguageBuild(language.code, site_dir, ())
    old_pages, old_files = previous.get("pages", {}), previous.get("files", {})
    if dirty:
        modified = {rel for rel, digest in current["pages"].items() if old_pages.get(rel) != digest}
        for rel, stamp in stamps.items():  # a changed picture or font is copied again: into a new file
            if old_files.get(rel) != stamp:
                (built_dir / rel).unlink(missing_ok=True)
        for rel in set(old_files) - set(stamps):  # and one no longer used goes
            (built_dir / rel).unlink(missing_ok=True)
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
    # The whole configuration as Python values (the menu and the extra settings too: PyYAML's pure-Python
    # loader took a second a language at 10x the content), and the pages through the plugin's own option.
    options = dict(cfg, markdown_extensions=_with_slugify(cfg["markdown_extensions"]))
    docs = InMemoryDocs(pages.pages, modified, files)
    options["plugins"] = [dict(entry) for entry in cfg["plugins"]]
    options["plugins"][-1] = {"charterkit": dict(cfg["plugins"][-1]["charterkit"], site=docs,
                                                 shared_assets=shared)}
    try:
        mkdocs_build(load_config(io.BytesIO(b"{}"), config_file_path=str(work_dir / "mkdocs.yml"), **options),
                     dirty=dirty)
    finally:
        logger.removeHandler(collector)
    if dirty:
        merge_search_index(index_file, old_index, started)
    compact_search_index(index_file)
    if dirty:
        for f in list(built_dir.rglob("*.html")):  # pages whose source is gone
            rel = f.relative_to(built_dir).as_posix()
            if rel != "404.html" and not any(src in pages.pages for src in sources_of(rel)):
                f.unlink()
    record_file.write_text(json.dumps(current), encoding="utf-8")
    key_file.write_text(key)
    publish(built_dir, site_dir, spare)
    return LanguageBuild(language.code, site_dir, tuple(collector.messages))


def _export_plain(folder: Path, cfg: dict, pages: dict[str, str], files: dict[str, Path],
                  shared_names: dict[str, str]) -> None:
    """The language as a docs folder and mkdocs.yml that plain MkDocs can build (see build_language). Its
    pages name the shared theme files as charterkit's do (their names in shared-assets.json), so both
    make the same pages; the shared files themselves are not copied (they are not MkDocs' work)."""
    import json

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "shared-assets.json").write_text(json.dumps(shared_names, sort_keys=True), encoding="utf-8")
    cfg = dict(cfg, plugins=[dict(p) for p in cfg["plugins"]])
    cfg["plugins"][-1] = {"charterkit": dict(cfg["plugins"][-1]["charterkit"],
                                             shared_assets=str(folder / "shared-assets.json"))}
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
