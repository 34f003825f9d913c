"""`charterkit check terms`: a translation that does not use its language's agreed term is reported (a warning with
file, line and what to do); one that follows the termbase is not; a broken terms.yml is an error with file and line,
never a traceback; the default termbases load and cover the terms issue #13 starts with."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.check import terms as T
from generator.cli import main
from generator.diagnostics import Report
from generator.model.units import document_units, source_hash
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
STARTER_TERMS = ("engagement", "co-production", "advocate", "carer", "easy read", "health and social care partnership",
                 "integration joint board", "unpaid carer")


@pytest.fixture
def project(make_project):
    """Makes the minimal project with Welsh (cy) added."""
    return lambda: make_project(languages=[("cy", "Cymraeg", "ltr")])


def english(root: Path, key: str, doc: str = "alpha-charter") -> str:
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    return next(u.text for u in document_units(corpus.document(doc)) if u.key == key)


def translate(root: Path, texts: dict[str, str], stale: tuple = ()) -> Path:
    """Write cy/alpha-charter.yml with these translations (key -> text); keys in stale get an old fingerprint."""
    entries = {key: {"text": text, "source": "0000000000" if key in stale else source_hash(english(root, key))}
               for key, text in texts.items()}
    folder = root / "framework_data" / "translations" / "cy"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "alpha-charter.yml"
    path.write_text(yaml.safe_dump({"status": "draft", "entries": entries}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def termbase(root: Path, text: str) -> Path:
    path = root / "framework_data" / "translations" / "cy" / "terms.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


LISTEN = """terms:
  listen:
    translation: gwrando
    variants: [wrando]
    note: The agreed word for listening to people.
