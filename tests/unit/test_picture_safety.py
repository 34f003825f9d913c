"""Pictures a pull request adds are untrusted input: a carried SVG that could run a script, react to an event, load
anything from elsewhere or from the disk, embed a page or expand entities is refused, with its file and line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.diagnostics import Report
from generator.pictures import MULBERRY_DIR, add_symbol, catalogue, check_svg, mulberry_index, openmoji, search
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE = FIXTURES / "hostile" / "pictures"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yml").read_text(encoding="utf-8"))
CLEAN = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use href="#a"/><rect fill="url(#g)"/></svg>'


def test_every_hostile_file_is_listed():
    on_disk = {p.name for p in HOSTILE.glob("*.svg")}
    assert on_disk and on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_picture_is_caught_with_its_line(name):
    found = check_svg((HOSTILE / name).read_bytes())
    expected = EXPECTED[name]
    assert any(line == expected["line"] and expected["contains"] in what for line, what in found), found


def test_a_plain_picture_and_every_carried_picture_pass():
    assert check_svg(CLEAN) == []
    carried = sorted((ROOT / MULBERRY_DIR).glob("*.svg"))
    assert len(carried) >= 50
    unsafe = {p.name: check_svg(p.read_bytes()) for p in carried if check_svg(p.read_bytes())}
    assert not unsafe


def test_a_huge_picture_is_refused_before_it_is_read():
    assert check_svg(b"<svg>" + b" " * 1_100_000 + b"</svg>")[0][0] == 1


@pytest.fixture
def project(make_project):
    """Makes the minimal project (no theme: validate needs none) with an empty folder of carried pictures."""
    def make() -> Path:
        root = make_project(theme=False, node_modules=False)
        (root / MULBERRY_DIR).mkdir(parents=True)
        return root
    return make


def test_validate_reports_each_unsafe_picture_with_file_and_line(project):
    root = project()
    for name in ("script.svg", "external-image.svg"):
        shutil.copy(HOSTILE / name, root / MULBERRY_DIR / name)
    (root / MULBERRY_DIR / "fine.svg").write_bytes(CLEAN)
    report = Report()
    assert load_project(root, report) is None
    found = {(Path(i.file).name, i.line) for i in report.errors if i.code == "picture.unsafe"}
    assert found == {("script.svg", 3), ("external-image.svg", 3)}, report.format()
    assert all(i.hint for i in report.errors)


def test_validate_refuses_a_picture_that_links_outside_the_project(project):
    root = project()
    (root / MULBERRY_DIR / "elsewhere.svg").symlink_to("/etc/hostname")
    report = Report()
    assert load_project(root, report) is None
    # the project-wide check of issue #10 (file.link-outside) stops before anything outside is read
    assert [i.code for i in report.errors] in (["picture.symlink"], ["file.link-outside"])
    assert "elsewhere.svg" in report.format()
    assert "hostname" not in report.format().replace("elsewhere", "")  # never quotes a file that is not the project's


def test_cli_validate_exits_non_zero_and_names_the_file(project, capsys):
    root = project()
    shutil.copy(HOSTILE / "event-attribute.svg", root / MULBERRY_DIR / "event-attribute.svg")
    assert main(["--project", str(root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "theme/pictures/mulberry/event-attribute.svg:3" in err and "onload" in err


def test_add_copies_a_safe_symbol_and_refuses_an_unsafe_one(project, tmp_path):
    root = project()
    (root / MULBERRY_DIR / "symbols.csv").write_text(
        "name,file,category,keywords\nmulberry-to-ask,\"ask_,_to\",Verb,\nmulberry-to-hear,\"hear_,_to\",Verb,\n",
        encoding="utf-8")
    release = tmp_path / "release"
    (release / "EN").mkdir(parents=True)
    (release / "EN" / "ask_,_to.svg").write_bytes(CLEAN)
    shutil.copy(HOSTILE / "script.svg", release / "EN" / "hear_,_to.svg")
    mulberry_index.cache_clear()
    assert add_symbol(root, "mulberry-to-ask", str(release)) == 0
    assert (root / MULBERRY_DIR / "to-ask.svg").read_bytes() == CLEAN
    assert add_symbol(root, "mulberry-to-hear", str(release)) == 1
    assert not (root / MULBERRY_DIR / "to-hear.svg").exists()
    assert add_symbol(root, "mulberry-no-such-thing", str(release)) == 1
    mulberry_index.cache_clear()
    catalogue.cache_clear()


def test_names_are_unambiguous_and_search_covers_both_sets(capsys):
    moji = openmoji(ROOT)
    mulberry = mulberry_index(ROOT)
    assert len(mulberry) == 3436, "the index lists the whole Mulberry set"
    assert not any(name.startswith("mulberry-") for name in moji)
    assert not set(moji) & set(mulberry)
    found = search(ROOT, "doctor")
    sets = {p.set for p in found}
    assert sets == {"mulberry", "openmoji"}
    assert found[0].set == "mulberry"  # the set made for adults comes first
    assert main(["--project", str(ROOT), "pictures", "doctor"]) == 0
    out = capsys.readouterr().out
    assert "mulberry-doctor-1a" in out and "not in this project yet" in out and "charterkit pictures --add" in out


def test_a_picture_with_words_in_it_gets_a_warning(project):
    """Words inside a picture are not translated and print in a font the packs do not carry (a Mulberry phone
    symbol says "aaaaaaaa" on its screen): validate warns, with the line."""
    root = project()
    (root / MULBERRY_DIR / "phone.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n<text x="1" y="1">aaaaaaaa</text></svg>')
    report = Report()
    assert load_project(root, report) is not None, report.format()
    found = [(i.code, i.line) for i in report.warnings]
    assert found == [("picture.has-words", 3)]
