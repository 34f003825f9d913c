"""Easy-read checks for the Perth & Kinross engagement strategy and the North Yorkshire involvement charter.

Plain data checks (no generator import): every page item has an easy-read version, every point is complete,
one idea a point (at most 2 sentences and 25 words), sentences are short, every bold word is in the document's
word list, the easy read does not speak in the publisher's voice ("we"), and contact details are links.
"""

import re

import pytest

from .raw import item, items, load, points

DOCS = ("perth-kinross-engagement-strategy", "north-yorkshire-involvement-charter")

MAX_SENTENCE_WORDS = 15
MAX_SENTENCES_PER_POINT = 2  # one idea a point (issue 14)
MAX_WORDS_PER_POINT = 25
MAX_POINTS_PER_DOCUMENT = 110
LINK = re.compile(r"\[([^\]]+)\]\(((?:https://|http://|mailto:|tel:)[^)\s]+)\)")
# A sentence ends at . ! or ? followed by white space (so web and email addresses stay whole).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d']?\s+")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def sentences(text):
    return [s for s in SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def words(text):
    return [w for w in LINK.sub(r"\1", text).split() if re.search(r"[A-Za-z0-9]", w)]


@pytest.fixture(params=sorted(DOCS), scope="module")
def doc(request):
    return load(request.param)


def test_document_easy_read_parts(doc):
    er = doc.get("easy_read")
    assert er, f"{doc['id']}: no document-level easy_read"
    assert er.get("title"), f"{doc['id']}: easy_read has no title"
    assert 3 <= len(er.get("about") or []) <= 6, f"{doc['id']}: easy_read.about should have 3 to 6 points"
    assert 1 <= len(er.get("contact") or []) <= 5, f"{doc['id']}: easy_read.contact should have 1 to 5 points"
    assert er.get("words"), f"{doc['id']}: easy_read has no word list"
    for entry in er["words"]:
        assert entry.get("word") and entry.get("meaning"), f"{doc['id']}: incomplete word list entry {entry}"


def test_every_page_item_has_easy_read(doc):
    page_items = [(item, path) for path, item in items(doc) if item.get("page")]
    assert page_items, f"{doc['id']}: expected page items"
    missing = [path for item, path in page_items if not item.get("easy_read")]
    assert not missing, f"{doc['id']}: page items without easy_read: {missing}"
    too_many = [path for item, path in page_items if len(item["easy_read"]) > 4]
    assert not too_many, f"{doc['id']}: page items with more than 4 points: {too_many}"


def test_every_point_is_complete(doc):
    for where, point in points(doc):
        assert set(point) == {"text", "picture", "alt"}, f"{doc['id']} {where}: keys {sorted(point)}"
        for key in ("text", "picture", "alt"):
            assert isinstance(point[key], str) and point[key].strip(), f"{doc['id']} {where}: empty {key}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", point["picture"]), f"{doc['id']} {where}: picture name"


def test_point_count_within_budget(doc):
    count = len(points(doc))
    assert 0 < count <= MAX_POINTS_PER_DOCUMENT, f"{doc['id']}: {count} points"


def test_sentence_and_point_length(doc):
    problems = []
    for where, point in points(doc):
        found = sentences(point["text"])
        if len(found) > MAX_SENTENCES_PER_POINT:
            problems.append(f"{where}: {len(found)} sentences")
        if len(words(point["text"])) > MAX_WORDS_PER_POINT:
            problems.append(f"{where}: {len(words(point['text']))} words")
        for sentence in found:
            if len(words(sentence)) > MAX_SENTENCE_WORDS:
                problems.append(f"{where}: {len(words(sentence))} words: {sentence}")
    assert not problems, f"{doc['id']}:\n" + "\n".join(problems)


def test_most_sentences_are_short(doc):
    counts = [len(words(s)) for _, point in points(doc) for s in sentences(point["text"])]
    assert sum(n < 10 for n in counts) > len(counts) / 2, f"{doc['id']}: most sentences should be under 10 words"


