"""The one place charterkit talks to MkDocs. Swap this module to change the site engine.

build_language() writes one language's pages into a docs folder, writes an mkdocs.yml next to it,
runs `mkdocs build` in-process, and returns the problems MkDocs logged (broken links, missing pages).
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
    cfg = {
        "site_name": config.site.name,
        "site_description": config.site.description,
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
                {"name": lang.name, "link": f"../{lang.code}/", "lang": lang.code, "dir": lang.dir}
                for lang in config.languages
            ] if len(config.languages) > 1 else [],
            "charterkit": {"lang": language.code, "dir": language.dir,
                           "template_cache": str(docs_dir.parent.parent / "templates"),
                           # titles shown in another language than the page's (see mkdocs_hooks.py)
                           "fallback_titles": dict(sorted(pages.fallback_titles.items()))},
        },
    }
    themed = theme_config(root, language.code, language.dir)
    extra = themed.pop("extra", {})
    cfg.update(themed)
    cfg["extra"].update(extra)
    return cfg


def _sync_file(target: Path, data: bytes) -> bool:
    """Write target only if its bytes differ, so unchanged pages keep their old time (MkDocs skips them)."""
    if target.exists() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def _structure_key(root: Path, cfg_text: str) -> str:
    """Changes to any of these make every page different: the configuration (with the menu) and the theme."""
    import hashlib

    import material
    import mkdocs

    h = hashlib.sha256(cfg_text.encode("utf-8"))
    h.update(f"{mkdocs.__version__} {material.__file__}".encode())
    for folder in (root / "theme" / "overrides", root / "theme" / "assets"):
        for f in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if f.is_file():
                h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


_THEME_LISTING: dict = {}


def reset_theme_listing() -> None:
    """Forget the theme's file lists (once per build: the theme does not change during one)."""
    _THEME_LISTING.clear()
    import jinja2

    if getattr(jinja2.FileSystemLoader.list_templates, "charterkit", False):
        return
    original = jinja2.FileSystemLoader.list_templates

    def list_templates(self):
        """MkDocs lists every file of the theme (walking Material's folders) once per language; one build
        of several languages in one process needs the list only once."""
        key = (tuple(self.searchpath), self.followlinks)
        if key not in _THEME_LISTING:
            _THEME_LISTING[key] = original(self)
        return list(_THEME_LISTING[key])

    list_templates.charterkit = True
    jinja2.FileSystemLoader.list_templates = list_templates


def build_language(root: Path, config: SiteConfig, language: Language, pages: SitePages,
                   work_dir: Path, site_dir: Path) -> LanguageBuild:
    """Build one language into site_dir. work_dir is kept between builds (.charterkit-cache/site/<lang>): when
    only some pages changed, MkDocs re-renders just those ("dirty" build) and the search index is patched."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .theme import copy_assets

    docs_dir = work_dir / "docs"
    built_dir = work_dir / "site"
    docs_dir.mkdir(parents=True, exist_ok=True)
    wanted = set(pages.pages) | set(pages.files)
    changed = False
    for rel, text in pages.pages.items():
        changed |= _sync_file(docs_dir / rel, text.encode("utf-8"))
    for rel, source in pages.files.items():
        changed |= _sync_file(docs_dir / rel, Path(source).read_bytes())
    staging = work_dir / "assets-staging"
    if staging.exists():
        shutil.rmtree(staging)
    copy_assets(root, staging)
    for f in staging.rglob("*"):
        if f.is_file():
            rel = f.relative_to(staging).as_posix()
            wanted.add(rel)
            changed |= _sync_file(docs_dir / rel, f.read_bytes())
    shutil.rmtree(staging)
    for f in list(docs_dir.rglob("*")):
        if f.is_file() and f.relative_to(docs_dir).as_posix() not in wanted:
            f.unlink()
            changed = True

    cfg = mkdocs_config(root, config, language, pages, docs_dir, built_dir)
    # mkdocs.yml is written whole (for anyone who wants to run plain `mkdocs build` on it, as the
    # benchmarks do); the build itself reads it without the menu and the extra settings, which are handed
    # over as they are, because reading them back with PyYAML's pure-Python loader took a second a
    # language at 10x the content.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    cfg_text = yaml.dump(cfg, Dumper=dumper, allow_unicode=True, sort_keys=False)
    base_path = work_dir / "mkdocs-without-nav.yml"
    handed_over = ("nav", "extra")  # the long parts
    base_path.write_text(yaml.dump({k: v for k, v in cfg.items() if k not in handed_over}, Dumper=dumper,
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    cfg_path = work_dir / "mkdocs.yml"
    cfg_path.write_text(cfg_text, encoding="utf-8")
    key = _structure_key(root, cfg_text)
    key_file = work_dir / "structure.key"
    dirty = built_dir.is_dir() and key_file.exists() and key_file.read_text() == key
    if dirty and not changed:  # nothing at all changed for this language: reuse the last build as it is
        _publish(built_dir, site_dir)
        return LanguageBuild(language.code, site_dir, ())
    old_index = None
    index_file = built_dir / "search" / "search_index.json"
    if dirty and index_file.exists():
        old_index = index_file.read_text(encoding="utf-8")
    key_file.unlink(missing_ok=True)  # written again only when this build succeeds

    import time

    started = time.time()
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        overrides = {key: cfg[key] for key in handed_over if key in cfg}
        mkdocs_build(load_config(config_file=str(base_path), **overrides), dirty=dirty)
    finally:
        logger.removeHandler(collector)
    if dirty:
        _merge_search_index(index_file, old_index, started)
        for f in list(built_dir.rglob("*.html")):  # pages whose source is gone
            rel = f.relative_to(built_dir).as_posix()
            if rel != "404.html" and not any(src in pages.pages for src in _sources_of(rel)):
                f.unlink()
    key_file.write_text(key)
    _publish(built_dir, site_dir)
    return LanguageBuild(language.code, site_dir, tuple(collector.messages))


KEEP = ("packs",)  # made by the packs stage before the pages, in the same language folder


def _publish(built_dir: Path, site_dir: Path) -> None:
    """Copy the built pages into the language's folder of the new site, keeping its packs."""
    if site_dir.exists():
        for child in site_dir.iterdir():
            if child.name in KEEP:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    shutil.copytree(built_dir, site_dir, dirs_exist_ok=True)


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
    index_file.write_text(json.dumps(new, separators=(",", ":"), default=str), encoding="utf-8")  # as Material writes it
