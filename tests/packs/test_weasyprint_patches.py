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
        "(margin_boxes_as_artifacts, structure_language). Run tests/packs/"
        "test_weasyprint_patches.py, fix what fails, then change WEASYPRINT and PYDYF there.")


def test_install_twice_wraps_once():
    from weasyprint import draw
    from weasyprint.pdf import stream, tags

    patches.install()
    wrapped = (draw.draw_stacking_context, stream.Stream.marked, tags._build_box_tree)
    patches.install()
    assert (draw.draw_stacking_context, stream.Stream.marked, tags._build_box_tree) == wrapped
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
