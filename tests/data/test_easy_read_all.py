"""Issue 14 across all 8 documents: pictures from the Mulberry Symbols (at least 80% of each document's, none used by
more than 3 points of a document, carried in the repository: exactly the ones used), one idea a point (at most 2
sentences and 25 words), easy headings (at most 8 words, no official numbers or names), one meaning per hard word
in every document, and the easy-read survey's faces. (The weak points the issue names, one by one:
tests/data/test_easy_read_weak_points.py.)

Plain data checks: the YAML files and the picture folder, read directly (tests/unit/test_easy_read_check.py tests
the same rules through `charterkit check easy-read`).
"""
from __future__ import annotations

import collections
import re

import pytest
import yaml

from .raw import DOCUMENTS as DOCS, ROOT, item, load, points

TOOLS = ROOT / "framework_data" / "tools"
CARRIED = ROOT / "theme" / "pictures" / "mulberry"
DOC_IDS = sorted(p.stem for p in DOCS.glob("*.yml"))
LOADED = {d: load(d) for d in DOC_IDS}
CONFIG = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))

LINK = re.compile(r"\[([^\]]+)\]\((?:https://|http://|mailto:|tel:)[^)\s]+\)")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+")
OFFICIAL = re.compile(r"^\s*(\d+(\.\d+)*\.?\s|\(?[a-z]{1,4}\)|[ivxlc]+[.:)]\s|appendix\b|annex\b|foreword\b|"
                      r"acknowledgements\b|glossary\b)", re.I)


def headings(doc):
    """(where, heading, has official number) for every heading the easy-read page shows (as the page makes it)."""
    def has_points(node):
        return bool(node.get("easy_read")) or any(has_points(x) for x in (node.get("items") or []) + (node.get("sections") or []))

    def items(its):
        for item in its or []:
            if item.get("easy_read"):
                numbered = item.get("number") and not item.get("easy_read_title")
                yield item["id"], item.get("easy_read_title") or item.get("title") or "", bool(numbered)
            yield from items(item.get("items"))

    def sections(secs):
        for s in secs or []:
            if has_points(s):
                yield s["id"], s.get("easy_read_title") or s["title"], False
            yield from items(s.get("items"))
            yield from sections(s.get("sections"))

    yield from sections(doc["sections"])


def sentences(text):
    return [s for s in SENTENCE_END.split(" ".join(LINK.sub(r"\1", text).split())) if s.strip()]


def words(text):
    return [w for w in LINK.sub(r"\1", text).replace("**", "").split() if re.search(r"\w", w)]


def word_key(word):
    key = " ".join(word.lower().split())
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def test_every_document_is_checked():
    """The tests below are one per document: with no documents they would not run at all."""
    assert len(DOC_IDS) >= 8, DOC_IDS


def test_the_limits_are_in_site_config():
    checks = CONFIG["checks"]
    assert checks["easy_read_max_sentences_per_point"] == 2 and checks["easy_read_max_point_words"] == 25
    assert checks["easy_read_max_heading_words"] == 8
    assert checks["easy_read_min_mulberry_share"] == 80 and checks["easy_read_max_picture_uses"] == 3


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_at_least_80_percent_of_pictures_are_mulberry(doc_id):
    pictures = [p["picture"] for _, p in points(LOADED[doc_id])]
    assert len(pictures) >= 10
    share = sum(p.startswith("mulberry-") for p in pictures) / len(pictures)
    assert share >= 0.8, f"{doc_id}: {share:.0%} of pictures from Mulberry"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_picture_stands_for_more_than_3_points(doc_id):
    uses = collections.Counter(p["picture"] for _, p in points(LOADED[doc_id]))
    assert uses, doc_id
    over = {pic: n for pic, n in uses.items() if n > 3}
    assert not over, f"{doc_id}: {over}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_one_idea_a_point(doc_id):
    found = list(points(LOADED[doc_id]))
    assert found
    for where, p in found:
        assert 1 <= len(sentences(p["text"])) <= 2, f"{doc_id} {where}: {p['text']}"
        assert len(words(p["text"])) <= 25, f"{doc_id} {where}: {len(words(p['text']))} words"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_easy_headings(doc_id):
    found = list(headings(LOADED[doc_id]))
    assert found
    for where, heading, numbered in found:
        assert not numbered, f"{doc_id} {where}: the heading would show the official number; add easy_read_title"
        assert len(heading.split()) <= 8, f"{doc_id} {where}: {heading!r}"
        assert not OFFICIAL.match(heading), f"{doc_id} {where}: {heading!r} is an official number or name"


