"""Every document says where it applies, under what licence, and where each of its texts comes from (issue #12)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.model.origin import ORIGINS, origin, title_origin
from generator.model.schema import LICENCES, Document
from generator.model.corpus import walk_items, walk_sections
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DOCS = sorted((ROOT / "framework_data" / "documents").glob("*.yml"))


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "projects" / "minimal", root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(root: Path) -> list:
    report = Report()
    assert load_project(root, report) is None, "the broken project should not load"
    return report.errors


def test_missing_applies_to_is_an_error_with_file_line_and_what_to_do(tmp_path):
    root = _project(tmp_path)
    doc = root / "framework_data" / "documents" / "alpha-charter.yml"
    _edit(doc, "applies_to: [Scotland]\n", "")
    errors = [e for e in _errors(root) if e.code == "schema.missing" and "applies_to" in e.message]
    assert errors, "a document without applies_to must be refused"
    assert errors[0].file.endswith("alpha-charter.yml") and errors[0].line
    assert "Scotland" in errors[0].hint and "England" in errors[0].hint


def test_unknown_country_is_refused(tmp_path):
    root = _project(tmp_path)
    _edit(root / "framework_data" / "documents" / "alpha-charter.yml", "applies_to: [Scotland]", "applies_to: [Scotlnd]")
    assert any("applies_to" in " ".join(map(str, [e.message, e.hint, e.key])) or "Scotlnd" in e.message
               for e in _errors(root))


@pytest.mark.parametrize("licence", ["Reproduced for public information with attribution to the publisher.",
                                     "Reproduced for testing"])
def test_a_description_of_use_is_not_a_licence(tmp_path, licence):
    root = _project(tmp_path)
    _edit(root / "framework_data" / "documents" / "alpha-charter.yml",
          "licence: Open Government Licence v3.0", f"licence: {licence}")
    errors = _errors(root)
    assert any("must name a licence" in e.message for e in errors), [e.message for e in errors]


def test_all_rights_reserved_needs_the_owners_notice_and_permissions(tmp_path):
    root = _project(tmp_path)
    doc = root / "framework_data" / "documents" / "alpha-charter.yml"
    _edit(doc, "licence_id: OGL-UK-3.0", "licence_id: all-rights-reserved")
    _edit(doc, 'may_adapt: "yes"', "may_adapt: ask")
    messages = " ".join(e.message for e in _errors(root))
    assert "add copyright" in messages


def test_editors_notes_are_not_a_public_field(tmp_path):
    root = _project(tmp_path)
    doc = root / "framework_data" / "documents" / "alpha-charter.yml"
    _edit(doc, "  licence_id:", "  notes: How we read it.\n  licence_id:")
    errors = [e for e in _errors(root) if e.code == "schema.unknown-field"]
    assert errors and "editors_notes" in errors[0].hint


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_every_default_document_states_where_it_applies_and_its_real_licence(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = Document.model_validate(data)
    assert doc.applies_to, path.name
    src = doc.source
    assert src.licence_id in LICENCES
    assert not re.search(r"reproduced", src.licence, re.I)
    assert src.copyright, "every document records its owner's copyright"
    if src.licence_id.startswith("OGL"):
        assert src.may_adapt == src.may_translate == "yes"
    else:
        assert src.permissions and src.may_adapt != "yes"
    assert doc.source.notes is None, "editors' notes are never public"


def test_where_each_default_document_applies():
    seen = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["applies_to"] for p in DOCS}
    assert len(seen) == 8
    assert seen["nice-adult-social-care-experience"] == ["England"]
    assert seen["north-yorkshire-involvement-charter"] == ["England"]
    assert sum(v == ["Scotland"] for v in seen.values()) == 6


def test_every_text_field_has_an_origin():
    """The origin rule covers every text field of sections and items, so no text can go unlabelled."""
    from generator.model.schema import Item, Section
    structural = {"id", "page", "maps_to", "covers", "refers_to", "items", "sections", "glossary", "title_from"}
    for model, part in ((Item, Item(id="x", title="X")), (Section, Section(id="x", title="X", intro="Y"))):
        for name in model.model_fields:
            if name in structural:
                continue
            doc = Document.model_validate(yaml.safe_load(DOCS[0].read_text(encoding="utf-8")))
            assert origin(doc, part, name) in ORIGINS, (model.__name__, name)


def test_site_written_headings_are_marked():
    """North Yorkshire's short commitment headings were written for this site; its section headings are its own."""
    data = yaml.safe_load((ROOT / "framework_data/documents/north-yorkshire-involvement-charter.yml").read_text("utf-8"))
    doc = Document.model_validate(data)
    items = {loc.item.id: loc.item for loc in walk_items(doc)}
    assert title_origin(doc, items["commitment-1"]) == "site"
    sections = [s for s, _, _ in walk_sections(doc)]
    assert sum(title_origin(doc, s) == "source" for s in sections) >= 5
    counts = {"source": 0, "site": 0}
    for p in DOCS:
        d = Document.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
        for loc in walk_items(d):
            if loc.item.title:
                counts[title_origin(d, loc.item)] += 1
    assert counts["source"] > 50 and counts["site"] > 50, counts


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_easy_read_says_where_it_applies_and_who_wrote_it(path):
    """The easy read's opening points name the country the document applies in ("This is about services in
    England") and say that the easy read was written for this website."""
    doc = Document.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    about = " ".join(p.text for p in doc.easy_read.about)
    assert any(country in about for country in doc.applies_to), about
    assert re.search(r"written for this (website|site)", about), about
