"""Shared fixtures. The default site is built once per test run and shared by every test that needs it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "projects" / "minimal"
BROKEN = FIXTURES / "broken"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default project (this repository) built into a temporary folder. Returns the site folder."""
    from generator.issues import Report
    from generator.pipeline import build

    out = tmp_path_factory.mktemp("default-site") / "site"
    report = Report()
    ok = build(ROOT, report, out=str(out))
    assert ok, report.format()
    return out


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of the default project's inputs, for tests that change them."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("site_config.yml", "framework_data", "content", "theme"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    nm = ROOT / "node_modules"
    if nm.exists():
        (dest / "node_modules").symlink_to(nm)
    return dest


@pytest.fixture(scope="session")
def make_project(tmp_path_factory):
    """The one way a test makes a small project of its own: a copy of tests/fixtures/projects/minimal (two
    small documents, in English), in a new temporary folder each time.

    make_project(theme=True, node_modules=True, languages=(), broken=(), where=None) -> the project folder
      theme         True: a copy of the whole theme/; False: none; or the names of theme/'s folders to copy
      node_modules  a link to this checkout's node_modules (fonts and pictures), when there is one
      languages     (code, name, direction) of each language to add after English in site_config.yml
      broken        files of tests/fixtures/broken to copy into framework_data/documents/
      where         the folder to make (by default a new one under the test run's temporary folder)
    """
    def make(*, theme=True, node_modules=True, languages=(), broken=(), where=None) -> Path:
        root = Path(where) if where is not None else tmp_path_factory.mktemp("project") / "project"
        shutil.copytree(MINIMAL, root)
        if theme is True:
            shutil.copytree(ROOT / "theme", root / "theme")
        elif theme:
            for name in theme:
                shutil.copytree(ROOT / "theme" / name, root / "theme" / name)
        if node_modules and (ROOT / "node_modules").exists():
            (root / "node_modules").symlink_to(ROOT / "node_modules")
        if languages:
            config = root / "site_config.yml"
            english = "languages:\n  - code: en\n    name: English\n"
            text = config.read_text(encoding="utf-8")
            assert english in text, "tests/fixtures/projects/minimal/site_config.yml has changed: update make_project"
            added = "".join(f"  - code: {code}\n    name: {name}\n    dir: {direction}\n"
                            for code, name, direction in languages)
            config.write_text(text.replace(english, english + added), encoding="utf-8")
        for name in broken:
            shutil.copy(BROKEN / name, root / "framework_data" / "documents" / name)
        return root

    return make


@pytest.fixture
def minimal_project(make_project) -> Path:
    """tests/fixtures/projects/minimal with the theme, ready to build."""
    return make_project()
