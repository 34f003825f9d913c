"""The text layer of right-to-left packs: ToUnicode by shaping cluster and /ActualText on structure
elements, as a post-process of WeasyPrint 70's PDF (no WeasyPrint function is patched).

Why (measured in issue 18, see docs/rtl-text-layer.md): WeasyPrint writes one ToUnicode entry per glyph
id: the text of the first cluster that glyph was seen in. A font that uses one glyph in several letters
(a shared skeleton, a separate dot, a ligature) then gets letters mapped to the wrong character, and copy,
search and `pdftotext` get wrong words. WeasyPrint's own structure tree gives screen readers no logical
text for right-to-left lines either.

How:
1. collect_runs(document), after HTML.render() and before write_pdf(): for every text line box on every
   page, read the glyphs Pango shaped (the same Pango line draw_first_line() draws: glyph id, advance,
   and the log_clusters that say which characters each glyph comes from). Each shaping cluster (the
   glyphs drawn for one run of characters) gives its characters, in logical order, to ONE glyph, the one
   with the widest advance (the letter body, not a dot or a mark); the cluster's other glyphs get no text.
2. fix_text_layer(pdf_bytes, runs): with pikepdf, for every text line in every content stream (WeasyPrint
   starts each line box with a Tm operator), check that its glyph ids are exactly those of one recorded
   line box, then recode the line (_recode_op): every letter gets a character code of its own and a box of
   its own, from its glyph's origin to the next letter's, with no gap or overlap between them (poppler and
   most viewers build words from these boxes; WeasyPrint's own codes carry the font's widths, which leave
   gaps at Amiri's wide joins and overlaps at vowel marks). A glyph that stands for several letters shares
   its box between them, one code each, in reading order. Each code is a new glyph added to the embedded
   TrueType font (_FontCodes, _finish_font): a composite glyph that draws the original glyph, moved so its
   ink lands where it was, with the box's width as its own. So /W agrees with the font program (PDF/UA-1
   7.21.5), the font keeps /Identity-H and /CIDToGIDMap /Identity, ToUnicode maps each code to its letters,
   and the ink does not move (tests/packs/test_rtl_text_layer.py compares it glyph by glyph). A line that
   does not match, or uses a font this cannot handle (not a TrueType CID font with glyf outlines), is left
   as WeasyPrint wrote it and counted in the returned stats (the tests require 0 in every pack).
3. /ActualText: every block structure element (P, H1-H6, LBody, TD, TH, Caption) whose marked content holds
   right-to-left text gets /ActualText with its own words in logical order (the text of the line boxes it
   holds, from the layout). Never empty: an element with no text of its own gets none. None goes on LI or
   L (list labels are still read), nor on an element holding a passage in another language as a whole (that
   passage keeps its own /Lang and voice): there, each piece of the element's own right-to-left text (a Span
   of one text box, outside the passage) gets its own words, so the sentence is still read in order around
   the English names and addresses that print/pack_html.py english_isolated marks. Nothing is written into
   the content streams: poppler reverses an /ActualText span it finds on a right-to-left line.

What this relies on in WeasyPrint 70: TextBox.pango_layout (reactivate, deactivate, get_first_line),
Pango's glyph structs through weasyprint.text.ffi, one Tm per line box, two-byte Identity-H codes, embedded
TrueType font programs (FontFile2 with glyf) that keep the font's glyph ids. An
upgrade that changes these makes lines fail to match (counted: tests/packs fail) or trips the assertion that
the glyphs drawn are the glyphs read; it never silently writes wrong text. Delete this module when a
WeasyPrint release gets `pdftotext` to 95% of the words without it (upstream: WeasyPrint issue #2841).
"""
from __future__ import annotations

import io
import re
from collections import defaultdict, deque

import pikepdf

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def needed(html: str) -> bool:
    """Whether a pack's HTML holds right-to-left text (only such packs are post-processed)."""
    return bool(RTL.search(html))


