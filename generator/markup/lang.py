"""The one helper that marks text in another language than the page or pack it is on.

A text that fell back to English on a Polish page, or a Polish language name on an English page, is marked
with lang (so a screen reader switches voice, and the PDF's structure tree carries /Lang) and dir (so it is
laid out in its own direction). The website (web pages, menus, pack links) and the printable packs all
call this module; the direction of each language comes from site_config.yml (dirs: code -> "ltr"/"rtl"),
never from a list written here.

It also keeps left-to-right labels in order on right-to-left pages. An item's number such as "(b)(v)",
"2.1", "QI 5.2" or "3, 7", in an Arabic or Urdu heading, would otherwise be laid out by the surrounding
right-to-left text ("(b)(v)" would read ")v()b("). isolate() puts Unicode's isolate characters around such
a label in plain text (a page title, a menu entry: U+2066 LEFT-TO-RIGHT ISOLATE ... U+2069 POP
DIRECTIONAL ISOLATE); isolates_as_html() turns them into <bdi dir="ltr"> where the text is HTML. These
characters are refused in every input (validate/safety.py): the ones on a page are only ever charterkit's.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping

LRI, PDI = "\u2066", "\u2069"


def direction(lang: str, dirs: Mapping[str, str] | None = None) -> str:
    """The writing direction of lang: from the configured languages, else left to right (English, the
    language every text falls back to)."""
    return (dirs or {}).get(lang, "ltr")


def lang_attrs(text_lang: str, context_lang: str, dirs: Mapping[str, str] | None = None) -> str:
    """' lang="xx" dir="..."' for an element holding a text in text_lang on a page (or pack) in
    context_lang, or "" when they are the same language."""
    if text_lang == context_lang:
        return ""
    return f' lang="{html.escape(text_lang)}" dir="{direction(text_lang, dirs)}"'


def wrap(body: str, text_lang: str, context_lang: str, dirs: Mapping[str, str] | None = None,
         element: str = "span") -> str:
    """body (HTML already made safe) in an element marked with its language, if that is not the page's."""
    attrs = lang_attrs(text_lang, context_lang, dirs)
    return f"<{element}{attrs}>{body}</{element}>" if attrs else body


def cited(body: str, context_lang: str, dirs: Mapping[str, str] | None = None, element: str = "cite",
          text_lang: str = "en") -> str:
    """body (HTML already made safe) as a name kept in its original words: a source document's title (in a
    <cite>), its publisher, its address. Such a name is never translated, because a reader needs it as it is
    to find the document. It is marked with its language (lang, and dir, so that its punctuation stays in
    place inside right-to-left text) and with translate="no", HTML's mark for words that stay as they are:
    browsers' and screen readers' translators leave it alone, and `charterkit i18n english-share` does not
    count it as English left untranslated."""
    return f'<{element}{lang_attrs(text_lang, context_lang, dirs)} translate="no">{body}</{element}>'


def _needs_isolating(label: str) -> bool:
    """True for a label that holds no right-to-left letter and is more than a plain number: "(b)(v)", "2.1",
    "QI 5.2", "3, 7" (a plain "7" is laid out the same either way, and stays as it is)."""
    if not label or label.isdigit():
        return False
    kinds = {unicodedata.bidirectional(ch) for ch in label}
    return not kinds & {"R", "AL", "RLE", "RLO", "RLI", "LRI", "FSI", "PDI"}


def isolate(label: str, context_dir: str) -> str:
    """label kept left to right on a right-to-left page (plain text, with Unicode isolates); as it is
    elsewhere."""
    if context_dir != "rtl" or not _needs_isolating(label):
        return label
    return f"{LRI}{label}{PDI}"


_ISOLATED = re.compile(f"{LRI}([^{LRI}{PDI}<>]*){PDI}")


def isolates_as_html(text: str) -> str:
    """HTML text with each isolated label (see isolate) as <bdi dir="ltr">: the same layout, written as
    HTML, so browsers, screen readers and copy-and-paste see an element rather than invisible characters."""
    if LRI not in text:
        return text
    return _ISOLATED.sub(r'<bdi dir="ltr">\1</bdi>', text)


_TEL_LINK = re.compile(r'(<a\b[^>]*?\shref="tel:[^"]*")(?![^>]*\sdir=)')


