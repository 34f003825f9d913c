"""The files at the root of the site, from theme/root/: index.html (sends readers to their language),
404.html (a server's own "page not found" page) and sitemap.xml (the languages' sitemaps). Escaped like
the pages (web/text.py: every value escaped once, as html.escape does)."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from .text import _finalize

ROOT_DIR = Path("theme") / "root"


def _js_list(codes) -> Markup:
    """Language codes as a JavaScript list, written as the page always wrote it: ['en', 'pl']."""
    for code in codes:
        if not re.fullmatch(r"[A-Za-z0-9-]+", code):  # (site_config.yml allows no other language code)
            raise ValueError(f"not a language code: {code!r}")
    return Markup(repr(list(codes)))


def root_files(root: Path, config, codes: list[str]) -> dict[str, str]:
    """{file name: text} of the root files, for the languages built (codes, in site_config.yml's order)."""
    from .csp import own_page

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(root) / ROOT_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, finalize=_finalize,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["js_list"] = _js_list
    languages = [lang for lang in config.languages if lang.code in codes]
    values = {"name": config.site.name, "default": config.languages[0], "languages": languages,
              "codes": [lang.code for lang in languages]}
    site_url = (config.site.url or "/").rstrip("/")
    # hreflang links: absolute addresses when the site has one (search engines ask for them), else as the
    # page's own links
    absolute = (config.site.url.rstrip("/") + "/") if config.site.url else None
    return {
        "index.html": own_page(env.get_template("index.html").render(values, base="", alt_base=absolute or "")),
        "404.html": own_page(env.get_template("404.html").render(values, base="/", alt_base=absolute or "/")),
        "sitemap.xml": env.get_template("sitemap.xml").render(values, site_url=site_url),
    }
