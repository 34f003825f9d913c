"""No public page shows the editors' notes on how a source was read (issue #12): "How we read the source",
"encoded in maps_to", "short_text", "the seed", "no review_date is recorded" and the like."""
from __future__ import annotations

import html
import re

import pytest

from generator.validate.public_text import internal_phrases


def _visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.build
def test_no_page_in_any_language_has_internal_note_phrases(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 300, "every page of every language is read"
    found = {}
    for path in pages:
        hits = internal_phrases(_visible_text(path.read_text(encoding="utf-8")))
        if hits:
            found[str(path.relative_to(built_site))] = sorted(set(hits))
    assert found == {}, f"{len(found)} pages, for example {dict(list(found.items())[:5])}"


def test_the_scan_would_find_an_old_notes_section():
    assert internal_phrases(_visible_text("<h3>How we read the source</h3><p>They are encoded in maps_to.</p>"))