def ltr_phone_links(text: str, context_dir: str) -> str:
    """On a right-to-left page, phone-number links (tel:) get dir="ltr", so the digits keep their order."""
    if context_dir != "rtl" or "tel:" not in text:
        return text
    return _TEL_LINK.sub(r'\1 dir="ltr"', text)


_ADDRESS_LINK = re.compile(r'<a href="([^"<>]+)">([^<>]+)</a>')


def addresses_kept(text: str, context_lang: str, dirs: Mapping[str, str] | None = None) -> str:
    """HTML (made safe already) with each link whose words are its own web address (an autolink such as
    <https://...>, or [https://...](https://...)) marked as an address kept as it is: translate="no", and lang
    and dir of English (the address is read out, and laid out, left to right on every page)."""
    if "<a href=" not in text:
        return text

    def mark(m: re.Match) -> str:
        href, words = html.unescape(m.group(1)), html.unescape(m.group(2))
        if words.strip() not in (href, href.removeprefix("mailto:")):
            return m.group(0)
        return f'<a href="{m.group(1)}"{lang_attrs("en", context_lang, dirs)} translate="no">{m.group(2)}</a>'

    return _ADDRESS_LINK.sub(mark, text)


# a word in Latin letters (with digits, hyphens and apostrophes inside it, escaped or not; it may start with
# digits, as "2MP" does), not the name of a character reference such as "&amp;" or "&#x27;"
_LATIN_WORD = (r"(?<![&#A-Za-z0-9\u00C0-\u024F])[0-9]*[A-Za-z\u00C0-\u024F]"
               r"(?:[A-Za-z0-9\u00C0-\u024F\u2019\-]|&#x27;)*")
# what joins the words of one English passage: spaces and the punctuation of names, addresses and titles
# ("Community Development/ALLIANCE Scotland", "Scottish Health Council: Stronger Voice", "XLSForm (.xlsx)",
# "accessibility@example.org", "https://charters.example.org/"). A passage cut in two would be laid out in the
# wrong order: two left-to-right pieces inside right-to-left words read from right to left.
_JOIN = r"(?:[\s,.:;/@()+_=?#%\u2013\u2014\-0-9]|&amp;|&#x27;|&quot;|\u2019)+"
# a run of words in Latin letters (and the numbers among or after them: "Licence v3.0"), never starting or ending
# with what joins them (but for a bracket it opened, or the "/" that ends a web address)
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?:{_JOIN}(?:{_LATIN_WORD}|[0-9]+(?![0-9]*[A-Za-z])))*(?P<tail>[)/])?")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")


def _english_run(run: re.Match) -> str:
    words, tail = run.group(0), run.group("tail") or ""
    if tail:
        words = words[:-1]
        if tail == "/" or words.count("(") > words.count(")"):
            words, tail = words + tail, ""
    # a bracket the passage closes without opening it ends the passage: the bracket is the page's, and what
    # follows it is a passage of its own ("(voluntary, community) ok")
    depth = 0
    for at, ch in enumerate(words):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            rest = words[at + 1:] + tail
            return (f'<bdi lang="en" dir="ltr">{words[:at]}</bdi>)'
                    + _LATIN_RUN.sub(_english_run, rest))
    return f'<bdi lang="en" dir="ltr">{words}</bdi>{tail}'


def english_passages(text: str, context_dir: str) -> str:
    """HTML (made safe already) in a right-to-left language, with each passage in Latin letters inside it (the
    English in "التفتيش المشترك على خدمات البالغين (Joint Inspection of Adult Services)") as
    <bdi lang="en" dir="ltr">: laid out as one left-to-right piece, so its words and the brackets around it stay
    in order when the line wraps, and read out in English. Tags are left as they are; left-to-right text is
    returned unchanged."""
    if context_dir != "rtl":
        return text

    def mark(m: re.Match) -> str:
        if m.group(1):
            return m.group(1)
        return _LATIN_RUN.sub(_english_run, m.group(2))

    return _TAG_OR_TEXT.sub(mark, text)


