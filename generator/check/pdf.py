"""`charterkit check pdf`: the accessibility structure of every printable pack in a built site.

No PDF/UA validator (veraPDF) can be installed here, so this checks, with pikepdf, what PDF/UA-1
needs and what WeasyPrint is asked to do (generator/render/pdf_engine.py):
  - tagged: a structure tree (/StructTreeRoot) and /MarkInfo /Marked true,
  - the document's language (/Lang) and title, and viewers told to show the title (DisplayDocTitle),
  - PDF/UA identification in the XMP metadata (pdfuaid:part 1),
  - every font embedded, and only the fonts the packs ship (another font means a character fell
    back to a system font, which may not be on the reader's machine or may be the wrong glyph),
  - every figure with alternative text (/Alt),
  - bookmarks (/Outlines) in any pack of more than two pages.
It also gives the text of a pack as a screen reader gets it from the structure tree (tagged_text),
which the tests use to check that right-to-left text reads in logical order.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PACK_FONTS = re.compile(r"^/?([A-Z]{6}\+)?CK-")


@dataclass
class PdfFacts:
    path: Path
    pages: int = 0
    title: str = ""
    lang: str = ""
    fonts: list[str] = field(default_factory=list)
    figures: int = 0
    bookmarks: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _struct_elements(root):
    """Every structure element under the StructTreeRoot, depth first, in reading order."""
    import pikepdf

    stack = [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            if "/K" in node:
                stack.append(node.K)


def inspect(path: Path, expected_lang: str | None = None) -> PdfFacts:
    """The accessibility facts of one PDF and what is wrong with it."""
    import pikepdf

    facts = PdfFacts(Path(path))
    try:
        pdf = pikepdf.open(path)
    except Exception as exc:  # a broken file is a finding, not a crash
        facts.problems.append(f"cannot be opened: {exc}")
        return facts
    with pdf:
        root = pdf.Root
        facts.pages = len(pdf.pages)
        struct = root.get("/StructTreeRoot")
        if struct is None:
            facts.problems.append("not tagged: no /StructTreeRoot")
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            facts.problems.append("not marked as tagged: /MarkInfo /Marked is not true")
        facts.lang = str(root.get("/Lang", ""))
        if not facts.lang:
            facts.problems.append("no document language (/Lang)")
        elif expected_lang and facts.lang.split("-")[0] != expected_lang.split("-")[0]:
            facts.problems.append(f"document language is {facts.lang!r}, expected {expected_lang!r}")
        facts.title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo is not None else ""
        if not facts.title.strip():
            facts.problems.append("no document title (/Title)")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            facts.problems.append("viewers are not told to show the title (/DisplayDocTitle)")
        meta = root.get("/Metadata")
        xmp = meta.read_bytes().decode("utf-8", "replace") if meta is not None else ""
        if not re.search(r'pdfuaid:part(="|>)1', xmp):
            facts.problems.append("no PDF/UA identification (pdfuaid:part 1) in the XMP metadata")

        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            subtype = str(obj.get("/Subtype", ""))
            if subtype in ("/Type0", "/Type3"):
                if subtype == "/Type0":
                    facts.fonts.append(str(obj.get("/BaseFont", "")))
                continue
            name = str(obj.get("/BaseFont", ""))
            descriptor = obj.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                facts.problems.append(f"font not embedded: {name}")
            if subtype != "/CIDFontType2" and subtype != "/CIDFontType0":
                facts.fonts.append(name)
        for name in sorted(set(facts.fonts)):
            if not PACK_FONTS.match(name):
                facts.warnings.append(f"font {name} is not one of the pack fonts: a character fell back to a system font")
        facts.fonts = sorted(set(facts.fonts))

        if struct is not None:
            for element in _struct_elements(struct):
                if element.get("/S") == "/Figure":
                    facts.figures += 1
                    alt = element.get("/Alt")
                    if alt is None or not str(alt).strip():
                        facts.problems.append(f"figure {facts.figures} has no alternative text (/Alt)")
        outlines = root.get("/Outlines")
        facts.bookmarks = int(outlines.get("/Count", 0)) if outlines is not None else 0
        if facts.pages > 2 and facts.bookmarks == 0:
            facts.problems.append("no bookmarks, though the pack has more than two pages")
    return facts


# ---- the text a screen reader gets ---------------------------------------------------------------

@dataclass(frozen=True)
class Char:
    page: int
    mcid: int | None  # the marked-content sequence it is drawn in (None: not tagged)
    text: str
    baseline: float
    size: float  # font size in points


def body_chars(path: Path) -> list[Char]:
    """Every character drawn as content (not as an /Artifact: running headers, page numbers), in drawing order."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    out: list[Char] = []

    class Collector(PDFPageAggregator):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr, laparams=LAParams())
            self.page_index = -1
            self.marks: list[tuple[bool, int | None]] = []  # (inside an artifact, MCID)

        def begin_tag(self, tag, props=None):
            artifact = getattr(tag, "name", str(tag)) == "Artifact" or (self.marks and self.marks[-1][0])
            mcid = props.get("MCID") if isinstance(props, dict) else None
            if mcid is None and self.marks:
                mcid = self.marks[-1][1]
            self.marks.append((bool(artifact), mcid))

        def end_tag(self):
            if self.marks:
                self.marks.pop()

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            artifact, mcid = self.marks[-1] if self.marks else (False, None)
            if not artifact:
                try:
                    text = font.to_unichr(cid)
                except Exception:
                    text = ""
                item = self.cur_item._objs[-1] if self.cur_item._objs else None
                size = getattr(item, "size", fontsize)
                out.append(Char(self.page_index, mcid, text, round(matrix[5], 1), size))
            return advance

    with open(path, "rb") as fh:
        manager = PDFResourceManager()
        device = Collector(manager)
        interpreter = PDFPageInterpreter(manager, device)
        for index, page in enumerate(PDFPage.get_pages(fh)):
            device.page_index = index
            device.marks = []
            interpreter.process_page(page)
    return out


