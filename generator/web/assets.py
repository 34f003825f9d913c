"""One copy of the theme's files for every language: site/assets/, with names that carry a hash of their
content, so that a host can tell browsers to keep them for a year (README.md, "Publishing the site").

Before, each language's site had its own identical copy of Material's styles and scripts, our CSS and
JavaScript and the fonts (3.6 MB a language). Now:

- assets/material.<hash>/...: the files of Material's that the pages use (styles, the bundle, the search
  worker and the lunr languages it loads, the favicon), without source maps. The search worker finds the
  lunr files by their place next to it (../lunr/min/), so Material's files keep their names and their
  folder carries the hash of all of them together.
- assets/charterkit/<name>.<hash>.<ext>: our JavaScript (theme/assets/) and the fonts, each with the hash
  of its own content, and our three style sheets joined into one (site.<hash>.css), which names the fonts
  by their hashed names. The fonts' licences keep their names (nothing links to them by a cached address).

shared_assets() works out every file and its published name (the same in every worker process, from the
same files); the MkDocs plugin rewrites each page's addresses of theme files to these (rewrite()); the
pipeline writes the files once into the new site (write()).

Three changes are made to Material's bundle (BUNDLE_PATCHES), each found by its exact text in the one
Material version charterkit's theme is made for (web/theme.py MATERIAL_VERSION): the search index is
fetched when a reader starts a search, not on every page view; a search runs on every change of the
search box's words (Material searched only when a key was let go, so words pasted, dictated or entered
by a keyboard that sends text without key presses, as some Arabic and Urdu input does, found nothing);
and the language links in the page's head
are not each asked for a sitemap (that asked for <page>/sitemap.xml, a missing page, once per language on
every page view; charterkit's language menu already links each page to the same page in each language).
If a patch's text is not found, the build stops with a message (a test checks they all apply).
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diskerrors import write_whole

#: The shared folder, at the site's root.
SHARED_DIR = "assets"
#: Our style sheets, joined into one file (see _shared_assets)
SITE_CSS = "site.css"

#: Material's files the pages use, as Material's templates name them (under its templates/assets/).
MATERIAL_FILES = (
    "stylesheets/main.57a0d79d.min.css",
    "javascripts/bundle.a5f9d56c.min.js",
    "javascripts/workers/search.a7633da7.min.js",
    "javascripts/lunr/min/lunr.stemmer.support.min.js",
    "javascripts/lunr/min/lunr.multi.min.js",
    "images/favicon.png",
)
BUNDLE = "javascripts/bundle.a5f9d56c.min.js"
MAIN_CSS = "stylesheets/main.57a0d79d.min.css"

#: Classes of Material features charterkit never switches on and its Markdown cannot make: Material's style
#: rules that need one of them are left out of main.css (prune_material_css), 5 KB of its 23 KB compressed
#: on every first view (Chromium's coverage counted 64% of main.css unused on our pages; most of the rest is
#: for states a reader reaches, such as the open menu or search results, and stays). A test checks that no
#: built page, no script of Material's or ours and no template or generator code names any of them, so a
#: feature switched on later (say navigation.tabs) fails that test rather than losing its look.
UNUSED_MATERIAL_CLASSES = frozenset("""
    md-tabs md-tabs__item md-tabs__item--active md-tabs__link md-tabs__list
    md-nav--integrated md-nav--lifted md-nav__source md-path md-path__item md-path__link md-path__list
    md-footer__button md-footer__direction md-footer__inner md-footer__link md-footer__link--next
    md-footer__link--prev md-footer__title
    md-source md-source-file md-source-file__fact md-source__fact--forks md-source__fact--repositories
    md-source__fact--stars md-source__fact--version md-source__icon md-source__repository md-content__button
    md-social md-social__link md-copyright__highlight
    md-post md-post--excerpt md-post__authors md-post__back md-post__content md-post__header md-post__meta
    md-post__title md-content--post md-sidebar--post md-pagination md-pagination__current md-pagination__link
    md-author md-author--long md-author--more md-profile md-profile__description md-draft md-pin md-meta
    md-meta__item md-meta__link md-meta__list md-status--deprecated md-status--encrypted md-status--new
    md-tag-shadow md-consent__controls md-consent__settings md-feedback md-feedback__icon md-feedback__inner
    md-feedback__list md-feedback__note md-feedback__title md-option md-input md-input--stretch md-progress
    md-button md-button--primary md-clipboard md-clipboard--inline giscus
    highlighttable linenodiv linenos headerlink footnote-backref arithmatex katex-html critic
    tabbed-set tabbed-block tabbed-content tabbed-control--next tabbed-control--prev
    task-list-control task-list-indicator task-list-item emojione gemoji twemoji
