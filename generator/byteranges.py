"""Parts of a file on request (HTTP `Range: bytes=...`), for the small web servers charterkit runs itself: the
preview (`charterkit serve`) and the checks' server (check/harness.py).

Python's http.server always sends a whole file. A browser plays audio from a server like that, but cannot
find out how long an Ogg file is (it reads the end of the file for that) or jump to a point in it, so the
player shows no length. Every ordinary web server answers Range requests; with this, so do charterkit's.
"""
from __future__ import annotations

import os
import re

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class _Part:
    """A file object that stops after n bytes (what SimpleHTTPRequestHandler.copyfile reads from)."""

    def __init__(self, f, n: int):
        self._f, self._left = f, n

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size is None or size < 0 else min(size, self._left)
        data = self._f.read(size)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._f.close()


class ByteRanges:
    """Put before SimpleHTTPRequestHandler in a handler's bases: one range of a file (206 Partial Content),
    or 416 for a range past its end; anything else is answered as before."""

    def send_head(self):
        wanted = self.headers.get("Range")
        match = _RANGE.fullmatch(wanted.strip()) if wanted else None
        path = self.translate_path(self.path)
        if match is None or not os.path.isfile(path) or match.groups() == ("", ""):
            return super().send_head()
        try:
            f = open(path, "rb")
        except OSError:
            return super().send_head()
        size = os.fstat(f.fileno()).st_size
        first, last = match.groups()
        if first == "":  # the last n bytes
            start, end = max(0, size - int(last)), size - 1
        else:
            start, end = int(first), min(int(last), size - 1) if last else size - 1
        if start >= size or start > end:
            f.close()
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        f.seek(start)
        return _Part(f, end - start + 1)
