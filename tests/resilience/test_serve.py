"""`charterkit serve` survives any edit: it says what is wrong (file and line), keeps serving the last good
site, and rebuilds by itself once the file is fixed."""
from __future__ import annotations

import re
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from .conftest import Lines, start

pytestmark = pytest.mark.resilience


class Preview:
    def __init__(self, project):
        self.process = start(project, "serve", "--port", "0", env={"PYTHONFAULTHANDLER": "1"})
        self.output = Lines(self.process)
        self.seen = self.output.seen
        self.port = int(self.wait_for(r"Previewing at http://127\.0\.0\.1:(\d+)/").group(1))

    def wait_for(self, pattern: str, timeout: float = 60.0):
        return self.output.wait_for(pattern, timeout)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self):
        self.process.send_signal(2)  # Ctrl+C
        try:
            # (a generous wait: make test runs this beside the default site's checks, on a busy machine a
            # preview that is rebuilding took over 20 s to end; one that does not end at all still fails)
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            # (where it is stuck, for the failure message: with PYTHONFAULTHANDLER set, SIGABRT makes Python print
            # every thread's stack before it ends)
            self.process.send_signal(signal.SIGABRT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            time.sleep(1)  # (the reader threads take the last lines)
            self.output.rest(timeout=5)


def _bad_edits(project):
    """(what, the file named in the message, make the bad edit, the fix: an edit with a new word in the page)"""
    def write(rel, data):
        path = project / rel
        if path.is_dir():
            shutil.rmtree(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(data, bytes) else lambda d: path.write_text(d, encoding="utf-8"))(data)

    def page(word):
        from .conftest import write_pages

        return lambda: write_pages(project, marker=word)

    strings = (project / "theme/strings/en.yml").read_bytes()
    config = (project / "site_config.yml").read_bytes()
    doc = (project / "framework_data/documents/alpha-charter.yml").read_bytes()
    translation = (project / "framework_data/translations/pl/interface.yml").read_bytes()
    bomb = "status: draft\nentries:\n  x: &a [" + ", ".join(["y" * 900] * 9) + "]\n" + "".join(
        f"  k{n}: *a\n" for n in range(5))
    return [
        ("a Polish page that is not UTF-8", "content/pl/index.md:",
         lambda: write("content/pl/index.md", b"---\nsource: x\n---\n# Strona \xff\n"), page("fixed-pl")),
        ("an English page that is not UTF-8", "content/en/index.md:",
         lambda: write("content/en/index.md", b"# Home \xe9\n"), page("fixed-en")),
        ("interface words that are not UTF-8", "theme/strings/en.yml:",
         lambda: write("theme/strings/en.yml", strings.replace(b":", b": \xff", 1)),
         lambda: (write("theme/strings/en.yml", strings), page("fixed-strings")())),
        ("a document with broken YAML", "framework_data/documents/alpha-charter.yml:",
         lambda: write("framework_data/documents/alpha-charter.yml", doc + b"  - [unclosed\n"),
         lambda: (write("framework_data/documents/alpha-charter.yml", doc), page("fixed-yaml")())),
        ("site_config.yml deleted", "site_config.yml",
         lambda: (project / "site_config.yml").unlink(),
         lambda: (write("site_config.yml", config), page("fixed-config")())),
        ("a page replaced by a folder", "content/en/index.md",
         lambda: (project / "content/en/index.md").unlink() or (project / "content/en/index.md").mkdir(),
         lambda: (shutil.rmtree(project / "content/en/index.md"), page("fixed-folder")())),
        ("aliases that repeat a text many times", "framework_data/translations/pl/interface.yml:",
         lambda: write("framework_data/translations/pl/interface.yml", bomb),
         lambda: (write("framework_data/translations/pl/interface.yml", translation), page("fixed-aliases")())),
    ]


def test_the_preview_survives_every_bad_edit(project):
    preview = Preview(project)
    try:
        status, body = preview.get("/pl/")
        assert status == 200 and "one" in body
        for what, named, spoil, fix in _bad_edits(project):
            good_pl, good_en = preview.get("/pl/")[1], preview.get("/en/")[1]
            spoil()
            preview.wait_for(r"The preview still shows the last good build")
            said = "".join(preview.seen[-40:])
            assert named in said, f"{what}: {named} not named in:\n{said}"
            assert "What to do:" in said and "Traceback" not in said, f"{what}:\n{said}"
            # still serving the last good site, unchanged
            assert preview.get("/pl/") == (200, good_pl), what
            assert preview.get("/en/") == (200, good_en), what
            fix()
            preview.wait_for(r"Site rebuilt\.")
            status, body = preview.get("/pl/")
            assert status == 200 and body != good_pl and "fixed-" in body, f"{what}: not rebuilt after the fix"
        assert "Traceback" not in "".join(preview.seen)
    finally:
        preview.stop()
    assert preview.process.returncode == 0, "the preview did not end on Ctrl+C; its last output:\n" + "".join(
        preview.seen[-80:])


def test_a_preview_that_never_built_says_why_in_the_browser(project):
    (project / "content" / "en" / "index.md").write_bytes(b"# Home \xff\n")
    preview = Preview(project)
    try:
        status, body = preview.get("/en/")
        assert status == 503 and "The preview is not ready" in body and "content/en/index.md:1:" in body
        from .conftest import write_pages

        write_pages(project, marker="fixed")
        preview.wait_for(r"Site rebuilt\.")
        status, body = preview.get("/en/")
        assert status == 200 and "fixed" in body
    finally:
        preview.stop()
