"""The Content Security Policy every page carries, as <meta http-equiv="Content-Security-Policy">.

If anything ever slipped past the sanitising (markup/sanitise.py), the browser still would not run it:
scripts only from the site itself, plus the theme's few inline scripts, each allowed by the SHA-256 hash
of its exact text; no inline event handlers (onclick=...), no javascript: addresses, no eval; styles,
fonts, pictures and requests only from the site itself; no plugins, frames, or <base> changes.

Which inline scripts are the theme's: those whose text is exactly one of the scripts in Material's
templates/partials/javascripts/ or theme/overrides/ (where a template fills in a value, the base address
of the page, only that value may differ, and only by the characters an address like ../.. uses). Any other
inline script on a page gets no hash, so it does not run.

A <meta> policy cannot say everything: README.md ("Publishing the site") lists the headers a web server
should also send (frame-ancestors, among others, works only as a header).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

#: The policy, with {scripts} and {styles} for the hashes of the inline scripts and style elements.
POLICY = ("default-src 'self'; script-src 'self'{scripts}; style-src 'self'{styles}; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; media-src 'self'; "
          "object-src 'none'; frame-src 'none'; child-src 'self'; base-uri 'self'; form-action 'self'")

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.S | re.I)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', re.I)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _is_javascript(attrs: str) -> bool:
    """Whether a <script> with these attributes runs (JSON data blocks such as Material's __config do not)."""
    if re.search(r"\ssrc\s*=", attrs, re.I):
        return False
    m = re.search(r"""\stype\s*=\s*["']?([^"'\s>]+)""", attrs, re.I)
    return m is None or m.group(1).lower() in ("text/javascript", "application/javascript", "module")


@functools.lru_cache(maxsize=8)
def theme_scripts(overrides: str | None = None) -> tuple[re.Pattern, ...]:
    """Patterns of the inline scripts the theme's templates write (see the module's docstring)."""
    import material

    folders = [Path(material.__file__).parent / "templates" / "partials" / "javascripts"]
    if overrides:
        folders.append(Path(overrides))
    patterns = []
    for folder in folders:
        for file in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            source = file.read_text(encoding="utf-8")
            for m in _INLINE_SCRIPT.finditer(source):
                body = m.group("body")
                if not _is_javascript(m.group("attrs")) or "{%" in body or not body.strip():
                    continue
                parts = re.split(r"\{\{.*?\}\}", body)
                patterns.append(re.compile("[./A-Za-z0-9_-]{0,200}".join(re.escape(p) for p in parts)))
    return tuple(patterns)


def add_policy(page: str, allowed: tuple[re.Pattern, ...] | None = None, style_hashes: bool = False) -> str:
    """page with the policy as the first thing in its <head> (before any script). The inline scripts that
    match allowed (default: the theme's) are allowed by their hashes; with style_hashes, so are its
    <style> elements (pages charterkit writes itself, like the site's root page)."""
    if allowed is None:
        allowed = theme_scripts()
    page = _META.sub("", page)
    scripts = []
    for m in _INLINE_SCRIPT.finditer(page):
        body = m.group("body")
        if _is_javascript(m.group("attrs")) and any(p.fullmatch(body) for p in allowed):
            digest = sha256(body)
            if digest not in scripts:
                scripts.append(digest)
    styles = []
    if style_hashes:
        for m in _INLINE_STYLE.finditer(page):
            digest = sha256(m.group("body"))
            if digest not in styles:
                styles.append(digest)
    policy = POLICY.format(scripts="".join(" " + s for s in scripts), styles="".join(" " + s for s in styles))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = re.search(r"<head(?:\s[^>]*)?>", page, re.I)
    if head is None:
        return page
    at = head.end()
    charset = re.compile(r"\s*<meta charset=[^>]*>", re.I).match(page, at)
    if charset is not None:  # the character set stays first (it must be in the first 1024 bytes)
        at = charset.end()
    return page[:at] + "\n    " + meta + page[at:]


def own_page(page: str) -> str:
    """A page charterkit writes whole (site/index.html, site/404.html): every inline script and style in it
    is charterkit's own, so each is allowed by its hash."""
    everything = (re.compile(r".*", re.S),)
    return add_policy(page, allowed=everything, style_hashes=True)
