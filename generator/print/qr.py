"""QR codes for the packs' covers (issue 18): a phone camera pointed at the cover opens the same document's
web page, in the same language.

segno (pinned in pyproject.toml) makes the code: QR encoding (Reed-Solomon error correction, masking,
version choice) is a standard with many details, which a small, pure-Python, well-tested library gets
right and code written here might not. The code is drawn as inline SVG, so it is vector (sharp at any
print size), needs no file, and is tagged by WeasyPrint as a figure whose alternative text is the SVG's
<title>.
"""
from __future__ import annotations

from markupsafe import Markup


def web_address(site_url: str | None, lang: str, doc_id: str, easy_read: bool) -> str:
    """The address of a document's web page in lang ("" when site_config.yml gives no site address)."""
    if not site_url or not site_url.startswith(("https://", "http://")):
        return ""
    return f"{site_url.rstrip('/')}/{lang}/{doc_id}/" + ("easy-read/" if easy_read else "")


def short_address(url: str) -> str:
    """The address as printed: without "https://" (phones and browsers add it back)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url


def qr_svg(url: str, alt: str) -> Markup:
    """An inline SVG QR code for url, with alt as its text alternative. Medium error correction (15% of the
    code can be damaged or dirty and it still reads) and the standard quiet zone of 4 modules around it."""
    import segno

    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(omitsize=True, border=4, dark="#000", light="#fff", title=str(alt))
    if ' class="segno"' not in svg:
        raise RuntimeError("segno's SVG has changed: check generator/print/qr.py against the pinned version")
    return Markup(svg.replace(' class="segno"', ' class="ck-qr"', 1))
