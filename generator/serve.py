"""`charterkit serve`: build the site, serve it on this computer, and rebuild when a file changes.

Packs are left out while previewing (they are slow to make); `charterkit build` makes them.

The preview survives any edit. A build that fails (a file that cannot be read, broken YAML, a file deleted
or half-saved) prints what is wrong and what to do, and the preview keeps serving the last good site;
saving the fix rebuilds it. Changes are reported by the system through watchdog (inotify on Linux),
so nothing is rescanned while nothing changes; a change is confirmed by comparing the size and time of
every watched file before and after, so an event that changes nothing (a file only read) does not
rebuild. Where the system cannot report changes (some shared folders of virtual machines), `--poll`
looks every second instead.
"""
from __future__ import annotations

import errno
import html
import http.server
import os
import sys
import threading
import time
from pathlib import Path

from .diagnostics import Report
from .pipeline import build

WATCHED = ("site_config.yml", "framework_data", "content", "theme")
#: what watchdog reports that can change a file's contents (not "opened", "closed without writing" or
#: attribute changes: the build itself opens every file)
CHANGES = {"created", "deleted", "modified", "moved", "closed"}
QUIET = 0.3  # seconds without further changes before rebuilding (an editor saves in several steps)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(time, size) of every watched file. Never raises: files may vanish while it looks."""
    state: dict[str, tuple[int, int]] = {}

    def walk(path: str, depth: int = 0) -> None:
        if depth > 30:
            return
        try:
            with os.scandir(path) as entries:
                found = list(entries)
        except OSError:
            return
        for entry in found:
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, depth + 1)
                elif entry.is_file():
                    st = entry.stat()
                    state[entry.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                state[entry.path] = (-1, -1)

    for name in WATCHED:
        path = root / name
        try:
            if path.is_dir():
                walk(str(path))
            elif path.exists():
                st = path.stat()
                state[str(path)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            state[str(path)] = (-1, -1)
    return state


class _Watcher:
    """Tells the main loop when something under WATCHED may have changed."""

    def __init__(self, root: Path, poll: bool = False):
        self.root = root
        self.poll = poll
        self.changed = threading.Event()
        self.rewatch = False  # a watched folder was created, deleted or moved: watch again
        self.observer = None
        self.how = "polling" if poll else "system"

    def start(self) -> None:
        if self.poll:
            return
        try:
            self._start()
        except (OSError, ImportError, RuntimeError) as exc:  # e.g. the system's limit of watched folders
            self._polling(exc)

    def _polling(self, why) -> None:
        print(f"The system cannot tell charterkit about changes ({why}): looking for changes every second "
              "instead.", file=sys.stderr)
        self.stop()
        self.poll = True
        self.how = "polling"

    def _start(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                watcher._event(event)

        self.stop()
        observer = Observer()
        handler = Handler()
        observer.schedule(handler, str(self.root), recursive=False)
        for name in WATCHED:
            if (self.root / name).is_dir():
                observer.schedule(handler, str(self.root / name), recursive=True)
        observer.daemon = True
        observer.start()
        self.observer = observer
        self.how = "system"

    def _event(self, event) -> None:
        if event.event_type not in CHANGES or (event.is_directory and event.event_type == "modified"):
            return
        for path in (getattr(event, "src_path", ""), getattr(event, "dest_path", "")):
            if not path:
                continue
            try:
                rel = Path(os.fsdecode(path)).relative_to(self.root)
            except ValueError:
                continue
            if not rel.parts or rel.parts[0] not in WATCHED:
                continue
            if len(rel.parts) == 1 and rel.parts[0] != "site_config.yml":
                self.rewatch = True
            self.changed.set()

    def wait(self) -> None:
        """Return when something may have changed (and the edits have settled)."""
        if self.poll:
            time.sleep(1)
            return
        self.changed.wait()
        while True:
            self.changed.clear()
            if not self.changed.wait(QUIET):
                break
        if self.rewatch:  # a watched folder was made, removed or renamed: watch what is there now
            self.rewatch = False
            try:
                self._start()
            except (OSError, RuntimeError) as exc:
                self._polling(exc)

    def stop(self) -> None:
        if self.observer is not None:
            try:
                self.observer.stop()
                self.observer.join(timeout=2)
            except RuntimeError:
                pass
            self.observer = None


def _rebuild(root: Path, out: Path, lang: str | None, state: dict, audio: bool = True) -> bool:
    report = Report()
    try:
        ok = build(root, report, out=str(out), lang=lang, packs=False, audio=audio)
    except Exception as exc:  # build() reports its own failures: this is the last guard of the preview
        ok = False
        report.error("serve.build-stopped", f"The build stopped unexpectedly ({type(exc).__name__}: {exc}).",
                     hint="Save a file to try again. If it happens again, please report it.")
    if report.issues:
        print(report.format(), file=sys.stderr)
    stamp = time.strftime("%H:%M:%S")
    if ok:
        print(f"{stamp} Site rebuilt.", flush=True)
        state["problems"] = ""
    else:
        kept = "The preview still shows the last good build" if (out / "index.html").exists() else \
            "There is no good build to show yet"
        print(f"{stamp} {report.summary()} {kept}: fix the problems above and save; the preview rebuilds by itself.",
              file=sys.stderr, flush=True)
        state["problems"] = report.format()
    sys.stderr.flush()
    return ok


def _handler(out: Path, state: dict):
    from .byteranges import ByteRanges

    class Handler(ByteRanges, http.server.SimpleHTTPRequestHandler):  # (parts of files: the audio player's length)
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(out), **kwargs)

        def send_head(self):
            if not (out / "index.html").exists():  # no good build yet: say why, instead of a bare 404
                body = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview not ready"
                        "</title></head><body><main><h1>The preview is not ready</h1><p>The site could not be built. "
                        "Fix the problems below (also shown in the terminal) and save: the preview rebuilds by "
                        "itself.</p><pre>" + html.escape(state.get("problems") or "") + "</pre></main></body></html>")
                data = body.encode("utf-8")
                self.send_response(503)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Retry-After", "2")
                self.end_headers()
                import io

                return io.BytesIO(data)
            return super().send_head()

        def log_message(self, format, *args):  # keep the terminal for build messages
            pass

    return Handler


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, lang: str | None = None, poll: bool = False,
          audio: bool = True) -> int:
    from .build.caches import Caches

    out = Caches.of(root).preview
    state: dict = {"problems": ""}
    try:
        server = http.server.ThreadingHTTPServer((host, port), _handler(out, state))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"Port {port} on {host} is already in use (another preview may be running). "
                  f"Stop that one, or choose another port: charterkit serve --port {port + 1}", file=sys.stderr)
        else:
            print(f"Cannot serve on {host}:{port}: {exc.strerror or exc}. Choose another address with --host "
                  "and --port.", file=sys.stderr)
        return 1
    server.daemon_threads = True
    watcher = _Watcher(root, poll)
    serving = False  # (shutdown() waits for serve_forever() to end: it must not be called before it started)
    try:
        seen = _snapshot(root)
        _rebuild(root, out, lang, state, audio)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        serving = True
        watcher.start()
        print(f"Previewing at http://{host}:{server.server_address[1]}/ - edit any file and the site rebuilds. "
              "Press Ctrl+C to stop.", flush=True)
        while True:
            watcher.wait()
            now = _snapshot(root)
            if now != seen:
                seen = now
                _rebuild(root, out, lang, state, audio)
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        watcher.stop()
        if serving:
            server.shutdown()
        server.server_close()
    return 0
