"""Every change charterkit makes to WeasyPrint's own functions, in one place (issue #11).

WeasyPrint 70 writes tagged PDF/UA-1, but two things an accessible pack needs cannot be had through its
public API (document.write_pdf's finisher gets the finished PDF, whose structure elements no longer say which
HTML element they came from). So three of its functions are wrapped, once per process, by install():

1. margin_boxes_as_artifacts (wraps draw.draw_stacking_context and pdf.stream.Stream.marked): the page
   margins (running header, "Page 3 of 14") are drawn inside an /Artifact sequence and left untagged.
   WeasyPrint marks their text as tagged content that it then leaves out of the structure tree ("artifacts
   there need PDF 2.0"); PDF/UA-1 wants them marked /Artifact in the page.
   Upstream: https://github.com/Kozea/WeasyPrint/issues/1836 (PDF/UA page header and footer; open).
2. structure_language (wraps pdf.tags._build_box_tree): WeasyPrint does not copy an element's lang
   attribute into the structure tree, so a passage marked lang="en" inside an Arabic pack would be read with
   the Arabic voice. Every structure element made from an element with a lang attribute gets that /Lang.
   Upstream: no issue for element-level /Lang; related: https://github.com/Kozea/WeasyPrint/pull/2471
   (Improve PDF/UA support; open). (Right-to-left text gets its /ActualText after rendering, from
   generator/print/pdf_textlayer.py: an earlier third patch here gave it from the HTML element and gave ""
   to later structure elements made from the same element, which hid list items from screen readers.)
   Margin boxes are left out of the tree (they are artifacts, see 1).

They rely on WeasyPrint's internals (the functions above, Stream._tags and Stream.artifact(),
boxes.MarginBox), pinned in requirements.lock: WEASYPRINT and PYDYF say which versions they were written
for, and tests/packs/test_weasyprint_patches.py fails when the installed versions differ or when a patch no
longer has its effect on a small document (run it after any upgrade of WeasyPrint or pydyf).

State: the patches keep no module state. Whether they are installed is an attribute of the wrapping
functions; the "inside a margin box" flag is kept on WeasyPrint's stream of the page (Stream._ck_furniture).
"""
from __future__ import annotations


#: The versions these patches were written for and tested with (requirements.lock).
WEASYPRINT = "70.0"
PYDYF = "0.13.0"

#: The attribute that marks a function as charterkit's wrapper (so install() never wraps twice).
MARK = "charterkit_patch"


def _check_shape() -> None:
    from weasyprint import draw
    from weasyprint.pdf import stream as pdf_stream
    from weasyprint.pdf import tags

    for owner, name in ((draw, "draw_stacking_context"), (pdf_stream.Stream, "marked"), (tags, "_build_box_tree")):
        if not callable(getattr(owner, name, None)):
            raise RuntimeError(f"WeasyPrint {__import__('weasyprint').__version__} has no {name}: charterkit's "
                               f"additions to tagged PDF (generator/print/weasyprint_engine/patches.py) were "
                               f"written for WeasyPrint {WEASYPRINT} (see requirements.lock).")


def margin_boxes_as_artifacts() -> None:
    """Patch 1 (see the module's docstring): margin boxes drawn inside /Artifact, untagged."""
    from contextlib import contextmanager

    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import stream as pdf_stream

    if getattr(draw.draw_stacking_context, MARK, None) != "margin_boxes_as_artifacts":
        original_draw = draw.draw_stacking_context

        def draw_stacking_context(stream, stacking_context):
            if isinstance(stacking_context.box, boxes.MarginBox) and getattr(stream, "_tags", None) is not None:
                with stream.artifact():
                    stream._ck_furniture = True
                    try:
                        original_draw(stream, stacking_context)
                    finally:
                        stream._ck_furniture = False
            else:
                original_draw(stream, stacking_context)

        setattr(draw_stacking_context, MARK, "margin_boxes_as_artifacts")
        draw.draw_stacking_context = draw_stacking_context

    if getattr(pdf_stream.Stream.marked, MARK, None) != "margin_boxes_as_artifacts":
        original_marked = pdf_stream.Stream.marked

        @contextmanager
        def marked(self, box, tag):
            if getattr(self, "_ck_furniture", False):
                yield  # inside the margin's /Artifact: not tagged
            else:
                with original_marked(self, box, tag):
                    yield

        setattr(marked, MARK, "margin_boxes_as_artifacts")
        pdf_stream.Stream.marked = marked


def structure_language() -> None:
    """Patch 2 (see the module's docstring): /Lang from lang attributes, margin boxes out of the structure
    tree."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, MARK, None) == "structure_language":
        return
    original = tags._build_box_tree

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, tag_map):
        if isinstance(box, boxes.MarginBox):
            return  # drawn as an artifact, nothing to put in the tree
        for element in original(box, parent, pdf, page_number, nums, annotations, tag_map):
            html_element = getattr(box, "element", None)
            tag = getattr(box, "element_tag", None)
            if html_element is not None and tag not in ("html", "body") and isinstance(tag, str):
                if html_element.get("lang") and "Lang" not in element:
                    element["Lang"] = pydyf.String(html_element.get("lang"))
            yield element

    setattr(build_box_tree, MARK, "structure_language")
    tags._build_box_tree = build_box_tree


def install() -> None:
    """Apply every patch, once per process (calling it again changes nothing)."""
    _check_shape()
    margin_boxes_as_artifacts()
    structure_language()
