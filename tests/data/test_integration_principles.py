"""Completeness and faithfulness checks for framework_data/documents/integration-principles.yml.

Source: ../shared/seeds/001_8506911c655d16d6.txt, the Scottish Government's "Guidance on the
Principles for Planning and Delivering Integrated Health and Social Care" (October 2015, Open
Government Licence v3.0). Line numbers in the comments refer to that seed file.

Two oracles are used: literal counts made by hand from the seed, and small parsers of the seed
(its paragraphs, its legal list and its challenge table), so a slip in either shows up as a
disagreement. The test reads the YAML with plain yaml.safe_load and does not import charterkit.
"""

from __future__ import annotations

import re
import pytest

from .raw import DOCUMENTS, item, items, load, own_items, section, sections, seed as seed_text, texts

DOC_PATH = DOCUMENTS / "integration-principles.yml"
SEED_NAME = "001_8506911c655d16d6.txt"

ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
PRINCIPLE_IDS = ["principle-a"] + [f"principle-b-{r}" for r in ROMAN]  # other documents map to these

# ------------------------------------------------------------------ expected, counted by hand
SECTION_IDS = [
    "introduction",                       # seed lines 13-28
    "principles",                         # lines 30-47: the Act's wording
    "what-the-principles-mean",           # line 49-51 (the 12 explanations are kept with each principle)
    "challenge-questions-and-resources",  # lines 199-286
    "publication-details",                # lines 290-306
]
# "Who must have regard to these principles?": 4 bullets (lines 23-26).
WHO_MUST_HAVE_REGARD = 4
# Paragraphs (not counting bullets) in explanations 1-12 (lines 53-197).
MEANING_PARAGRAPHS = {1: 6, 2: 4, 3: 6, 4: 3, 5: 2, 6: 3, 7: 4, 8: 5, 9: 4, 10: 5, 11: 5, 12: 4}
# Bullets in explanations 5 (lines 103-108) and 9 (lines 148-159, split by a blank line after 8).
MEANING_BULLETS = {5: 6, 9: 11}
# The challenge table (lines 203-286): one item per row, in the table's order, with
# (row number text, number of challenge questions, number of resources).
TABLE_ROWS = [
    ("challenges-1", "1", 5, 4),            # line 204
    ("challenges-2-4", "2, 4", 4, 5),       # line 205
    ("challenges-10", "10", 6, 7),          # line 207
    ("challenges-3-7", "3, 7", 5, 3),       # line 208
    ("challenges-5", "5", 4, 14),           # lines 210-224
    ("challenges-6", "6", 3, 1),            # line 226
    ("challenges-8", "8", 5, 8),            # line 227
    ("challenges-9", "9", 12, 9),           # lines 229-256
    ("challenges-11-12", "11, 12", 7, 6),   # lines 258-286
]
TOTAL_QUESTIONS = 51
TOTAL_RESOURCES = 57
PUBLICATION_ITEMS = 7  # lines 290, 294+296, 298, 300, 302, 304, 306


# ------------------------------------------------------------------ helpers
def normalise(text: str) -> str:
    """Make seed text and YAML text comparable."""
    text = text.replace("**", "")
    # Known extraction mangles in this seed: opening quotes came out as an em dash (and "what" as
    # "hoat"), and an opening single quote as an underscore.
    text = text.replace('\u2014hoat"', '"what"')
    text = re.sub(r"\u2014(\w+)\"", r'"\1"', text)
    text = text.replace("_one-size-fits-all'", "'one-size-fits-all'")
    for a, b in {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                 "\u2013": "-", "\u2014": "-", "\u00a0": " "}.items():
        text = text.replace(a, b)
    # Table row headings sometimes lost the space after the number ("4:Takes").
    text = re.sub(r"\b(\d{1,2}):(?=[A-Za-z])", r"\1: ", text)
    return re.sub(r"\s+", " ", text).strip()


