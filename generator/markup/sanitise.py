"""The one step every word from a pull request passes through before it reaches MkDocs or WeasyPrint.

Everything an editor can change (documents, tools, translations, content pages, interface words, the
values of site_config.yml) is untrusted: it may change the words on a page, never what the page does.
So untrusted words become HTML only here, in one of two ways:

- text(): a plain text (a title, a label, an interface word) is escaped exactly once, so that it is inert
  both as HTML and as Markdown: `<`, `&` and quotes become character references, and so do the characters
  that start Markdown syntax (`*`, `_`, `[`, `{`, `#` and a few more). Nothing in it can become a tag, an
  attribute, a link, or an attribute list, and no later step decodes it back into markup.
- markdown_html(): a Markdown text (a statement, an easy-read point, a content page) is converted with a
  restricted Markdown converter (no raw HTML, no attribute lists, no reference links, autolinks or images;
  no headings in data fields), then cleaned with nh3 (the Python binding of Rust's ammonia, a kept
  allow-list sanitiser) allowing only the tags, attributes and URL schemes the site uses. Its text is
  then made inert as Markdown too (inert()), so it stays the same if a page is read as Markdown again.

The HTML charterkit writes around these (headings, lists of links, tables) is its own. clean_page() is a
second, page-wide allow-list used by the MkDocs hook and the print packs, in case a bug ever lets
something through: it removes every script, event attribute, style and unknown URL scheme from the
content of a page.
"""
from __future__ import annotations

import functools
import re

import nh3

#: URL schemes a link may use. Anything else (javascript:, data:, vbscript:, file:...) is removed.
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

# ---- plain text -------------------------------------------------------------------------------------
# One pass (str.translate), so nothing is escaped twice. `'` as html.escape writes it.
_TEXT = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
    # characters that start Markdown syntax (emphasis, links, attribute lists, headings, tables, code)
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;",
    "[": "&#91;", "]": "&#93;", "#": "&#35;", "|": "&#124;",
    # control characters other than tab and line breaks are never part of a text (validate refuses them)
    **{n: None for n in range(32) if chr(n) not in "\t\n\r"}, 0x7f: None,
})
_CONTROLS = {n: None for n in range(32) if chr(n) not in "\t\n\r"} | {0x7f: None}
# In text that is already HTML (between tags): only the Markdown characters ("<", "&" are escaped already).
_INERT = str.maketrans({
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;",
    "[": "&#91;", "]": "&#93;", "#": "&#35;", "|": "&#124;",
})


def text(value) -> str:
    """A plain text as HTML that is inert as HTML and as Markdown (in a heading, a link's words, a
    table cell, an attribute value in double quotes). Escaped exactly once: write it as it is."""
    if value is None:
        return ""
    return str(value).translate(_TEXT)


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")


def inert(html: str) -> str:
    """HTML whose text (not its tags) has the Markdown characters written as character references: the
    same when shown, and nothing in it can start Markdown syntax if the HTML is read as Markdown again."""
    return _TAG_OR_TEXT.sub(lambda m: m.group(1) or m.group(2).translate(_INERT), html)


# ---- Markdown -------------------------------------------------------------------------------------
#: What each kind of untrusted Markdown may produce. "text": the fields of documents, tools, translations
#: and settings (paragraphs, lists, bold, italic, links). "page": a content page's blocks between its
#: headings (adds sub-headings, tables and rules).
_TEXT_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code", "blockquote"}
PROFILES = {
    "text": {"tags": _TEXT_TAGS, "attributes": {"a": {"href"}, "ol": {"start"}}, "relative": False,
             "extensions": (), "headings": False},
    "page": {"tags": _TEXT_TAGS | {"h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"},
             "attributes": {"a": {"href"}, "ol": {"start"}}, "relative": True,
             "extensions": ("tables",), "headings": True},
}

# Python-Markdown parts that untrusted text may not use. Raw HTML (inline and blocks), reference links and
# their definitions, images, and autolinks (<https://...>, <me@example.org>): a link must be written
# [words](address), so the link checks see it. Setext headings (a line of === or --- under text) too.
_NO_INLINE = ("html", "reference", "image_link", "image_reference", "short_reference", "short_image_ref",
              "autolink", "automail")
