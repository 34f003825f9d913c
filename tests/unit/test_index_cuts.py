"""Issue #12: a shortened text always ends with "…"; short texts, and lists of statements, are shown whole on
index pages; menus name a document without an unexplained acronym."""
from __future__ import annotations

from types import SimpleNamespace

from generator.web.pages import WHOLE_ON_INDEX, first_sentence, reader_label, shown_whole


def test_a_cut_text_ends_with_an_ellipsis():
    assert first_sentence("We will listen. We will learn.") == "We will listen. …"
    assert first_sentence("One sentence only.") == "One sentence only."
    long = "word " * 100
    assert first_sentence(long, 50).endswith("…") and len(first_sentence(long, 50)) <= 51


def test_a_list_loses_its_marker():
    assert first_sentence("- My human rights are respected.\n- I am respected.") == "My human rights are respected. …"


def test_short_texts_and_lists_are_shown_whole():
    assert shown_whole("I am supported to share my views. They are listened to.")
    assert shown_whole("- " + "a long statement " * 40 + "\n- another")
    assert not shown_whole("A sentence. " * (WHOLE_ON_INDEX // 12 + 1))


def test_menus_spell_out_acronyms():
    jias = SimpleNamespace(label="JIAS engagement framework",
                           title="Joint Inspection of Adult Services engagement framework")
    assert reader_label(jias) == jias.title
    plain = SimpleNamespace(label="Integration principles", title="Guidance on the Principles")
    assert reader_label(plain) == "Integration principles"
