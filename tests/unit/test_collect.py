"""Collection files from the engagement tools (issue #16, part 1): every tool's XLSForm converts with
pyxform (and passes ODK Validate where Java is installed), and the field IDs are the same in the data, the
XLSForm, the XForm and the codebook."""
from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.collect import codebook, xlsform
from generator.collect.build import forms_by_language, make_files
from generator.collect.fields import tool_fields
from generator.diagnostics import Report
from generator.model.corpus import walk_items
from generator.model.tools import FocusGroup, Interview, Survey, Workbook, field_id
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


@pytest.fixture(scope="module")
def made(corpus):
    report = Report()
    files = make_files(corpus, report)
    assert not report.errors, report.format()
    return files


def _expected_ids(tool, corpus) -> list[str]:
    """The answer IDs each tool should have, worked out from the data here (not by generator/collect)."""
    if isinstance(tool, Survey):
        return [i for s in tool.statements for i in (field_id(s), field_id(s, "comment"))]
    doc = corpus.document(tool.document)
    items = {loc.item.id: loc.item for loc in walk_items(doc)}
    if isinstance(tool, Interview):
        out = ["date", "interviewer", "reference"]
        for q in tool.questions:
            if any(lst.id == tool.examples_list and lst.entries for lst in items[q.statement].lists):
                out.append(field_id(q.statement, "prompts"))
            out.append(field_id(q.statement, "notes"))
        return out + ["closing_notes"]
    if isinstance(tool, FocusGroup):
        themes = [step for step in tool.plan if step.statements]
        return [field_id("theme", str(n), "notes") for n in range(1, len(themes) + 1)]
    if isinstance(tool, Workbook):
        out = ["partnership", "completed_by", "date"]
        for loc in walk_items(doc):
            lists = [lst for lst in loc.item.lists if lst.id == tool.questions_list]
            if lists and (not tool.items or loc.item.id in tool.items):
                for k in range(1, len(lists[0].entries) + 1):
                    out += [field_id(loc.item.id, f"q{k}", "evidence"), field_id(loc.item.id, f"q{k}", "rating")]
                out.append(field_id(loc.item.id, "actions"))
        return out
    raise AssertionError(f"unknown tool kind {tool!r}")


def _xform_fields(xform: str) -> list[str]:
    """The names of the answers an XForm stores (bind nodesets), without notes and ODK's meta/instanceID."""
    from xml.etree import ElementTree

    tree = ElementTree.fromstring(xform)
    binds = [el for el in tree.iter() if el.tag.endswith("}bind") or el.tag == "bind"]
    names = []
    for bind in binds:
        path = bind.get("nodeset", "")
        if "/meta/" in path or bind.get("readonly") == "true()":
            continue
        names.append(path.rsplit("/", 1)[-1])
    return names


def _codebook_ids(data: bytes) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return [r["question_id"] for r in rows if r["type"] != "choice"]


def test_field_id_rule():
    assert field_id("statement-1") == "statement_1"
    assert field_id("statement-1", "comment") == "statement_1_comment"
    assert field_id("theme", "2", "notes") == "theme_2_notes"
    with pytest.raises(ValueError):
        field_id()
    with pytest.raises(ValueError):
        field_id("statement-1", "")


def test_every_tool_gives_its_forms(corpus, made):
    tools = list(corpus.tools.values())
    assert len(tools) == 4
    surveys_with_easy_read = sum(1 for t in tools if isinstance(t, Survey) and t.easy_read is not None)
    assert len(made) == len(tools) + surveys_with_easy_read
    stems = {m.form.file_stem for m in made}
    assert stems == {t.id for t in tools} | {f"{t.id}-easy-read" for t in tools if isinstance(t, Survey) and t.easy_read}


def test_ids_match_across_data_xlsform_xform_and_codebook(corpus, made):
    checked = 0
    for one in made:
        tool = corpus.tools[one.form.tool_id]
        expected = _expected_ids(tool, corpus)
        assert expected, one.form.file_stem
        stem = one.form.file_stem
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(one.files[f"{stem}.xlsx"]))
        survey = list(book["survey"].iter_rows(values_only=True))
        head = survey[0]
        xlsx_ids = [row[head.index("name")] for row in survey[1:] if row[head.index("type")] != "note"]
        xform_ids = _xform_fields(one.files[f"{stem}.xml"].decode("utf-8"))
        book_ids = _codebook_ids(one.files[f"{stem}-codebook.csv"])
        assert xlsx_ids == expected, stem
        assert xform_ids == expected, stem
        assert book_ids == expected, stem
        if stem == tool.id:  # the tool's own form: what the PDF form fields will use
            view_fields = [f.id for f in tool_fields(tool, corpus, _english_words(corpus))]
            assert view_fields == expected
        checked += len(expected)
    assert checked > 100  # 24 + 24 + 28 + 4 + 114 answers in the default tools


