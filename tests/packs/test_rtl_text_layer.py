"""The text layer of the Arabic and Urdu packs (issue 18, docs/rtl-text-layer.md): what screen readers,
copy, search and `pdftotext` get. These fail if a WeasyPrint or font upgrade breaks the post-process in
generator/print/pdf_textlayer.py."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from generator.check import pdf_rules
from generator.print import packs as packs_module
from generator.print.packs import language_view
from generator.print.pack_html import PrintWriter, text_lang

from .conftest import ROOT

pytestmark = pytest.mark.build

# The font versions the figures in docs/rtl-text-layer.md were measured with.
FONT_VERSIONS = {"amiri/files/amiri-arabic-400-normal.woff2": "Version 1.002",
                 "scheherazade-new/files/scheherazade-new-arabic-400-normal.woff2": "Version 4.500"}


@pytest.fixture(scope="session")
def rtl_packs(packs_site, ur_packs_site):
    """{lang: [(pack, path)]} for Arabic and Urdu."""
    out = {}
    for site, manifest, _ in (packs_site, ur_packs_site):
        for pack in manifest:
            if pack.lang in ("ar", "ur"):
                out.setdefault(pack.lang, []).append((pack, site / pack.path))
    assert set(out) == {"ar", "ur"} and all(len(v) > 20 for v in out.values()), {k: len(v) for k, v in out.items()}
    return out


class _Text(HTMLParser):
    """The printed text of a pack's HTML: inline elements join their words as they are, blocks end a word.
    An SVG's <title> and <desc> (the QR code's description) are a figure's alternative text, not printed: a
    screen reader gets them as the figure's /Alt."""

    BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
              "table", "section", "header", "main", "nav", "blockquote", "figure", "figcaption", "caption", "br"}
    SKIP = {"style", "head", "script", "title", "desc"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


@pytest.fixture(scope="session")
def source_words(corpus, packs_audio):
    """{pack file name: the right-to-left words of the HTML the pack was made from}: each pack's own source
    (with the same audio as the packs: an easy-read pack's cover says the page can be listened to)."""
    out = {}
    for lang in ("ar", "ur"):
        view, strings = language_view(corpus, lang)
        writer = PrintWriter(view, lang, strings, text_lang)
        writer.audio = dict(packs_audio.get(lang, {}))
        for planned in packs_module._plan_language(view, writer, lang, Path("site"), None, None):
            parser = _Text()
            parser.feed(planned.html.html)
            out[planned.pack.file] = pdf_rules.rtl_words("".join(parser.parts))
    return out


def _score(path: Path, words: list[str]) -> tuple[float, int, list[str]]:
    return pdf_rules.words_intact(words, pdf_rules.pdftotext(path))


def test_every_line_of_the_urdu_packs_was_recoded(ur_packs_site):
    """A line the post-process cannot match is reported as a render warning (pdf_engine.render); the
    Arabic packs are covered by test_pdfs.py::test_no_render_warnings."""
    _, manifest, report = ur_packs_site
    assert len(manifest) > 20
    assert not [i for i in report.issues if i.code == "packs.render"], report.format()


def test_no_empty_actual_text_in_any_pack(packs_site, ur_packs_site, pdf_text):
    checked = 0
    for site, manifest, _ in (packs_site, ur_packs_site):
        for pack in manifest:
            pdf, pages = pdf_text.walked(site / pack.path)
            assert pdf_rules.empty_actual_text(pdf, pages) == 0, pack.file
            checked += 1
    assert checked > 60


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_pdftotext_gets_the_words_of_every_pack(rtl_packs, source_words, lang):
    """Words whole in pdftotext, against each pack's own source text: every Arabic and every Urdu pack at least
    95% (pdf_rules.WORDS_INTACT_MINIMUM). The lowest packs are printed (pytest -s), with words they lose."""
    found = total = 0
    scores = {}
    for pack, path in rtl_packs[lang]:
        words = source_words[pack.file]
        assert len(words) > 100, pack.file
        share, n, missing = _score(path, words)
        scores[pack.file] = (share, n, missing[:5])
        found += share * n
        total += n
    ranked = sorted(scores.items(), key=lambda kv: kv[1][0])
    print(f"\n{lang}: {len(scores)} packs, words whole {found / total:.2%} over all, lowest:")
    for name, (share, n, missing) in ranked[:4]:
        print(f"  {share:.2%} of {n}  {name}  (lost, for example: {' '.join(missing)})")
    low = {name: f"{share:.2%}" for name, (share, _, _) in ranked if share < pdf_rules.WORDS_INTACT_MINIMUM}
    assert not low, low
    assert found / total >= pdf_rules.WORDS_INTACT_MINIMUM


def test_hard_words_come_out_whole(tmp_path):
    """The causes measured in issue 18, one by one: vowel marks over a letter (يُرجى, معًا, المكلِّفة), Amiri's
    wide joins (طريقة, الكرامة, ويجب, تحترم), a letter and its mark drawn as one glyph (أُشرك, شيئًا), and in Urdu
    lam-alef drawn as one glyph (علاقے, بلامعاوضہ). Each must come out of pdftotext whole, and in logical order."""
    from generator.print import pdf_engine

    samples = {
        "ar": "معًا يُرجى طريقة بطريقة الإيجابية الكرامة الإلكتروني تحترم المكلِّفة ويجب فريق بخير ويعملون شيئًا "
              "أُشرك المقدَّم تُقدَّم كثيرًا وفقًا لا يُقدَّم",
        "ur": "بلامعاوضہ علاقے حالات والا علاج سوالات لائسنس خیالات لاگو صلاحیت عام پرنٹ",
    }
    for lang, text in samples.items():
        html = (f'<html lang="{lang}" dir="rtl"><head><title>t</title></head><body><p>{text}</p>'
                f'<p><strong>{text}</strong></p></body></html>')
        fonts = tmp_path / "fonts"
        pdf_engine.prepare_fonts(ROOT, [lang], fonts)
        css = pdf_engine.font_css(lang, ROOT) + "body { font-size: 14pt; line-height: 1.8; }"
        out = tmp_path / f"{lang}.pdf"
        result = pdf_engine.render(pdf_engine.RenderJob("k", html, css, ROOT.as_uri() + "/", str(out), str(fonts)))
        assert not result.warnings, result.warnings
        words = pdf_rules.rtl_words(text)
        share, n, missing = _score(out, words * 2)
        assert n == 2 * len(words) and share == 1.0, (lang, missing)


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_actual_text_is_the_packs_own_words_in_logical_order(rtl_packs, source_words, lang):
    """Each /ActualText is a run of the pack's source words in the order they are written."""
    checked = 0
    for pack, path in rtl_packs[lang]:
        source = " " + " ".join(source_words[pack.file]) + " "
        with pikepdf.open(path) as pdf:
            texts = [str(e.ActualText) for e, _ in pdf_rules.struct_elements(pdf) if "/ActualText" in e]
        rtl = [t for t in texts if pdf_rules.RTL.search(t)]
        assert len(rtl) >= 10, pack.file
        for text in rtl:
            words = pdf_rules.rtl_words(text)
            if not words:
                # numbers joined by the Arabic comma or semicolon (a focus group's statements: "1، 2، 5"), or the
                # punctuation of a sentence between two English passages in it (")، ", "، © ", see
                # pdf_textlayer.py): no words
                rest = re.sub(rf"[\s\d©{re.escape(pdf_rules.PUNCT)}]", "", pdf_rules.BIDI_CONTROLS.sub("", text))
                assert not rest, (pack.file, text)
                continue
            # a run of the pack's words, in order (words in another script between them are left out)
            assert all(w in source for w in words), (pack.file, text)
            if len(words) >= 2 and " ".join(words) in source:
                checked += 1
    assert checked > 200


def test_an_arabic_pack_renders_to_the_same_bytes_again(packs_site, corpus, tmp_path, test_cache):
    """The post-process is deterministic (charterkit caches packs by content)."""
    _, manifest, _ = packs_site
    pack = next(p for p in manifest if p.lang == "ar" and p.kind == "survey-easy-read")
    view, words = language_view(corpus, "ar")
    tool = view.tools["jias-engagement-framework-survey"]  # as the build makes it: with its words in Arabic
    date = packs_module._source_date() or packs_module._date_of(view.document(tool.document).source.date)
    made = PrintWriter(view, "ar", words, text_lang).tool_html(tool, "survey-easy-read",
                                                              {"date": date, "description": tool.title})
    job = {"html": made.html, "css": made.css, "base": corpus.root.as_uri() + "/", "out": str(tmp_path / "again.pdf"),
           "fonts": str(test_cache / "fonts")}
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    code = ("import json, sys; from generator.print.pdf_engine import RenderJob, render; "
            "j = json.load(open(sys.argv[1])); render(RenderJob('k', j['html'], j['css'], j['base'], j['out'], j['fonts']))")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "job.json")], check=True, cwd=ROOT)
    assert (tmp_path / "again.pdf").read_bytes() == (packs_site[0] / pack.path).read_bytes()


