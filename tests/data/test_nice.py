"""Completeness and faithfulness checks for the NICE Pathway document.

Document: framework_data/documents/nice-adult-social-care-experience.yml
Source:   ../shared/seeds/002_5056a30f1f0ce0ac.txt (NICE Pathway "People's experience in adult
          social care services", NICE guideline NG86, pathway last updated 27 February 2019)

The counts below are taken by hand from the seed text (line numbers refer to the seed file).
"""

from __future__ import annotations

import re

import pytest

from .raw import DOCUMENTS, item, items, load, own_items, section, sections, seed as seed_text, texts

DOC_PATH = DOCUMENTS / "nice-adult-social-care-experience.yml"
SEED_NAME = "002_5056a30f1f0ce0ac.txt"

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")

# Extraction damage fixed in the YAML (see source.notes), applied to the seed before comparing.
KNOWN_MANGLES = {
    # Box 4 (seed lines 77-79): opening bracket lost before "See also".
    "2014. See also involving carers, families and friends.)": (
        "2014. (See also involving carers, families and friends.)"
    ),
}


def normalise(text: str) -> str:
    """Make seed text and YAML text comparable: plain links, plain quotes/dashes, one space."""
    # Markdown links with a dummy target, e.g. [Care Act 2014](#) or [x \[See page 6\]](#).
    text = re.sub(r"\[((?:\\\[|\\\]|[^\[\]])*)\]\(#\)", r"\1", text)
    # a web address written as a link to itself, [https://...](https://...), or in < > as the seed has it
    text = re.sub(r"\[(https?://[^\]\s]+)\]\(\1\)", r"\1", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = text.replace("\\[", "[").replace("\\]", "]").replace("\\(", "(").replace("\\)", ")")
    text = text.replace("**", "")
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                 "\u2013": "-", "\u2014": "-", "\u00a0": " "}.items():
        text = text.replace(a, b)
    text = re.sub(r"\s+", " ", text).strip()
    for a, b in KNOWN_MANGLES.items():
        text = text.replace(a, b)
    return text


@pytest.fixture(scope="module")
def doc() -> dict:
    return load("nice-adult-social-care-experience")


@pytest.fixture(scope="module")
def raw_seed() -> str:
    return seed_text(SEED_NAME)


@pytest.fixture(scope="module")
def seed(raw_seed) -> str:
    return normalise(raw_seed)


# --- document shape ------------------------------------------------------------------------------

def test_top_level_fields(doc):
    assert doc["id"] == "nice-adult-social-care-experience"
    assert DOC_PATH.stem == doc["id"]
    assert doc["kind"] == "pathway"
    assert doc["title"].strip()
    summary = doc["summary"].strip()
    assert summary and len(re.findall(r"[.!?](\s|$)", summary)) <= 3
    src = doc["source"]
    for key in ("title", "publisher", "date", "url", "licence", "licence_url", "editors_notes", "permissions"):
        assert str(src.get(key, "")).strip(), key
    assert src["date"] == "2019-02-27"  # seed line 12
    assert "NG86" in src["title"]
    assert src["publisher"].startswith("National Institute for Health and Care Excellence")
    assert src["url"] == "http://pathways.nice.org.uk/pathways/peoples-experience-in-adult-social-care-services"
    assert src["licence_id"] == "all-rights-reserved" and src["copyright"].startswith("© NICE")
    # NICE's terms: reproducing for not-for-profit use is allowed; adapting and translating need permission.
    assert src["may_adapt"] == src["may_translate"] == "ask"
    assert "educational and not-for-profit" in src["permissions"] and "England" in src["permissions"]
    assert doc["applies_to"] == ["England"]
    assert "may no longer" in src["url_note"]


def test_ids_are_valid_and_unique(doc):
    ids = []
    for _, s in sections(doc):
        ids.append(s["id"])
        for _, it in own_items(s):
            ids.append(it["id"])
            list_ids = [lst["id"] for lst in it.get("lists", [])]
            assert len(list_ids) == len(set(list_ids)), it["id"]
            for lid in list_ids:
                assert ID_RE.match(lid), lid
    assert len(ids) == len(sections(doc)) + len(items(doc))
    for i in ids:
        assert ID_RE.match(i), i
    assert len(ids) == len(set(ids))


def test_section_order_and_item_counts(doc):
    # Reading order of the seed: overview (lines 3-14), flowchart boxes 1-11 (lines 18-191),
    # co-production (lines 193-202), Glossary (204-224), Sources (226-228), Your responsibility (230-254).
    assert [s["id"] for s in doc["sections"]] == [
        "overview", "flowchart", "co-production", "glossary", "sources", "your-responsibility",
    ]
    counts = {s["id"]: len(s["items"]) for s in doc["sections"]}
    assert counts == {
        "overview": 1,             # one block of introductory text, lines 6-14
        "flowchart": 11,           # boxes numbered 1 to 11
        "co-production": 1,        # definition + TLAP principles, lines 193-202
        "glossary": 5,             # 5 terms, lines 206-224
        "sources": 1,              # NICE guideline NG86, line 228
        "your-responsibility": 3,  # Guidelines; Technology appraisals; Medical technologies ... guidance
    }


