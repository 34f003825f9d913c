"""MkDocs hooks (MkDocs's own plugin-free extension point, named in the generated mkdocs.yml).

on_files adds the pages charterkit made, which it hands over in memory rather than as a docs folder.

on_env keeps the compiled Material templates between builds, so a rebuild does not compile them again.

on_page_content passes the HTML MkDocs made of each page through sanitize.clean_page(): the page-wide
allow-list of the tags, attributes and URL schemes charterkit's pages use (a second line of defence: the
words in it were made safe before MkDocs saw them, see render/sanitize.py).

on_post_page and on_post_template add the Content-Security-Policy to every page (render/csp.py), and
mark titles that are shown in English on a page in another language.
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

_FORMS: dict = {}


def on_env(env: jinja2.Environment, config, files):
    env.filters["ck_text"] = plain_title
    cache = _settings(config).get("template_cache")
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(cache)
    return env


def on_files(files, config):
    """charterkit's pages, handed over in memory by the build (mkdocs_adapter.build_language). Plain
    `mkdocs build` on an exported docs folder finds none here and reads the folder as usual."""
    import sys

    # Looked up, not imported: plain MkDocs need not load charterkit (the benchmarks time it).
    mkdocs_adapter = sys.modules.get("generator.render.mkdocs_adapter")
    pending = mkdocs_adapter.PENDING.get(config["docs_dir"]) if mkdocs_adapter else None
    if pending is None:
        return files
    return mkdocs_adapter.add_files(files, config, pending)


def on_page_content(html_text: str, page, config, files) -> str:
    if not _settings(config):  # MkDocs run without charterkit's settings: leave its pages alone
        return html_text
    from generator.markup.sanitise import clean_page

    return clean_page(html_text)


def on_post_page(output: str, page, config) -> str:
    return _policy(mark_titles(output, _settings(config).get("fallback_titles") or {}), config)


def on_post_template(output_content: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _policy(mark_titles(output_content, _settings(config).get("fallback_titles") or {}), config)


def _policy(output: str, config) -> str:
    if not _settings(config):  # MkDocs run without charterkit's settings: leave its pages alone
        return output
    from generator.render.csp import add_policy, theme_scripts

    return add_policy(output, theme_scripts(str(config["theme"].custom_dir or "") or None))


_TAG = re.compile(r"<[^>]*>")


def plain_title(value) -> str:
    """A title (HTML text: escaped words, maybe a <span lang>) for <title> or an attribute: its tags taken
    out, its character references kept as they are. (Jinja's striptags would decode them: "&lt;img&gt;" in
    a title would become a real <img> tag in <title>.)"""
    text = _TAG.sub("", str(value or ""))
    return " ".join(text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").split())


def _settings(config) -> dict:
    return (config.get("extra") or {}).get("charterkit") or {}


_TEXT_NODE = re.compile(r">(\s*)([^<>]+?)(\s*)<")


def _forms(titles: dict[str, str]) -> dict[str, str]:
    """Each title as it appears in HTML (escaped as Jinja, Python or Markdown escape it) -> its language."""
    # the same dict (the configuration's) for every page of a language: worked out once, not per page
    if _FORMS.get("source") is not titles:
        from markupsafe import escape

        forms = {}
        from generator.markup.sanitise import text as inert_text

        for title, lang in titles.items():
            for form in (str(escape(title)), html.escape(title), html.escape(title, quote=False), inert_text(title)):
                forms[form] = lang
        _FORMS.clear()  # one set of titles per language: keep only the latest
        _FORMS.update(source=titles, forms=forms)
    return _FORMS["forms"]


def mark_titles(text: str, titles: dict[str, str]) -> str:
    """Wrap each copy of a title from titles, outside the page content, in a span with its language."""
    if not titles:
        return text
    from generator.markup.lang import wrap as mark_language

    body = text.find("<body")
    content = text.find('<div class="md-content"', body)
    if body < 0 or content < 0:
        return text
    footer = text.find('<footer class="md-footer"', content)
    end = footer if footer >= 0 else len(text)
    forms = _forms(titles)

    def wrap(m):
        words = m.group(2)
        lang = forms.get(words)
        if lang is None:
            if "&" not in words and "  " not in words and "\n" not in words and "\t" not in words:
                return m.group(0)  # the usual case, decided without any more work
            lang = titles.get(" ".join(html.unescape(words).split()))
            if lang is None:
                return m.group(0)
        return f'>{m.group(1)}{mark_language(words, lang, "")}{m.group(3)}<'

    return (text[:body] + _TEXT_NODE.sub(wrap, text[body:content]) + text[content:end]
            + _TEXT_NODE.sub(wrap, text[end:]))