def test_the_check_fails_a_broken_text_layer(tmp_path):
    """Without the post-process and with the website's Noto Naskh Arabic (what the packs had before issue
    18), the same check finds most words broken."""
    from generator.print import pdf_engine, pdf_textlayer

    text = ("يعاملني الأشخاص الذين يعملون معي دائمًا بكرامة، ويحترمون خصوصيتي، ويعترفون بحقوقي. "
            "نريد أن نسمع منك عن الخدمات الصحية والاجتماعية في منطقتك وكيف يمكن أن تكون أفضل.") * 3
    html = f'<html lang="ar" dir="rtl"><head><title>اختبار</title></head><body><p>{text}</p></body></html>'
    fonts = tmp_path / "fonts"
    pdf_engine.prepare_fonts(ROOT, ["ar"], fonts)
    naskh = "".join(
        f'@font-face {{ font-family: "Naskh"; font-weight: {w}; src: url("node_modules/@fontsource/noto-naskh-arabic/'
        f'files/noto-naskh-arabic-arabic-{w}-normal.woff2"); }}' for w in (400, 700))
    css = naskh + 'body { font-family: "Naskh", "CK Latin"; font-size: 14pt; }' + pdf_engine.font_css("en", ROOT)
    job = pdf_engine.RenderJob("k", html, css, ROOT.as_uri() + "/", str(tmp_path / "broken.pdf"), str(fonts))
    real = pdf_textlayer.needed
    pdf_textlayer.needed = lambda html: False
    try:
        pdf_engine.render(job)
    finally:
        pdf_textlayer.needed = real
    words = pdf_rules.rtl_words(text)
    share, n, _ = _score(tmp_path / "broken.pdf", words)
    assert n > 50 and share < 0.5, share
    with pikepdf.open(tmp_path / "broken.pdf") as pdf:
        problems, _, _ = pdf_rules.check_rtl_words(pdf, tmp_path / "broken.pdf", source=words)
    assert problems and "right-to-left words" in problems[0]


