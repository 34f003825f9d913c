"""Read a text file an editor can change (a content page, for example), never raising for bad input.

Bytes that are not UTF-8 become an Issue with the file, line and column of the first bad byte, the same
error YAML files get from load/yamlfile.py, instead of a UnicodeDecodeError deep inside a build.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Issue

MAX_BYTES = 2 * 1024 * 1024  # no real page is anywhere near this


def encoding_issue(raw: bytes, exc: UnicodeDecodeError, display: str) -> Issue:
    """The file:line:column error for the first byte that is not UTF-8."""
    before = raw[: exc.start]
    line = before.count(b"\n") + 1
    col = exc.start - (before.rfind(b"\n") + 1) + 1
    return Issue("file.encoding", f"The file is not saved as UTF-8: byte 0x{raw[exc.start]:02x} cannot be read.",
                 file=display, line=line, column=col,
                 hint="Save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8). If you uploaded it, "
                      "copy its text into GitHub's editor instead.")


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Issue]]:
    """The text of path, or None and the reasons it cannot be read (not there, too big, not UTF-8)."""
    display = display or str(path)
    try:
        if Path(path).is_dir():
            return None, [Issue("file.is-folder", "This is a folder, but a file with this name is expected here.",
                                file=display, hint="Rename or remove the folder.")]
        size = Path(path).stat().st_size
        if size > max_bytes:
            return None, [Issue("file.too-large",
                                f"The file is {size / 1024 / 1024:.1f} MB. The largest file charterkit reads is "
                                f"{max_bytes / 1024 / 1024:.0f} MB.", file=display, line=1, column=1,
                                hint="Check that this is the right file.")]
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Issue("file.unreadable", f"The file cannot be read: {exc.strerror or exc}.", file=display,
                            hint="Check that the file is there and that you may read it.")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [encoding_issue(raw, exc, display)]
