"""`charterkit build --compress`: beside each text file of the site (HTML, CSS, JavaScript, JSON, XML, SVG,
plain text), a .gz copy and a .br copy, for hosts that serve precompressed files (nginx gzip_static and
brotli_static, Caddy's precompressed, Netlify and others do it themselves). README.md says how to use them.

The copies are the same bytes every time for the same file (gzip with no file name and time 0; Brotli at
its best setting), so a host that syncs by content sends only what changed. Each copy is kept in the cache
under the hash of the file it was made from: a rebuild compresses only files that changed (Brotli at its
best setting takes about a second a megabyte).

A copy that is not smaller than its file is not written. Without --compress, copies of text files a
previous build left (in a build of one language, the other languages' folders are carried over) are
removed, so no copy is ever older than its file; MkDocs' own sitemap.xml.gz stays.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
from pathlib import Path

from ..diskerrors import write_whole

TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
KINDS = (".gz", ".br")
#: Files smaller than this are sent as they are (a compressed copy saves less than a request's headers).
SMALLEST = 256


def gzip_bytes(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as f:
        f.write(data)
    return out.getvalue()


def brotli_bytes(data: bytes) -> bytes:
    import brotli

    mode = brotli.MODE_TEXT
    return brotli.compress(data, mode=mode, quality=11)


def _text_files(site: Path):
    for folder, _dirs, names in os.walk(site):
        for name in names:
            if name.endswith(TEXT):
                yield Path(folder) / name


def compress_site(site: Path, cache: Path | None = None) -> int:
    """Write the .gz and .br copies of every text file in site; returns how many copies were written."""
    written = 0
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    for file in sorted(_text_files(site)):
        data = file.read_bytes()
        for kind in KINDS:
            target = file.with_name(file.name + kind)
            if os.path.lexists(target):
                os.unlink(target)  # never written into: it may be a link to the previous site's file
            if len(data) < SMALLEST:
                continue
            packed = _cached(data, kind, cache)
            if len(packed) >= len(data):
                continue
            target.write_bytes(packed)
            written += 1
    return written


def _cached(data: bytes, kind: str, cache: Path | None) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    kept = cache / f"{key}{kind}" if cache is not None else None
    if kept is not None and kept.is_file():
        return kept.read_bytes()
    packed = gzip_bytes(data) if kind == ".gz" else brotli_bytes(data)
    if kept is not None:
        write_whole(kept, packed)
    return packed


def remove_copies(site: Path) -> int:
    """Remove the .gz and .br copies of text files (see the module's docstring)."""
    removed = 0
    for file in _text_files(site):
        for kind in KINDS:
            target = file.with_name(file.name + kind)
            if file.name == "sitemap.xml" and kind == ".gz":
                continue  # MkDocs' own
            if os.path.lexists(target):
                os.unlink(target)
                removed += 1
    return removed
