"""Issue 18: the engagement tools' answer spaces are PDF form fields, named like the XLSForm and the codebook,
labelled in the pack's language, tagged in reading order; right-to-left tick boxes sit with their own labels,
inside the margins; session-ready packs (writing space, return details, no near-empty pages)."""
from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from generator.check import pdf_rules
from generator.collect import codebook
from generator.collect.build import forms_by_language
from generator.diagnostics import Report
from generator.print import pdf_forms
from generator.print.packs import build_packs

from .conftest import ROOT

pytestmark = pytest.mark.build

FORM_KINDS = ("survey", "survey-easy-read", "workbook")
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
MM = 72 / 25.4


@pytest.fixture(scope="session")
def other_packs_site(corpus, tmp_path_factory, test_cache):
    """The survey and workbook packs in Polish and Scottish Gaelic (the other packs of these languages are not
    needed here): (site folder, manifest)."""
    out = tmp_path_factory.mktemp("packs-pl-gd") / "site"
    report = Report()
    tools = {t.id for t in corpus.tools.values() if t.kind in ("survey", "workbook")}
    languages = [corpus.config.language(code) for code in ("pl", "gd")]
    manifest = build_packs(corpus, [l for l in languages if l is not None], out, report, only=tools,
                           cache_dir=test_cache)
    assert not report.errors, report.format()
    return out, manifest


@pytest.fixture(scope="session")
def form_packs(packs_site, ur_packs_site, other_packs_site):
    """Every survey, easy-read survey and workbook pack of every language: [(path, pack)]."""
    out = []
    for site in (packs_site, ur_packs_site, other_packs_site):
        out += [(site[0] / p.path, p) for p in site[1] if p.kind in FORM_KINDS]
    return out


@pytest.fixture(scope="session")
def codebooks(corpus):
    """{form file stem (tool id, or <tool id>-easy-read): (question IDs in order, {question ID: answer codes})},
    read from the codebook rows the build writes (collect/codebook.py)."""
    out = {}
    languages = list(corpus.config.languages)
    for forms in forms_by_language(corpus, languages).values():
        for _tool, by_lang in forms:
            rows = codebook.rows(by_lang, languages)[1:]
            ids = [r[0] for r in rows if r[1] != "choice"]
            codes: dict[str, list[str]] = {}
            for r in rows:
                if r[1] == "choice":
                    codes.setdefault(r[0], []).append(r[2])
            out[by_lang["en"].file_stem] = (ids, codes)
    return out


def _stem(pack) -> str:
    """The form's file stem of a pack: its file name without the language."""
    return Path(pack.path).stem.rsplit("-", 1)[0]


def test_every_language_has_its_form_packs(form_packs, corpus):
    langs = {p.lang for _, p in form_packs}
    assert langs == {l.code for l in corpus.config.languages}, langs
    kinds = {p.kind for _, p in form_packs}
    assert kinds == set(FORM_KINDS), kinds


def test_form_field_names_are_the_codebook_ids_in_order(form_packs, codebooks):
    """The AcroForm's fields, in order, are the codebook's questions; a radio group's buttons are its codes."""
    checked = 0
    for path, pack in form_packs:
        ids, codes = codebooks[_stem(pack)]
        with pikepdf.open(path) as pdf:
            fields = pdf_forms.fields(pdf)
        assert [f["name"] for f in fields] == ids, (pack.path, [f["name"] for f in fields][:6], ids[:6])
        for f in fields:
            if f["type"] == "radio":
                assert f["codes"] == codes[f["name"]], (pack.path, f["name"], f["codes"])
                assert [w["state"] for w in f["widgets"]] == codes[f["name"]], (pack.path, f["name"])
            else:
                assert f["type"] == "text" and f["name"] not in codes, (pack.path, f["name"])
        checked += 1
    assert checked == len(form_packs) >= 15


def test_the_scales_have_dont_know_and_does_not_apply(codebooks):
    """Codes 98 ("I don't know") and 99 ("Does not apply") in the survey, easy-read survey and workbook."""
    for stem in ("jias-engagement-framework-survey", "jias-engagement-framework-survey-easy-read",
                 "integration-principles-workbook"):
        ids, codes = codebooks[stem]
        scales = [c for c in codes.values()]
        assert scales and all(c[-2:] == ["98", "99"] for c in scales), (stem, scales[:2])


