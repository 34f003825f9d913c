"""Completeness and faithfulness checks for the Perth & Kinross engagement strategy data file.

The oracle is the source text in ../shared/seeds/003_f214f9d637df9ff5.txt (the Integration Joint Board
report of 15 January 2016 with Appendix 1, the Draft Participation and Engagement Strategy). Counts are
literal numbers taken from that text; comments give the place in the seed each count comes from.
"""

import re

import pytest

from .raw import DOCUMENTS, item, items, load, section, sections, seed as seed_text

DOC_PATH = DOCUMENTS / "perth-kinross-engagement-strategy.yml"
SEED_NAME = "003_f214f9d637df9ff5.txt"

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")

# Characters mangled when the source was extracted, fixed in the data file (see source.notes).
KNOWN_MANGLES = {
    "localityfocused": "locality-focused",  # paragraph 4.6, hyphen lost at a line break
}

OUTCOMES = [f"outcome-{n}" for n in range(1, 10)]
PRINCIPLES = ["principle-a"] + [
    f"principle-b-{r}"
    for r in ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
]


def normalise(text: str) -> str:
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033]", '"', text)
    text = re.sub(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]", "-", text)
    text = re.sub(r'-(\w+)"', r"\1", text)  # the `—how"` style of extraction mangle
    text = text.replace("*", "")  # Markdown emphasis; the seed carries the same marks
    for bad, good in KNOWN_MANGLES.items():
        text = text.replace(bad, good)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def doc():
    return load("perth-kinross-engagement-strategy")


@pytest.fixture(scope="module")
def seed():
    return normalise(seed_text(SEED_NAME))


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


# ---------------------------------------------------------------- shape


def test_top_level_fields(doc):
    assert doc["id"] == "perth-kinross-engagement-strategy"
    assert doc["kind"] == "strategy"
    for key in ("title", "summary", "source", "sections"):
        assert doc.get(key), key
    src = doc["source"]
    for key in ("title", "publisher", "date", "licence"):
        assert src.get(key), key
    assert src["date"] == "2016-01-15"  # "15 JANUARY 2016", seed line 7
    assert src["publisher"] == "Perth & Kinross Health and Social Care Integration Joint Board"
    assert src["licence_id"] == "all-rights-reserved" and "no licence" in src["copyright"]
    assert doc["applies_to"] == ["Scotland"] and doc["area"] == "Perth and Kinross"
    assert "url" not in src  # the source gives no address
    assert src.get("editors_notes")


def test_ids_valid_and_unique(doc):
    ids = [s["id"] for _, s in sections(doc)] + [i["id"] for _, i in items(doc)]
    for i in ids:
        assert ID_RE.match(i), i
    assert len(ids) == len(set(ids))
    for _, it in items(doc):
        list_ids = [lst["id"] for lst in it.get("lists", [])]
        assert len(list_ids) == len(set(list_ids))
        for lid in list_ids:
            assert ID_RE.match(lid), lid


def test_every_item_has_text_and_every_section_a_title(doc):
    for _, s in sections(doc):
        assert s.get("title"), s["id"]
    for _, it in items(doc):
        assert isinstance(it.get("text"), str) and it["text"].strip(), it["id"]
        for lst in it.get("lists", []):
            assert lst.get("entries"), (it["id"], lst["id"])


def test_no_raw_html(doc):
    raw = DOC_PATH.read_text(encoding="utf-8")
    assert not re.search(r"<[a-zA-Z/][^>]*>", raw)
    assert "\t" not in raw


# ---------------------------------------------------------------- counts


def test_section_structure(doc):
    # Report: header (seed lines 5-11), numbered parts 1-5 (lines 13-50), then Appendix 1 (line 52).
    assert [s["id"] for s in doc["sections"]] == [
        "report-details",
        "purpose-of-the-report",
        "recommendations",
        "background",
        "overview-of-the-strategy",
        "recommendations-repeated",
        "appendix-1-strategy",
    ]
    # Appendix 1 headings, lines 54-243, in reading order.
    assert [s["id"] for s in section(doc, "appendix-1-strategy")["sections"]] == [
        "introduction",
        "our-principles",
        "who-we-will-work-with",
        "our-approach",
        "objectives",
        "communication",
        "resourcing",
        "implementation",
        "evaluation-and-review",
        "appendix-i-legislative-context",
    ]


@pytest.mark.parametrize(
    "sid, count",
    [
        ("report-details", 4),  # board (line 5), date (7), title (9), "Report by Chief Officer" (11)
        ("purpose-of-the-report", 2),  # paragraphs 1.1, 1.2
        ("recommendations", 1),  # paragraph 2.1
        ("background", 3),  # paragraphs 3.1-3.3
        ("overview-of-the-strategy", 7),  # paragraphs 4.1-4.7
        ("recommendations-repeated", 1),  # paragraph 5.1
        ("introduction", 13),  # 13 paragraphs, lines 56-89
        ("our-principles", 1),  # one lead-in with its list, lines 93-101
        ("who-we-will-work-with", 1),  # one paragraph with its list, lines 105-113
        ("our-approach", 5),  # "five key commitments", lines 117-193
        ("objectives", 6),  # six bullets, lines 199-204
        ("communication", 2),  # lines 208, 210
        ("resourcing", 4),  # lines 214, 216, 218 (+ list), 227
        ("implementation", 3),  # lines 231, 233, 235
        ("evaluation-and-review", 2),  # lines 239, 241
        ("appendix-i-legislative-context", 1),  # lead-in with its list, lines 245-258
    ],
)
def test_items_per_section(doc, sid, count):
    assert len(section(doc, sid).get("items", [])) == count