def blocks(markdown: str) -> list[str]:
    """The paragraphs and bullet entries of a Markdown text, bullet markers removed."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", markdown.strip()):
        if para.lstrip().startswith("- "):
            out.extend(b.strip() for b in re.split(r"(?:^|\n)- ", para) if b.strip())
        else:
            out.append(para)
    return out


def bullets_in(markdown: str) -> int:
    return len(re.findall(r"(?m)^- ", markdown))


def in_seed(text: str, seed: str) -> bool:
    """text occurs in the seed, or (for table cells that wrapped across lines next to other
    columns) as at most three pieces, in order, each of at least three words."""
    t = normalise(text)
    if t in seed:
        return True
    words, pos, start, pieces = t.split(" "), 0, 0, 0
    while start < len(words):
        for end in range(len(words), start, -1):
            piece = " ".join(words[start:end])
            found = seed.find(piece, pos)
            if found >= 0 and (end - start >= 3 or end == len(words)):
                pos, start, pieces = found + len(piece), end, pieces + 1
                break
        else:
            return False
    return pieces <= 3


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def doc() -> dict:
    return load("integration-principles")


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return seed_text(SEED_NAME).split("\n")


@pytest.fixture(scope="module")
def seed(seed_lines) -> str:
    return normalise("\n".join(seed_lines))


# ------------------------------------------------------------------ document and source
def test_top_level_fields(doc):
    assert doc["id"] == "integration-principles" == DOC_PATH.stem
    assert doc["kind"] == "guidance"
    for key in ("title", "summary", "source", "sections"):
        assert doc.get(key), key
    assert 1 <= len(re.findall(r"[.!?](\s|$)", doc["summary"])) <= 3
    src = doc["source"]
    assert src["title"] == "Guidance on the Principles for Planning and Delivering Integrated Health and Social Care"
    assert src["publisher"] == "The Scottish Government"
    assert src["date"] == "2015-10"  # "Published by The Scottish Government, October 2015" (line 304)
    assert src["licence"] == "Open Government Licence v3.0"
    assert src["licence_url"] == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert src["url"].startswith("https://www.gov.scot/")
    assert src["editors_notes"].strip()
    assert src["licence_id"] == "OGL-UK-3.0" and src["copyright"] == "© Crown copyright 2015"  # seed line 290


def test_ids_are_valid_and_unique(doc):
    seen: list[str] = []
    for _, s in sections(doc):
        seen.append(s["id"])
        for _, it in own_items(s):
            seen.append(it["id"])
            list_ids = [lst["id"] for lst in it.get("lists", [])]
            assert len(list_ids) == len(set(list_ids)), it["id"]
    assert len(seen) == len(sections(doc)) + len(items(doc))
    assert all(ID_RE.match(i) for i in seen), [i for i in seen if not ID_RE.match(i)]
    assert len(seen) == len(set(seen))


def test_sections_in_reading_order(doc):
    assert [s["id"] for s in doc["sections"]] == SECTION_IDS
    for _, s in sections(doc):
        assert s.get("title"), s["id"]
        assert s.get("intro") or s.get("items") or s.get("sections"), s["id"]


def test_no_raw_html(doc):
    strings = texts(doc)
    assert len(strings) > 100
    assert not [s for s in strings if re.search(r"<\s*[!/?a-zA-Z]", s)]


# ------------------------------------------------------------------ introduction
def test_introduction(doc, seed_lines):
    intro = section(doc, "introduction")
    assert len(blocks(intro["intro"])) == 3  # lines 15, 17, 19
    who = item(doc, "who-must-have-regard")
    assert who["title"] == "Who must have regard to these principles?"
    entries = who["lists"][0]["entries"]
    assert len(entries) == WHO_MUST_HAVE_REGARD
    assert [normalise(e) for e in entries] == [normalise(seed_lines[n - 1][2:]) for n in range(23, 27)]
    assert item(doc, "how-this-guidance-is-set-out")["text"].startswith("This guidance is split into two sections.")


def test_mangled_quotes_fixed(doc):
    intro = section(doc, "introduction")["intro"]
    assert "\u201chow\u201d" in intro and "\u201cwhat\u201d" in intro
    assert "hoat" not in intro and "\u2014how" not in intro
    assert "\u2018one-size-fits-all\u2019" in item(doc, "principle-b-ii-meaning")["text"]


# ------------------------------------------------------------------ principles
def test_principle_items(doc, seed_lines):
    principles = section(doc, "principles")
    assert principles["intro"] == "The integration planning and delivery principles are\u2014"  # line 32
    ids = [it["id"] for it in principles["items"]]
    assert ids == ["principle-a", "principle-b"] + PRINCIPLE_IDS[1:]
    # The Act's list (lines 34-47): "- (a) ...", "- (b) ...", " - (i) ..." ... " - (xii) ...".
    legal = {}
    for line in seed_lines[33:47]:
        m = re.match(r"^\s*- \(([a-z]+)\) (.*)$", line)
        assert m, line
        legal[m.group(1)] = m.group(2)
    assert list(legal) == ["a", "b"] + ROMAN
    for key, wording in legal.items():
        ident = "principle-b" if key == "b" else ("principle-a" if key == "a" else f"principle-b-{key}")
        it = item(doc, ident)
        assert it["number"] == (f"({key})" if key in ("a", "b") else f"(b)({key})")
        assert it.get("title"), ident
        expected = wording if key == "b" else re.sub(r"(, and|,|\.)$", "", wording)
        assert it["text"] == expected, ident
        assert it.get("page", False) is (key != "b"), ident


def test_meanings(doc, seed_lines):
    # Explanation headings "N. ..." (lines 53, 67, ..., 189), each followed by its text.
    heads = [(n, m) for n, line in enumerate(seed_lines) if (m := re.match(r"^(\d{1,2})\. (.+)$", line))]
    assert [int(m.group(1)) for _, m in heads] == list(range(1, 13))
    stop = next(n for n, line in enumerate(seed_lines) if line.strip() == "Challenge questions and resources")
    for k, (n, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else stop
        seed_text = normalise(" ".join(l.strip().removeprefix("- ") for l in seed_lines[n + 1:end]))
        meaning = item(doc, f"principle-b-{ROMAN[k]}-meaning")
        assert meaning["number"] == str(k + 1)
        assert normalise(meaning["title"]) == normalise(m.group(2))
        encoded = normalise(" ".join(blocks(meaning["text"])))
        assert encoded == seed_text, f"explanation {k + 1}"
        paragraphs = [p for p in re.split(r"\n\s*\n", meaning["text"]) if not p.lstrip().startswith("- ")]
        assert len(paragraphs) == MEANING_PARAGRAPHS[k + 1], f"explanation {k + 1}"
        assert bullets_in(meaning["text"]) == MEANING_BULLETS.get(k + 1, 0), f"explanation {k + 1}"
    assert "items" not in item(doc, "principle-a")  # (a) has no explanation in the source


def test_what_the_principles_mean(doc, seed_lines):
    s = section(doc, "what-the-principles-mean")
    assert s["title"] == seed_lines[48]  # line 49
    assert normalise(s["intro"]) == normalise(seed_lines[50])  # line 51


# ------------------------------------------------------------------ challenge table
def parse_table(seed_lines):
    """The seed's challenge table as {row heading number text: (questions text, resources text)}."""
    start = next(n for n, l in enumerate(seed_lines) if l.startswith("Principle(s)\t"))
    end = next(n for n, l in enumerate(seed_lines) if l.startswith("\u00a9 Crown copyright"))
    rows: list[list] = []
    bullet_mode = None
    for line in seed_lines[start + 1:end]:
        if not line.strip():
            continue
        if "\t" in line:  # tab-separated rows (lines 204-227)
            cells = line.split("\t")
            if cells[0].strip() and cells[0].strip() != "or service users":  # stray text under row 5
                rows.append([cells[0].strip(), [], []])
            rows[-1][1].append(cells[1] if len(cells) > 1 else "")
            rows[-1][2].append(cells[2] if len(cells) > 2 else "")
            continue
        # rows 9 and 11-12 (lines 229-286): heading lines, "- " questions, then resource lines
        if re.match(r"^\d{1,2}:", line):
            if bullet_mode == "heading":
                rows[-1][0] += " " + line.strip()
            else:
                rows.append([line.strip(), [], []])
            bullet_mode = "heading"
        elif line.startswith("- "):
            rows[-1][1].append(line[2:])
            bullet_mode = "questions"
        elif line.startswith("Improvement support is available"):
            bullet_mode = "resources"
        elif bullet_mode == "heading":
            rows[-1][0] += " " + line.strip()
        else:
            rows[-1][2].append(line)
            bullet_mode = "resources"
    return [(h, normalise(" ".join(q)), normalise(" ".join(r))) for h, q, r in rows]