def test_fields_have_accessible_names_in_the_packs_language(form_packs, corpus):
    for path, pack in form_packs:
        with pikepdf.open(path) as pdf:
            fields = pdf_forms.fields(pdf)
            assert str(pdf.Root.Lang) == pack.lang
            assert pdf_forms.problems(pdf) == [], pack.path
        assert fields
        for f in fields:
            assert f["tu"].strip() and f["tu"] != f["name"], (pack.path, f["name"])
            assert bool(RTL.search(f["tu"])) == (pack.lang in ("ar", "ur")), (pack.path, f["name"], f["tu"])
    # in English, a survey question's name is the statement itself
    path, pack = next((p, k) for p, k in form_packs if k.lang == "en" and k.kind == "survey")
    survey = corpus.tools["jias-engagement-framework-survey"]
    first = corpus.items[(survey.document, survey.statements[0])].item
    with pikepdf.open(path) as pdf:
        tu = pdf_forms.fields(pdf)[0]["tu"]
    assert " ".join((first.short_text or first.text).split())[:60] in tu, tu


def test_fields_are_tagged_as_form_elements_in_reading_order(form_packs):
    for path, pack in form_packs:
        with pikepdf.open(path) as pdf:
            names = [f["name"] for f in pdf_forms.fields(pdf)]
            assert pdf_forms.tagged_fields(pdf) == names, pack.path
            assert len(pdf_forms.tagged_fields(pdf, names_only=False)) == len(pdf_forms.widgets(pdf))
            for page in pdf.pages:
                if len(page.obj.get("/Annots", [])):
                    assert page.obj.get("/Tabs") == "/S", pack.path


def test_right_to_left_text_fields_are_aligned_right(form_packs):
    seen = 0
    for path, pack in form_packs:
        with pikepdf.open(path) as pdf:
            for f in pdf_forms.fields(pdf):
                if f["type"] == "text":
                    assert f["q"] == (2 if pack.lang in ("ar", "ur") else 0), (pack.path, f["name"])
                    seen += 1
    assert seen > 100


# ---- the boxes in right-to-left packs --------------------------------------------------------------------

def _text_lines(path: Path, page_number: int):
    """Every text line on one page (from 0) as (x0, y0, x1, y1, text), in PDF points, by pdfminer's layout."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    out = []
    for page in extract_pages(str(path), page_numbers=[page_number]):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine):
                        out.append((*line.bbox, " ".join(line.get_text().split())))
    return out


def _labels(corpus, pack) -> list[str]:
    """The answers' words in the pack's language, in code order (the first word of each is enough to find it)."""
    from generator.print.packs import language_view

    view, _ = language_view(corpus, pack.lang)
    survey = view.tools["jias-engagement-framework-survey"]
    scale = survey.easy_read.scale if pack.kind == "survey-easy-read" else survey.scale
    return [str(o.label) for o in scale]


def _letters(text: str) -> str:
    """text without vowel marks and other combining marks (pdfminer gives a right-to-left word's marks wherever
    they are drawn)."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFC", text) if not unicodedata.category(ch).startswith("M"))


def _same_words(line: str, label: str) -> bool:
    """Whether a text line holds the first word of label (in either order of letters: right-to-left words may come
    out of pdfminer in the order they are drawn)."""
    first, line = _letters(label.split()[0]), "".join(_letters(line).split())  # pdfminer may split a word
    return first in line or first[::-1] in line