def test_every_item_has_text_or_sub_items(doc):
    for _, it in items(doc):
        has_text = bool(str(it.get("text", "")).strip())
        assert has_text or it.get("items"), it["id"]


def test_no_raw_html(doc):
    strings = texts(doc["sections"])
    assert len(strings) > 100
    for s in strings:
        assert not re.search(r"<(?!https?://)[a-zA-Z/!][^>]*>", s), s


# --- the flowchart boxes -------------------------------------------------------------------------

BOX_TITLES = {  # seed lines 18, 22, 26, 65, 95, 99, 103, 107, 142, 149, 185
    1: "Adult using social care services",
    2: "Working with the person",
    3: "Assessing the person's needs",
    4: "Planning care and support",
    5: "Providing care and support",
    6: "Reviewing care and support plans",
    7: "Involving people who use services in service design and improvement",
    8: "Access to care and support",
    9: "Coordinating care and support",
    10: "Staff competence, skills and experience",
    11: "Experience of care",
}

# Recommendations (paragraphs) per box, counted in the seed.
RECS_PER_BOX = {
    3: 7,   # lines 28, 30, 42, 44, 53, 55, 57 (+ the "Quality standards" sub-heading, lines 59-63)
    4: 8,   # lines 67, 75, 77-79, 81, 87, 89, 91, 93
    6: 1,   # line 101
    8: 8,   # 4 under "Providing information about services" (111-124), 4 under "Making services inclusive" (128-140)
    9: 1,   # line 144
    10: 10,  # 8 at lines 151-177, 2 under "Training for practitioners working in residential settings" (181, 183)
}

# Boxes that only hold a line of text (no recommendations): 1 (line 20), 2 (24), 5 (97), 7 (105), 11 (187).
TEXT_ONLY_BOXES = {1, 2, 5, 7, 11}

SUB_HEADINGS = {  # box -> sub-heading items, in order
    3: ["box-3-quality-standards"],
    8: ["box-8-providing-information", "box-8-making-services-inclusive"],
    10: ["box-10-training-residential"],
}


def test_boxes(doc, seed):
    boxes = section(doc, "flowchart")["items"]
    assert len(boxes) == len(BOX_TITLES)
    for n, box in enumerate(boxes, start=1):
        assert box["id"] == f"box-{n}"
        assert box["number"] == str(n)
        assert box["title"] == BOX_TITLES[n]
        assert box.get("page") is True
        assert normalise(f"{n} {box['title']}") in seed
        if n in TEXT_ONLY_BOXES:
            assert box["text"].strip() and not box.get("items"), box["id"]


def test_recommendation_counts(doc):
    boxes = section(doc, "flowchart")["items"]
    assert len(boxes) == len(BOX_TITLES)
    for n, box in enumerate(boxes, start=1):
        recs = [i["id"] for _, i in own_items(box) if re.fullmatch(rf"box-{n}-rec-\d+", i["id"])]
        assert recs == [f"box-{n}-rec-{k}" for k in range(1, RECS_PER_BOX.get(n, 0) + 1)], n
        headings = [i["id"] for _, i in own_items(box) if not re.fullmatch(r"box-\d+-rec-\d+", i["id"])]
        assert headings == SUB_HEADINGS.get(n, []), n
        for hid in headings:
            assert item(doc, hid)["title"].strip()


LIST_COUNTS = {  # (item id, list id) -> number of bullet entries in the seed
    ("box-3-rec-2", "assessment-should"): 9,                     # lines 32-40
    ("box-3-rec-4", "ensure-that"): 5,                           # lines 46-51
    ("box-4-rec-1", "coordinator-competent-to"): 5,              # lines 69-73
    ("box-4-rec-4", "matching-taking-into-account"): 3,          # lines 83-85
    ("box-8-rec-1", "information-including"): 6,                 # lines 113-118
    ("box-8-rec-7", "needs-and-preferences-arising-from"): 5,    # lines 134-138
    ("box-9-rec-1", "put-in-place"): 2,                          # lines 146-147
    ("box-10-rec-1", "recruitment-process-that"): 2,             # lines 153-154
    ("box-10-rec-3", "experts-by-experience-examples"): 4,       # lines 160-163
    ("box-10-rec-4", "learning-could-be-through"): 3,            # lines 167-169
    ("box-11", "related-nice-recommendations"): 2,               # lines 189-191
    ("co-production-principles", "tlap-principles"): 6,          # lines 197-202 ("6 principles")
}


