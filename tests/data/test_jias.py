"""Completeness and faithfulness checks for the JIAS engagement framework and its reference files.

Documents (framework_data/documents/):
  jias-engagement-framework.yml  the framework (12 "I" statements)
  health-wellbeing-outcomes.yml  National Health and Wellbeing Outcomes (Scottish Government, 2015)
  care-standards.yml             Health and Social Care Standards: my support, my life (2017)
  jias-quality-indicators.yml    the JIAS quality indicators the framework cites

Source: ../shared/seeds/000_c82564cfa297a652.txt (Joint Inspection of Adult Services Engagement
Framework v1.0, 9 March 2022). Line numbers below refer to that seed file.

Two oracles are used for the statements: literal numbers counted by hand from the seed, and a
small parser of the seed's tables, so a mistake in either shows up as a disagreement.
"""

from __future__ import annotations

import re

import pytest

from .raw import DOCUMENTS, items, load, section, sections, seed as seed_text

SEED_NAME = "000_c82564cfa297a652.txt"

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
INTEGRATION_PRINCIPLE_IDS = {"principle-a"} | {f"principle-b-{r}" for r in ROMAN}

# --------------------------------------------------------------------------- expected, by hand
# Positive examples per statement: the "•" bullets in each statement's table (seed lines 52-112).
EXAMPLES_PER_STATEMENT = {1: 11, 2: 6, 3: 8, 4: 10, 5: 11, 6: 12, 7: 6, 8: 9, 9: 10, 10: 6, 11: 8, 12: 3}
# The EXPERIENCE / OUTCOME label under each "Statement N" cell.
TYPES = {
    1: "experience", 2: "experience", 3: "outcome", 4: "experience", 5: "experience",
    6: "outcome", 7: "outcome", 8: "outcome", 9: "experience", 10: "experience",
    11: "experience", 12: "outcome",
}
# The "QIs: ... H&WBO: ... IDPs: ... H&SCS[ principles]: ..." text of each statement's table.
# (QI numbers, H&WBO numbers, IDPs, H&SCS numbers.) Statement 10's "H&WBO:" is empty.
MAPPINGS = {
    1: (["2.3", "5.4"], [1, 3], ["b-v", "b-vi"], [2]),
    2: (["2.3", "5.2", "5.4"], [3], ["b-iv", "b-v", "b-vi"], [2]),
    3: (["1.2", "2.1", "2.2", "5.1", "5.4"], [1, 3], ["b-ii", "b-iv"], [1, 2]),
    4: (["2.3", "5.4"], [1, 3], ["b-v", "b-vi", "b-ix"], [1, 2, 4]),
    5: (["2.3", "5.4"], [1, 3], ["b-v", "b-vi"], [2, 3]),
    6: (["1.2", "2.1", "2.2", "5.1", "5.2"], [1], ["b-ii", "b-iv"], [1]),
    7: (["1.2", "2.1", "2.2", "5.1"], [2], ["b-iii", "b-vii", "b-xi"], [1, 2, 3]),
    8: (["1.2", "2.1", "5.2"], [6], ["b-ii", "b-vi"], [1, 2, 4]),
    9: (["2.1", "5.2"], [3, 7], ["b-ii", "b-v", "b-vi"], [1, 3]),
    10: (["5.4", "6.5"], [], ["b-x"], [4]),
    11: (["1.2", "2.1", "5.2", "6.5"], [4], ["b-i"], [2, 3, 4]),
    12: (["1.2", "2.1", "5.2", "6.5"], [1, 3], ["a", "b-ii", "b-viii"], [1, 2, 3, 4]),
}


def normalise(text: str) -> str:
    """Make seed text and YAML text comparable: no HTML or bullets, plain quotes/dashes, one space."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("**", "").replace("\u2022", " ")
    # Known extraction mangle in these seeds: an opening quote came out as an em dash and the
    # closing one as a straight quote (e.g. `—how"` for "how").
    text = re.sub(r"\u2014(\w+)\"", r'"\1"', text)
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                 "\u2013": "-", "\u2014": "-", "\u00a0": " "}.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def jias() -> dict:
    return load("jias-engagement-framework")


@pytest.fixture(scope="module")
def outcomes() -> dict:
    return load("health-wellbeing-outcomes")


@pytest.fixture(scope="module")
def standards() -> dict:
    return load("care-standards")


@pytest.fixture(scope="module")
def qis() -> dict:
    return load("jias-quality-indicators")


@pytest.fixture(scope="module")
def raw_seed() -> str:
    return seed_text(SEED_NAME)


@pytest.fixture(scope="module")
def seed(raw_seed: str) -> str:
    return normalise(raw_seed)


@pytest.fixture(scope="module")
def seed_tables(raw_seed: str) -> dict[int, str]:
    """Each statement's table text (from "| Statement N" to the next statement), by number."""
    blocks = re.split(r"\n(?=\| (?:<p>)?Statement \d+)", raw_seed)[1:]
    out = {}
    for block in blocks:
        n = int(re.match(r"\| (?:<p>)?Statement (\d+)", block).group(1))
        out[n] = block
    assert sorted(out) == list(range(1, 13))
    return out


