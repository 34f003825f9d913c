"""Two builds at once (a CI job and a person, two terminals): one publishes at a time, the other waits
(or, with --no-wait, stops at once with a clear message); the site is always one whole build."""
from __future__ import annotations

import shutil

import pytest

from .conftest import HERE, Lines, assert_plain_failure, leftovers, run, start, tree_hash, write_pages

pytestmark = pytest.mark.resilience

KILLER = HERE / "killer.py"


def _links_resolve(site) -> int:
    """Every link between the site's own pages leads to a file that is there. Returns how many it checked."""
    import re
    from urllib.parse import unquote, urlsplit

    checked = 0
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "/")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)} links to {href}, which is not there"
            checked += 1
    return checked


def test_two_builds_at_once_publish_one_whole_site(project, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(project, reference, symlinks=True)
    write_pages(reference, marker="two")
    assert run(reference, "build", "--no-packs").returncode == 0

    assert run(project, "build", "--no-packs").returncode == 0
    write_pages(project, marker="two")
    first = start(project, "build", "--no-packs", "--clean")
    second = start(project, "build", "--no-packs", "--clean")
    outs = [p.communicate(timeout=180) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    assert any("waiting for it to finish" in err for _, err in outs), outs  # one waited for the other
    assert all("Traceback" not in err for _, err in outs)
    site = project / "site"
    assert sorted(tree_hash(site)) == sorted(tree_hash(reference / "site"))  # every page, no more, no less
    assert _links_resolve(site) > 50
    assert leftovers(project) == []
    # and the next build trusts it: it was finished
    assert "Nothing has changed" in run(project, "build", "--no-packs").stdout


def _building(folder, prefix, process, timeout=60):
    """Wait until a build has made its temporary folder (it holds the locks by then)."""
    import time

    deadline = time.monotonic() + timeout
    while not any(p.name.startswith(prefix) for p in folder.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)


def test_no_wait_stops_at_once_with_a_clear_message(project, tmp_path):
    assert run(project, "build", "--no-packs").returncode == 0
    site = project / "site"
    write_pages(project, marker="two")
    hold = tmp_path / "hold"
    hold.touch()
    held = start(project, "build", "--no-packs", script=KILLER, script_args=("hold", str(tmp_path / "p")),
                 env={"HOLD": str(hold)})
    _building(project, ".site.building-", held)
    busy = run(project, "build", "--no-packs", "--no-wait")
    assert_plain_failure(busy, "Another build is already running", "--no-wait")
    hold.unlink()
    out, err = held.communicate(timeout=120)
    assert held.returncode == 0, err
    assert "two" in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_two_projects_into_one_folder_take_turns(project, tmp_path):
    """Two checkouts publishing into the same folder: the output's own lock keeps them apart."""
    other = tmp_path / "other"
    shutil.copytree(project, other, symlinks=True)
    out = tmp_path / "published"
    write_pages(other, marker="other")
    hold = tmp_path / "hold"
    hold.touch()
    held = start(project, "build", "--no-packs", "--out", str(out), script=KILLER,
                 script_args=("hold", str(tmp_path / "p")), env={"HOLD": str(hold)})
    _building(tmp_path, ".published.building-", held)
    busy = run(other, "build", "--no-packs", "--no-wait", "--out", str(out))
    assert_plain_failure(busy, "Another build is already running", "published")
    waiting = Lines(start(other, "build", "--no-packs", "--out", str(out)))
    waiting.wait_for(r"waiting for it to finish")
    hold.unlink()
    said = waiting.rest()
    assert waiting.process.returncode == 0, said
    assert held.wait(timeout=60) == 0
    assert "other" in (out / "en" / "index.html").read_text(encoding="utf-8")  # the second, after the first
    assert leftovers(tmp_path, "published") == []
