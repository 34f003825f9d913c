"""Every interface word charterkit needs is in theme/strings/en.yml, or `charterkit validate` (and build) says
which one is missing, where and what to do: never a traceback, never a half-built site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.read.strings import REQUIRED_WORDS, load_strings

ROOT = Path(__file__).resolve().parents[2]


def test_the_list_of_required_words_is_the_repositorys_english_words():
    english = load_strings(ROOT, "en")
    assert len(REQUIRED_WORDS) > 100
    assert len(set(REQUIRED_WORDS)) == len(REQUIRED_WORDS), "a key is listed twice"
    assert sorted(set(english) - set(REQUIRED_WORDS)) == [], (
        "theme/strings/en.yml has words REQUIRED_WORDS (generator/read/strings.py) does not list: add them there")
    assert sorted(set(REQUIRED_WORDS) - set(english)) == [], (
        "REQUIRED_WORDS lists words theme/strings/en.yml does not have: remove them from the list, or add the words")


def _literal_keys() -> set[str]:
    """Keys written out in full where the code and the print templates ask for a word."""
    found = set()
    call = re.compile(r"""(?:\bword|\bwords|\.t|\bt|\bs|\bstrings|\.get|_word)\(\s*(?:\w+\s*,\s*\w+\s*,\s*)?["']([a-z_]+(?:\.[a-z_-]+)*)["']""")
    files = [*(ROOT / "generator").rglob("*.py"), *(ROOT / "theme" / "print").glob("*.html"),
             *(ROOT / "theme").glob("pages/**/*.j2"), *(ROOT / "theme").glob("root/**/*")]
    files = [f for f in files if f.is_file()]
    assert files
    for file in files:
        found.update(call.findall(file.read_text(encoding="utf-8")))
    return found


def test_every_word_the_code_asks_for_by_name_is_required():
    english = set(load_strings(ROOT, "en"))
    asked = {k for k in _literal_keys() if k in english or k.split(".")[0] in {w.split(".")[0] for w in english}}
    assert len(asked) > 50, f"found only {len(asked)} word keys in the code: is the scan broken?"
    assert sorted(asked - set(REQUIRED_WORDS)) == []


def _without(project: Path, key: str) -> None:
    file = project / "theme" / "strings" / "en.yml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    *parents, last = key.split(".")
    node = data
    for part in parents:
        node = node[part]
    del node[last]
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("key", ["home", "packs.kinds.survey"])
def test_a_deleted_word_is_an_error_with_file_line_and_what_to_do(minimal_project, key):
    from generator.validate.project import load_project

    _without(minimal_project, key)
    report = Report(root=minimal_project)
    assert load_project(minimal_project, report) is None
    found = [i for i in report.errors if i.code == "strings.missing"]
    assert [i.key for i in found] == [key], report.format()
    problem = found[0]
    assert problem.file == "theme/strings/en.yml" and problem.line and problem.line >= 1
    assert key in problem.message and key.split(".")[-1] in problem.hint
    if "." in key:  # placed at the mapping the key belongs in
        lines = (minimal_project / problem.file).read_text(encoding="utf-8").splitlines()
        assert lines[problem.line - 1].strip().startswith(key.split(".")[-2] + ":")


def test_build_with_a_deleted_word_stops_with_the_error_and_publishes_nothing(minimal_project, tmp_path):
    from generator.pipeline import build

    _without(minimal_project, "packs.kinds.survey")
    report = Report(root=minimal_project)
    out = tmp_path / "out"
    assert build(minimal_project, report, out=str(out), packs=False, cache_dir=tmp_path / "cache", quiet=True) is False
    text = report.format()
    assert "strings.missing" in text and "Traceback" not in text and "build.crash" not in text
    assert not out.exists()
