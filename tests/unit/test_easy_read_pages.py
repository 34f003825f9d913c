"""Issue #14: what an easy-read page and pack show besides the points: who checked the easy read (or that
nobody has yet), a contents list on a long page, and the words last. Rendered from the default project's
data without a build (the page's Markdown and the pack's HTML)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model.easyread import CONTENTS_OVER_POINTS
from generator.model.schema import CheckedBy
from generator.print.packs import language_view
from generator.print.pack_html import PrintWriter
from generator.web.pages import PageWriter

ROOT = Path(__file__).resolve().parents[2]
META = {"date": "2022-03-09T00:00:00Z", "description": "test"}
NOT_CHECKED = "have not checked this easy read yet"
CHECKED = "checked this easy read with people who read easy read"


def checked(doc):
    by = CheckedBy(group="The Speak Up Group", date="2027-01-15", notes="They asked for **bigger** pictures.")
    return doc.model_copy(update={"easy_read": doc.easy_read.model_copy(update={"checked_by": by})})


def page(view, lang, words, doc) -> str:
    writer = PageWriter(view, lang, words, direction=view.config.language(lang).dir)
    writer.easy_read_page(doc)
    return writer.out.pages[f"{doc.id}/easy-read.md"]


def points(doc) -> int:
    from generator.check.easyread import easy_points

    return len(easy_points(doc))


def test_no_document_of_the_default_site_claims_a_check(corpus):
    # never fill in checked_by for a check that did not happen: none has happened yet
    assert [d.id for d in corpus.documents if d.easy_read is not None and d.easy_read.checked_by is not None] == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_page_and_pack_say_nobody_has_checked_it_yet(corpus, lang):
    view, words = language_view(corpus, lang)
    docs = [d for d in view.documents if d.easy_read is not None]
    assert len(docs) == 8
    not_checked, checked_words = notices(lang)
    for doc in docs:
        md = page(view, lang, words, doc)
        assert not_checked in md and checked_words not in md, doc.id
        pack = PrintWriter(view, lang, words).easy_read_html(doc, META).html
        assert not_checked in pack and checked_words not in pack, doc.id
        # the notice comes before the first point
        assert md.index(not_checked) < md.index("ck-er-point")
        assert pack.index(not_checked) < pack.index("ck-point")


def notices(lang: str) -> tuple[str, str]:
    """The "not checked yet" notice and the fixed words of the "checked" notice, in the page's language
    (the English, or the translation in framework_data/translations/<lang>/interface.yml)."""
    if lang == "en":
        return NOT_CHECKED, CHECKED
    import yaml

    entries = yaml.safe_load((ROOT / "framework_data" / "translations" / lang / "interface.yml").read_text("utf-8"))["entries"]
    not_checked = entries["easy_read_not_checked"]["text"]
    checked = entries["easy_read_checked"]["text"]
    assert not_checked and checked, f"{lang}: the easy-read check notices are not translated"
    # the longest run of the "checked" notice without a placeholder
    return not_checked, max(re.split(r"\{[a-z]+\}", checked), key=len).strip()


def test_a_recorded_check_is_shown_with_who_and_when_in_english(corpus):
    view, words = language_view(corpus, "en")
    doc = checked(view.document("care-standards"))
    md = page(view, "en", words, doc)
    assert "The Speak Up Group " + CHECKED + ". They finished on 15 January 2027." in md
    assert "They asked for <strong>bigger</strong> pictures." in md  # what they said, if the record says
    assert NOT_CHECKED not in md
    pack = PrintWriter(view, "en", words).easy_read_html(doc, META).html
    assert "The Speak Up Group " + CHECKED in pack and "15 January 2027" in pack and NOT_CHECKED not in pack
    assert "They asked for <strong>bigger</strong> pictures." in pack


def test_a_check_of_the_english_is_not_claimed_for_a_translation(corpus):
    view, words = language_view(corpus, "ar")
    doc = checked(view.document("care-standards"))
    md = page(view, "ar", words, doc)
    assert notices("ar")[0] in md and "Speak Up" not in md
    assert "Speak Up" not in PrintWriter(view, "ar", words).easy_read_html(doc, META).html


def test_a_hostile_group_name_is_only_words(corpus):
    view, words = language_view(corpus, "en")
    doc = view.document("care-standards")
    # the schema refuses HTML in a group's name; past that, the page and pack still write it as words
    by = CheckedBy.model_construct(group='<script>alert(1)</script> <img src=x onerror=alert(2)>', date="2027-01-15",
                                   notes=None)
    doc = doc.model_copy(update={"easy_read": doc.easy_read.model_copy(update={"checked_by": by})})
    md = page(view, "en", words, doc)
    pack = PrintWriter(view, "en", words).easy_read_html(doc, META).html
    for out in (md, pack):
        assert "<script" not in out and "<img src=x" not in out
        assert "&lt;script&gt;" in out


def test_long_pages_get_a_contents_list_and_short_ones_do_not(corpus):
    view, words = language_view(corpus, "en")
    long_, short = 0, 0
    for doc in view.documents:
        if doc.easy_read is None:
            continue
        md = page(view, "en", words, doc)
        has = "{ #contents }" in md
        if points(doc) > CONTENTS_OVER_POINTS:
            long_ += 1
            assert has, doc.id
            contents = md[md.index("{ #contents }"):md.index("ck-er-points")]
            targets = re.findall(r"\]\(#([^)]+)\)", contents)
            assert targets[-2:] == ["contact", "words"], targets
            for target in targets:  # every link goes to a heading of the page
                assert "{ #" + target + " }" in md, (doc.id, target)
            assert md.index("{ #contents }") < md.index("ck-er-point")
        else:
            short += 1
            assert not has, doc.id
    assert long_ >= 4 and short >= 2  # the default site has both kinds


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_words_come_last(corpus, lang):
    view, words = language_view(corpus, lang)
    for doc in view.documents:
        if doc.easy_read is None or not doc.easy_read.words:
            continue
        md = page(view, lang, words, doc)
        assert md.index("{ #contact }") < md.index("{ #words }"), doc.id
        assert "{ #" not in md[md.index("{ #words }") + 1:], doc.id  # no heading after the words
        pack = PrintWriter(view, lang, words).easy_read_html(doc, META).html
        assert pack.index('id="contact"') < pack.index('id="words"'), doc.id
