"""Easy-read checks for the JIAS engagement framework and the three reference documents it maps to.

Documents (framework_data/documents/):
  jias-engagement-framework.yml  the 12 "I" statements, with sections and statements in easy read
  health-wellbeing-outcomes.yml  one easy-read point per outcome
  care-standards.yml             one easy-read point per principle and headline outcome
  jias-quality-indicators.yml    one easy-read point per quality indicator

The rules are the UK easy-read rules the site enforces (issues 3 and 14): every page item has easy read,
every point has text, picture and alt, one idea a point (at most 2 sentences and 25 words, at most 15 words
a sentence), and every word in bold is in the document's word list and explained by the next sentence.
"""

from __future__ import annotations

import re
import pytest

from .raw import items, load, points, sections

DOC_IDS = ["jias-engagement-framework", "health-wellbeing-outcomes", "care-standards", "jias-quality-indicators"]
REFERENCE_IDS = DOC_IDS[1:]

MAX_SENTENCE_WORDS = 15
MAX_SENTENCES_PER_POINT = 2  # one idea a point (issue 14)
MAX_WORDS_PER_POINT = 25
MAX_POINTS_PER_DOCUMENT = 110
LINK = re.compile(r"\[([^\]]+)\]\((?:https://|http://|mailto:|tel:)[^)\s]+\)")

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(" ".join(text.split())) if s]


def words(sentence: str) -> list[str]:
    return WORD.findall(sentence.replace("**", ""))


DOCS_LOADED = {doc_id: load(doc_id) for doc_id in DOC_IDS}
POINTS = [(doc_id, where, point) for doc_id, doc in DOCS_LOADED.items() for where, point in points(doc)]
POINT_IDS = [f"{doc_id}:{where}" for doc_id, where, _ in POINTS]


def test_every_document_has_its_points():
    """The tests below are one per point: with no points they would not run at all (pytest skips a test with
    an empty list of parameters), so this one fails instead."""
    for doc_id in DOC_IDS:
        assert any(d == doc_id for d, _, _ in POINTS), f"{doc_id} has no easy-read points"
    assert len(POINTS) > 100


# --------------------------------------------------------------------------- completeness
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_page_item_has_easy_read(doc_id):
    doc = DOCS_LOADED[doc_id]
    pages = [(item, path) for path, item in items(doc) if item.get("page")]
    assert pages, f"{doc_id} has no page items"
    missing = [path for item, path in pages if not item.get("easy_read")]
    assert not missing, f"{doc_id}: page items without easy_read: {missing}"
    for item, path in pages:
        assert 1 <= len(item["easy_read"]) <= 4, f"{doc_id} {path}: give 1 to 4 points"


@pytest.mark.parametrize("doc_id", REFERENCE_IDS)
def test_reference_items_are_short(doc_id):
    """An outcome, standard or indicator in 1 point, or 2 where the source lists several things."""
    pages = [(path, item) for path, item in items(DOCS_LOADED[doc_id]) if item.get("page")]
    assert pages, f"{doc_id} has no page items"
    for path, item in pages:
        assert 1 <= len(item["easy_read"]) <= 2, f"{doc_id} {path}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_document_easy_read(doc_id):
    er = DOCS_LOADED[doc_id].get("easy_read")
    assert er, f"{doc_id} has no document-level easy_read"
    assert isinstance(er.get("title"), str) and er["title"].strip()
    assert 3 <= len(er.get("about") or []) <= 6, f"{doc_id}: about needs 3 to 6 points"
    assert 1 <= len(er.get("contact") or []) <= 3, f"{doc_id}: contact needs 1 to 3 points"
    about = " ".join(p["text"] for p in er["about"])
    assert "written for this website" in about, f"{doc_id}: the about points must say the easy read was written for this site"
    for entry in er.get("words") or []:
        assert set(entry) == {"word", "meaning"}, entry
        assert entry["word"].strip() and entry["meaning"].strip()
        assert len(sentences(entry["meaning"])) <= 2, f"{doc_id}: meaning of {entry['word']!r} is too long"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_document_size(doc_id):
    n = len(points(DOCS_LOADED[doc_id]))
    assert n <= MAX_POINTS_PER_DOCUMENT, f"{doc_id}: {n} points (about 24 pages is at most {MAX_POINTS_PER_DOCUMENT})"


def test_jias_speaks_as_i_throughout():
    """The statements are "I" statements, so every point of the JIAS easy read speaks as "I" or as nobody:
    "I" and "you" are not mixed (issue 14)."""
    you = [where for where, point in points(DOCS_LOADED["jias-engagement-framework"])
           if re.search(r"\b(you|your|yours|yourself)\b", point["text"], re.I)]
    assert not you, f"points that speak to 'you' in an 'I' document: {you}"


