"""The Markdown of the data (statements, easy-read points, meanings) as safe HTML, each text converted once.

MarkdownCache is handed to whoever writes a language's pages (web/pages.py): it keeps
the HTML of the texts converted so far, and, given a file (one per language, in .charterkit-cache/markdown/),
the HTML of the last build's texts too, so a rebuild converts only new texts. The file is filed under the
converter's digest, so it is never used by other code or another Markdown. Nothing is kept in module
state except the memo of the pure conversion (the same text gives the same HTML in every language).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

from . import sanitise


@functools.lru_cache(maxsize=65536)
def markdown_html(text: str) -> str:
    """Markdown to safe HTML (sanitise.markdown_html, the "text" profile), each different text converted once
    per process: the same texts come back in every language that falls back to English, and one converter
    is reused (making one costs more than using it)."""
    return sanitise.markdown_html(text)


@functools.lru_cache(maxsize=1)
def converter_digest() -> str:
    """What the HTML of a text depends on besides the text: the Markdown package, nh3, sanitise.py and this
    file's code."""
    return hashlib.sha256(sanitise.digest().encode() + b"\0" + Path(__file__).read_bytes()).hexdigest()


class MarkdownCache:
    """The HTML of the Markdown texts one language's pages use, kept in file between builds (or only in
    memory when file is None). convert() is what the page writer calls; save() writes back only the texts
    this build used, if anything changed."""

    def __init__(self, file: Path | None = None):
        self.file = Path(file) if file is not None else None
        self.known: dict[str, str] = {}
        self.used: set[str] = set()
        self.added = False
        if self.file is None:
            return
        try:
            loaded = pickle.loads(self.file.read_bytes())
            if isinstance(loaded, dict) and loaded.get("digest") == converter_digest():
                self.known = loaded["texts"]
        except Exception:  # noqa: BLE001 - no file yet, or one that cannot be read: start afresh
            self.known = {}

    def convert(self, text: str) -> str:
        self.used.add(text)
        found = self.known.get(text)
        if found is not None:
            return found
        out = self.known[text] = markdown_html(text)
        self.added = True
        return out

    def save(self) -> None:
        if self.file is None or (not self.added and len(self.used) == len(self.known)):
            return  # (in memory only, or the same texts as last time)
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temp = self.file.with_name(f".{self.file.name}.{os.getpid()}")
            temp.write_bytes(pickle.dumps({"digest": converter_digest(),
                                           "texts": {t: self.known[t] for t in self.used if t in self.known}},
                                          protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temp, self.file)
        except OSError:
            pass