def _english_words(corpus):
    from generator.translate.words import Strings

    return Strings.load(corpus.root, "en")


def test_every_form_converts_with_pyxform_without_warnings(made):
    for one in made:
        xform, warnings = xlsform.to_xform(one.files[f"{one.form.file_stem}.xlsx"])
        assert warnings == [], (one.form.file_stem, warnings)
        assert "<h:title>" in xform


def test_every_form_passes_odk_validate(made):
    """ODK Validate (bundled with pyxform) needs Java. Without Java this test says so; the pyxform
    conversion above still runs either way."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed, so ODK Validate was NOT run (apt-get install default-jre-headless); "
                    "the pyxform conversion test still ran")
    for one in made:
        xform, warnings = xlsform.to_xform(one.files[f"{one.form.file_stem}.xlsx"], validate=True)
        assert "<h:title>" in xform


def test_odk_validate_really_runs():
    """A form pyxform accepts but ODK Validate refuses: proves validate=True is not a no-op."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed, so ODK Validate was NOT run")
    from pyxform.validators.odk_validate import ODKValidateError

    rows = {"survey": [["type", "name", "label", "relevant"], ["text", "a", "A", ""],
                       ["text", "b", "B", "nosuchfunction(${a})"]],
            "settings": [["form_title", "form_id"], ["T", "t"]]}
    data = xlsform.workbook_bytes(rows)
    xlsform.to_xform(data)  # pyxform alone accepts it
    with pytest.raises(ODKValidateError):
        xlsform.to_xform(data, validate=True)


def test_language_columns_and_right_to_left(corpus, made):
    import openpyxl

    survey = next(m for m in made if m.form.file_stem == "jias-engagement-framework-survey")
    book = openpyxl.load_workbook(io.BytesIO(survey.files["jias-engagement-framework-survey.xlsx"]))
    rows = list(book["survey"].iter_rows(values_only=True))
    head = list(rows[0])
    for column in ("label::English (en)", "label::Polish (pl)", "label::Scottish Gaelic (gd)",
                   "label::Arabic (ar)", "label::Urdu (ur)"):
        assert column in head
    checked = 0
    for one in made:
        book = openpyxl.load_workbook(io.BytesIO(one.files[f"{one.form.file_stem}.xlsx"]))
        for sheet in ("survey", "choices"):
            rows = list(book[sheet].iter_rows(values_only=True))
            head = list(rows[0])
            for n, name in enumerate(head):
                if name and name.endswith(("(ar)", "(ur)")):
                    cells = [row[n] for row in rows[1:] if row[n]]
                    # never an English fallback: every filled cell holds Arabic-script text
                    assert all(ARABIC_SCRIPT.search(c) for c in cells), (one.form.file_stem, name)
                    checked += len(cells)
    assert checked > 50
    # the first label of the Arabic column (what Enketo guesses the direction from) is Arabic
    rows = list(openpyxl.load_workbook(io.BytesIO(survey.files["jias-engagement-framework-survey.xlsx"]))["survey"]
                .iter_rows(values_only=True))
    column = list(rows[0]).index("label::Arabic (ar)")
    assert ARABIC_SCRIPT.search(next(row[column] for row in rows[1:] if row[column]))


def test_polish_statements_and_tool_words_are_translated(made):
    survey = next(m for m in made if m.form.file_stem == "jias-engagement-framework-survey")
    rows = list(csv.DictReader(io.StringIO(survey.files["jias-engagement-framework-survey-codebook.csv"].decode("utf-8-sig"))))
    first = next(r for r in rows if r["question_id"] == "statement_1" and r["type"] == "select_one")
    assert first["text_pl"] and first["text_pl"] != first["text_en"]
    assert ARABIC_SCRIPT.search(first["text_ar"])
    agree = next(r for r in rows if r["question_id"] == "statement_1" and r["code"] == "1")
    assert agree["text_en"] == "Strongly agree"
    # the tool's own words come from its translation file (framework_data/translations/pl/<tool>.yml)
    import yaml

    entries = yaml.safe_load((ROOT / "framework_data" / "translations" / "pl" /
                              "jias-engagement-framework-survey.yml").read_text(encoding="utf-8"))["entries"]
    assert entries["scale.1.label"]["text"] and agree["text_pl"] == entries["scale.1.label"]["text"]
    # (an untranslated tool word of a right-to-left language is left empty: tests/i18n/test_tool_translation.py)
    assert ARABIC_SCRIPT.search(agree["text_ar"])


