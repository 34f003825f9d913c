"""Safety checks: what a pull request changes may change words, never what a page does.

`charterkit validate` (and every build, which validates first) runs these on everything an editor can
change: the documents and tools (framework_data/), the translations (framework_data/translations/), the
content pages (content/), the interface words (theme/strings/) and the settings (site_config.yml). Each
problem is reported with the file, line and column, and what to do about it.

What they refuse, and why (the issue "Safe by construction" lists the attacks by class):

- raw HTML (<script>, <img onerror=...>), and HTML codes such as &lt; or &#x200B; (they would show as
  other characters, sometimes invisible ones, or become markup where text is decoded);
- attribute lists ({: onclick=... }, {: #main-content }), which add attributes, ids and classes;
- links that are not written [words](address): reference links ([words][name] with [name]: address),
  autolinks (<https://...>) and pictures (![...](...)), so that every link is one the checks can see;
- link addresses other than https://, http://, mailto: and tel: (a phone number: + and digits only) (javascript:, data:, vbscript:, file:...), with
  HTML codes, spaces, tabs or backslashes in them, or a site name with letters other than a to z (a
  lookalike such as Cyrillic "а" for Latin "a") or an @ before it;
- in a translation: links to any address the English does not link to (or not to one it does);
- in interface words: braces other than the placeholders the English has ({0}, {document.x}, a lone {);
- control and invisible characters (NUL, ESC, zero-width spaces, direction marks...), except the joiners
  some languages need (INVISIBLE_ALLOWED);
- a heading inside a text (a line starting with #), or a second main heading in a content page;
- symbolic links that lead out of the project (their files are never read, and never quoted).

The pages are made safe whatever validate says (generator/markup/sanitise.py): these checks tell the
editor what is wrong before anything is published, instead of quietly dropping it.
"""
from __future__ import annotations

import html
import html.entities
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..load.yamlfile import Loaded, key_path
from ..markup.links import inline_links

#: URL schemes a link may use (the same as sanitize.URL_SCHEMES).
URL_SCHEMES = ("https", "http", "mailto", "tel")

#: Invisible characters some languages need, by language code. Everything else that is invisible (Unicode
#: "format" characters such as U+200B ZERO WIDTH SPACE, U+200E/U+200F and U+061C direction marks, U+202A to
#: U+202E and U+2066 to U+2069 direction controls, U+FEFF, U+00AD SOFT HYPHEN) is refused in every language:
#: charterkit sets the direction of every passage itself, so no text needs direction marks.
#: - U+200C ZERO WIDTH NON-JOINER: in Persian, Urdu, Pashto, Sorani Kurdish and Sindhi (Arabic script) it stops
#:   two letters joining where the spelling needs a break inside a word (Persian "می‌خواهم"); in the Indic
#:   scripts it chooses a letter's form (for example a visible virama in Hindi).
#: - U+200D ZERO WIDTH JOINER: in the Indic scripts (Malayalam chillu letters, Sinhala conjuncts, Hindi half
#:   forms) and in Urdu (to show a letter's joining form on its own, as in abbreviations).
_ZWNJ, _ZWJ = "\u200c", "\u200d"
_INDIC = ("hi", "mr", "ne", "bn", "as", "pa", "gu", "or", "ta", "te", "kn", "ml", "si", "sa")
INVISIBLE_ALLOWED: dict[str, frozenset[str]] = {
    **{code: frozenset({_ZWNJ}) for code in ("fa", "ps", "ckb", "ku", "sd")},
    "ur": frozenset({_ZWNJ, _ZWJ}),
    **{code: frozenset({_ZWNJ, _ZWJ}) for code in _INDIC},
}
# Characters that are not "format" characters but show as nothing (Hangul fillers, braille blank).
_BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Finding:
    """One problem in one text: kind (for the code), what is wrong, what to do, and where in the text."""

    kind: str
    message: str
    hint: str
    offset: int = 0
    severity: str = "error"


# ---- characters ----------------------------------------------------------------------------------------
_CONTROL_NAMES = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 0x0b: "LINE TABULATION", 0x0c: "FORM FEED",
                  0x0d: "CARRIAGE RETURN", 0x1b: "ESCAPE", 0x7f: "DELETE"}


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, _CONTROL_NAMES.get(ord(ch), 'CONTROL CHARACTER'))}"


