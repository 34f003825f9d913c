"""The easy-read rules pass on the default content and catch each kind of fault."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.easyread import (address_problems, check_corpus, check_document, check_word_meanings, easy_headings,
                                      flesch, person_of, sentences, syllables, word_key, words)
from generator.model.config import Checks
from generator.diagnostics import Report
from generator.model.schema import Document
from generator.validate.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PICTURES = iter(f"mulberry-test-{n}" for n in range(10_000))  # a different picture for every point unless a test says


def point(text, picture=None):
    return {"text": text, "picture": picture or next(PICTURES), "alt": "A picture"}


def doc_with(points: list[str], words_list=(), extra_item=None, pictures=None, item=None, section=None,
             meanings=None, doc_id="test-doc") -> Document:
    pictures = pictures or [None] * len(points)
    first = {"id": "item-1", "title": "One", "text": "Text.", "page": True,
             "easy_read": [point(t, p) for t, p in zip(points, pictures)]}
    first.update(item or {})
    items = [first] + ([extra_item] if extra_item else [])
    sec = {"id": "s", "title": "S", "items": items}
    sec.update(section or {})
    return Document.model_validate({
        "id": doc_id, "kind": "charter", "title": "Test", "summary": "A test.",
        "applies_to": ["Scotland"], "titles": "site",
        "source": {"title": "T", "publisher": "P", "date": "2024", "licence": "L", "licence_id": "CC0-1.0",
                   "may_adapt": "yes", "may_translate": "yes"},
        "sections": [sec],
        "easy_read": {"title": "Test",
                      "words": [{"word": w, "meaning": (meanings or {}).get(w, "A meaning.")} for w in words_list],
                      "about": [point("This is a test. It is short.")],
                      "contact": [point("Ask the people who run this website.")]},
    })


def codes(doc, lang="en", limits=None):
    return [i.code for i in check_document(doc, lang, limits or Checks())]


def test_good_points_pass():
    assert codes(doc_with(["I get help. Staff listen to me.", "I can have an **advocate**. An advocate helps me speak."],
                          ["advocate"])) == []


@pytest.mark.parametrize("text, words_list, code", [
    ("Staff who work in health and social care services will always listen carefully to what I say today.", [],
     "easy-read.long-sentence"),
    ("I get help. Staff listen. I am happy.", [], "easy-read.many-sentences"),  # 3 sentences: one idea a point is at most 2
    ("I get help from the staff who work with me at home. They listen to me and they help me with the things I want today.",
     [], "easy-read.long-point"),  # 26 words
    ("I can have an **advocate**. An advocate helps me.", [], "easy-read.bold-not-listed"),
    ("Staff help me. I can have an **advocate**.", ["advocate"], "easy-read.bold-unexplained"),
    ("The NHS helps me. It is there for me.", [], "easy-read.acronym"),
    ("There are twelve statements. They are short.", [], "easy-read.number-word"),
    ("I get help. Staff help you too.", [], "easy-read.mixed-person"),
    ("Read it at www.gov.scot/publications/guidance. It is short.", [], "easy-read.address-read-out"),
    ("Read it at [www.gov.scot](https://www.gov.scot/). It is short.", [], "easy-read.address-read-out"),
    ("Phone 0300 131 2 131. Ask for help.", [], "easy-read.contact-not-link"),
    ("Email help@example.org with questions.", [], "easy-read.contact-not-link"),
])
def test_each_rule_fails_when_broken(text, words_list, code):
    assert code in codes(doc_with([text], words_list))


def test_the_limits_come_from_site_config():
    """The default project sets the issue's limits, and check_document uses whatever the configuration says."""
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None, report.format()
    limits = corpus.config.checks
    assert (limits.easy_read_max_sentences_per_point, limits.easy_read_max_point_words) == (2, 25)
    assert limits.easy_read_max_heading_words == 8
    assert (limits.easy_read_min_mulberry_share, limits.easy_read_max_picture_uses) == (80, 3)
    three = doc_with(["I get help. Staff listen. I am happy."])
    assert "easy-read.many-sentences" in codes(three, limits=limits)
    assert "easy-read.many-sentences" not in codes(three, limits=Checks(easy_read_max_sentences_per_point=3))


def test_links_are_how_addresses_phone_numbers_and_emails_are_given():
    good = ("Read it on [the council's website](https://www.example.org/a/b). Phone [0300 131 2 131](tel:+443001312131) "
            "or email [help@example.org](mailto:help@example.org).")
    assert address_problems(good) == []
    assert [c for c, _ in address_problems("Go to https://example.org/page.")] == ["easy-read.address-read-out"]


def test_headings_are_short_and_have_no_official_numbers():
    long = doc_with(["I get help."], section={"easy_read_title": "A heading with far too many words for an easy read page"})
    assert "easy-read.heading-long" in codes(long)
    numbered = doc_with(["I get help."], item={"number": "5.2"})  # no easy_read_title: the heading would show "5.2"
    assert "easy-read.heading-number" in codes(numbered)
    fixed = doc_with(["I get help."], item={"number": "5.2", "easy_read_title": "Working together"})
    assert "easy-read.heading-number" not in codes(fixed)
    appendix = doc_with(["I get help."], section={"easy_read_title": "Appendix i: National context"})
    assert "easy-read.heading-number" in codes(appendix)
    assert [h for _, h, _, _ in easy_headings(fixed)] == ["S", "Working together"]


