"""The look of the website: mkdocs-material settings, our template overrides, CSS and self-hosted fonts.

theme_config() gives the theme part of one language's MkDocs configuration; asset_sources() lists our CSS,
JavaScript, fonts and font licences, and where each goes in that language's site. Nothing here fetches anything from
another host, and nothing in the built pages does either: Material's Google Fonts link is switched off
(`font: false`) and the fonts come from the npm packages in package.json (installed by `make build`).

The templates in theme/overrides/ were written against one exact Material version (MATERIAL_VERSION); a
different version stops the build, because theme/overrides/base.html is a changed copy of Material's.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MATERIAL_VERSION = "9.8.1"

#: Where our files go inside each language's site (site/<lang>/).
ASSET_DIR = "assets/charterkit"

#: Material features we switch on. Left out on purpose: navigation.instant (page changes that screen
#: readers do not announce), navigation.tracking (changes the address while you scroll), and
#: header.autohide (a header that moves).
FEATURES = [
    "navigation.indexes",  # a document's own page is its section's link in the menu
    "navigation.top",      # a "Back to top" button on long pages
    "navigation.prune",    # only the open part of the menu is in each page: pages half the size
    "search.highlight",
]

#: One calm palette, with no dark scheme and no toggle; its colours are set in theme/assets/charterkit.css
#: (primary/accent "custom") on top of Material's defaults. `charterkit check contrast` (generator/check/
#: contrast.py) checks the colour pairs the pages use (its PAIRS) in this palette, on easy-read pages and in
#: the print packs: 4.5:1 text, 7:1 body text and links, 3:1 interface parts and focus, 7:1 all easy-read text.
#: A new scheme here (or in the CSS) fails that check until it has its own line in contrast.PALETTES.
PALETTE = {"scheme": "default", "primary": "custom", "accent": "custom"}


@dataclass(frozen=True)
class FontFiles:
    """One font package from node_modules and the files of it the site needs."""

    package: str          # folder under node_modules
    files: tuple[str, ...]  # names inside the package's files/ folder
    licence: str = "LICENSE"


def _faces(family: str, subsets, weights, styles) -> tuple[str, ...]:
    return tuple(f"{family}-{subset}-{weight}-{style}.woff2"
                 for subset in subsets for weight in weights for style in styles)


FONTS = (
    # Body text: Atkinson Hyperlegible, designed by the Braille Institute for readers with low vision.
    FontFiles("@fontsource/atkinson-hyperlegible",
              _faces("atkinson-hyperlegible", ("latin", "latin-ext"), (400, 700), ("normal", "italic"))),
    # Arabic and Urdu text (declared in fonts.css; a browser downloads them only for pages that use them).
    FontFiles("@fontsource/noto-naskh-arabic", _faces("noto-naskh-arabic", ("arabic",), (400, 700), ("normal",))),
    # Urdu in one weight: bold Urdu text (headings, <strong>) is drawn bold by the browser from the regular
    # weight. A second Nastaliq file (99 KB) cost every Urdu page a download and another layout of the whole
    # page in Nastaliq, which is slow to lay out (issue #15: Urdu pages were the only ones under 90 on Lighthouse).
    FontFiles("@fontsource/noto-nastaliq-urdu", _faces("noto-nastaliq-urdu", ("arabic",), (400,), ("normal",))),
)


#: The font files that paint most of a page's text, by the page's language (others: Atkinson's Latin).
#: Preloaded, so the browser asks for them with the style sheets instead of after them. Arabic pages preload
#: both weights of Naskh (14 KB each, cut to Arabic's letters): the bold one paints the headings, and when
#: it came later than the regular one the page's first screen moved again as it arrived (issue #15, a
#: layout shift on the Arabic home page). Urdu has one Nastaliq file (see FONTS), and Urdu pages preload
#: Atkinson's two Latin weights as well: the spaces between Urdu words and the English passages (short forms,
#: names) are drawn in Atkinson, which the browser otherwise finds only once it has laid the page out; when it
#: arrived, the English words took another width, lines broke elsewhere and the page moved (a layout shift of
#: 0.133 on ur/jias-engagement-framework/ in Lighthouse). They are downloaded on every Urdu page anyway.
PRELOAD = {
    "ar": ("noto-naskh-arabic-arabic-400-normal.woff2", "noto-naskh-arabic-arabic-700-normal.woff2"),
    "ur": ("noto-nastaliq-urdu-arabic-400-normal.woff2", "atkinson-hyperlegible-latin-400-normal.woff2",
           "atkinson-hyperlegible-latin-700-normal.woff2"),
}
PRELOAD_DEFAULT = ("atkinson-hyperlegible-latin-400-normal.woff2",)


def preload_fonts(lang_code: str) -> tuple[str, ...]:
    """The fonts a page in this language preloads, as the page names them (the build gives them their
    published, hashed names: web/assets.py)."""
    return tuple(f"{ASSET_DIR}/fonts/{name}" for name in PRELOAD.get(lang_code, PRELOAD_DEFAULT))


#: Our style sheets in theme/assets/, in the order pages use them (published as one file, site.css).
STYLE_SHEETS = ("fonts.css", "charterkit.css", "easy-read.css")


class ThemeError(RuntimeError):
    """The theme cannot be set up; the message says what to do."""


def _material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def _material_has_language(code: str) -> bool:
    import material

    return (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{code}.html").exists()


def search_lang(code: str) -> str:
    """lunr (Material's search) has stemmers for some languages only; others search without stemming."""
    import material

    lunr = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    return code if (lunr / f"lunr.{code}.min.js").exists() else "en"


def search_langs(config) -> tuple[str, ...]:
    """The lunr languages every language's search uses (config: the SiteConfig); their files are in the shared
    assets (web/assets.py)."""
    return tuple(sorted({search_lang(lang.code) for lang in config.languages}))


def theme_config(root: Path, lang_code: str, lang_dir: str) -> dict:
    """The theme keys of the MkDocs configuration for one language of the site.

    root: the project folder (theme/overrides is found there); lang_code: for example "en" or "ar";
    lang_dir: "ltr" or "rtl". Returns theme, extra_css, extra_javascript and extra.
    """
    found = _material_version()
    if found != MATERIAL_VERSION:
        raise ThemeError(
            f"charterkit's theme was made for mkdocs-material {MATERIAL_VERSION}, but {found} is installed. "
            f"Run `make build` to install the versions in requirements.lock.")
    overrides = Path(root) / "theme" / "overrides"
    if not overrides.is_dir():
        raise ThemeError(f"The theme folder {overrides} is missing: it holds charterkit's page templates.")
    # Material has its words (like "Skip to content") in many languages; for one it lacks, use English
    # words but keep the page's own language code and direction (the adapter sets <html lang dir>).
    ours = overrides / "partials" / "languages" / f"{lang_code}.html"  # e.g. Gaelic, which Material lacks
    material_lang = lang_code if (_material_has_language(lang_code) or ours.exists()) else "en"
    return {
        "theme": {
            "name": "material",
            "custom_dir": str(overrides),
            "language": material_lang,
            "direction": lang_dir,
            "font": False,  # no Google Fonts: our fonts are self-hosted (see fonts.css)
            "features": list(FEATURES),
            "palette": dict(PALETTE),
        },
        # fonts.css, charterkit.css and easy-read.css, joined into one file by the build (web/assets.py)
        "extra_css": [f"{ASSET_DIR}/site.css"],
        # deferred, as Material's bundle is (theme/overrides/base.html), and run after it
        "extra_javascript": [{"path": f"{ASSET_DIR}/charterkit.js", "defer": True}],
        "extra": {
            "generator": False,  # no "Made with Material for MkDocs" line in the footer
            "charterkit_theme": {"lang": lang_code, "dir": lang_dir},
        },
    }


def asset_sources(root: Path) -> dict[str, Path]:
    """Our CSS and JavaScript (theme/assets/) and the font files and their licences: where each goes in a
    language's site (under assets/charterkit/) -> the file it is copied from."""
    root = Path(root)
    source = root / "theme" / "assets"
    if not source.is_dir():
        raise ThemeError(f"The theme folder {source} is missing: it holds charterkit's CSS.")
    out: dict[str, Path] = {}
    for f in sorted(source.rglob("*")):
        if f.is_file():
            out[f"{ASSET_DIR}/{f.relative_to(source).as_posix()}"] = f

    node_modules = root / "node_modules"
    missing = [f.package for f in FONTS if not (node_modules / f.package).is_dir()]
    if missing:
        raise ThemeError(
            f"The fonts the site uses are not installed ({', '.join(missing)} not found in {node_modules}). "
            f"Run `make build` in {root} to install them (it runs `npm ci --omit=dev`).")
    for font in FONTS:
        package = node_modules / font.package
        for name in font.files:
            src = package / "files" / name
            if not src.exists():
                raise ThemeError(f"The font file {src} is missing. Run `make build` to reinstall the fonts.")
            out[f"{ASSET_DIR}/fonts/{name}"] = src
        short = font.package.rsplit("/", 1)[-1]
        out[f"{ASSET_DIR}/fonts/LICENSE-{short}.txt"] = package / font.licence
    return out
