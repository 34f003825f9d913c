"""The size of every character a PDF draws (text_sizes), read from its content streams with the shared walk
(check/pdf_stream.py). Used by the basic PDF check (check/pdf.py) and the rules of issue 18 (check/pdf_rules.py:
easy-read text sizes), so that neither imports the other."""
from __future__ import annotations

from pathlib import Path

from .pdf_stream import Op, walk


def text_sizes(path: Path, artifacts: bool = False, pages: list[list[Op]] | None = None) -> list[float]:
    """The font size, in points, of every character drawn as content (not /Artifact, unless artifacts: page
    furniture such as running headers and page numbers too) that is not white space:
    the sizes check/pdf.py body_chars gives (a test checks they are the same), read from the content streams with pikepdf
    in a fraction of the time. The size is the Tf size scaled by the text and graphics matrices, as pdfminer
    measures it (the height of the character's box); the text of a glyph comes from its font's ToUnicode map.
    pages: the PDF's pages already walked (pdf_stream.walk, the PDF still open); without, the file is read."""
    if pages is None:
        import pikepdf

        with pikepdf.open(path) as pdf:
            return text_sizes(path, artifacts, walk(pdf))
    return sizes_of(pages, artifacts)


def sizes_of(pages: list[list[Op]], artifacts: bool = False) -> list[float]:
    """text_sizes of pages already walked."""
    import io

    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    maps: dict[tuple[int, int], FileUnicodeMap | None] = {}

    def unicode_map(font) -> FileUnicodeMap | None:
        """A font's code -> text map (its ToUnicode), read once."""
        key = font.objgen
        if key not in maps:
            found = None
            if "/ToUnicode" in font:
                found = FileUnicodeMap()
                CMapParser(found, io.BytesIO(font.ToUnicode.read_bytes())).run()
            maps[key] = found
        return maps[key]

    def text_of(found: FileUnicodeMap | None, code: int) -> str:
        try:
            return found.get_unichr(code) if found is not None else ""
        except KeyError:
            return ""

    sizes: list[float] = []
    for ops in pages:
        for op in ops:
            if not op.codes or (op.artifact and not artifacts):
                continue
            a, b, c, d, _, _ = op.matrix
            size = op.text.size
            height = abs(d) * size if b == 0 else (c * c + d * d) ** 0.5 * size
            found = unicode_map(op.text.font)
            sizes.extend(height for code in op.codes if text_of(found, code).strip())
    return sizes