def character_findings(text: str, lang: str = "en") -> list[Finding]:
    """Control and invisible characters in text (one finding for each kind of character)."""
    # the usual case, decided in C: every character printable (str.isprintable is False for the categories
    # below, and for spaces other than " ", which the loop then lets through)
    if text.replace("\n", "").replace("\t", "").isprintable() and not _BLANK_LOOKALIKES.intersection(text):
        return []
    allowed = INVISIBLE_ALLOWED.get(lang.split("-")[0], frozenset())
    out: list[Finding] = []
    seen: set[str] = set()
    for n, ch in enumerate(text):
        if ch in "\n\t" or (ch == "\r" and text[n + 1:n + 2] == "\n") or ch in allowed:
            continue
        category = unicodedata.category(ch)
        if category not in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") and ch not in _BLANK_LOOKALIKES:
            continue
        if ch in seen:
            continue
        seen.add(ch)
        if ch in _BIDI:
            out.append(Finding("bidi-control", f"The text contains an invisible text-direction character "
                               f"({_char_name(ch)}), which can disguise what the text says.",
                               "Retype the text without it. charterkit sets the direction of right-to-left text "
                               "for you.", n))
        elif category == "Cc":
            out.append(Finding("control-character", f"The text contains a control character ({_char_name(ch)}), "
                               "which is not a letter or sign anyone can see.",
                               "Retype the text around it (it often comes from copying from another program).", n))
        else:
            allowed_note = (" (only " + ", ".join(sorted(k for k, v in INVISIBLE_ALLOWED.items() if ch in v))
                            + " may use it)") if any(ch in v for v in INVISIBLE_ALLOWED.values()) else ""
            out.append(Finding("invisible-character", f"The text contains an invisible character ({_char_name(ch)})"
                               f"{allowed_note}.",
                               "Retype the text without it: readers cannot see it, and it can hide what the text "
                               "says or break searching.", n))
    return out


# ---- Markdown forms --------------------------------------------------------------------------------
_ENTITY = re.compile(r"&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_HTML = re.compile(r"<\s*[!/?A-Za-z]")
_ATTR_LIST = re.compile(r"\{\s*:[^}\n]*\}?|\{\s*[#.][A-Za-z][^{}\n]*\}|\{[^{}\n]*\b[A-Za-z][\w-]*\s*=[^{}\n]*\}")
_REF_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S", re.M)
_REF_USE = re.compile(r"\][ ]?\[[^\]\n]*\]")
_IMAGE = re.compile(r"!\[")
_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})(?=[ \t]|$)", re.M)
_SETEXT_H1 = re.compile(r"(?<=\S)[ \t]*\n[ ]{0,3}=+[ \t]*$", re.M)
_SCRIPT_WORD = re.compile(r"\b(?:java|vb)script\s*:", re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)


