"""Issue #14: one easy-read word list for the whole site, one meaning a word, in every language."""
from __future__ import annotations

import re
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


# ---- `charterkit check easy-read` on a small project -----------------------------------------------------------
def _easy_read(title: str, word: str, meaning: str, extra_bold: str = "") -> str:
    """An easy_read block for a document of tests/fixtures/projects/minimal: one bold word, explained."""
    return f"""
easy_read:
  title: {title}
  about:
    - text: This is about how staff work with you. It was written for this website.
      picture: mulberry-to-talk-2
      alt: A person speaking
    - text: You can have an **{word}**. An {word} helps you say what you want.{extra_bold}
      picture: mulberry-care-assistant-1a
      alt: A care worker with an arm round a person
  words:
    - word: {word}
      meaning: {meaning}
  contact:
    - text: Ask the people who run this website.
      picture: mulberry-to-ask
      alt: A question mark in a speech bubble
"""


def _item_points(text: str, item_id: str, picture: str) -> str:
    return (text.replace(f"      - id: {item_id}\n", f"      - id: {item_id}\n        easy_read_title: We {item_id[-1]}\n"
                         f"        easy_read:\n          - text: Staff listen to you. They write down what you say.\n"
                         f"            picture: {picture}\n            alt: A person\n", 1))


def _project(make_project, alpha_meaning: str, beta_meaning: str, extra_bold: str = ""):
    root = make_project(theme=("pictures",))
    docs = root / "framework_data" / "documents"
    alpha = docs / "alpha-charter.yml"
    text = alpha.read_text(encoding="utf-8")
    text = _item_points(_item_points(text, "commitment-1", "mulberry-to-talk-3"), "commitment-2", "mulberry-to-write")
    alpha.write_text(text + _easy_read("Alpha in easy read", "advocate", alpha_meaning, extra_bold), encoding="utf-8")
    beta = docs / "beta-outcomes.yml"
    beta.write_text(beta.read_text(encoding="utf-8") + _easy_read("Beta in easy read", "advocate", beta_meaning),
                    encoding="utf-8")
    return root


def _check(root, tmp_path, capsys) -> tuple[int, str]:
    from generator.cli import main

    capsys.readouterr()
    code = main(["--project", str(root), "check", "easy-read", "--report", str(tmp_path / "reports")])
    out = capsys.readouterr()
    return code, out.out + out.err


def _line(root, doc_id: str, code: str, out: str) -> str:
    """The line of the document's file that the check's report names for a problem (file:line: error [code])."""
    found = re.search(rf"framework_data/documents/{doc_id}\.yml:(\d+): error \[easy-read\.{code}\]", out)
    assert found, out
    path = root / "framework_data" / "documents" / f"{doc_id}.yml"
    return path.read_text(encoding="utf-8").splitlines()[int(found.group(1)) - 1]


def test_check_easy_read_flags_a_word_with_no_entry_and_a_word_defined_twice(make_project, tmp_path, capsys):
    same = "Someone who helps you say what you want."
    good = _project(make_project, same, same)
    code, out = _check(good, tmp_path, capsys)
    assert code == 0, out
    assert "Easy-read words (en): 1 word in the site's one list, each with one meaning." in out

    bad = _project(make_project, same, "A person who speaks for you.", extra_bold=" Ask about **dignity**.")
    code, out = _check(bad, tmp_path, capsys)
    assert code != 0
    # a bold word with no entry in the word list: named, with its file and what to do
    assert 'The bold word "dignity" is not in the word list.' in out and "Add it to easy_read: words:" in out
    assert "**dignity**" in _line(bad, "alpha-charter", "bold-not-listed", out)
    # a word defined twice, two ways: the document that differs is named, with the meaning the others give it
    assert "A person who speaks for you." in _line(bad, "beta-outcomes", "word-meanings", out)
    assert '"advocate" means "A person who speaks for you." here, but "Someone who helps you say what you want."' in out
    assert "1 word in the site's one list, 1 with more than one meaning" in out