@pytest.mark.parametrize(
    "iid, list_id, count",
    [
        ("para-2-1", "recommended-decisions", 2),  # two bullets, lines 21-22
        ("para-5-1", "recommended-decisions", 2),  # two bullets, lines 49-50
        ("introduction-11", "aims", 4),  # "Our strategy seeks to:", lines 82-85
        ("principles-intro", "principles-list", 7),  # lines 95-101
        ("community-stakeholders", "stakeholders", 7),  # lines 107-113
        ("resourcing-3", "staff-commitments", 5),  # lines 220-225
        ("legislation-and-policy", "legislation", 12),  # Appendix i, lines 247-258
    ],
)
def test_list_entries(doc, iid, list_id, count):
    lists = {lst["id"]: lst for lst in item(doc, iid).get("lists", [])}
    assert len(lists[list_id]["entries"]) == count


def test_commitments(doc):
    commitments = section(doc, "our-approach")["items"]
    assert [c["id"] for c in commitments] == [f"commitment-{n}" for n in range(1, 6)]
    assert [c["number"] for c in commitments] == ["1", "2", "3", "4", "5"]
    assert all(c.get("page") is True for c in commitments)
    assert all(c.get("title") for c in commitments)
    # Paragraph counts per commitment: 1 (lines 121-135), 2 (143-145, then case studies and line 159),
    # 3 (163-173), 4 (177-183), 5 (187-193).
    assert [len(paragraphs(c["text"])) for c in commitments] == [8, 2, 5, 4, 4]
    # Commitment 2 holds both case studies (lines 147-157) and the closing paragraph (line 159).
    subs = commitments[1]["items"]
    assert [s["id"] for s in subs] == ["case-study-1", "case-study-2", "commitment-2-wider-context"]
    assert [len(paragraphs(s["text"])) for s in subs] == [2, 2, 1]
    for c in commitments:
        if c["id"] != "commitment-2":
            assert "items" not in c


def test_only_commitments_have_pages(doc):
    paged = [i["id"] for _, i in items(doc) if i.get("page")]
    assert paged == [f"commitment-{n}" for n in range(1, 6)]


# ---------------------------------------------------------------- mappings


def test_maps_to_only_where_source_names_them(doc):
    mapped = {i["id"]: i["maps_to"] for _, i in items(doc) if i.get("maps_to")}
    assert mapped == {
        # "we will meet the 9 national outcomes for health and social care integration" (line 62)
        "introduction-4": {"health-wellbeing-outcomes": OUTCOMES},
        # "help the Integration Joint Board meet the National Health and Wellbeing Outcomes" (line 201)
        "objective-3": {"health-wellbeing-outcomes": OUTCOMES},
        # "To meet the integration delivery principles" (line 204)
        "objective-6": {"integration-principles": PRINCIPLES},
    }
    assert "9 national outcomes" in item(doc, "introduction-4")["text"]
    assert "National Health and Wellbeing Outcomes" in item(doc, "objective-3")["text"]
    assert "integration delivery principles" in item(doc, "objective-6")["text"]


# ---------------------------------------------------------------- faithfulness


def test_item_texts_in_seed(doc, seed):
    checked = 0
    for _, it in items(doc):
        for para in paragraphs(it["text"]):
            assert normalise(para) in seed, (it["id"], para[:80])
            checked += 1
    assert checked > 50


def test_list_entries_in_seed(doc, seed):
    checked = 0
    for _, it in items(doc):
        for lst in it.get("lists", []):
            for entry in lst["entries"]:
                assert normalise(entry) in seed, (it["id"], lst["id"], entry)
                checked += 1
    assert checked > 30


def test_section_intros_in_seed(doc, seed):
    intros = [s for _, s in sections(doc) if s.get("intro")]
    assert intros
    for s in intros:
        assert normalise(s["intro"]) in seed, s["id"]


def test_commitment_and_case_study_titles_in_seed(doc, seed):
    for c in section(doc, "our-approach")["items"]:
        assert normalise(f'{c["number"]}. {c["title"]}') in seed, c["id"]
    folded = seed.casefold()
    for cid in ("case-study-1", "case-study-2"):
        assert normalise(item(doc, cid)["title"]).casefold() in folded, cid


def test_report_paragraph_numbers_in_seed(doc, seed):
    for sid in (
        "purpose-of-the-report",
        "recommendations",
        "background",
        "overview-of-the-strategy",
        "recommendations-repeated",
    ):
        numbered = section(doc, sid)["items"]
        assert numbered, sid
        for it in numbered:
            first = normalise(paragraphs(it["text"])[0])[:40]
            assert f'{it["number"]} {first}' in seed, it["id"]


def test_known_mangle_fixed(doc):
    # source.notes names the mangle; the encoded text must not contain it.
    assert "locality-focused and locality-led" in item(doc, "para-4-6")["text"]
    for _, it in items(doc):
        for bad in KNOWN_MANGLES:
            assert bad not in it["text"], it["id"]
