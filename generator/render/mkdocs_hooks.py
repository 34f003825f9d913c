"""MkDocs hooks (MkDocs's own plugin-free extension point, named in the generated mkdocs.yml).

on_env keeps the compiled Material templates between builds, so a rebuild does not compile them again.

on_post_page and on_post_template mark titles that are shown in English on a page in another language.
Menus, contents lists, breadcrumbs and previous/next links repeat page and section titles as plain text, so
a title shown in English would lose its lang="en" there. The page writer lists those titles (with their
language) in extra.charterkit.fallback_titles; here each copy outside the page's own content (which the
page writer has already marked) gets <span lang="en" dir="ltr">, as the page is written.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2

_PATTERNS: dict = {}


def on_env(env: jinja2.Environment, config, files):
    cache = _settings(config).get("template_cache")
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
    return env


def on_post_page(output: str, page, config) -> str:
    return mark_titles(output, _settings(config).get("fallback_titles") or {})


def on_post_template(output_content: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return mark_titles(output_content, _settings(config).get("fallback_titles") or {})


def _settings(config) -> dict:
    return (config.get("extra") or {}).get("charterkit") or {}


def _pattern(titles: dict[str, str]) -> re.Pattern | None:
    """One pattern that finds only text nodes that are exactly one of the titles (as Jinja, Python or
    Markdown escape it, with any spacing): the regex engine skips every other text node by itself."""
    key = tuple(sorted(titles))
    if key not in _PATTERNS:
        from markupsafe import escape

        forms = set()
        for title in titles:
            for form in (str(escape(title)), html.escape(title), html.escape(title, quote=False)):
                forms.add(r"\s+".join(re.escape(word) for word in form.split()))
        forms.discard("")
        _PATTERNS.clear()  # one set of titles per language: keep only the latest
        _PATTERNS[key] = re.compile(rf">(\s*)((?:{'|'.join(sorted(forms, key=len, reverse=True))}))(\s*)<") if forms else None
    return _PATTERNS[key]


def mark_titles(text: str, titles: dict[str, str]) -> str:
    """Wrap each copy of a title from titles, outside the page content, in a span with its language."""
    if not titles:
        return text
    pattern = _pattern(titles)
    if pattern is None:
        return text
    body = text.find("<body")
    content = text.find('<div class="md-content"', body)
    if body < 0 or content < 0:
        return text
    footer = text.find('<footer class="md-footer"', content)
    end = footer if footer >= 0 else len(text)

    def wrap(m):
        lang = titles.get(" ".join(html.unescape(m.group(2)).split()))
        if lang is None:
            return m.group(0)
        return f'>{m.group(1)}<span lang="{lang}" dir="ltr">{m.group(2)}</span>{m.group(3)}<'

    return text[:body] + pattern.sub(wrap, text[body:content]) + text[content:end] + pattern.sub(wrap, text[end:])
