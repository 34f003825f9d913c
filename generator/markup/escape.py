"""Escaping for the web pages' Markdown and HTML (print uses markupsafe through its Jinja templates)."""
from __future__ import annotations

import html

from . import sanitise


def esc(text: str) -> str:
    """An address or other value charterkit made, for an attribute in double quotes. Words from the data
    go through sanitise.text() (md_inline) instead."""
    return html.escape(text, quote=True)


def md_inline(text) -> str:
    """Plain text (a title, a label) as inert HTML that is safe inside Markdown and HTML alike: a heading,
    a link's words, a table cell (see sanitise.text). Runs of white space become one space."""
    return sanitise.text(" ".join(str(text).split()))
