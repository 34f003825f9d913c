"""Each broken file gives its expected message and line, never a traceback, and all are reported in one run."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.diagnostics import Report
from generator.validate.project import load_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BROKEN = FIXTURES / "broken"
EXPECTED = yaml.safe_load((BROKEN / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture
def project(make_project):
    """Makes the minimal project (without a theme: validate needs none) with the given broken files added."""
    return lambda *broken: make_project(theme=False, node_modules=False, broken=broken)


def test_minimal_project_is_valid(project):
    report = Report()
    corpus = load_project(project(), report)
    assert corpus is not None, report.format()
    assert report.issues == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_expected_issue(project, name):
    expected = EXPECTED[name]
    report = Report()
    corpus = load_project(project(name), report)
    assert corpus is None
    mine = [i for i in report.errors if i.file and i.file.endswith(name)]
    assert mine, f"no error reported for {name}: {report.format()}"
    match = [i for i in mine if i.code == expected["code"]]
    assert match, f"expected {expected['code']} for {name}, got {[i.code for i in mine]}"
    issue = match[0]
    if "line" in expected:
        assert issue.line == expected["line"], issue.format()
    assert expected["contains"] in issue.message, issue.format()
    assert issue.hint, "every error says what to do"
    assert "Traceback" not in report.format()


def test_every_broken_file_reported_in_one_run(project):
    root = project(*EXPECTED)
    report = Report()
    assert load_project(root, report) is None
    files_with_errors = {Path(i.file).name for i in report.errors if i.file}
    assert set(EXPECTED) <= files_with_errors


def test_five_megabyte_file_is_refused_with_a_message(project):
    root = project()
    big = root / "framework_data" / "documents" / "huge.yml"
    line = "# " + "x" * 1000 + "\n"
    big.write_text("id: huge\n" + line * 5400, encoding="utf-8")
    assert big.stat().st_size > 5 * 1024 * 1024
    report = Report()
    assert load_project(root, report) is None
    issue = next(i for i in report.errors if i.file and i.file.endswith("huge.yml"))
    assert issue.code == "file.too-large"
    assert "MB" in issue.message and issue.line == 1


def test_cli_prints_all_errors_and_count_and_exits_non_zero(project, capsys):
    root = project("missing-field.yml", "unknown-key.yml", "unknown-reference.yml")
    code = main(["--project", str(root), "validate"])
    err = capsys.readouterr().err
    assert code == 1
    assert "missing-field.yml:1:1" in err
    assert "unknown-key.yml:21:9" in err
    assert "Found 3 errors" in err
    assert "What to do:" in err


def test_cross_file_errors_all_reported(project):
    root = project("unknown-reference.yml", "duplicate-id.yml")
    report = Report()
    load_project(root, report)
    codes = sorted(i.code for i in report.errors)
    assert codes == ["id.duplicate", "ref.unknown-item"], report.format()


def test_document_id_must_match_file_name(project):
    root = project()
    docs = root / "framework_data" / "documents"
    shutil.move(docs / "beta-outcomes.yml", docs / "gamma.yml")
    report = Report()
    load_project(root, report)
    codes = {i.code for i in report.errors}
    assert "id.file-name" in codes


def _translation(root: Path, lang: str, name: str, text: str) -> Path:
    folder = root / "framework_data" / "translations" / lang
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_broken_document_does_not_hide_the_errors_of_translations(make_project):
    """One run shows every problem: a document with an error used to stop the check before tools and
    translations were read, so an editor fixed one file only to meet the next error."""
    root = make_project(theme=False, node_modules=False, languages=[("pl", "Polski", "ltr")],
                        broken=["malformed.yml"])
    _translation(root, "pl", "interface.yml", "entries: [not closed\n")
    _translation(root, "pl", "malformed.yml", "entries: {}\n")  # the broken document's own translation
    report = Report()
    assert load_project(root, report) is None
    by_file = {}
    for issue in report.errors:
        by_file.setdefault(Path(issue.file or "").name, []).append(issue)
    assert "malformed.yml" in by_file and any(i.file.startswith("framework_data/documents") for i in by_file["malformed.yml"])
    assert "interface.yml" in by_file, report.format()
    # the translation of the broken document is not reported as a file named after no document
    assert not [i for i in report.errors if i.code == "i18n.unknown-file"], report.format()


def test_a_broken_site_config_does_not_hide_the_errors_of_translations(make_project):
    root = make_project(theme=False, node_modules=False, languages=[("pl", "Polski", "ltr")])
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "no_such_setting: 1\n", encoding="utf-8")
    _translation(root, "pl", "interface.yml", "entries: [not closed\n")
    report = Report()
    assert load_project(root, report) is None
    files = {Path(i.file or "").name for i in report.errors}
    assert {"site_config.yml", "interface.yml"} <= files, report.format()
