"""The easy-read rules pass on the default content and catch each kind of fault."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.easyread import check_corpus, check_document, flesch, sentences, syllables, words
from generator.config import Checks
from generator.issues import Report
from generator.model.schema import Document
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]


def doc_with(points: list[str], words_list=(), extra_item=None) -> Document:
    items = [{"id": "item-1", "title": "One", "text": "Text.", "page": True,
              "easy_read": [{"text": t, "picture": "speech-balloon", "alt": "A speech bubble"} for t in points]}]
    if extra_item:
        items.append(extra_item)
    return Document.model_validate({
        "id": "test-doc", "kind": "charter", "title": "Test", "summary": "A test.",
        "source": {"title": "T", "publisher": "P", "date": "2024", "licence": "L"},
        "sections": [{"id": "s", "title": "S", "items": items}],
        "easy_read": {"title": "Test", "words": [{"word": w, "meaning": "A meaning."} for w in words_list],
                      "about": [{"text": "This is a test. It is short.", "picture": "speech-balloon", "alt": "A bubble"}],
                      "contact": [{"text": "Ask us. We will help.", "picture": "telephone", "alt": "A phone"}]},
    })


def codes(doc, lang="en"):
    return [i.code for i in check_document(doc, lang, Checks())]


def test_good_points_pass():
    assert codes(doc_with(["I get help. Staff listen to me.", "You can have an **advocate**. An advocate helps you speak."],
                          ["advocate"])) == []


@pytest.mark.parametrize("text, words_list, code", [
    ("Staff who work in health and social care services will always listen carefully to what I say today.", [],
     "easy-read.long-sentence"),
    ("I get help. I get help. I get help. I get help.", [], "easy-read.many-sentences"),
    ("You can have an **advocate**. An advocate helps you.", [], "easy-read.bold-not-listed"),
    ("Staff help you. You can have an **advocate**.", ["advocate"], "easy-read.bold-unexplained"),
    ("The NHS helps you. It is there for you.", [], "easy-read.acronym"),
    ("There are twelve statements. They are short.", [], "easy-read.number-word"),
    (" ".join(["Care is good."] * 3) + " " + " ".join(["word"] * 35), [], "easy-read.long-point"),
])
def test_each_rule_fails_when_broken(text, words_list, code):
    assert code in codes(doc_with([text], words_list))


def test_reading_ease_fails_on_hard_english():
    hard = ("Multidisciplinary organisational accountability necessitates comprehensive interdisciplinary "
            "collaboration. Consequently, responsibility is distributed.")
    assert "easy-read.reading-ease" in codes(doc_with([hard]))


def test_missing_easy_read_on_a_page_item_is_caught():
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None
    bare = doc_with(["I get help. Staff listen."], extra_item={"id": "item-2", "title": "Two", "text": "T.", "page": True})
    found = check_document(bare, "en", Checks(), corpus)
    assert any(i.code == "easy-read.missing" and "item-2" in i.key for i in found)


def test_translations_skip_english_fallback_and_flesch():
    # Flesch means nothing outside English: a Polish text is not scored
    assert "easy-read.reading-ease" not in codes(doc_with(["Wielodyscyplinarna odpowiedzialność organizacyjna."]), "pl")


def test_counting_helpers():
    assert sentences("I get help. Staff listen to me! Is it good? Yes.") == ["I get help.", "Staff listen to me!",
                                                                            "Is it good?", "Yes."]
    assert sentences("Go to https://example.org/a.b today. Then call.") == ["Go to address today.", "Then call."]
    assert words("I'm **very** happy, thanks.") == ["I'm", "very", "happy", "thanks"]
    assert [syllables(w) for w in ("cat", "table", "information", "care", "people")] == [1, 2, 4, 1, 2]
    assert flesch(["The cat sat on the mat."]) > 100 > flesch(["Comprehensive interdisciplinary accountability."])


def test_default_content_passes_easy_read_rules():
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None, report.format()
    check_corpus(corpus, report)
    assert report.errors == [], report.format()
