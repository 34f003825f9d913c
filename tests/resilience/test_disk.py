"""The disk, not the files: a full disk (for the output or for .charterkit-cache/), a read-only output
folder, a folder charterkit may not write in, and an output folder on another disk. Each failure is one
plain message naming the folder and what to do, with the old site intact; another disk simply works.

Full and read-only disks are small tmpfs mounts, which need root: elsewhere these tests are skipped,
saying why."""
from __future__ import annotations

import errno

import pytest

from generator.diagnostics import Report
from generator.pipeline import build

from .conftest import fill, leftovers, remount_read_only, tree_hash, write_pages


def _build(project, out=None) -> Report:
    """A build in this process (the same code as the command, without starting Python again)."""
    report = Report()
    report.ok = build(project, report, out=str(out) if out else "site", packs=False)
    return report


def assert_plain_failure(report: Report, *must_say: str) -> None:
    """One error, saying each of must_say, and no traceback."""
    assert not report.ok
    text = report.format()
    assert len(report.errors) == 1, text
    assert "Traceback" not in text and "build.crash" not in text, text
    for words in must_say:
        assert words in text, f"{words!r} not in:\n{text}"

pytestmark = pytest.mark.resilience


def test_output_on_a_full_disk(project, tmp_path, tmpfs):
    disk = tmpfs(tmp_path / "disk", "40m")
    out = disk / "site"
    assert _build(project, out).ok
    before = tree_hash(out)
    filler = fill(disk)
    write_pages(project, marker="two")
    result = _build(project, out)
    assert_plain_failure(result, "is full", "disk/site/", "Free some space", "Nothing was published")
    assert tree_hash(out) == before
    assert leftovers(disk) == []
    filler.unlink()
    assert _build(project, out).ok
    assert "two" in (out / "en" / "index.html").read_text(encoding="utf-8")


def test_cache_on_a_full_disk(project, tmpfs):
    cache = tmpfs(project / ".charterkit-cache", "48m")
    assert _build(project).ok
    site = project / "site"
    before = tree_hash(site)
    filler = fill(cache)
    write_pages(project, marker="two")
    # a new page: files the cache does not have yet (a changed page can replace its old file in place)
    (project / "content" / "en" / "about.md").write_text("# About\n\nA new page.\n", encoding="utf-8")
    result = _build(project)
    assert_plain_failure(result, "is full", ".charterkit-cache/", "Free some space", "Nothing was published")
    assert tree_hash(site) == before
    assert leftovers(project) == []
    filler.unlink()
    assert _build(project).ok
    assert "two" in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_read_only_output(project, tmp_path, tmpfs):
    disk = tmpfs(tmp_path / "disk", "40m")
    out = disk / "site"
    assert _build(project, out).ok
    before = tree_hash(out)
    remount_read_only(disk)
    write_pages(project, marker="two")
    result = _build(project, out)
    assert_plain_failure(result, "can only be read", "disk/site/", "--out", "Nothing was published")
    assert tree_hash(out) == before


def test_output_on_another_disk_simply_works(project, tmp_path, tmpfs):
    """--out on another file system than .charterkit-cache/, where the spare folders kept from the last
    build are (see pipeline._keep_spares): they cannot be moved across, so they are not used there."""
    assert _build(project).ok
    write_pages(project, marker="one-b")
    assert _build(project).ok  # the replaced site's folders kept as spares
    assert (project / ".charterkit-cache" / "spare" / "en").is_dir()
    disk = tmpfs(tmp_path / "disk", "48m")
    out = disk / "site"
    for marker in ("two", "three"):
        write_pages(project, marker=marker)
        result = _build(project, out)
        assert result.ok, result.format()
        assert marker in (out / "pl" / "index.html").read_text(encoding="utf-8")
    assert sorted(tree_hash(out)) == sorted(tree_hash(project / "site"))  # the same pages as on this disk
    # and back on this disk, from spares kept (or not) on the other
    assert _build(project).ok
    assert "three" in (project / "site" / "pl" / "index.html").read_text(encoding="utf-8")


def test_a_folder_charterkit_may_not_write_in(project, monkeypatch):
    """Permission denied (as root it cannot be made for real, so the system's answer is given to the build)."""
    assert _build(project).ok
    before = tree_hash(project / "site")
    write_pages(project, marker="two")
    import tempfile

    def refuse(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    report = Report()
    assert not build(project, report, packs=False)
    [issue] = report.errors
    assert issue.code == "build.not-allowed", report.format()
    assert "site/" in issue.message and "Nothing was published" in issue.message and "--out" in issue.hint
    assert "Traceback" not in report.format()
    assert tree_hash(project / "site") == before
