"""Where each web page goes, and the links between pages: docs paths (what MkDocs is given), their final
addresses, and links for Markdown and for raw HTML."""
from __future__ import annotations

import os
import posixpath

from ..model.schema import Document, Item


def doc_path(doc: Document) -> str:
    return f"{doc.id}/index.md"


def item_path(doc: Document, item: Item) -> str:
    return f"{doc.id}/{item.id}.md"


def easy_read_path(doc: Document) -> str:
    return f"{doc.id}/easy-read.md"


def link(from_path: str, to_path: str, anchor: str | None = None) -> str:
    rel = os.path.relpath(to_path, os.path.dirname(from_path) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def output_url(path: str) -> str:
    """Where a docs file ends up, relative to the language's root: a.md -> a/, a/index.md -> a/."""
    if path == "index.md" or path.endswith("/index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[:-3] + "/"
    return path


def href(from_path: str, to_path: str, anchor: str | None = None) -> str:
    """A link for raw HTML (which MkDocs does not rewrite): from one page's final address to another's."""
    base = output_url(from_path)
    target = output_url(to_path)
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel + (f"#{anchor}" if anchor else "")


def prefix(path: str) -> str:
    """From a page's final address back to the language's root folder (where packs/ is), for raw HTML links."""
    depth = output_url(path).count("/")
    return "../" * depth
