"""Completeness checks for the North Yorkshire Involvement Framework and Charter.

The oracle is the source text in ../shared/seeds/004_8d3c8c0b7f52407f.txt. Counts are
literal numbers counted by hand in that file (line numbers given in comments).
"""

import re

import pytest

from .raw import item, items, load, section, sections, seed as seed_text

SEED_NAME = "004_8d3c8c0b7f52407f.txt"

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")

# Extraction mangles in the seed and how the YAML reads them (see source.notes).
SEED_FIXES = [
    ("guieter", "quieter"),
    ("benefits everyone the council", "benefits everyone - the council"),
]


def normalise(text: str) -> str:
    text = text.replace("**", "")
    for a, b in {
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
        "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\t": " ",
    }.items():
        text = text.replace(a, b)
    text = text.replace("\u00b7", " ")  # stray bullet marks in the seed
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def doc():
    return load("north-yorkshire-involvement-charter")


@pytest.fixture(scope="module")
def seed():
    text = seed_text(SEED_NAME)
    for a, b in SEED_FIXES:
        text = text.replace(a, b)
    return normalise(text)


def test_top_level_fields(doc):
    assert doc["id"] == "north-yorkshire-involvement-charter"
    assert doc["kind"] == "charter"
    for key in ("title", "summary", "source", "sections"):
        assert doc.get(key), key
    src = doc["source"]
    for key in ("title", "publisher", "date", "licence", "editors_notes"):
        assert src.get(key), key
    assert src["licence_id"] == "all-rights-reserved" and "no licence" in src["copyright"]
    assert doc["applies_to"] == ["England"] and doc["area"] == "North Yorkshire"
    # Not in the source: the date comes from press coverage, the address is the council's home page.
    assert "press coverage" in src["date_note"] and "home page" in src["url_note"]
    # The source says "We will review the framework after two years" (line 352) but gives no date.
    assert "review_date" not in src


def test_ids_valid_and_unique(doc):
    ids = [s["id"] for _, s in sections(doc)] + [i["id"] for _, i in items(doc)]
    assert all(ID_RE.match(i) for i in ids), [i for i in ids if not ID_RE.match(i)]
    assert len(ids) == len(set(ids))
    for _, i in items(doc):
        list_ids = [lst["id"] for lst in i.get("lists", [])]
        assert len(list_ids) == len(set(list_ids))


def test_section_order(doc):
    # Contents list, lines 19-37 (contents itself is not encoded).
    assert [s["id"] for s in doc["sections"]] == [
        "foreword",
        "acknowledgements",
        "introduction",
        "involvement-charter",
        "what-we-mean-by-involvement",
        "why-involvement-matters",
        "when-we-involve",
        "who-we-involve",
        "how-we-involve",
        "acknowledging-and-feeding-back",
        "supporting-colleagues-communities-people",
        "measuring-improving-learning",
        "delivering-and-reviewing",
        "contact-us",
    ]
    assert [s["id"] for s in section(doc, "when-we-involve")["sections"]] == [
        "planned-projects", "ongoing-conversations", "feedback"]  # lines 173, 189, 201
    assert [s["id"] for s in section(doc, "how-we-involve")["sections"]] == [
        "planning-involvement", "designing-involvement", "ways-of-working"]  # lines 252, 264, 292


ITEM_COUNTS = {
    "foreword": 3,  # lines 41-45 quote, 47-55 text, 57-87 signatories
    "acknowledgements": 1,  # lines 91-93
    "introduction": 1,  # lines 97-107
    "involvement-charter": 11,  # ten bullets lines 115-124 + closing paragraph line 126
    "what-we-mean-by-involvement": 4,  # lines 132, 134-140, 142, 144
    "why-involvement-matters": 6,  # lines 148-155, 157, 159, quotes 161, 163, 165
    "when-we-involve": 1,  # lines 169-171
    "planned-projects": 3,  # lines 175-181, 183, quote 185
    "ongoing-conversations": 2,  # lines 191, 193
    "feedback": 3,  # lines 203, 205, callout 207-211
    "who-we-involve": 5,  # lines 215-224, 228-232, 234-236, 238, 244 (the caption on line 226 belongs to a photo not on the site: dropped)
    "how-we-involve": 0,  # intro line 250 only; three sub-sections
    "planning-involvement": 1,  # lines 254-262
    "designing-involvement": 3,  # line 266, quote 268, lines 272-290
    "ways-of-working": 7,  # six principles lines 296-308 + quote line 304
    "acknowledging-and-feeding-back": 5,  # lines 312-316, 318, quote 320, 324, quote 326
    "supporting-colleagues-communities-people": 2,  # lines 330-334, 336
    "measuring-improving-learning": 3,  # lines 342, 344, 346
    "delivering-and-reviewing": 3,  # lines 350, 352, quote 354
    "contact-us": 2,  # lines 360-366, 368
}


