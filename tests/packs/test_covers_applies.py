"""Issue #12: every pack's cover says where its document applies (applies_to), in the pack's language."""
from __future__ import annotations

import re

import pytest

from generator.print.packs import language_view
from generator.print.pack_html import PrintWriter
from generator.web.context import place_name

META = {"date": "2022-03-09T00:00:00Z", "description": "test"}


def _cover(html: str) -> str:
    m = re.search(r'<header class="ck-title-block">.*?</header>', html, re.S)
    assert m, "no cover (title block) in the pack"
    return m.group(0)


def _plain(fragment: str) -> str:
    import html as htmllib

    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_document_pack_cover_says_where_it_applies(corpus, lang):
    view, words = language_view(corpus, lang)
    writer = PrintWriter(view, lang, words)
    checked = 0
    for doc in view.documents:
        place = place_name(writer, doc).replace("\u2066", "").replace("\u2069", "")
        packs = [("standard", writer.document_html(doc, "standard", META))]
        if doc.easy_read is not None:
            packs.append(("easy-read", writer.easy_read_html(doc, META)))
        for kind, made in packs:
            cover = _plain(_cover(made.html))
            assert place in cover, f"{doc.id} {kind} ({lang}): the cover does not say where it applies ({place})"
            checked += 1
    assert checked >= 16


@pytest.mark.parametrize("kind, tool", [("survey", "jias-engagement-framework-survey"),
                                        ("survey-easy-read", "jias-engagement-framework-survey"),
                                        ("interview", "jias-engagement-framework-interview"),
                                        ("focus-group", "jias-engagement-framework-focus-group"),
                                        ("workbook", "integration-principles-workbook")])
def test_tool_covers_say_where_their_document_applies(corpus, kind, tool):
    writer = PrintWriter(corpus, "en", language_view(corpus, "en")[1])
    t = corpus.tools[tool]
    doc = corpus.document(t.document)
    cover = _plain(_cover(writer.tool_html(t, kind, META).html))
    assert place_name(writer, doc) in cover, f"{tool} {kind}: {cover[:200]}"
