"""Translation files: hostile or broken input is refused with file and line; staleness is exact."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.translate.localise import entry_state
from generator.translate.status import status_rows
from generator.model.units import document_units, source_hash
from generator.validate.project import load_project

@pytest.fixture
def project(make_project):
    """Makes the minimal project with Welsh added (the language the translations below are in)."""
    return lambda: make_project(languages=[("cy", "Cymraeg", "ltr")])


def write_translation(root: Path, lang: str, doc: str, entries: dict, status="draft") -> Path:
    folder = root / "framework_data" / "translations" / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc}.yml"
    path.write_text(yaml.safe_dump({"status": status, "entries": entries}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def english(root: Path, doc: str, key: str) -> str:
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    return next(u.text for u in document_units(corpus.document(doc)) if u.key == key)


def entry(root, key, text, doc="alpha-charter"):
    return {"text": text, "source": source_hash(english(root, doc, key))}


def test_a_good_translation_loads(project):
    root = project()
    write_translation(root, "cy", "alpha-charter", {"commitment-1.text": entry(root, "commitment-1.text", "Byddwn yn gwrando arnoch chi.")})
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    assert "commitment-1.text" in corpus.translations["cy"].documents["alpha-charter"]


@pytest.mark.parametrize("text, code", [
    ("Byddwn <script>alert(1)</script> yn gwrando.", "i18n.html"),
    ('Byddwn <img src=x onerror="alert(1)"> yn gwrando.', "i18n.html"),
    ("Byddwn yn [gwrando](javascript:alert(1)).", "i18n.unsafe-link"),
    ("Byddwn yn **gwrando arnoch.", "i18n.markdown"),
    ("Byddwn yn gwrando \u202earnoch chi\u202c.", "i18n.bidi-control"),
    ("Byddwn yn gwrando {document}.", "i18n.placeholder"),
    ("Byddwn yn gwrando {{ contact.email }}.", "i18n.placeholder"),
])
def test_hostile_or_broken_translation_is_refused_with_file_and_line(project, text, code):
    root = project()
    path = write_translation(root, "cy", "alpha-charter", {
        "commitment-2.text": entry(root, "commitment-2.text", "Byddwn yn egluro pethau'n glir."),
        "commitment-1.text": entry(root, "commitment-1.text", text)})
    report = Report()
    assert load_project(root, report) is None
    found = [i for i in report.errors if i.code == code]
    assert found, report.format()
    issue = found[0]
    assert issue.file.endswith("translations/cy/alpha-charter.yml")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert issue.line is not None and "text:" in lines[issue.line - 1]
    assert issue.hint


def test_interface_placeholders_must_match(project):
    root = project()
    folder = root / "framework_data" / "translations" / "cy"
    folder.mkdir(parents=True)
    en = "Part of {document}"
    (folder / "interface.yml").write_text(yaml.safe_dump({"entries": {
        "part_of": {"text": "Rhan o {dogfen}", "source": source_hash(en)}}}, allow_unicode=True), encoding="utf-8")
    report = Report()
    assert load_project(root, report) is None
    assert [i.code for i in report.errors] == ["i18n.placeholder"]


def test_unknown_key_and_unknown_file_are_errors(project):
    root = project()
    write_translation(root, "cy", "alpha-charter", {"commitment-9.text": {"text": "Dim", "source": "0123456789"}})
    write_translation(root, "cy", "no-such-document", {"title": {"text": "Dim", "source": "0123456789"}})
    report = Report()
    assert load_project(root, report) is None
    codes = sorted(i.code for i in report.errors)
    assert codes == ["i18n.unknown-file", "i18n.unknown-key"], report.format()
    unknown = next(i for i in report.errors if i.code == "i18n.unknown-key")
    assert "Did you mean" in unknown.hint  # suggests the nearest real key


def test_reviewed_needs_a_reviewer(project):
    root = project()
    write_translation(root, "cy", "alpha-charter", {"title": entry(root, "title", "Siarter alffa")}, status="reviewed")
    report = Report()
    assert load_project(root, report) is None
    assert any(i.code == "schema.value" and "reviewed_by" in i.message for i in report.errors)


def test_changing_one_english_item_makes_exactly_its_translations_stale(project):
    root = project()
    keys = ["title", "summary", "commitment-1.title", "commitment-1.text", "commitment-2.text",
            "commitment-1.lists.examples.1"]
    write_translation(root, "cy", "alpha-charter", {k: entry(root, k, f"Cyfieithiad {n}") for n, k in enumerate(keys)})
    report = Report()
    before = load_project(root, report)
    rows = {r.name: r for r in status_rows(before, "cy")}
    assert rows["alpha-charter"].stale == 0 and rows["alpha-charter"].draft == len(keys)

    doc = root / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("We will listen to you.", "We will always listen to you."), encoding="utf-8")
    report = Report()
    after = load_project(root, report)
    assert after is not None, report.format()
    pack = after.translations["cy"].documents["alpha-charter"]
    units = {u.key: u.text for u in document_units(after.document("alpha-charter"))}
    stale = sorted(k for k in keys if entry_state(units[k], pack.get(k)) == "stale")
    assert stale == ["commitment-1.text"]
    assert {r.name: r for r in status_rows(after, "cy")}["alpha-charter"].stale == 1


def test_a_language_folder_not_in_site_config_is_a_warning(project):
    root = project()
    write_translation(root, "fr", "alpha-charter", {"title": entry(root, "title", "Charte alpha")})
    report = Report()
    assert load_project(root, report) is not None
    assert [i.code for i in report.warnings] == ["i18n.not-configured"]


def test_a_link_added_to_the_english_makes_translations_stale_with_a_note_not_an_error(project):
    """An English editor adds a link: the translations that now lack it are out of date (the English is shown),
    and validate says why in a warning naming the entry; it does not block the English change."""
    root = project()
    old = english(root, "alpha-charter", "commitment-1.text")
    path = write_translation(root, "cy", "alpha-charter", {
        "commitment-1.text": {"text": "Byddwn yn gwrando arnoch chi.", "source": source_hash(old), "en": old}})
    doc = root / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace(
        "We will listen to you.", "We will listen to you. See [our promise](https://www.example.org/promise)."),
        encoding="utf-8")
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    notes = [i for i in report.warnings if i.code == "i18n.stale-link-changed"]
    assert len(notes) == 1 and notes[0].file.endswith("translations/cy/alpha-charter.yml"), report.format()
    assert "https://www.example.org/promise" in notes[0].message and "English is shown" in notes[0].message
    assert notes[0].key == "entries.commitment-1.text.text"
    units = {u.key: u.text for u in document_units(corpus.document("alpha-charter"))}
    entry_ = corpus.translations["cy"].documents["alpha-charter"]["commitment-1.text"]
    assert entry_state(units["commitment-1.text"], entry_) == "stale"
    # a link the translation adds that neither English has is still an error, stale or not
    text = path.read_text(encoding="utf-8").replace("Byddwn yn gwrando arnoch chi.",
                                                    "Byddwn yn [gwrando](https://evil.example/).")
    path.write_text(text, encoding="utf-8")
    report = Report()
    assert load_project(root, report) is None
    assert [i.code for i in report.errors] == ["i18n.link-changed"]


def test_a_translation_whose_links_differ_is_never_shown(tmp_path):
    """Even if the check were skipped, the page shows the English rather than a translation that links
    somewhere else (translate/localise.py)."""
    from generator.model.translations import Translated
    from generator.translate.localise import Localiser

    english_text = "See [the NHS](https://www.nhs.uk/)."
    entries = {"a": Translated("Zobacz [NHS](https://evil.example/).", source_hash(english_text), "reviewed", "X",
                               "f.yml", 1),
               "b": Translated("Zobacz [NHS](https://www.nhs.uk/).", source_hash(english_text), "reviewed", "X",
                               "f.yml", 1)}
    t = Localiser("pl", entries)
    assert (str(t("a", english_text)), t("a", english_text).lang) == (english_text, "en")
    assert t("b", english_text).lang == "pl"


def test_a_translation_of_a_removed_easy_read_point_is_obsolete_not_an_error(project):
    """Rewriting the English easy read renumbers its points (issue 14): a translation of a point that is gone is
    reported as obsolete (a warning naming the entry) and is not used; a key of nothing at all is still an error."""
    root = project()
    write_translation(root, "cy", "alpha-charter", {
        "commitment-1.easy_read.4.text": {"text": "Pwynt", "source": "0123456789"},
        "commitment-9.easy_read.1.text": {"text": "Dim", "source": "0123456789"}})
    report = Report()
    assert load_project(root, report) is None  # the second key names no part of the document
    assert [i.code for i in report.errors] == ["i18n.unknown-key"]
    obsolete = [i for i in report.warnings if i.code == "i18n.obsolete"]
    assert len(obsolete) == 1 and obsolete[0].key == "entries.commitment-1.easy_read.4.text" and obsolete[0].line


def test_a_link_added_to_the_english_makes_a_translation_stale_not_wrong(project):
    root = project()
    doc = root / "framework_data" / "documents" / "alpha-charter.yml"
    doc.write_text(doc.read_text().replace("text: We will listen to you.",
                                           "text: We will [listen to you](https://example.org/listen)."), encoding="utf-8")
    old = "We will listen to you."
    write_translation(root, "cy", "alpha-charter", {
        "commitment-1.text": {"en": old, "source": source_hash(old), "text": "Byddwn yn gwrando arnoch chi."}})
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    translated = corpus.translations["cy"].documents["alpha-charter"]["commitment-1.text"]
    assert entry_state(english(root, "alpha-charter", "commitment-1.text"), translated) == "stale"
    # the same text, marked as a translation of the new English, lacks the link: that is an error
    write_translation(root, "cy", "alpha-charter", {
        "commitment-1.text": entry(root, "commitment-1.text", "Byddwn yn gwrando arnoch chi.")})
    report = Report()
    assert load_project(root, report) is None
    assert [i.code for i in report.errors] == ["i18n.link-changed"]
