"""Worker processes end when the build that started them ends, however it ends (even kill -9).

A ProcessPoolExecutor's workers are ordinary child processes: when the build is killed they carry on
rendering into a folder nobody will publish, holding memory and the build's locks. Every pool charterkit
starts runs worker_init() in each worker:

- on Linux, prctl(PR_SET_PDEATHSIG, SIGKILL): the kernel kills the worker the moment its parent dies
  (strictly, the moment the parent's thread that started it ends: charterkit starts pools from the main
  thread, whose end is the end of the build);
- everywhere, a watcher thread that checks every half second that the parent is still the same process,
  and ends the worker if not (for systems without prctl, and in case the signal is missed).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def _set_parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, every: float = 0.5) -> None:
    while True:
        time.sleep(every)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int | None = None) -> None:
    """Make this (worker) process end when its parent ends. parent: the parent's process id, as the parent
    saw it (default: the current parent)."""
    parent = os.getppid() if parent is None else parent
    _set_parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="charterkit-parent-watch", daemon=True).start()
    # the build's own handler (see cli.py) is for the build process: a worker stops at once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl+C reaches every process of the terminal: the build stops its workers itself (stop_pool), so they
    # need not each print a KeyboardInterrupt traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_init(parent: int, then=None) -> None:
    """Pool initializer: die_with_parent(parent), then the pool's own initializer, if any."""
    die_with_parent(parent)
    if then is not None:
        then()


def stop_pool(pool) -> None:
    """Stop a ProcessPoolExecutor now (the build is stopping: Ctrl+C, kill, or an error): queued work is
    dropped and the workers are ended, instead of the pool finishing every queued pack first."""
    # The workers are listed before shutdown(): it forgets them (pool._processes becomes None), and a worker
    # that is not ended here goes on writing into the build's folder after the build has removed it.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):
            pass
    for process in processes:  # ended before the build tidies up its folder
        try:
            process.join(timeout=10)
        except (OSError, AttributeError, ValueError, AssertionError):
            pass
