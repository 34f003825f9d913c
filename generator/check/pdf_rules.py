"""Rules `charterkit check pdf` applies to a pack beyond the basics in check/pdf.py (issue 18).

- The text layer of right-to-left packs: no empty /ActualText anywhere (it hides everything under it from
  a screen reader), and the words `pdftotext` (poppler) extracts match the pack's own logical text.
- Form fields: survey, easy-read survey and workbook packs have them, each with a name, an accessible name in
  the pack's language and a Form structure element (check_forms; print/pdf_forms.py mends what WeasyPrint
  gets wrong).
- Near-empty pages: no page but the last has content on less than a fifth of its height (check_near_empty), in
  the engagement tools' packs (the documents' packs are measured, not yet checked).
- Lines of right-to-left packs that run into the line above: the ink of each line (the glyphs' outlines, read
  from the embedded fonts) against the ink of the lines above it.
- Structure (PDF/UA-1 machine rules, as in veraPDF's PDF/UA-1 profile and the Matterhorn Protocol): list
  items only inside lists, and no list that holds nothing but another list; every table header cell with
  /Scope (or /Headers with an /IDTree); one Link element per link, with the link's visible words as the
  annotation's /Contents (not the anchor it points to); heading levels in order, starting at H1.

Each rule takes an open pikepdf.Pdf (and the file's path where it runs an outside tool) and returns a
list of problems in plain words; an empty list means the pack passes.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

from ..print.pdf_structure import struct_elements  # (the print side's reader of the structure tree)
from .pdf_stream import SHOW, Op, times, walk, walk_page  # (each page's content stream, read once)

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# pdftotext wraps right-to-left runs in bidi controls; they are not text
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PUNCT = "«»“”\"'()[]{}.,;:!?،؛؟۔…-–—*•·/|"
# The share of a right-to-left pack's words that must come out of pdftotext letter for letter (issue 18). Every
# Arabic and Urdu pack of the default project reaches 97% or more (docs/rtl-text-layer.md, "Figures").
WORDS_INTACT_MINIMUM = 0.95


# ---- /ActualText ------------------------------------------------------------------------------------

def empty_actual_text(pdf, pages: list[list[Op]] | None = None) -> int:
    """How many /ActualText are empty, on structure elements or in the pages' marked content. pages: the pages
    already walked (pdf_stream.walk)."""
    import pikepdf

    count = sum(1 for element, _ in struct_elements(pdf)
                if "/ActualText" in element and not str(element.ActualText).strip())
    for ops in walk(pdf) if pages is None else pages:
        for op in ops:
            if op.name == "BDC" and len(op.operands) == 2 and isinstance(op.operands[1], pikepdf.Dictionary):
                if "/ActualText" in op.operands[1] and not str(op.operands[1].ActualText).strip():
                    count += 1
    return count


def check_actual_text(pdf, pages: list[list[Op]] | None = None) -> list[str]:
    n = empty_actual_text(pdf, pages)
    return [f"{n} empty /ActualText: a screen reader reads nothing for the text under each"] if n else []


# ---- words intact in pdftotext ----------------------------------------------------------------------

def norm(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip(PUNCT))


def rtl_words(text: str) -> list[str]:
    """The words of text that hold right-to-left letters, without punctuation at their edges."""
    return [w for w in (norm(t) for t in BIDI_CONTROLS.sub(" ", text).split()) if w and RTL.search(w)]


def pdftotext(path: Path) -> str | None:
    """The text poppler extracts (what copy, search and many viewers get), or None without pdftotext."""
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def words_intact(source: list[str], extracted: str) -> tuple[float, int, list[str]]:
    """(share of source's right-to-left words found letter for letter in extracted, how many words, some
    that were not found)."""
    src = [w for w in (norm(w) for w in source) if w and RTL.search(w)]
    have = Counter(rtl_words(extracted))
    missing: list[str] = []
    found = 0
    for word, n in Counter(src).items():
        found += min(n, have[word])
        if have[word] < n and len(missing) < 8:
            missing.append(word)
    return (found / len(src) if src else 1.0), len(src), missing


def logical_text(pdf) -> str:
    """The pack's logical right-to-left text: the /ActualText of its structure elements (written from the
    layout by print/pdf_textlayer.py, in logical order)."""
    return " ".join(str(e.ActualText) for e, _ in struct_elements(pdf) if "/ActualText" in e)


def check_rtl_words(pdf, path: Path, source: list[str] | None = None) -> tuple[list[str], list[str], float | None]:
    """(problems, warnings, share intact) for a pack with right-to-left text. source: the words it was made
    from (default: its own logical text, see logical_text)."""
    words = source if source is not None else rtl_words(logical_text(pdf))
    if not words:
        return [], [], None
    extracted = pdftotext(path)
    if extracted is None:
        return [], ["pdftotext is not installed, so right-to-left words could not be checked "
                    "(on Debian or Ubuntu: apt-get install poppler-utils)"], None
    share, total, missing = words_intact(words, extracted)
    message = (f"only {share:.1%} of its {total} right-to-left words come out whole when the text is copied or "
               f"extracted (pdftotext), for example: {' '.join(missing[:5])}")
    if share < WORDS_INTACT_MINIMUM:
        return [f"{message}; at least {WORDS_INTACT_MINIMUM:.0%} needed"], [], share
    return [], [], share


# ---- structure ------------------------------------------------------------------------------------------

def _kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(obj) -> list:
    import pikepdf

    return [k for k in _kids(obj) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def check_structure(pdf) -> list[str]:
    """Lists, table headers, links and headings, as PDF/UA-1 asks (see the module's docstring)."""
    import pikepdf

    problems: list[str] = []
    counts: dict[str, int] = {}
    examples: dict[str, str] = {}

    def found(rule: str, example: str) -> None:
        counts[rule] = counts.get(rule, 0) + 1
        examples.setdefault(rule, example)

    headings: list[int] = []
    root = pdf.Root.get("/StructTreeRoot")
    for element, parent in struct_elements(pdf):
        kind = str(element.get("/S"))
        parent_kind = str(parent.get("/S")) if parent is not None else ""
        if kind == "/LI" and parent_kind != "/L":
            found("a list item (LI) outside a list (L)", f"inside {parent_kind[1:] or 'the root'}")
        if kind == "/L":
            parts = _elements(element)
            if any(str(k.get("/S")) not in ("/LI", "/L", "/Caption") for k in parts):
                found("a list (L) holding something other than list items",
                      ", ".join(sorted({str(k.get("/S"))[1:] for k in parts})))
            if len(_kids(element)) == 1 and len(parts) == 1 and str(parts[0].get("/S")) == "/L":
                found("a list holding nothing but another list", "L > L")
        if kind == "/TH":
            attributes = element.get("/A")
            scope = attributes.get("/Scope") if isinstance(attributes, pikepdf.Dictionary) else None
            if scope is None and not (root is not None and "/IDTree" in root and "/ID" in element):
                found("a table header cell (TH) without /Scope", "TH")
        if kind == "/TD" or kind == "/TH":
            attributes = element.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes and (
                    root is None or "/IDTree" not in root):
                found("a table cell with /Headers but no /IDTree in the structure tree", "TD")
        if kind == "/Link":
            if parent_kind == "/Link":
                found("a Link element inside another Link element (one link tagged several times)", "Link > Link")
            annotations = [k.Obj for k in _kids(element)
                           if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            if not annotations:
                found("a Link element with no link annotation", "Link")
            for annotation in annotations:
                contents = str(annotation.get("/Contents", "")).strip()
                dest = annotation.get("/Dest")
                if not contents:
                    found("a link without /Contents (its words for assistive technology)", "Link")
                elif dest is not None and contents == str(dest):
                    found("a link whose /Contents is the anchor it points to, not its visible words", contents)
        if kind in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
            level = int(kind[2])
            if (not headings and level != 1) or (headings and level > headings[-1] + 1):
                found("a heading level skipped", f"H{headings[-1] if headings else 0} then H{level}")
            headings.append(level)
    for rule, n in counts.items():
        problems.append(f"{rule}: {n} (for example {examples[rule]})")
    return problems


# ---- the cover: a way back to the web -----------------------------------------------------------------

QR_MIN_MM = 20


def check_cover(pdf, lang: str) -> list[str]:
    """Page 1 has the QR code (a figure at least 2 cm square) and the address of the document's web page in
    the pack's language, as a link (theme/print/macros.html, web_link)."""
    import pikepdf

    if not len(pdf.pages):
        return ["no pages"]
    first = pdf.pages[0].objgen
    problems = []
    addresses = [str(a.A.URI) for a in pdf.pages[0].obj.get("/Annots", [])
                 if isinstance(a, pikepdf.Dictionary) and "/A" in a and "/URI" in a.A]
    if not any(f"/{lang}/" in uri for uri in addresses):
        problems.append(f"no address of the document's web page in this language (…/{lang}/…) on the cover")
    sizes = []
    for element, _ in struct_elements(pdf):
        if element.get("/S") == "/Figure" and "/Pg" in element and element.Pg.objgen == first:
            box = element.get("/A", {}).get("/BBox") if isinstance(element.get("/A"), pikepdf.Dictionary) else None
            if box is not None:
                # WeasyPrint 70 writes a figure's /BBox in CSS pixels (96 to the inch)
                width, height = (abs(float(box[2]) - float(box[0])) * 25.4 / 96,
                                 abs(float(box[3]) - float(box[1])) * 25.4 / 96)
                if abs(width - height) < 0.5:
                    sizes.append(min(width, height))
    if not sizes:
        problems.append("no QR code (a square figure) on the cover")
    elif max(sizes) < QR_MIN_MM:
        problems.append(f"the QR code on the cover is {max(sizes):.0f} mm wide; it should be at least {QR_MIN_MM} mm")
    return problems


# ---- easy read: big enough ------------------------------------------------------------------------------

EASY_READ_TEXT_PT = 14
EASY_READ_PICTURE_MM = 30


def _figure_sizes_mm(pdf) -> list[float]:
    """The smaller side, in mm, of every figure (from its /BBox, which WeasyPrint 70 writes in CSS pixels)."""
    import pikepdf

    out = []
    for element, _ in struct_elements(pdf):
        attributes = element.get("/A")
        if element.get("/S") == "/Figure" and isinstance(attributes, pikepdf.Dictionary) and "/BBox" in attributes:
            box = [float(v) for v in attributes.BBox]
            out.append(min(abs(box[2] - box[0]), abs(box[3] - box[1])) * 25.4 / 96)
    return out


def is_easy_read(path: Path) -> bool:
    return "-easy-read-" in Path(path).name


def check_easy_read(pdf, path: Path, pages: list[list[Op]] | None = None) -> tuple[list[str], dict]:
    """Every text at least 14 pt, page furniture included, and every picture at least 3 cm. pages: the pages
    already walked (pdf_stream.walk)."""
    from .pdf_sizes import sizes_of

    problems = []
    sizes = sizes_of(walk(pdf) if pages is None else pages, artifacts=True)
    smallest = min(sizes) if sizes else None
    if smallest is not None and smallest < EASY_READ_TEXT_PT - 0.05:
        small = sum(1 for size in sizes if size < EASY_READ_TEXT_PT - 0.05)
        problems.append(f"{small} characters are smaller than {EASY_READ_TEXT_PT} pt (the smallest {smallest:.1f} pt); "
                        f"easy read needs {EASY_READ_TEXT_PT} pt or more, running headers and page numbers included")
    pictures = _figure_sizes_mm(pdf)
    small_pictures = [size for size in pictures if size < EASY_READ_PICTURE_MM - 0.5]
    if small_pictures:
        problems.append(f"{len(small_pictures)} pictures are smaller than {EASY_READ_PICTURE_MM // 10} cm "
                        f"(the smallest {min(small_pictures):.0f} mm)")
    return problems, {"smallest_text_pt": smallest, "smallest_picture_mm": min(pictures) if pictures else None}


# ---- form fields (the survey, easy-read survey and workbook packs) ----------------------------------------

#: The kinds of pack whose answer spaces must be form fields (generator/print/pdf_forms.py).
FORM_KINDS = ("survey", "survey-easy-read", "workbook")


def pack_kind(path: Path) -> str | None:
    """The kind of pack a file is, from the manifest.json beside it (print/packs.py), or None."""
    import json

    manifest = Path(path).parent / "manifest.json"
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    name = Path(path).name
    return next((e.get("kind") for e in entries if isinstance(e, dict) and Path(str(e.get("path", ""))).name == name),
                None)


def check_forms(pdf, path: Path, lang: str) -> tuple[list[str], dict]:
    """Survey and workbook packs have form fields; every field has a name, an accessible name (/TU) in the
    pack's script (right-to-left letters in a right-to-left pack, none in a left-to-right one) and a Form
    structure element; radio groups are one field each, named by answer codes (print/pdf_forms.py)."""
    from ..print import pdf_forms

    listed = pdf_forms.fields(pdf)
    problems = pdf_forms.problems(pdf)
    kind = pack_kind(path)
    if kind in FORM_KINDS and not listed:
        problems.append(f"a {kind} pack with no form fields: its answer spaces cannot be filled in on a screen")
    rtl = pdf_forms.is_rtl(lang)
    wrong = [f["name"] for f in listed if f["tu"] and bool(RTL.search(f["tu"])) != rtl]
    if wrong:
        problems.append(f"{len(wrong)} form fields have an accessible name (/TU) that is not in the pack's language "
                        f"({'no right-to-left letters' if rtl else 'right-to-left letters'}), for example {wrong[0]}")
    return problems, ({"form_fields": len(listed)} if listed or kind in FORM_KINDS else {})


# ---- near-empty pages ------------------------------------------------------------------------------------

#: A page (except the last) whose content spans less than this share of the page's height is near empty: a
#: break that left a line or two, or a box, alone on a page.
NEAR_EMPTY_SHARE = 0.20


def page_fill(pdf, pages: list[list[Op]] | None = None) -> list[float]:
    """For each page, the share of the page's height between the top of its highest content and the foot of its
    lowest: text drawn as content (not page furniture marked /Artifact), pictures, and form fields (a page that
    is one big box to write in is not empty). 0.0 for a page with none. A form XObject counts by its box (what
    it draws is not looked into). pages: the pages already walked (pdf_stream.walk)."""
    shares = []
    for page, ops in zip(pdf.pages, walk(pdf) if pages is None else pages):
        spans: list[tuple[float, float]] = []
        for op in ops:
            if op.artifact or op.depth:
                continue
            if op.name in SHOW:
                a, b, c, d, e, f = op.matrix
                height = abs(d) * op.text.size
                spans.append((f - 0.25 * height, f + 0.8 * height))
            elif op.name == "Do" and op.xobject is not None:
                xobject = op.xobject
                if xobject.get("/Subtype") == "/Image":
                    a, b, c, d, e, f = op.ctm
                    spans.append((min(f, f + d), max(f, f + d)))
                elif xobject.get("/Subtype") == "/Form":
                    matrix = tuple(float(x) for x in xobject.get("/Matrix", (1, 0, 0, 1, 0, 0)))
                    box = [float(v) for v in xobject.get("/BBox", (0, 0, 0, 0))]
                    a, b, c, d, e, f = times(matrix, op.ctm)
                    ys = (b * box[0] + d * box[1] + f, b * box[2] + d * box[3] + f)
                    spans.append((min(ys), max(ys)))
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/Widget" and "/Rect" in annotation:
                rect = [float(v) for v in annotation.Rect]
                spans.append((min(rect[1], rect[3]), max(rect[1], rect[3])))
        box = [float(v) for v in page.obj.get("/MediaBox", (0, 0, 595, 842))]
        height = abs(box[3] - box[1]) or 1.0
        shares.append((max(t for _, t in spans) - min(b for b, _ in spans)) / height if spans else 0.0)
    return shares


#: The kinds of pack handed out in engagement sessions: a near-empty page in them is a problem. The documents'
#: packs (where a short contents page or the end of a part can leave one) are measured only, for now.
TOOL_KINDS = ("survey", "survey-easy-read", "interview", "focus-group", "workbook")


def check_near_empty(pdf, path: Path, pages: list[list[Op]] | None = None) -> tuple[list[str], list[str], dict]:
    """No page but the last is near empty (NEAR_EMPTY_SHARE): (problems, warnings, measures). pages: the pages
    already walked (pdf_stream.walk)."""
    shares = page_fill(pdf, pages)
    empty = [n + 1 for n, share in enumerate(shares[:-1]) if share < NEAR_EMPTY_SHARE]
    problems = []
    if empty:
        problems.append(f"{len(empty)} near-empty pages (content on less than {NEAR_EMPTY_SHARE:.0%} of the page's "
                        f"height): page {', '.join(map(str, empty[:8]))}. Keep short parts with what comes before "
                        "them, or give the space to something (a bigger box to write in)")
    measures = {"least_filled_page": min(shares[:-1]) if len(shares) > 1 else None}
    if pack_kind(path) in TOOL_KINDS:
        return problems, [], measures
    return [], [], measures  # the documents' packs: measured only, not yet checked (see README)


# ---- all rules ----------------------------------------------------------------------------------------

def check(pdf, path: Path, lang: str | None = None, cover: bool = True,
          pages: list[list[Op]] | None = None) -> tuple[list[str], list[str], dict]:
    """Every rule above on one open pack: (problems, warnings, measures for the report). lang: the pack's
    language (default: the folder it is in, site/<lang>/packs/); cover: whether to check for the QR code
    and web address (packs have them when site_config.yml gives the site's address); pages: the pack's pages
    already walked (pdf_stream.walk; by default they are walked here, once for every rule)."""
    problems: list[str] = []
    warnings: list[str] = []
    measures: dict = {}
    lang = lang or Path(path).parent.parent.name
    pages = walk(pdf) if pages is None else pages  # each page's content stream read once, for every rule below
    problems += check_actual_text(pdf, pages)
    problems += check_structure(pdf)
    if cover:
        problems += check_cover(pdf, lang)
    found, counted = check_forms(pdf, path, lang)
    problems += found
    measures.update(counted)
    found, warned, counted = check_near_empty(pdf, path, pages)
    problems += found
    warnings += warned
    measures.update(counted)
    if is_easy_read(path):
        found, sizes = check_easy_read(pdf, path, pages)
        problems += found
        measures.update(sizes)
    p, w, share = check_rtl_words(pdf, path)
    problems += p
    warnings += w
    if share is not None:
        measures["rtl_words_intact"] = share
        # right-to-left packs: tall letters and marks must not run into the line above
        found, smallest = check_line_collisions(pdf, pages)
        problems += found
        if smallest is not None:
            measures["smallest_line_gap_pt"] = round(smallest, 2)
    return problems, warnings, measures


# ---- lines of text that run into each other ---------------------------------------------------------------

# How close (in points) the ink of one line may come to the ink of the line above it before it counts as
# touching: tall letters and marks (Nastaliq, Arabic vowel marks) must never run into the line above
# (issue 18: "tall Nastaliq headings touch the paragraph above").
LINE_CLEARANCE_PT = 0.5


# The ink of simple glyphs already read, by their bytes: every pack embeds its own copy of the same fonts.
_SPANS: dict[tuple[int, bytes], dict] = {}


class _GlyphFont:
    """What drawing a Type0 TrueType font's codes needs: each code's width and its glyph's ink."""

    def __init__(self, font):
        import io

        import pikepdf
        from fontTools.ttLib import TTFont

        desc = font.DescendantFonts[0]
        from ..print.pdf_textlayer import cid_widths

        self.widths: dict[int, float] = cid_widths(desc)
        self.default_width = float(desc.get("/DW", 1000))
        gid_map = desc.get("/CIDToGIDMap")
        self.gids = None
        if isinstance(gid_map, pikepdf.Stream):
            data = gid_map.read_bytes()
            self.gids = [int.from_bytes(data[k:k + 2], "big") for k in range(0, len(data), 2)]
        program = TTFont(io.BytesIO(desc.FontDescriptor.FontFile2.read_bytes()))
        self.upem = program["head"].unitsPerEm
        self.order = program.getGlyphOrder()
        self.glyf = program["glyf"]
        self.glyph_set = program.getGlyphSet()
        self._ink: dict[int, list] = {}
        self._boxes: dict[int, tuple | None] = {}
        self._by_name: dict[str, dict] = {}

    def ink(self, code: int) -> list[tuple[float, float, float, float]]:
        """The ink of code's glyph as thin vertical slices (x0, x1, y0, y1), in thousandths of the font size:
        in each slice, from the lowest to the highest point of the glyph's outline there. [] for no ink."""
        if code not in self._ink:
            gid = self.gids[code] if self.gids is not None and code < len(self.gids) else code
            spans = self._spans(self.order[gid]) if gid < len(self.order) else {}
            k = 1000 / self.upem
            w = self.upem / self.SLICES
            self._ink[code] = [(b * w * k, (b + 1) * w * k, lo * k, hi * k) for b, (lo, hi) in spans.items()]
        return self._ink[code]

    SLICES = 40  # slices to the font size

    def ink_box(self, code: int):
        """The box round code's ink (x0, x1, y0, y1), in thousandths of the font size, or None (no ink)."""
        if code not in self._boxes:
            slices = self.ink(code)
            self._boxes[code] = (min(s[0] for s in slices), max(s[1] for s in slices), min(s[2] for s in slices),
                                 max(s[3] for s in slices)) if slices else None
        return self._boxes[code]

    def _spans(self, name: str) -> dict[int, tuple[float, float]]:
        """{slice: (lowest, highest)} of a glyph's outline, in font units; read once per glyph."""
        if name in self._by_name:
            return self._by_name[name]
        glyph = self.glyf.glyphs.get(name)
        data = getattr(glyph, "data", None)  # the glyph's bytes, before fontTools reads them
        key = (self.upem, data) if data is not None and not (len(data) >= 2 and data[:2] == b"\xff\xff") else None
        if key is not None and key in _SPANS:  # the same simple glyph in another pack's copy of the font
            self._by_name[name] = _SPANS[key]
            return _SPANS[key]
        w = self.upem / self.SLICES
        spans: dict[int, list[float]] = {}

        def add(x, y):
            span = spans.setdefault(int(x // w), [y, y])
            if y < span[0]:
                span[0] = y
            elif y > span[1]:
                span[1] = y

        glyph = self.glyf[name]
        if glyph.isComposite() and not any(hasattr(c, "transform") for c in glyph.components):
            for component in glyph.components:  # letters made of a body and dots: each part read once
                for b, (lo, hi) in self._spans(component.glyphName).items():
                    x = (b + 0.5) * w + component.x
                    add(x, lo + component.y)
                    add(x, hi + component.y)
        elif glyph.numberOfContours:
            from fontTools.pens.basePen import BasePen

            class Pen(BasePen):
                def _moveTo(self, pt):
                    add(*pt)

                def _lineTo(self, pt):
                    x0, y0 = self._getCurrentPoint()
                    steps = int(abs(pt[0] - x0) // (w / 2)) + 1
                    for i in range(1, steps + 1):
                        t = i / steps
                        add(x0 + (pt[0] - x0) * t, y0 + (pt[1] - y0) * t)

                def _curveToOne(self, p1, p2, p3):
                    x0, y0 = self._getCurrentPoint()
                    for i in range(1, 7):
                        t = i / 6
                        u = 1 - t
                        add(u ** 3 * x0 + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                            u ** 3 * y0 + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1])

                def _qCurveToOne(self, p1, p2):
                    x0, y0 = self._getCurrentPoint()
                    for i in range(1, 7):
                        t = i / 6
                        u = 1 - t
                        add(u * u * x0 + 2 * u * t * p1[0] + t * t * p2[0], u * u * y0 + 2 * u * t * p1[1] + t * t * p2[1])

            self.glyph_set[name].draw(Pen(self.glyph_set))
        self._by_name[name] = {b: (lo, hi) for b, (lo, hi) in spans.items()}
        if key is not None and not glyph.isComposite():
            _SPANS[key] = self._by_name[name]
        return self._by_name[name]


BUCKET_PT = 0.5  # the width of the strips of the page in which lines are compared
COARSE_BUCKET_PT = 2.0  # the same, for the first look (ink boxes)


class _Row:
    """One line of text on a page: its glyphs, and the highest and lowest ink in each strip of the page."""

    def __init__(self, base: float):
        self.base = base
        self.glyphs: list[tuple] = []  # (font, code, x of origin, x scale, y of baseline, y scale)
        self._fine = None
        self._coarse = None

    @staticmethod
    def _profile(boxes, bucket: float) -> tuple[dict[int, float], dict[int, float]]:
        top: dict[int, float] = {}
        bottom: dict[int, float] = {}
        for x0, x1, y0, y1 in boxes:
            if x0 > x1:
                x0, x1 = x1, x0
            if y0 > y1:
                y0, y1 = y1, y0
            for b in range(int(x0 // bucket), int(x1 // bucket) + 1):
                if y1 > top.get(b, -1e9):
                    top[b] = y1
                if y0 < bottom.get(b, 1e9):
                    bottom[b] = y0
        return top, bottom

    def coarse(self):
        """(top, bottom) from each glyph's ink box: never closer to another line than the ink itself."""
        if self._coarse is None:
            boxes = [(ox + sx * b[0], ox + sx * b[1], ry + sy * b[2], ry + sy * b[3])
                     for font, code, ox, sx, ry, sy in self.glyphs for b in [font.ink_box(code)] if b is not None]
            self._coarse = self._profile(boxes, COARSE_BUCKET_PT)
        return self._coarse

    def fine(self):
        """(top, bottom) from the glyphs' outlines, slice by slice."""
        if self._fine is None:
            slices = [(ox + sx * x0, ox + sx * x1, ry + sy * y0, ry + sy * y1)
                      for font, code, ox, sx, ry, sy in self.glyphs for x0, x1, y0, y1 in font.ink(code)]
            self._fine = self._profile(slices, BUCKET_PT)
        return self._fine


def text_rows(pdf, page, fonts: dict | None = None, ops: list[Op] | None = None) -> list[_Row]:
    """The page's lines of text, top to bottom (y upwards, in points). Glyphs whose baselines are less than 3 pt
    apart are one line (bold and plain runs, list markers). Only Type0 TrueType fonts (what WeasyPrint writes)
    are read; other text is left out. fonts: {font object: _GlyphFont}, shared between the pages of one PDF;
    ops: the page already walked (pdf_stream.walk_page)."""
    fonts = {} if fonts is None else fonts
    glyphs: list[tuple] = []  # (baseline, font, code, x of origin, x scale, y of baseline, y scale)
    for op in walk_page(page) if ops is None else ops:
        f = op.text.font
        if op.name not in ("TJ", "Tj") or f is None or str(f.get("/Subtype")) != "/Type0":
            continue
        if "/FontFile2" not in f.DescendantFonts[0].get("/FontDescriptor", {}):
            continue
        if f.objgen not in fonts:
            fonts[f.objgen] = _GlyphFont(f)
        font = fonts[f.objgen]
        m = op.matrix
        if m[1] or m[2]:
            continue  # turned text (none in the packs): left out
        size, scale = op.text.size, op.text.scale
        sx, sy = m[0] * size / 1000 * scale, m[3] * size / 1000
        ry = m[3] * op.text.rise + m[5]
        for code, x in zip(op.codes, op.xs):
            # the baseline is the text origin's y: a rise belongs to its line
            glyphs.append((m[5], font, code, m[0] * x + m[4], sx, ry, sy))
    rows: list[_Row] = []
    for glyph in sorted(glyphs, key=lambda g: -g[0]):
        if not rows or rows[-1].base - glyph[0] >= 3.0:
            rows.append(_Row(glyph[0]))
        rows[-1].glyphs.append(glyph[1:])
    return [row for row in rows if row.coarse()[0]]


def _gap(lower: dict[int, float], upper: dict[int, float]) -> float | None:
    """The smallest distance from the lower line's highest ink up to the upper line's lowest ink, strip by
    strip, over the strips both have ink in (None: none)."""
    gaps = [upper[b] - y for b, y in lower.items() if b in upper]
    return min(gaps) if gaps else None


def line_clearances(pdf, page, reach: float = 3.0, fonts: dict | None = None,
                    ops: list[Op] | None = None) -> list[tuple[float, float, float]]:
    """For each line of text, the smallest gap between its ink and the ink of any line above it, where the two
    share the same stretch of the page: [(gap in points, baseline of the line, baseline of the line above)].
    A negative gap means the two lines run into each other. Lines more than `reach` times the lower line's
    height apart are not compared. Each pair is first compared by the glyphs' ink boxes, and by the outlines
    only where the boxes come closer than LINE_CLEARANCE_PT (boxes are never closer than the ink; reading the
    outlines is slower). ops: the page already walked (pdf_stream.walk_page)."""
    rows = text_rows(pdf, page, fonts, ops)
    out = []
    for i, row in enumerate(rows):
        top, bottom = row.coarse()
        height = max(top.values()) - min(bottom.values())
        best = None
        for j in range(i - 1, -1, -1):
            above = rows[j]
            if above.base - row.base > reach * max(height, 1):
                break
            gap = _gap(top, above.coarse()[1])
            if gap is not None and gap < LINE_CLEARANCE_PT:
                gap = _gap(row.fine()[0], above.fine()[1])
            if gap is not None and (best is None or gap < best[0]):
                best = (gap, row.base, above.base)
        if best is not None:
            out.append(best)
    return out


def check_line_collisions(pdf, pages: list[list[Op]] | None = None) -> tuple[list[str], float | None]:
    """(problems, the smallest gap found in points): lines whose letters run into, or touch, the line above.
    pages: the pages already walked (pdf_stream.walk)."""
    smallest = None
    hits = []
    fonts: dict = {}
    for number, (page, ops) in enumerate(zip(pdf.pages, walk(pdf) if pages is None else pages), 1):
        for gap, base, above in line_clearances(pdf, page, fonts=fonts, ops=ops):
            smallest = gap if smallest is None else min(smallest, gap)
            if gap < LINE_CLEARANCE_PT:
                hits.append((number, gap))
    if not hits:
        return [], smallest
    pages = sorted({n for n, _ in hits})
    return [f"{len(hits)} lines of text touch or run into the line above (the closest {min(g for _, g in hits):.1f} pt "
            f"apart; on page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages[:8]))}): give the text more "
            f"line height (theme/print/print.css)"], smallest
