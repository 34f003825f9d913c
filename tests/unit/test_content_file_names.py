"""A content page's file name becomes its web address, so it may not hide characters: found in the session 6
review, where content/en/ab<U+200B>out.md (a zero-width space: it looks exactly like about.md, and its address
like /en/about/) and content/en/evil<U+202E>gnp.md (a right-to-left override: it shows as "evilpng.") were
accepted without a word. Each must be an error naming the file, the character and the fix; ordinary names pass."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.validate.names import check_content_files

BAD = [
    ("ab\u200bout.md", "ZERO WIDTH SPACE"),
    ("evil\u202egnp.md", "RIGHT-TO-LEFT OVERRIDE"),
    ("priv\u00adacy.md", "SOFT HYPHEN"),
    ("other\u2060formats.md", "WORD JOINER"),
    ("a\tb.md", "U+0009"),
    ("about us.md", "SPACE"),
]


def _check(tmp_path: Path, name: str) -> Report:
    folder = tmp_path / "content" / "en"
    folder.mkdir(parents=True)
    (folder / name).write_text("# A page\n\nWords.\n", encoding="utf-8")
    (folder / "about.md").write_text("# About\n\nWords.\n", encoding="utf-8")
    report = Report(root=tmp_path)
    check_content_files(tmp_path, report)
    return report


@pytest.mark.parametrize("name, character", BAD, ids=[c for _, c in BAD])
def test_a_page_whose_name_hides_a_character_is_an_error(tmp_path, name, character):
    report = _check(tmp_path, name)
    errors = [i for i in report.errors if i.code == "content.file-name"]
    assert len(errors) == 1, [i.format() for i in report.issues]
    error = errors[0]
    shown = "".join(f"<U+{ord(ch):04X}>" if ch in "\u200b\u202e\u00ad\u2060\t " else ch for ch in name)
    assert error.file == f"content/en/{shown}" and error.line == 1, "the character is shown, not printed"
    assert shown in error.message
    assert character in error.message and error.hint and "Rename" in error.hint
    assert "Traceback" not in error.format()


def test_ordinary_names_pass(tmp_path):
    for name in ("other-formats.md", "o-nas.md", "page-2.md"):
        report = _check(tmp_path / name, name)
        assert report.errors == [], [i.format() for i in report.issues]
