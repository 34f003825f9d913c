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


def plain_os_error(exc: BaseException) -> BaseException:
    """shutil.copytree gathers the errors of every file into one shutil.Error with no errno: the first of
    them, as the OSError it was. Anything else is returned as it is."""
    import re
    import shutil

    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        first = exc.args[0][0]
        if isinstance(first, tuple) and len(first) == 3:
            m = re.search(r"\[Errno (\d+)\] ([^:']+)", str(first[2]))
            if m:
                return OSError(int(m.group(1)), m.group(2).strip(), str(first[1]))
    return exc


def is_disk_error(exc: BaseException) -> bool:
    exc = plain_os_error(exc)
    return isinstance(exc, OSError) and exc.errno in DISK


def _inside(path: str, folder: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(folder)
        return True
    except ValueError:
        return False


def _of_output(path: str, out_dir: Path) -> bool:
    """path is the output folder, or in it, or in the folder a build makes beside it (.site.building-*), or
    is that build's lock (.site.lock)."""
    try:
        first = Path(os.path.abspath(path)).relative_to(out_dir.parent).parts[0]
    except (ValueError, IndexError):
        return False
    return first == out_dir.name or first.startswith(f".{out_dir.name}.")


def _shown(path: Path) -> str:
    try:
        shown = os.path.relpath(path)
    except ValueError:
        shown = str(path)
    return shown if not shown.startswith("../../") else str(path)


def _free(folder: Path) -> tuple[int, bool] | None:
    """(bytes free, read-only?) for the disk that holds folder (or its nearest existing parent)."""
    folder = Path(folder)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize, bool(st.f_flag & os.ST_RDONLY)


def _which_disk(code: int, cache: Path, out_dir: Path) -> str | None:
    """Which of the cache and the output is on the disk that is full (or read-only), when the error does
    not say. None if it cannot be told."""
    cache_disk, out_disk = _free(cache), _free(out_dir.parent)
    if cache_disk is None or out_disk is None:
        return None
    if code in READ_ONLY:
        if cache_disk[1] != out_disk[1]:
            return str(cache) if cache_disk[1] else str(out_dir)
        return None
    if code in FULL and cache_disk[0] != out_disk[0]:
        return str(cache) if cache_disk[0] < out_disk[0] else str(out_dir)
    return None


def describe(exc: OSError, cache: Path, out_dir: Path) -> tuple[str, str, str, str]:
    """(code, the folder concerned, message, what to do) for an OSError that stopped a build. cache: the
    build's cache folder (build/caches.py)."""
    cache = Path(cache)
    out_dir = Path(out_dir)
    path = exc.filename if isinstance(exc.filename, str) else None
    other = exc.filename2 if isinstance(getattr(exc, "filename2", None), str) else None
    out_name = out_dir.name
    where_out = f"the output folder {_shown(out_dir)}/"
    if path is None and other is None:  # (a write to a file already open says no name): ask the disks
        path = _which_disk(exc.errno, cache, out_dir)
    if path and _inside(path, cache):
        folder, where = cache, f"charterkit's cache folder {_shown(cache)}/"
    elif path and _of_output(path, out_dir):
        folder, where = out_dir, where_out
    elif other and _of_output(other, out_dir):
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


def write_whole(path: Path, data: bytes) -> None:
    """Write data to path in one step: into a hidden file beside it, then renamed over it, so a reader (another
    build, a process stopped halfway) finds the old file or the new one, never half of one. Makes the folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
