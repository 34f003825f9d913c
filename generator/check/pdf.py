"""`charterkit check pdf`: the accessibility structure of every printable pack in a built site.

No PDF/UA validator (veraPDF) can be installed here, so this checks, with pikepdf, what PDF/UA-1
needs and what WeasyPrint is asked to do (generator/print/pdf_engine.py):
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

from ..diagnostics import Issue

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
    measures: dict = field(default_factory=dict)  # figures from check/pdf_rules.py (e.g. rtl_words_intact)


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


def inspect(path: Path, expected_lang: str | None = None, cover: bool = True, pages: list | None = None) -> PdfFacts:
    """The accessibility facts of one PDF and what is wrong with it. cover: whether to look for the QR code and
    web address on the cover (check/pdf_rules.py); pages: the file's pages already walked (check/pdf_stream.py
    walk, its PDF still open), for a caller that reads the same file again."""
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
        from . import pdf_rules  # the rules of issue 18: text layer, structure, covers, easy-read sizes

        problems, warnings, facts.measures = pdf_rules.check(pdf, Path(path), expected_lang, cover, pages)
        facts.problems += problems
        facts.warnings += warnings
    return facts


# ---- the text a screen reader gets ---------------------------------------------------------------

@dataclass(frozen=True)
class Char:
    page: int
    mcid: int | None  # the marked-content sequence it is drawn in (None: not tagged)
    text: str
    baseline: float
    size: float  # font size in points
    artifact: bool = False  # drawn as page furniture (/Artifact: running headers, page numbers)


def all_chars(path: Path) -> list[Char]:
    """Every character drawn on the pages, page furniture (/Artifact) included, in drawing order.

    pdfminer reads the content streams. Its aggregator is asked for no layout analysis (laparams=None), so
    the characters of each page come back as drawn, in the order render_char saw them (characters drawn
    inside a form XObject are inside its LTFigure, in place): the marked content each was drawn in, recorded
    by render_char, and the LTChar pdfminer made of it (with its size) are paired one to one."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Collector(PDFPageAggregator):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr, laparams=None)
            self.marks: list[tuple[bool, int | None]] = []  # (inside an artifact, MCID)
            self.drawn: list[tuple[bool, int | None, str, float]] = []  # (artifact, MCID, text, baseline)

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
            artifact, mcid = self.marks[-1] if self.marks else (False, None)
            try:
                text = font.to_unichr(cid)
            except Exception:
                text = ""
            self.drawn.append((artifact, mcid, text, round(matrix[5], 1)))
            return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)

    def in_order(container):
        for item in container:
            if isinstance(item, LTChar):
                yield item
            elif isinstance(item, LTContainer):
                yield from in_order(item)

    out: list[Char] = []
    with open(path, "rb") as fh:
        manager = PDFResourceManager()
        device = Collector(manager)
        interpreter = PDFPageInterpreter(manager, device)
        for index, page in enumerate(PDFPage.get_pages(fh)):
            device.marks, device.drawn = [], []
            interpreter.process_page(page)
            made = list(in_order(device.get_result()))
            if len(made) != len(device.drawn):
                raise RuntimeError(f"{path}: page {index + 1}: pdfminer drew {len(device.drawn)} characters "
                                   f"but gave {len(made)}; the sizes cannot be paired with them")
            for (artifact, mcid, text, baseline), char in zip(device.drawn, made):
                out.append(Char(index, mcid, text, baseline, char.size, artifact))
    return out


def body_chars(path: Path, chars: list[Char] | None = None) -> list[Char]:
    """Every character drawn as content (not as an /Artifact: running headers, page numbers), in drawing order.
    `chars`: what all_chars gave for this file, if it was read already."""
    return [ch for ch in (all_chars(path) if chars is None else chars) if not ch.artifact]


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


def body_text(path: Path, chars: list[Char] | None = None) -> str:
    """The text of a PDF's content, without its page furniture, in drawing order. `chars`: as for body_chars."""
    return _join(body_chars(path, chars))


def printed_text(path: Path, chars: list[Char] | None = None) -> str:
    """All the text printed on the pages, page furniture included, in drawing order."""
    return _join(all_chars(path) if chars is None else chars)