""".split())

#: The search index starts to load when a reader starts a search: focus or typing in the search box, the
#: search opened (its toggle), or a page opened with a search in its address (?q=, or ?h= from a result,
#: which highlights the words found). Material's own code fetches it on every page view.
_LAZY_INDEX = (
    'zi=document.forms.namedItem("search")?new F(r=>{let s,q=new URLSearchParams(location.search),'
    'i=document.forms.namedItem("search").elements.namedItem("query"),t=document.getElementById("__search"),'
    'w=[[i,"focusin"],[i,"input"],[t,"change"]].filter(([e])=>e),'
    'd=()=>{if(!s){for(let[e,n]of w)e.removeEventListener(n,d);s=ks().subscribe(r)}};'
    'if(q.get("q")||q.get("h"))d();else for(let[e,n]of w)e.addEventListener(n,d);'
    'return()=>{s&&s.unsubscribe()}}).pipe(Z(1)):tt'
)

#: (what it does, Material's exact text, the text that replaces it)
BUNDLE_PATCHES = (
    ("the search index is fetched when a reader starts a search",
     'zi=document.forms.namedItem("search")?ks():tt', _LAZY_INDEX),
    ("a search runs when words arrive in the search box in any way (typed, pasted, dictated, or from an "
     "on-screen keyboard that sends no key presses), not only when a key is let go",
     'n=L(t.pipe(Re(zt)),h(e,"keyup"),o)', 'n=L(t.pipe(Re(zt)),h(e,"keyup"),h(e,"input"),o)'),
    ("no sitemap is asked for each language link in the page's head",
     'e.pipe(b(()=>M("link[rel=alternate]")),', 'e.pipe(b(()=>M("link[rel=alternate][data-md-sitemap]")),'),
)

#: An address of a theme file in a page: after a quote or "(", any number of "../" (or "./"), then assets/...
#: (A language's 404 page names them from the site's root, as MkDocs writes it: "/en/assets/...".)
_ADDRESS = re.compile(r"""(?<=["'(])(?P<up>(?:\.\./)*|\./|/(?:[^/"'()?#\s]+/)*)(?P<path>assets/[^"'()?#\s]+)""")
_URL_IN_CSS = re.compile(r"""url\(\s*(['"]?)(?P<ref>[^'")\s]+)\1\s*\)""")


class AssetError(RuntimeError):
    """The shared assets cannot be made; the message says what to do."""


@dataclass(frozen=True)
class SharedAssets:
    #: published path under the site's root ("assets/...") -> its bytes
    files: dict[str, bytes] = field(default_factory=dict)
    #: the path a language's page asks for, relative to the language's folder, as MkDocs writes it
    #: ("assets/stylesheets/main.57a0d79d.min.css", "assets/charterkit/fonts.css") -> published path
    names: dict[str, str] = field(default_factory=dict)
    #: of files, the easy-read pictures a language added (with_pictures)
    pictures: tuple[str, ...] = ()

    def digest(self) -> str:
        """Changes whenever any published name changes (so every page must be made again)."""
        h = hashlib.sha256()
        for key in sorted(self.names):
            h.update(f"{key}\0{self.names[key]}\n".encode())
        return h.hexdigest()

    def rewrite(self, html: str) -> str:
        """html (a page in a language's folder) with every address of a theme file changed to the shared
        copy: the address's own way up to the language's folder (../.. or nothing), then one more step up."""
        return _ADDRESS.sub(self._new, html)

    def _new(self, m: re.Match) -> str:
        published = self.names.get(m.group("path"))
        if published is None:
            return m.group(0)
        up = m.group("up")
        if up.startswith("/"):  # from the root: the language's folder is its last part
            import posixpath

            # ("/" alone: a site with no address of its own names them from the root, with no language folder)
            return posixpath.join(posixpath.dirname(up.rstrip("/")) or "/", published)
        return up + "../" + published

    @classmethod
    def from_names(cls, names: dict[str, str]) -> "SharedAssets":
        """Only the names (what a plain MkDocs build of an exported docs folder needs to write the same
        pages: see mkdocs_engine._export_plain)."""
        return cls(files={}, names=dict(names))

    def with_pictures(self, pictures: dict[str, Path], cache_dir: Path | None = None) -> "SharedAssets":
        """These assets and a language's pictures ("assets/pictures/x.svg" -> the file), each published
        under a name with its hash (every language that shows a picture names the same file), SVG pictures
        with their coordinates rounded to what no screen shows (pictures.site_picture; kept in cache_dir)."""
        from ..pictures import site_picture

        files, names = {}, dict(self.names)
        for rel, src in sorted(pictures.items()):
            data = site_picture(src, cache_dir)
            published = hashed_name(rel, data)
            files[published] = data
            names[rel] = published
        return SharedAssets(files={**self.files, **files}, names=names, pictures=tuple(sorted(files)))

    def write_pictures(self, site: Path) -> None:
        """Write the pictures into the new site (site: its root folder). Languages are built side by side
        and may show the same picture: each file is written whole under a temporary name, then renamed, so
        no language ever finds half a file."""
        import os
        import tempfile

        for rel in self.pictures:
            target = site / rel
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".picture-")
            with os.fdopen(fd, "wb") as f:
                f.write(self.files[rel])
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)

    def write(self, site: Path) -> None:
        for rel, data in self.files.items():
            if rel in self.pictures:
                continue
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def hashed_name(name: str, data: bytes) -> str:
    """fonts.css -> fonts.3f2a9c1b7d.css (the hash of data); a name with no extension gets it at the end."""
    stem, dot, ext = name.rpartition(".")
    if not dot or "/" in ext:
        return f"{name}.{_short_hash(data)}"
    return f"{stem}.{_short_hash(data)}.{ext}"


