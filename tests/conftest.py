"""Shared fixtures. The default site is built once per test run and shared by every test that needs it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

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


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    """tests/fixtures/projects/minimal with the theme, ready to build."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "projects" / "minimal", root)
    shutil.copytree(ROOT / "theme", root / "theme")
    if (ROOT / "node_modules").exists():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root
