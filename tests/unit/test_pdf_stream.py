"""The shared walk through a page's content stream (generator/check/pdf_stream.py): the state it gives each
operator, on a content stream written here (exact figures) and on a small PDF WeasyPrint makes here."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from generator.check import pdf_rules
from generator.check.pdf_sizes import text_sizes
from generator.check.pdf_stream import walk, walk_page

# Two glyphs: A 500 and B 600 thousandths of the size wide, with their text (ToUnicode).
FONT = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica", "/FirstChar": 65,
        "/Widths": [500, 600]}
TO_UNICODE = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /AB def /CMapType 2 def "
              b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <0041> <42> <0042> endbfchar "
              b"endcmap CMapName currentdict /CMap defineresource pop end end")


def _pdf(tmp_path: Path, content: bytes, form: bytes | None = None) -> Path:
    """A one-page PDF (A4) drawing `content`, with font /F1 (FONT) and, if given, a form XObject /X1 drawing
    `form` with the matrix [1 0 0 1 100 0]."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary({k: (pikepdf.Name(v) if isinstance(v, str) else v)
                                                 for k, v in FONT.items()}))
    font.ToUnicode = pikepdf.Stream(pdf, TO_UNICODE)
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    if form is not None:
        xobject = pikepdf.Stream(pdf, form)
        xobject.Type, xobject.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        xobject.BBox = pikepdf.Array([0, 0, 50, 50])
        xobject.Matrix = pikepdf.Array([1, 0, 0, 1, 100, 0])
        resources.XObject = pikepdf.Dictionary(X1=xobject)
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=pikepdf.Array([0, 0, 595, 842]),
                              Resources=resources, Contents=pikepdf.Stream(pdf, content))
    pdf.pages.append(pikepdf.Page(page))
    out = tmp_path / "walk.pdf"
    pdf.save(out)
    return out


def _ops(path: Path) -> list:
    with pikepdf.open(path) as pdf:
        ops = walk(pdf)
        assert len(ops) == 1
        return [(op.name, op.matrix, op.ctm, op.text.size, op.artifact, op.mcid, op.depth, op.codes, op.xs)
                for op in ops[0]]


def test_nested_q_and_cm_scale_the_text_and_q_brings_the_state_back(tmp_path):
    content = (b"q 2 0 0 2 0 0 cm q 1 0 0 1 10 20 cm BT /F1 10 Tf 5 6 Td (AB) Tj ET Q "
               b"BT /F1 12 Tf (A) Tj ET Q BT (B) Tj ET")
    ops = _ops(_pdf(tmp_path, content))
    assert [op[0] for op in ops] == ["Tj", "Tj", "Tj"]
    # inside both: scaled by 2, moved by (10, 20) then by Td (5, 6): the text starts at 2 * (15, 26)
    assert ops[0][1] == (2, 0, 0, 2, 30, 52)
    assert ops[0][7] == (65, 66) and ops[0][8] == (0.0, 5.0)  # B starts after A's 500/1000 of 10 pt
    # the inner Q took back the move, not the scale; Tf 12 set inside the outer q
    assert ops[1][2] == (2, 0, 0, 2, 0, 0) and ops[1][3] == 12.0
    # the outer Q took back the scale and the font: the last string has no font, so no codes
    assert ops[2][2] == (1, 0, 0, 1, 0, 0) and ops[2][3] == 0.0 and ops[2][7] == ()
    # sizes as pdfminer measures them: 10 pt scaled by 2 (two letters), then 12 pt by 2
    assert text_sizes(_pdf(tmp_path, content)) == [20.0, 20.0, 24.0]


def test_a_shown_string_moves_the_next_one_on_and_tj_adjustments_count(tmp_path):
    content = b"BT /F1 10 Tf 1 0 0 1 100 700 Tm (A) Tj [(A) -1000 (B)] TJ 2 Tc 50 Tz (BA) Tj ET"
    ops = _ops(_pdf(tmp_path, content))
    assert [op[1][4:] for op in ops] == [(100, 700), (105, 700), (105 + 5 + 10 + 6, 700)]
    assert ops[1][7] == (65, 66) and ops[1][8] == (0.0, 15.0)  # -1000 moves 1000/1000 of 10 pt on
    assert ops[2][8] == (0.0, (6 + 2) * 0.5)  # Tc 2 after each glyph, all at 50% width


def test_artifacts_and_marked_content_ids(tmp_path):
    content = (b"/Artifact BMC BT /F1 8 Tf 1 0 0 1 0 0 Tm (A) Tj ET EMC "
               b"/P <</MCID 3>> BDC BT /F1 14 Tf 1 0 0 1 0 100 Tm (B) Tj ET "
               b"/Span BMC BT /F1 14 Tf (A) Tj ET EMC EMC (B) Tj")
    ops = _ops(_pdf(tmp_path, content))
    shown = [op for op in ops if op[0] == "Tj"]
    assert [(op[4], op[5]) for op in shown] == [(True, None), (False, 3), (False, 3), (False, None)]
    assert [op[0] for op in ops if op[0] != "Tj"] == ["BMC", "BDC", "BMC"]
    path = _pdf(tmp_path, content)
    assert text_sizes(path) == [14.0, 14.0, 14.0]  # the 8 pt artifact left out
    assert sorted(text_sizes(path, artifacts=True)) == [8.0, 14.0, 14.0, 14.0]


