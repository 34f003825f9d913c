"""Arabic and Urdu pages do not move when their fonts arrive (issue #15, layout shift).

A web font arrives after the page has first been drawn in a font already on the reader's computer. If the
two differ in width or height, lines break elsewhere when it arrives and the page moves under the reader's
eyes. So each language's text font, and Atkinson Hyperlegible (which draws the spaces and the English words
on these pages), is followed in the page's font list by a stand-in with its measurements: a local font
scaled with size-adjust and given the web font's height above and below the line. And the Latin fonts an
Urdu page needs are preloaded with Nastaliq, so that they are there when the page is first laid out (they
were found only after it, and the English words of ur/jias-engagement-framework/ moved the page by 0.133).
The browser's own measure of the shift is benchmarks/layout_shift.js (a measurement, not a test: with the fonts
held back its figure moves from run to run, benchmarks/results.md)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

pytestmark = pytest.mark.build

#: Each language with a font of its own: the web fonts that draw its text, each with the stand-in that must follow it.
LANGS = {
    "ar": {"Noto Naskh Arabic": "CK Naskh Fallback", "Atkinson Hyperlegible": "CK Latin Fallback"},
    "ur": {"Noto Nastaliq Urdu": "CK Nastaliq Fallback", "Atkinson Hyperlegible": "CK Latin Fallback"},
}


def _site_css(site: Path) -> str:
    sheets = sorted((site / "assets" / "charterkit").glob("site.*.css"))
    assert len(sheets) == 1, sheets
    return sheets[0].read_text(encoding="utf-8")


def _declarations(rule) -> dict[str, str]:
    out = {}
    for decl in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True):
        if decl.type == "declaration":
            out[decl.lower_name] = tinycss2.serialize(decl.value).strip()
    return out


def _families(value: str) -> list[str]:
    return [f.strip().strip('"').strip("'") for f in value.split(",")]


def _parse(css: str):
    faces: dict[str, list[dict[str, str]]] = {}
    lists: dict[str, list[str]] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "font-face":
            decls = _declarations(rule)
            faces.setdefault(_families(decls["font-family"])[0], []).append(decls)
        elif rule.type == "qualified-rule":
            selector = tinycss2.serialize(rule.prelude).strip()
            decls = _declarations(rule)
            if selector in (":lang(ar)", ":lang(ur)") and "font-family" in decls:
                lists[selector[6:8]] = _families(decls["font-family"])
    return faces, lists


@pytest.fixture(scope="module")
def fonts(built_site):
    return _parse(_site_css(built_site))


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_each_text_font_is_followed_by_a_stand_in_with_its_measurements(fonts, lang):
    faces, lists = fonts
    assert lang in lists, f"the site's style sheet gives :lang({lang}) no font list"
    order = lists[lang]
    for web_font, stand_in in LANGS[lang].items():
        assert web_font in order, f":lang({lang}) does not use {web_font}: {order}"
        assert any("url(" in face.get("src", "") for face in faces.get(web_font, [])), \
            f"{web_font} is not a web font of the site"
        after = order[order.index(web_font) + 1]
        assert after == stand_in, (f"on {lang} pages {web_font} is followed by {after!r}, not by its stand-in "
                                   f"{stand_in!r}: {order}")
        declared = faces.get(stand_in)
        assert declared, f"{stand_in} has no @font-face"
        for face in declared:
            assert face["src"].startswith("local("), f"{stand_in} must be a font on the reader's computer: {face}"
            for measure in ("size-adjust", "ascent-override", "descent-override"):
                assert re.fullmatch(r"\d+(\.\d+)?%", face.get(measure, "")), \
                    f"{stand_in} has no {measure} (the web font's measurements): {face}"


def test_urdu_pages_preload_every_font_their_first_lines_use(built_site):
    folder = built_site / "ur" / "jias-engagement-framework"
    hrefs = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', (folder / "index.html").read_text("utf-8"))
    preloaded = [href.rsplit("/", 1)[-1] for href in hrefs]
    for font in ("noto-nastaliq-urdu-arabic-400-normal", "atkinson-hyperlegible-latin-400-normal",
                 "atkinson-hyperlegible-latin-700-normal"):
        assert any(name.startswith(font) for name in preloaded), f"{font} is not preloaded: {preloaded}"
    missing = [href for href in hrefs if not (folder / href).resolve().is_file()]
    assert not missing, f"preloaded fonts that are not in the site: {missing}"