def post_process(document, write_pdf, rtl: bool) -> tuple[bytes, dict]:
    """The PDF of a rendered WeasyPrint document, with its structure tree mended (pdf_structure.py) and, if
    rtl (the pack holds right-to-left text), its text layer fixed.

    write_pdf: a function that returns the PDF bytes of document (called after the lines are read)."""
    from . import pdf_structure

    runs = collect_runs(document) if rtl else None
    data = write_pdf()
    pdf = pikepdf.open(io.BytesIO(data))
    stats = pdf_structure.fix(pdf, pdf_structure.link_words(document))
    if rtl:
        stats.update(_fix_open(pdf, runs, actual_text=True))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)  # same input, same bytes (charterkit caches packs by content)
    return out.getvalue(), stats


# ---- 1. read the shaped lines from the laid-out document -------------------------------------------

def _line_glyphs(textbox):
    """[(gid, text, right to left)] for one line box, in the order draw_first_line() writes the glyph codes."""
    from weasyprint.text.ffi import ffi, pango

    layout = textbox.pango_layout
    layout.reactivate(textbox.style)
    try:
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        line, _ = layout.get_first_line()
        utf8 = layout.text.encode()
        out = []
        run = line.runs
        while run != ffi.NULL:
            glyph_item = ffi.cast("PangoGlyphItem *", run.data)
            run = run.next
            item = glyph_item.item
            glyphs = glyph_item.glyphs
            n = glyphs.num_glyphs
            clusters = [glyphs.log_clusters[i] for i in range(n)]
            starts = sorted(set(clusters))
            end_of = {s: (starts[k + 1] if k + 1 < len(starts) else item.length) for k, s in enumerate(starts)}
            # the glyph that carries each cluster's text: the widest (ties: the first in logical order)
            rtl = item.analysis.level % 2
            order = range(n - 1, -1, -1) if rtl else range(n)
            carrier: dict[int, int] = {}
            for i in order:
                g = glyphs.glyphs[i]
                if g.glyph == pango.PANGO_GLYPH_EMPTY:
                    continue
                c = clusters[i]
                if c not in carrier or g.geometry.width > glyphs.glyphs[carrier[c]].geometry.width:
                    carrier[c] = i
            texts: dict[int, str] = {}
            for i in range(n):
                g = glyphs.glyphs[i]
                if g.glyph == pango.PANGO_GLYPH_EMPTY:
                    continue  # drawn as a TJ offset, not as a glyph
                if g.glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    return None  # .notdef with a code WeasyPrint makes up: leave this line alone
                c = clusters[i]
                texts[i] = utf8[item.offset + c:item.offset + end_of[c]].decode() if carrier[c] == i else ""
            out += [(glyphs.glyphs[i].glyph, texts[i], bool(rtl)) for i in range(n) if i in texts]
        return out
    finally:
        layout.deactivate()


def _all_boxes(box, line=None):
    """(box, the line box it sits in) for box and every box under it, including absolutely positioned
    ones (outside list markers)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        line = box
    yield box, line
    for child in getattr(box, "children", ()):
        child = getattr(child, "_box", child)  # AbsolutePlaceholder -> the box it holds
        yield from _all_boxes(child, line)


def collect_runs(document) -> list[dict]:
    """Per page: {gid tuple: deque of line records}. A record: {"glyphs": [(gid, text, rtl)], "text": logical text}."""
    from weasyprint.formatting_structure import boxes

    pages = []
    for page in document.pages:
        pool: dict[tuple, deque] = defaultdict(deque)
        for box, line in _all_boxes(page._page_box):
            if isinstance(box, boxes.TextBox) and box.text.strip() and box.style["visibility"] == "visible":
                glyphs = _line_glyphs(box)
                if glyphs:
                    pool[tuple(g[0] for g in glyphs)].append({"glyphs": glyphs, "text": box.text, "line": id(line)})
        pages.append(pool)
    return pages


# ---- 2. give each (glyph, cluster text) its own code ---------------------------------------------------

def _hex_utf16(text: str) -> str:
    return text.encode("utf-16-be").hex()



def cid_widths(descendant) -> dict[int, float]:
    """The glyph widths of a CID font's descendant (its /W array: [first [w1 w2 ...]] or [first last w])."""
    import pikepdf

    widths: dict[int, float] = {}
    w = descendant.get("/W", pikepdf.Array())
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], pikepdf.Array):
            for k, width in enumerate(w[i + 1]):
                widths[first + k] = float(width)
            i += 2
        else:
            for cid in range(first, int(w[i + 1]) + 1):
                widths[cid] = float(w[i + 2])
            i += 3
    return widths

