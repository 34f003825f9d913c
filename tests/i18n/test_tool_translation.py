"""The engagement tools' own words (framework_data/tools/*.yml) and what site_config.yml's tools: says are
translated with the same machinery as the documents: framework_data/translations/<lang>/<tool-id>.yml with
source fingerprints, the same safety checks, stale detection, PO round trip, `i18n status`, and the
packs and the collection forms (XLSForm, codebook) use the translation."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.model.units import settings_units, source_hash, tool_units
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
SURVEY = "jias-engagement-framework-survey"
TOOLS = ("jias-engagement-framework-survey", "jias-engagement-framework-interview",
         "jias-engagement-framework-focus-group", "integration-principles-workbook")


def load(root: Path):
    report = Report()
    corpus = load_project(root, report)
    return corpus, report


def set_text(root: Path, lang: str, name: str, key: str, text: str, source: str | None = None) -> Path:
    """Fill in one entry of a pre-filled translation file (as a translator does), keeping every other entry."""
    path = root / "framework_data" / "translations" / lang / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert key in data["entries"], f"{key} is not pre-filled in {path}"
    data["entries"][key]["text"] = text
    if source is not None:
        data["entries"][key]["source"] = source
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path


def tool_pack_html(corpus, lang: str, tool_id: str, kind: str) -> str:
    from generator.print.packs import language_view
    from generator.print.pack_html import PrintWriter

    view, strings = language_view(corpus, lang)
    writer = PrintWriter(view, lang, strings)
    return writer.tool_html(view.tools[tool_id], kind, {"date": "2026-12-05", "description": "x"}).html


def test_every_language_has_every_tool_file_with_every_text_present(corpus):
    """Pre-filled: each translated language has one file per tool, and it lists every text of the tool (empty
    where nobody has translated it yet), with the English and its fingerprint."""
    checked = 0
    for lang in (l.code for l in corpus.config.languages if l.code != "en"):
        for tool_id, tool in corpus.tools.items():
            path = ROOT / "framework_data" / "translations" / lang / f"{tool_id}.yml"
            assert path.is_file(), path
            entries = yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]
            units = tool_units(tool)
            assert list(entries) == [u.key for u in units], path
            for unit in units:
                assert entries[unit.key]["source"] == unit.source_hash and entries[unit.key]["en"] == unit.text
                assert isinstance(entries[unit.key]["text"], str)
                checked += 1
    assert set(corpus.tools) == set(TOOLS)
    assert checked > 4 * 100


def test_tool_units_cover_every_word_the_tool_file_has(corpus):
    survey = {u.key: u.text for u in tool_units(corpus.tools[SURVEY])}
    assert survey["question"] == "How much do you agree with this?"
    assert survey["scale.1.label"] == "Strongly agree"
    assert survey["easy_read.question"] == "Is this true for you?"
    assert survey["easy_read.comments_label"] == "You can write or draw more here"
    assert survey["easy_read.scale.1.alt"] == "A big smile"
    assert "easy_read.about.1.text" in survey and "easy_read.closing.1.alt" in survey
    interview = {u.key for u in tool_units(corpus.tools["jias-engagement-framework-interview"])}
    assert {"opening", "closing", "before.1", "questions.statement-1.question", "questions.statement-1.prompts.1"} <= interview
    group = {u.key for u in tool_units(corpus.tools["jias-engagement-framework-focus-group"])}
    assert {"group_size", "ground_rules.1", "plan.1.title", "plan.1.notes.1"} <= group
    workbook = {u.key for u in tool_units(corpus.tools["integration-principles-workbook"])}
    assert {"evidence_label", "rating_label", "actions_label", "scale.4.label"} <= workbook
    # what the tools' packs say about the answers is a site.yml word
    assert {"tools.answers_used_by", "tools.confidentiality"} <= {u.key for u in settings_units(corpus.config)}


def test_a_translated_survey_shows_its_words_in_the_language_and_marks_the_rest_english(project_copy):
    root = project_copy
    set_text(root, "pl", SURVEY, "question", "Na ile się z tym zgadzasz?")
    set_text(root, "pl", SURVEY, "scale.1.label", "Zdecydowanie się zgadzam")
    set_text(root, "pl", SURVEY, "scale.2.label", "")  # not translated (yet)
    set_text(root, "ar", SURVEY, "easy_read.question", "هل هذا صحيح بالنسبة لك؟")
    corpus, report = load(root)
    assert corpus is not None, report.format()
    html = tool_pack_html(corpus, "pl", SURVEY, "survey")
    assert "Na ile się z tym zgadzasz?" in html and "Zdecydowanie się zgadzam" in html
    assert "How much do you agree with this?" not in html
    # a text not translated yet is the English, marked as English for screen readers
    assert '<span lang="en" dir="ltr">Agree</span>' in html
    easy = tool_pack_html(corpus, "ar", SURVEY, "survey-easy-read")
    assert "هل هذا صحيح بالنسبة لك؟" in easy and "Is this true for you?" not in easy
    # the same words reach the English pack untouched
    english = tool_pack_html(corpus, "en", SURVEY, "survey")
    assert "How much do you agree with this?" in english and "Na ile" not in english


def test_site_config_tools_words_are_translated_in_the_packs(corpus):
    """The default Polish site.yml translates what the tools say about the answers; {organisation} is filled in."""
    html = tool_pack_html(corpus, "pl", SURVEY, "survey")
    assert "Twoje odpowiedzi są poufne." in html
    assert "{organisation}" not in html and corpus.config.site.organisation in html
    assert "Your answers are confidential." not in html


@pytest.mark.parametrize("text, code", [
    ("Na ile <script>alert(1)</script> się zgadzasz?", "i18n.html"),
    ("Na ile [się](javascript:alert(1)) zgadzasz?", "i18n.unsafe-link"),
    ("Na ile się zgadzasz {document}?", "i18n.placeholder"),
])
def test_a_hostile_tool_translation_is_refused_with_file_and_line(project_copy, text, code):
    path = set_text(project_copy, "pl", SURVEY, "question", text)
    corpus, report = load(project_copy)
    assert corpus is None
    found = [i for i in report.errors if i.code == code]
    assert found, report.format()
    assert found[0].file.endswith(f"translations/pl/{SURVEY}.yml")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert found[0].line is not None and "text:" in lines[found[0].line - 1]


def test_an_unknown_key_in_a_tool_file_is_an_error_naming_the_near_key(project_copy):
    path = project_copy / "framework_data" / "translations" / "pl" / f"{SURVEY}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"]["questoin"] = {"source": "0000000000", "text": "Pytanie"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    corpus, report = load(project_copy)
    assert corpus is None
    found = [i for i in report.errors if i.code == "i18n.unknown-key"]
    assert found and '"question"' in found[0].hint and found[0].file.endswith(f"{SURVEY}.yml")


def test_a_changed_english_tool_text_makes_its_translation_stale_and_shows_the_english(project_copy):
    root = project_copy
    set_text(root, "pl", SURVEY, "question", "Na ile się z tym zgadzasz?")
    tool_file = root / "framework_data" / "tools" / f"{SURVEY}.yml"
    text = tool_file.read_text(encoding="utf-8")
    assert "question: How much do you agree with this?" in text
    tool_file.write_text(text.replace("question: How much do you agree with this?",
                                      "question: How much do you agree with this statement?"), encoding="utf-8")
    corpus, report = load(root)
    assert corpus is not None, report.format()
    stale = [i for i in report.warnings if i.code == "i18n.stale" and i.file.endswith(f"pl/{SURVEY}.yml")]
    assert len(stale) == 1 and "How much do you agree with this statement?" in stale[0].message
    html = tool_pack_html(corpus, "pl", SURVEY, "survey")
    assert "Na ile się z tym zgadzasz?" not in html and "How much do you agree with this statement?" in html
    from generator.translate.status import status_rows

    row = next(r for r in status_rows(corpus, "pl") if r.name == SURVEY)
    assert row.stale == 1 and row.total == len(tool_units(corpus.tools[SURVEY]))


def test_status_counts_every_tool_and_the_pages(corpus):
    from generator.translate.status import status_rows

    rows = {r.name: r for r in status_rows(corpus, "pl")}
    for tool_id, tool in corpus.tools.items():
        assert rows[tool_id].total == len(tool_units(tool))
    assert rows["pages"].total >= len(list((ROOT / "content" / "en").glob("*.md")))


def test_po_export_import_round_trip_includes_the_tools(project_copy, tmp_path):
    from generator.commands.po_import import import_po
    from generator.translate.catalog import export_po

    root = project_copy
    corpus, report = load(root)
    assert corpus is not None, report.format()
    before = {p: p.read_bytes() for p in (root / "framework_data" / "translations" / "pl").glob("*.yml")}
    files = export_po(corpus, "pl", tmp_path / "po")
    names = {p.stem for p in files}
    assert set(TOOLS) <= names and "site" in names
    # unchanged round trip: nothing is written
    assert import_po(corpus, "pl", tmp_path / "po", "Polski", Report(root=root)) == []
    assert before == {p: p.read_bytes() for p in before}
    # a translator fills in one tool text in the PO file: only that file changes, and it loads
    from babel.messages.pofile import read_po, write_po

    po = tmp_path / "po" / f"{SURVEY}.po"
    catalog = read_po(io.BytesIO(po.read_bytes()))
    message = next(m for m in catalog if m.context == "comments_label")
    message.string = "Tu możesz napisać więcej"
    buf = io.BytesIO()
    write_po(buf, catalog, width=0)
    po.write_bytes(buf.getvalue())
    written = import_po(corpus, "pl", tmp_path / "po", "Polski", Report(root=root))
    assert [p.name for p in written] == [f"{SURVEY}.yml"]
    corpus, report = load(root)
    assert corpus is not None, report.format()
    assert corpus.translations["pl"].tools[SURVEY]["comments_label"].text == "Tu możesz napisać więcej"


def test_the_collection_forms_read_the_translated_tool_words(project_copy):
    """The XLSForm's label::<lang> column and the codebook fill in from the tool's translation; an untranslated
    cell of a right-to-left language stays empty."""
    from generator.collect.build import make_files

    root = project_copy
    set_text(root, "pl", SURVEY, "scale.1.label", "Zdecydowanie się zgadzam")
    set_text(root, "ar", SURVEY, "scale.1.label", "أوافق بشدة")
    set_text(root, "ar", SURVEY, "scale.2.label", "")  # not translated (yet)
    corpus, report = load(root)
    assert corpus is not None, report.format()
    made = make_files(corpus, report)
    assert not report.errors, report.format()
    survey = next(m for m in made if m.form.file_stem == SURVEY)
    rows = list(csv.DictReader(io.StringIO(survey.files[f"{SURVEY}-codebook.csv"].decode("utf-8-sig"))))
    first = next(r for r in rows if r["question_id"] == "statement_1" and r["code"] == "1")
    second = next(r for r in rows if r["question_id"] == "statement_1" and r["code"] == "2")
    assert first["text_pl"] == "Zdecydowanie się zgadzam" and first["text_ar"] == "أوافق بشدة"
    assert second["text_en"] == "Agree" and second["text_ar"] == ""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(survey.files[f"{SURVEY}.xlsx"]))
    choices = list(book["choices"].iter_rows(values_only=True))
    column = list(choices[0]).index("label::Polish (pl)")
    assert "Zdecydowanie się zgadzam" in [row[column] for row in choices[1:]]


def test_the_translation_of_a_removed_tool_is_a_warning_not_an_error(project_copy):
    (project_copy / "framework_data" / "tools" / f"{SURVEY}.yml").unlink()
    corpus, report = load(project_copy)
    assert corpus is not None, report.format()
    gone = [i for i in report.warnings if i.code == "i18n.obsolete" and i.file.endswith(f"pl/{SURVEY}.yml")]
    assert gone and "framework_data/tools/" in gone[0].hint
    # a misnamed document translation is still an error
    (project_copy / "framework_data" / "translations" / "pl" / "jias-engagement-framework.yml").rename(
        project_copy / "framework_data" / "translations" / "pl" / "jias-engagment-framework.yml")
    corpus, report = load(project_copy)
    assert corpus is None and any(i.code == "i18n.unknown-file" for i in report.errors)


# ---- pack labels and draft notices ------------------------------------------------------------------
def writer_for(corpus, lang):
    from generator.print.packs import _coverage, language_view
    from generator.print.pack_html import PrintWriter

    view, strings = language_view(corpus, lang)
    return view, PrintWriter(view, lang, strings, coverage=_coverage(corpus, lang))


def cover_and_about(html: str) -> tuple[str, str]:
    cover = html.split("</header>", 1)[0]
    about = html.split('id="about-this-pack"', 1)[1]
    return cover, about


def test_a_partly_translated_pack_says_how_much_in_its_language_on_its_cover_and_about_page(project_copy):
    from generator.translate.status import pack_row

    set_text(project_copy, "pl", SURVEY, "instructions", "")  # two of the survey's own texts not translated
    set_text(project_copy, "pl", SURVEY, "closing", "")
    corpus, report = load(project_copy)
    assert corpus is not None, report.format()
    view, writer = writer_for(corpus, "pl")
    made = writer.tool_html(view.tools[SURVEY], "survey", {"date": "x", "description": "y"})
    row = pack_row(corpus, "pl", "survey", "jias-engagement-framework", SURVEY)
    assert row.missing == 2
    expected = int(100 * row.current / row.total)
    assert made.translated == expected < 100
    label = f"Polski i angielski: przetłumaczono {expected}%"
    cover, about = cover_and_about(made.html)
    assert label in cover and label in about
    assert "Język: Polski" not in made.html


def test_a_whole_translation_is_labelled_with_its_language_only_and_a_draft_says_so(project_copy):
    root = project_copy
    path = root / "framework_data" / "translations" / "pl" / f"{SURVEY}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, entry in data["entries"].items():
        if not key.startswith("easy_read."):
            entry["text"] = f"Tekst po polsku numer {len(key)}."
    data["entries"]["easy_read.question"]["text"] = ""  # one easy-read text not translated
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    corpus, report = load(root)
    assert corpus is not None, report.format()
    view, writer = writer_for(corpus, "pl")
    made = writer.tool_html(view.tools[SURVEY], "survey", {"date": "x", "description": "y"})
    assert made.translated == 100 and made.draft
    cover, about = cover_and_about(made.html)
    for part in (cover, about):
        assert "Język: Polski" in part and "przetłumaczono" not in part
        assert "Ten pakiet został przetłumaczony, ale tłumaczenia nie sprawdził" in part
    # the easy-read survey's words are not translated: it is still labelled as partly English
    easy = writer.tool_html(view.tools[SURVEY], "survey-easy-read", {"date": "x", "description": "y"})
    assert easy.translated < 100 and "przetłumaczono" in cover_and_about(easy.html)[0]


def test_an_english_pack_has_no_language_note_nor_draft_notice(corpus):
    view, writer = writer_for(corpus, "en")
    made = writer.tool_html(view.tools[SURVEY], "survey", {"date": "x", "description": "y"})
    assert 'class="ck-pack-language"' not in made.html and 'class="ck-draft-notice"' not in made.html
    doc = writer.document_html(view.document("jias-engagement-framework"), "standard", {"date": "x", "description": "y"})
    assert doc.translated == 100 and not doc.draft and 'class="ck-draft-notice"' not in doc.html


def test_the_packs_page_link_says_how_much_is_translated(corpus):
    """On the web pages (theme/pages/_packs.md.j2), as the pipeline makes them."""
    from generator.model.packs import Pack
    from generator.web.pages import PageWriter
    from generator.translate.view import build_view

    partial = Pack("jias-engagement-framework", "survey", "pl", f"pl/packs/{SURVEY}-pl.pdf", "Ankieta", 2048, 4,
                   "", 60, True)
    whole = Pack("jias-engagement-framework", "standard", "pl", "pl/packs/jias-engagement-framework-standard-pl.pdf",
                 "Ramy", 2048, 4, "", 100, False)
    view = build_view(corpus, "pl")
    writer = PageWriter(view.corpus, "pl", view.words, packs=[partial, whole], direction=view.dir)
    html = writer.pack_links(view.corpus.document("jias-engagement-framework"), "jias-engagement-framework/index.md")
    first, second = html.split('ck-attachment-survey', 1)[1], html.split('ck-attachment-standard', 1)[1]
    assert 'i angielski: przetłumaczono 60%' in first.split("</li>")[0]
    assert "wersją roboczą" in first.split("</li>")[0]
    assert "Język: " in second.split("</li>")[0] and "przetłumaczono" not in second.split("</li>")[0]


# ---- the word list (framework_data/glossary.yml) -----------------------------------------------------
def test_the_word_list_is_translated_in_glossary_yml(project_copy, tmp_path):
    from generator.translate.catalog import export_po
    from generator.translate.localise import localise
    from generator.translate.status import status_rows

    root = project_copy
    # start from a Polish word list with nothing translated (the default one is translated now), as a
    # translator who has just begun finds it
    glossary = root / "framework_data" / "translations" / "pl" / "glossary.yml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["text"] = ""
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    set_text(root, "pl", "glossary", "advocate.term", "Rzecznik")
    set_text(root, "pl", "glossary", "advocate.meaning", "Osoba, która pomaga ci powiedzieć, czego chcesz.")
    corpus, report = load(root)
    assert corpus is not None, report.format()
    view = localise(corpus, corpus.translations["pl"])
    advocate = next(t for t in view.glossary.terms if t.id == "advocate")
    assert advocate.term == "Rzecznik" and advocate.term.lang == "pl"
    other = next(t for t in view.glossary.terms if t.id != "advocate")
    assert other.term.lang == "en"  # not translated: English, marked as English
    row = next(r for r in status_rows(corpus, "pl") if r.name == "glossary")
    assert row.draft == 2 and row.total == 2 * len(corpus.glossary.terms)
    assert "glossary" in {p.stem for p in export_po(corpus, "pl", tmp_path / "po")}
    # a hostile meaning is refused like any translation
    set_text(root, "pl", "glossary", "advocate.meaning", "Osoba <script>alert(1)</script>.")
    corpus, report = load(root)
    assert corpus is None and any(i.code == "i18n.html" and i.file.endswith("pl/glossary.yml") for i in report.errors)


def test_a_new_language_gets_every_file_to_translate_tools_and_word_list_included(project_copy):
    """`charterkit i18n add cy` (catalog.scaffold_language): one file per document, per tool, the interface
    words, site.yml and glossary.yml, every text present and empty; the project still validates."""
    from generator.translate.catalog import add_language_to_config, file_names, scaffold_language

    root = project_copy
    assert add_language_to_config(root, "cy", "Cymraeg", "Welsh", "ltr")
    corpus, report = load(root)
    assert corpus is not None, report.format()
    written = scaffold_language(corpus, "cy", "Cymraeg")
    names = {p.stem for p in written}
    assert names == set(file_names(corpus))
    assert set(TOOLS) | {"interface", "site", "glossary"} <= names
    survey = yaml.safe_load((root / "framework_data" / "translations" / "cy" / f"{SURVEY}.yml").read_text(encoding="utf-8"))
    assert list(survey["entries"]) == [u.key for u in tool_units(corpus.tools[SURVEY])]
    assert all(e["text"] == "" for e in survey["entries"].values())
    corpus, report = load(root)
    assert corpus is not None and not report.errors, report.format()
