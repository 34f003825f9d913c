"""The size of every character a PDF draws, read from its content streams with pikepdf (text_sizes), and the
matrix maths it needs. Shared by the basic PDF check (check/pdf.py) and the rules of issue 18
(check/pdf_rules.py: easy-read text sizes, near-empty pages), so that neither imports the other."""
from __future__ import annotations

from pathlib import Path


def matrix_times(m, n):
    """The PDF matrix m x n (m applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def text_sizes(path: Path, artifacts: bool = False) -> list[float]:
    """The font size, in points, of every character drawn as content (not /Artifact, unless artifacts: page
    furniture such as running headers and page numbers too) that is not white space:
    the sizes check/pdf.py body_chars gives (a test checks they are the same), read from the content streams with pikepdf
    in a fraction of the time. The size is the Tf size scaled by the text and graphics matrices, as pdfminer
    measures it (the height of the character's box); the text of a glyph comes from its font's ToUnicode map."""
    import io

    import pikepdf
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    maps: dict[tuple[int, int], tuple[int, FileUnicodeMap | None]] = {}

    def font_map(font) -> tuple[int, FileUnicodeMap | None]:
        """(bytes a character code takes, the code -> text map) of a font."""
        key = font.objgen
        if key not in maps:
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            unicode_map = None
            if "/ToUnicode" in font:
                unicode_map = FileUnicodeMap()
                CMapParser(unicode_map, io.BytesIO(font.ToUnicode.read_bytes())).run()
            maps[key] = (width, unicode_map)
        return maps[key]

    def glyph_texts(font, data: bytes) -> list[str]:
        width, unicode_map = font_map(font)
        out = []
        for i in range(0, len(data) - width + 1, width):
            code = int.from_bytes(data[i:i + width], "big")
            try:
                out.append(unicode_map.get_unichr(code) if unicode_map is not None else "")
            except KeyError:
                out.append("")
        return out

    sizes: list[float] = []

    def run(instructions, resources, ctm, in_artifact: bool) -> None:
        fonts = resources.get("/Font", {}) if resources is not None else {}
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        stack: list[tuple] = []
        marks: list[bool] = []
        tm = (1, 0, 0, 1, 0, 0)
        font, size = None, 0.0
        for operands, operator in instructions:
            op = str(operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else ctm
            elif op == "cm":
                ctm = matrix_times(tuple(float(x) for x in operands), ctm)
            elif op in ("BMC", "BDC"):
                marks.append(in_artifact or (marks and marks[-1]) or str(operands[0]) == "/Artifact")
            elif op == "EMC":
                if marks:
                    marks.pop()
            elif op == "BT":
                tm = (1, 0, 0, 1, 0, 0)
            elif op == "Tm":
                tm = tuple(float(x) for x in operands)
            elif op == "Tf":
                font, size = fonts.get(str(operands[0])), float(operands[1])
            elif op in ("Tj", "TJ", "'", '"'):
                if font is None or (not artifacts and ((marks and marks[-1]) or in_artifact)):
                    continue
                shown = operands[-1]
                strings = [x for x in shown if isinstance(x, pikepdf.String)] if op == "TJ" else [shown]
                a, b, c, d, _, _ = matrix_times(tm, ctm)
                height = abs(d) * size if b == 0 else (c * c + d * d) ** 0.5 * size
                for string in strings:
                    sizes.extend(height for text in glyph_texts(font, bytes(string)) if text.strip())
            elif op == "Do":
                xobject = xobjects.get(str(operands[0]))
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    matrix = tuple(float(x) for x in xobject.get("/Matrix", (1, 0, 0, 1, 0, 0)))
                    run(pikepdf.parse_content_stream(xobject), xobject.get("/Resources", resources),
                        matrix_times(matrix, ctm), in_artifact or bool(marks and marks[-1]))

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            run(pikepdf.parse_content_stream(page), page.obj.get("/Resources"), (1, 0, 0, 1, 0, 0), False)
    return sizes
