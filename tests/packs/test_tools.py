"""The engagement tools' data (framework_data/tools/*.yml): the default tools load, and every mistake
an editor can make is reported with its file, line and what to do."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.model.tools import FocusGroup, Interview, Survey, Workbook
from generator.validate.project import load_project

TOOLS = Path("framework_data") / "tools"


def test_default_tools_load(corpus):
    tools = corpus.tools
    assert set(tools) == {"jias-engagement-framework-survey", "jias-engagement-framework-interview",
                          "jias-engagement-framework-focus-group", "integration-principles-workbook"}
    assert isinstance(tools["jias-engagement-framework-survey"], Survey)
    assert isinstance(tools["jias-engagement-framework-interview"], Interview)
    assert isinstance(tools["jias-engagement-framework-focus-group"], FocusGroup)
    assert isinstance(tools["integration-principles-workbook"], Workbook)


def test_survey_asks_every_statement_on_a_five_point_scale(corpus):
    survey = corpus.tools["jias-engagement-framework-survey"]
    assert list(survey.statements) == [f"statement-{n}" for n in range(1, 13)]
    # five points on the scale, then "I don't know" (98) and "Does not apply" (99) apart from it
    points = [o for o in survey.scale if o.code is None]
    assert len(points) == 5 and [o.code for o in survey.scale[5:]] == [98, 99]
    assert survey.easy_read is not None
    faces = [o for o in survey.easy_read.scale if o.code is None]
    assert len(faces) == 5 and [o.code for o in survey.easy_read.scale[5:]] == [98, 99]
    assert all(option.picture and option.alt for option in faces)


def test_focus_group_themes_cover_every_statement_once(corpus):
    group = corpus.tools["jias-engagement-framework-focus-group"]
    named = [s for step in group.plan for s in step.statements]
    assert sorted(named) == sorted(f"statement-{n}" for n in range(1, 13))
    themes = [step for step in group.plan if step.statements]
    assert len(themes) >= 3
    assert all(step.question and step.minutes for step in themes)
    assert sum(step.minutes for step in group.plan) <= 150


def test_interview_covers_every_statement(corpus):
    interview = corpus.tools["jias-engagement-framework-interview"]
    assert [q.statement for q in interview.questions] == [f"statement-{n}" for n in range(1, 13)]


def test_every_schema_field_has_a_description():
    from generator.model.tools import TOOL_KINDS
    from generator.model.docs import _models

    checked = 0
    assert TOOL_KINDS
    for model in TOOL_KINDS.values():
        for sub in _models(model):
            assert sub.model_config.get("extra") == "forbid" and sub.model_config.get("frozen"), sub.__name__
            for name, field in sub.model_fields.items():
                assert field.description, f"{sub.__name__}.{name} has no description"
                checked += 1
    assert checked > 20, f"only {checked} fields checked"


def _write(root: Path, name: str, text: str) -> None:
    (root / TOOLS / name).write_text(text, encoding="utf-8")


def _replace(root: Path, name: str, old: str, new: str) -> None:
    path = root / TOOLS / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(root: Path, name: str, needle: str) -> int:
    lines = (root / TOOLS / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def _errors(root: Path):
    report = Report()
    assert load_project(root, report) is None, "a broken tool file must stop loading"
    return report.errors


SURVEY = "jias-engagement-framework-survey.yml"
INTERVIEW = "jias-engagement-framework-interview.yml"
GROUP = "jias-engagement-framework-focus-group.yml"
WORKBOOK = "integration-principles-workbook.yml"


@pytest.mark.parametrize("name, old, new, code, needle", [
    (SURVEY, "  - statement-7\n", "  - statement-77\n", "ref.unknown-item", "statement-77"),
    (INTERVIEW, "  - statement: statement-3\n", "  - statement: statment-3\n", "ref.unknown-item", "statment-3"),
    (GROUP, "[statement-6, statement-9]", "[statement-6, statement-99]", "ref.unknown-item", "statement-99"),
    (GROUP, "[statement-6, statement-9]", "[statement-6, statement-6]", "ref.repeated", "statement-6, statement-6"),
    (WORKBOOK, "questions_list: challenge-questions", "questions_list: challenge-question",
     "tools.no-questions", "questions_list"),
    (SURVEY, "kind: survey", "kind: questionnaire", "schema.choice", "kind:"),
    (SURVEY, "comments_label:", "comment_label:", "schema.unknown-field", "comment_label"),
    (SURVEY, "document: jias-engagement-framework", "document: jias-framework", "ref.unknown-document", "document:"),
    (SURVEY, "picture: grinning-face", "picture: grining-face", "picture.unknown", "grining-face"),
    (SURVEY, "      picture: neutral-face\n      alt: A face with a straight mouth\n",
     "      picture: neutral-face\n", "schema.value", "label: Sometimes"),
    (GROUP, "minutes: 20\n    statements: [statement-4", "minutes: twenty\n    statements: [statement-4",
     "schema.wrong-type", "twenty"),
])
def test_mistake_is_reported_with_file_and_line(project_copy, name, old, new, code, needle):
    _replace(project_copy, name, old, new)
    errors = _errors(project_copy)
    mine = [e for e in errors if e.file and e.file.endswith(name)]
    assert [e.code for e in mine] and code in [e.code for e in mine], [e.format() for e in errors]
    issue = next(e for e in mine if e.code == code)
    assert issue.line == _line_of(project_copy, name, needle), issue.format()
    assert issue.hint or "add " in issue.message, "every error says what to do"


def test_file_name_must_match_the_id(project_copy):
    (project_copy / TOOLS / SURVEY).rename(project_copy / TOOLS / "survey.yml")
    errors = _errors(project_copy)
    assert any(e.code == "id.file-name" and e.file.endswith("survey.yml") and e.line == 5 for e in errors), \
        [e.format() for e in errors]


def test_every_broken_tool_is_reported_in_one_run(project_copy):
    _replace(project_copy, SURVEY, "  - statement-7\n", "  - statement-77\n")
    _replace(project_copy, WORKBOOK, "rating_label:", "rating:")
    _write(project_copy, "broken.yml", "id: broken\nkind: [oops\n")
    files = {Path(e.file).name for e in _errors(project_copy) if e.file}
    assert {SURVEY, WORKBOOK, "broken.yml"} <= files


def test_a_project_without_tools_is_fine(project_copy):
    import shutil

    shutil.rmtree(project_copy / TOOLS)
    report = Report()
    loaded = load_project(project_copy, report)
    assert loaded is not None, report.format()
    assert loaded.tools == {}
