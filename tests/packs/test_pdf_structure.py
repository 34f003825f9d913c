"""The structure tree of every pack against PDF/UA-1's machine rules (issue 18): lists, table headers, links,
heading levels (generator/print/pdf_structure.py mends them; generator/check/pdf_rules.py checks them)."""
from __future__ import annotations

import pikepdf
import pytest

from generator.check import pdf_rules

from .conftest import ROOT

pytestmark = pytest.mark.build


def _all_packs(packs_site, ur_packs_site):
    out = []
    for site, manifest, _ in (packs_site, ur_packs_site):
        out += [(pack, site / pack.path) for pack in manifest]
    assert {p.lang for p, _ in out} == {"en", "ar", "ur"} and len(out) > 80
    return out


def test_every_pack_meets_the_structure_rules(packs_site, ur_packs_site):
    failures = {}
    for pack, path in _all_packs(packs_site, ur_packs_site):
        with pikepdf.open(path) as pdf:
            problems = pdf_rules.check_structure(pdf)
        if problems:
            failures[pack.file] = problems
    assert not failures, failures


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_contents_links_read_their_words_in_the_packs_language(packs_site, ur_packs_site, lang):
    """Each contents entry is one Link element whose /Contents is its visible words: in Arabic or Urdu, not
    the anchor id in English."""
    checked = 0
    for pack, path in _all_packs(packs_site, ur_packs_site):
        if pack.lang != lang or pack.kind != "standard":
            continue
        with pikepdf.open(path) as pdf:
            for element, parent in pdf_rules.struct_elements(pdf):
                if element.get("/S") != "/Link":
                    continue
                assert parent.get("/S") != "/Link"
                for kid in pdf_rules._kids(element):
                    if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/Dest" in kid.Obj:
                        contents = str(kid.Obj.Contents)
                        assert contents != str(kid.Obj.Dest)
                        if pdf_rules.RTL.search(contents):
                            checked += 1
    assert checked > 20


def test_answer_options_are_one_list_of_items(packs_site):
    """A row of tick boxes is one L with one LI per answer, not lists inside lists."""
    _, manifest, _ = packs_site
    pack = next(p for p in manifest if p.lang == "en" and p.kind == "survey")
    with pikepdf.open(packs_site[0] / pack.path) as pdf:
        lists = [e for e, _ in pdf_rules.struct_elements(pdf) if e.get("/S") == "/L"]
        sizes = [len([k for k in pdf_rules._elements(e) if k.get("/S") == "/LI"]) for e in lists]
    assert sizes and max(sizes) >= 5 and 1 not in sizes, sizes


def test_the_structure_check_finds_each_fault(tmp_path, monkeypatch):
    """WeasyPrint's own tree, without charterkit's mending: each rule reports its fault."""
    from generator.print import pdf_engine, pdf_structure

    html = """<html lang="en"><head><title>Faults</title></head><body>
      <h1>Title</h1><h3>Skipped a level</h3>
      <ul style="display: table; list-style: none"><li style="display: table-cell">Yes</li>
        <li style="display: table-cell">No</li></ul>
      <ul><li style="display: table; width: 100%"><span>A checklist item</span></li></ul>
      <table><thead><tr><th>Time</th><th>What</th></tr></thead>
        <tbody><tr><td>0:00</td><th>Welcome</th></tr></tbody></table>
      <p><a href="#end">Go to the end</a></p><ol><li><a class="toc" href="#end">End</a></li></ol>
      <h2 id="end">End</h2></body></html>"""
    css = pdf_engine.font_css("en", ROOT) + 'a.toc::after { content: leader(".") target-counter(attr(href), page); }'
    monkeypatch.setattr(pdf_structure, "fix", lambda pdf, words: {})
    out = tmp_path / "faults.pdf"
    pdf_engine.render(pdf_engine.RenderJob("k", html, css, ROOT.as_uri() + "/", str(out)))
    with pikepdf.open(out) as pdf:
        found = " | ".join(pdf_rules.check_structure(pdf))
    for rule in ("a heading level skipped", "a list item (LI) outside a list", "a list holding nothing but another list",
                 "without /Scope", "a Link element inside another Link element",
                 "a link whose /Contents is the anchor it points to"):
        assert rule in found, (rule, found)
    # and mended, the same document passes
    monkeypatch.undo()
    html = html.replace("<h3>Skipped a level</h3>", "<h2>Not skipped</h2>")
    pdf_engine.render(pdf_engine.RenderJob("k", html, css, ROOT.as_uri() + "/", str(out)))
    with pikepdf.open(out) as pdf:
        assert pdf_rules.check_structure(pdf) == []


