"""Easy-read checks for two documents: the integration principles and the NICE adult social care pathway.

Documents: framework_data/documents/integration-principles.yml
           framework_data/documents/nice-adult-social-care-experience.yml

These are plain data checks (yaml.safe_load only, no generator import). They follow the UK easy-read
rules in issues 3 and 14: every page item has easy read; every point has text, a picture and alt text; at
most 15 words in a sentence, and one idea a point (at most 2 sentences and 25 words); numbers as digits;
every word in bold is explained in the next sentence and is in the document's word list. The NICE advice
is for England, and its easy read says so and says which parts are English law.
"""

from __future__ import annotations

import re

import pytest

from .raw import item, items, load, points

DOC_IDS = ["integration-principles", "nice-adult-social-care-experience"]

MAX_WORDS_PER_SENTENCE = 15
MAX_SENTENCES_PER_POINT = 2  # one idea a point (issue 14)
MAX_WORDS_PER_POINT = 25
MAX_POINTS_PER_DOCUMENT = 110
LINK = re.compile(r"\[([^\]]+)\]\(((?:https://|http://|mailto:|tel:)[^)\s]+)\)")

# Page items that must have easy read, named here so that a page item lost from the data is noticed too.
REQUIRED_ITEMS = {
    "integration-principles": ["principle-a"] + [
        f"principle-b-{n}" for n in
        ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]],
    "nice-adult-social-care-experience": [f"box-{n}" for n in range(1, 12)] + ["co-production-principles"],
}

# Acronyms allowed in easy-read text, each with the meaning the document's "about" points must spell out.
ACRONYMS = {"NICE": "National Institute for Health and Care Excellence"}

NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"twenty|thirty|forty|fifty|hundred)\b", re.IGNORECASE)
BOLD = re.compile(r"\*\*(.+?)\*\*")


def sentences(text: str) -> list[str]:
    """Split at a full stop, question mark or exclamation mark followed by white space."""
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def words(sentence: str) -> int:
    return len(LINK.sub(r"\1", BOLD.sub(r"\1", sentence)).split())


@pytest.fixture(scope="module", params=DOC_IDS)
def doc(request) -> dict:
    return load(request.param)


def test_document_easy_read_parts(doc):
    er = doc.get("easy_read")
    assert er, f"{doc['id']}: no document-level easy_read"
    assert er.get("title", "").strip(), f"{doc['id']}: easy_read has no title"
    assert 3 <= len(er.get("about") or ()) <= 6, f"{doc['id']}: easy_read.about needs 3 to 6 points"
    assert 1 <= len(er.get("contact") or ()) <= 3, f"{doc['id']}: easy_read.contact needs 1 to 3 points"
    about = " ".join(p["text"] for p in er["about"])
    assert "This easy read was written for this website." in about, f"{doc['id']}: say who wrote the easy read"
    for entry in er.get("words") or ():
        assert entry.get("word", "").strip() and entry.get("meaning", "").strip(), f"{doc['id']}: bad word {entry}"
        assert len(sentences(entry["meaning"])) <= 2, f"{doc['id']}: meaning of {entry['word']!r} is over 2 sentences"


def test_every_page_item_has_easy_read(doc):
    missing = [item["id"] for _, item in items(doc) if item.get("page") and not item.get("easy_read")]
    assert not missing, f"{doc['id']}: page items without easy_read: {missing}"
    for _, item in items(doc):
        if item.get("page"):
            assert 1 <= len(item["easy_read"]) <= 4, f"{doc['id']}/{item['id']}: needs 1 to 4 points"


def test_named_items_have_easy_read(doc):
    by_id = {item["id"]: item for _, item in items(doc)}
    for item_id in REQUIRED_ITEMS[doc["id"]]:
        assert item_id in by_id, f"{doc['id']}: item {item_id} is missing"
        assert by_id[item_id].get("page"), f"{doc['id']}/{item_id}: expected page: true"
        assert by_id[item_id].get("easy_read"), f"{doc['id']}/{item_id}: no easy_read"


def test_points_have_text_picture_and_alt(doc):
    for where, point in points(doc):
        assert set(point) == {"text", "picture", "alt"}, f"{doc['id']} {where}: keys {sorted(point)}"
        for key in ("text", "picture", "alt"):
            assert isinstance(point[key], str) and point[key].strip(), f"{doc['id']} {where}: empty {key}"
        assert re.fullmatch(r"[a-z][a-z0-9-]*", point["picture"]), f"{doc['id']} {where}: picture name"


