"""What the contrast check checks: the thresholds, the palettes a reader can get, and the colour pairs.

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

Adding a palette or a pair is one line in PALETTES or PAIRS. The check also looks for palettes the theme
offers that the table does not list and reports them (see _offered in __init__.py).
"""
from __future__ import annotations

from dataclasses import dataclass

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


#: (Material's palette.css is not among them: the pages do not load it, see theme/overrides/base.html.)
WEB_SHEETS = ("material:main", "theme/assets/fonts.css", "theme/assets/charterkit.css",
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


def needed_ratio(pair: Pair, palette: Palette) -> float:
    needed = KINDS[pair.kind][0]
    if palette.easy_read and pair.kind in TEXT_KINDS:
        needed = max(needed, EASY_READ_TEXT)
    return needed