class _FontCodes:
    """New glyphs and character codes for one Type0 font: one for each (glyph id, text, shift, advance).

    Each new glyph is a TrueType composite glyph that draws the original glyph, moved by `shift` font units
    (so that, drawn at an origin `shift` further on, its ink lands exactly where it was), with `advance` as its
    width. Its character code (CID) is its glyph id (the font keeps /Identity-H and CIDToGIDMap /Identity); /W
    gives it the same width as the font program (PDF/UA-1 7.21.5) and ToUnicode its text. A glyph with no
    contours ("empty") gives a letter that has no glyph of its own (the second letter of a ligature, a mark
    drawn as part of its letter) its own place in the text.
    """

    EMPTY = -1  # the glyph id of "no glyph": an empty glyph

    def __init__(self, font: pikepdf.Dictionary):
        self.font = font
        self.desc = font.DescendantFonts[0]
        self.codes: dict[tuple[int, str, int, int], int] = {}
        self.widths: dict[int, float] = cid_widths(self.desc)
        self._program = None

    def usable(self) -> bool:
        if not (str(self.desc.get("/Subtype")) == "/CIDFontType2" and str(self.font.get("/Encoding")) == "/Identity-H"
                and str(self.desc.get("/CIDToGIDMap", "/Identity")) in ("/Identity", "")):
            return False
        if isinstance(self.desc.get("/CIDToGIDMap"), pikepdf.Stream):
            return False
        try:
            program = self.program()
        except Exception:  # not a TrueType font program fontTools can read: leave its lines alone
            return False
        return "glyf" in program and program["maxp"].numGlyphs > max(self.widths, default=0)

    def program(self):
        """The embedded font program (fontTools), read once."""
        if self._program is None:
            from fontTools.ttLib import TTFont

            data = self.desc.FontDescriptor.FontFile2.read_bytes()
            self._program = TTFont(io.BytesIO(data), lazy=False, recalcTimestamp=False)  # same input, same bytes
            self.base = self._program["maxp"].numGlyphs
            self.upem = self._program["head"].unitsPerEm
        return self._program

    def units(self, value: float) -> int:
        """A length in thousandths of the font size, in the font's own units (rounded)."""
        return round(value * self.upem / 1000)

    def width(self, units: int) -> float:
        """A length in font units, in thousandths of the font size (as /W and TJ give lengths)."""
        return units * 1000 / self.upem

    def code(self, gid: int, text: str, shift: int, advance: int) -> int:
        key = (gid, text, shift, advance)
        if key not in self.codes:
            cid = self.base + len(self.codes)
            if cid > 0xFFFF:
                raise ValueError("more than 65,536 glyphs in one font")
            self.codes[key] = cid
        return self.codes[key]


def _read_bfchars(cmap: bytes) -> dict[int, str]:
    out = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    return out


