"""The one place charterkit talks to WeasyPrint: fonts, rendering an HTML string to an accessible PDF.

Everything here runs in the worker processes of generator/print/packs.py, so it takes and returns
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
  page furniture as artifacts; it also has each SVG picture stored once per PDF (a form XObject) instead of
  drawn again at every use. A pack with right-to-left text is then post-processed by
  pdf_textlayer.py (ToUnicode by shaping cluster, logical /ActualText on its structure elements).
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..diskerrors import write_whole

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


FONT_CACHE = Path(".charterkit-cache") / "fonts"  # inside the project folder, unless the build says otherwise


def _ttf_name(root: Path, rel: str) -> str:
    return f"{Path(rel).stem}-{file_digest(root / FONTSOURCE / rel)[:12]}.ttf"


def prepare_fonts(root: Path, langs, folder: Path | None = None) -> None:
    """Unpack the woff2 files the packs need into folder (default: the project's .charterkit-cache/fonts/) once.

    WeasyPrint unpacks a woff2 font every time a document declares it (about 0.3 s a file); packs
    declare the unpacked TrueType files instead. The names carry the woff2's hash, so an updated
    font package gives new files.
    """
    from fontTools.ttLib import TTFont

    folder = Path(folder) if folder is not None else root / FONT_CACHE
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


#: How a pack's CSS names an unpacked font: "charterkit-fonts:<file>", which the fetcher (project_fetcher)
#: finds in the build's fonts folder. So the CSS, and with it the pack's cache key, is the same wherever the
#: cache folder is (build/caches.py).
FONT_SCHEME = "charterkit-fonts"


def font_css(lang: str, root: Path) -> str:
    """@font-face rules for a pack in lang, naming the fonts prepare_fonts() unpacked (see FONT_SCHEME)."""
    out = []
    for face in fonts_for(lang):
        for weight, style, rel in face.files():
            limit = f" unicode-range: {face.unicode_range};" if face.unicode_range else ""
            out.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {weight}; font-style: {style}; '
                       f'src: url("{FONT_SCHEME}:{_ttf_name(root, rel)}") format("truetype");{limit} }}')
    latin = ", ".join(f'"{f.family}"' for f in LATIN)
    out.append(f":root {{ font-family: {font_stack(lang)}; }}")
    # the page margins (running header, page numbers) do not inherit from the document
    out.append("@page { " + " ".join(f"@{box} {{ font-family: {font_stack(lang)}; }}"
                                      for box in ("top-left", "top-right", "bottom-center")) + " }")
    # a passage in a Latin-script language inside a pack in another script: Latin fonts first
    out.append(f':lang(en), :lang(pl), :lang(gd), :lang(cy), :lang(ga) {{ font-family: {latin}; }}')
    return "\n".join(out) + "\n"


def system_fonts_digest() -> str:
    """A hash of the fonts installed on this computer (the ones fontconfig knows, with each file's size and
    time). The packs name their own fonts, but WeasyPrint takes a character none of them has (a symbol, a
    script nobody planned for) from the system's fonts: a pack made before `apt-get install fonts-...` can
    differ from one made after, so this is part of every pack's cache key.

    From `fc-list` (Debian's fontconfig package, which WeasyPrint's Pango uses too); where there is no
    fc-list, from the usual font folders."""
    import shutil
    import subprocess

    files: list[str] = []
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run([fc_list, "--format", "%{file}\n"], capture_output=True, text=True, timeout=60,
                                 check=True).stdout
            files = out.splitlines()
        except (OSError, subprocess.SubprocessError):
            fc_list = None
    if not fc_list:
        folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
                   Path.home() / ".local" / "share" / "fonts"]
        for folder in folders:
            for dirpath, _, names in os.walk(folder):
                files.extend(os.path.join(dirpath, n) for n in names)
    h = hashlib.sha256(b"fc-list" if fc_list else b"folders")
    for name in sorted(set(files)):
        try:
            st = os.stat(name)
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        except OSError:
            h.update(f"{name}\0-\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (worked out again when its size or time changes, as under `serve`)."""
    st = os.stat(path)
    return _file_digest(Path(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=256)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
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
    fonts: str = ""  # the folder of the unpacked fonts (prepare_fonts; default: the project's .charterkit-cache/fonts)


@dataclass(frozen=True)
class RenderResult:
    key: str
    out: str
    pages: int
    bytes: int
    seconds: float
    warnings: tuple[str, ...] = ()


def _tag_structure() -> None:
    """WeasyPrint's tagged PDF with charterkit's changes (/Lang on passages, page margins as artifacts, each SVG
    picture stored once per PDF): generator/print/weasyprint_engine/patches.py says what each works around and
    why it cannot be done through WeasyPrint's public API."""
    from .weasyprint_engine.patches import install

    install()


def project_fetcher(base_url: str, fonts: str = ""):
    """WeasyPrint's fetcher, allowed to read only the project's own files (the pictures in the project and in
    node_modules/) and the fonts prepare_fonts() unpacked into fonts (FONT_SCHEME): no other file on the
    computer, and nothing from the network. (The packs' words are made safe before this, see
    markup/sanitise.py; this is a second line of defence.)"""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    root = Path(unquote(urlsplit(base_url).path)).resolve()
    allowed = [root, (root / "node_modules").resolve()]
    font_folder = Path(fonts).resolve() if fonts else root / FONT_CACHE

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(FONT_SCHEME + ":"):
                name = unquote(url[len(FONT_SCHEME) + 1:])
                if "/" not in name and "\\" not in name and not name.startswith("."):
                    return super().fetch((font_folder / name).as_uri(), headers)
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

    from . import pdf_forms, pdf_textlayer

    _tag_structure()
    started = time.perf_counter()
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        fonts = FontConfiguration()
        fetcher = project_fetcher(job.base_url, job.fonts)
        stylesheet = CSS(string=job.css, base_url=job.base_url, font_config=fonts, url_fetcher=fetcher)
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1", pdf_forms=True)
        # the engagement tools: the last writing box on each page fills the space left on it (pdf_forms.py)
        fill = pdf_forms.fill_css(document) if "<textarea" in job.html else ""
        if fill:
            filled = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render(
                stylesheets=[stylesheet, CSS(string=fill, font_config=fonts, url_fetcher=fetcher)],
                font_config=fonts, pdf_variant="pdf/ua-1", pdf_forms=True)
            if len(filled.pages) == len(document.pages):
                document = filled
        # structure mended (pdf_structure.py) and right-to-left text layer fixed (pdf_textlayer.py)
        pdf, text_layer = pdf_textlayer.post_process(
            document, lambda: document.write_pdf(pdf_variant="pdf/ua-1", pdf_forms=True),
            rtl=pdf_textlayer.needed(job.html))
        if "<input" in job.html or "<textarea" in job.html:  # form fields mended (pdf_forms.py)
            pdf = pdf_forms.mend(pdf, job.html)
    finally:
        logger.removeHandler(handler)
    write_whole(Path(job.out), pdf)
    warnings = tuple(line for line in log.getvalue().splitlines() if line.strip())
    if text_layer.get("lines_unmatched"):
        warnings += (f"{text_layer['lines_unmatched']} text lines kept WeasyPrint's own text layer, which copy and "
                     "search may read wrongly in Arabic script (see generator/print/pdf_textlayer.py)",)
    return RenderResult(job.key, job.out, len(document.pages), len(pdf), time.perf_counter() - started, warnings)


def _worker_init() -> None:
    _tag_structure()