@pytest.fixture(scope="module")
def seed_numbered_list(raw_seed: str) -> dict[int, str]:
    """The "The 12 statements are:" list (seed lines 37-48)."""
    part = raw_seed.split("The 12 statements are:")[1].split("| |")[0]
    return {int(m.group(1)): m.group(2).strip() for m in re.finditer(r"^(\d+)\. (.+)$", part, re.M)}


def nodes(doc: dict) -> list[dict]:
    """Every section and item of a document."""
    return [node for _, node in sections(doc) + items(doc)]


def statements(jias: dict) -> dict[int, dict]:
    return {int(i["number"]): i for i in section(jias, "statements")["items"]}


# --------------------------------------------------------------------------- all four documents
@pytest.mark.parametrize("name, kind", [
    ("jias-engagement-framework", "framework"),
    ("health-wellbeing-outcomes", "reference"),
    ("care-standards", "reference"),
    ("jias-quality-indicators", "reference"),
])
def test_document_shape(name: str, kind: str) -> None:
    doc = load(name)
    assert doc["id"] == name
    assert doc["kind"] == kind
    for key in ("title", "summary", "source", "sections"):
        assert doc.get(key), f"{name}: {key} missing"
    for key in ("title", "publisher", "date", "licence"):
        assert doc["source"].get(key), f"{name}: source.{key} missing"
    ids = [node["id"] for node in nodes(doc)]
    assert len(ids) == len(set(ids)), f"{name}: duplicate IDs"
    assert all(ID_RE.match(i) for i in ids), f"{name}: bad ID in {ids}"
    for node in nodes(doc):
        for lst in node.get("lists", []):
            assert ID_RE.match(lst["id"]) and lst["entries"]
        assert "<" not in str(node.get("text", "")), "no raw HTML"


@pytest.mark.parametrize("name", ["health-wellbeing-outcomes", "care-standards"])
def test_scottish_government_documents_are_ogl(name: str) -> None:
    source = load(name)["source"]
    assert source["licence"] == "Open Government Licence v3.0" and source["licence_id"] == "OGL-UK-3.0"
    assert source["copyright"].startswith("© Crown copyright")
    assert source["licence_url"] == (
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    )


@pytest.mark.parametrize("name", ["jias-engagement-framework", "jias-quality-indicators"])
def test_care_inspectorate_documents_are_attributed(name: str) -> None:
    source = load(name)["source"]
    assert source["publisher"] == "Care Inspectorate and Healthcare Improvement Scotland"
    # The source states no licence: all rights stay with the publishers, and the site says what it does about it.
    assert source["licence_id"] == "all-rights-reserved" and source["licence"] == "All rights reserved"
    assert source["copyright"].startswith("Care Inspectorate and Healthcare Improvement Scotland")
    assert source["may_adapt"] == source["may_translate"] == "not-stated" and source["permissions"]


# --------------------------------------------------------------------------- the framework
def test_jias_source(jias: dict) -> None:
    assert jias["source"]["date"] == "2022-03-09"
    assert jias["source"]["version"] == "1.0"
    notes = jias["source"]["editors_notes"]
    # The interpretation of the bare H&SCS numbers and the empty H&WBO mapping are stated.
    assert "headline outcomes" in notes and "H&SCS" in notes
    assert "statement 10" in notes and "H&WBO:" in notes


def test_jias_sections(jias: dict) -> None:
    assert [s["id"] for s in jias["sections"]] == ["purpose", "engagement-tools", "statements"]
    # Purpose: seed lines 11-31 (purpose, mapped against, QI framework, examples, scope).
    assert len(section(jias, "purpose")["items"]) == 4
    # Engagement tools: seed lines 33-35, three bullets.
    tools = section(jias, "engagement-tools")["items"]
    assert [t["text"] for t in tools] == [
        "surveys",
        "one-to-one semi-structured interview templates (for use in face-to-face settings or "
        "via telephone or virtual platforms)",
        "focus group discussions",
    ]
    # Statements: "The 12 statements are:" and 12 tables.
    assert len(section(jias, "statements")["items"]) == 12