def patch_bundle(text: str) -> str:
    for what, old, new in BUNDLE_PATCHES:
        count = text.count(old)
        if count != 1:
            raise AssetError(
                f"charterkit could not change Material's bundle so that {what}: the text it changes was found "
                f"{count} times, not once. Material's version is not the one charterkit's theme was made for: "
                f"run `make build` to install the versions in requirements.lock.")
        text = text.replace(old, new)
    return text


def prune_material_css(css: str, unused: frozenset[str] = UNUSED_MATERIAL_CLASSES) -> str:
    """Material's style sheet without the rules that only apply to elements with one of the unused classes. A
    selector is left out when one of the classes it requires (written outside :is(), :not() and the like) is
    unused; a rule when all its selectors are; an @media or @supports block when nothing is left in it. Every
    other rule (and at-rule) is kept as it was written."""
    import tinycss2

    def required(selector) -> set[str]:
        out, tokens = set(), [t for t in selector if t.type != "comment"]
        for before, token in zip(tokens, tokens[1:]):
            if before.type == "literal" and before.value == "." and token.type == "ident":
                out.add(token.value)
        return out

    def rules(nodes) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors, current = [], []
                for token in node.prelude:
                    if token.type == "literal" and token.value == ",":
                        selectors.append(current)
                        current = []
                    else:
                        current.append(token)
                selectors.append(current)
                kept = [sel for sel in selectors if not required(sel) & unused]
                if len(kept) == len(selectors):
                    out.append(node.serialize())
                elif kept:
                    prelude = ",".join(tinycss2.serialize(sel).strip() for sel in kept)
                    out.append(prelude + "{" + tinycss2.serialize(node.content) + "}")
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content:
                inner = rules(tinycss2.parse_blocks_contents(node.content))
                if inner:
                    out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(inner)}}}")
            elif node.type in ("qualified-rule", "at-rule"):
                out.append(node.serialize())
        return out

    return "".join(rules(tinycss2.parse_stylesheet(css)))