def test_codebook_is_utf8_with_bom_and_codes_follow_the_scale(corpus, made):
    survey_tool = corpus.tools["jias-engagement-framework-survey"]
    survey = next(m for m in made if m.form.file_stem == survey_tool.id)
    data = survey.files[f"{survey_tool.id}-codebook.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    codes = [(r["code"], r["text_en"]) for r in rows if r["question_id"] == "statement_1" and r["type"] == "choice"]
    # the scale's points by their place (1 to 5), then "I don't know" 98 and "Does not apply" 99 (their own code:)
    expected = [(str(o.code if o.code is not None else n), o.label) for n, o in enumerate(survey_tool.scale, start=1)]
    assert codes == expected
    assert [c for c, _ in codes] == ["1", "2", "3", "4", "5", "98", "99"]
    assert {r["source_document"] for r in rows} == {survey_tool.document}


def test_files_are_the_same_bytes_every_time(corpus, made):
    again = make_files(corpus, Report())
    assert [m.files for m in again] == [m.files for m in made]
    # and no build date inside the workbook
    with zipfile.ZipFile(io.BytesIO(made[0].files[f"{made[0].form.file_stem}.xlsx"])) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
        assert {i.date_time for i in z.infolist()} == {xlsform.ZIP_TIME}
    assert xlsform.FIXED_TIME in core


def test_hostile_words_stay_words(corpus):
    """Tool words come from pull requests: a formula or an XLSForm reference stays plain text."""
    forms = forms_by_language(corpus)["jias-engagement-framework-survey"][0][1]
    en = forms["en"]
    hostile = "=HYPERLINK(\"http://example.com\",\"x\") ${statement_2} **bold** \x07bell\x00"
    changed = en.fields[1].__class__(**{**en.fields[1].__dict__, "label": hostile})
    forms = {**forms, "en": en.__class__(**{**en.__dict__, "fields": (en.fields[0], changed, *en.fields[2:])})}
    languages = list(corpus.config.languages)
    rows = xlsform.sheets(forms, languages)
    data = xlsform.workbook_bytes(rows)
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data))["survey"]
    cell = sheet.cell(row=3, column=3)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert "${" not in cell.value and "**" not in cell.value
    assert "\x07" not in cell.value and "\x00" not in cell.value and "bell" in cell.value  # XML cannot hold them
    xform, _ = xlsform.to_xform(data)  # converts: no reference to another answer was made
    assert "output value" not in xform
    table = codebook.rows(forms, languages)
    text = codebook.csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_two_answers_with_one_id_is_an_error_with_the_tool_file(corpus):
    import dataclasses

    survey = corpus.tools["jias-engagement-framework-survey"]
    twice = survey.model_copy(update={"statements": ("statement-1", "statement-1")})
    report = Report()
    made = make_files(dataclasses.replace(corpus, tools={survey.id: twice}), report)
    assert made == []
    errors = [i for i in report.errors if i.code == "collect.same-id"]
    assert len(errors) == 2  # the survey and its easy-read form
    assert errors[0].file == "framework_data/tools/jias-engagement-framework-survey.yml"
    assert "statement_1" in errors[0].message and errors[0].hint


def test_untranslated_texts_are_left_out_of_the_xform_so_it_falls_back_to_english(made):
    """pyxform writes "-" for every empty translation cell (which turns off the form's fallback to its default
    language): the published XForms have none, and a text missing in Arabic is shown in English by the form."""
    import xml.etree.ElementTree as ET

    assert made and all(b"<value>-</value>" not in one.files[f"{one.form.file_stem}.xml"] for one in made)
    rows = {"survey": [["type", "name", "label::English (en)", "label::Arabic (ar)"],
                       ["note", "intro", "Welcome", "أهلا بك"], ["text", "name", "Your name", ""]],
            "settings": [["form_title", "form_id", "default_language"], ["T", "t", "English (en)"]]}
    data = xlsform.workbook_bytes(rows)
    from pyxform.xls2xform import convert

    raw = convert(xlsform=io.BytesIO(data), file_type=".xlsx", validate=False, pretty_print=True).xform
    assert "<value>-</value>" in raw  # pyxform's own conversion writes the filler
    xform, _ = xlsform.to_xform(data)
    assert "<value>-</value>" not in xform
    ns = "{http://www.w3.org/2002/xforms}"
    translations = {t.get("lang"): {e.get("id") for e in t.findall(ns + "text")}
                    for t in ET.fromstring(xform).iter(ns + "translation")}
    assert translations["English (en)"] == {"/data/intro:label", "/data/name:label"}
    assert translations["Arabic (ar)"] == {"/data/intro:label"}  # "Your name" falls back to English
    if shutil.which("java") is None:
        pytest.skip("Java is not installed, so ODK Validate was NOT run on the XForm without fillers")
    xlsform.to_xform(data, validate=True)  # ODK Validate (JavaRosa) accepts it; raises if it did not
