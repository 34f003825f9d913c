"""Issue #14: the text that stands for each easy-read picture (its alt text, read out by screen readers and shown
when the picture does not load) is translated in every language the site ships, as the pictures' other texts
are: none is left in English on a Polish, Gaelic, Arabic or Urdu easy-read page or pack."""
from __future__ import annotations

import pytest

from generator.model.corpus import walk_items, walk_sections
from generator.translate.localise import lang_of, localise, state_of


def _points(doc):
    er = doc.easy_read
    yield from er.about
    yield from er.contact
    for section, _depth, _path in walk_sections(doc):
        yield from section.easy_read
    for loc in walk_items(doc):
        yield from loc.item.easy_read


@pytest.mark.parametrize("lang", ["pl", "gd", "ar", "ur"])
def test_every_easy_read_picture_has_its_alt_text_in_the_language(corpus, lang):
    view = localise(corpus, corpus.translations.get(lang), True)
    checked, english = 0, []
    for doc in view.documents:
        if doc.easy_read is None:
            continue
        for point in _points(doc):
            if not point.alt:
                continue
            checked += 1
            if lang_of(point.alt) != lang:
                english.append(f"{doc.id}: {point.alt!r} ({state_of(point.alt)})")
    assert checked > 300, checked
    assert not english, f"{len(english)} picture(s) described in English on {lang} pages: {english[:5]}"