"""


def check(root: Path) -> Report:
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None, report.format()
    report.issues.clear()
    summaries = T.check_corpus(corpus, report)
    assert [s.lang for s in summaries] == ["cy"]
    return report


# ---- finding the English term -------------------------------------------------------------------------------
@pytest.mark.parametrize("term, text", [
    ("carer", "Ask your carer."), ("carer", "Carers and families"), ("carer", "my carers' needs"),
    ("easy read", "an easy-read survey"), ("easy read", "Easy Read"), ("community", "local communities"),
    ("co-production", "Co-production means"), ("health and social care partnership", "the Health and Social Care\nPartnership"),
    ("NICE", "what NICE says"), ("process", "these processes"),
])
def test_the_english_term_is_found_as_a_word_with_a_simple_plural(term, text):
    assert T.english_pattern(term).search(text)


@pytest.mark.parametrize("term, text", [
    ("advocate", "independent advocacy"), ("carer", "careers advice"), ("carer", "self-carer"),
    ("read", "easy-read"), ("NICE", "a nice day"), ("outcome", "outcomesque"),
])
def test_the_english_term_is_not_found_inside_other_words(term, text):
    assert not T.english_pattern(term).search(text)


def test_link_addresses_and_placeholders_are_not_read_as_words():
    terms = [T.LoadedTerm("easy read", T.english_pattern("easy read"), ("hawdd ei ddarllen",), ("hawdd ei ddarllen",), 3)]
    assert T.term_findings(terms, "See [the page](https://example.org/easy-read/).", "Gweler [y dudalen](https://example.org/easy-read/).") == []
    assert T.term_findings(terms, "Made by {easy_read}", "Gan {easy_read}") == []
    assert T.term_findings(terms, "An easy read page", "Tudalen") == terms


def test_arabic_vowel_signs_tatweel_and_spacing_do_not_hide_the_agreed_translation():
    terms = [T.LoadedTerm("dignity", T.english_pattern("dignity"), (T.normalise("كرامة"),), ("كرامة",), 1)]
    assert T.term_findings(terms, "treat with **dignity**", "يُعامل بـ**كَرامة**") == []
    assert T.term_findings(terms, "treat with dignity", "يعامل باحترام") == terms


# ---- on a project -------------------------------------------------------------------------------------------
def test_a_translation_that_breaks_the_termbase_is_reported_with_file_line_and_what_to_do(project):
    root = project()
    path = translate(root, {"commitment-1.text": "Byddwn yn clywed eich llais."})
    termbase(root, LISTEN)
    report = check(root)
    assert not report.errors, report.format()
    [warning] = report.warnings
    assert warning.code == "terms.not-used"
    assert warning.file.endswith("framework_data/translations/cy/alpha-charter.yml")
    line = path.read_text(encoding="utf-8").splitlines()[warning.line - 1]
    assert "commitment-1.text" in line
    assert warning.key == "entries.commitment-1.text.text"
    assert '"listen"' in warning.message and '"gwrando"' in warning.message
    assert "terms.yml" in warning.hint and "variants:" in warning.hint


def test_a_translation_that_follows_the_termbase_or_a_variant_is_not_reported(project):
    root = project()
    translate(root, {"commitment-1.text": "Byddwn yn GWRANDO arnoch chi.",
                     "commitment-1.title": "Rydym yn eich wrando"})  # "We listen": a listed variant (a mutation)
    termbase(root, LISTEN)
    report = check(root)
    assert report.issues == [], report.format()


def test_a_text_whose_english_has_no_term_and_a_stale_text_are_not_reported(project):
    root = project()
    translate(root, {"commitment-2.text": "Byddwn yn esbonio pethau'n glir.",  # "We will explain": no term
                     "commitment-1.text": "Byddwn yn clywed."}, stale=("commitment-1.text",))
    termbase(root, LISTEN)
    report = Report()
    corpus = load_project(root, report)
    assert corpus is not None
    report.issues.clear()
    [summary] = T.check_corpus(corpus, report)
    assert report.issues == [], report.format()
    assert (summary.texts, summary.stale) == (1, 1)


def test_a_term_marked_check_false_is_not_checked(project):
    root = project()
    translate(root, {"commitment-1.text": "Byddwn yn clywed eich llais."})
    termbase(root, LISTEN.replace("    variants: [wrando]\n", "    check: false\n"))
    assert check(root).issues == []


def test_the_termbase_is_not_read_as_a_translation_file(project):
    root = project()
    translate(root, {"commitment-1.text": "Byddwn yn gwrando."})
    termbase(root, LISTEN)
    report = Report()
    assert load_project(root, report) is not None, report.format()
    assert report.issues == [], report.format()


@pytest.mark.parametrize("text, code, line", [
    ("terms:\n  listen:\n    translation: [gwrando\n", "yaml.syntax", None),
    ("- listen\n- gwrando\n", "terms.top-level", 1),
    ("terms:\n  - listen\n", "terms.top-level", 2),
    ("terms:\n  listen: gwrando\n", "terms.entry", 2),
    ("terms:\n  listen:\n    note: no translation\n", "schema.missing", 3),
    ("terms:\n  listen:\n    translation: gwrando\n    variant: [wrando]\n", "schema.unknown-field", 4),
    ("terms:\n  listen:\n    translation: 5\n", "schema.wrong-type", 3),
    ("terms:\n  listen:\n    translation: gwrando\n    variants: [w]\n", "terms.too-short", 2),
    ("terms:\n  '123':\n    translation: gwrando\n", "terms.english", 2),
    ("terms:\n  listen:\n    translation: gwrando\n  listen:\n    translation: clywed\n", "yaml.duplicate-key", 4),
])
def test_a_broken_termbase_is_an_error_with_file_and_line_never_a_traceback(project, capsys, text, code, line):
    root = project()
    translate(root, {"commitment-1.text": "Byddwn yn gwrando."})
    termbase(root, text)
    report = check(root)
    assert report.errors, f"{text!r} was accepted"
    codes = {i.code for i in report.errors}
    assert any(c == code or c.startswith(code) for c in codes), report.format()
    for issue in report.errors:
        assert issue.file.endswith("framework_data/translations/cy/terms.yml")
        assert issue.line is not None and issue.line >= 1
    if line is not None:
        assert line in {i.line for i in report.errors if i.code.startswith(code)}, report.format()
    capsys.readouterr()
    assert main(["--project", str(root), "check", "terms", "--report", str(root / "reports")]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "terms.yml:" in out.out


def test_hostile_termbase_words_are_plain_text_not_patterns(project):
    root = project()
    translate(root, {"commitment-1.text": "Byddwn yn clywed."})
    termbase(root, "terms:\n  listen:\n    translation: '(.*'\n    variants: ['.*?', '[a-z]+', '\\w+']\n")
    [warning] = check(root).warnings  # none of them is in the text as written, so nothing matches "anything"
    assert warning.code == "terms.not-used"


def test_the_command_reports_warnings_per_language_and_exits_0(project, capsys):
    root = project()
    translate(root, {"commitment-1.text": "Byddwn yn clywed eich llais."})
    termbase(root, LISTEN)
    assert main(["--project", str(root), "check", "terms", "--report", str(root / "reports")]) == 0
    out = capsys.readouterr().out
    assert "warning [terms.not-used]" in out
    assert "alpha-charter.yml:" in out
    row = next(line for line in out.splitlines() if line.startswith("cy "))
    assert row.split()[-1] == "1"  # one warning for Welsh
    result = json.loads((root / "reports" / "terms.json").read_text(encoding="utf-8"))["result"]
    assert result["ok"] and result["warnings"] == 1 and result["by_code"] == {"terms.not-used": 1}


# ---- the default content --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def default_corpus():
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None, report.format()
    return corpus


def test_every_translated_language_has_a_termbase_with_the_starter_terms(default_corpus):
    langs = [lang.code for lang in default_corpus.config.languages if lang.code != "en"]
    assert langs
    for lang in langs:
        report = Report(root=ROOT)
        terms = T.load_termbase(ROOT / "framework_data" / "translations" / lang / "terms.yml", report)
        assert terms is not None and not report.issues, report.format()
        checked = {t.english for t in terms}
        missing = [t for t in STARTER_TERMS if t not in checked]
        assert not missing, f"{lang}: the termbase does not check {missing}"


def test_the_check_runs_on_the_default_content_without_errors(default_corpus):
    report = Report(root=ROOT)
    summaries = T.check_corpus(default_corpus, report)
    assert not report.errors, report.format()
    assert summaries and all(s.termbase and not s.unreadable for s in summaries)
    assert all(s.texts > 1000 for s in summaries), [(s.lang, s.texts) for s in summaries]
    assert all(i.file and i.line for i in report.warnings)