def test_form_xobjects_are_walked_inside_with_their_matrix_and_the_artifact_around_them(tmp_path):
    form = b"BT /F1 10 Tf 1 0 0 1 0 0 Tm (B) Tj ET"
    content = b"q 1 0 0 1 0 300 cm /X1 Do Q /Artifact BMC /X1 Do EMC"
    path = _pdf(tmp_path, content, form)
    ops = _ops(path)
    assert [(op[0], op[6], op[4]) for op in ops] == [("Do", 0, False), ("Tj", 1, False), ("BMC", 0, False),
                                                     ("Do", 0, True), ("Tj", 1, True)]
    assert ops[1][1] == (1, 0, 0, 1, 100, 300)  # the form's matrix, then the page's cm
    with pikepdf.open(path) as pdf:
        # a form XObject counts by its box on the page, here 300 to 350 pt up the 842 pt page
        assert pdf_rules.page_fill(pdf) == [pytest.approx(50 / 842)]


def test_given_keeps_only_the_operators_asked_for(tmp_path):
    path = _pdf(tmp_path, b"/P <</MCID 0>> BDC BT /F1 10 Tf (A) Tj ET EMC")
    with pikepdf.open(path) as pdf:
        assert [op.name for op in walk_page(pdf.pages[0], frozenset({"BDC"}))] == ["BDC"]
        assert [op.name for op in walk_page(pdf.pages[0])] == ["BDC", "Tj"]


@pytest.fixture(scope="module")
def weasy_pdf(tmp_path_factory) -> Path:
    """A page WeasyPrint draws: two lines of 15 pt text, one scaled twice by nested transforms, and a page
    number in the margin (an artifact, 9 pt). Named as an easy-read pack, so that its check reads its sizes."""
    from weasyprint import HTML

    from generator.print.weasyprint_engine.patches import install

    install()  # page margins as artifacts (what the packs are made with)
    html = """<!doctype html><html lang="en"><head><title>Walk</title><style>
      @page { size: A4; margin: 72pt; @bottom-center { content: "Page " counter(page); font-size: 9pt } }
      body { font-family: sans-serif; margin: 0 } p { margin: 0 0 30pt 0; line-height: 1 }
      .twice { transform: scale(2); transform-origin: 0 0 }
    </style></head><body><p style="font-size: 15pt">Hello</p>
      <div class="twice"><div style="transform: scale(1)"><p style="font-size: 7.5pt">Wide</p></div></div>
    </body></html>"""
    path = tmp_path_factory.mktemp("walk") / "walk-easy-read-en.pdf"
    HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    return path


def test_a_weasyprint_pdf_gives_its_sizes_and_lines(weasy_pdf):
    path = weasy_pdf
    sizes = text_sizes(path)
    assert sorted(round(s, 3) for s in sizes) == [15.0] * 9  # "Hello" and "Wide" (7.5 pt, twice as big)
    assert sorted(round(s, 3) for s in text_sizes(path, artifacts=True)) == [9.0] * 5 + [15.0] * 9  # "Page1"
    with pikepdf.open(path) as pdf:
        ops = [op for op in walk(pdf)[0] if op.codes]
        content = [op for op in ops if not op.artifact]
        assert content and all(op.mcid is not None for op in content)  # tagged text
        first = content[0]
        a, b, c, d, e, f = first.matrix
        assert e + a * first.xs[0] == pytest.approx(72, abs=0.5)  # at the left margin
        assert 842 - 72 - 15 < f < 842 - 72  # the first baseline, within the first line
        assert list(first.xs) == sorted(first.xs) and len(set(first.xs)) == len(first.xs)  # left to right
        rows = pdf_rules.text_rows(pdf, pdf.pages[0])
        assert len(rows) == 3  # Hello, Wide, the page number
        assert rows[0].base > rows[1].base > rows[2].base


def test_one_check_of_a_pack_walks_its_pages_once(weasy_pdf, monkeypatch):
    """charterkit check pdf (check/pdf.py inspect) reads the content streams once for all the rules that read
    them (empty /ActualText, near-empty pages, easy-read sizes), and its figures come from that walk."""
    from generator.check import pdf as pdf_check
    from generator.check import pdf_stream

    calls = []

    def counting(pdf, *args, **kwargs):
        calls.append(pdf)
        return pdf_stream.walk(pdf, *args, **kwargs)

    monkeypatch.setattr(pdf_rules, "walk", counting)
    facts = pdf_check.inspect(weasy_pdf, "en", cover=False)
    assert len(calls) == 1
    assert facts.measures["smallest_text_pt"] == pytest.approx(9.0)  # the page number, an easy-read rule
    assert facts.measures["least_filled_page"] is None  # one page: no page but the last