def _blank(text: str, pattern: re.Pattern) -> str:
    """text with each match of pattern replaced by spaces (same length, line breaks kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def url_findings(url: str, *, relative: bool = False, offset: int = 0) -> list[Finding]:
    """What is wrong with a link's address (offset: where the address starts in its text)."""
    out: list[Finding] = []
    for n, ch in enumerate(url):
        if ch <= " " or ch == "\x7f" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(Finding("link-address", "A link's address has a space, tab or invisible character in it "
                               f"({_char_name(ch)}).",
                               "Write the address without spaces or invisible characters, exactly as the web "
                               "browser shows it.", offset + n))
            break
    m = _ENTITY.search(url)
    if m:
        out.append(Finding("entity", f'A link\'s address has an HTML code ("{m.group(0)}") in it.',
                           "Write the address with plain characters, exactly as the web browser shows it.",
                           offset + m.start()))
    if "\\" in url:
        out.append(Finding("link-address", "A link's address has a backslash (\\) in it.",
                           "Write the address exactly as the web browser shows it.", offset + url.index("\\")))
    plain = "".join(ch for ch in html.unescape(url) if not (ch <= " " or unicodedata.category(ch) in ("Cc", "Cf")))
    plain = plain.replace("\\", "/")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", plain)
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        out.append(Finding("unsafe-link", f'A link goes to a "{scheme.group(1)}:" address. Links may only go to web '
                           "pages (https://), email addresses (mailto:) or phone numbers (tel:).",
                           "Remove the link, or link to a web page or email address instead.", offset))
        return out
    if scheme and scheme.group(1).lower() == "tel" and not re.fullmatch(r"tel:\+?[0-9]{3,15}", plain, re.I):
        out.append(Finding("link-address", f'"{url}" is not a phone number a phone can call.',
                           "Write tel: then the number with no spaces, for example tel:+441234567890.", offset))
        return out
    if not scheme:
        if plain.startswith("//"):
            out.append(Finding("link-address", "A link's address starts with // (another website, without saying "
                               "https://).", "Write the full address, starting with https://.", offset))
        elif not relative:
            out.append(Finding("link-address", f'"{url}" is not a full web address.',
                               "Write the full address, starting with https:// (or mailto: for email).", offset))
        return out
    if scheme.group(1).lower() in ("http", "https"):
        from urllib.parse import urlsplit

        try:
            netloc = urlsplit(plain).netloc
        except ValueError:
            netloc = ""
        if not netloc:
            out.append(Finding("link-address", f'"{url}" has no website name after https://.',
                               "Write the full address, for example https://www.example.org/page.", offset))
        elif "@" in netloc:
            out.append(Finding("lookalike", "A link's address has an @ before the website's name, so it goes to "
                               f'"{netloc.rsplit("@", 1)[1]}", not where it seems to go.',
                               "Write the address exactly as the web browser shows it, without any name@ part.",
                               offset))
        else:
            host = netloc.rsplit(":", 1)[0] if not netloc.startswith("[") else netloc
            if not host.isascii() or any(label.startswith("xn--") for label in host.lower().split(".")):
                out.append(Finding("lookalike", f'The website name "{host}" has letters other than a to z, so it may '
                                   "be a lookalike of a different website (for example Cyrillic letters that look "
                                   "like Latin ones).",
                                   "Type the website's name again with the letters a to z, digits, dots and "
                                   "hyphens only.", offset))
    return out


