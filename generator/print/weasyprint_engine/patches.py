"""Every change charterkit makes to WeasyPrint's own functions, in one place (issue #11).

WeasyPrint 70 writes tagged PDF/UA-1, but two things an accessible pack needs cannot be had through its
public API (document.write_pdf's finisher gets the finished PDF, whose structure elements no longer say which
HTML element they came from), and it stores an SVG picture again at every use. So four of its functions are
wrapped, once per process, by install():

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
3. svg_pictures_once (wraps images.SVGImage.draw): an SVG picture is drawn once per PDF, into a form XObject
   (a stored drawing), and painted with `Do` wherever it is used. WeasyPrint writes an SVG's paths into the
   page's content stream again at every use (a raster image, by contrast, is stored once per PDF), so an
   easy-read pack that shows the same Mulberry symbol or survey face on page after page carried the same
   drawing again and again: 58% of the packs' bytes were page drawing, most of it these pictures (issue #15,
   benchmarks/pack_bytes.py). One form per picture and size drawn, kept on the PDF's resource dictionary that
   the page streams share (so a form never leaves the PDF it belongs to). The form's box is the picture's own
   box (a browser clips an <img>'s SVG to it too) and it is a plain form, not a transparency group, so it
   paints exactly what the inline drawing painted; the `Do` is drawn where the drawing was, inside the
   picture's /Figure marked content, so the tagging is unchanged.
   Upstream: https://github.com/Kozea/WeasyPrint/issues/1978 (SVG image duplicated in the PDF at every use;
   open, nothing planned).
   While the form is drawn, its path coordinates are rounded (round_paths): WeasyPrint writes them with up to
   six decimals, of units that are a tenth of a point on paper; rounded to a step of at most 0.1 pt at the
   size printed, each point moves at most 0.05 pt (18 micrometres, less than a 1200 dpi printer's dot), and
   the pictures' stored drawings are 14% smaller (7.28 to 6.25 MB over the default packs; benchmarks/results.md).

They rely on WeasyPrint's internals (the functions above, Stream._tags and Stream.artifact(),
boxes.MarginBox, Stream._resources, Stream.add_group and its extra dictionary, Stream.ctm and the path
methods of pydyf's Stream), pinned in requirements.lock:
WEASYPRINT and PYDYF say which versions they were written for, and tests/packs/test_weasyprint_patches.py fails when the installed versions differ or when a patch no
longer has its effect on a small document (run it after any upgrade of WeasyPrint or pydyf).

State: the patches keep no module state. Whether they are installed is an attribute of the wrapping
functions; the "inside a margin box" flag is kept on WeasyPrint's stream of the page (Stream._ck_furniture);
the forms already drawn, on the PDF's resource dictionary (_ck_svg_forms), which lives as long as one PDF.
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

    from weasyprint import images

    for owner, name in ((draw, "draw_stacking_context"), (pdf_stream.Stream, "marked"), (tags, "_build_box_tree"),
                        (images.SVGImage, "draw"), (pdf_stream.Stream, "add_group"),
                        (pdf_stream.Stream, "draw_x_object")):
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


#: The attribute of a PDF's shared resource dictionary that holds its SVG forms: (picture, width, height,
#: size on paper) -> name.
FORMS = "_ck_svg_forms"

#: The finest step a picture's path coordinates are rounded to is at most this long on paper, in points
#: (0.1 pt is 0.035 mm; a rounded point moves at most half of that: 18 micrometres). See round_paths().
PATH_STEP_POINTS = 0.1


def stretch(matrix) -> float:
    """How long, at most, one unit becomes under a WeasyPrint Matrix (its largest singular value)."""
    import math

    (a, b, _), (c, d, _), _ = matrix
    half = (a * a + b * b + c * c + d * d) / 2
    return math.sqrt(half + math.sqrt(max(half * half - (a * d - b * c) ** 2, 0.0)))


def decimals(points_per_unit: float, step: float = PATH_STEP_POINTS) -> int:
    """How many decimals of a unit keep a rounding step of at most `step` points on paper: 1 for a Mulberry
    symbol (850 units printed 3.2 cm wide: 0.107 pt a unit), 2 for an OpenMoji (72 units 3 cm wide)."""
    import math

    if points_per_unit <= 0:
        return 6
    return max(-3, min(6, math.ceil(math.log10(points_per_unit / step) - 1e-9)))


def round_paths(form, outer: float) -> None:
    """Round the coordinates of every path drawn into `form` (a WeasyPrint stream) to `decimals()` places of
    the units they are drawn in, so that no point moves more than half of PATH_STEP_POINTS on paper.

    WeasyPrint writes an SVG picture's coordinates as it computes them, with up to six decimals (a Mulberry
    symbol's relative path data adds up to numbers like 639.129 or 676.252007), although 0.001 of a unit is
    0.04 micrometres on paper. PDF path operators take absolute coordinates, so rounding one never moves
    another. Only the path operators of this form are rounded (move, line, curve, rectangle): not colours,
    line widths, dashes or transformations, and not the groups, patterns or masks a picture may draw into a
    stream of its own. outer: points on paper per unit of the form (the page's pixels and any transformation
    the picture is drawn under)."""
    def places() -> int:
        return decimals(stretch(form.ctm) * outer)

    def rounding(method):
        def rounded(*values):
            k = places()
            method(*(round(v, k) for v in values))
        return rounded

    for name in ("move_to", "line_to", "curve_to", "curve_start_to", "curve_end_to"):
        setattr(form, name, rounding(getattr(form, name)))
    original_rectangle = form.rectangle

    def rectangle(x, y, width, height):
        k = places()  # the corners rounded, so that the far side moves no more than the near one
        x0, y0 = round(x, k), round(y, k)
        original_rectangle(x0, y0, round(round(x + width, k) - x0, k), round(round(y + height, k) - y0, k))
    form.rectangle = rectangle


def svg_pictures_once() -> None:
    """Patch 3 (see the module's docstring): each SVG picture drawn once per PDF, as a form XObject."""
    from weasyprint import images

    if getattr(images.SVGImage.draw, MARK, None) == "svg_pictures_once":
        return
    original = images.SVGImage.draw

    def draw(self, stream, concrete_width, concrete_height, style):
        resources = stream._resources  # the PDF's shared resources (or those of the group being drawn)
        forms = getattr(resources, FORMS, None)
        if forms is None:
            forms = {}
            setattr(resources, FORMS, forms)
        # the picture object itself (WeasyPrint makes one per file and document), at this size and scale;
        # points on paper per unit of the form: a page's stream is drawn in CSS pixels scaled to 0.75 pt each
        # (WeasyPrint's Document.paint), and its matrix holds any CSS transformation the picture is drawn under
        outer = stretch(stream.ctm)
        key = (self, concrete_width, concrete_height, f"{outer:.3g}")
        name = forms.get(key)
        if name is None:
            form = stream.add_group(0, 0, concrete_width, concrete_height)
            # a plain form, painted as the inline drawing was (a transparency group could blend differently)
            del form.extra["Group"]
            round_paths(form, outer)
            original(self, form, concrete_width, concrete_height, style)
            name = forms[key] = form.id
        stream.draw_x_object(name)

    draw.__wrapped__ = original  # (the test compares the two drawings)
    setattr(draw, MARK, "svg_pictures_once")
    images.SVGImage.draw = draw


def install() -> None:
    """Apply every patch, once per process (calling it again changes nothing)."""
    _check_shape()
    margin_boxes_as_artifacts()
    structure_language()
    svg_pictures_once()