def test_table_rows(doc, seed_lines):
    s = section(doc, "challenge-questions-and-resources")
    assert normalise(s["intro"]) == normalise(seed_lines[200])  # line 201
    rows = s["items"]
    assert [(r["id"], r["number"]) for r in rows] == [(i, n) for i, n, _, _ in TABLE_ROWS]
    parsed = parse_table(seed_lines)
    assert len(parsed) == len(TABLE_ROWS)
    total_q = total_r = 0
    for row, (_, number, n_q, n_r), (heading, q_text, r_text) in zip(rows, TABLE_ROWS, parsed):
        assert row.get("page") is True and row.get("title")
        lists = {lst["id"]: lst for lst in row["lists"]}
        assert set(lists) == {"challenge-questions", "resources"}
        questions, resources = lists["challenge-questions"]["entries"], lists["resources"]["entries"]
        assert len(questions) == n_q, row["id"]
        assert len(resources) == n_r, row["id"]
        assert all(q.endswith("?") for q in questions), row["id"]
        # Every question and resource of the row, in order, and nothing else:
        assert normalise(" ".join(questions)) == q_text, row["id"]
        assert normalise(" ".join(resources)) == r_text, row["id"]
        # The row's "Principle(s)" cell, one principle per paragraph.
        numbers = re.findall(r"(?m)^(\d{1,2}):", row["text"])
        assert ", ".join(numbers) == number, row["id"]
        assert normalise(" ".join(blocks(row["text"]))) == normalise(heading), row["id"]
        total_q += n_q
        total_r += n_r
    assert (total_q, total_r) == (TOTAL_QUESTIONS, TOTAL_RESOURCES)
    assert lists["challenge-questions"]["title"] == "What do we want to know? (challenge questions)"