def text_findings(text: str, *, lang: str = "en", page: bool = False, interface: bool = False) -> list[Finding]:
    """Every problem with one untrusted text. page: a content page (relative links and headings allowed,
    {{ }} parts skipped). interface: an interface word, which is plain text (never Markdown, so it cannot
    make a link, heading or attribute list): only its characters, HTML codes and raw HTML are checked here,
    its braces by placeholder_findings()."""
    out = character_findings(text, lang)
    scan = _blank(text, _JINJA) if page else text
    scan = _blank(scan, _FENCED) if page else scan
    for m in _ENTITY.finditer(scan):
        name = m.group(1)
        if name.startswith("#") or f"{name};" in html.entities.html5:
            out.append(Finding("entity", f'The text has an HTML code ("{m.group(0)}") in it, which would show as '
                               "another character (sometimes an invisible one).",
                               "Type the character itself instead of the code.", m.start()))
            break
    autolinks = [] if interface else list(_AUTOLINK.finditer(scan))
    for m in autolinks:
        out.append(Finding("autolink", f'"{m.group(0)}" is a link written in < >.',
                           f"Write links as [words](address), for example [{m.group(0)[1:-1]}]({m.group(0)[1:-1]}).",
                           m.start()))
    for m in _HTML.finditer(_blank(scan, _AUTOLINK)):
        out.append(Finding("html", "The text contains raw HTML (something in < >).",
                           "Remove the HTML. Use Markdown, like **bold** or [words](https://...).", m.start()))
        break
    if interface:
        return out
    for m in _ATTR_LIST.finditer(scan):
        out.append(Finding("attribute-list", f'"{m.group(0)}" would add attributes to the page (an attribute '
                           "list), which texts may not do.",
                           "Remove the part in curly brackets.", m.start()))
        break
    for m in _REF_DEFINITION.finditer(scan):
        out.append(Finding("reference-link", "The text defines a link by name ([name]: address).",
                           "Write each link in full where it is used, as [words](address).", m.start()))
    for m in _REF_USE.finditer(scan):
        out.append(Finding("reference-link", f'"{m.group(0)}" uses a link by name.',
                           "Write each link in full where it is used, as [words](address).", m.start()))
    for m in _IMAGE.finditer(scan):
        out.append(Finding("image", "The text adds a picture with ![...](...).",
                           "Remove it. Easy-read pictures are set with picture: in the document's file.", m.start()))
    for m in _SCRIPT_WORD.finditer(scan):
        if not any(start <= m.start() < start + len(url) for url, start in inline_links(scan)):
            out.append(Finding("unsafe-link", f'The text contains "{m.group(0)}", the start of an address that '
                               "runs a program.", "Remove it.", m.start()))
    for url, start in inline_links(scan):
        found = url_findings(url, relative=page, offset=start)
        # an HTML code inside a link's address is reported once, as the address's
        at = {f.offset for f in found if f.kind == "entity"}
        out = [f for f in out if not (f.kind == "entity" and f.offset in at)] + found
    headings = [m for m in _HEADING.finditer(scan)]
    if page:
        main = [m for m in headings if len(m.group(1)) == 1]
        for m in main[1:]:
            out.append(Finding("heading", "The page has a second main heading (a line starting with a single #).",
                               "A page has one main heading, its first line. Start the other headings with ## "
                               "(or ### under those).", m.start()))
    else:
        for m in headings[:1]:
            out.append(Finding("heading", "A line of the text starts with #, which would make it a heading.",
                               "Remove the # (texts cannot have headings of their own), or write it as words.",
                               m.start()))
    for m in _SETEXT_H1.finditer(scan):
        out.append(Finding("heading", "A line of = signs under a line of text would make that line a main heading.",
                           "Remove the line of = signs.", m.start()))
    from ..markup.sanitise import MAX_NESTING, too_deep

    deep = too_deep(scan)
    if deep is not None:
        out.append(Finding("nesting", f"Lists or quotes here are nested more than {MAX_NESTING} levels deep (a level "
                           "is four spaces at the start of a line, a > or a list's - or 1.).",
                           "Write it as a simple list: start each point with - and at most a few spaces.", deep))
    return out


# ---- translations: the same links and placeholders as the English --------------------------------------
def link_differences(text: str, english: str) -> tuple[list[str], list[tuple[str, int]]]:
    """(addresses the English links to that text does not, [(address, offset)] text links to that the English
    does not). Addresses are compared exactly, as written."""
    mine = inline_links(text)
    theirs = [url for url, _ in inline_links(english)]
    missing = [url for url in dict.fromkeys(theirs) if url not in {u for u, _ in mine}]
    extra = [(url, start) for url, start in mine if url not in theirs]
    return missing, extra


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def placeholder_findings(text: str, english: str | None = None, known=None) -> list[Finding]:
    """Braces in an interface word: only {name} placeholders, the same ones as the English (if given), and
    only names charterkit fills in (known, if given)."""
    out: list[Finding] = []
    at = 0
    while True:
        n = min((i for i in (text.find("{", at), text.find("}", at)) if i >= 0), default=-1)
        if n < 0:
            break
        m = _PLACEHOLDER.match(text, n)
        if m:
            at = m.end()
            continue
        snippet = text[n:n + 20].split("\n")[0]
        close = text.find("}", n)
        if text[n] == "{" and 0 < close - n < 40:
            snippet = text[n:close + 1]
        out.append(Finding("placeholder", f'"{snippet}" is not a placeholder charterkit can fill in. A placeholder '
                           "is a word in curly brackets, like {document}, with nothing else inside.",
                           "Copy each {word} from the English exactly as it is, and remove any other curly brackets.",
                           n))
        break
    names = [(m.group(1), m.start()) for m in _PLACEHOLDER.finditer(text)]
    if known is not None:
        for name, start in names:
            if name not in known:
                out.append(Finding("placeholder", f'charterkit does not fill in "{{{name}}}" anywhere.',
                                   "Use only the words in curly brackets the English has.", start))
    if english is not None:
        want = set(_PLACEHOLDER.findall(english))
        got = {name for name, _ in names}
        if want != got:
            missing, extra = sorted(want - got), sorted(got - want)
            detail = "; ".join(filter(None, [f"missing {', '.join('{' + x + '}' for x in missing)}" if missing else "",
                                             f"not in the English: {', '.join('{' + x + '}' for x in extra)}"
                                             if extra else ""]))
            where = next((start for name, start in names if name in extra), 0)
            out.append(Finding("placeholder", f"The words in curly brackets do not match the English ({detail}).",
                               "Copy each {word} from the English exactly as it is. Do not translate what is "
                               "inside the brackets.", where))
    return out