@pytest.mark.parametrize("sid,count", sorted(ITEM_COUNTS.items()))
def test_items_per_section(doc, sid, count):
    assert len(section(doc, sid).get("items", [])) == count


def test_charter_commitments(doc):
    # Ten bulleted commitments, lines 115-124.
    charter = section(doc, "involvement-charter")["items"]
    commitments = [i for i in charter if i["id"].startswith("commitment-")]
    assert [c["id"] for c in commitments] == [f"commitment-{n}" for n in range(1, 11)]
    for n, c in enumerate(commitments, 1):
        assert c["number"] == str(n)
        assert c.get("page") is True
        assert c["title"] and c["text"].startswith("We will ")


def test_sub_items(doc):
    # Involvement types table, lines 136-140.
    assert [i["title"] for i in item(doc, "involvement-types")["items"]] == [
        "Co-production", "Co-design", "Engagement", "Consultation", "Informing"]
    # "When designing how to involve people and communities, we will:" lines 274-290.
    assert len(item(doc, "when-designing-we-will")["items"]) == 5
    # Ways of working principles, lines 296-308.
    principles = [i["title"] for i in section(doc, "ways-of-working")["items"] if i["id"].startswith("principle-")]
    assert principles == ["Reciprocity", "Asset-based", "Equality", "Respect", "Courage", "Honesty"]


LIST_COUNTS = {
    ("signatories", "signatories"): 14,  # lines 61-87
    ("involvement-benefits", "people-help-us-to"): 4,  # lines 152-155
    ("planned-projects-minimum", "service-development-types"): 5,  # lines 177-181
    ("who-we-work-with", "people-and-groups"): 8,  # lines 217-224
    ("understanding-who-to-involve", "we-will-try-to-understand"): 3,  # lines 230-232
    ("plan-early", "reasons-to-plan-early"): 5,  # lines 258-262
    ("feedback-commitments", "when-we-involve-people-we-will"): 3,  # lines 314-316
    ("supporting-colleagues", "support-for-colleagues"): 3,  # lines 332-334
    ("contact-details", "ways-to-contact-us"): 4,  # lines 360-366
}


@pytest.mark.parametrize("iid,lid,count", [(i, l, c) for (i, l), c in sorted(LIST_COUNTS.items())])
def test_list_counts(doc, iid, lid, count):
    lists = {lst["id"]: lst for lst in item(doc, iid)["lists"]}
    assert len(lists[lid]["entries"]) == count


def test_no_other_lists(doc):
    found = {(i["id"], lst["id"]) for _, i in items(doc) for lst in i.get("lists", [])}
    assert found == set(LIST_COUNTS)


def test_quotes(doc):
    # Quotes at lines 45, 161, 163, 165, 185, 207-211, 268, 304, 320, 326, 354.
    quotes = [i for _, i in items(doc) if i.get("type") == "quote"]
    assert [q["id"] for q in quotes] == [f"quote-{n}" for n in range(1, 12)]
    # Only the foreword quote is attributed in the source (line 43).
    attributed = {q["id"]: q.get("attribution") for q in quotes if q.get("attribution")}
    assert attributed == {
        "quote-1": "Christopher Porter, Self-Advocate Chair of North Yorkshire Health and Wellbeing Group"}


def test_every_item_has_text_or_lists(doc):
    for _, i in items(doc):
        assert i.get("text") or i.get("lists"), i["id"]


def test_texts_in_seed(doc, seed):
    missing, checked = [], 0
    for _, i in items(doc):
        for para in re.split(r"\n\s*\n", i.get("text", "")):
            if para.strip() and normalise(para) not in seed:
                missing.append((i["id"], para[:60]))
            checked += bool(para.strip())
    assert not missing
    assert checked > 50


def test_glossary_like_terms_in_seed(doc, seed):
    terms = item(doc, "involvement-types")["items"]
    assert len(terms) == 5
    for t in terms:
        assert normalise(f"{t['title']} {t['text']}") in seed


def test_list_entries_in_seed(doc, seed):
    missing, checked = [], 0
    for _, i in items(doc):
        for lst in i.get("lists", []):
            for entry in lst["entries"]:
                if normalise(entry) not in seed:
                    missing.append((i["id"], entry))
                checked += 1
    assert not missing
    assert checked == sum(LIST_COUNTS.values())


def test_section_intros_in_seed(doc, seed):
    intros = [s for _, s in sections(doc) if s.get("intro")]
    assert intros
    for s in intros:
        assert normalise(s["intro"]) in seed, s["id"]


def test_titles_from_source_in_seed(doc, seed):
    for _, s in sections(doc):
        assert normalise(s["title"]) in seed, s["id"]
    assert normalise(item(doc, "quote-1")["title"]) in seed
    assert normalise(item(doc, "quote-1")["attribution"]) in seed
