"""Every folder of tests is collected by a plain `pytest` run.

pytest leaves out folders whose names match `norecursedirs`; its default list holds "build", which once
left every test in tests/build out of `make test` without a word. This test fails if any folder under
tests/ that holds test files matches the configured list again.
"""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    options = config["tool"]["pytest"]["ini_options"]
    assert "norecursedirs" in options, (
        "pyproject.toml must set norecursedirs: pytest's default list leaves out folders called 'build'"
    )
    return list(options["norecursedirs"])


def test_no_folder_of_tests_is_left_out_of_a_plain_run():
    patterns = _patterns()
    folders = sorted({path.parent for path in (ROOT / "tests").rglob("test_*.py")})
    assert len(folders) >= 6, f"expected the folders of tests, found {folders}"
    left_out = [
        str(folder.relative_to(ROOT))
        for folder in folders
        for part in folder.relative_to(ROOT / "tests").parts
        if any(fnmatch.fnmatch(part, pattern) for pattern in patterns)
    ]
    assert left_out == [], f"these folders of tests would never run: {left_out}"


def test_the_build_tests_are_among_the_folders_checked():
    folders = {path.parent.name for path in (ROOT / "tests").rglob("test_*.py")}
    assert "build" in folders