# ---- covers and easy read ---------------------------------------------------------------------------------

def test_every_cover_has_a_qr_code_and_the_web_address_in_its_language(packs_site, ur_packs_site, corpus):
    site_url = corpus.config.site.url.rstrip("/")
    for pack, path in _all_packs(packs_site, ur_packs_site):
        with pikepdf.open(path) as pdf:
            assert pdf_rules.check_cover(pdf, pack.lang) == [], pack.file
            uris = [str(a.A.URI) for a in pdf.pages[0].obj.get("/Annots", []) if "/A" in a and "/URI" in a.A]
        expected = f"{site_url}/{pack.lang}/{pack.doc_id}/" + ("easy-read/" if "easy-read" in pack.kind else "")
        assert expected in uris, (pack.file, uris)


def test_the_qr_code_holds_the_address_printed_beside_it():
    """The code segno makes for an address is the one drawn (same modules), and it is at least 2 cm."""
    import re

    import segno

    from generator.print.qr import qr_svg, short_address, web_address

    url = web_address("https://charters.example.org/", "ur", "jias-engagement-framework", True)
    assert url == "https://charters.example.org/ur/jias-engagement-framework/easy-read/"
    assert short_address(url) == "charters.example.org/ur/jias-engagement-framework/easy-read/"
    svg = str(qr_svg(url, "QR code"))
    code = segno.make(url, error="m", micro=False)
    assert re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1) == str(code.symbol_size(border=4)[0])
    assert "<title>QR code</title>" in svg and 'class="ck-qr"' in svg
    assert web_address(None, "en", "x", False) == "" and web_address("mailto:a@b.org", "en", "x", False) == ""


def test_easy_read_packs_have_big_text_and_pictures(packs_site, ur_packs_site, pdf_text):
    checked = 0
    for pack, path in _all_packs(packs_site, ur_packs_site):
        if "easy-read" not in pack.kind:
            continue
        pdf, pages = pdf_text.walked(path)
        problems, measures = pdf_rules.check_easy_read(pdf, path, pages)
        assert problems == [], (pack.file, problems)
        assert measures["smallest_text_pt"] >= 14 - 0.05 and measures["smallest_picture_mm"] >= 29.5, (pack.file, measures)
        checked += 1
    assert checked >= 20


def test_the_cover_and_easy_read_checks_find_their_faults(tmp_path):
    from generator.print import pdf_engine

    html = """<html lang="en"><head><title>Small</title></head><body><h1>Small</h1>
      <p style="font-size: 11pt">Small words</p>
      <img src="node_modules/openmoji/color/svg/1F600.svg" alt="A face" style="width: 20mm; height: 20mm"></body></html>"""
    out = tmp_path / "small-easy-read-en.pdf"
    pdf_engine.render(pdf_engine.RenderJob("k", html, pdf_engine.font_css("en", ROOT), ROOT.as_uri() + "/", str(out)))
    with pikepdf.open(out) as pdf:
        cover = pdf_rules.check_cover(pdf, "en")
        easy, _ = pdf_rules.check_easy_read(pdf, out)
    assert any("QR code" in p for p in cover) and any("web page" in p for p in cover), cover
    assert any("smaller than 14 pt" in p for p in easy) and any("smaller than 3 cm" in p for p in easy), easy