def _cmap_stream(pdf, lines: list[bytes], extra=None) -> pikepdf.Stream:
    head = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap"]
    tail = [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    s = pikepdf.Stream(pdf, b"\n".join(head + lines + tail))
    if extra:
        for k, v in extra.items():
            s[k] = v
    return s


def _finish_font(pdf, fc: _FontCodes) -> None:
    """Write fc's new glyphs into the embedded font program, and their widths and text into the font."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    font, desc = fc.font, fc.desc
    if not fc.codes:
        return
    program = fc.program()
    order = list(program.getGlyphOrder())
    glyf, hmtx = program["glyf"], program["hmtx"]
    new_names = []
    for (gid, _text, shift, advance), cid in sorted(fc.codes.items(), key=lambda kv: kv[1]):
        name = f"ck.{cid}"
        glyph = Glyph()
        if gid == _FontCodes.EMPTY:
            glyph.numberOfContours = 0
        else:
            component = GlyphComponent()
            component.glyphName = order[gid]
            component.x, component.y = -shift, 0
            component.flags = 0  # offsets exact (not rounded to the pixel grid); not USE_MY_METRICS
            glyph.numberOfContours = -1
            glyph.components = [component]
        glyf.glyphs[name] = glyph
        new_names.append((name, advance))
    program.setGlyphOrder(order + [n for n, _ in new_names])
    glyf.glyphOrder = program.getGlyphOrder()
    for name, advance in new_names:
        glyph = glyf[name]
        glyph.recalcBounds(glyf)
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))
    out = io.BytesIO()
    program.save(out)
    data = out.getvalue()
    file = desc.FontDescriptor.FontFile2
    file.write(data)
    file.Length1 = len(data)
    # ToUnicode: the old codes (glyph ids, for any line left alone) and the new codes
    old = _read_bfchars(font.ToUnicode.read_bytes())
    entries = sorted(old.items())
    entries += [(cid, text) for (_, text, _, _), cid in sorted(fc.codes.items(), key=lambda kv: kv[1])]
    lines = [b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    for k in range(0, len(entries), 100):
        batch = entries[k:k + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{c:04x}> <{_hex_utf16(t)}>".encode() for c, t in batch]
        lines.append(b"endbfchar")
    font.ToUnicode = pdf.make_indirect(_cmap_stream(pdf, lines))
    # W: each new glyph's width, as its font program gives it
    widths = dict(fc.widths)
    for (_, _, _, advance), cid in fc.codes.items():
        widths[cid] = fc.width(advance)
    w = pikepdf.Array()
    run: list = []
    start = prev = None
    for cid in sorted(widths):
        if prev is not None and cid != prev + 1:
            w.append(start)
            w.append(pikepdf.Array(run))
            run = []
            start = None
        if start is None:
            start = cid
        run.append(round(widths[cid], 3))
        prev = cid
    if run:
        w.append(start)
        w.append(pikepdf.Array(run))
    desc.W = w
    if "/CIDSet" in desc.get("/FontDescriptor", {}):  # written by WeasyPrint for PDF 1.4 and older only
        cids = sorted(widths)
        bits = bytearray((cids[-1] // 8) + 1)
        for cid in cids:
            bits[cid // 8] |= 0x80 >> (cid % 8)
        desc.FontDescriptor.CIDSet = pdf.make_indirect(pikepdf.Stream(pdf, bytes(bits)))


def _codes(s: pikepdf.String) -> list[int]:
    b = bytes(s)
    return [int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b), 2)]


def _recode_op(items: list, pairs, fc: _FontCodes) -> list:
    """The TJ array of one text-showing operator, with every glyph given a code of its own (see _FontCodes).

    Every glyph is drawn where it was. What changes is where each letter's text sits: a letter's box runs from
    its glyph's origin to the next letter's, with nothing between them, so a reader that builds words from the
    boxes (poppler's pdftotext, many PDF viewers) finds each word whole. WeasyPrint's own codes give each
    glyph the font's width, not the width the text was set with: where Amiri joins letters with a wider stroke
    or sets a vowel mark over its letter, the letters' boxes leave gaps or overlap, and poppler breaks the
    word there. A shaping cluster of several letters drawn as one glyph (a ligature, a letter with its vowel
    mark) shares the box between its letters, in reading order, each with a code of its own: a code that
    stands for several letters is read left to right by poppler, backwards in a right-to-left line.
    """
    glyphs = []  # [origin, glyph id, text, right to left], in thousandths of the font size from the operator's start
    pen = 0.0
    for it in items:
        if isinstance(it, pikepdf.String):
            for code in _codes(it):
                gid, text, rtl = next(pairs)
                if gid != code:
                    raise AssertionError("the glyphs drawn differ from the glyphs read from the layout")
                glyphs.append((pen, gid, text, rtl))
                pen += fc.widths.get(gid, 0.0)
        else:
            pen -= float(it)
    end = pen
    # each letter's box: from its origin (or the next box's start, if its glyph is drawn further on) to the next box
    carriers = [i for i, g in enumerate(glyphs) if g[2]]
    start: dict[int, float] = {}
    boundary_after: dict[int, float] = {}  # for each glyph: where the next letter's box starts
    following = end
    for i in range(len(glyphs) - 1, -1, -1):
        boundary_after[i] = following
        if glyphs[i][2]:
            start[i] = min(glyphs[i][0], following)
            following = start[i]
    pieces = []  # (origin wanted, glyph id, text, origin drawn, box end)
    for i, (x, gid, text, rtl) in enumerate(glyphs):
        if not text:  # part of a cluster whose letters another glyph carries: no text (poppler and pypdf skip it
            # cleanly), no width, at a box's edge
            at = boundary_after[i]
            pieces.append((at, gid, "", x, at))
            continue
        b, e = start[i], boundary_after[i]
        letters = list(text)
        if rtl and len(letters) > 1:
            share = (e - b) / len(letters)
            for k, letter in enumerate(reversed(letters[1:])):  # the last letter leftmost
                pieces.append((b + k * share, _FontCodes.EMPTY, letter, None, b + (k + 1) * share))
            pieces.append((b + (len(letters) - 1) * share, gid, letters[0], x, e))
        else:
            pieces.append((b, gid, text, x, e))
    out: list = []
    buf = bytearray()
    pen = 0.0
    for want, gid, text, drawn, box_end in pieces:
        if gid == _FontCodes.EMPTY:
            shift, origin = 0, want
        else:
            shift = fc.units(want - drawn)
            origin = drawn + fc.width(shift)
        advance = max(0, fc.units(box_end - origin))
        move = round(origin - pen, 3)
        if move:
            if buf:
                out.append(pikepdf.String(bytes(buf)))
                buf = bytearray()
            out.append(-move)
        buf += fc.code(gid, text, shift, advance).to_bytes(2, "big")
        pen = origin + fc.width(advance)
    if buf:
        out.append(pikepdf.String(bytes(buf)))
    move = round(end - pen, 3)
    if move:
        out.append(-move)
    return out


def _rewrite_stream(pdf, owner, resources, pool, fonts: dict, stats: dict, mcid_text: dict) -> None:
    """Rewrite one content stream (a page or a form XObject) in place."""
    ops = list(pikepdf.parse_content_stream(owner))
    font_res = resources.get("/Font", {}) if resources is not None else {}
    # segment the text into line boxes: WeasyPrint begins each with Tm
    segments: list[list[int]] = []  # indices of TJ/Tj ops per line
    seg_font: list[list] = []
    current = None
    font = None
    mcid_stack: list = []
    seg_mcid: list = []
    for idx, (operands, op) in enumerate(ops):
        name = str(op)
        if name == "BDC":
            props = operands[1] if len(operands) > 1 else None
            mcid_stack.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None)
        elif name == "BMC":
            mcid_stack.append(None)
        elif name == "EMC":
            if mcid_stack:
                mcid_stack.pop()
        elif name == "Tm":
            current = []
            segments.append(current)
            seg_font.append([])
            seg_mcid.append(next((m for m in reversed(mcid_stack) if m is not None), None))
        elif name == "Tf":
            font = str(operands[0])
        elif name in ("TJ", "Tj") and current is not None:
            current.append(idx)
            seg_font[-1].append(font)
    replace: dict[int, list] = {}
    for seg, seg_fonts, mcid in zip(segments, seg_font, seg_mcid):
        gids = []
        for idx in seg:
            operands, op = ops[idx]
            items = operands[0] if str(op) == "TJ" else [operands[0]]
            for it in items:
                if isinstance(it, pikepdf.String):
                    gids += _codes(it)
        queue = pool.get(tuple(gids))
        if not queue:
            stats["lines_unmatched"] += 1
            continue
        fdicts = [font_res.get(f) for f in seg_fonts]
        if not all(f is not None and str(f.get("/Subtype")) == "/Type0" for f in fdicts) or not all(
                fonts.setdefault(f.objgen, _FontCodes(f)).usable() for f in fdicts):
            stats["lines_unmatched"] += 1  # a font this module does not handle: leave the line as it is
            continue
        record = queue.popleft()
        stats["lines_fixed"] += 1
        if mcid is not None:
            mcid_text[mcid].append((record["line"], record["text"]))
        pairs = iter(record["glyphs"])
        for idx, fname in zip(seg, seg_fonts):
            operands, op = ops[idx]
            fc = fonts[font_res.get(fname).objgen]
            items = list(operands[0]) if str(op) == "TJ" else [operands[0]]
            out_ops = [pikepdf.ContentStreamInstruction([pikepdf.Array(_recode_op(items, pairs, fc))],
                                                        pikepdf.Operator("TJ"))]
            replace[idx] = out_ops
    ops = [new for idx, ins in enumerate(ops) for new in replace.get(idx, [ins])]
    data = pikepdf.unparse_content_stream(ops)
    if "/Contents" in owner:  # a page
        owner.Contents.write(data)
    else:  # a form XObject
        owner.write(data)


def fix_text_layer(pdf_bytes: bytes, runs: list[dict], actual_text: bool = False) -> tuple[bytes, dict]:
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    stats = _fix_open(pdf, runs, actual_text)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)  # same input, same bytes (charterkit caches by content)
    return out.getvalue(), stats


def _fix_open(pdf, runs: list[dict], actual_text: bool = False) -> dict:
    stats = {"lines_fixed": 0, "lines_unmatched": 0}
    fonts: dict = {}
    page_mcid_text = []
    for page, pool in zip(pdf.pages, runs):
        mcid_text: dict[int, list[str]] = defaultdict(list)
        page.contents_coalesce()
        _rewrite_stream(pdf, page.obj, page.obj.Resources, pool, fonts, stats, mcid_text)
        for name, xobj in page.obj.Resources.get("/XObject", {}).items():
            if xobj.get("/Subtype") == "/Form":
                _rewrite_stream(pdf, xobj, xobj.get("/Resources", page.obj.Resources), pool, fonts, stats, mcid_text)
        page_mcid_text.append(mcid_text)
    for fc in fonts.values():
        _finish_font(pdf, fc)
    stats["codes_added"] = sum(len(fc.codes) for fc in fonts.values())
    if actual_text:
        stats["actualtext_set"] = _set_actual_text(pdf, page_mcid_text)
    return stats


# ---- 3. /ActualText on right-to-left structure elements ---------------------------------------------

BLOCKS = {"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/LBody", "/TD", "/TH", "/Caption"}


def _set_actual_text(pdf, page_mcid_text) -> int:
    """On each block-level structure element (P, H1-H6, LBody, TH, TD, Caption) whose text is right to left,
    set /ActualText to its text in logical order: its line boxes' text, in structure order."""
    page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    count = 0

    def texts(elem, page_i):
        """The texts under elem, in structure (logical) order."""
        out = []
        pg = elem.get("/Pg")
        if pg is not None:
            page_i = page_index.get(pg.objgen, page_i)
        kids = elem.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for k in kids:
            if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer):
                if page_i is not None:
                    out += page_mcid_text[page_i].get(int(k), [])
            elif isinstance(k, pikepdf.Dictionary):
                if k.get("/Type") == "/MCR":
                    pi = page_index.get(k.Pg.objgen, page_i) if "/Pg" in k else page_i
                    out += page_mcid_text[pi].get(int(k.MCID), [])
                elif k.get("/Type") == "/OBJR":
                    continue
                else:
                    out += texts(k, page_i)
        return out

    def joined(pieces) -> str:
        text = ""
        last_line = None
        for line, piece in pieces:  # pieces of one line box join as they are; lines with a space
            text += piece if line == last_line or last_line is None else " " + piece
            last_line = line
        return text

    def walk(elem, page_i):
        nonlocal count
        if not isinstance(elem, pikepdf.Dictionary):
            return
        pg = elem.get("/Pg")
        if pg is not None:
            page_i = page_index.get(pg.objgen, page_i)
        if str(elem.get("/S")) in BLOCKS:
            if "/ActualText" in elem:
                return
            if _other_lang_inside(elem):
                # a passage in another language inside (an English name, address or short form, see
                # print/pack_html.py english_isolated): that passage keeps its /Lang and its own text, and each
                # piece of the element's own text around it (a Span of one text box) gets its words in logical
                # order, keeping the spaces at its edges, which separate it from the passage next to it
                last_line = None  # the line box of the text before (a new line box is a space to a reader)
                for span, span_page, own in _text_spans(elem, page_i):
                    pieces = texts(span, span_page)
                    if not own:
                        last_line = pieces[-1][0] if pieces else last_line
                        continue
                    text = ""
                    for line, piece in pieces:
                        text += piece if line == last_line or last_line is None else " " + piece
                        last_line = line
                    text = re.sub(r"\s+", " ", text)
                    # a piece of punctuation alone between two passages (")، ", "، © ") too: its text layer is in
                    # the order it is drawn, right to left
                    if text.strip() and RTL.search(text) and "/ActualText" not in span:
                        span.ActualText = pikepdf.String(text)
                        count += 1
                return
            text = " ".join(joined(texts(elem, page_i)).split())
            if text and RTL.search(text):
                elem.ActualText = pikepdf.String(text)
                count += 1
            return
        kids = elem.get("/K")
        for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(k, pikepdf.Dictionary):
                walk(k, page_i)

    walk(pdf.Root.StructTreeRoot, None)
    return count


def _text_spans(elem, page_i, lang=None):
    """(structure element, page, in elem's language) for the parts of elem's text in reading order: every element
    under elem that holds marked content of its own (WeasyPrint's Span of one text box) in elem's language, and
    every element with another /Lang (a passage, as one part)."""
    lang = lang if lang is not None else str(elem.get("/Lang", ""))
    for k in _struct_kids(elem):
        if "/Lang" in k and str(k.Lang) != lang:
            yield k, page_i, False  # a passage in another language: left to its own text layer and voice
        elif any(not _is_struct(kid) for kid in _all_kids(k)) and not _other_lang_inside(k, lang):
            yield k, page_i, True
        else:
            yield from _text_spans(k, page_i, lang)


def _all_kids(elem) -> list:
    kids = elem.get("/K")
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []


def _is_struct(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def _struct_kids(elem) -> list:
    return [k for k in _all_kids(elem) if _is_struct(k)]


def _other_lang_inside(elem, lang=None) -> bool:
    """True if a structure element under elem says it is in another language than elem: /ActualText would
    make a screen reader read that passage with elem's voice, so such an element is left to its text layer."""
    lang = lang or str(elem.get("/Lang", ""))
    kids = elem.get("/K")
    for k in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            if "/Lang" in k and str(k.Lang) != lang:
                return True
            if _other_lang_inside(k, lang):
                return True
    return False