# ------------------------------------------------------------------ publication details
def test_publication_details(doc):
    s = section(doc, "publication-details")
    assert len(s["items"]) == PUBLICATION_ITEMS
    text = normalise(" ".join(it["text"] for it in s["items"]))
    for needle in ("Crown copyright 2015", "St Andrew's House Edinburgh EH1 3DG", "978-1-78544-738-9",
                   "psi@nationalarchives.gsi.gov.uk", "October 2015", "PPDAS57852 (10/15)"):
        assert needle in text


# ------------------------------------------------------------------ every encoded word is in the seed
def test_every_text_and_entry_is_in_seed(doc, seed):
    missing, checked = [], 0
    for _, s in sections(doc):
        if s.get("intro"):
            missing += [b for b in blocks(s["intro"]) if not in_seed(b, seed)]
            checked += 1
        for _, it in own_items(s):
            if it.get("text"):
                missing += [b for b in blocks(it["text"]) if not in_seed(b, seed)]
                checked += 1
            for lst in it.get("lists", []):
                missing += [e for e in lst["entries"] if not in_seed(e, seed)]
                checked += len(lst["entries"])
    assert not missing
    assert checked > 100


def test_every_seed_line_is_encoded(doc, seed_lines):
    """The reverse check: every line of the seed's text (outside the table, whose cells are
    checked column by column above) occurs in the encoded document."""
    parts: list[str] = [doc["title"]]
    for _, s in sections(doc):
        parts += [s["title"], s.get("intro", "")]
        for _, it in own_items(s):
            parts += [it.get("title", ""), it.get("text", "")]
            for lst in it.get("lists", []):
                parts += [lst.get("title", "")] + list(lst["entries"])
    encoded = normalise(" ".join(p.replace("\n- ", "\n") for p in parts))
    table_start = next(n for n, l in enumerate(seed_lines) if l.startswith("Principle(s)\t"))
    table_end = next(n for n, l in enumerate(seed_lines) if l.startswith("\u00a9 Crown copyright"))
    missing = []
    for n, line in enumerate(seed_lines):
        if not line.strip() or table_start <= n < table_end:
            continue
        text = line.strip().removeprefix("- ")
        text = re.sub(r"^\((?:[a-z]+)\) ", "", text)          # legal list letters
        text = re.sub(r"(, and|,)$", "", text)                # legal list joins
        text = re.sub(r"^\d{1,2}\. ", "", text)               # explanation numbers
        if normalise(text).rstrip(".") not in encoded:
            missing.append((n + 1, line))
    assert not missing