@pytest.mark.parametrize("kind", ["survey", "survey-easy-read"])
def test_each_box_sits_with_its_own_label_in_reading_order_inside_the_margins(form_packs, corpus, kind):
    """In every language, and above all in Arabic and Urdu: each answer's box is in its own label's column
    (the label's line is centred on the box, not a column away), the answers run in reading order (right to
    left in Arabic and Urdu), and no box crosses the page's margins."""
    measured = {}
    for path, pack in form_packs:
        if pack.kind != kind:
            continue
        labels = _labels(corpus, pack)
        rtl = pack.lang in ("ar", "ur")
        with pikepdf.open(path) as pdf:
            fields = [f for f in pdf_forms.fields(pdf) if f["type"] == "radio"]
            width = float(pdf.pages[0].MediaBox[2])
        assert fields
        worst = 0.0
        for f in fields[:3]:  # the first three questions: each on the page it is drawn on
            widgets = f["widgets"]
            page = widgets[0]["page"]
            assert all(w["page"] == page for w in widgets), (pack.path, f["name"], "split over pages")
            lines = _text_lines(path, page)
            centres = [(w["rect"][0] + w["rect"][2]) / 2 for w in widgets]
            for w in widgets:
                x0, _, x1, _ = w["rect"]
                assert x0 >= 15 * MM and x1 <= width - 15 * MM, (pack.path, f["name"], w["rect"])
            scale = [c for c, code in zip(centres, f["codes"]) if int(code) < 90]
            steps = [b - a for a, b in zip(scale, scale[1:])]
            assert steps and all((s < 0) if rtl else (s > 0) for s in steps), (pack.path, f["name"], centres)
            column = abs(steps[0])
            for w, centre, code, label in zip(widgets, centres, f["codes"], labels):
                if int(code) >= 90:
                    continue  # "I don't know", "Does not apply": box before its words, checked below
                x0, y0, x1, y1 = w["rect"]
                near = [l for l in lines if _same_words(l[4], label) and abs((l[1] + l[3]) / 2 - (y0 + y1) / 2) < 25 * MM]
                assert near, (pack.path, f["name"], label, "no label near the box")
                best = min(near, key=lambda l: abs((l[0] + l[2]) / 2 - centre))
                off = abs((best[0] + best[2]) / 2 - centre)
                worst = max(worst, off)
                assert off < column / 4, (pack.path, f["name"], label, off, column)
        measured[pack.lang] = round(worst / MM, 1)
    assert {"en", "ar", "ur"} <= set(measured), measured
    print(f"{kind}: largest distance between a box's centre and its label's centre, mm: {measured}")


# ---- session-ready ---------------------------------------------------------------------------------------

def test_comment_boxes_have_at_least_six_lines(form_packs):
    for path, pack in form_packs:
        with pikepdf.open(path) as pdf:
            boxes = [f for f in pdf_forms.fields(pdf) if f["type"] == "text" and f["name"].endswith(("_comment", "_evidence", "_actions"))]
        assert boxes, pack.path
        for f in boxes:
            x0, y0, x1, y1 = f["widgets"][0]["rect"]
            assert abs(y1 - y0) >= 6 * 8 * MM - 1, (pack.path, f["name"], abs(y1 - y0) / MM)


def test_no_tool_pack_has_a_near_empty_page(packs_site, ur_packs_site, pdf_text):
    checked = 0
    for site in (packs_site, ur_packs_site):
        for pack in site[1]:
            if pack.kind not in pdf_rules.TOOL_KINDS:
                continue
            shares = pdf_rules.page_fill(*pdf_text.walked(site[0] / pack.path))
            low = [(n + 1, round(s, 2)) for n, s in enumerate(shares[:-1]) if s < pdf_rules.NEAR_EMPTY_SHARE]
            assert not low, (pack.path, low)
            checked += 1
    assert checked >= 15


def test_the_urdu_easy_read_survey_is_not_much_longer_than_the_english(packs_site, ur_packs_site):
    en = next(p for p in packs_site[1] if p.lang == "en" and p.kind == "survey-easy-read")
    ur = next(p for p in ur_packs_site[1] if p.kind == "survey-easy-read")
    assert ur.pages <= en.pages + 2, (ur.pages, en.pages)


def test_the_running_header_names_the_document(packs_site, pdf_text, corpus):
    """Not "Focus group guide | Focus group guide": the document's name, then the kind of tool."""
    for pack in packs_site[1]:
        if pack.lang != "en" or pack.kind not in ("survey", "interview", "focus-group", "workbook"):
            continue
        doc = corpus.document(pack.doc_id)
        chars = pdf_text.chars(packs_site[0] / pack.path)
        header = "".join(c.text for c in chars if c.artifact and c.page == 1)
        assert doc.label.replace(" ", "") in header.replace(" ", ""), (pack.path, header)
        tool = next(t for t in corpus.tools.values() if pack.path.endswith(f"/{t.id}-en.pdf"))
        assert header.replace(" ", "").count(tool.title.replace(" ", "")) <= 1, (pack.path, header)