_NO_BLOCK = ("reference", "setextheader")


def _converter(profile: str):
    import markdown

    spec = PROFILES[profile]
    md = markdown.Markdown(extensions=list(spec["extensions"]), output_format="html")
    md.preprocessors.deregister("html_block")
    for name in _NO_INLINE:
        md.inlinePatterns.deregister(name, strict=False)
    for name in _NO_BLOCK:
        md.parser.blockprocessors.deregister(name, strict=False)
    if not spec["headings"]:
        md.parser.blockprocessors.deregister("hashheader", strict=False)
    return md


_CONVERTERS: dict[str, object] = {}

#: Lists and quotes may nest this many levels deep. Python-Markdown reads each level by calling itself, so a list
#: nested a few hundred levels deep stopped a build with a RecursionError (and took minutes first); no text needs
#: more than a handful of levels.
MAX_NESTING = 16
_LEAD = re.compile(r"[ >]*(?:(?:[-*+]|\d{1,9}[.)])[ ]+[ >]*)*")
_LIST_MARKER = re.compile(r"(?:^|(?<=[ >]))(?:[-*+]|\d{1,9}[.)])(?= )")


def too_deep(value) -> int | None:
    """Where (the offset of its line) a text first nests lists or quotes more than MAX_NESTING levels deep, or
    None. A level is four spaces of indent, a > or a list marker at the start of a line."""
    offset = 0
    for line in str(value).split("\n"):
        lead = _LEAD.match(line.expandtabs(4)).group(0)
        indent = len(lead) - len(lead.lstrip(" "))
        if indent // 4 + lead.count(">") + len(_LIST_MARKER.findall(lead)) > MAX_NESTING:
            return offset
        offset += len(line) + 1
    return None


def _address_filter(tag: str, attribute: str, value: str):
    """nh3's attribute_filter: a web address whose site name is not plain a to z (a lookalike, such as a
    Cyrillic "а" for a Latin "a"), or that has a name@ part before it, is removed; so is an address starting
    with // (another website, without saying so), and any picture from another website (src must be the
    site's own: no third-party requests). So is an address with a backslash, tab or line break in it (a browser
    drops tabs and line breaks and reads a backslash as /, so /\\evil.example goes to evil.example), and one starting
    http: or https: without // (a browser reads https:evil.example as https://evil.example/)."""
    if attribute not in ("href", "src"):
        return value
    if re.search(r"[\\\t\n\r]", value):
        return None
    start = re.sub(r"^[\x00-\x20]+", "", value.lower())  # a browser drops these before an address
    if start.startswith("//") or (attribute == "src" and re.match(r"[a-z][a-z0-9+.-]*:", start)):
        return None
    if start.startswith(("http:", "https:")) and not start.startswith(("http://", "https://")):
        return None  # https:evil.example: a browser reads it as https://evil.example/
    if start.startswith("tel:"):
        return value if re.fullmatch(r"tel:\+?[0-9]{3,15}", start) else None
    if not start.startswith(("http:", "https:")):
        return value
    from urllib.parse import urlsplit

    try:
        netloc = urlsplit(value.strip()).netloc
    except ValueError:
        return None
    host = netloc.rsplit(":", 1)[0] if not netloc.startswith("[") else netloc
    if "@" in netloc or not host.isascii() or any(label.startswith("xn--") for label in host.lower().split(".")):
        return None
    return value


@functools.lru_cache(maxsize=8)
def _cleaner(profile: str):
    spec = PROFILES[profile]
    return nh3.Cleaner(tags=set(spec["tags"]), attributes={k: set(v) for k, v in spec["attributes"].items()},
                       url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
                       attribute_filter=_address_filter,
                       url_relative="pass_through" if spec["relative"] else "deny")


def clean(html: str, profile: str = "text") -> str:
    """HTML from untrusted Markdown with only the tags, attributes and URL schemes of profile left."""
    return _cleaner(profile).clean(html)