def test_one_meaning_per_word_across_documents():
    meanings = collections.defaultdict(dict)  # word -> {meaning: [documents]}
    for doc_id, doc in LOADED.items():
        for entry in doc["easy_read"].get("words") or []:
            meanings[word_key(entry["word"])].setdefault(" ".join(entry["meaning"].split()), []).append(doc_id)
    for word in ("wellbeing", "dignity", "co-production", "principle", "unpaid carer", "outcome", "social care"):
        assert sum(len(docs) for docs in meanings[word].values()) >= 2, f"{word!r} should be defined in several documents"
    differ = {w: m for w, m in meanings.items() if len(m) > 1}
    assert not differ, differ


def test_carried_pictures_are_exactly_the_ones_used():
    used = set()
    for path in [*DOCS.glob("*.yml"), *TOOLS.glob("*.yml")]:
        used |= set(re.findall(r"(?:picture|fallback_picture): (mulberry-[a-z0-9-]+)", path.read_text(encoding="utf-8")))
    carried = {"mulberry-" + p.stem for p in CARRIED.glob("*.svg")}
    assert used and used == carried
    assert (CARRIED / "LICENSE.txt").exists() and "Creative Commons" in (CARRIED / "LICENSE.txt").read_text()
    readme = (CARRIED / "README.md").read_text(encoding="utf-8")
    assert "3.6.1" in readme and "9cbab9f" in readme and "charterkit pictures --add" in readme


def test_easy_read_survey_one_statement_a_question_faces_that_differ_and_i_dont_know():
    """The easy-read survey asks about one statement a question, with five faces that differ (five pictures, five
    descriptions, five words) and an "I do not know" answer apart from them. The middle face said "Not sure", which
    the Polish and Arabic drafts had as "I don't know" ("Nie wiem", "لا أعرف"), next to "I don't know the answer":
    two answers that meant one thing. It now says "Sometimes", and every translation translates that."""
    survey = yaml.safe_load((TOOLS / "jias-engagement-framework-survey.yml").read_text(encoding="utf-8"))
    jias = LOADED["jias-engagement-framework"]
    statements = survey["statements"]
    assert statements == [f"statement-{n}" for n in range(1, 13)]  # each statement once, in order: one a question
    for sid in statements:
        assert any(point["text"] for point in item(jias, sid)["easy_read"]), sid
    scale = survey["easy_read"]["scale"]
    faces = [o for o in scale if "code" not in o]
    assert len(faces) == 5
    for field in ("picture", "alt", "label"):
        assert len({o[field] for o in faces}) == 5, [o[field] for o in faces]
    dont_know = next(n for n, o in enumerate(scale, start=1) if o.get("code") == 98)
    assert scale[dont_know - 1]["label"] == "I do not know"
    labels = {"en": [o["label"] for o in scale]}
    for lang in ("pl", "gd", "ar", "ur"):
        entries = yaml.safe_load((ROOT / "framework_data" / "translations" / lang / "jias-engagement-framework-survey.yml")
                                 .read_text(encoding="utf-8"))["entries"]
        labels[lang] = [entries[f"easy_read.scale.{n}.label"]["text"] or scale[n - 1]["label"]
                        for n in range(1, len(scale) + 1)]
        # the middle face's words translate the English words it has now
        assert entries["easy_read.scale.3.label"]["en"] == scale[2]["label"], lang
    assert not re.search(r"not sure|unsure|n[o']t know", scale[2]["label"], re.I), scale[2]["label"]
    for lang, words in labels.items():
        assert len(set(words)) == len(words), (lang, words)
