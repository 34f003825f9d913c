"""Issue #14: one easy-read word list for the whole site, one meaning a word, in every language."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.easyread import _BOLD, check_document, easy_points, site_words, word_key
from generator.model.config import Checks
from tests.unit.test_easy_read_check import doc_with

ROOT = Path(__file__).resolve().parents[2]


def codes(doc, lang="en"):
    return [i.code for i in check_document(doc, lang, Checks())]


def test_a_listed_word_the_page_does_not_use_is_flagged():
    used = doc_with(["I can have an **advocate**. An advocate helps me speak."], ["advocate"])
    assert "easy-read.word-not-used" not in codes(used)
    unused = doc_with(["I can have an **advocate**. An advocate helps me speak."], ["advocate", "dignity"])
    found = [i for i in check_document(unused, "en", Checks()) if i.code == "easy-read.word-not-used"]
    assert len(found) == 1 and '"dignity"' in found[0].message


def test_the_site_list_joins_the_documents_words():
    a = doc_with(["I have **carers**. Carers help me."], ["carers"], meanings={"carers": "People who help."}, doc_id="doc-a")
    b = doc_with(["A **carer** helps. They are kind."], ["Carer"], meanings={"Carer": "People who help."}, doc_id="doc-b")
    c = doc_with(["A **carer** helps. They are kind."], ["carer"], meanings={"carer": "Someone else."}, doc_id="doc-c")
    (one,) = site_words([a, b], "en")
    assert word_key(one.word) == "carer" and one.meanings == 1 and one.documents == ("doc-a", "doc-b")
    (two,) = site_words([a, b, c], "en")
    assert two.meanings == 2 and two.meaning == "People who help."


@pytest.fixture(scope="module")
def views():
    from generator.diagnostics import Report
    from generator.translate.localise import localise
    from generator.validate.project import load_project

    corpus = load_project(ROOT, Report())
    assert corpus is not None
    return {language.code: list(localise(corpus, corpus.translations.get(language.code),
                                         corpus.config.translations.publish_drafts).documents)
            for language in corpus.config.languages}


@pytest.mark.parametrize("lang", ["en", "pl", "gd", "ar", "ur"])
def test_default_site_has_one_meaning_for_every_hard_word(views, lang):
    entries = site_words(views[lang], lang)
    assert len(entries) >= 30
    assert [w.word for w in entries if w.meanings != 1] == []
    listed = {word_key(w.word) for w in entries}
    bold = set()
    for doc in views[lang]:
        for p in easy_points(doc):
            bold.update(word_key(b) for b in _BOLD.findall(str(p.text)) if getattr(p.text, "lang", "en") == lang)
    assert bold, lang
    assert bold <= listed, sorted(bold - listed)
    # and every word is used: the words at the end of a page are the words the page uses
    assert listed <= bold, sorted(listed - bold)
