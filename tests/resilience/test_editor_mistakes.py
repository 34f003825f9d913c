"""Mistakes an editor working in the browser makes, each an error (or warning) that names the file and the
fix: a language folder in capitals, a file a web upload named interface.yml.txt, dir: LTR, a translation
left stale (the message gives the new fingerprint), and one text repeated through YAML aliases."""
from __future__ import annotations

import shutil

import pytest

from generator.diagnostics import Report
from generator.model.units import source_hash
from generator.validate.project import load_project

from .conftest import run

pytestmark = pytest.mark.resilience


def _errors(project):
    report = Report()
    corpus = load_project(project, report)
    return corpus, report


def test_a_language_folder_in_capitals_is_an_error_naming_the_fix(project):
    folder = project / "framework_data" / "translations"
    shutil.move(folder / "pl", folder / "PL")
    corpus, report = _errors(project)
    assert corpus is None
    [issue] = [i for i in report.errors if i.code == "i18n.folder-name"]
    assert issue.file == "framework_data/translations/PL"
    assert '"PL"' in issue.message and '"pl"' in issue.message and "does not find" in issue.message
    assert 'Rename the folder "PL" to "pl"' in issue.hint
    # the same in content/
    shutil.move(folder / "PL", folder / "pl")
    shutil.move(project / "content" / "pl", project / "content" / "Pl")
    corpus, report = _errors(project)
    assert [i.file for i in report.errors if i.code == "i18n.folder-name"] == ["content/Pl"]


def test_a_file_named_by_a_web_upload_is_an_error_naming_the_fix(project):
    folder = project / "framework_data" / "translations" / "pl"
    shutil.move(folder / "interface.yml", folder / "interface.yml.txt")
    (folder / "alpha-charter.YML").write_text("status: draft\nentries: {}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("who is translating what\n", encoding="utf-8")
    corpus, report = _errors(project)
    assert corpus is None
    named = {i.file: i for i in report.errors if i.code == "i18n.file-name"}
    assert set(named) == {"framework_data/translations/pl/interface.yml.txt",
                          "framework_data/translations/pl/alpha-charter.YML"}, report.format()
    assert 'Rename it to "interface.yml"' in named["framework_data/translations/pl/interface.yml.txt"].hint
    assert 'Rename it to "alpha-charter.yml"' in named["framework_data/translations/pl/alpha-charter.YML"].hint
    # a file that is plainly not a translation is not an error, but is not passed over without a word
    assert [i.file for i in report.warnings if i.code == "i18n.not-read"] == ["framework_data/translations/pl/notes.txt"]


def test_dir_in_capitals_is_quoted_as_written(project):
    cfg = project / "site_config.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("dir: ltr", "dir: LTR"), encoding="utf-8")
    corpus, report = _errors(project)
    [issue] = report.errors
    assert issue.code == "schema.choice" and issue.file == "site_config.yml"
    assert 'The text "LTR" is not one of the allowed values' in issue.message
    assert "small letters" in issue.hint and "ltr" in issue.hint


def test_a_stale_translation_says_its_new_fingerprint(project):
    """An editor in the browser reads the new fingerprint in the check's message (TRANSLATING.md)."""
    folder = project / "framework_data" / "translations" / "pl"
    english = "We will listen to you."
    (folder / "alpha-charter.yml").write_text(
        "status: draft\nentries:\n  commitment-1.text:\n"
        f"    source: {source_hash(english)}\n    text: Będziemy cię słuchać.\n", encoding="utf-8")
    assert _errors(project)[1].issues == []
    doc = project / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace(english, "We will always listen to you."), encoding="utf-8")
    new = source_hash("We will always listen to you.")
    for command in (("validate",), ("i18n", "status")):
        result = run(project, *command)
        assert result.returncode == 0, result.stderr
        text = result.stdout + result.stderr
        assert "framework_data/translations/pl/alpha-charter.yml:4:" in text  # the source: line
        assert f"change source: to {new}" in text
        assert "We will always listen to you." in text
    # the page, too
    page = project / "content" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    result = run(project, "validate")
    assert f"change source: to {source_hash(page.read_text(encoding='utf-8'))}" in result.stdout + result.stderr
    assert "content/pl/index.md:2:" in result.stdout + result.stderr


def test_aliases_may_not_repeat_much_text_in_a_translation(project):
    long_text = "Bardzo długi tekst. " * 200  # 4,000 characters
    lines = ["status: draft", "entries:", "  title:", "    source: '0000000000'", f"    text: &long {long_text.strip()}"]
    for key in ("summary", "commitment-1.text", "commitment-2.text"):
        lines += [f"  {key}:", "    source: '0000000000'", "    text: *long"]
    path = project / "framework_data" / "translations" / "pl" / "alpha-charter.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus, report = _errors(project)
    assert corpus is None
    [issue] = [i for i in report.errors if i.code == "yaml.alias-too-big"]
    assert issue.file == "framework_data/translations/pl/alpha-charter.yml"
    assert issue.line == 14 and "10,000" in issue.message  # the third alias, which goes over
    assert "Write each text out in full" in issue.hint
    # a short text shared a few times is fine
    path.write_text("\n".join(lines).replace(long_text.strip(), "Tak") + "\n", encoding="utf-8")
    assert not [i for i in _errors(project)[1].errors if i.code == "yaml.alias-too-big"]
