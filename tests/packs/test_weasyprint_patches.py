"""Each change charterkit makes to WeasyPrint (generator/print/weasyprint_engine/patches.py) still has its effect,
on a small document rendered here, and the installed WeasyPrint and pydyf are the versions the patches were
written for. After upgrading either: run these tests; if one fails, read the patch's notes in patches.py."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from generator.check.pdf import printed_text, tagged_text
from generator.print.weasyprint_engine import patches
from generator.print.pdf_engine import RenderJob, render

ROOT = Path(__file__).resolve().parents[2]


def test_weasyprint_and_pydyf_are_the_versions_the_patches_were_written_for():
    import pydyf
    import weasyprint

    assert (weasyprint.__version__, pydyf.__version__) == (patches.WEASYPRINT, patches.PYDYF), (
        "WeasyPrint or pydyf changed: generator/print/weasyprint_engine/patches.py wraps their internals "
        "(margin_boxes_as_artifacts, structure_language, svg_pictures_once). Run tests/packs/"
        "test_weasyprint_patches.py, fix what fails, then change WEASYPRINT and PYDYF there.")


def test_install_twice_wraps_once():
    from weasyprint import draw, images
    from weasyprint.pdf import stream, tags

    patches.install()
    wrapped = (draw.draw_stacking_context, stream.Stream.marked, tags._build_box_tree, images.SVGImage.draw)
    patches.install()
    assert (draw.draw_stacking_context, stream.Stream.marked, tags._build_box_tree, images.SVGImage.draw) == wrapped
    assert all(getattr(f, patches.MARK, None) for f in wrapped)


def _render(tmp_path: Path, body: str, lang: str, css: str = "") -> Path:
    out = tmp_path / "snippet.pdf"
    html = f'<!doctype html><html lang="{lang}"><head><title>Snippet</title></head><body>{body}</body></html>'
    render(RenderJob("snippet", html, css, ROOT.as_uri() + "/", str(out)))
    assert out.stat().st_size > 0
    return out


def _structure(path: Path) -> list[pikepdf.Dictionary]:
    found = []
    with pikepdf.open(path) as pdf:
        def walk(node):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    found.append({"S": str(node.S), "Lang": str(node.get("/Lang", "")),
                                  "ActualText": str(node.get("/ActualText", "")) if "/ActualText" in node else None})
                if "/K" in node:
                    walk(node.K)
        walk(pdf.Root.StructTreeRoot.K)
    assert found, "the PDF has no structure elements"
    return found


def test_lang_attributes_reach_the_structure_tree(tmp_path):
    pdf = _render(tmp_path, '<p>Polski tekst <span lang="en">English words</span> dalej.</p>', "pl")
    langs = [e["Lang"] for e in _structure(pdf)]
    assert "en" in langs, langs


def test_page_margins_are_artifacts_outside_the_structure(tmp_path):
    css = '@page { @bottom-center { content: "Folio " counter(page) } }'
    pdf = _render(tmp_path, "<p>The words of the page.</p>", "en", css)
    assert "Folio 1" in printed_text(pdf)  # printed on the page
    tagged = " ".join(text for _, _, text in tagged_text(pdf))
    assert "words of the page" in tagged and "Folio" not in tagged  # but not read out
    with pikepdf.open(pdf) as doc:
        content = b"".join(pikepdf.Page(p).get_contents_bytes() if hasattr(pikepdf.Page(p), "get_contents_bytes")
                           else p.Contents.read_bytes() for p in doc.pages)
    assert b"/Artifact" in content


def test_no_structure_element_gets_an_empty_actual_text(tmp_path):
    """The third patch that once gave /ActualText from the HTML gave "" to the list item of a list item's
    text, hiding it from screen readers (issue #18). The right-to-left text layer now comes after rendering
    (generator/print/pdf_textlayer.py); nothing here may write an empty /ActualText."""
    pdf = _render(tmp_path, "<ul><li><p>نص عربي</p></li><li>نص آخر</li></ul>", "ar")
    elements = _structure(pdf)
    assert any(e["S"] == "/LI" for e in elements)
    assert [e for e in elements if e["ActualText"] == ""] == []


HEART = '<p><img src="theme/pictures/mulberry/heart-shape.svg" alt="A heart" style="width: 3cm"></p>'
PRESENT = '<p><img src="theme/pictures/mulberry/present.svg" alt="A present" style="width: 4cm"></p>'
PICTURES = HEART * 2 + '<p style="break-before: page">Page two</p>' + HEART + PRESENT


def _ops(instructions) -> list[tuple]:
    """Instructions as (operator, operands), numbers as numbers ("0." and "0" are the same)."""
    def value(v):
        return float(v) if isinstance(v, (int, float)) or type(v).__name__ == "Decimal" else str(v)
    return [(str(op), tuple(value(v) for v in operands)) for operands, op in instructions]


def _figures(path: Path) -> list[tuple[int, list]]:
    """(page number, the instructions drawn inside it, as _ops gives them) for every /Figure marked-content
    sequence."""
    out = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            inside, depth = None, 0
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "BDC" and str(operands[0]) == "/Figure" and inside is None:
                    inside, depth = [], 1
                    continue
                if inside is not None:
                    depth += op in ("BDC", "BMC")
                    depth -= op == "EMC"
                    if depth == 0:
                        out.append((number, _ops(inside)))  # (read before the file is closed)
                        inside = None
                    else:
                        inside.append((operands, operator))
    return out


PATH_OPS = ("m", "l", "c", "v", "y", "re")


def _same_drawing(stored: list[tuple], inline: list[tuple], points_per_unit: float) -> bool:
    """Whether two drawings are the same instructions, each path coordinate at most half of the rounding step
    apart on paper (patches.round_paths), everything else equal."""
    if [op for op, _ in stored] != [op for op, _ in inline]:
        return False
    for (op, a), (_, b) in zip(stored, inline):
        if op in PATH_OPS:
            if len(a) != len(b) or any(abs(x - y) * points_per_unit > patches.PATH_STEP_POINTS / 2 + 1e-6
                                       for x, y in zip(a, b)):
                return False
        elif a != b:
            return False
    return True


def test_an_svg_picture_is_stored_once_and_painted_where_it_was_drawn(tmp_path, monkeypatch):
    """Patch 3: the same picture shown three times on two pages is one form XObject, painted three times, each
    inside its /Figure with its alt text, where the picture was drawn inline; the form holds the drawing
    WeasyPrint drew inline, with its path coordinates rounded to at most 0.05 pt away (and fewer bytes)."""
    from weasyprint import images

    patches.install()
    pdf = _render(tmp_path, PICTURES, "en")
    figures = _figures(pdf)
    assert [n for n, _ in figures] == [0, 0, 1, 1]
    painted = [[operands[0] for op, operands in body if op == "Do"] for _, body in figures]
    assert all(len(names) == 1 for names in painted), painted  # one Do in each figure, and no paths
    assert not [op for _, body in figures for op, _ in body if op in ("m", "l", "c", "re", "f", "S")]
    heart = {painted[0][0], painted[1][0], painted[2][0]}
    assert len(heart) == 1 and painted[3][0] not in heart  # the heart stored once, the present apart
    with pikepdf.open(pdf) as doc:
        forms = [o for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"]
        assert len(forms) == 2, len(forms)
        heart_form = doc.pages[1].Resources.XObject[painted[2][0]]
        assert [float(v) for v in heart_form.BBox] == pytest.approx([0, 0, 3 * 96 / 2.54, 3 * 96 / 2.54], abs=0.01)
        assert "/Group" not in heart_form  # a plain form: painted as the inline drawing was
        stored = _ops(pikepdf.parse_content_stream(heart_form))
        alts = []

        def walk(node):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
                if "/K" in node:
                    walk(node.K)
        walk(doc.Root.StructTreeRoot.K)
    assert alts == ["A heart", "A heart", "A heart", "A present"]

    # WeasyPrint's own drawing, inline at each use: the form holds the same instructions
    monkeypatch.setattr(images.SVGImage, "draw", images.SVGImage.draw.__wrapped__)
    monkeypatch.setattr(patches, "svg_pictures_once", lambda: None)  # (render() installs the patches)
    inline_dir = tmp_path / "inline"
    inline_dir.mkdir()
    inline = _render(inline_dir, PICTURES, "en")
    drawn = _figures(inline)
    assert len(drawn) == 4
    # each use is painted where WeasyPrint drew the picture: the same move to its place, first in the figure
    places = [next(operands for op, operands in body if op == "cm") for _, body in figures]
    assert places == [next(operands for op, operands in body if op == "cm") for _, body in drawn]
    first = drawn[0][1]
    # the form's own scale (picture units to CSS pixels), then 0.75 pt a pixel: points on paper per unit
    scale = next(operands[0] for op, operands in stored if op == "cm" and operands[0] != 1)
    assert len(stored) > 50 and any(_same_drawing(stored, first[i:i + len(stored)], scale * 0.75)
                                    for i in range(len(first))), "the stored heart is not WeasyPrint's drawing"
    assert stored not in (first[i:i + len(stored)] for i in range(len(first))), "no coordinate was rounded"
    numbers = [v for op, operands in stored if op in PATH_OPS for v in operands]
    assert len(numbers) > 100 and all(abs(v * 10 - round(v * 10)) < 1e-6 for v in numbers), (
        "a path coordinate of the stored heart has more than one decimal")


def test_rounded_pictures_print_as_the_inline_drawing(tmp_path, monkeypatch):
    """The pictures with their coordinates rounded (patches.round_paths) print as WeasyPrint's own drawing:
    both PDFs rasterised at 150 dpi (poppler's pdftoppm), at most 1 pixel in 1,000 of each picture differs by
    more than a quarter of black, and each page's drawn area is the same (a picture missing or moved fails)."""
    import shutil
    import subprocess

    from PIL import Image, ImageChops

    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: install Debian's poppler-utils (the packs' tests need it)")

    def pages(folder: Path) -> list:
        pdf = _render(folder, PICTURES, "en")
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "page")], check=True)
        found = sorted(folder.glob("page-*.png"))
        assert len(found) == 2, found
        return [Image.open(f).convert("L") for f in found]

    rounded = pages(tmp_path)
    monkeypatch.setattr(patches, "round_paths", lambda form, outer: None)
    (tmp_path / "exact").mkdir()
    exact = pages(tmp_path / "exact")
    for a, b in zip(rounded, exact):
        assert a.size == b.size
        inked = sum(a.point(lambda v: 255 if v < 250 else 0).histogram()[255:])
        assert inked > 20_000  # the pictures are there (a 3 cm picture is about 30,000 pixels at 150 dpi)
        far = sum(ImageChops.difference(a, b).histogram()[64:])
        assert far <= inked / 1000, f"{far} of {inked} pixels differ by more than a quarter of black"
        box = a.point(lambda v: 255 if v < 250 else 0).getbbox()
        assert box == b.point(lambda v: 255 if v < 250 else 0).getbbox()