def test_bold_words_are_in_word_list_and_explained(doc):
    word_list = {entry["word"].strip().lower() for entry in doc["easy_read"]["words"]}
    used = set()
    problems = []
    for where, point in points(doc):
        found = sentences(point["text"])
        for n, sentence in enumerate(found):
            for word in BOLD.findall(sentence):
                used.add(word.strip().lower())
                if word.strip().lower() not in word_list:
                    problems.append(f"{where}: **{word}** is not in the word list")
                if n == len(found) - 1:
                    problems.append(f"{where}: **{word}** is in the last sentence, so no sentence explains it")
    unused = word_list - used
    if unused:
        problems.append(f"word list entries never used in bold: {sorted(unused)}")
    assert not problems, f"{doc['id']}:\n" + "\n".join(problems)


def test_no_other_formatting(doc):
    for where, point in points(doc):
        text = LINK.sub(r"\1", BOLD.sub(r"\1", point["text"]))
        assert not re.search(r"[*_`<>#\[\]]", text), f"{doc['id']} {where}: formatting other than bold"
        assert not re.search(r"^\s*([-+]|\d+\.)\s", text, re.M), f"{doc['id']} {where}: a list inside a point"


def test_no_unexplained_acronyms(doc):
    for where, point in points(doc):
        assert not re.findall(r"\b[A-Z]{2,}\b", point["text"]), f"{doc['id']} {where}: acronym in {point['text']}"


def test_no_publisher_voice(doc):
    """The easy read was written for this website: it says "the council" or "the partnership", never "we" or "our"
    for the publisher, and says who wrote it (issue 12)."""
    for where, point in points(doc):
        spoken = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", LINK.sub(r"\1", point["text"]))  # a quote keeps its own words
        assert not re.search(r"\b(we|our|us)\b", spoken, re.I), f"{doc['id']} {where}: {point['text']}"
    about = " ".join(p["text"] for p in doc["easy_read"]["about"])
    assert "This easy read was written for this website." in about


def test_contact_details_are_links_from_the_document():
    """North Yorkshire gives contact details; they are links (a phone number as tel:, the email as mailto:, web
    pages behind words), and they are offered for asking the council about its framework, not about this easy read.
    Perth & Kinross gives none, so its contact points send readers to the people who run this website."""
    ny = load("north-yorkshire-involvement-charter")
    ny_contact = " ".join(p["text"] for p in ny["easy_read"]["contact"])
    links = dict((words_, target) for words_, target in LINK.findall(ny_contact))
    assert links.get("0300 131 2 131") == "tel:+443001312131"
    assert links.get("HASengagement@northyorks.gov.uk") == "mailto:HASengagement@northyorks.gov.uk"
    assert "https://northyorks.gov.uk/contact-us" in links.values()
    assert not any(re.search(r"\w\.(uk|org|com)\b", w) and "@" not in w for w in links), "link words, not addresses"
    assert "DL7 8AD" in ny_contact
    assert "the people who run this website" in ny_contact
    pk = load("perth-kinross-engagement-strategy")
    pk_contact = " ".join(p["text"] for p in pk["easy_read"]["contact"])
    assert "the people who run this website" in pk_contact
    assert not re.search(r"\d{4} ?\d{3}|@|www\.|https?://", pk_contact)


def test_weak_points_are_rewritten():
    """Issue 14: "You can join groups that make big decisions" promised more than the strategy does (a few people
    may have formal, representative places in groups like the board)."""
    pk = load("perth-kinross-engagement-strategy")
    text = " ".join(point["text"] for _, point in points(pk))
    assert "You can join groups that make big decisions" not in text
    commitment = item(pk, "commitment-1")
    assert any("A few people may have a place in formal groups" in p["text"] for p in commitment["easy_read"])