def test_sentence_and_point_length(doc):
    problems = []
    for where, point in points(doc):
        ss = sentences(point["text"])
        if len(ss) > MAX_SENTENCES_PER_POINT:
            problems.append(f"{where}: {len(ss)} sentences")
        if sum(words(s) for s in ss) > MAX_WORDS_PER_POINT:
            problems.append(f"{where}: {sum(words(s) for s in ss)} words")
        for s in ss:
            if words(s) > MAX_WORDS_PER_SENTENCE:
                problems.append(f"{where}: {words(s)} words in {s!r}")
    assert not problems, f"{doc['id']}:\n" + "\n".join(problems)


def test_most_sentences_are_short(doc):
    lengths = [words(s) for _, point in points(doc) for s in sentences(point["text"])]
    short = sum(1 for n in lengths if n < 10)
    assert short / len(lengths) > 0.5, f"{doc['id']}: only {short} of {len(lengths)} sentences under 10 words"


def test_document_size(doc):
    count = len(points(doc))
    assert count <= MAX_POINTS_PER_DOCUMENT, f"{doc['id']}: {count} points (at most {MAX_POINTS_PER_DOCUMENT})"


def test_bold_words_are_explained_and_listed(doc):
    listed = {entry["word"].lower() for entry in (doc["easy_read"].get("words") or ())}
    used = set()
    problems = []
    for where, point in points(doc):
        ss = sentences(point["text"])
        for n, s in enumerate(ss):
            for word in BOLD.findall(s):
                used.add(word.lower())
                if word.lower() not in listed:
                    problems.append(f"{where}: **{word}** is not in the word list")
                if n + 1 >= len(ss) or word.lower() not in ss[n + 1].lower():
                    problems.append(f"{where}: **{word}** is not explained in the next sentence")
    unused = listed - used
    assert not problems, f"{doc['id']}:\n" + "\n".join(problems)
    assert not unused, f"{doc['id']}: word list entries never used in bold: {sorted(unused)}"


def test_plain_formatting_only(doc):
    for where, point in points(doc):
        text = LINK.sub(r"\1", point["text"])  # links are allowed, written [words](address)
        assert "<" not in text and ">" not in text, f"{doc['id']} {where}: raw HTML or angle brackets"
        assert not re.search(r"(^|\n)\s*([-*+]|\d+\.)\s", text), f"{doc['id']} {where}: a list inside a point"
        assert "#" not in text and "[" not in text and "`" not in text, f"{doc['id']} {where}: other Markdown"
        assert BOLD.sub("", text).count("*") == 0 and "_" not in text, f"{doc['id']} {where}: italics or stray *"


def test_numbers_as_digits(doc):
    for where, point in points(doc):
        match = NUMBER_WORDS.search(point["text"])
        assert not match, f"{doc['id']} {where}: write {match.group(0)!r} as digits"


def test_acronyms_are_explained(doc):
    about = " ".join(p["text"] for p in doc["easy_read"]["about"])
    for where, point in points(doc):
        for token in re.findall(r"\b[A-Z]{2,}\b", point["text"]):
            assert token in ACRONYMS, f"{doc['id']} {where}: acronym {token} without its meaning"
            assert ACRONYMS[token] in about, f"{doc['id']}: the about points must spell out {token}"


def test_nice_says_it_is_about_england_and_which_parts_are_law():
    """NICE NG86 is guidance for England (issue 12): the easy read says "This is about services in England", says
    where a "must" is English law, and keeps "should" for the rest, without saying that none of it has to be followed."""
    nice = load("nice-adult-social-care-experience")
    about = " ".join(p["text"] for p in nice["easy_read"]["about"])
    assert "This is about services in England." in about
    text = " ".join(p["text"] for _, p in points(nice))
    assert "The advice is not a rule staff must follow" not in text  # contradicted the "must" points (issue 14)
    assert "that is the law in England" in text
    box_3 = item(nice, "box-3")
    assert box_3["easy_read"][0]["text"].startswith("By law in England, the council must")


def test_long_web_addresses_are_not_read_out():
    """The NICE address was read out in full; now the words "the NICE website" are the link (issue 14)."""
    for doc_id in DOC_IDS:
        for where, point in points(load(doc_id)):
            bare = LINK.sub(r"\1", point["text"])
            assert not re.search(r"https?://|www\.|\w\.(?:uk|org|com|scot)\b", bare), f"{doc_id} {where}: {bare}"
    nice = load("nice-adult-social-care-experience")
    contact = " ".join(p["text"] for p in nice["easy_read"]["contact"])
    assert ("the NICE website", nice["source"]["url"]) in LINK.findall(contact)