def test_mapped_against(jias: dict) -> None:
    item = next(i for i in section(jias, "purpose")["items"] if i["id"] == "mapped-against")
    # Seed lines 17-19: three bullets.
    assert item["lists"][0]["entries"] == [
        "national health and wellbeing outcomes",
        "integration delivery principles",
        "health and social care standards",
    ]


def test_every_text_is_in_the_seed(jias: dict, seed: str) -> None:
    checked = 0
    for node in nodes(jias):
        for key in ("intro", "text", "short_text"):
            if node.get(key):
                assert normalise(node[key]) in seed, f"{node['id']}.{key} not in seed"
                checked += 1
        for lst in node.get("lists", []):
            for entry in lst["entries"]:
                assert normalise(entry) in seed, f"{node['id']}: {entry!r} not in seed"
                checked += 1
    assert checked > 100


def test_statement_fields(jias: dict) -> None:
    items = statements(jias)
    assert sorted(items) == list(range(1, 13))
    for n, item in items.items():
        assert item["id"] == f"statement-{n}"
        assert item["number"] == str(n)
        assert item["page"] is True
        for key in ("title", "short_text", "text", "type", "lists", "maps_to"):
            assert item.get(key), f"statement {n}: {key} missing"
        assert item["type"] == TYPES[n]


def test_statement_types_match_seed(jias: dict, seed_tables: dict) -> None:
    assert len(statements(jias)) == 12
    for n, item in statements(jias).items():
        label = re.search(r"\| (?:<p>)?(EXPERIENCE|OUTCOME)", seed_tables[n]).group(1)
        assert item["type"] == label.lower()


def test_statement_wordings(jias: dict, seed_tables: dict, seed_numbered_list: dict) -> None:
    assert sorted(seed_numbered_list) == list(range(1, 13))
    for n, item in statements(jias).items():
        # short_text: the numbered list; text: the table's "Statement N" row.
        assert normalise(item["short_text"]) == normalise(seed_numbered_list[n])
        table_text = seed_tables[n].split("\n")[0].split("|")[2]
        assert normalise(item["text"]) == normalise(table_text)


def test_examples_per_statement(jias: dict, seed_tables: dict, raw_seed: str) -> None:
    total = 0
    for n, item in statements(jias).items():
        (lst,) = item["lists"]
        assert lst["id"] == "examples"
        assert lst["title"] == "Positive examples could include"
        assert len(lst["entries"]) == EXAMPLES_PER_STATEMENT[n], f"statement {n}"
        assert len(lst["entries"]) == seed_tables[n].count("\u2022"), f"statement {n}"
        # Same entries, same order as the seed's bullets.
        bullets = seed_tables[n].split("Positive examples could include:")[1]
        bullets = re.split(r"<p>QIs|\|", bullets)[0]
        bullets = [normalise(b) for b in bullets.split("\u2022")[1:]]
        assert [normalise(e) for e in lst["entries"]] == bullets, f"statement {n}"
        total += len(lst["entries"])
    assert total == 100 == raw_seed.count("\u2022")


def expected_maps_to(n: int) -> dict:
    qi, hw, idp, scs = MAPPINGS[n]
    out = {"jias-quality-indicators": ["qi-" + q.replace(".", "-") for q in qi]}
    if hw:
        out["health-wellbeing-outcomes"] = [f"outcome-{o}" for o in hw]
    out["integration-principles"] = [f"principle-{p}" for p in idp]
    out["care-standards"] = [f"standard-{s}" for s in scs]
    return out


def test_mappings_as_counted_by_hand(jias: dict) -> None:
    for n, item in statements(jias).items():
        assert item["maps_to"] == expected_maps_to(n), f"statement {n}"
    # Statement 10's "H&WBO:" is empty in the seed, so there is no outcome mapping.
    assert "health-wellbeing-outcomes" not in statements(jias)[10]["maps_to"]


