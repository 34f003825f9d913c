"""The one place charterkit talks to MkDocs. Swap this module to change the site engine.

build_language() writes one language's pages into a docs folder, writes an mkdocs.yml next to it,
runs `mkdocs build` in-process, and returns the problems MkDocs logged (broken links, missing pages).
"""
from __future__ import annotations

import logging
import os
import re
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
        self.messages.append(record.getMessage())


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
        "extra": {
            "generator": False,
            "alternate": [
                {"name": lang.name, "link": f"../{lang.code}/", "lang": lang.code, "dir": lang.dir}
                for lang in config.languages
            ] if len(config.languages) > 1 else [],
            "charterkit": {"lang": language.code, "dir": language.dir},
        },
    }
    themed = theme_config(root, language.code, language.dir)
    extra = themed.pop("extra", {})
    cfg.update(themed)
    cfg["extra"].update(extra)
    return cfg


def build_language(root: Path, config: SiteConfig, language: Language, pages: SitePages,
                   work_dir: Path, site_dir: Path) -> LanguageBuild:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .theme import copy_assets

    docs_dir = work_dir / f"docs-{language.code}"
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    for rel, text in pages.pages.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    copy_assets(root, docs_dir)
    for rel, source in pages.files.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    cfg_path = work_dir / f"mkdocs-{language.code}.yml"
    cfg_path.write_text(yaml.safe_dump(mkdocs_config(root, config, language, pages, docs_dir, site_dir),
                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mkdocs_config_obj = load_config(config_file=str(cfg_path))
        mkdocs_build(mkdocs_config_obj)
    finally:
        logger.removeHandler(collector)
    _mark_fallback_titles(site_dir, language, pages.fallback_titles)
    return LanguageBuild(language.code, site_dir, tuple(collector.messages))


def _mark_fallback_titles(site_dir: Path, language: Language, titles: dict[str, str]) -> None:
    """Menus, contents lists and previous/next links repeat page and section titles as plain text, so a
    title shown in English loses its lang="en" there. Mark those copies too (outside the page content,
    which the page writer has already marked)."""
    import html as htmlmod

    if not titles:
        return
    text_node = re.compile(r">(\s*)([^<>]+?)(\s*)<")

    def wrap(m):
        lang = titles.get(" ".join(htmlmod.unescape(m.group(2)).split()))
        if lang is None:
            return m.group(0)
        return f'>{m.group(1)}<span lang="{lang}" dir="ltr">{m.group(2)}</span>{m.group(3)}<'

    pattern = text_node
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        body = text.find("<body")
        content = text.find('<div class="md-content"', body)
        footer = text.find('<footer class="md-footer"', max(content, 0))
        if body < 0 or content < 0:
            continue
        end = footer if footer >= 0 else len(text)
        fixed = (text[:body] + pattern.sub(wrap, text[body:content]) + text[content:end]
                 + pattern.sub(wrap, text[end:]))
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