# ---- where a finding is ----------------------------------------------------------------------------------
_FILE_LINES: dict[str, list[str]] = {}


def _file_lines(path: Path) -> list[str]:
    key = str(path)
    if key not in _FILE_LINES:
        try:
            _FILE_LINES[key] = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            _FILE_LINES[key] = []
        if len(_FILE_LINES) > 64:
            _FILE_LINES.pop(next(iter(_FILE_LINES)))
    return _FILE_LINES[key]


def yaml_position(loaded: Loaded, path: tuple, text: str, offset: int) -> tuple[int | None, int | None]:
    """The line and column in the YAML file of the character at offset in the text at path: found by
    looking for the words around it from where the value starts (a block of text keeps its lines; a
    value in quotes may have its characters written as escapes, then the value's own position is used)."""
    line, col = loaded.position(path)
    if line is None:
        return line, col
    lines = _file_lines(loaded.file)
    end = len(text)
    for stop in ("\n",):
        k = text.find(stop, offset)
        if k >= 0:
            end = min(end, k)
    needle = text[offset:min(end, offset + 24)]
    if not needle.strip() or not lines:
        return line, col
    # which occurrence of the needle in the text this is
    before = text[:offset].count(needle)
    seen = 0
    for n in range(line - 1, min(len(lines), line - 1 + text.count("\n") + 200)):
        start = (col - 1) if n == line - 1 else 0
        at = lines[n].find(needle, start)
        while at >= 0:
            if seen == before:
                return n + 1, at + 1
            seen += 1
            at = lines[n].find(needle, at + 1)
    return line, col