def material_assets_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "assets"


def shared_assets(root: Path, config, cache_dir: Path | None = None) -> SharedAssets:
    """Every shared file and its published name, for the site set up by config (SiteConfig): the lunr
    languages its search uses, and a font of just the letters of its language menu (menu_font_faces).
    cache_dir: where the menu's fonts are kept between builds (made in a few seconds)."""
    from .theme import asset_sources, search_langs

    names = tuple((lang.code, lang.name) for lang in config.languages)
    # the files' sizes and times are part of the key: a process that builds again (charterkit serve, the
    # tests) after a style sheet changed gets the new one
    stamps = []
    for src in sorted(set(asset_sources(Path(root)).values())):
        st = src.stat()
        stamps.append((str(src), st.st_mtime_ns, st.st_size))
    return _shared_assets(str(Path(root).resolve()), search_langs(config), names,
                          str(cache_dir) if cache_dir else None, tuple(stamps))


@functools.lru_cache(maxsize=4)
def _shared_assets(root: str, search_langs: tuple[str, ...], menu: tuple[tuple[str, str], ...],
                   cache_dir: str | None, stamps: tuple) -> SharedAssets:
    from .theme import asset_sources

    files: dict[str, bytes] = {}
    names: dict[str, str] = {}

    # Material's files, in one folder whose name carries the hash of all of them
    source = material_assets_dir()
    wanted = list(MATERIAL_FILES) + [f"javascripts/lunr/min/lunr.{code}.min.js" for code in search_langs
                                     if code != "en"]
    material: dict[str, bytes] = {}
    for rel in wanted:
        path = source / rel
        if not path.is_file():
            raise AssetError(f"Material's file {path} is missing. Run `make build` to reinstall the packages.")
        data = path.read_bytes()
        if rel == BUNDLE:
            data = patch_bundle(data.decode("utf-8")).encode("utf-8")
        if rel == MAIN_CSS:
            data = prune_material_css(data.decode("utf-8")).encode("utf-8")
        material[rel] = data
    h = hashlib.sha256()
    for rel in sorted(material):
        h.update(rel.encode() + b"\0" + hashlib.sha256(material[rel]).digest())
    folder = f"{SHARED_DIR}/material.{h.hexdigest()[:10]}"
    for rel, data in material.items():
        files[f"{folder}/{rel}"] = data
        names[f"assets/{rel}"] = f"{folder}/{rel}"

    # Ours: each file with its own hash; fonts first, so that the CSS can name them by their new names
    ours = asset_sources(Path(root))  # "assets/charterkit/<rel>" -> source file
    fonts = {rel: src for rel, src in ours.items() if not rel.endswith((".css", ".js"))}
    for rel, src in sorted(fonts.items()):
        data = src.read_bytes()
        published = rel if "LICENSE" in rel else hashed_name(rel, data)
        files[published] = data
        names[rel] = published
    script_css = ""
    for face in SCRIPT_FACES:
        rel = f"assets/charterkit/fonts/{face.file}"
        if rel not in ours:
            raise AssetError(f"The font file {face.file} is not one of the site's fonts (generator/web/theme.py "
                             f"FONTS); run `make build` to install the fonts.")
        data = _subset_font(ours[rel], face.text(), Path(cache_dir) if cache_dir else None)
        published = hashed_name(rel.replace(".woff2", f"-{face.script}.woff2"), data)
        files.pop(names.get(rel, ""), None)  # the whole font is not published: its cut is
        files[published] = data
        names[rel] = published
        script_css += face.css(published.rsplit("/", 1)[-1])
    menu_css = ""
    for family, font_rel, text in _menu_fonts(menu):
        data = _subset_font(ours[font_rel], text, Path(cache_dir) if cache_dir else None)
        rel = f"{font_rel.rsplit('/', 1)[0]}/menu-{family.lower().replace(' ', '-')}.woff2"
        published = hashed_name(rel, data)
        files[published] = data
        names[rel] = published
        menu_css += _menu_css(family, rel.rsplit("/", 1)[-1], text)
    sheets: dict[str, bytes] = {}
    for rel, src in sorted(ours.items()):
        if rel in fonts:
            continue
        data = src.read_bytes()
        if rel.endswith("/fonts.css"):
            data += (script_css + menu_css).encode("utf-8")
        if rel.endswith(".css"):
            sheets[rel] = _css_with_names(data.decode("utf-8"), rel, names, src).encode("utf-8")
            continue
        published = hashed_name(rel, data)
        files[published] = data
        names[rel] = published
    # Our style sheets as one file (one request instead of three before the page can be drawn), in the
    # order theme.STYLE_SHEETS gives; each sheet's url()s are relative to their common folder.
    from .theme import ASSET_DIR, STYLE_SHEETS

    missing = [name for name in STYLE_SHEETS if f"{ASSET_DIR}/{name}" not in sheets]
    if missing:
        raise AssetError(f"The style sheets {', '.join(missing)} are missing from theme/assets/.")
    combined = b"".join(b"/* ---- " + name.encode() + b" ---- */\n" + sheets[f"{ASSET_DIR}/{name}"] + b"\n"
                        for name in STYLE_SHEETS)
    rel = f"{ASSET_DIR}/{SITE_CSS}"
    published = hashed_name(rel, combined)
    files[published] = combined
    names[rel] = published
    assert all(p.startswith(SHARED_DIR + "/") for p in files), "shared files stay under assets/"
    return SharedAssets(files=files, names=names)


