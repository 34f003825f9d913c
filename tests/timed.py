"""Run a command and write the time it took and the processor time it used, counting every process it started.

    python tests/timed.py OUTFILE COMMAND...

writes "SECONDS USER SYSTEM" (whole seconds) into OUTFILE when COMMAND has ended, and exits with COMMAND's
exit code. tests/make_test.sh runs each test run through it.

Why not bash's `time`: it counts only the processes that were waited for by their own parent. Chromium (pa11y
and the browser checks) leaves its page processes to the system when it closes, so `time` missed most of
the browser tests' processor time (a page busy for 3 s showed as 0.7 s). This script asks Linux to hand it
every orphaned process of the command (PR_SET_CHILD_SUBREAPER), waits for each one, and so counts them all.

A process the command left running after it ended is stopped after a few seconds, and named on stderr (a
test should not leave one).
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h
LEFTOVER_GRACE = 5.0  # seconds for processes still running when the command has ended


def _children() -> list[tuple[int, str]]:
    """(pid, name) of this process's children (orphans handed to it included)."""
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == me and fields[0] != "Z":
            found.append((int(entry), name))
    return found


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, command = argv[0], argv[1:]
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # then only what bash's time would count is counted
    start = time.monotonic()
    main_pid = os.fork()
    if main_pid == 0:
        try:
            os.execvp(command[0], command)
        except OSError as exc:
            print(f"Could not run {command[0]}: {exc}", file=sys.stderr)
            os._exit(127)
    # Ctrl+C or a TERM reaches the command too (make_test.sh stops each run's process group): wait for it
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    status, deadline = 1, None
    while True:
        try:
            pid, raw = os.waitpid(-1, os.WNOHANG if deadline is not None else 0)
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        if pid == main_pid:
            status = os.waitstatus_to_exitcode(raw)
            status = 128 - status if status < 0 else status
            deadline = time.monotonic() + LEFTOVER_GRACE
        elif pid == 0:  # the command has ended; something it started has not
            if time.monotonic() > deadline:
                left = _children()
                if left:
                    print(f"tests/timed.py: the command left {len(left)} process(es) running, now stopped: "
                          + ", ".join(f"{name} ({pid})" for pid, name in left), file=sys.stderr)
                for pid, _ in left:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                deadline = float("inf")
            time.sleep(0.1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"{time.monotonic() - start:.0f} {usage.ru_utime:.0f} {usage.ru_stime:.0f}\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