def _join(chars) -> str:
    """Characters as text: a line ends where the baseline moves; WeasyPrint draws no space there."""
    out: list[str] = []
    last = None
    for ch in chars:
        key = (ch.page, ch.baseline)
        if last is not None and key != last and out and not out[-1].endswith(" "):
            out.append(" ")
        out.append(ch.text)
        last = key
    return "".join(out)


def body_text(path: Path) -> str:
    """The text of a PDF's content, without its page furniture, in drawing order."""
    return _join(body_chars(path))


def _mcid_text(path: Path) -> dict[tuple[int, int], list[tuple[str, float]]]:
    """(page index, MCID) -> the characters drawn inside that marked-content sequence, with their baselines."""
    out: dict[tuple[int, int], list[tuple[str, float]]] = {}
    for ch in body_chars(path):
        if ch.mcid is not None:
            out.setdefault((ch.page, ch.mcid), []).append((ch.text, ch.baseline))
    return out


def tagged_text(path: Path) -> list[tuple[str, str, str]]:
    """(structure type, language, text) of every text-holding structure element, in reading order.

    The text is the element's /ActualText when it has one (as assistive technology reads it),
    otherwise the text of its marked content. The language is the one most of its letters are
    marked with (the nearest /Lang above them, or the document's).
    """
    import pikepdf

    mcid_text = _mcid_text(path)
    result: list[tuple[str, str, str]] = []
    with pikepdf.open(path) as pdf:
        page_index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        doc_lang = str(pdf.Root.get("/Lang", ""))
        struct = pdf.Root.get("/StructTreeRoot")
        if struct is None:
            return result

        def chars_of(element, page, lang) -> list[tuple[str, float | None, str]]:
            """(text, baseline, language) of everything an element holds, in order."""
            if "/Lang" in element:
                lang = str(element.Lang)
            if "/ActualText" in element:
                return [(str(element.ActualText), None, lang)]
            if "/Pg" in element:
                page = page_index.get(element.Pg.objgen, page)
            kids = element.get("/K")
            if kids is None:
                return []
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            chars: list[tuple[str, float | None, str]] = []
            for kid in kids:
                if isinstance(kid, int):
                    chars.extend((t, y, lang) for t, y in mcid_text.get((page, kid), []))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    chars.extend(chars_of(kid, page, lang))
            return chars

        def text_of(element, page, lang) -> tuple[str, str]:
            """The element's text and the language most of its letters are marked with."""
            # a line ends where the baseline moves: WeasyPrint draws no space there, a reader hears one
            out, last_y, letters = [], None, {}
            for text, y, text_lang in chars_of(element, page, lang):
                if last_y is not None and y is not None and y != last_y and out and not out[-1].endswith(" "):
                    out.append(" ")
                out.append(text)
                last_y = y if y is not None else last_y
                letters[text_lang] = letters.get(text_lang, 0) + sum(ch.isalpha() for ch in text)
            main = max(letters, key=letters.get) if letters and max(letters.values()) else lang
            return "".join(out), main

        def walk(element, lang, page):
            if "/Lang" in element:
                lang = str(element.Lang)
            if "/Pg" in element:
                page = page_index.get(element.Pg.objgen, page)
            kind = str(element.get("/S", ""))
            if kind in ("/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/LI", "/LBody", "/TD", "/TH", "/Caption"):
                text, main = text_of(element, page, lang)
                text = " ".join(text.split())
                if text:
                    result.append((kind[1:], main, text))
                return
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, lang, page)

        for top in (list(struct.K) if isinstance(struct.K, pikepdf.Array) else [struct.K]):
            walk(top, doc_lang, 0)
    return result


# ---- the command -------------------------------------------------------------------------------------

def check_site(site: Path) -> list[PdfFacts]:
    return [inspect(path, expected_lang=path.parent.parent.name)
            for path in sorted(Path(site).glob("*/packs/*.pdf"))]


def run(root: Path, args) -> int:
    site = Path(getattr(args, "site", "site"))
    if not site.is_absolute():
        site = Path(root) / site
    if not site.is_dir():
        print(f"There is no built site at {site}. Run 'charterkit build' first.", file=sys.stderr)
        return 2
    results = check_site(site)
    if not results:
        print(f"No packs found in {site}/*/packs/. Build them with 'charterkit build' (without --no-packs).",
              file=sys.stderr)
        return 1
    width = max(len(f.path.name) for f in results)
    print(f"{'pack':{width}}  pages  figures  fonts  result")
    for f in results:
        status = "ok" if not f.problems else f"{len(f.problems)} problem(s)"
        if f.warnings and not f.problems:
            status = f"ok, {len(f.warnings)} warning(s)"
        print(f"{f.path.name:{width}}  {f.pages:5}  {f.figures:7}  {len(f.fonts):5}  {status}")
    bad = [f for f in results if f.problems]
    warned = [f for f in results if f.warnings]
    for f in bad + [w for w in warned if w not in bad]:
        print(f"\n{f.path.relative_to(site)}:")
        for p in f.problems:
            print(f"    problem: {p}")
        for w in f.warnings:
            print(f"    warning: {w}")
    print(f"\nChecked {len(results)} packs: {len(results) - len(bad)} pass, {len(bad)} with problems"
          + (f", {len(warned)} with warnings." if warned else "."))
    return 1 if bad else 0