def test_mappings_as_parsed_from_seed(jias: dict, seed_tables: dict) -> None:
    assert len(statements(jias)) == 12
    for n, item in statements(jias).items():
        text = normalise("QIs" + seed_tables[n].split("QIs", 1)[1])
        qi_part, rest = text.split("H&WBO:")
        hw_part, rest = rest.split("IDPs:")
        idp_part, scs_part = re.split(r"H&SCS(?: principles)?:", rest)
        qi = ["qi-" + q.replace(".", "-") for q in re.findall(r"\b(\d\.\d) (?=[A-Z])", qi_part)]
        hw = [f"outcome-{o}" for o in re.findall(r"\d", hw_part)]
        idp = []
        for token in re.findall(r"\(?\b([abivx]+)\b\)?", idp_part):
            if token == "a":
                idp.append("principle-a")
            elif token != "b":
                idp.append(f"principle-b-{token}")
        scs = [f"standard-{s}" for s in re.findall(r"\d", scs_part.split("|")[0])]
        maps = item["maps_to"]
        assert maps["jias-quality-indicators"] == qi, f"statement {n}"
        assert maps.get("health-wellbeing-outcomes", []) == hw, f"statement {n}"
        assert maps["integration-principles"] == idp, f"statement {n}"
        assert maps["care-standards"] == scs, f"statement {n}"


def test_mapping_targets_exist(jias: dict, outcomes: dict, standards: dict, qis: dict) -> None:
    targets = {
        "jias-quality-indicators": {i["id"] for _, i in items(qis)},
        "health-wellbeing-outcomes": {i["id"] for _, i in items(outcomes)},
        "care-standards": {i["id"] for _, i in items(standards)},
        "integration-principles": INTEGRATION_PRINCIPLE_IDS,
    }
    other = DOCUMENTS / "integration-principles.yml"
    if other.exists():  # encoded by another engineer; check against it once it is there
        targets["integration-principles"] = {i["id"] for _, i in items(load("integration-principles"))}
    used = {key: set() for key in targets}
    for item in statements(jias).values():
        for doc_id, ids in item["maps_to"].items():
            assert doc_id in targets, doc_id
            missing = set(ids) - targets[doc_id]
            assert not missing, f"{item['id']}: {doc_id} has no {sorted(missing)}"
            used[doc_id] |= set(ids)
    # Every quality indicator in the reference file is cited by at least one statement.
    assert used["jias-quality-indicators"] == {
        i["id"] for i in section(qis, "quality-indicators")["items"]
    }


# --------------------------------------------------------------------------- reference files
def test_outcomes(outcomes: dict) -> None:
    items = section(outcomes, "outcomes")["items"]
    assert [i["id"] for i in items] == [f"outcome-{n}" for n in range(1, 10)]
    assert [i["number"] for i in items] == [str(n) for n in range(1, 10)]
    for item in items:
        assert item["title"] and item["text"].endswith(".")
    assert items[0]["text"] == (
        "People are able to look after and improve their own health and wellbeing and live in "
        "good health for longer."
    )
    assert items[6]["text"] == "People who use health and social care services are safe from harm."
    assert items[8]["text"] == (
        "Resources are used effectively and efficiently in the provision of health and social "
        "care services."
    )


def test_care_standards(standards: dict) -> None:
    principles = section(standards, "principles")["items"]
    assert [(p["id"], p["title"]) for p in principles] == [
        ("principle-1", "Dignity and respect"),
        ("principle-2", "Compassion"),
        ("principle-3", "Be included"),
        ("principle-4", "Responsive care and support"),
        ("principle-5", "Wellbeing"),
    ]
    # Statements describing each principle: 4, 2, 4, 4, 4 in the Standards.
    bullets = [len(re.findall(r"^- ", p["text"], re.M)) for p in principles]
    assert bullets == [4, 2, 4, 4, 4]
    headline = section(standards, "headline-outcomes")["items"]
    assert [(s["id"], s["number"], s["text"]) for s in headline] == [
        ("standard-1", "1", "I experience high quality care and support that is right for me."),
        ("standard-2", "2", "I am fully involved in all decisions about my care and support."),
        ("standard-3", "3", "I have confidence in the people who support and care for me."),
        ("standard-4", "4", "I have confidence in the organisation providing my care and support."),
        ("standard-5", "5",
         "I experience a high quality environment if the organisation provides the premises."),
    ]


def test_quality_indicators(qis: dict, seed: str, raw_seed: str) -> None:
    items = section(qis, "quality-indicators")["items"]
    # Every QI number cited in the seed's "QIs:" texts (e.g. "2.3 People's ..."), in order.
    cited = sorted({q for part in raw_seed.split("QIs:")[1:]
                    for q in re.findall(r"\b(\d\.\d) (?=[A-Z])", part.split("H&WBO")[0])})
    assert cited == ["1.2", "2.1", "2.2", "2.3", "5.1", "5.2", "5.4", "6.5"]
    assert [i["number"] for i in items] == cited
    for item in items:
        assert item["id"] == "qi-" + item["number"].replace(".", "-")
        # The title is cited in the seed right after the number.
        assert normalise(f"{item['number']} {item['title']}") in seed, item["id"]
        assert item["text"] == item["title"]