def test_jias_statements_stay_i_statements():
    doc = DOCS_LOADED["jias-engagement-framework"]
    statements = [item for _, item in items(doc) if item["id"].startswith("statement-")]
    assert len(statements) == 12
    # The source's "I" statements are first-person, but not all contain the word "I" (statement 9 is
    # "People working with me always treat me with dignity ..."), so the easy-read wording must be
    # first-person, and contain "I" wherever the source does.
    for item in statements:
        first = item["easy_read"][0]["text"]
        assert re.search(r"\b(I|my|me)\b", first), f"{item['id']}: the first point must keep the statement in the first person"
        if re.search(r"\b(I|I'm)\b", item["text"]):
            assert re.search(r"\bI\b", first), f"{item['id']}: the first point must be an 'I ...' statement"


def test_jias_sections_tell_the_story():
    doc = DOCS_LOADED["jias-engagement-framework"]
    for path, section in sections(doc):
        assert section.get("easy_read"), f"{path}: this section's content is not covered by page items"


# --------------------------------------------------------------------------- every point
@pytest.mark.parametrize("doc_id,where,point", POINTS, ids=POINT_IDS)
def test_point_shape(doc_id, where, point):
    assert set(point) == {"text", "picture", "alt"}, f"{doc_id} {where}: a point has text, picture and alt"
    for key in ("text", "picture", "alt"):
        assert isinstance(point[key], str) and point[key].strip(), f"{doc_id} {where}: empty {key}"
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", point["picture"]), point["picture"]


@pytest.mark.parametrize("doc_id,where,point", POINTS, ids=POINT_IDS)
def test_point_sentences(doc_id, where, point):
    sents = sentences(point["text"])
    assert 1 <= len(sents) <= MAX_SENTENCES_PER_POINT, f"{doc_id} {where}: {len(sents)} sentences"
    assert len(words(point["text"])) <= MAX_WORDS_PER_POINT, f"{doc_id} {where}: too many words"
    for s in sents:
        n = len(words(s))
        assert n <= MAX_SENTENCE_WORDS, f"{doc_id} {where}: {n} words in {s!r}"


@pytest.mark.parametrize("doc_id,where,point", POINTS, ids=POINT_IDS)
def test_point_formatting(doc_id, where, point):
    text = point["text"]
    bare = LINK.sub(lambda m: m.group(1), BOLD.sub(lambda m: m.group(1), text))
    assert "*" not in bare and "_" not in bare, f"{doc_id} {where}: only **bold** is allowed"
    assert not re.search(r"[<>\[\]#`]", bare), f"{doc_id} {where}: no headings, code, HTML or links but [words](address)"
    assert not re.search(r"^\s*(-|\d+\.)\s", bare, re.M), f"{doc_id} {where}: no lists inside points"
    acronyms = re.findall(r"\b[A-Z]{2,}\b", bare)
    assert not acronyms, f"{doc_id} {where}: acronyms {acronyms}; write the words out"
    number_words = re.findall(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", bare, re.I)
    assert not number_words, f"{doc_id} {where}: write numbers as digits ({number_words})"


@pytest.mark.parametrize("doc_id,where,point", POINTS, ids=POINT_IDS)
def test_bold_words_are_listed_and_explained(doc_id, where, point):
    listed = {w["word"].lower() for w in (DOCS_LOADED[doc_id].get("easy_read") or {}).get("words") or []}
    sents = sentences(point["text"])
    for n, s in enumerate(sents):
        for bold in BOLD.findall(s):
            assert bold.lower() in listed, f"{doc_id} {where}: **{bold}** is not in the word list"
            assert n + 1 < len(sents), f"{doc_id} {where}: **{bold}** needs a next sentence that explains it"
            assert bold.lower().split()[0] in sents[n + 1].lower(), (
                f"{doc_id} {where}: the sentence after **{bold}** should explain it: {sents[n + 1]!r}")


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_word_list_words_are_used_in_bold(doc_id):
    doc = DOCS_LOADED[doc_id]
    listed = [w["word"] for w in doc["easy_read"].get("words") or []]
    bolded = {b.lower() for _, point in points(doc) for b in BOLD.findall(point["text"])}
    unused = [w for w in listed if w.lower() not in bolded]
    assert not unused, f"{doc_id}: words in the list that are never in bold: {unused}"
    assert len({w.lower() for w in listed}) == len(listed), f"{doc_id}: a word is listed twice"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_listed_words_are_bold_where_first_used(doc_id):
    """A hard word is in bold the first time the easy read uses it (reading order: about, the sections, contact)."""
    doc = DOCS_LOADED[doc_id]
    listed = [w["word"] for w in doc["easy_read"].get("words") or []]
    assert listed, f"{doc_id} has no word list"
    for word in listed:
        first = next(((where, point["text"]) for where, point in points(doc)
                      if re.search(rf"\b{re.escape(word)}\b", point["text"], re.I)), None)
        assert first, f"{doc_id}: {word!r} is in the word list but never used"
        where, text = first
        m = re.search(rf"\b{re.escape(word)}\b", text, re.I)
        assert text[max(0, m.start() - 2):m.start()] == "**", (
            f"{doc_id} {where}: {word!r} is in the word list, so put it in bold the first time it is used")
