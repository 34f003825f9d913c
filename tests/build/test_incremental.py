"""Rebuilds reuse unchanged pages, and give exactly what a clean build gives."""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import build



@pytest.fixture
def project(minimal_project) -> Path:
    return minimal_project

pytestmark = pytest.mark.build


def differences(a: Path, b: Path) -> list[str]:
    out = []

    def walk(cmp: filecmp.dircmp, prefix=""):
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(a, b))
    return out


def test_rebuild_after_a_change_equals_a_clean_build(project, tmp_path):
    assert build(project, Report(), packs=False)
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("We will listen to you.", "We will always listen to you."), encoding="utf-8")
    assert build(project, Report(), packs=False)  # incremental: only changed pages are rendered again
    incremental = project / "site"
    clean_copy = tmp_path / "clean"
    shutil.copytree(project, clean_copy, symlinks=True, ignore=shutil.ignore_patterns("site", ".charterkit-cache"))
    assert build(clean_copy, Report(), packs=False, clean=True)
    assert differences(incremental, clean_copy / "site") == []
    page = (incremental / "en" / "alpha-charter" / "commitment-1" / "index.html").read_text(encoding="utf-8")
    assert "We will always listen to you." in page


def test_unchanged_pages_are_not_rendered_again(project):
    assert build(project, Report(), packs=False)
    cached = project / ".charterkit-cache" / "site" / "en" / "site"
    untouched = cached / "beta-outcomes" / "outcome-2" / "index.html"
    changed = cached / "alpha-charter" / "commitment-2" / "index.html"
    before_untouched, before_changed = untouched.stat().st_mtime_ns, changed.stat().st_mtime_ns
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("We will explain things clearly.", "We will explain things."), encoding="utf-8")
    assert build(project, Report(), packs=False)
    assert untouched.stat().st_mtime_ns == before_untouched
    assert changed.stat().st_mtime_ns != before_changed


def test_clean_flag_ignores_the_cache(project):
    assert build(project, Report(), packs=False)
    marker = project / ".charterkit-cache" / "site" / "en" / "site" / "marker.txt"
    marker.write_text("left over")
    assert build(project, Report(), packs=False, clean=True)
    assert not marker.exists()


# ---- "nothing has changed" ------------------------------------------------------------------------
def test_a_build_with_nothing_changed_leaves_the_site_alone(project, capsys):
    assert build(project, Report(), packs=False)
    site = project / "site"
    before = site.stat().st_ino
    capsys.readouterr()
    assert build(project, Report(), packs=False)
    assert "Nothing has changed" in capsys.readouterr().out
    assert site.stat().st_ino == before  # not swapped: the same folder


@pytest.mark.parametrize("change", ["data", "theme", "options", "site removed", "clean"])
def test_any_change_of_input_means_a_real_build(project, capsys, change):
    assert build(project, Report(), packs=False)
    site = project / "site"
    before = site.stat().st_ino
    options = {"packs": False}
    if change == "data":
        doc = project / "framework_data" / "documents" / "alpha-charter.yml"
        doc.write_text(doc.read_text().replace("We will listen to you.", "We listen to you."), encoding="utf-8")
    elif change == "theme":
        css = project / "theme" / "assets" / "charterkit.css"
        css.write_text(css.read_text() + "\n/* changed */\n", encoding="utf-8")
    elif change == "options":
        options["lang"] = "en"
    elif change == "site removed":
        shutil.rmtree(site)
    elif change == "clean":
        options["clean"] = True
    capsys.readouterr()
    assert build(project, Report(), **options)
    assert "Nothing has changed" not in capsys.readouterr().out
    assert site.is_dir()
    if change != "site removed":  # (a new folder may be given the removed one's inode number)
        assert site.stat().st_ino != before
    if change == "data":
        page = (site / "en" / "alpha-charter" / "commitment-1" / "index.html").read_text(encoding="utf-8")
        assert "We listen to you." in page


def test_a_failed_build_is_not_remembered_as_up_to_date(project):
    assert build(project, Report(), packs=False)
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    good = doc.read_text()
    doc.write_text(good + "\n  unknown_key: [\n", encoding="utf-8")
    assert not build(project, Report(), packs=False)
    assert not build(project, Report(), packs=False)  # still broken: checked again, fails again
    doc.write_text(good, encoding="utf-8")
    assert build(project, Report(), packs=False)


def test_pages_exported_for_plain_mkdocs_build_the_same_site(project, monkeypatch, tmp_path):
    """charterkit hands MkDocs its pages in memory; CHARTERKIT_EXPORT_MKDOCS=1 also writes them out as a
    docs folder with its mkdocs.yml (the benchmarks' baseline). Plain MkDocs on that folder must make the
    same pages charterkit made."""
    import subprocess
    import sys

    monkeypatch.setenv("CHARTERKIT_EXPORT_MKDOCS", "1")
    assert build(project, Report(), packs=False, clean=True)
    config = project / ".charterkit-cache" / "site" / "en" / "plain" / "mkdocs.yml"
    assert config.exists()
    out = tmp_path / "plain-site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                   check=True, capture_output=True)
    ours = project / "site" / "en"
    made = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*.html"))
    assert made and made == sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    for rel in made:
        assert (out / rel).read_bytes() == (ours / rel).read_bytes(), rel


def test_rebuilds_that_reuse_the_replaced_site_equal_clean_builds(project, tmp_path):
    """A build keeps the language folders of the site it replaces (.charterkit-cache/spare) and makes the
    next build's folders from them. Whatever they held, the result must be what a clean build makes:
    changed pages changed, a page no longer made gone, the packs folder kept."""
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    steps = [
        ("We will listen to you.", "We will listen to you carefully."),  # one page's text
        ("        page: true\n        maps_to:\n          beta-outcomes: [outcome-1, outcome-2]",
         "        page: false\n        maps_to:\n          beta-outcomes: [outcome-1, outcome-2]"),  # a page gone
        ("title: We explain", "title: We explain things"),  # a title: in every page's menu
    ]
    assert build(project, Report(), packs=False)
    used = 0
    for n, (old, new) in enumerate(steps):
        assert old in doc.read_text(encoding="utf-8")
        doc.write_text(doc.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        spare = project / ".charterkit-cache" / "spare" / "en"
        if spare.is_dir():
            (spare / "left-over.html").write_text("not part of any build")
        packs = project / "site" / "en" / "packs"  # a --no-packs build keeps the packs there are
        packs.mkdir(exist_ok=True)
        (packs / "step.txt").write_text(str(n))
        spare_folder = spare.stat().st_ino if spare.is_dir() else None
        assert build(project, Report(), packs=False)
        if spare_folder is not None:
            used += 1
            assert (project / "site" / "en").stat().st_ino == spare_folder  # the spare became site/en
        clean_copy = tmp_path / f"clean-{n}"
        shutil.copytree(project, clean_copy, symlinks=True,
                        ignore=shutil.ignore_patterns("site", ".charterkit-cache"))
        assert build(clean_copy, Report(), packs=False, clean=True)
        assert (packs / "step.txt").read_text() == str(n)
        shutil.rmtree(packs)
        assert differences(project / "site", clean_copy / "site") == [], n
    assert used == 2
    assert not (project / "site" / "en" / "alpha-charter" / "commitment-2").exists()