def test_packs_say_who_to_give_the_answers_to_and_by_when(packs_site, pdf_text, corpus):
    tools = corpus.config.tools
    assert tools.return_to and tools.return_by
    for pack in packs_site[1]:
        if pack.lang != "en" or pack.kind not in FORM_KINDS:
            continue
        text = " ".join(pdf_text.body(packs_site[0] / pack.path).split())
        assert " ".join(tools.return_to.split())[:40] in text, pack.path
        assert "2027" in text and "March" in text, pack.path


def test_the_check_finds_fields_without_names_and_phantom_radio_fields(tmp_path):
    """check pdf's form rules fail a PDF made by WeasyPrint without charterkit's mending, and a survey pack
    without fields."""
    from weasyprint import HTML

    html = ('<html lang="en"><body><p><input type="radio" name="q1" value="1" title="Question 1">'
            '<input type="radio" name="q1" value="2" title="Question 1"></p><textarea name="q1_comment"></textarea>'
            '<input type="text"></body></html>')
    path = tmp_path / "raw.pdf"
    HTML(string=html).write_pdf(path, pdf_forms=True, pdf_variant="pdf/ua-1")
    with pikepdf.open(path) as pdf:
        found = pdf_forms.problems(pdf)
    assert any("phantom" in p for p in found), found
    assert any("no name" in p for p in found), found
    assert any("no accessible name" in p and "q1_comment" in p for p in found), found
    fixed = tmp_path / "fixed.pdf"
    fixed.write_bytes(pdf_forms.mend(path.read_bytes()))
    with pikepdf.open(fixed) as pdf:
        found = pdf_forms.problems(pdf)
        assert not any("phantom" in p or "answer codes" in p for p in found), found
        radio = next(f for f in pdf_forms.fields(pdf) if f["name"] == "q1")
        assert [w["state"] for w in radio["widgets"]] == ["1", "2"]
        # without the pack's HTML, the boxes have only their codes: found
        assert any("no words of their own" in p and "'q1'" in p for p in found), found
    # with it, each box gets the words of its <label for> (not a picture's alt text), and the group its question
    labelled = html.replace('<input type="radio" name="q1" value="1"', '<input type="radio" name="q1" id="a" value="1"'
                            ).replace('<input type="radio" name="q1" value="2"', '<label for="b"><img alt="a face" src="'
                                      'data:,"> Not <b>at all</b></label><input type="radio" name="q1" id="b" value="2"'
                                      ).replace("</p>", '<label for="a">Very much</label></p>')
    assert pdf_forms.option_words(labelled) == {("q1", "1"): "Very much", ("q1", "2"): "Not at all"}
    fixed.write_bytes(pdf_forms.mend(path.read_bytes(), labelled))
    with pikepdf.open(fixed) as pdf:
        found = pdf_forms.problems(pdf)
        assert not any("no words of their own" in p for p in found), found
        radio = next(f for f in pdf_forms.fields(pdf) if f["name"] == "q1")
    assert radio["tu"] == "Question 1"
    assert [(w["tu"], w["alt"]) for w in radio["widgets"]] == [("Very much",) * 2, ("Not at all",) * 2]
    # a survey pack without form fields is a problem
    folder = tmp_path / "en" / "packs"
    folder.mkdir(parents=True)
    plain = folder / "x-survey-en.pdf"
    HTML(string='<html lang="en"><body><p>No fields</p></body></html>').write_pdf(plain, pdf_variant="pdf/ua-1")
    (folder / "manifest.json").write_text('[{"path": "en/packs/x-survey-en.pdf", "kind": "survey"}]')
    with pikepdf.open(plain) as pdf:
        problems, _ = pdf_rules.check_forms(pdf, plain, "en")
    assert any("no form fields" in p for p in problems), problems