def markdown_html(value, profile: str = "text") -> str:
    """An untrusted Markdown text as safe HTML blocks (see the module's docstring)."""
    if value is None:
        return ""
    if too_deep(value) is not None:  # validate refuses it (text.nesting); shown as plain words, never a crash
        return f"<p>{text(value)}</p>"
    md = _CONVERTERS.get(profile)
    if md is None:
        md = _CONVERTERS[profile] = _converter(profile)
    try:
        out = md.reset().convert(str(value).translate(_CONTROLS))
    except RecursionError:  # any other way Markdown might find to call itself too deeply
        return f"<p>{text(value)}</p>"
    return inert(clean(out, profile)).strip()


_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


def markdown_inline_html(value, profile: str = "text") -> str:
    """A short untrusted Markdown text (a list entry) as safe HTML without its paragraph."""
    out = markdown_html(" ".join(str(value or "").split()), profile)
    m = _ONE_PARAGRAPH.match(out)
    return m.group(1) if m and "<p>" not in m.group(1) else out


def digest() -> str:
    """What the HTML made here depends on besides the text: this file, Markdown and nh3 (for caches)."""
    import hashlib
    from pathlib import Path

    import markdown

    return hashlib.sha256(f"{markdown.__version__} {nh3.__version__}".encode()
                          + Path(__file__).read_bytes()).hexdigest()


# ---- the page-wide allow-list ---------------------------------------------------------------------------
#: Every tag and attribute charterkit's own page HTML uses (generator/web/pages.py, print/pack_html.py) and what
#: MkDocs's Markdown makes of it. Values of role, scope, dir and type are restricted too, and translate may only
#: be "no" (names and addresses kept in their original words: markup/lang.py cited).
PAGE_TAGS = {
    "a", "abbr", "audio", "bdi", "blockquote", "br", "caption", "cite", "code", "dd", "details", "div", "dl", "dt",
    "em", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "section", "span", "strong",
    "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
_ANY = {"class", "id", "lang"}
PAGE_ATTRIBUTES = {
    "*": _ANY,
    "a": _ANY | {"href", "hreflang"},
    "abbr": _ANY | {"title"},
    # the easy-read page's player (theme/pages/_listen.md.j2): the site's own file (src, like a picture's,
    # cannot be another website's), with controls, never autoplay
    "audio": _ANY | {"src", "aria-labelledby"},
    "section": _ANY | {"aria-labelledby"},
    "div": _ANY | {"aria-label"},
    "img": _ANY | {"src", "alt", "width", "height"},
    "ol": _ANY | {"start"},
}
PAGE_ATTRIBUTE_VALUES = {
    "a": {"type": {"application/pdf", "audio/ogg"}, "download": {""}},
    "audio": {"controls": {""}, "preload": {"metadata", "none"}},
    "div": {"role": {"note", "region"}, "tabindex": {"0"}},
    "img": {"loading": {"lazy"}, "decoding": {"async"}},  # pictures load as the reader scrolls to them
    "span": {"aria-hidden": {"true"}},
    "th": {"scope": {"col", "row"}},
}


@functools.lru_cache(maxsize=1)
def _page_cleaner():
    values = {}
    for tag, attrs in PAGE_ATTRIBUTE_VALUES.items():
        values[tag] = {name: set(allowed) for name, allowed in attrs.items()}
    for tag in PAGE_TAGS:  # dir on any tag, with one of its three values; translate="no" on any tag
        values.setdefault(tag, {})["dir"] = {"ltr", "rtl", "auto"}
        values[tag]["translate"] = {"no"}
    return nh3.Cleaner(tags=set(PAGE_TAGS), attributes={k: set(v) for k, v in PAGE_ATTRIBUTES.items()},
                       tag_attribute_values=values, url_schemes=set(URL_SCHEMES), link_rel=None,
                       attribute_filter=_address_filter,
                       strip_comments=True, clean_content_tags={"script", "style"})


def clean_page(html: str) -> str:
    """The content of a whole page (the HTML MkDocs made from a page's Markdown, or a print pack's body)
    with only the tags, attributes and URL schemes charterkit's pages use."""
    return _page_cleaner().clean(html)
