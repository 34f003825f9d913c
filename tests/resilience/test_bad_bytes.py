"""Bytes that are not UTF-8 in any file an editor can change: validate names the file, line and column,
says what to do, and the build stops cleanly with the site as it was (never a traceback)."""
from __future__ import annotations

import pytest

from generator.diagnostics import Report
from generator.pipeline import build
from generator.validate.project import load_project

from .conftest import assert_plain_failure, run, tree_hash

pytestmark = pytest.mark.resilience

BAD = b"\xff\xfe caf\xe9"  # Latin-1 and UTF-16 bytes, as a wrongly saved file has them

# (file, the line the bad bytes go on)
FILES = [
    ("content/en/index.md", 3),
    ("content/pl/index.md", 6),
    ("theme/strings/en.yml", 2),
    ("framework_data/documents/alpha-charter.yml", 4),
    ("framework_data/translations/pl/interface.yml", 2),
    ("site_config.yml", 2),
]


def _spoil(path, line: int) -> None:
    """Put BAD at the end of the given line (inside a text, where an editor's typing would go)."""
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1] + (BAD if not lines[line - 1].rstrip().endswith(b":") else b" x" + BAD)
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("name, line", FILES)
def test_bad_bytes_are_a_file_line_error_and_the_site_stays(project, name, line):
    assert build(project, Report(), packs=False)
    site = project / "site"
    before = tree_hash(site)
    _spoil(project / name, line)

    report = Report()
    assert load_project(project, report) is None
    found = [i for i in report.errors if i.code == "file.encoding"]
    assert len(found) == 1, report.format()
    assert found[0].file == name and found[0].line == line and found[0].column is not None
    assert "UTF-8" in found[0].hint

    report = Report()
    assert not build(project, report, packs=False, clean=True)
    assert [i.code for i in report.errors] == ["file.encoding"], report.format()
    assert tree_hash(site) == before


def test_validate_and_build_say_it_without_a_traceback(project):
    """As an editor sees it, for the case that used to pass validate and crash the build (content/en)."""
    assert run(project, "build", "--no-packs").returncode == 0
    _spoil(project / "content" / "en" / "index.md", 3)
    for command in (("validate",), ("build", "--no-packs"), ("i18n", "status")):
        result = run(project, *command)
        assert_plain_failure(result, "content/en/index.md:3:", "not saved as UTF-8", "Save the file as UTF-8")
