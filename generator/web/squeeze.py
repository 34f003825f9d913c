"""Smaller pages: the blank lines and indentation Material's templates leave in every page, taken out.

Material's templates are written for people to read: each page carries runs of blank lines and spaces
around every menu item (a page of 42 KB was 10 KB of them). A browser shows any run of spaces and line
breaks in text as one space, so such a run can be written as one line break with nothing changing on
screen or for a screen reader. squeeze() does only that, and only where it is sure:

- in text between tags, and between the attributes inside a tag (never inside an attribute's value,
  whose spaces are part of it);
- never inside <pre>, <textarea>, <code> and <kbd> (where spaces show: Material sets `white-space:
  pre-wrap` on code and kbd), nor <script> and <style> (whose text the Content-Security-Policy's hashes
  name), nor comments;
- a run without a line break in it (the space between two words) is left as it is.

About a quarter of the HTML's bytes go (22 MB to 16 MB over the default site's 607 pages); compressed,
as a reader downloads a page, the gain is small (about 9%), because blank runs compress well.
"""
from __future__ import annotations

import re

#: What is kept as it is: comments, the elements whose text keeps its spaces (or is code), and tags
#: (a tag is matched whole, with quoted attribute values that may hold ">").
_KEEP = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|pre|textarea|code|kbd)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</(?P=raw)\s*>"
    r"|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I)
#: Spaces and line breaks with at least one line break among them.
_BLANK_RUN = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")
#: Inside a tag: a quoted value (kept), or a run of blanks with a line break (between attributes).
_IN_TAG = re.compile(r"\"[^\"]*\"|'[^']*'|[ \t\r\n\f]*\n[ \t\r\n\f]*")


def _tag(m: re.Match) -> str:
    text = m.group(0)
    return text if text[0] in "\"'" else "\n"


def squeeze(html: str) -> str:
    """html with each run of blanks that holds a line break written as one line break, outside the places
    listed in this module's description."""
    out: list[str] = []
    pos = 0
    for m in _KEEP.finditer(html):
        out.append(_BLANK_RUN.sub("\n", html[pos:m.start()]))
        kept = m.group(0)
        if m.group("raw") is None and not kept.startswith("<!--") and "\n" in kept:
            kept = _IN_TAG.sub(_tag, kept)
        out.append(kept)
        pos = m.end()
    out.append(_BLANK_RUN.sub("\n", html[pos:]))
    return "".join(out)