def test_the_near_empty_check_finds_a_lonely_page(tmp_path):
    from weasyprint import HTML

    html = ('<html lang="en"><body><p>' + "Words. " * 300 + '</p><p style="break-before: page">One line.</p>'
            '<p style="break-before: page">' + "More words. " * 200 + "</p></body></html>")
    path = tmp_path / "x.pdf"
    HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    with pikepdf.open(path) as pdf:
        shares = pdf_rules.page_fill(pdf)
    lonely = [n for n, s in enumerate(shares[:-1]) if s < pdf_rules.NEAR_EMPTY_SHARE]
    assert lonely == [1], shares


# ---- every answer row in one line, each label with its own face and box -----------------------------------

PT_TOLERANCE = 1.0  # boxes of one row share their top within 1 pt


def _ink(op) -> tuple[float, float, float, float] | None:
    """The box (x0, y0, x1, y1, in PDF points) a text or picture operator draws in, or None."""
    from generator.check.pdf_stream import SHOW, _Font, times

    if op.name in SHOW and op.codes:
        a, b, c, d, e, f = op.matrix
        last = _Font(op.text.font)
        width = (last.widths.get(op.codes[-1], last.default) / 1000 * op.text.size) * op.text.scale
        xs = [a * x + e for x in (op.xs[0], op.xs[-1] + width)]
        height = abs(d) * op.text.size
        return min(xs), f - 0.25 * height, max(xs), f + 0.8 * height
    if op.name == "Do" and op.xobject is not None:
        if op.xobject.get("/Subtype") == "/Image":
            a, b, c, d, e, f = op.ctm
            box = (0.0, 0.0, 1.0, 1.0)
        else:
            matrix = tuple(float(x) for x in op.xobject.get("/Matrix", (1, 0, 0, 1, 0, 0)))
            a, b, c, d, e, f = times(matrix, op.ctm)
            box = tuple(float(v) for v in op.xobject.get("/BBox", (0, 0, 0, 0)))
        xs = (a * box[0] + e, a * box[2] + e)
        ys = (d * box[1] + f, d * box[3] + f)
        return min(xs), min(ys), max(xs), max(ys)
    return None


