"""One walk through a PDF page's content stream, shared by the checks that read what a page draws.

`walk_page(page)` reads a page's operators once (pikepdf), keeps the graphics state (q/Q, cm, the text state
of Tf, Tc, Tw, Tz, TL, Ts), the text matrices (BT, Tm, Td, TD, T*, and the advance of each shown string), and the
marked content (BMC, BDC, EMC: inside an /Artifact or not, the innermost MCID), and goes into the form XObjects a
page draws with Do. It gives back the operators the checks look at (`Op`): text shown (Tj, TJ, ', "), XObjects
drawn (Do) and marked content begun (BMC, BDC), each with the state it is drawn in, and for text the character
codes it shows with the x of each one's origin.

check/pdf_sizes.py (the size of every character), check/pdf_rules.py (how full each page is, the lines of
right-to-left text, empty /ActualText) read these; `walk(pdf)` walks every page of an open PDF once, so that one
check of a pack (pdf_rules.check) reads its content streams once. The Ops hold pikepdf objects (fonts,
XObjects): use them while the PDF is open.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)

#: The operators that show text.
SHOW = frozenset({"Tj", "TJ", "'", '"'})
#: The operators walk_page gives back.
GIVEN = SHOW | {"Do", "BMC", "BDC"}


def times(m, n) -> Matrix:
    """The PDF matrix m x n (m applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _matrix(values) -> Matrix:
    return tuple(float(x) for x in values)  # type: ignore[return-value]


@dataclass(frozen=True)
class TextState:
    """The text state (part of the graphics state: q saves it, Q brings it back)."""
    font: object | None = None  # the font dictionary Tf chose (None: none, or not in the resources)
    size: float = 0.0  # Tf's size
    char_space: float = 0.0  # Tc
    word_space: float = 0.0  # Tw
    scale: float = 1.0  # Tz / 100
    leading: float = 0.0  # TL
    rise: float = 0.0  # Ts


@dataclass(frozen=True)
class Op:
    """One operator, with the state it is drawn in.

    tm is the text matrix (for text: where its first character is drawn; tm x ctm gives the page's points);
    for text, codes are the character codes shown and xs the x of each one's origin, in text space from tm
    (the widths, TJ's adjustments, Tc, Tw and Tz applied). artifact: inside /Artifact marked content (here, or
    around the Do that drew this form XObject); mcid: the innermost marked-content id (None: none); depth: 0
    on the page, 1 or more inside form XObjects; xobject: what Do draws (None for anything else, or a name the
    resources do not have)."""
    name: str
    operands: tuple
    ctm: Matrix
    tm: Matrix
    text: TextState
    artifact: bool
    mcid: int | None
    depth: int
    resources: object | None
    xobject: object | None = None
    codes: tuple[int, ...] = ()
    xs: tuple[float, ...] = ()

    @property
    def matrix(self) -> Matrix:
        """The text matrix times the graphics matrix: text space to the page's points."""
        return times(self.tm, self.ctm)


class _Font:
    """What placing a font's codes needs: bytes per code, each code's width (in thousandths of the size)."""

    def __init__(self, font):
        import pikepdf

        if font.get("/Subtype") == "/Type0":
            from ..print.pdf_textlayer import cid_widths

            descendant = font.DescendantFonts[0]
            self.bytes = 2
            self.widths = cid_widths(descendant)
            self.default = float(descendant.get("/DW", 1000))
        else:
            self.bytes = 1
            first = int(font.get("/FirstChar", 0))
            widths = font.get("/Widths", pikepdf.Array())
            self.widths = {first + k: float(w) for k, w in enumerate(widths)}
            descriptor = font.get("/FontDescriptor")
            self.default = float(descriptor.get("/MissingWidth", 0)) if descriptor is not None else 0.0

    def codes(self, data: bytes) -> list[int]:
        n = self.bytes
        return [int.from_bytes(data[i:i + n], "big") for i in range(0, len(data) - n + 1, n)]


def _place(items, text: TextState, fonts: dict) -> tuple[tuple[int, ...], tuple[float, ...], float]:
    """(codes, the x of each one's origin, the x after the last) of a shown string or TJ array, in text space."""
    import pikepdf

    key = text.font.objgen
    if key not in fonts:
        fonts[key] = _Font(text.font)
    font = fonts[key]
    size, scale = text.size, text.scale
    codes: list[int] = []
    xs: list[float] = []
    x = 0.0
    for item in items:
        if not isinstance(item, pikepdf.String):
            x -= float(item) / 1000 * size * scale
            continue
        for code in font.codes(bytes(item)):
            codes.append(code)
            xs.append(x)
            space = text.word_space if font.bytes == 1 and code == 32 else 0.0
            x += (font.widths.get(code, font.default) / 1000 * size + text.char_space + space) * scale
    return tuple(codes), tuple(xs), x


def walk_page(page, given: frozenset[str] = GIVEN, fonts: dict | None = None) -> list[Op]:
    """The operators in `given` that a page (a pikepdf.Page) draws, in drawing order, with their state. fonts:
    the widths of the fonts already read, shared by the pages of one PDF."""
    ops: list[Op] = []
    fonts = {} if fonts is None else fonts
    _run(page, page.obj.get("/Resources"), IDENTITY, TextState(), False, None, 0, given, fonts, ops)
    return ops


def walk(pdf, given: frozenset[str] = GIVEN) -> list[list[Op]]:
    """walk_page for every page of an open pikepdf.Pdf."""
    fonts: dict = {}
    return [walk_page(page, given, fonts) for page in pdf.pages]


def _run(owner, resources, ctm: Matrix, text: TextState, in_artifact: bool, in_mcid: int | None, depth: int,
         given: frozenset[str], fonts: dict, out: list[Op]) -> None:
    import pikepdf

    font_res = resources.get("/Font", {}) if resources is not None else {}
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    stack: list[tuple[Matrix, TextState]] = []
    marks: list[tuple[bool, int | None]] = []  # (inside an artifact, innermost MCID) of each open BMC/BDC
    tm: Matrix = IDENTITY
    line: Matrix = IDENTITY  # the text line matrix (Td, TD, T*, Tm)

    for operands, operator in pikepdf.parse_content_stream(owner):
        name = str(operator)
        artifact, mcid = marks[-1] if marks else (in_artifact, in_mcid)
        if name == "q":
            stack.append((ctm, text))
        elif name == "Q":
            if stack:
                ctm, text = stack.pop()
        elif name == "cm":
            ctm = times(_matrix(operands), ctm)
        elif name in ("BMC", "BDC"):
            props = operands[1] if len(operands) > 1 else None
            own = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            marks.append((artifact or str(operands[0]) == "/Artifact", own if own is not None else mcid))
        elif name == "EMC":
            if marks:
                marks.pop()
        elif name == "BT":
            tm = line = IDENTITY
        elif name == "Tm":
            tm = line = _matrix(operands)
        elif name in ("Td", "TD"):
            if name == "TD":
                text = replace(text, leading=-float(operands[1]))
            tm = line = times((1, 0, 0, 1, float(operands[0]), float(operands[1])), line)
        elif name == "T*":
            tm = line = times((1, 0, 0, 1, 0, -text.leading), line)
        elif name == "Tf":
            text = replace(text, font=font_res.get(str(operands[0])), size=float(operands[1]))
        elif name == "Tc":
            text = replace(text, char_space=float(operands[0]))
        elif name == "Tw":
            text = replace(text, word_space=float(operands[0]))
        elif name == "Tz":
            text = replace(text, scale=float(operands[0]) / 100)
        elif name == "TL":
            text = replace(text, leading=float(operands[0]))
        elif name == "Ts":
            if float(operands[0]) != text.rise:  # (WeasyPrint sets it before almost every string)
                text = replace(text, rise=float(operands[0]))

        if name in SHOW:
            if name in ("'", '"'):
                if name == '"':
                    text = replace(text, word_space=float(operands[0]), char_space=float(operands[1]))
                tm = line = times((1, 0, 0, 1, 0, -text.leading), line)
            codes: tuple[int, ...] = ()
            xs: tuple[float, ...] = ()
            end = 0.0
            if text.font is not None:
                items = operands[0] if name == "TJ" else [operands[-1]]
                codes, xs, end = _place(items, text, fonts)
            if name in given:
                out.append(Op(name, tuple(operands), ctm, tm, text, artifact, mcid, depth, resources,
                              codes=codes, xs=xs))
            if end:
                tm = times((1, 0, 0, 1, end, 0), tm)
        elif name == "Do":
            xobject = xobjects.get(str(operands[0]))
            if name in given:
                out.append(Op(name, tuple(operands), ctm, tm, text, artifact, mcid, depth, resources, xobject))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                matrix = _matrix(xobject.get("/Matrix", IDENTITY))
                _run(xobject, xobject.get("/Resources", resources), times(matrix, ctm), text, artifact, mcid,
                     depth + 1, given, fonts, out)
        elif name in given:
            out.append(Op(name, tuple(operands), ctm, tm, text, artifact, mcid, depth, resources))