def text_position(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """Line and column of offset in a text file's text (first_line: the line the text starts on)."""
    before = text[:offset]
    return first_line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1


def report_findings(report: Report, findings, *, prefix: str, file: str, where, key: str | None = None,
                    kinds: dict | None = None) -> None:
    """Add each finding to report as an issue with code prefix.kind; where(offset) gives (line, column)."""
    for f in findings:
        kind = (kinds or {}).get(f.kind, f.kind)
        line, col = where(f.offset)
        add = report.error if f.severity == "error" else report.warning
        add(f"{prefix}.{kind}", f.message, file=file, line=line, column=col, key=key, hint=f.hint)


# ---- whole files ----------------------------------------------------------------------------------------
_URL_FIELDS = ("url", "licence_url", "help_url")


def walk_strings(data, path: tuple = ()):
    """Every text in loaded YAML data, with its key path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, path + (key,))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from walk_strings(value, path + (n,))


def check_yaml_texts(loaded: Loaded, display: str, report: Report, lang: str = "en", skip=()) -> None:
    """Every text in a source document, tool or site_config.yml: the checks of text_findings(); addresses
    in url fields must be safe web addresses."""
    for path, value in walk_strings(loaded.data):
        if path[:1] in skip:
            continue
        if path and path[-1] in _URL_FIELDS:
            findings = character_findings(value, lang) + url_findings(value)
        else:
            findings = text_findings(value, lang=lang)
        if findings:
            report_findings(report, findings, prefix="text", file=display, key=key_path(path),
                            where=lambda offset, p=path, v=value: yaml_position(loaded, p, v, offset))


def check_interface_words(root: Path, report: Report, cache=None) -> None:
    """theme/strings/en.yml (the interface words in English, which translations follow): characters, HTML
    codes and raw HTML, and braces that are not placeholders charterkit fills in. cache: a YamlCache, or none."""
    from ..load.yamlfile import load_yaml
    from ..model.text import KNOWN_PLACEHOLDERS

    folder = root / "theme" / "strings"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        display = report.rel(path)
        loaded = load_yaml(path, display, cache=cache)
        if not loaded.ok or not isinstance(loaded.data, dict):
            continue  # (why is reported by read/strings.py's check_strings, which reads them first)
        for key, value in walk_strings(loaded.data):
            findings = (text_findings(value, interface=True)
                        + placeholder_findings(value, known=KNOWN_PLACEHOLDERS))
            if findings:
                report_findings(report, findings, prefix="words", file=display, key=key_path(key),
                                where=lambda offset, p=key, v=value: yaml_position(loaded, p, v, offset))


# ---- content pages --------------------------------------------------------------------------------------
def page_findings(text: str, config, lang: str = "en") -> list[Finding]:
    """Every problem with a content page's text (after any header), including its {{ }} parts: they are
    filled in (in the sandbox, markup/content.py) to see that they work and that what they make is safe."""
    out = text_findings(text, lang=lang, page=True)
    if config is None:
        return out
    from ..markup.content import ContentError, render

    try:
        filled = render(text, config)
    except ContentError as exc:
        line = exc.line or 1
        lines = text.split("\n")
        offset = sum(len(x) + 1 for x in lines[: max(0, line - 1)])
        return out + [Finding("template", exc.message, exc.hint or "", min(offset, len(text)))]
    for url, start in inline_links(filled):
        plain = re.sub(r"\\(.)", r"\1", url)
        for f in url_findings(plain, relative=True):
            if f.kind == "unsafe-link":
                line = filled[:start].count("\n")
                offset = sum(len(x) + 1 for x in text.split("\n")[:line])
                out.append(Finding(f.kind, f.message + " (once its {{ }} parts are filled in)", f.hint,
                                   min(offset, len(text))))
    return out


def check_content_pages(root: Path, config, report: Report) -> None:
    """The English content pages (content/en/*.md). Translated pages are checked with the translations."""
    from ..load.textfile import read_text

    folder = root / "content" / "en"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        display = report.rel(path)
        text, _ = read_text(path, display)
        if text is None:
            continue  # (why is reported by validate/names.py, which reads every content page first)
        findings = page_findings(text, config)
        report_findings(report, findings, prefix="page", file=display,
                        where=lambda offset, t=text: text_position(t, offset))


# ---- symbolic links --------------------------------------------------------------------------------------
#: What a build reads, under the project folder.
INPUTS = ("site_config.yml", "framework_data", "content", "theme")


def _outside(root: Path, target: Path) -> bool:
    try:
        rel = target.relative_to(root)
    except ValueError:
        return True
    return any(part.startswith(".") for part in rel.parts)  # .git, .env, .charterkit-cache...


def check_links(root: Path, report: Report) -> bool:
    """Every symbolic link among the project's inputs must stay inside the project (and out of its hidden
    folders, such as .git). Returns False if one does not: the caller then reads nothing more, so no file
    from outside is ever read, published or quoted."""
    root = Path(root).resolve()
    ok = True
    visited: set[Path] = set()
    for name in INPUTS:
        start = root / name
        todo = [start] if os.path.lexists(start) else []
        while todo:
            path = todo.pop()
            if path.is_symlink():
                try:
                    target = path.resolve(strict=False)
                except (OSError, RuntimeError):  # a loop of links
                    target = None
                if target is None or _outside(root, target):
                    ok = False
                    kind = "folder" if path.is_dir() else "file"
                    report.error("file.link-outside", f"This {kind} is a link to somewhere outside the project, so "
                                 "charterkit does not read it.", file=report.rel(path), line=1, column=1,
                                 hint=f"Replace the link with a real {kind} (copy what it should contain into the "
                                      "project), or remove it.")
                    continue
            if path.is_dir():
                real = path.resolve()
                if real in visited:
                    continue
                visited.add(real)
                try:
                    todo.extend(sorted(path.iterdir(), reverse=True))
                except OSError:
                    continue
    return ok