def _css_with_names(css: str, rel: str, names: dict[str, str], src: Path) -> str:
    """A style sheet's url(...)s of our files changed to their published names (relative to the sheet)."""
    import posixpath

    folder = posixpath.dirname(rel)
    published_folder = posixpath.dirname(names.get(rel, rel))

    def swap(m: re.Match) -> str:
        ref = m.group("ref")
        if ref.startswith(("data:", "#")) or "://" in ref or ref.startswith("/"):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(folder, ref))
        published = names.get(target)
        if published is None and target in names.values():  # a face charterkit wrote with its new name
            published = target
        if published is None:
            raise AssetError(f"{src} asks for {ref}, which is not one of the theme's files. "
                             f"Put the file in theme/assets/ or correct the address.")
        return f'url("{posixpath.relpath(published, published_folder)}")'

    return _URL_IN_CSS.sub(swap, css)


# ---- fonts cut to one language's letters ------------------------------------------------------------
def _ranges(*spans) -> frozenset[int]:
    out = set()
    for span in spans:
        out.update(range(span[0], span[1] + 1) if isinstance(span, tuple) else (span,))
    return frozenset(out)


#: The letters, marks, digits and punctuation of Arabic as written in Arabic, and the ones Urdu adds.
ARABIC = _ranges(0x060C, 0x061B, 0x061F, (0x0621, 0x063A), (0x0640, 0x0655), (0x0660, 0x066D), 0x0670,
                 (0x200C, 0x200F))
URDU = ARABIC | _ranges(0x0679, 0x067E, 0x0686, 0x0688, 0x0691, 0x0698, 0x06A9, 0x06AF, 0x06BA, 0x06BE,
                        (0x06C1, 0x06C3), 0x06CC, (0x06D2, 0x06D4), (0x06F0, 0x06F9))


@dataclass(frozen=True)
class ScriptFace:
    """One weight of a font, cut to the letters one language writes (fontsource's "arabic" files hold every
    Arabic-script language's letters: Nastaliq's is 160 KB, cut to Urdu's 96 KB)."""

    family: str
    weight: int
    file: str  # under node_modules' files/, as theme.FONTS names it
    script: str  # a word for the file name
    codepoints: frozenset[int]

    def text(self) -> str:
        return "".join(chr(c) for c in sorted(self.codepoints))

    def css(self, file_name: str) -> str:
        return (f'\n/* {self.family} {self.weight}, cut to the letters of {self.script} by charterkit '
                f'(generator/web/assets.py SCRIPT_FACES). */\n'
                f'@font-face {{\n  font-family: "{self.family}";\n  font-style: normal;\n'
                f'  font-weight: {self.weight};\n  font-display: swap;\n'
                f'  src: url("fonts/{file_name}") format("woff2");\n  unicode-range: {_unicode_range(self.codepoints)};\n}}\n')


