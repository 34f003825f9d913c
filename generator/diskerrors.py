"""What to tell the person when the computer, not their files, stops a build: a full disk, a read-only
disk, a folder they may not write in. One plain message saying what happened, where, and what to do,
instead of a traceback. The site that was there before is never touched by a build that stops."""
from __future__ import annotations

import errno
import os
from pathlib import Path

FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
READ_ONLY = {errno.EROFS}
NOT_ALLOWED = {errno.EACCES, errno.EPERM}
DISK = FULL | READ_ONLY | NOT_ALLOWED | {errno.EXDEV, errno.EMFILE, errno.ENFILE, errno.EIO}


def is_disk_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK


def _inside(path: str, folder: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(folder)
        return True
    except ValueError:
        return False


def _shown(path: Path) -> str:
    try:
        shown = os.path.relpath(path)
    except ValueError:
        shown = str(path)
    return shown if not shown.startswith("../../") else str(path)


def describe(exc: OSError, root: Path, out_dir: Path) -> tuple[str, str, str, str]:
    """(code, the folder concerned, message, what to do) for an OSError that stopped a build."""
    cache = Path(root) / ".charterkit-cache"
    out_dir = Path(out_dir)
    path = exc.filename if isinstance(exc.filename, str) else None
    other = exc.filename2 if isinstance(getattr(exc, "filename2", None), str) else None
    out_name = out_dir.name
    where_out = f"the output folder {_shown(out_dir)}/"
    if path and _inside(path, cache):
        folder, where = cache, f"charterkit's cache folder {_shown(cache)}/"
    elif path and (_inside(path, out_dir) or Path(path).parent == out_dir.parent and out_name in Path(path).name):
        folder, where = out_dir, where_out
    elif other and _inside(other, out_dir.parent):
        folder, where = out_dir, where_out
    elif path:
        folder, where = Path(path), _shown(Path(path))
    else:
        folder, where = out_dir, where_out
    kept = f"Nothing was published: {_shown(out_dir)}/ is as it was."
    other_out = "build somewhere else with --out FOLDER"
    if exc.errno in FULL:
        if folder == cache:
            todo = (f"Free some space on that disk (deleting {_shown(cache)}/ is safe: the next build makes it again, "
                    "more slowly), then run the build again.")
        else:
            todo = f"Free some space on that disk, or {other_out}, then run the build again."
        return "build.disk-full", str(folder), f"The disk that holds {where} is full. {kept}", todo
    if exc.errno in READ_ONLY:
        return ("build.read-only", str(folder), f"{where[:1].upper()}{where[1:]} is on a disk that can only be read. {kept}",
                f"{other_out[:1].upper()}{other_out[1:]} on a disk you can write to, or ask whoever looks after "
                "this computer to make that disk writable.")
    if exc.errno in NOT_ALLOWED:
        return ("build.not-allowed", str(folder),
                f"charterkit is not allowed to write in {where} ({exc.strerror or 'permission denied'}). {kept}",
                f"{other_out[:1].upper()}{other_out[1:]}, or give yourself the right to write there "
                "(for example: chmod u+w FOLDER, or ask whoever looks after this computer).")
    return ("build.disk", str(folder),
            f"The build could not use {where}: {exc.strerror or exc}. {kept}",
            "Check that the disk is there and working, then run the build again.")