@pytest.mark.parametrize("rel, version", sorted(FONT_VERSIONS.items()))
def test_print_fonts_are_the_versions_measured(rel, version):
    from fontTools.ttLib import TTFont

    found = TTFont(str(ROOT / "node_modules" / "@fontsource" / rel)).get("name").getDebugName(5)
    assert found.startswith(version), f"{rel} is now {found}: measure the text layer again (docs/rtl-text-layer.md)"


def test_weasyprint_is_the_version_measured():
    import weasyprint

    assert weasyprint.__version__ == "70.0", ("pdf_textlayer.py reads WeasyPrint 70's line boxes: measure the "
                                              "text layer again (docs/rtl-text-layer.md)")


def test_urdu_is_never_printed_in_amiri():
    """Amiri draws heh goal with Arabic heh forms: an Urdu reader sees a different letter."""
    from generator.print.pdf_engine import fonts_for

    assert all("amiri" not in face.package for face in fonts_for("ur"))
    assert fonts_for("ur")[0].package == "scheherazade-new" and fonts_for("ar")[0].package == "amiri"


# ---- what the post-process must not change -------------------------------------------------------------------

def _drawn(path: Path) -> list[tuple]:
    """Every outline drawn on every page: (page, the line's text matrix, glyph, y and x in points from the line's
    start), composite glyphs followed down to the simple glyphs they draw. WeasyPrint draws a glyph itself; the
    post-process draws a composite glyph that draws it, moved by the component's offset."""
    from fontTools.ttLib import TTFont

    out = []
    with pikepdf.open(path) as pdf:
        fonts = {}
        for number, page in enumerate(pdf.pages):
            size, font, tm, x = 0.0, None, None, 0.0
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "Tf":
                    f = page.obj.Resources.Font[str(operands[0])]
                    if f.objgen not in fonts:
                        desc = f.DescendantFonts[0]
                        program = TTFont(io.BytesIO(desc.FontDescriptor.FontFile2.read_bytes()))
                        widths = pdf_rules._GlyphFont(f).widths
                        fonts[f.objgen] = (program, widths)
                    font, size = fonts[f.objgen], float(operands[1])
                elif name == "Tm":
                    tm, x = tuple(round(float(v), 3) for v in operands), 0.0
                elif name == "TJ":
                    program, widths = font
                    glyf, order = program["glyf"], program.getGlyphOrder()

                    scale = size / program["head"].unitsPerEm

                    def leaves(glyph_name, dx, dy):
                        glyph = glyf[glyph_name]
                        if glyph.isComposite():
                            for component in glyph.components:
                                yield from leaves(component.glyphName, dx + component.x * scale, dy + component.y * scale)
                        elif glyph.numberOfContours:
                            yield glyph_name, dx, dy

                    for item in operands[0]:
                        if isinstance(item, pikepdf.String):
                            data = bytes(item)
                            for k in range(0, len(data), 2):
                                code = int.from_bytes(data[k:k + 2], "big")
                                for glyph_name, dx, dy in leaves(order[code], 0.0, 0.0):
                                    out.append((number, tm, glyph_name, round(dy, 2), x + dx))
                                x += widths.get(code, 0.0) * size / 1000
                        else:
                            x -= float(item) * size / 1000
    return sorted(out)


