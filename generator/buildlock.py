"""One build at a time: locks, and tidying up after builds that were killed.

Two locks, both taken with flock(2), which the system lets go of the moment the process holding it ends,
however it ends (so a killed build never leaves a lock behind):

- the project's lock, .charterkit-cache/build.lock: every build of a project shares its caches (the pages
  MkDocs built last time, the packs, the spare folders), so two builds of one project never run at once,
  whatever their output folders;
- the output's lock, .<name>.lock beside the output folder (for site/: .site.lock): two builds of
  different projects (two checkouts) never publish into the same folder at once.

A second build waits for the first by default, saying so: it is almost always what the person or job
starting it wants (a fresh site), and since the up-to-date check runs once the lock is held, a build
waiting behind an identical one ends at once with "nothing has changed". `--no-wait` stops at once instead,
for scripts that must not block.

While a build runs, its temporary folder (.site.building-*) is locked too. A later build, holding the
output's lock, deletes every such folder (and .site.old-*) that nobody holds: they were left by builds
that were killed.
"""
from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock and we were asked not to wait."""

    def __init__(self, what: str, holder: str):
        super().__init__(what)
        self.what = what
        self.holder = holder


@dataclass
class Lock:
    path: Path
    fd: int

    def release(self) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)


def _open(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except PermissionError:  # someone else's lock file: reading is enough to lock it
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)


def _holder(fd: int) -> str:
    """What the build holding the lock wrote into it: its process id and when it started."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "another process"


def _say_who(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()}, started at {time.strftime('%H:%M:%S')}\n".encode(), 0)
    except OSError:
        pass  # (a read-only lock file: the lock works all the same)


def acquire(path: Path, what: str, wait: bool = True, on_wait=None) -> Lock | None:
    """Take the lock in the file path. what: what it protects, for messages ("site/").

    wait=False: raise Busy if another process holds it. on_wait(holder) is called once before waiting.
    Returns None where the file system cannot lock files at all (some network drives): the build goes on."""
    fd = _open(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise Busy(what, holder) from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return None
        raise
    except BaseException:
        os.close(fd)
        raise
    _say_who(fd)
    return Lock(path, fd)


def lock_folder(folder: Path) -> int | None:
    """Hold a lock on a folder (a build's temporary folder) while it is in use. Returns the descriptor."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass
    return fd


def _held(folder: Path) -> bool:
    """True if a live build holds the lock on folder (see lock_folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # (no locks on this file system: the output lock already says nobody else is here)
    finally:
        os.close(fd)
    return False


def output_lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


def tidy_leftovers(out_dir: Path) -> list[str]:
    """Delete what killed builds left beside out_dir; call it holding the output's lock. If a build was
    killed half-way through the two renames that replace a site (only where the system cannot swap two
    folders in one step), out_dir is missing and the old site is in .<name>.old-*: it is put back.
    Returns what was done, for the build's message."""
    parent = out_dir.parent
    done: list[str] = []
    if not parent.is_dir():
        return done
    pattern = re.compile(rf"^\.{re.escape(out_dir.name)}\.(building|old)-")
    found = [p for p in parent.iterdir() if pattern.match(p.name) and p.is_dir() and not p.is_symlink()]
    olds = sorted((p for p in found if ".old-" in p.name), key=lambda p: p.stat().st_mtime, reverse=True)
    if not out_dir.exists() and olds and not _held(olds[0]):
        os.replace(olds[0], out_dir)
        done.append(f"put back the site a killed build had moved aside ({olds[0].name})")
        found.remove(olds[0])
    for folder in found:
        if _held(folder):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        done.append(f"removed {folder.name}, left by a build that was stopped")
    return done


_TEMP = re.compile(r"^\..+\.(\d+)(\.tmp)?$")


def tidy_cache(cache: Path) -> None:
    """Delete temporary files (.name.<process id>[.tmp]) that killed builds left in the cache."""
    for folder in (cache, cache / "packs", cache / "markdown", cache / "fonts", cache / "yaml"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            m = _TEMP.match(entry.name)
            if m is None or not entry.is_file(follow_symlinks=False):
                continue
            try:
                os.kill(int(m.group(1)), 0)
                continue  # that process is still running
            except ProcessLookupError:
                pass
            except (PermissionError, OverflowError, ValueError):
                continue
            try:
                os.unlink(entry.path)
            except OSError:
                pass
