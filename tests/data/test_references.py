"""No reference in the data is left hanging, and no internal note is in a public field (issue #12)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.model.corpus import walk_items, walk_sections
from generator.model.schema import Document
from generator.validate.public_text import internal_phrases
from generator.validate.references import dangling_texts
from generator.model.units import document_units

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "framework_data" / "documents").glob("*.yml"))


def load(path: Path) -> Document:
    return Document.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    out = {p.stem: load(p) for p in DOCS}
    assert len(out) == 8
    return out


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_no_dangling_reference(path):
    found = dangling_texts(load(path))
    assert found == [], "\n".join(f"{p}: {what}: {text[:80]}" for p, text, what in found)


def test_the_dangling_check_finds_what_it_looks_for(docs):
    """Without refers_to and addresses_missing the same data has dangling references: the check is not empty."""
    def strip(data):
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k not in ("refers_to", "addresses_missing")}
        if isinstance(data, list):
            return [strip(v) for v in data]
        return data

    found = {}
    for path in DOCS:
        doc = Document.model_validate(strip(yaml.safe_load(path.read_text(encoding="utf-8"))))
        found[path.stem] = dangling_texts(doc)
    assert len(found["integration-principles"]) == 1  # "... which can be accessed at"
    assert len(found["nice-adult-social-care-experience"]) == 3  # [See page 3], [See page 6], [See page 10]
    assert len(found["north-yorkshire-involvement-charter"]) == 2  # "page 19 of this framework", "set out below"
    assert len(found["perth-kinross-engagement-strategy"]) == 1  # "9 national outcomes ... set out below"


def test_set_out_below_links_the_nine_outcomes(docs):
    perth = docs["perth-kinross-engagement-strategy"]
    item = next(loc.item for loc in walk_items(perth) if loc.item.text and "set out below" in loc.item.text)
    assert item.refers_to == {"health-wellbeing-outcomes": tuple(f"outcome-{n}" for n in range(1, 10))}
    outcomes = {loc.item.id for loc in walk_items(docs["health-wellbeing-outcomes"])}
    assert set(item.refers_to["health-wellbeing-outcomes"]) <= outcomes


def test_page_references_lead_to_parts_of_the_document(docs):
    ny = docs["north-yorkshire-involvement-charter"]
    item = next(loc.item for loc in walk_items(ny) if loc.item.text and "page 19" in loc.item.text)
    target = item.refers_to["north-yorkshire-involvement-charter"]
    sections = {s.id: s for s, _, _ in walk_sections(ny)}
    assert target == ("measuring-improving-learning",)
    assert sections["measuring-improving-learning"].title.startswith("Measuring")
    nice = docs["nice-adult-social-care-experience"]
    pages = [loc.item for loc in walk_items(nice) if loc.item.text and "[See page" in loc.item.text]
    assert len(pages) == 3 and all(item.refers_to for item in pages)


def test_the_57_resources_say_their_addresses_are_in_the_original(docs):
    principles = docs["integration-principles"]
    lists = [lst for loc in walk_items(principles) for lst in loc.item.lists if lst.id == "resources"]
    assert len(lists) == 9 and all(lst.addresses_missing for lst in lists)
    assert sum(len(lst.entries) for lst in lists) == 57
    assert principles.source.url, "the page links the original guidance instead"


def test_no_caption_without_its_picture(docs):
    for doc in docs.values():
        for loc in walk_items(doc):
            assert "caption" not in (loc.item.title or "").lower(), loc.item.id
            assert "photo taken by" not in (loc.item.text or "").lower(), loc.item.id


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_no_internal_note_in_any_published_text(path):
    """Every text that is published (the translatable units, and the source facts shown on the page)."""
    doc = load(path)
    texts = [u.text for u in document_units(doc)]
    s = doc.source
    texts += [t for t in (s.title, s.publisher, s.date_note, s.url_note, s.licence, s.copyright, s.permissions) if t]
    assert len(texts) > 20
    found = [(t[:60], internal_phrases(t)) for t in texts if internal_phrases(t)]
    assert found == []
    assert s.editors_notes is None or internal_phrases(s.editors_notes) or path.stem in (
        "health-wellbeing-outcomes", "jias-quality-indicators"), "the phrase list matches real editors' notes"
