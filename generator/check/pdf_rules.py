"""Rules `charterkit check pdf` applies to a pack beyond the basics in check/pdf.py (issue 18).

- The text layer of right-to-left packs: no empty /ActualText anywhere (it hides everything under it from
  a screen reader), and the words `pdftotext` (poppler) extracts match the pack's own logical text.
- Form fields: survey, easy-read survey and workbook packs have them, each with a name, an accessible name in
  the pack's language and a Form structure element (check_forms; render/pdf_forms.py mends what WeasyPrint
  gets wrong).
- Near-empty pages: no page but the last has content on less than a fifth of its height (check_near_empty), in
  the engagement tools' packs (the documents' packs are measured, not yet checked).
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

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# pdftotext wraps right-to-left runs in bidi controls; they are not text
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PUNCT = "«»“”\"'()[]{}.,;:!?،؛؟۔…-–—*•·/|"
# The share of a right-to-left pack's words that must come out of pdftotext letter for letter: below
# WORDS_INTACT_MINIMUM is a problem, below WORDS_INTACT_FLOOR a warning. With Amiri, poppler splits some
# Arabic words at a raised vowel mark or a wide join, so a pack full of vowel marks can fall between the two
# (docs/rtl-text-layer.md, "Limits").
WORDS_INTACT_FLOOR = 0.95
WORDS_INTACT_MINIMUM = 0.90


def struct_elements(pdf):
    """Every structure element, depth first in reading order, with its parent: (element, parent)."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack = [(root.get("/K"), None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((k, parent) for k in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node, parent
            if "/K" in node:
                stack.append((node.K, node))


# ---- /ActualText ------------------------------------------------------------------------------------

def empty_actual_text(pdf) -> int:
    """How many /ActualText are empty, on structure elements or in the pages' marked content."""
    import pikepdf

    count = sum(1 for element, _ in struct_elements(pdf)
                if "/ActualText" in element and not str(element.ActualText).strip())
    for page in pdf.pages:
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
                if "/ActualText" in operands[1] and not str(operands[1].ActualText).strip():
                    count += 1
    return count


def check_actual_text(pdf) -> list[str]:
    n = empty_actual_text(pdf)
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
    layout by render/pdf_textlayer.py, in logical order)."""
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
    if share < WORDS_INTACT_FLOOR:
        return [], [f"{message}; aim for {WORDS_INTACT_FLOOR:.0%}"], share
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


def check_easy_read(pdf, path: Path) -> tuple[list[str], dict]:
    """Every text at least 14 pt, page furniture included, and every picture at least 3 cm."""
    from .pdf import text_sizes

    problems = []
    sizes = text_sizes(Path(path), artifacts=True)
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

#: The kinds of pack whose answer spaces must be form fields (generator/render/pdf_forms.py).
FORM_KINDS = ("survey", "survey-easy-read", "workbook")


def pack_kind(path: Path) -> str | None:
    """The kind of pack a file is, from the manifest.json beside it (render/packs.py), or None."""
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
    structure element; radio groups are one field each, named by answer codes (render/pdf_forms.py)."""
    from ..render import pdf_forms

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


def page_fill(pdf) -> list[float]:
    """For each page, the share of the page's height between the top of its highest content and the foot of its
    lowest: text drawn as content (not page furniture marked /Artifact), pictures, and form fields (a page that
    is one big box to write in is not empty). 0.0 for a page with none."""
    import pikepdf

    from .pdf import _matrix_times

    shares = []
    for page in pdf.pages:
        spans: list[tuple[float, float]] = []

        def run(instructions, resources, ctm, in_artifact):
            fonts = resources.get("/Font", {}) if resources is not None else {}
            xobjects = resources.get("/XObject", {}) if resources is not None else {}
            stack, marks = [], []
            tm, size = (1, 0, 0, 1, 0, 0), 0.0
            for operands, operator in instructions:
                op = str(operator)
                artifact = in_artifact or bool(marks and marks[-1])
                if op == "q":
                    stack.append(ctm)
                elif op == "Q":
                    ctm = stack.pop() if stack else ctm
                elif op == "cm":
                    ctm = _matrix_times(tuple(float(x) for x in operands), ctm)
                elif op in ("BMC", "BDC"):
                    marks.append(artifact or str(operands[0]) == "/Artifact")
                elif op == "EMC":
                    if marks:
                        marks.pop()
                elif op == "BT":
                    tm = (1, 0, 0, 1, 0, 0)
                elif op == "Tm":
                    tm = tuple(float(x) for x in operands)
                elif op == "Tf":
                    size = float(operands[1])
                elif op in ("Tj", "TJ", "'", '"') and not artifact:
                    a, b, c, d, e, f = _matrix_times(tm, ctm)
                    height = abs(d) * size
                    spans.append((f - 0.25 * height, f + 0.8 * height))
                elif op == "Do" and not artifact:
                    xobject = xobjects.get(str(operands[0]))
                    if xobject is None:
                        continue
                    if xobject.get("/Subtype") == "/Image":
                        a, b, c, d, e, f = ctm
                        spans.append((min(f, f + d), max(f, f + d)))
                    elif xobject.get("/Subtype") == "/Form":
                        matrix = tuple(float(x) for x in xobject.get("/Matrix", (1, 0, 0, 1, 0, 0)))
                        inner = _matrix_times(matrix, ctm)
                        box = [float(v) for v in xobject.get("/BBox", (0, 0, 0, 0))]
                        a, b, c, d, e, f = inner
                        ys = (b * box[0] + d * box[1] + f, b * box[2] + d * box[3] + f)
                        spans.append((min(ys), max(ys)))

        run(pikepdf.parse_content_stream(page), page.obj.get("/Resources"), (1, 0, 0, 1, 0, 0), False)
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


def check_near_empty(pdf, path: Path) -> tuple[list[str], list[str], dict]:
    """No page but the last is near empty (NEAR_EMPTY_SHARE): (problems, warnings, measures)."""
    shares = page_fill(pdf)
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

def check(pdf, path: Path, lang: str | None = None, cover: bool = True) -> tuple[list[str], list[str], dict]:
    """Every rule above on one open pack: (problems, warnings, measures for the report). lang: the pack's
    language (default: the folder it is in, site/<lang>/packs/); cover: whether to check for the QR code
    and web address (packs have them when site_config.yml gives the site's address)."""
    problems: list[str] = []
    warnings: list[str] = []
    measures: dict = {}
    lang = lang or Path(path).parent.parent.name
    problems += check_actual_text(pdf)
    problems += check_structure(pdf)
    if cover:
        problems += check_cover(pdf, lang)
    found, counted = check_forms(pdf, path, lang)
    problems += found
    measures.update(counted)
    found, warned, counted = check_near_empty(pdf, path)
    problems += found
    warnings += warned
    measures.update(counted)
    if is_easy_read(path):
        found, sizes = check_easy_read(pdf, path)
        problems += found
        measures.update(sizes)
    p, w, share = check_rtl_words(pdf, path)
    problems += p
    warnings += w
    if share is not None:
        measures["rtl_words_intact"] = share
    return problems, warnings, measures
