"""Titles shown in another language than the page's, marked in the parts of the page MkDocs and Material
write (menus, contents lists, breadcrumbs, previous/next links), and titles made plain for <title>.

The page writer marks every text it writes that is in another language (markup/lang.py); menus and the
like repeat page and section titles as plain text, so a title shown in English on a Polish page would lose
its lang="en" there. The page writer lists those titles (with their language); TitleMarker wraps each copy
of them outside the page's own content, as the page is written. Used by the plugin (plugin.py).
"""
from __future__ import annotations

import html
import re

from ...markup.lang import LRI, PDI
from ...markup.lang import wrap as mark_language

_TAG = re.compile(r"<[^>]*>")
_BDI_LTR = re.compile(r'<bdi dir="ltr">([^<>]*)</bdi>')


def plain_title(value) -> str:
    """A title (HTML text: escaped words, maybe a <span lang>) for <title> or an attribute: its tags taken
    out, its character references kept as they are. (Jinja's striptags would decode them: "&lt;img&gt;" in
    a title would become a real <img> tag in <title>.) A label kept left to right (<bdi dir="ltr">, see
    markup/lang.py) keeps its order with Unicode isolates instead."""
    text = _BDI_LTR.sub(lambda m: f"{LRI}{m.group(1)}{PDI}", str(value or ""))
    text = _TAG.sub("", text)
    return " ".join(text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").split())


_TEXT_NODE = re.compile(r">(\s*)([^<>]+?)(\s*)<")


class TitleMarker:
    """The titles of one language's pages that are in another language (text -> its language), and the
    forms each takes in HTML (escaped as Jinja, Python or Markdown escape it), worked out once."""

    def __init__(self, titles: dict[str, str]):
        from markupsafe import escape

        from ...markup.sanitise import text as inert_text

        self.titles = dict(titles)
        self.forms: dict[str, str] = {}
        for title, lang in self.titles.items():
            for form in (str(escape(title)), html.escape(title), html.escape(title, quote=False), inert_text(title)):
                self.forms[form] = lang

    def mark(self, text: str) -> str:
        """Wrap each copy of a title, outside the page content, in a span with its language."""
        if not self.titles:
            return text
        body = text.find("<body")
        content = text.find('<div class="md-content"', body)
        if body < 0 or content < 0:
            return text
        footer = text.find('<footer class="md-footer"', content)
        end = footer if footer >= 0 else len(text)
        forms, titles = self.forms, self.titles

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


def mark_titles(text: str, titles: dict[str, str]) -> str:
    """TitleMarker(titles).mark(text), for one page."""
    return TitleMarker(titles).mark(text)
