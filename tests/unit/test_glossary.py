"""The site's word list (framework_data/glossary.yml): at least 30 words, merged, capitalised, each naming the
documents it comes from and where it applies, written for this site (issue #12)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.model.glossary import Glossary, applies_to
from generator.model.origin import ORIGINS
from generator.validate.glossary import load_glossary, source_glossary_items
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def glossary(corpus) -> Glossary:
    assert corpus.glossary is not None, "framework_data/glossary.yml is loaded with the project"
    return corpus.glossary


def test_at_least_30_words(glossary):
    assert len(glossary.terms) >= 30, len(glossary.terms)


def test_words_are_merged_and_capitalised(glossary):
    keys = [re.sub(r"s$", "", t.term.casefold()) for t in glossary.terms]
    assert len(keys) == len(set(keys)), "no word twice, not even as singular and plural"
    assert all(t.term[0].isupper() for t in glossary.terms)


def test_the_words_the_issue_names_are_there(glossary):
    terms = {t.term.casefold() for t in glossary.terms}
    for word in ("integration", "co-production", "integration joint board", "carer", "advocate", "easy read",
                 "national health and wellbeing outcomes", "quality indicator"):
        assert word in terms, word


def test_each_word_names_its_documents_and_where_it_applies(glossary, corpus):
    docs = {d.id: d for d in corpus.documents}
    named = [t for t in glossary.terms if t.documents]
    assert len(named) >= len(glossary.terms) - 1  # only "Easy read" is the site's own word
    places = {t.id: applies_to(t, docs) for t in glossary.terms}
    assert places["care-act-2014"] == ("England",)
    assert places["integration-joint-board"] == ("Scotland",)
    assert places["carer"] == ("England", "Scotland")
    assert all(places[t.id] for t in named)


def test_plain_english_meanings(glossary):
    for t in glossary.terms:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", t.meaning.strip()) if s]
        assert 1 <= len(sentences) <= 3, t.id
        assert max(len(s.split()) for s in sentences) <= 30, t.id


def test_the_documents_own_definitions_are_all_merged_in(glossary, corpus):
    docs = {d.id: d for d in corpus.documents}
    quoted = {(r.document, r.item) for t in glossary.terms for r in t.source_definitions}
    own = set(source_glossary_items(docs))
    assert own, "NICE's glossary has terms"
    assert own <= quoted, own - quoted


def test_meanings_are_written_for_this_site():
    assert "site" in ORIGINS  # the origin the glossary's meanings have (generator/model/origin.py)
    text = (ROOT / "framework_data" / "glossary.yml").read_text(encoding="utf-8")
    assert "written for this site" in text


def _project_with(tmp_path, change) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("site_config.yml", "framework_data", "content", "theme"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    path = root / "framework_data" / "glossary.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["terms"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.parametrize("change, code", [
    (lambda terms: terms[0].update(documents=["care-standards"]), "glossary.not-in-document"),
    (lambda terms: terms.append(dict(terms[6], id="carers", term="Carers")), "glossary.duplicate"),
    (lambda terms: terms[0].update(documents=["no-such-document"]), "glossary.unknown-document"),
    (lambda terms: terms[0].update(term="advocate"), "schema.value"),
    (lambda terms: terms[3].update(source_definitions=[{"document": "nice-adult-social-care-experience",
                                                        "item": "box-3"}]), "glossary.unknown-definition"),
])
def test_wrong_glossary_entries_are_errors_with_file_and_line(tmp_path, change, code):
    root = _project_with(tmp_path, change)
    report = Report()
    assert load_project(root, report) is None
    mine = [i for i in report.errors if i.file and i.file.endswith("glossary.yml")]
    assert mine and mine[0].line and mine[0].hint, report.format()
    assert code in {i.code for i in mine}, [i.code for i in mine]