def _render_both(tmp_path, lang: str, html: str, css: str = "") -> tuple[Path, Path]:
    """The same HTML rendered as WeasyPrint writes it and with the post-process: (plain, fixed)."""
    from generator.print import pdf_engine, pdf_textlayer

    fonts = tmp_path / "fonts"
    pdf_engine.prepare_fonts(ROOT, [lang], fonts)
    css = pdf_engine.font_css(lang, ROOT) + css
    out = {}
    for mode in ("plain", "fixed"):
        path = tmp_path / f"{lang}-{mode}.pdf"
        job = pdf_engine.RenderJob("k", html, css, ROOT.as_uri() + "/", str(path), str(fonts))
        real = pdf_textlayer.needed
        if mode == "plain":
            pdf_textlayer.needed = lambda html: False
        try:
            pdf_engine.render(job)
        finally:
            pdf_textlayer.needed = real
        out[mode] = path
    return out["plain"], out["fixed"]


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_every_glyph_is_drawn_where_weasyprint_drew_it(tmp_path, source_words, lang):
    """The post-process changes the text layer, never the ink: every outline WeasyPrint drew is drawn at the same
    place (to 1/100 pt), and nothing else is drawn. Checked on 300 of the pack words, bold and plain, in a list
    and a table, justified."""
    words = " ".join(next(w for f, w in sorted(source_words.items()) if f.endswith(f"-easy-read-{lang}.pdf"))[:300])
    html = (f'<html lang="{lang}" dir="rtl"><head><title>t</title></head><body><h1>{words[:60]}</h1>'
            f'<p style="text-align: justify">{words}</p><ul><li><strong>{words[:200]}</strong> {words[200:400]}</li></ul>'
            f'<table><tr><th>{words[:30]}</th><td>{words[30:300]}</td></tr></table></body></html>')
    plain, fixed = _render_both(tmp_path, lang, html, "body { font-size: 14pt; line-height: 1.8; }")
    before, after = _drawn(plain), _drawn(fixed)
    assert len(before) > 500 and len(after) == len(before)
    moved = [(b, a) for b, a in zip(before, after) if b[:4] != a[:4] or abs(b[4] - a[4]) > 0.01]
    assert not moved, moved[:5]
    # and the text layer was rewritten: pdftotext reads the words whole only from the fixed PDF
    assert _score(fixed, pdf_rules.rtl_words(words))[0] > _score(plain, pdf_rules.rtl_words(words))[0]


