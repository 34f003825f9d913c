"""Issue #14: easy-read pictures are at least 3 cm wide in print, measured in the PDFs.

WeasyPrint gives every picture a /Figure structure element with its box (/BBox, in CSS px: 96 to the inch).
"""
from __future__ import annotations

import pytest

pikepdf = pytest.importorskip("pikepdf")

CSS_PX_PER_CM = 96 / 2.54
MIN_CM = 3.0


def figure_widths_cm(path) -> list[float]:
    widths = []
    with pikepdf.open(path) as pdf:
        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.S == "/Figure":
                    assert "/A" in node and "/BBox" in node.A, f"{path}: a figure without its box"
                    box = [float(v) for v in node.A.BBox]
                    widths.append((box[2] - box[0]) / CSS_PX_PER_CM)
                if "/K" in node:
                    stack.append(node.K)
    return widths


def test_easy_read_pictures_are_at_least_3_cm_in_print(packs_site, corpus):
    from generator.model.corpus import walk_items, walk_sections

    site, _, _ = packs_site
    checked = 0
    for doc in corpus.documents:
        if doc.easy_read is None:
            continue
        points = len(doc.easy_read.about) + len(doc.easy_read.contact)
        points += sum(len(s.easy_read) for s, _, _ in walk_sections(doc))
        points += sum(len(loc.item.easy_read) for loc in walk_items(doc))
        for lang in ("en", "ar"):
            pdf = site / lang / "packs" / f"{doc.id}-easy-read-{lang}.pdf"
            widths = figure_widths_cm(pdf)
            assert len(widths) >= points, (pdf.name, len(widths), points)  # every point's picture, and the QR code
            small = [round(w, 2) for w in widths if w < MIN_CM - 0.005]
            assert not small, f"{pdf.name}: pictures narrower than {MIN_CM} cm: {small}"
            checked += 1
    assert checked >= 16


def test_every_easy_read_pack_keeps_within_the_page_limit(built_site, corpus):
    """Every easy-read pack, in every language, has at most checks.easy_read_max_pages pages (24): the Urdu North
    Yorkshire pack had 25, because its "About this pack" part always started a page of its own, after a words list
    that ended near the top of a page, and its picture credits ran over onto one more page."""
    from generator.print.packs import read_manifest

    limit = corpus.config.checks.easy_read_max_pages
    packs = [p for lang in corpus.config.languages for p in read_manifest(built_site, lang.code)
             if p.kind in ("easy-read", "survey-easy-read")]
    documents = len([doc for doc in corpus.documents if doc.easy_read is not None])
    assert len(packs) >= documents * len(corpus.config.languages) > 0, len(packs)
    long = {p.path: p.pages for p in packs if p.pages > limit}
    assert not long, f"longer than {limit} pages: {long}"
