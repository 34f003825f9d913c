"""A failed build leaves the previous site exactly as it was; a good build replaces it whole."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import build

pytestmark = pytest.mark.build


def tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(minimal_project) -> Path:
    return minimal_project


def test_minimal_project_builds(project):
    report = Report()
    assert build(project, report, packs=False), report.format()
    assert (project / "site" / "en" / "alpha-charter" / "commitment-1" / "index.html").exists()
    assert (project / "site" / "en" / "beta-outcomes" / "outcome-2" / "index.html").exists()


def test_bad_input_leaves_previous_site_untouched(project):
    assert build(project, Report(), packs=False)
    before = tree_hash(project / "site")
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("outcome-2]", "outcome-7]"), encoding="utf-8")
    report = Report()
    assert not build(project, report, packs=False)
    assert any(i.code == "ref.unknown-item" for i in report.errors)
    assert tree_hash(project / "site") == before
    # (.site.lock, the lock of builds into site/, stays: see generator/buildlock.py)
    leftovers = [p.name for p in project.iterdir() if p.name.startswith((".site.building-", ".site.old-"))]
    assert leftovers == []


def test_crash_in_the_middle_leaves_previous_site_untouched(project, monkeypatch):
    assert build(project, Report(), packs=False)
    before = tree_hash(project / "site")

    import generator.web.mkdocs_engine as adapter

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(adapter, "build_language", explode)
    report = Report()
    assert not build(project, report, packs=False, clean=True)  # clean: nothing changed, but build anyway
    assert any(i.code == "build.crash" for i in report.errors)
    assert tree_hash(project / "site") == before


def test_good_build_replaces_old_files(project):
    assert build(project, Report(), packs=False)
    stale = project / "site" / "en" / "stale.html"
    stale.write_text("old")
    assert build(project, Report(), packs=False)
    assert not stale.exists()


def test_a_build_that_fails_after_mkdocs_ran_leaves_previous_site_untouched(project, monkeypatch):
    """The pages MkDocs built are linked into the published site, not copied: the next build must replace
    those files, never write into them, or a build that fails later would still change the site."""
    assert build(project, Report(), packs=False)
    site = project / "site"
    before = tree_hash(site)
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("We will listen to you.", "We will listen to you, always."),
                   encoding="utf-8")

    import generator.pipeline as pipeline

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "_write_root", explode)  # runs after every language's MkDocs build
    assert not build(project, Report(), packs=False)
    assert tree_hash(site) == before
    monkeypatch.undo()
    assert build(project, Report(), packs=False)  # and the next good build has the change
    page = site / "en" / "alpha-charter" / "commitment-1" / "index.html"
    assert "We will listen to you, always." in page.read_text(encoding="utf-8")
