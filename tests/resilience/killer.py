"""Run `charterkit ARGS` with the build killed by SIGKILL (as kill -9 does) at a chosen point.

    python killer.py POINT PIDS_FILE ARGS...

POINT is where the build dies (or, for "hold", waits); the ids of its worker processes (those alive when it dies) are written to
PIDS_FILE, one a line, so the test can check that they end too. Nothing here changes what the build does
up to that point: the functions named are wrapped, and the wrapper kills the process first.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

POINT, PIDS = sys.argv[1], Path(sys.argv[2])
ARGS = sys.argv[3:]


def note(pid: int) -> None:
    with open(PIDS, "a") as fh:
        fh.write(f"{pid}\n")


def children() -> list[int]:
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == me:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def die() -> None:
    for pid in children():
        note(pid)
    os.kill(os.getpid(), signal.SIGKILL)


import generator.buildlock as buildlock  # noqa: E402
import generator.pipeline as pipeline  # noqa: E402
import generator.print.packs as packs  # noqa: E402


def wrap(owner, name, before):
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        before(*args, **kwargs)
        return real(*args, **kwargs)

    wrapper.__name__ = wrapper.__qualname__ = f"killed_{name}"
    setattr(owner, name, wrapper)
    globals()[wrapper.__name__] = wrapper  # (so a pool can find it by name in its workers)


def kill_parent_from_worker(*args, **kwargs):
    """In a worker: kill the build (the worker's parent), then carry on working for a minute, as a
    worker would that nobody told to stop."""
    note(os.getpid())
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(60)


if POINT == "temp-made":  # the temporary folder exists, nothing is built in it yet
    real_lock = buildlock.lock_folder

    def lock_then_die(folder):
        fd = real_lock(folder)
        die()
        return fd

    buildlock.lock_folder = lock_then_die
elif POINT == "packs-rendering":  # the workers are making PDFs
    wrap(packs, "render", kill_parent_from_worker)
elif POINT == "site-building":  # the workers are building the languages' pages with MkDocs
    wrap(pipeline, "_build_one_language", kill_parent_from_worker)
elif POINT == "before-swap":  # everything built, nothing published
    wrap(pipeline, "_swap", lambda *a, **k: die())
elif POINT == "half-swapped":  # a system without one-step swaps, killed between its two renames
    def no_exchange(a, b):
        raise OSError(22, "Invalid argument")

    pipeline._exchange = no_exchange
    real_replace = os.replace

    def replace(src, dst, *a, **k):
        real_replace(src, dst, *a, **k)
        if Path(src).name == "site" and ".old-" in Path(dst).name:
            die()

    os.replace = replace
elif POINT == "swapped":  # the new site is in place, not yet recorded as finished
    wrap(pipeline, "_record_build", lambda *a, **k: die())
elif POINT == "hold":  # not killed: a build that waits, just before publishing, until the file HOLD is gone
    def hold(*args, **kwargs):
        deadline = time.monotonic() + 120
        while os.path.exists(os.environ["HOLD"]) and time.monotonic() < deadline:
            time.sleep(0.05)

    wrap(pipeline, "_swap", hold)
else:
    raise SystemExit(f"unknown point {POINT}")

from generator.cli import main  # noqa: E402

sys.exit(main(ARGS))
