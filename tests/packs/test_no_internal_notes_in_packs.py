"""No pack prints the editors' notes on how a source was read (issue #12), in English or in Arabic."""
from __future__ import annotations

import pytest

from generator.check.pdf_rules import pdftotext
from generator.validate.public_text import internal_phrases

pytestmark = pytest.mark.build


def test_no_pack_has_internal_note_phrases(packs_site):
    """Every English and Arabic pack (an English note left in an Arabic pack would be found too). Each pack's
    printed text, page furniture included, is read with poppler's pdftotext (about 0.05 s a pack, where pdfminer
    takes about 2 s: the phrases are English words, which both read alike; the right-to-left tests need
    pdftotext too)."""
    site, manifest, _ = packs_site
    packs = [p for p in manifest if p.lang in ("en", "ar")]
    assert len([p for p in packs if p.lang == "en"]) >= 8 * 3, "every English pack is read"
    assert len([p for p in packs if p.lang == "ar"]) >= 8 * 3, "every Arabic pack is read"
    found = {}
    for pack in packs:
        text = pdftotext(site / pack.path)
        assert text is not None, "pdftotext is not installed (Debian's poppler-utils)"
        text = " ".join(text.split())
        assert len(text) > 200, pack.path
        hits = internal_phrases(text)
        if hits:
            found[pack.path] = sorted(set(hits))
    assert found == {}