def test_list_counts(doc):
    found = {}
    for _, it in items(doc):
        for lst in it.get("lists", []):
            found[(it["id"], lst["id"])] = len(lst["entries"])
    assert found == LIST_COUNTS
    assert sum(found.values()) == 52


# --- co-production and glossary ------------------------------------------------------------------

def test_co_production(doc):
    co_production = item(doc, "co-production-principles")
    assert co_production.get("page") is True
    assert "The Think Local Act Personal (TLAP) 6 principles of co-production are:" in co_production["text"]
    assert co_production["text"].startswith("When a person who uses services is involved as an equal partner")


def test_glossary(doc):
    glossary = section(doc, "glossary")
    assert glossary.get("glossary") is True
    terms = [i["title"] for i in glossary["items"]]
    # Seed lines 206, 210, 214, 218, 222.
    assert terms == [
        "Care and support needs assessment", "care and support plan", "care and support plans",
        "carer", "carers",
    ]
    for term in glossary["items"]:
        assert term["text"].strip()
        assert not term.get("page")


# --- faithfulness: every text and entry is in the seed -------------------------------------------

def test_every_text_is_in_the_seed(doc, seed):
    checked = 0
    for _, it in items(doc):
        if it.get("text"):
            # Check paragraph by paragraph: paragraphs may be separated differently in the seed.
            for para in re.split(r"\n\s*\n", it["text"]):
                if para.strip():
                    assert normalise(para) in seed, (it["id"], para)
                    checked += 1
        for lst in it.get("lists", []):
            for entry in lst["entries"]:
                assert normalise(entry) in seed, (it["id"], lst["id"], entry)
                checked += 1
    assert checked > 100


def test_source_titles_are_in_the_seed(doc, seed):
    # Titles taken from the source's own headings (the box titles are checked in test_boxes).
    for iid in ("box-3-quality-standards", "box-8-providing-information", "box-8-making-services-inclusive",
                "box-10-training-residential", "responsibility-guidelines",
                "responsibility-technology-appraisals", "responsibility-medical-technologies"):
        assert normalise(item(doc, iid)["title"]) in seed, iid
    for term in section(doc, "glossary")["items"]:
        assert normalise(term["title"]) in seed
    for sid in ("glossary", "sources", "your-responsibility", "overview"):
        assert normalise(section(doc, sid)["title"]).lower() in seed.lower(), sid


# Seed lines that are headings, encoded as titles rather than text (line numbers in the seed).
SEED_HEADINGS = [
    "People's experience in adult social care services overview",  # line 3: the document title
    "1 Adult using social care services",  # line 18, and the other box headings
    "2 Working with the person",
    "3 Assessing the person's needs",
    "Quality standards",  # line 59
    "4 Planning care and support",
    "5 Providing care and support",
    "6 Reviewing care and support plans",
    "7 Involving people who use services in service design and improvement",
    "8 Access to care and support",
    "Providing information about services",  # line 109
    "Making services inclusive",  # line 126
    "9 Coordinating care and support",
    "10 Staff competence, skills and experience",
    "Training for practitioners working in residential settings",  # line 179
    "11 Experience of care",
    "Glossary",  # line 204
    "care and support plans",  # line 214 (the other glossary terms also occur inside encoded text)
    "Sources",  # line 226
    "Your responsibilityGuidelines",  # line 230: "Your responsibility" + "Guidelines", run together
    "Technology appraisals",  # line 238
    "Medical technologies guidance, diagnostics guidance and interventional procedures guidance",  # line 246
]


def test_seed_is_fully_covered(doc, seed, raw_seed):
    """Every line of the seed is in the YAML's text or list entries, or is a heading encoded as a title."""
    encoded = []
    for _, it in items(doc):
        encoded.append(normalise(it.get("text", "")))
        for lst in it.get("lists", []):
            encoded.extend(normalise(e) for e in lst["entries"])
    encoded_text = " ".join(encoded)
    titles = {normalise(doc["title"] + " overview")}
    titles |= {normalise(f"{i['number']} {i['title']}") for _, i in items(doc) if i.get("number")}
    titles |= {normalise(i["title"]) for _, i in items(doc) if i.get("title")}
    titles |= {normalise(s["title"]) for s in doc["sections"]}
    titles.add(normalise("Your responsibility") + normalise("Guidelines"))
    uncovered = []
    for line in raw_seed.splitlines():
        line = normalise(line)
        line = re.sub(r"^- ", "", line)  # bullet marker
        if line.startswith("(") and line.endswith(")"):
            line = line[1:-1]  # glossary meanings are given in round brackets in the seed
        if line and line not in encoded_text:
            uncovered.append(line)
    assert uncovered == [normalise(h) for h in SEED_HEADINGS]
    for heading in uncovered:
        assert heading in titles, heading
