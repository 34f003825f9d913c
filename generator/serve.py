"""`charterkit serve`: build the site, serve it on this computer, and rebuild when a file changes.

Packs are left out while previewing (they are slow to make); `charterkit build` makes them.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from .issues import Report
from .pipeline import build

WATCHED = ("site_config.yml", "framework_data", "content", "theme")


def _snapshot(root: Path) -> dict[str, float]:
    state: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            state[str(path)] = path.stat().st_mtime
        elif path.is_dir():
            for f in path.rglob("*"):
                if f.is_file():
                    state[str(f)] = f.stat().st_mtime
    return state


def _rebuild(root: Path, out: Path, lang: str | None) -> None:
    report = Report()
    ok = build(root, report, out=str(out), lang=lang, packs=False)
    if report.issues:
        print(report.format(), file=sys.stderr)
    if ok:
        print(f"{time.strftime('%H:%M:%S')} Site rebuilt.")
    else:
        print(f"{time.strftime('%H:%M:%S')} {report.summary()} The preview still shows the last good build.",
              file=sys.stderr)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, lang: str | None = None) -> int:
    out = root / ".charterkit-cache" / "preview"
    _rebuild(root, out, lang)
    out.mkdir(parents=True, exist_ok=True)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(out), **kwargs)

        def log_message(self, format, *args):  # keep the terminal for build messages
            pass

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Previewing at http://{host}:{port}/ - edit any file and the site rebuilds. Press Ctrl+C to stop.")
    state = _snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(root)
            if now != state:
                state = now
                _rebuild(root, out, lang)
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.shutdown()
    return 0
