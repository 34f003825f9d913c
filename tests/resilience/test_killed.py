"""kill -9 at any moment of a build: the old site stays byte for byte as it was (or, once the swap is
done, the new one is whole), no worker process is left running, and the next build tidies up and
builds for real (never "up to date" on a site no build finished)."""
from __future__ import annotations

import os
import signal
import time

import pytest

from .conftest import HERE, children_of, leftovers, run, start, still_running, tree_hash, write_pages

pytestmark = pytest.mark.resilience

KILLER = HERE / "killer.py"


def _killed_build(project, tmp_path, point, *args):
    pids = tmp_path / f"{point}.pids"
    result = run(project, "build", *args, script=KILLER, script_args=(point, str(pids)))
    assert result.returncode == -signal.SIGKILL, f"{point}: {result.returncode}\n{result.stdout}\n{result.stderr}"
    noted = [int(line) for line in pids.read_text().split()] if pids.exists() else []
    return noted


def test_killed_before_publishing_leaves_the_old_site_and_no_process(project, tmp_path):
    """Killed at each point before the swap, one after the other: after each, the old site is byte for byte as
    it was and no worker is left; then one build tidies up after all of them."""
    first = run(project, "build", "--no-packs")
    assert first.returncode == 0, first.stderr
    site = project / "site"
    before = tree_hash(site)
    write_pages(project, marker="two")  # a real change, so each build is a real one
    for point, args in (("temp-made", ("--no-packs",)),
                        ("packs-rendering", ()),  # (the packs are not made yet: they are rendered)
                        ("site-building", ("--no-packs",)),
                        ("before-swap", ("--no-packs",))):
        workers = _killed_build(project, tmp_path, point, *args)
        if point in ("packs-rendering", "site-building"):
            assert len(workers) >= 1, f"{point}: the workers did not start"
        assert still_running(workers) == [], f"workers still running after the build was killed at {point}"
        assert tree_hash(site) == before, f"the old site changed when the build was killed at {point}"
        # its own temporary folder is left; each build removed the one the build before it left
        assert len(leftovers(project)) == 1, (point, leftovers(project))

    again = run(project, "build", "--no-packs")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Nothing has changed" not in again.stdout
    assert leftovers(project) == []
    assert "two" in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Traceback" not in again.stderr


def test_killed_after_the_swap_is_never_taken_as_finished(project, tmp_path):
    assert run(project, "build", "--no-packs").returncode == 0
    write_pages(project, marker="two")
    _killed_build(project, tmp_path, "swapped", "--no-packs")
    site = project / "site"
    # the site in place is whole: the new one (the swap is one step)
    assert "two" in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert (site / "pl" / "index.html").is_file() and (site / "index.html").is_file()
    again = run(project, "build", "--no-packs")
    assert again.returncode == 0, again.stderr
    assert "Nothing has changed" not in again.stdout, "a site whose build was killed was taken as up to date"
    assert leftovers(project) == []
    # and once a build has finished, an unchanged project is up to date
    assert "Nothing has changed" in run(project, "build", "--no-packs").stdout


def test_killed_between_two_renames_the_old_site_is_put_back(project, tmp_path):
    """Where folders cannot be swapped in one step, a build killed between its two renames leaves no site
    folder: the next build, whatever it finds, puts the old one back first."""
    assert run(project, "build", "--no-packs").returncode == 0
    site = project / "site"
    before = tree_hash(site)
    write_pages(project, marker="two")
    _killed_build(project, tmp_path, "half-swapped", "--no-packs")
    assert not site.exists() and len(leftovers(project)) >= 1  # the moment the kill caught
    # the next build fails its checks, so it publishes nothing: what it finds is the old site, put back
    (project / "content" / "en" / "index.md").write_bytes(b"# Home\n\nBad \xff byte\n")
    failed = run(project, "build", "--no-packs")
    assert failed.returncode == 1
    assert tree_hash(site) == before
    assert leftovers(project) == []
    write_pages(project, marker="three")
    assert run(project, "build", "--no-packs").returncode == 0
    assert "three" in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_kill_minus_nine_from_outside_while_workers_render(project):
    """As an operator would: kill -9 the build's process while its workers are busy."""
    assert run(project, "build", "--no-packs").returncode == 0
    site = project / "site"
    before = tree_hash(site)
    write_pages(project, marker="two")
    build = start(project, "build", "--no-packs")
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:
        # its workers, once it has begun the new site (before that, a child can be a quick look at a program's
        # version, such as the speech tools', which is not rendering)
        workers = children_of(build.pid) if any(p.name.startswith(".site.building-") for p in project.iterdir()) else []
        if workers:
            break
        time.sleep(0.02)
    assert workers, "the build finished before its workers could be seen"
    os.kill(build.pid, signal.SIGKILL)
    build.communicate(timeout=30)
    assert still_running(workers) == [], "workers outlived the build"
    assert tree_hash(site) == before
    assert any(p.name.startswith(".site.building-") for p in project.iterdir())  # what a killed build leaves
    again = run(project, "build", "--no-packs")
    assert again.returncode == 0, again.stderr
    assert leftovers(project) == []
    assert "two" in (site / "pl" / "index.html").read_text(encoding="utf-8")