SCRIPT_FACES = (
    ScriptFace("Noto Naskh Arabic", 400, "noto-naskh-arabic-arabic-400-normal.woff2", "arabic", ARABIC | URDU),
    ScriptFace("Noto Naskh Arabic", 700, "noto-naskh-arabic-arabic-700-normal.woff2", "arabic", ARABIC | URDU),
    # (one weight of Nastaliq: bold Urdu is the regular weight drawn bold by the browser; see theme.FONTS)
    ScriptFace("Noto Nastaliq Urdu", 400, "noto-nastaliq-urdu-arabic-400-normal.woff2", "urdu", URDU),
)


def _unicode_range(codepoints) -> str:
    """U+0621-063A, U+0640, ...: runs of code points written as ranges."""
    out, run = [], []
    for c in sorted(codepoints):
        if run and c == run[-1] + 1:
            run.append(c)
            continue
        if run:
            out.append(f"U+{run[0]:04X}" + (f"-{run[-1]:04X}" if len(run) > 1 else ""))
        run = [c]
    if run:
        out.append(f"U+{run[0]:04X}" + (f"-{run[-1]:04X}" if len(run) > 1 else ""))
    return ", ".join(out)


# ---- the language menu's font ---------------------------------------------------------------------
#: Which font shows a language's name in the language menu, when the name is in Arabic script: its own
#: language's font (Urdu in Nastaliq), else Naskh. The full fonts are 50 to 160 KB each; a font of just
#: the letters of the names is 1 to 4 KB, so a page in English does not download them to show "العربية".
_NAME_FONTS = {"ur": ("CK Names Nastaliq", "assets/charterkit/fonts/noto-nastaliq-urdu-arabic-400-normal.woff2")}
_NAME_FONT_DEFAULT = ("CK Names Naskh", "assets/charterkit/fonts/noto-naskh-arabic-arabic-400-normal.woff2")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def _menu_fonts(menu: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str]]:
    """(family, the font file it is cut from, the letters it needs) for the language menu's names."""
    wanted: dict[tuple[str, str], set[str]] = {}
    for code, name in menu:
        if _ARABIC_SCRIPT.search(name):
            wanted.setdefault(_NAME_FONTS.get(code, _NAME_FONT_DEFAULT), set()).update(name)
    return [(family, font, "".join(sorted(chars))) for (family, font), chars in sorted(wanted.items())]


def _menu_css(family: str, file_name: str, text: str) -> str:
    codes = sorted({f"U+{ord(c):04X}" for c in text if not c.isspace()})
    # (only code points from the names reach the CSS: a name is words from site_config.yml, never CSS)
    return (f"\n/* The language menu's names in Arabic script: a font of just their letters, made by\n"
            f" * charterkit (generator/web/assets.py) from the full font. */\n"
            f'@font-face {{\n  font-family: "{family}";\n  font-style: normal;\n  font-weight: 400;\n'
            f'  font-display: swap;\n  src: url("fonts/{file_name}") format("woff2");\n'
            f'  unicode-range: {", ".join(codes)};\n}}\n')


def _subset_font(source: Path, text: str, cache_dir: Path | None) -> bytes:
    """source (a woff2 font) cut down to the letters of text (with the shapes Arabic joining needs), as woff2.
    Kept in cache_dir under a hash of the font, the letters and fontTools' version."""
    import io

    import fontTools
    from fontTools import subset
    from fontTools.ttLib import TTFont

    data = source.read_bytes()
    key = hashlib.sha256(data + b"\0" + text.encode("utf-8") + b"\0" + fontTools.version.encode()
                         + b"\0fixed time").hexdigest()
    cached = cache_dir / "fonts" / f"menu-{key[:24]}.woff2" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    # the same bytes on every build: fontTools would write the time of saving into the font's head table
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the name table carries the font's licence notice
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    result = out.getvalue()
    if cached is not None:
        write_whole(cached, result)
    return result