def _mcid_text(path: Path, chars: list[Char] | None = None) -> dict[tuple[int, int], list[tuple[str, float]]]:
    """(page index, MCID) -> the characters drawn inside that marked-content sequence, with their baselines."""
    out: dict[tuple[int, int], list[tuple[str, float]]] = {}
    for ch in body_chars(path, chars):
        if ch.mcid is not None:
            out.setdefault((ch.page, ch.mcid), []).append((ch.text, ch.baseline))
    return out


def tagged_text(path: Path, chars: list[Char] | None = None) -> list[tuple[str, str, str]]:
    """(structure type, language, text) of every text-holding structure element, in reading order.

    The text is the element's /ActualText when it has one (as assistive technology reads it),
    otherwise the text of its marked content. The language is the one most of its letters are
    marked with (the nearest /Lang above them, or the document's). `chars`: as for body_chars.
    """
    import pikepdf

    mcid_text = _mcid_text(path, chars)
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

def check_site(site: Path, cover: bool = True) -> list[PdfFacts]:
    return [inspect(path, expected_lang=path.parent.parent.name, cover=cover)
            for path in sorted(Path(site).glob("*/packs/*.pdf"))]


def _site_has_address(root: Path) -> bool:
    """Whether site_config.yml gives the site's web address (the packs' covers then carry a QR code)."""
    import yaml

    try:
        config = yaml.safe_load((Path(root) / "site_config.yml").read_text(encoding="utf-8")) or {}
        url = str((config.get("site") or {}).get("url") or "")
    except (OSError, yaml.YAMLError, AttributeError):
        return True  # check for it: a pack without one is reported
    return url.startswith(("https://", "http://"))


def run(root: Path, args) -> int:
    from .harness import Harness, report_dir
    from .result import CheckResult

    site = Harness.for_args(root, args).site
    if not site.is_dir():
        print(f"There is no built site at {site}. Run 'charterkit build' first.", file=sys.stderr)
        return 2
    cover = _site_has_address(root)
    results = check_site(site, cover=cover)
    if not results:
        print(f"No packs found in {site}/*/packs/. Build them with 'charterkit build' (without --no-packs).",
              file=sys.stderr)
        return 1
    width = max(len(f.path.name) for f in results)
    print(f"{'pack':{width}}  pages  figures  fonts  words whole  result")
    for f in results:
        status = "ok" if not f.problems else f"{len(f.problems)} problem(s)"
        if f.warnings and not f.problems:
            status = f"ok, {len(f.warnings)} warning(s)"
        share = f.measures.get("rtl_words_intact")
        whole = f"{share:.1%}" if share is not None else "-"
        print(f"{f.path.name:{width}}  {f.pages:5}  {f.figures:7}  {len(f.fonts):5}  {whole:>11}  {status}")
    bad = [f for f in results if f.problems]
    warned = [f for f in results if f.warnings]
    for f in bad + [w for w in warned if w not in bad]:
        print(f"\n{f.path.relative_to(site)}:")
        for p in f.problems:
            print(f"    problem: {p}")
        for w in f.warnings:
            print(f"    warning: {w}")
    print("\n'words whole': the share of a right-to-left pack's words that copy, search and pdftotext get letter "
          "for letter.")
    if not cover:
        print("The covers were not checked for a QR code: site_config.yml gives no site address (site: url:).")
    print("This checks PDF/UA-1's machine rules that charterkit can check itself. Also run an outside validator "
          "before publishing: veraPDF (PDF/UA-1 profile) or PAC (see README.md, 'Checking the packs').")
    print(f"\nChecked {len(results)} packs: {len(results) - len(bad)} pass, {len(bad)} with problems"
          + (f", {len(warned)} with warnings." if warned else "."))
    result = CheckResult("pdf", len(results), "packs", findings=findings(site, results))
    result.write(report_dir(args), {"site": str(site), "packs": {
        f.path.relative_to(site).as_posix(): {"pages": f.pages, "title": f.title, "lang": f.lang, "fonts": f.fonts,
                                              "figures": f.figures, "bookmarks": f.bookmarks}
        for f in results}})
    return result.exit_code


def findings(site: Path, results: list[PdfFacts]) -> tuple[Issue, ...]:
    """What inspect found, as findings: each problem an error, each warning a warning, at its pack."""
    found = []
    for f in results:
        where = f.path.relative_to(site).as_posix()
        found += [Issue("pdf.problem", p, file=where) for p in f.problems]
        found += [Issue("pdf.warning", w, file=where, severity="warning") for w in f.warnings]
    return tuple(found)
