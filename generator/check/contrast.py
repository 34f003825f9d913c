"""`charterkit check contrast`: the colour contrast of every palette the theme offers.

What it checks. Every colour pair in PAIRS, in every palette in PALETTES, against WCAG 2.x contrast:

  body text   7:1    running text and links on the website (the theme's own aim, WCAG 1.4.6)
  text        4.5:1  other text (WCAG 1.4.3)
  large text  3:1    text of 18 pt, or 14 pt bold, and larger (WCAG 1.4.3)
  interface   3:1    what shows a control or its state: edges of fields, buttons' icons (WCAG 1.4.11)
  focus       3:1    the focus indicator against what is next to it (WCAG 1.4.11 and 2.4.13)

On easy-read palettes (easy-read pages and the easy-read packs) every kind of text needs 7:1: large text
gets no lower allowance there.

Where the colours come from. A pair names its colours the way the CSS does, so the check follows the
theme's CSS rather than a copy of it:

  css(SELECTOR | SELECTOR; PROPERTY | PROPERTY; MEDIA)
        the value the cascade gives PROPERTY for an element matched by any of the SELECTORs (written as
        in the stylesheets; "a:hover" also finds "a:focus,a:hover"), from the palette's stylesheets in
        order: Material's own CSS first, then the theme's. Of the rules found, !important wins, then the
        more specific selector, then the later rule. Rules inside "@media" count only when MEDIA (for
        example "min-width:60em") is part of their condition; "@media print" rules count in print
        palettes. A shorthand (border, outline, box-shadow, background) gives its colour; "box-shadow#2"
        is the second of several shadows.
  var(--name)          a custom property of the palette, with Material's defaults underneath the theme's
  #hex, rgb(), a name  a colour written out
  A at 70%             A with that opacity (the number may be a css(...) lookup of an opacity)
  A else B             B when A is not set, or is "inherit" or "currentcolor" (the colour comes from elsewhere)
  A over B             A painted over B (alpha colours are blended over what is really behind them);
                       "A else B over C" is "(A else B) over C"

Anything still transparent at the bottom is painted on white (the browser's canvas, or the paper).

Not checked, on purpose: decorative lines that mark no control (card edges, table cell lines, rules
between points, the ruled writing lines inside a print pack's answer box), and pictures.

The numbers. Relative luminance and contrast ratio as WCAG 2.x defines them (sRGB, with the 0.04045
threshold of the sRGB standard; for 8-bit colours it gives the same results as WCAG's 0.03928). Ratios are
not rounded up: 4.499:1 fails 4.5:1.

Adding a palette or a pair is one line in PALETTES or PAIRS. The check also looks for palettes the theme
offers that the table does not list (a colour scheme in the theme's settings or CSS, a stylesheet in
theme/assets/ or theme/print/ that no palette reads) and reports them, so none is left unchecked.

The CSS is read with tinycss2, which WeasyPrint already needs (pinned in requirements.lock).
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ---- thresholds -----------------------------------------------------------------------------------

KINDS = {
    "body text": (7.0, "WCAG 1.4.6; the theme aims at 7:1 for body text and links"),
    "text": (4.5, "WCAG 1.4.3"),
    "large text": (3.0, "WCAG 1.4.3, large text"),
    "interface": (3.0, "WCAG 1.4.11"),
    "focus": (3.0, "WCAG 1.4.11 and 2.4.13"),
}
TEXT_KINDS = {"body text", "text", "large text"}
EASY_READ_TEXT = 7.0


# ---- the palettes ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Palette:
    """One set of colours a reader can get.

    sheets: the stylesheets, in the order the page or pack loads them ("material:main" and
    "material:palette" are Material's own, from the installed mkdocs-material). groups: which groups of
    PAIRS apply. scheme: Material's colour scheme (website palettes). easy_read: all text needs 7:1.
    scope: selectors of elements inside the page whose custom properties apply too (e.g. ".ck-easy-read").
    """

    name: str
    medium: str                  # "screen" or "print"
    sheets: tuple[str, ...]
    groups: tuple[str, ...]
    scheme: str | None = None
    easy_read: bool = False
    scope: tuple[str, ...] = ()


WEB_SHEETS = ("material:main", "material:palette", "theme/assets/fonts.css", "theme/assets/charterkit.css",
              "theme/assets/easy-read.css")
PRINT = "theme/print/"

PALETTES = (
    Palette("website", "screen", WEB_SHEETS, ("site",), scheme="default"),
    Palette("easy-read pages", "screen", WEB_SHEETS, ("site", "easy-read"), scheme="default", easy_read=True,
            scope=(".ck-easy-read", ".md-typeset .ck-easy-read")),
    Palette("standard print pack", "print", (PRINT + "print.css", PRINT + "document.css"),
            ("print", "print-document")),
    Palette("large print pack", "print", (PRINT + "print.css", PRINT + "document.css", PRINT + "large-print.css"),
            ("print", "print-document")),
    Palette("easy-read print pack", "print", (PRINT + "print.css", PRINT + "easy-read.css"),
            ("print", "print-easy-read"), easy_read=True),
    Palette("staff tools pack", "print", (PRINT + "print.css", PRINT + "tools.css"), ("print", "print-tools")),
    Palette("easy-read survey pack", "print", (PRINT + "print.css", PRINT + "easy-read.css", PRINT + "tools.css"),
            ("print", "print-easy-read", "print-tools"), easy_read=True),
)


# ---- the pairs ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    """One colour pair: what (element), its foreground and background (see the module's help for how they
    are written), which kind of threshold applies, and why the pair matters."""

    group: str
    element: str
    fg: str
    bg: str
    kind: str
    why: str


PAGE = "css(body; background-color)"
TINT = "css(.md-typeset dl.ck-meta; background-color)"
HEADER = "css(.md-header; background-color)"
FOOTER = "css(.md-footer-meta; background-color) over css(.md-footer; background-color)"
TEXT = "css(.md-typeset | body; color)"
LINK = "css(.md-typeset a; color)"
VISITED = "css(.md-typeset a:visited; color)"
WIDE = "min-width:60em"
SMALL = "max-width:76.234375em"
SEARCH_FORM = f"css(.md-search__form; background-color; {WIDE}) over {HEADER}"
SEARCH_OPEN = "[data-md-toggle=search]:checked~.md-header .md-search__form"
RESULTS = "css(.md-search__scrollwrap; background-color)"
NOTICE = "css(.md-typeset .ck-notice; background-color | background)"
DETAILS = "css(.md-typeset .admonition | .md-typeset details; background-color)"
SUMMARY = f"css(.md-typeset .admonition-title | .md-typeset summary; background-color | background) over {DETAILS}"
PAPER = "css(body | :root; background-color | background) else #ffffff"
INK = "css(body | :root | html; color)"
BOX_NOTE = f"css(.ck-box-note; background-color | background) over {PAPER}"

PAIRS = (
    # -- the website: text on the page --------------------------------------------------------------
    Pair("site", "body text", TEXT, PAGE, "body text", "most of what people read"),
    Pair("site", "headings", "css(.md-typeset h1; color)", PAGE, "body text", "page and section headings"),
    Pair("site", "line above a heading (document name)", "css(.md-typeset .ck-kicker; color)", PAGE, "text",
         "secondary text"),
    Pair("site", "item type and number", "css(.md-typeset .ck-type | .md-typeset .ck-number; color)", PAGE, "text",
         "secondary text"),
    Pair("site", "glossary: where a word comes from", "css(.md-typeset .ck-from; color)", PAGE, "text",
         "secondary text"),
    Pair("site", "card label (kind of document)", "css(.md-typeset .ck-card-kind; color)", PAGE, "text",
         "secondary text"),
    Pair("site", "'In short' and 'In full' labels", "css(.md-typeset .ck-label; color)", PAGE, "text",
         "secondary text"),
    Pair("site", "picture credit", "css(.md-typeset .ck-credit; color)", PAGE, "text", "small secondary text"),
    Pair("site", "note above English shown on a translated page", "css(.md-typeset .ck-fallback-note; color)",
         PAGE, "text", "the fallback-language notice"),
    Pair("site", "translation notice", f"css(.md-typeset .ck-notice; color) else {TEXT}", NOTICE, "body text",
         "tells readers a page is a draft or not translated yet"),
    Pair("site", "link in a translation notice", LINK, NOTICE, "body text", "links in the notice"),
    Pair("site", "quote", "css(.md-typeset blockquote.ck-quote; color)",
         "css(.md-typeset blockquote.ck-quote; background-color)", "body text", "quotes from people"),
    Pair("site", "who said a quote", "css(.md-typeset blockquote.ck-quote footer; color)",
         "css(.md-typeset blockquote.ck-quote; background-color)", "text", "secondary text on a tint"),
    Pair("site", "plain quote (Markdown >)", "css(.md-typeset blockquote; color)", PAGE, "text",
         "Material greys plain quotes"),
    Pair("site", "document details box (source, publisher)", f"css(.md-typeset dl.ck-meta; color) else {TEXT}",
         TINT, "body text", "text on the tinted box"),
    Pair("site", "table headings", f"css(.md-typeset .ck-table thead th; color) else {TEXT}",
         "css(.md-typeset .ck-table thead th; background-color)", "body text", "text on the tinted table header"),
    Pair("site", "column names in crosswalk tables", "css(.md-typeset .ck-col-name; color)",
         "css(.md-typeset .ck-table thead th; background-color)", "text", "secondary text on a tint"),
    Pair("site", "crosswalk cells marked yes", f"css(.md-typeset .ck-matrix td.ck-yes; color) else {TEXT}",
         "css(.md-typeset .ck-matrix td.ck-yes; background-color)", "body text", "the tick mark's text"),
    Pair("site", "code", "css(.md-typeset code; color)", "css(.md-typeset code; background-color) over " + PAGE,
         "text", "Material's code colours"),
    Pair("site", "words found by search, marked on the page", f"css(.md-typeset mark; color) else {TEXT}",
         f"css(.md-typeset mark; background-color) over {PAGE}", "body text", "search.highlight marks them"),
    Pair("site", "'Print this document' box: its heading",
         f"css(.md-typeset .admonition | .md-typeset details; color) else {TEXT}", SUMMARY, "text",
         "Material's details box, tinted heading"),
    Pair("site", "'Print this document' box: open/close arrow",
         "css(.md-typeset summary:after; background-color) else "
         "css(.md-typeset .admonition | .md-typeset details; color)", SUMMARY, "interface",
         "shows whether the box is open"),
    Pair("site", "'Print this document' box: its edge",
         "css(.md-typeset .admonition | .md-typeset details; border-left-color | border-color | border-left | border)",
         PAGE, "interface", "marks the box that opens and closes"),
    # -- the website: links ---------------------------------------------------------------------------
    Pair("site", "links", LINK, PAGE, "body text", "links in the text"),
    Pair("site", "visited links", VISITED, PAGE, "body text", "links already followed"),
    Pair("site", "links under the pointer", "css(.md-typeset a:hover; color)", PAGE, "body text", "hover state"),
    Pair("site", "links in the document details box", LINK, TINT, "body text", "links on a tint"),
    Pair("site", "visited links in the document details box", VISITED, TINT, "body text", "links on a tint"),
    # -- the website: header and search -------------------------------------------------------------
    Pair("site", "header text (site name, page title)", "css(.md-header; color)", HEADER, "text", "the header"),
    Pair("site", "header buttons (menu, search, languages) under the pointer",
         "css(.md-header; color) at css(.md-header__button:hover; opacity)", HEADER, "interface",
         "Material fades the icon on hover"),
    Pair("site", "search box placeholder (wide screens)",
         f"css(.md-search__input::placeholder; color; {WIDE}) else css(.md-header; color)", SEARCH_FORM, "text",
         "the word 'Search' in the closed box"),
    Pair("site", "search box placeholder under the pointer (wide screens)",
         f"css(.md-search__input::placeholder; color; {WIDE}) else css(.md-header; color)",
         f"css(.md-search__form:hover; background-color; {WIDE}) over {HEADER}", "text", "hover state"),
    Pair("site", "search box icon (wide screens)",
         f"css(.md-search__input+.md-search__icon; color; {WIDE})", SEARCH_FORM, "interface", "the magnifier"),
    Pair("site", "search box edge (wide screens)",
         f"css(.md-search__form; box-shadow | border-color | border; {WIDE}) over {HEADER}", HEADER,
         "interface", "shows where the search field is"),
    Pair("site", "open search box: typed text", f"css({SEARCH_OPEN}; color; {WIDE})",
         f"css({SEARCH_OPEN}; background-color; {WIDE})", "text", "what people type"),
    Pair("site", "open search box: its edge against the header", f"css({SEARCH_OPEN}; background-color; {WIDE})",
         HEADER, "interface", "shows where the search field is"),
    Pair("site", "search button", "css(.ck-search-submit; color)", "css(.ck-search-submit; background-color)",
         "text", "the button's word identifies it (no edge needed)"),
    Pair("site", "search results: text", "css(.md-search-result .md-typeset; color)", RESULTS, "text",
         "a bit of each page found"),
    Pair("site", "search results: page titles", "css(.md-search-result .md-typeset h1; color)", RESULTS, "text",
         "titles of the pages found"),
    Pair("site", "search results: how many were found", "css(.md-search-result__meta; color)",
         f"css(.md-search-result__meta; background-color) over {RESULTS}", "text", "secondary text on a tint"),
    Pair("site", "search results: a result under the pointer", "css(.md-search-result .md-typeset; color)",
         f"css(.md-search-result__link:hover; background-color) over {RESULTS}", "text", "hover state"),
    Pair("site", "search results: matched words", "css(.md-search-result mark; color)",
         f"css(.md-search-result mark; background-color) over {RESULTS}", "text", "matches are marked"),
    Pair("site", "search results: 'more results' link", "css(.md-search-result__more>summary>div; color)",
         RESULTS, "text", "a link in the results"),
    # -- the website: menu, language list, back to top ----------------------------------------------
    Pair("site", "menu links", "css(.md-nav__link; color)", PAGE, "text", "the menu and the table of contents"),
    Pair("site", "menu: the link to this page",
         "css(.md-nav--primary .md-nav__item--active>.md-nav__link | .md-nav__link--active; color)", PAGE, "text",
         "where you are"),
    Pair("site", "menu links under the pointer", "css(.md-nav__link[href]:hover | .md-nav__link:hover; color)",
         PAGE, "text", "hover state"),
    Pair("site", "table of contents: parts already read", "css(.md-nav__link--passed | .md-nav__link; color)",
         PAGE, "text", "Material greys them"),
    Pair("site", "menu section titles", "css(.md-nav__title; color)", PAGE, "text", "secondary text"),
    Pair("site", "menu titles (small screens)", f"css(.md-nav--primary .md-nav__title; color; {SMALL})",
         f"css(.md-nav--primary .md-nav__title; background-color; {SMALL})", "text", "the drawer's headings"),
    Pair("site", "menu title bar (small screens)",
         f"css(.md-nav--primary .md-nav__title[for=__drawer]; color; {SMALL})",
         f"css(.md-nav--primary .md-nav__title[for=__drawer]; background-color; {SMALL})", "text",
         "the site name at the top of the drawer"),
    Pair("site", "language list: language names", "css(.md-select__inner; color)",
         "css(.md-select__inner; background-color)", "text", "the language switcher"),
    Pair("site", "language list: a name under the pointer", "css(.md-select__link:hover; color)",
         "css(.md-select__inner; background-color)", "text", "hover state"),
    Pair("site", "'Back to top' button", "css(.md-top; color)", "css(.md-top; background-color)", "text",
         "the button's word"),
    Pair("site", "'Back to top' button: its edge", "css(.md-top; border-color | border)", PAGE, "interface",
         "shows the button"),
    Pair("site", "'Back to top' button under the pointer", "css(.md-top:hover; color)",
         "css(.md-top:hover; background-color)", "text", "hover state"),
    Pair("site", "edge of a table that scrolls sideways", "css(.md-typeset .ck-table; border-color | border)", PAGE,
         "interface", "the table is a region that takes keyboard focus"),
    # -- the website: footer --------------------------------------------------------------------------
    Pair("site", "footer text", "css(.md-footer; color)", "css(.md-footer; background-color)", "text", "the footer"),
    Pair("site", "footer links", "css(html .md-footer-meta.md-typeset a; color)", FOOTER, "text", "the footer"),
    Pair("site", "footer links under the pointer", "css(html .md-footer-meta.md-typeset a:hover; color)", FOOTER,
         "text", "hover state"),
    Pair("site", "copyright line", "css(.md-copyright; color)", FOOTER, "text", "Material fades it"),
    # -- the website: skip link and focus -----------------------------------------------------------
    Pair("site", "skip link", "css(.md-skip.ck-skip | .md-skip; color)",
         "css(.md-skip.ck-skip | .md-skip; background-color)", "text", "the first thing Tab reaches"),
    Pair("site", "skip link's outline against the page", "css(.md-skip.ck-skip:focus; outline-color | outline)",
         PAGE, "focus", "its focus indicator"),
    Pair("site", "focus ring (black) on the page", "css(:focus-visible; outline-color | outline)", PAGE, "focus",
         "light surfaces: the black ring shows"),
    Pair("site", "focus ring (black) on tinted boxes", "css(:focus-visible; outline-color | outline)", TINT,
         "focus", "light surfaces: the black ring shows"),
    Pair("site", "focus ring (yellow) on the header", "css(:focus-visible; box-shadow)", HEADER, "focus",
         "dark surfaces: the yellow ring shows"),
    Pair("site", "focus ring (yellow) on the footer", "css(:focus-visible; box-shadow)", FOOTER, "focus",
         "dark surfaces: the yellow ring shows"),
    Pair("site", "focus ring: black against yellow", "css(:focus-visible; outline-color | outline)",
         "css(:focus-visible; box-shadow)", "focus", "the two rings stay apart, so one always shows"),
    Pair("site", "focused link: text on yellow", "css(.md-typeset a:focus-visible; color)",
         "css(.md-typeset a:focus-visible; background-color)", "text", "GOV.UK-style focused link"),
    Pair("site", "focused link: black bar under it, on the page", "css(.md-typeset a:focus-visible; box-shadow#2)",
         PAGE, "focus", "the bar is the indicator on white"),
    Pair("site", "focused link in the footer: yellow against the footer",
         "css(.md-footer a:focus-visible; background-color)", FOOTER, "focus", "the yellow is the indicator on navy"),
    Pair("site", "focused menu link: text on yellow", "css(.md-nav__link:focus-visible; color)",
         "css(.md-nav__link:focus-visible; background-color)", "text", "focused menu link"),
    Pair("site", "focused language name: text on yellow", "css(.md-select__link:focus-visible; color)",
         "css(.md-select__link:focus-visible; background-color)", "text", "focused language switcher link"),
    Pair("site", "focused language name: outline against the list",
         "css(.md-select__link:focus-visible; outline-color | outline)", "css(.md-select__inner; background-color)",
         "focus", "the outline is the indicator on white"),
    # -- easy-read pages (7:1 for all text on them) -------------------------------------------------
    Pair("easy-read", "easy-read text", f"css(.md-typeset .ck-easy-read; color) else {TEXT}", PAGE, "body text",
         "the easy-read points"),
    Pair("easy-read", "easy-read headings", "css(.md-typeset .ck-easy-read h1 | .md-typeset h1; color)", PAGE,
         "large text", "big headings still need 7:1 here"),
    Pair("easy-read", "easy-read links", f"css(.md-typeset .ck-version-link a; color) else {LINK}", PAGE,
         "body text", "links to the standard version and to more"),
    Pair("easy-read", "easy-read visited links", VISITED, PAGE, "body text", "links already followed"),
    Pair("easy-read", "easy-read links under the pointer", "css(.md-typeset a:hover; color)", PAGE, "body text",
         "hover state"),
    # -- print packs: every pack ----------------------------------------------------------------------
    Pair("print", "body text", INK, PAPER, "text", "most of what people read"),
    Pair("print", "main headings (large)", "css(h1 | h2 | h3; color)", PAPER, "large text", "18 pt and larger"),
    Pair("print", "small headings", "css(h4 | h5 | h6; color)", PAPER, "text", "headings at body size"),
    Pair("print", "line above the title", "css(.ck-kicker; color)", PAPER, "text", "the pack's kind"),
    Pair("print", "source line", "css(.ck-source-line; color)", PAPER, "text", "secondary text"),
    Pair("print", "running header", "css(@page @top-left | @page @top-right; color)", PAPER, "text",
         "10 to 14 pt at the top of each page"),
    Pair("print", "page numbers", "css(@page @bottom-center; color)", PAPER, "text", "at the foot of each page"),
    Pair("print", "page numbers in the contents", "css(.ck-contents a::after; color)", PAPER, "text",
         "the contents list"),
    Pair("print", "text in a note box", f"css(.ck-box-note; color) else {INK}", BOX_NOTE, "text", "tinted boxes"),
    Pair("print", "labels on the 'about this pack' page", "css(.ck-meta dt | .ck-contact dt; color)", PAPER, "text",
         "secondary text"),
    Pair("print", "notes on the 'about this pack' page", "css(.ck-notes; color)", PAPER, "text", "secondary text"),
    Pair("print", "picture credit", "css(.ck-credit-pictures; color)", PAPER, "text", "secondary text"),
    Pair("print", "tick boxes", "css(.ck-box; border-color | border)", PAPER, "interface",
         "people must see where to tick"),
    Pair("print", "answer box: its edge", "css(.ck-write; border-color | border)", PAPER, "interface",
         "people must see where to write"),
    Pair("print", "line to write on", "css(.ck-field; border-block-end | border-bottom | border)", PAPER,
         "interface", "people must see where to write"),
    # -- print packs: the full text of a document ---------------------------------------------------
    Pair("print-document", "item numbers", "css(.ck-number; color)", PAPER, "text", "the accent colour"),
    Pair("print-document", "item types", "css(.ck-type; color)", PAPER, "text", "secondary text"),
    Pair("print-document", "who said a quote", "css(.ck-attribution; color)", PAPER, "text", "secondary text"),
    Pair("print-document", "text in a 'links' box", f"css(.ck-links; color) else {INK}",
         f"css(.ck-links; background-color | background) over {PAPER}", "text", "tinted boxes"),
    Pair("print-document", "labels in a 'links' box", "css(.ck-links dt; color)",
         f"css(.ck-links; background-color | background) over {PAPER}", "text", "secondary text on a tint"),
    Pair("print-document", "glossary words", "css(.ck-glossary dt; color)", PAPER, "text", "the accent colour"),
    # -- print packs: staff tools ---------------------------------------------------------------------
    Pair("print-tools", "question numbers", "css(.ck-question-number; color)", PAPER, "text", "secondary text"),
    Pair("print-tools", "plan table headings", "css(.ck-plan-table thead th; color)", PAPER, "text",
         "the accent colour"),
    Pair("print-tools", "plan timings", "css(.ck-step-time; color)", PAPER, "text", "secondary text"),
    Pair("print-tools", "headings in a note box", "css(.ck-box-note h3; color)", BOX_NOTE, "text",
         "accent on a tint"),
    Pair("print-tools", "question references", "css(.ck-qref; color)", PAPER, "text", "the accent colour"),
    # -- print packs: easy read (7:1 for all text) --------------------------------------------------
    Pair("print-easy-read", "word list: the words", "css(.ck-er-words dt; color)", PAPER, "large text",
         "the hard words, in the accent colour"),
)


# ---- colours and contrast -------------------------------------------------------------------------

@dataclass(frozen=True)
class RGBA:
    r: float  # 0 to 1, sRGB
    g: float
    b: float
    a: float = 1.0

    def over(self, below: "RGBA") -> "RGBA":
        """This colour painted over `below` (simple alpha compositing, as browsers do in sRGB)."""
        a = self.a + below.a * (1 - self.a)
        if a == 0:
            return RGBA(0, 0, 0, 0)
        mix = lambda top, bottom: (top * self.a + bottom * below.a * (1 - self.a)) / a  # noqa: E731
        return RGBA(mix(self.r, below.r), mix(self.g, below.g), mix(self.b, below.b), a)

    def with_opacity(self, opacity: float) -> "RGBA":
        return RGBA(self.r, self.g, self.b, self.a * opacity)

    def hex(self) -> str:
        parts = [round(c * 255) for c in (self.r, self.g, self.b)]
        text = "#" + "".join(f"{p:02x}" for p in parts)
        return text if self.a >= 1 else text + f"{round(self.a * 255):02x}"


WHITE = RGBA(1, 1, 1, 1)


def parse_colour(text: str) -> RGBA | None:
    """A CSS colour (hex, rgb(), hsl(), a name, ...) as RGBA, or None if `text` is not one."""
    import tinycss2.color4

    try:
        colour = tinycss2.color4.parse_color(text.strip())
    except Exception:  # noqa: BLE001 - tinycss2 raises various errors on odd input
        return None
    if colour is None or isinstance(colour, str):
        return None
    try:
        srgb = colour.to("srgb")
    except NotImplementedError:
        return None
    r, g, b = (min(1.0, max(0.0, c)) for c in srgb.coordinates)
    return RGBA(r, g, b, float(srgb.alpha))


def luminance(colour: RGBA) -> float:
    """WCAG relative luminance of an opaque colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(fg: RGBA | str, bg: RGBA | str) -> float:
    """WCAG contrast ratio of `fg` on `bg` (from 1 to 21). A translucent fg is blended over bg, a
    translucent bg over white. Either may be given as CSS text ("#777", "white")."""
    fg = parse_colour(fg) if isinstance(fg, str) else fg
    bg = parse_colour(bg) if isinstance(bg, str) else bg
    if fg is None or bg is None:
        raise ValueError("not a colour")
    if bg.a < 1:
        bg = bg.over(WHITE)
    if fg.a < 1:
        fg = fg.over(bg)
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def floor2(ratio: float) -> str:
    """A ratio shown without rounding up (4.497 shows as 4.49, so a failure never looks like a pass)."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


# ---- reading the CSS ------------------------------------------------------------------------------

@dataclass
class Decl:
    name: str
    value: str        # serialised CSS, var() not yet substituted
    important: bool


@dataclass
class Rule:
    selectors: tuple[str, ...]   # normalised, one per comma
    media: str                   # normalised condition of the @media blocks around it ("" if none)
    decls: list[Decl]
    sheet: str
    order: int                   # position in its stylesheet


_SPACES = re.compile(r"\s+")


def normalise_selector(text: str) -> str:
    """One way of writing a selector: no quotes in attribute selectors, no spaces around > + ~ or inside
    brackets, single spaces elsewhere."""
    s = _SPACES.sub(" ", text.strip())
    s = re.sub(r"\s*([>+~,])\s*", r"\1", s)
    s = re.sub(r"\[\s*([^\]=\s]+)\s*=\s*[\"']?([^\"'\]]*?)[\"']?\s*\]", r"[\1=\2]", s)
    s = re.sub(r"\(\s+", "(", s)
    s = re.sub(r"\s+\)", ")", s)
    return s


def split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not inside brackets."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _norm_media(text: str) -> str:
    return _SPACES.sub("", text).lower()


def parse_css(text: str, sheet: str) -> tuple[list[Rule], list[str]]:
    """The rules of a stylesheet (with @media, @supports and @page flattened) and any parse errors."""
    import tinycss2

    rules: list[Rule] = []
    errors: list[str] = []

    def declarations(content) -> tuple[list[Decl], list]:
        decls, nested = [], []
        for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
            if node.type == "declaration":
                name = node.name if node.name.startswith("--") else node.lower_name
                decls.append(Decl(name, tinycss2.serialize(node.value).strip(), bool(node.important)))
            elif node.type in ("at-rule", "qualified-rule"):
                nested.append(node)
            elif node.type == "error":
                errors.append(f"{sheet}:{node.source_line}: {node.message}")
        return decls, nested

    def walk(nodes, media: str, prefix: str = "") -> None:
        for node in nodes:
            if node.type == "error":
                errors.append(f"{sheet}:{node.source_line}: {node.message}")
            elif node.type == "qualified-rule":
                selector_text = tinycss2.serialize(node.prelude)
                selectors = tuple(normalise_selector(s) for s in split_top(selector_text, ",") if s.strip())
                decls, _ = declarations(node.content)
                rules.append(Rule(selectors, media, decls, sheet, len(rules)))
            elif node.type == "at-rule" and node.content is not None:
                keyword = node.lower_at_keyword
                prelude = tinycss2.serialize(node.prelude).strip()
                if keyword in ("media", "supports", "layer", "container"):
                    condition = _norm_media(prelude) if keyword == "media" else ""
                    inner = " and ".join(c for c in (media, condition) if c)
                    walk(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), inner)
                elif keyword == "page":
                    decls, nested = declarations(node.content)
                    name = normalise_selector(f"@page {prelude}")
                    rules.append(Rule((name,), media, decls, sheet, len(rules)))
                    for box in nested:
                        if box.type == "at-rule" and box.content is not None:
                            box_decls, _ = declarations(box.content)
                            rules.append(Rule((f"{name} @{box.lower_at_keyword}",), media, box_decls, sheet,
                                              len(rules)))
                # @font-face, @keyframes and the like hold no colours of elements

    walk(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), "")
    return rules, errors


_SPECIFICITY_PART = re.compile(
    r"#[\w-]+|\.[\w-]+|\[[^\]]*\]|::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?|\*|[a-zA-Z][\w-]*|@[\w-]+")
_LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}


def specificity(selector: str) -> tuple[int, int, int]:
    """The (ids, classes, elements) specificity of one selector, :is()/:not()/:has() counting their most
    specific argument and :where() nothing."""
    a = b = c = 0
    for part in _SPECIFICITY_PART.findall(selector):
        if part.startswith("#"):
            a += 1
        elif part.startswith((".", "[")):
            b += 1
        elif part.startswith("::"):
            c += 1
        elif part.startswith(":"):
            name, _, args = part[1:].partition("(")
            name = name.lower()
            if name == "where":
                continue
            if name in ("is", "not", "has", "matches", "-webkit-any", "-moz-any"):
                inner = [specificity(s) for s in split_top(args[:-1], ",") if s.strip()]
                if inner:
                    x, y, z = max(inner)
                    a, b, c = a + x, b + y, c + z
            elif name in _LEGACY_PSEUDO_ELEMENTS:
                c += 1
            else:
                b += 1
        elif part == "*" or part.startswith("@"):
            continue
        else:
            c += 1
    return a, b, c


# ---- resolving a palette's colours ----------------------------------------------------------------

class Unresolved(Exception):
    """A colour cannot be worked out: the message says why, in plain English."""


class _NotSet(Exception):
    """The lookup found nothing, or only inherit/currentcolor: the colour comes from somewhere else."""


_ROOT_SELECTORS = {":root", "html"}
_BODY_SELECTORS = {"body", ":root>*"}
_SIMPLE_ATTR = re.compile(r"\[[^\]]+\]|:not\(\[[^\]]+\]\)")


class PaletteContext:
    """The rules of one palette's stylesheets, its custom properties, and lookups in them."""

    def __init__(self, palette: Palette, rules: list[tuple[int, Rule]], attributes: set[str]):
        self.palette = palette
        self.rules = rules            # (sheet index, rule), in cascade order
        self.attributes = attributes  # e.g. {"[data-md-color-scheme=default]", ...}
        self.variables = self._collect_variables()

    # which rules apply to the page as a whole (their custom properties reach every element)
    def _level(self, selector: str) -> int | None:
        if selector in _ROOT_SELECTORS:
            return 0
        if selector in _BODY_SELECTORS:
            return 1
        if selector and not re.sub(_SIMPLE_ATTR, "", selector):
            for part in _SIMPLE_ATTR.findall(selector):
                if part.startswith(":not("):
                    if part[5:-1] in self.attributes:
                        return None
                elif part not in self.attributes:
                    return None
            return 1
        scope = {normalise_selector(s) for s in self.palette.scope}
        if selector in scope:
            return 2
        return None

    def _media_applies(self, media: str, wanted: str = "") -> bool:
        if not media:
            return True
        if "forced-colors" in media or "prefers-" in media:
            return False
        if self.palette.medium == "print":
            return "print" in media and "screen" not in media
        if "print" in media:
            return False
        if media in ("screen", "all"):
            return True
        return bool(wanted) and wanted in media

    def _collect_variables(self) -> dict[str, str]:
        found = []
        for sheet_index, rule in self.rules:
            if not self._media_applies(rule.media):
                continue
            levels: dict[int, tuple[int, int, int]] = {}
            for selector in rule.selectors:
                level = self._level(selector)
                if level is not None:
                    levels[level] = max(levels.get(level, (0, 0, 0)), specificity(selector))
            for level, spec in levels.items():
                for n, decl in enumerate(rule.decls):
                    if decl.name.startswith("--"):
                        found.append(((level, decl.important, spec, sheet_index, rule.order, n), decl))
        found.sort(key=lambda item: item[0])
        variables: dict[str, str] = {}
        for _, decl in found:
            variables[decl.name] = decl.value
        return variables

    # var() substitution
    def substitute(self, value: str, seen: tuple[str, ...] = ()) -> str:
        out, i = [], 0
        lower = value.lower()
        while True:
            j = lower.find("var(", i)
            if j < 0:
                out.append(value[i:])
                return "".join(out)
            out.append(value[i:j])
            depth, k = 0, j + 3
            while k < len(value):
                if value[k] == "(":
                    depth += 1
                elif value[k] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            inner = value[j + 4:k]
            name, _, fallback = inner.partition(",")
            name = name.strip()
            if name in seen:
                raise Unresolved(f"the variable {name} refers to itself ({' -> '.join(seen + (name,))})")
            if name in self.variables:
                out.append(self.substitute(self.variables[name], seen + (name,)))
            elif fallback.strip():
                out.append(self.substitute(fallback.strip(), seen))
            else:
                chain = " -> ".join(seen + (name,))
                raise Unresolved(f"the colour variable {name} is not set in any of this palette's stylesheets"
                                 + (f" (needed by {chain})" if seen else ""))
            i = k + 1

    # css(...) lookups
    def lookup(self, selectors: list[str], properties: list[str], media: str = "") -> str:
        wanted_selectors = {normalise_selector(s) for s in selectors}
        wanted_media = _norm_media(media)
        best = None
        for sheet_index, rule in self.rules:
            matched = [s for s in rule.selectors if s in wanted_selectors]
            if not matched or not self._media_applies(rule.media, wanted_media):
                continue
            spec = max(specificity(s) for s in matched)
            for n, decl in enumerate(rule.decls):
                if decl.name in properties:
                    key = (decl.important, spec, sheet_index, rule.order, n)
                    if best is None or key > best[0]:
                        best = (key, decl)
        if best is None:
            raise _NotSet(f"no rule for {' | '.join(selectors)} sets {' | '.join(properties)}")
        return best[1].value


_CSS_CALL = re.compile(r"^css\((.*)\)$", re.S)


def _colour_in(value: str, layer: int = 1) -> RGBA:
    """The colour in a (substituted) declaration value: the value itself, or the colour part of a
    shorthand (border, outline, box-shadow, background). `layer` picks one of several shadows."""
    import tinycss2

    layers = split_top(value, ",")
    if layer > len(layers):
        raise Unresolved(f"the value {value!r} has no layer {layer}")
    text = layers[layer - 1].strip()
    lowered = text.lower()
    if lowered in ("inherit", "unset", "currentcolor", "initial", "revert", "none"):
        raise _NotSet(f"the value is {text}")
    whole = parse_colour(text)
    if whole is not None:
        return whole
    for token in tinycss2.parse_component_value_list(text, skip_comments=True):
        if token.type == "whitespace":
            continue
        if token.type == "ident" and token.lower_value == "currentcolor":
            raise _NotSet("the colour is currentcolor")
        colour = parse_colour(tinycss2.serialize([token]))
        if colour is not None:
            return colour
    raise _NotSet(f"the value {text!r} has no colour (so it is currentcolor)")


def _number(value: str) -> float:
    text = value.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


class Evaluator:
    """Works out a pair's colour from its expression (see the module's help)."""

    def __init__(self, ctx: PaletteContext):
        self.ctx = ctx

    def _css_value(self, call: str) -> tuple[str, int]:
        args = [a.strip() for a in split_top(call, ";")]
        if len(args) < 2:
            raise Unresolved(f"css({call}) needs a selector and a property")
        selectors = [s.strip() for s in split_top(args[0], "|")]
        layer = 1
        properties = []
        for p in split_top(args[1], "|"):
            p = p.strip().lower()
            if "#" in p:
                p, _, n = p.partition("#")
                layer = int(n)
            properties.append(p)
        media = args[2] if len(args) > 2 else ""
        return self.ctx.substitute(self.ctx.lookup(selectors, properties, media)), layer

    def term(self, text: str) -> RGBA:
        text = text.strip()
        m = _CSS_CALL.match(text)
        if m:
            value, layer = self._css_value(m.group(1))
            return _colour_in(value, layer)
        value = self.ctx.substitute(text if not text.startswith("--") else f"var({text})")
        return _colour_in(value)

    def layer(self, text: str) -> RGBA:
        parts = split_top(text, " at ")
        colour = self.term(parts[0])
        for opacity in parts[1:]:
            opacity = opacity.strip()
            m = _CSS_CALL.match(opacity)
            if m:
                value, _ = self._css_value(m.group(1))
                colour = colour.with_opacity(_number(value))
            else:
                colour = colour.with_opacity(_number(opacity))
        return colour

    def choice(self, text: str) -> RGBA:
        reasons = []
        for alt in split_top(text, " else "):
            try:
                return self.layer(alt)
            except _NotSet as exc:
                reasons.append(str(exc))
        raise Unresolved("; ".join(reasons))

    def colour(self, text: str) -> RGBA:
        """The colour an expression gives: "over" joins layers (the last at the bottom), each layer may
        have alternatives ("else"), each alternative an opacity ("at")."""
        layers = [self.choice(part) for part in split_top(text, " over ")]
        colour = layers[-1]
        for above in reversed(layers[:-1]):
            colour = above.over(colour)
        return colour


# ---- running the check ----------------------------------------------------------------------------

@dataclass
class Result:
    palette: str
    pair: Pair
    needed: float
    fg: RGBA | None = None
    bg: RGBA | None = None
    ratio: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.ratio is not None and self.ratio >= self.needed


@dataclass
class Problem:
    """Something wrong with the theme's colours, said in plain English."""

    palette: str
    element: str
    message: str

    def __str__(self) -> str:
        where = f"{self.palette}: {self.element}" if self.element else self.palette
        return f"{where}: {self.message}"


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    palettes: list[str] = field(default_factory=list)


def needed_ratio(pair: Pair, palette: Palette) -> float:
    needed = KINDS[pair.kind][0]
    if palette.easy_read and pair.kind in TEXT_KINDS:
        needed = max(needed, EASY_READ_TEXT)
    return needed


def _material_sheet(root: Path, name: str) -> Path | None:
    """Material's own built CSS (main or palette), from the installed mkdocs-material, or else a built site."""
    places = []
    try:
        import material

        places.append(Path(material.__file__).parent / "templates" / "assets" / "stylesheets")
    except ImportError:
        pass
    places += sorted((root / "site").glob("*/assets/stylesheets"))
    for place in places:
        found = sorted(place.glob(f"{name}.*.min.css"))
        if found:
            return found[0]
    return None


def _theme_palettes() -> list[dict]:
    from ..render.theme import PALETTE

    return [PALETTE] if isinstance(PALETTE, dict) else list(PALETTE)


def _offered(root: Path, palettes) -> list[Problem]:
    """Palettes the theme offers that PALETTES does not check."""
    problems = []
    schemes = {p.get("scheme", "default") for p in _theme_palettes()}
    for css in sorted((root / "theme").rglob("*.css")) + sorted((root / "theme" / "overrides").rglob("*.html")):
        text = css.read_text(encoding="utf-8", errors="replace")
        schemes |= set(re.findall(r"data-md-color-scheme\s*=\s*[\"']?([\w-]+)", text))
    checked = {p.scheme for p in palettes if p.scheme}
    for scheme in sorted(schemes - checked):
        problems.append(Problem(f'colour scheme "{scheme}"', "",
                                "the theme offers this colour scheme but no palette in the contrast table "
                                "checks it. Add a line for it to PALETTES in generator/check/contrast.py."))
    read = {sheet for p in palettes for sheet in p.sheets}
    for folder in ("theme/assets", "theme/print"):
        for css in sorted((root / folder).glob("*.css")):
            rel = css.relative_to(root).as_posix()
            if rel not in read:
                problems.append(Problem(rel, "", "this stylesheet is not read by any palette in the contrast "
                                        "table, so its colours are not checked. Add it to PALETTES in "
                                        "generator/check/contrast.py."))
    if (root / "theme" / "assets" / "easy-read.css").exists() and not any(
            p.easy_read and p.medium == "screen" for p in palettes):
        problems.append(Problem("easy-read pages", "", "the theme has easy-read page styles but no easy-read "
                                "palette in the contrast table."))
    return problems


def evaluate(root: Path, palettes=PALETTES, pairs=PAIRS) -> Outcome:
    """Every pair in every palette: the results (one a pair and palette) and the problems."""
    root = Path(root)
    outcome = Outcome()
    outcome.problems += _offered(root, palettes)
    cache: dict[str, list[Rule]] = {}
    theme_palettes = _theme_palettes()
    for palette in palettes:
        outcome.palettes.append(palette.name)
        rules: list[tuple[int, Rule]] = []
        missing = False
        for index, sheet in enumerate(palette.sheets):
            if sheet not in cache:
                path = _material_sheet(root, sheet.split(":", 1)[1]) if sheet.startswith("material:") \
                    else root / sheet
                if path is None or not path.exists():
                    where = "Material's stylesheet" if sheet.startswith("material:") else "the stylesheet"
                    outcome.problems.append(Problem(palette.name, "", f"{where} {sheet} was not found, so this "
                                                    "palette cannot be checked. Run `make build` to install "
                                                    "everything, or fix PALETTES."))
                    missing = True
                    continue
                parsed, errors = parse_css(path.read_text(encoding="utf-8"), sheet)
                cache[sheet] = parsed
                for error in errors:
                    outcome.problems.append(Problem(palette.name, "", f"CSS that cannot be read: {error}"))
            rules += [(index, rule) for rule in cache[sheet]]
        if missing:
            continue
        attributes = set()
        if palette.scheme:
            attributes.add(f"[data-md-color-scheme={palette.scheme}]")
            for p in theme_palettes:
                if p.get("scheme", "default") == palette.scheme:
                    attributes.add(f"[data-md-color-primary={p.get('primary', 'indigo')}]")
                    attributes.add(f"[data-md-color-accent={p.get('accent', 'indigo')}]")
        evaluator = Evaluator(PaletteContext(palette, rules, attributes))
        groups = set(palette.groups)
        for pair in pairs:
            if pair.group not in groups:
                continue
            if pair.kind not in KINDS:
                outcome.problems.append(Problem(palette.name, pair.element, f'unknown kind "{pair.kind}"; use one '
                                                f"of {', '.join(KINDS)}"))
                continue
            result = Result(palette.name, pair, needed_ratio(pair, palette))
            try:
                bg = evaluator.colour(pair.bg)
                bg = bg if bg.a >= 1 else bg.over(WHITE)
                fg = evaluator.colour(pair.fg)
                fg = fg if fg.a >= 1 else fg.over(bg)
                result.fg, result.bg, result.ratio = fg, bg, contrast(fg, bg)
            except Unresolved as exc:
                result.error = str(exc)
            outcome.results.append(result)
            if result.error:
                outcome.problems.append(Problem(palette.name, pair.element, f"cannot work out the colours: "
                                                f"{result.error}"))
            elif not result.ok:
                outcome.problems.append(Problem(
                    palette.name, pair.element,
                    f"contrast {floor2(result.ratio)}:1 ({result.fg.hex()} on {result.bg.hex()}), needs "
                    f"{result.needed:g}:1 ({pair.kind}, {KINDS[pair.kind][1]}"
                    + (", easy read" if palette.easy_read and pair.kind in TEXT_KINDS else "") + ")"))
    return outcome


def check_theme(root: Path) -> list[Problem]:
    """Every contrast problem in the theme of the project at `root` (an empty list when all is well)."""
    return evaluate(root).problems


def format_table(outcome: Outcome) -> str:
    lines = []
    width = max([len(r.pair.element) for r in outcome.results] + [30])
    width = min(width, 62)
    for name in outcome.palettes:
        rows = [r for r in outcome.results if r.palette == name]
        if not rows:
            continue
        lines.append(f"\n{name}")
        lines.append(f"  {'pair':{width}} {'text or part':12} {'background':10} {'ratio':>7} {'needed':>6}  result")
        for r in rows:
            element = r.pair.element if len(r.pair.element) <= width else r.pair.element[:width - 1] + "…"
            if r.error:
                lines.append(f"  {element:{width}} {'?':12} {'?':10} {'?':>7} {r.needed:>5g}:1  NOT CHECKED")
                continue
            lines.append(f"  {element:{width}} {r.fg.hex():12} {r.bg.hex():10} {floor2(r.ratio):>5}:1 "
                         f"{r.needed:>4g}:1  {'pass' if r.ok else 'FAIL'}")
    return "\n".join(lines)


def run(root: Path, args) -> int:
    outcome = evaluate(root)
    print("Colour contrast of every palette the theme offers (text 4.5:1, body text and links 7:1, "
          "large text 3:1, interface parts and focus 3:1; all text 7:1 on easy-read pages and packs).")
    print(format_table(outcome))
    print()
    checked = len([r for r in outcome.results if not r.error])
    failed = len([r for r in outcome.results if r.error is None and not r.ok])
    if outcome.problems:
        print("Problems:", file=sys.stderr)
        for problem in outcome.problems:
            print(f"  - {problem}", file=sys.stderr)
        print(file=sys.stderr)
    print(f"Contrast check: {checked} pairs in {len(outcome.palettes)} palettes worked out, {failed} below the "
          f"contrast they need, {len(outcome.problems)} problems in all.")
    return 1 if outcome.problems else 0