def test_pictures_mostly_from_mulberry_and_none_overused():
    openmoji = doc_with(["I get help.", "I am safe.", "I am heard."], pictures=["speech-balloon", "shield", "ear"])
    assert "easy-read.picture-share" in codes(openmoji)  # 3 of 5 pictures are OpenMoji: 40% Mulberry
    same = doc_with(["I get help.", "I am safe.", "I am heard.", "I am well."], pictures=["mulberry-to-talk-3"] * 4)
    assert "easy-read.picture-overused" in codes(same)
    assert "easy-read.picture-overused" not in codes(doc_with(["I get help.", "I am safe.", "I am heard."],
                                                              pictures=["mulberry-to-talk-3"] * 3))


def test_one_word_one_meaning():
    twice = doc_with(["I have **carers**. Carers help me."], ["carers", "Carer"])
    assert "easy-read.word-listed-twice" in codes(twice)
    a = doc_with(["I get help."], ["wellbeing"], meanings={"wellbeing": "Feeling well."}, doc_id="doc-a")
    b = doc_with(["I get help."], ["Wellbeing"], meanings={"Wellbeing": "Being happy."}, doc_id="doc-b")
    c = doc_with(["I get help."], ["wellbeing"], meanings={"wellbeing": "Feeling well."}, doc_id="doc-c")
    report = Report()
    check_word_meanings({"en": [a, b, c]}, report, {})
    found = [i for i in report.errors if i.code == "easy-read.word-meanings"]
    assert len(found) == 1 and "doc-b" in found[0].key and "doc-a" in found[0].message
    same = Report()
    check_word_meanings({"en": [a, c]}, same, {})
    assert same.errors == []
    assert word_key("Unpaid carers") == word_key("unpaid carer")


def test_checked_by_records_a_real_check_or_nothing():
    doc = doc_with(["I get help."])
    assert doc.easy_read.checked_by is None  # left out: nobody has checked it
    data = doc.model_dump()
    data["easy_read"]["checked_by"] = {"group": "A self-advocacy group", "date": "2027-01-15"}
    assert Document.model_validate(data).easy_read.checked_by.group == "A self-advocacy group"
    data["easy_read"]["checked_by"] = {"group": "A self-advocacy group"}  # a check without a date is not a record
    with pytest.raises(ValueError):
        Document.model_validate(data)


def test_person_ignores_quotes():
    assert person_of('One person said: "I need to know." You can ask.') == "you"
    assert person_of("I get help. My views matter.") == "I"
    assert person_of("Services work together.") is None


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


def test_default_english_easy_read_passes_every_rule():
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None, report.format()
    check_corpus(corpus, report, languages=["en"])
    assert report.errors == [], report.format()


def test_default_translations_pass_the_easy_read_rules():
    """Translations are held to the same rules. (Rewriting the English easy read made most translated points stale:
    those show the English until translators redo them; what is still current must follow the rules.)"""
    report = Report()
    corpus = load_project(ROOT, report)
    assert corpus is not None, report.format()
    check_corpus(corpus, report, languages=[lang.code for lang in corpus.config.languages if lang.code != "en"])
    assert report.errors == [], report.format()


def test_the_summary_gives_the_figures_of_each_rule():
    """The check prints, per document and language, the figures the issue asks for: the most sentences and words in
    one point, the share of Mulberry pictures and the most points that share one picture."""
    from generator.check.easyread import summarise

    doc = doc_with(["I get help. Staff listen to me.", "I am safe.", "I am heard."],
                   pictures=["mulberry-to-talk-3", "mulberry-to-talk-3", "shield"])
    s = summarise(doc, "en")
    assert s.points == 5  # with the about and contact points
    assert (s.most_point_sentences, s.most_point_words) == (2, 7)
    assert s.mulberry_share == 80.0 and s.most_picture_uses == 2


def test_each_problem_has_the_line_of_its_text_in_english_and_in_a_translation(project_copy):
    """An editor goes straight to the line: the English document's, or the translation file's."""
    english = project_copy / "framework_data" / "documents" / "care-standards.yml"
    text = english.read_text(encoding="utf-8")
    assert text.count("I am treated fairly.") == 1
    english.write_text(text.replace("I am treated fairly.", "I am treated **fairly**."), encoding="utf-8")
    polish = project_copy / "framework_data" / "translations" / "pl" / "care-standards.yml"
    text = polish.read_text(encoding="utf-8")
    old = "Temat to usługi zdrowotne i opiekuńcze w Szkocji."
    assert text.count(old) == 1
    polish.write_text(text.replace(old, old.replace("usługi", "**usługi**")), encoding="utf-8")
    report = Report()
    corpus = load_project(project_copy, report)
    assert corpus is not None, report.format()
    check_corpus(corpus, report, languages=["en", "pl"])
    found = {(i.code, i.key.split("]")[0] + "]"): i for i in report.errors}
    assert set(found) == {("easy-read.bold-not-listed", "[en]"), ("easy-read.bold-unexplained", "[en]"),
                          ("easy-read.bold-not-listed", "[pl]")}, report.format()
    for (code, lang), issue in found.items():
        path = english if lang == "[en]" else polish
        assert issue.file.endswith(str(path.relative_to(project_copy))), issue.file
        lines = path.read_text(encoding="utf-8").splitlines()
        # the line of the text, or (a folded text: "text: >-") the line before it
        assert "**" in lines[issue.line - 1] + lines[issue.line], (code, lang, issue.line)