# ---- a whole right-to-left page -------------------------------------------------------------------------------
#: what a page is made of: comments and elements whose text is not prose (kept whole), tags, and text
_PAGE_PART = re.compile(
    r"(?P<keep><!--.*?-->"
    r"|<(?P<raw>script|style|pre|textarea|code|kbd|samp|title|svg|math|option|template)\b"
    r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</(?P=raw)\s*>)"
    r"|(?P<tag><(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>)"
    r"|(?P<text>[^<]+|<)",
    re.S | re.I)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_LANG_ATTR = re.compile(r"""(?<![\w-])lang\s*=\s*["']?([^"'\s>]*)""", re.I)
_DIR_LTR = re.compile(r"""(?<![\w-])dir\s*=\s*["']?ltr\b""", re.I)
_RTL_PAGE = re.compile(r'<html\b[^>]*?\slang="([^"]+)"[^>]*\sdir="rtl"')
_ISOLATED_TEXT = re.compile(f"({LRI}[^{LRI}{PDI}]*{PDI})")
_ELEMENT_TEXT = re.compile(r"([^<]*)</(?P<name>[A-Za-z][A-Za-z0-9-]*)\s*>")
#: a numbering letter in brackets ("(b)", "(viii)"), as in "(b)(viii)"
_NUMBERING = re.compile(r"\([A-Za-z]{1,5}\)")
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]{2,}")


def _is_english_name(isolated: str) -> bool:
    """True for a text kept left to right (isolate) that holds words in Latin letters ("North Yorkshire",
    "QI 5.2"), False for a number ("2.1") or one made of numbering letters in brackets ("(b)(viii)")."""
    return bool(_WORD.search(_NUMBERING.sub(" ", html.unescape(isolated))))


def _english_isolate(m: re.Match) -> str:
    inner = m.group(1)
    return f'<bdi lang="en" dir="ltr">{inner}</bdi>' if _is_english_name(inner) else m.group(0)


def english_in_page(page: str) -> str:
    """A whole web page in a right-to-left language (<html lang=".." dir="rtl">, as Material writes it), with each
    passage in Latin letters in its text that is not marked already (inside an element with lang of another
    language, or dir="ltr": a number kept in order, a name cited) as <bdi lang="en" dir="ltr"> (see
    english_passages): an English name or title in an Arabic or Urdu sentence, a menu, a link, the footer. The
    passages in Latin letters on charterkit's pages are English (the source documents' names and titles, short
    forms, addresses); a text in another language is marked with its own lang where it is written (a language's
    name in a menu). Tags, attributes, scripts, styles, code and the <title> are left as they are. Any other page
    is returned unchanged. The printable packs' HTML goes through it too (print/pack_html.py english_isolated)."""
    found = _RTL_PAGE.search(page[:2000])
    if found is None:
        return page
    page_lang = found.group(1)
    body = page.find("<body")
    if body < 0:
        return page
    out = [page[:body]]
    stack: list[tuple[str, bool]] = []  # open elements: (name, inside a marked element)
    for part in _PAGE_PART.finditer(page, body):
        if part.group("tag"):
            name = part.group("name").lower()
            if part.group("end"):
                if any(open_name == name for open_name, _ in stack):
                    while stack and stack.pop()[0] != name:
                        pass
            elif name not in _VOID and not part.group("attrs").rstrip().endswith("/"):
                attrs = part.group("attrs")
                lang = _LANG_ATTR.search(attrs)
                ltr = bool(_DIR_LTR.search(attrs))
                marked = bool(stack and stack[-1][1]) or bool(lang and lang.group(1) != page_lang) or ltr
                if ltr and lang is None and not (stack and stack[-1][1]):
                    # a text kept left to right (a name isolated by isolate(): "North Yorkshire" in "North
                    # Yorkshire، إنجلترا"; an email address; a licence's code) is English too, when it has words
                    inner = _ELEMENT_TEXT.match(page, part.end())
                    if inner and inner.group("name").lower() == name and _is_english_name(inner.group(1)):
                        out.append(f'<{part.group("name")} lang="en"{attrs}>')
                        stack.append((name, marked))
                        continue
                stack.append((name, marked))
            out.append(part.group(0))
        elif part.group("text") and not (stack and stack[-1][1]) and re.search("[A-Za-z]", part.group("text")):
            out.append("".join(_english_isolate(_ISOLATED.match(piece)) if piece.startswith(LRI)
                               else _LATIN_RUN.sub(_english_run, piece)
                               for piece in _ISOLATED_TEXT.split(part.group("text"))))
        else:
            out.append(part.group(0))
    return "".join(out)