def test_glyph_widths_agree_with_the_font_programs(rtl_packs):
    """PDF/UA-1 7.21.5: every glyph's width in the font dictionary (/W) is its width in the embedded font program.
    The post-process gives letters new widths by adding glyphs to the font program, never by changing /W alone."""
    from fontTools.ttLib import TTFont

    checked = 0
    for lang in ("ar", "ur"):
        for pack, path in rtl_packs[lang][::7]:
            with pikepdf.open(path) as pdf:
                seen = set()
                for page in pdf.pages:
                    for font in page.obj.Resources.get("/Font", {}).values():
                        if font.objgen in seen or str(font.get("/Subtype")) != "/Type0":
                            continue
                        seen.add(font.objgen)
                        desc = font.DescendantFonts[0]
                        assert str(desc.get("/CIDToGIDMap", "/Identity")) == "/Identity", pack.file
                        program = TTFont(io.BytesIO(desc.FontDescriptor.FontFile2.read_bytes()))
                        order, hmtx = program.getGlyphOrder(), program["hmtx"]
                        k = 1000 / program["head"].unitsPerEm
                        for cid, width in pdf_rules._GlyphFont(font).widths.items():
                            assert abs(hmtx[order[cid]][0] * k - width) <= 1, (pack.file, str(font.BaseFont), cid)
                            checked += 1
    assert checked > 5000


# ---- lines that run into each other ------------------------------------------------------------------------

def test_no_line_of_an_urdu_pack_runs_into_the_line_above(ur_packs_site, pdf_text):
    """Issue 18: tall headings touched the paragraph above. The ink of every line of every Urdu pack (outlines
    of the glyphs, not their boxes) stays at least pdf_rules.LINE_CLEARANCE_PT from the ink of the lines above
    it. The smallest gaps are printed (pytest -s)."""
    site, manifest, _ = ur_packs_site
    gaps = []
    for pack in manifest:
        problems, smallest = pdf_rules.check_line_collisions(*pdf_text.walked(site / pack.path))
        assert not problems, (pack.file, problems)
        assert smallest is not None, pack.file
        gaps.append((smallest, pack.file))
    gaps.sort()
    print("\nur: smallest gap between a line's ink and the line above:",
          ", ".join(f"{g:.1f} pt ({f})" for g, f in gaps[:3]))
    assert len(gaps) > 20


def test_the_line_check_finds_lines_that_touch(tmp_path):
    """Urdu set tight (line-height 0.9) runs into itself: the check must say so; at the packs' heading line
    height it must not."""
    text = "میری مدد، میری زندگی: اسکاٹ لینڈ میں صحت اور نگہداشت سے کیا توقع رکھیں۔ " * 6
    html = f'<html lang="ur" dir="rtl"><head><title>t</title></head><body><h1>{text}</h1></body></html>'
    tight, _ = _render_both(tmp_path / "tight", "ur", html, "h1 { font-size: 30pt; line-height: 0.9; }")
    loose, _ = _render_both(tmp_path / "loose", "ur", html, "h1 { font-size: 30pt; line-height: 1.6; }")
    with pikepdf.open(tight) as pdf:
        problems, smallest = pdf_rules.check_line_collisions(pdf)
    assert problems and smallest < 0, smallest
    with pikepdf.open(loose) as pdf:
        problems, smallest = pdf_rules.check_line_collisions(pdf)
    assert not problems and smallest > pdf_rules.LINE_CLEARANCE_PT, smallest