def _union(boxes):
    """The box around boxes (each x0, y0, x1, y1 in any order of corners: a widget's /Rect may name its top first)."""
    boxes = [(min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])) for b in boxes]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _answer_rows(pdf, pages) -> list[dict]:
    """Every row of answer boxes in a pack: the radio buttons of one list (one <ul> of answers, a /L structure
    element), each with what its list item draws. [{"field", "page", "items": [{"code", "box", "face", "label",
    "pages"}]}]: box is the button's rectangle, face the picture's ink and label the words' ink (x0, y0, x1, y1
    in PDF points, y upwards; None when the item has none), pages the pages its words and pictures are on. Found
    through the structure tree (each button's Form element, its list item, the marked content under it), so the
    words are found in any language and script, without reading them."""
    import pikepdf

    from generator.print.pdf_structure import struct_elements

    page_of = {p.objgen: n for n, p in enumerate(pdf.pages)}
    ink: dict[tuple[int, int], list] = {}  # (page, MCID) -> [(kind, box)]
    for n, ops in enumerate(pages):
        for op in ops:
            box = _ink(op) if op.mcid is not None and not op.artifact and not op.depth else None
            if box is not None:
                ink.setdefault((n, op.mcid), []).append(("face" if op.name == "Do" else "label", box))

    def marked(element, page=None):
        """(page, MCID) of the marked content under a structure element, in order."""
        page = page_of.get(element.Pg.objgen) if "/Pg" in element else page
        kids = element.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, int):
                yield page, int(kid)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                yield (page_of.get(kid.Pg.objgen) if "/Pg" in kid else page), int(kid.MCID)
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield from marked(kid, page)

    rows: dict[tuple, dict] = {}
    for element, parent in struct_elements(pdf):
        if element.get("/S") != "/Form":
            continue
        kids = element.get("/K")
        objrs = [k for k in (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
                 if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        widget = objrs[0].Obj if objrs else None
        field = widget.get("/Parent") if widget is not None else None
        if field is None or str(field.get("/FT")) != "/Btn":
            continue
        item = element
        while item is not None and item.get("/S") != "/LI":
            item = item.get("/P")
        assert item is not None, ("a tick box outside a list of answers", str(field.T))
        row = item.get("/P")
        while row is not None and row.get("/S") != "/L":
            row = row.get("/P")
        drawn = [(kind, box, page) for page, mcid in marked(item) for kind, box in ink.get((page, mcid), [])]
        faces = [box for kind, box, _ in drawn if kind == "face"]
        labels = [box for kind, box, _ in drawn if kind == "label"]
        code = next(str(k)[1:] for k in widget.AP.N.keys() if k != "/Off")
        key = (str(field.T), row.objgen if row is not None else item.objgen)
        rows.setdefault(key, {"field": str(field.T), "page": page_of.get(widget.P.objgen), "items": []})
        rows[key]["items"].append({
            "code": code, "box": _union([[float(v) for v in widget.Rect]] * 2), "page": page_of.get(widget.P.objgen),
            "face": _union(faces) if faces else None, "label": _union(labels) if labels else None,
            "pages": {page for _, _, page in drawn}})
    return list(rows.values())


def _row_faults(row: dict, rtl: bool) -> list[str]:
    """What is wrong with one row of answers, as a person ticking along it would see it."""
    faults = []
    items = row["items"]
    name = row["field"]
    if len(items) < 2:
        return faults
    if len({i["page"] for i in items}) > 1:
        return [f"{name}: the row of boxes is split over two pages"]
    for i in items:
        if i["label"] is None:
            faults.append(f"{name} {i['code']}: a box without words")
        elif i["pages"] != {i["page"]}:
            faults.append(f"{name} {i['code']}: the box is on page {i['page'] + 1}, its words on another")
    if faults:
        return faults
    tops = [i["box"][3] for i in items]
    if max(tops) - min(tops) > PT_TOLERANCE:
        faults.append(f"{name}: the boxes are not in one line (their tops {min(tops):.1f} to {max(tops):.1f} pt)")
    centres = [(i["box"][0] + i["box"][2]) / 2 for i in items]
    steps = [b - a for a, b in zip(centres, centres[1:])]
    if not all((s < 0) if rtl else (s > 0) for s in steps):
        faults.append(f"{name}: the boxes do not run {'right to left' if rtl else 'left to right'}: {centres}")
    column = min(abs(s) for s in steps)
    box_top = max(tops)
    for i, centre in zip(items, centres):
        x0, y0, x1, y1 = i["box"]
        lx0, ly0, lx1, ly1 = i["label"]
        where = f"{name} {i['code']}"
        if ly0 < y1 and ly1 > y0:  # a box before its words ("I don't know"): the words beside it, at its end side
            gap = lx0 - x1 if not rtl else x0 - lx1
            if gap < -PT_TOLERANCE:
                faults.append(f"{where}: the words run under or over their box (they wrap back under it)")
            elif gap > 8 * MM:
                faults.append(f"{where}: the words are {gap / MM:.0f} mm from their box")
            continue
        label_centre = (lx0 + lx1) / 2
        if abs(label_centre - centre) > column / 4:
            faults.append(f"{where}: the words are {abs(label_centre - centre) / MM:.0f} mm to the side of the box")
        if i["face"] is not None:
            fx0, fy0, fx1, fy1 = i["face"]
            if abs((fx0 + fx1) / 2 - centre) > column / 4:
                faults.append(f"{where}: the box is {abs((fx0 + fx1) / 2 - centre) / MM:.0f} mm to the side of its face")
            if ly1 > fy0 + PT_TOLERANCE or y1 > fy0 + PT_TOLERANCE:
                faults.append(f"{where}: the words or the box are not under the face")
        # the words under their box, or the box under its words: then the row of boxes under all the words of the row
        if ly1 <= y0 + PT_TOLERANCE:
            continue
        if ly0 < box_top - PT_TOLERANCE:
            faults.append(f"{where}: the words reach {(box_top - ly0) / MM:.1f} mm below the top of the row's boxes")
    return faults


@pytest.mark.parametrize("kind", FORM_KINDS)
def test_every_answer_row_is_in_one_line_with_each_box_under_its_own_words(form_packs, pdf_text, kind):
    """A printed scale must look like a scale: in every survey, easy-read survey and workbook, in every language,
    the boxes of one answer row share their top (within 1 pt), each box sits in its own answer's column (under its
    face and words, or with the words under it), no row is split over pages, and the row runs right to left in
    Arabic and Urdu. (Rows are found through the structure tree: the buttons of one list of answers.)"""
    checked: dict[str, int] = {}
    faults = []
    for path, pack in form_packs:
        if pack.kind != kind:
            continue
        pdf, pages = pdf_text.walked(path)
        rows = _answer_rows(pdf, pages)
        assert rows, pack.path
        assert sum(len(r["items"]) for r in rows) == sum(len(f["widgets"]) for f in pdf_forms.fields(pdf)
                                                         if f["type"] == "radio"), pack.path
        for row in rows:
            faults += [f"{pack.path}: page {row['page'] + 1}: {f}" for f in _row_faults(row, pack.lang in ("ar", "ur"))]
        checked[pack.lang] = len(rows)
    assert set(checked) == {"en", "pl", "gd", "ar", "ur"}, checked
    assert not faults, f"{len(faults)} faults:\n" + "\n".join(faults[:40])
    print(f"{kind}: answer rows checked per language: {checked}")


# ---- each tick box's own words for screen readers ---------------------------------------------------------

@pytest.fixture(scope="session")
def option_labels(corpus):
    """{form file stem: {(question ID, answer code): {language: the answer's words}}}, from the codebook rows."""
    out = {}
    languages = list(corpus.config.languages)
    for forms in forms_by_language(corpus, languages).values():
        for _tool, by_lang in forms:
            table = codebook.rows(by_lang, languages)
            words = out.setdefault(by_lang["en"].file_stem, {})
            for r in table[1:]:
                if r[1] == "choice":
                    words[(r[0], r[2])] = {l.code: t for l, t in zip(languages, r[len(codebook.HEADER):])}
    return out


def test_every_tick_box_carries_its_answers_words(form_packs, option_labels, corpus):
    """Screen readers read each tick box by its answer's words in the pack's language, not by its code: in every
    survey, easy-read survey and workbook of every language, every radio button's widget (/TU, what pdf.js reads)
    and its /Form structure element (/Alt, PDF/UA-1 7.18.1) carry the words of that answer, the same words as
    the codebook's and the label printed beside the box (in the surveys, the scale's words, which
    test_each_box_sits_with_its_own_label_in_reading_order_inside_the_margins finds printed in each box's own
    column), while the group keeps the question and the codes stay the exported values."""
    checked: dict[str, int] = {}
    for path, pack in form_packs:
        labels = option_labels[_stem(pack)]
        with pikepdf.open(path) as pdf:
            radios = [f for f in pdf_forms.fields(pdf) if f["type"] == "radio"]
        assert radios, pack.path
        for f in radios:
            assert f["tu"].strip() and f["tu"] != f["name"], (pack.path, f["name"])  # the question stays
            for w in f["widgets"]:
                expected = " ".join(labels[(f["name"], w["state"])][pack.lang].split())
                assert expected and expected != w["state"], (pack.path, f["name"], w["state"])
                assert w["tu"] == expected, (pack.path, f["name"], w["state"], w["tu"], expected)
                assert w["alt"] == expected, (pack.path, f["name"], w["state"], w["alt"], expected)
                assert bool(RTL.search(w["alt"])) == (pack.lang in ("ar", "ur")), (pack.path, w["alt"])
                checked[pack.lang] = checked.get(pack.lang, 0) + 1
            if pack.kind in ("survey", "survey-easy-read"):  # the words printed beside each box, in code order
                assert [w["alt"] for w in f["widgets"]] == [" ".join(l.split()) for l in _labels(corpus, pack)], \
                    (pack.path, f["name"])
    assert set(checked) == {"en", "pl", "gd", "ar", "ur"}, checked
    print(f"tick boxes with their answer's words, per language: {checked}")

