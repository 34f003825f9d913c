"""The one place charterkit talks to WeasyPrint: fonts, rendering an HTML string to an accessible PDF.

Everything here runs in the worker processes of generator/render/packs.py, so it takes and returns
plain data (strings, paths, numbers) that can cross a process boundary.

- Fonts come from node_modules/@fontsource (installed by `make build`), never from the system.
  fontsource splits a font into one file per script under one family name; WeasyPrint embeds only
  one file per family and weight, so each script's file gets a family of its own ("CK Latin",
  "CK Latin Ext", "CK Amiri", ...) and every text lists the script's family first, then Latin
  (see ../shared/FACTS.md).
- Arabic and Urdu print in fonts whose glyphs carry their own dots (Amiri, Scheherazade New), not in the
  website's Noto Naskh and Nastaliq: see docs/rtl-text-layer.md for why and what was measured.
- PDFs are pdf/ua-1: tagged, /Lang, title shown, page furniture as artifacts, figures with /Alt.
  _tag_structure() adds what WeasyPrint 70 leaves out: /Lang on passages in another language, and
  page furniture as artifacts. A pack with right-to-left text is then post-processed by
  pdf_textlayer.py (ToUnicode by shaping cluster, logical /ActualText on its structure elements).
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONTSOURCE = Path("node_modules") / "@fontsource"


@dataclass(frozen=True)
class FontFace:
    family: str  # the family name used in CSS
    package: str  # the @fontsource package
    subset: str  # the fontsource subset file
    weights: tuple[int, ...]
    italic: bool = False
    unicode_range: str = ""  # the characters this face may draw (CSS unicode-range); "" for all it has

    def files(self) -> list[tuple[int, str, str]]:
        styles = ("normal", "italic") if self.italic else ("normal",)
        return [(w, s, f"{self.package}/files/{self.package}-{self.subset}-{w}-{s}.woff2")
                for w in self.weights for s in styles]


# No italic faces: the packs never use italics (they are harder to read; emphasis is bold).
LATIN = (FontFace("CK Latin", "atkinson-hyperlegible", "latin", (400, 700)),
         FontFace("CK Latin Ext", "atkinson-hyperlegible", "latin-ext", (400, 700)))
# Arabic script in print (docs/rtl-text-layer.md). The website keeps Noto Naskh Arabic and Noto Nastaliq
# Urdu, where browsers draw the text. In a PDF made by WeasyPrint, fonts that draw a letter as a shared
# skeleton plus separate dots (both Noto faces) give a text layer that copy, search and extraction cannot
# read; Amiri and Scheherazade New draw each dotted letter as one glyph.
# fontsource's Amiri "arabic" file holds "(" but not ")": limited to the Arabic ranges, both brackets of a
# right-to-left "(...)" come from the Latin font and face the right way.
AMIRI = FontFace("CK Amiri", "amiri", "arabic", (400, 700),
                 unicode_range="U+0020, U+00A0, U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, "
                               "U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, "
                               "U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC")
# Urdu: never Amiri, which draws heh goal (ہ) with Arabic heh forms, so "ہے" looks like "ھے". Scheherazade
# New is a Naskh-style face with the Urdu letter forms. Nastaliq is not used in print: with WeasyPrint its
# text layer reads at about 80% in pdftotext and 7-13% in browsers (every letter sits on its own height).
SCHEHERAZADE = FontFace("CK Scheherazade", "scheherazade-new", "arabic", (400, 700))

# Languages written in a script Atkinson Hyperlegible does not cover, and the font for it.
SCRIPT_FONTS: dict[str, tuple[FontFace, ...]] = {
    "ar": (AMIRI,), "fa": (AMIRI,), "ps": (AMIRI,), "ku": (AMIRI,),
    "ur": (SCHEHERAZADE,),
}


def fonts_for(lang: str) -> tuple[FontFace, ...]:
    return SCRIPT_FONTS.get(lang.split("-")[0], ()) + LATIN


def font_stack(lang: str) -> str:
    return ", ".join(f'"{f.family}"' for f in fonts_for(lang))


def font_files(root: Path, lang: str) -> list[Path]:
    return [root / FONTSOURCE / rel for face in fonts_for(lang) for _, _, rel in face.files()]


FONT_CACHE = Path(".charterkit-cache") / "fonts"


def _ttf_name(root: Path, rel: str) -> str:
    return f"{Path(rel).stem}-{file_digest(root / FONTSOURCE / rel)[:12]}.ttf"


def prepare_fonts(root: Path, langs) -> None:
    """Unpack the woff2 files the packs need into .charterkit-cache/fonts/ once.

    WeasyPrint unpacks a woff2 font every time a document declares it (about 0.3 s a file); packs
    declare the unpacked TrueType files instead. The names carry the woff2's hash, so an updated
    font package gives new files.
    """
    from fontTools.ttLib import TTFont

    folder = root / FONT_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        for face in fonts_for(lang):
            for _, _, rel in face.files():
                target = folder / _ttf_name(root, rel)
                if target.exists():
                    continue
                font = TTFont(str(root / FONTSOURCE / rel))
                font.flavor = None
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                font.save(str(tmp), reorderTables=False)
                os.replace(tmp, target)


def font_css(lang: str, root: Path) -> str:
    """@font-face rules for a pack in lang, with URLs relative to the project folder (see prepare_fonts)."""
    out = []
    for face in fonts_for(lang):
        for weight, style, rel in face.files():
            limit = f" unicode-range: {face.unicode_range};" if face.unicode_range else ""
            out.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {weight}; font-style: {style}; '
                       f'src: url("{(FONT_CACHE / _ttf_name(root, rel)).as_posix()}") format("truetype");{limit} }}')
    latin = ", ".join(f'"{f.family}"' for f in LATIN)
    out.append(f":root {{ font-family: {font_stack(lang)}; }}")
    # the page margins (running header, page numbers) do not inherit from the document
    out.append("@page { " + " ".join(f"@{box} {{ font-family: {font_stack(lang)}; }}"
                                      for box in ("top-left", "top-right", "bottom-center")) + " }")
    # a passage in a Latin-script language inside a pack in another script: Latin fonts first
    out.append(f':lang(en), :lang(pl), :lang(gd), :lang(cy), :lang(ga) {{ font-family: {latin}; }}')
    return "\n".join(out) + "\n"


@lru_cache(maxsize=256)
def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


# ---- rendering (runs in worker processes) ---------------------------------------------------------

@dataclass(frozen=True)
class RenderJob:
    key: str  # content hash: the cache file name
    html: str
    css: str
    base_url: str  # the project folder, so relative URLs (fonts, pictures) resolve
    out: str  # where to write the PDF


@dataclass(frozen=True)
class RenderResult:
    key: str
    out: str
    pages: int
    bytes: int
    seconds: float
    warnings: tuple[str, ...] = ()


_PATCHED = False


def _tag_structure() -> None:
    """Two additions to WeasyPrint 70's tagged PDF, applied once per process.

    They wrap WeasyPrint functions (draw.draw_stacking_context, pdf.stream.Stream.marked,
    pdf.tags._build_box_tree) whose shape is pinned by requirements.lock (weasyprint==70.0);
    tests/packs check their effect on every pack, so an upgrade that breaks them fails the tests.

    1. /Lang: WeasyPrint does not copy an element's lang attribute into the structure tree, so a
       passage marked lang="en" inside an Arabic pack would be read with the Arabic voice. Every
       structure element made from an element with a lang attribute gets that /Lang.
    2. Page furniture as artifacts: WeasyPrint 70 marks the text of the page margins (running
       header, "Page 3 of 14") as tagged content that it leaves out of the structure tree (it says
       artifacts there need PDF 2.0). PDF/UA-1 wants such content marked /Artifact in the page,
       which is what happens here: margin boxes are drawn inside an /Artifact sequence, untagged.
    (Right-to-left text gets its /ActualText from pdf_textlayer.py, after the PDF is written, from the
    layout: a third addition here gave it from the HTML element, and gave "" to every later structure
    element made from the same element, such as the LI of a list item, which hid the whole item.)
    """
    global _PATCHED
    if _PATCHED:
        return
    from contextlib import contextmanager

    import pydyf
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import stream as pdf_stream
    from weasyprint.pdf import tags

    for owner, name in ((draw, "draw_stacking_context"), (pdf_stream.Stream, "marked"), (tags, "_build_box_tree")):
        if not callable(getattr(owner, name, None)):
            raise RuntimeError(f"WeasyPrint {__import__('weasyprint').__version__} has no {name}: charterkit's "
                               "additions to tagged PDF were written for WeasyPrint 70 (see requirements.lock).")

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

    original_marked = pdf_stream.Stream.marked

    @contextmanager
    def marked(self, box, tag):
        if getattr(self, "_ck_furniture", False):
            yield  # inside the margin's /Artifact: not tagged
        else:
            with original_marked(self, box, tag):
                yield

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

    draw.draw_stacking_context = draw_stacking_context
    pdf_stream.Stream.marked = marked
    tags._build_box_tree = build_box_tree
    _PATCHED = True


def project_fetcher(base_url: str):
    """WeasyPrint's fetcher, allowed to read only the project's own files (the fonts in
    .charterkit-cache/fonts/, the pictures in node_modules/): no other file on the computer, and nothing
    from the network. (The packs' words are made safe before this, see render/sanitize.py; this is a
    second line of defence.)"""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    root = Path(unquote(urlsplit(base_url).path)).resolve()
    allowed = [root, (root / "node_modules").resolve()]

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if any(path == folder or folder in path.parents for folder in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"{parts.scheme or 'this'} address is not one of the project's own files")

    return ProjectFetcher(allowed_protocols=("file",))


def render(job: RenderJob) -> RenderResult:
    """Render one pack to a PDF file. Deterministic: same job, same bytes."""
    import logging
    import time

    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from . import pdf_textlayer

    _tag_structure()
    started = time.perf_counter()
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        fonts = FontConfiguration()
        fetcher = project_fetcher(job.base_url)
        stylesheet = CSS(string=job.css, base_url=job.base_url, font_config=fonts, url_fetcher=fetcher)
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1")
        # structure mended (pdf_structure.py) and right-to-left text layer fixed (pdf_textlayer.py)
        pdf, text_layer = pdf_textlayer.post_process(document, lambda: document.write_pdf(pdf_variant="pdf/ua-1"),
                                                     rtl=pdf_textlayer.needed(job.html))
    finally:
        logger.removeHandler(handler)
    out = Path(job.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pdf)
    os.replace(tmp, out)
    warnings = tuple(line for line in log.getvalue().splitlines() if line.strip())
    if text_layer.get("lines_unmatched"):
        warnings += (f"{text_layer['lines_unmatched']} text lines kept WeasyPrint's own text layer, which copy and "
                     "search may read wrongly in Arabic script (see generator/render/pdf_textlayer.py)",)
    return RenderResult(job.key, job.out, len(document.pages), len(pdf), time.perf_counter() - started, warnings)


def _worker_init() -> None:
    _tag_structure()
