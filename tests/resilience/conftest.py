"""Shared helpers for the resilience tests: a small two-language project, running charterkit as a
separate process (as an operator would), small tmpfs disks, and the checks every message must pass."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

PL_INDEX = "---\nsource: {source}\nstatus: draft\n---\n# Strona główna\n\nWitamy na stronie {marker}.\n"
EN_INDEX = "# Home\n\nWelcome to the site {marker}.\n"


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under folder, by path, with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def leftovers(folder: Path, name: str = "site") -> list[str]:
    return sorted(p.name for p in Path(folder).iterdir()
                  if p.name.startswith((f".{name}.building-", f".{name}.old-")))


def write_pages(root: Path, marker: str = "one") -> None:
    """content/en/index.md and its Polish translation (current), with a word that shows which version is built."""
    from generator.model.units import source_hash

    (root / "content" / "en").mkdir(parents=True, exist_ok=True)
    (root / "content" / "pl").mkdir(parents=True, exist_ok=True)
    english = EN_INDEX.format(marker=marker)
    (root / "content" / "en" / "index.md").write_text(english, encoding="utf-8")
    (root / "content" / "pl" / "index.md").write_text(PL_INDEX.format(source=source_hash(english), marker=marker),
                                                       encoding="utf-8")


@pytest.fixture
def project(make_project) -> Path:
    """The minimal project with a second language (Polish: two languages are built side by side, by two
    worker processes), a translation file and a content page in each language."""
    root = make_project(languages=[("pl", "Polski", "ltr")])
    folder = root / "framework_data" / "translations" / "pl"
    folder.mkdir(parents=True)
    (folder / "interface.yml").write_text("status: draft\nentries: {}\n", encoding="utf-8")
    write_pages(root)
    return root


def run(root: Path, *args: str, timeout: float = 120, env: dict | None = None, script: Path | None = None,
        script_args: tuple = ()) -> subprocess.CompletedProcess:
    """charterkit ARGS in root as its own process (or a driver script that runs it, see killer.py)."""
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHARTERKIT_JOBS="2", PYTHONPATH=str(ROOT))
    full_env.update(env or {})
    if script is not None:
        cmd = [sys.executable, str(script), *script_args, *args]
    else:
        cmd = [sys.executable, "-m", "generator", *args]
    return subprocess.run(cmd, cwd=root, env=full_env, capture_output=True, text=True, timeout=timeout)


def start(root: Path, *args: str, env: dict | None = None, script: Path | None = None,
          script_args: tuple = ()) -> subprocess.Popen:
    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHARTERKIT_JOBS="2", PYTHONPATH=str(ROOT))
    full_env.update(env or {})
    cmd = [sys.executable, str(script), *script_args, *args] if script else [sys.executable, "-m", "generator", *args]
    return subprocess.Popen(cmd, cwd=root, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_plain_failure(result, *must_say: str) -> None:
    """A failure an operator can act on: a non-zero exit, no traceback, and the message says each of must_say."""
    text = result.stdout + result.stderr
    assert result.returncode not in (0, None), text
    assert "Traceback" not in text and "build.crash" not in text, text
    for words in must_say:
        assert words in text, f"{words!r} not in:\n{text}"


def _mount(target: Path, size: str, options: str = "") -> None:
    target.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (f",{options}" if options else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode}): these disk tests need "
                    "root and permission to mount")


@pytest.fixture
def tmpfs():
    """mount(path, size): a small tmpfs at path for the test (unmounted afterwards). Needs root: skipped
    with the reason otherwise."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root (and the mount command) to mount a small tmpfs: full and read-only disks are "
                    "made that way")
    mounted: list[Path] = []

    def mount(path: Path, size: str = "48m") -> Path:
        _mount(path, size)
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount_read_only(path: Path) -> None:
    done = subprocess.run(["mount", "-o", "remount,ro", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def fill(disk: Path) -> Path:
    """Fill the file system of disk until it is full; returns the filler file (delete it to free the space)."""
    filler = disk / "filler.bin"
    block = b"\0" * (1 << 20)
    with open(filler, "wb", buffering=0) as fh:
        for size in (1 << 20, 1 << 16, 1 << 12, 1):
            chunk = block[:size]
            while True:
                try:
                    fh.write(chunk)
                except OSError:
                    break
    return filler


def still_running(pids, within: float = 5.0) -> list[int]:
    """The pids still running (not ended, and not waiting to be reaped) after waiting up to within seconds."""
    import time

    deadline = time.monotonic() + within
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if _running(p)]
        if alive:
            time.sleep(0.1)
    return alive


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            state = fh.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return found


class Lines:
    """The output of a running process, line by line, as it comes (stdout and stderr together)."""

    def __init__(self, process):
        import queue
        import threading

        self.process = process
        self.queue: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        for stream in (process.stdout, process.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line)

    def wait_for(self, pattern: str, timeout: float = 60.0):
        """The first line from now on that matches the regular expression pattern."""
        import queue
        import re
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None, "the process ended:\n" + "".join(self.seen)
                continue
            self.seen.append(line)
            m = re.search(pattern, line)
            if m:
                return m
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "".join(self.seen))

    def rest(self, timeout: float = 120.0) -> str:
        """Wait for the process to end; everything it said."""
        import queue

        self.process.wait(timeout=timeout)
        while True:
            try:
                self.seen.append(self.queue.get(timeout=0.5))
            except queue.Empty:
                return "".join(self.seen)
