"""The text layer of the Arabic and Urdu packs (issue 18, docs/rtl-text-layer.md): what screen readers,
copy, search and `pdftotext` get. These fail if a WeasyPrint or font upgrade breaks the post-process in
generator/render/pdf_textlayer.py."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from generator.check import pdf_rules
from generator.render import packs as packs_module
from generator.render.packs import language_view
from generator.render.print_html import PrintWriter, text_lang

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
    """The text of a pack's HTML: inline elements join their words as they are, blocks end a word."""

    BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
              "table", "section", "header", "main", "nav", "blockquote", "figure", "figcaption", "caption", "br"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "head", "script"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "head", "script"):
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


@pytest.fixture(scope="session")
def source_words(corpus):
    """{pack file name: the right-to-left words of the HTML the pack was made from}: each pack's own source."""
    out = {}
    for lang in ("ar", "ur"):
        view, strings = language_view(corpus, lang)
        writer = PrintWriter(view, lang, strings, text_lang)
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


def test_no_empty_actual_text_in_any_pack(packs_site, ur_packs_site):
    checked = 0
    for site, manifest, _ in (packs_site, ur_packs_site):
        for pack in manifest:
            with pikepdf.open(site / pack.path) as pdf:
                assert pdf_rules.empty_actual_text(pdf) == 0, pack.file
            checked += 1
    assert checked > 60


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_pdftotext_gets_the_words_of_every_pack(rtl_packs, source_words, lang):
    """Words intact in pdftotext, against the pack's own source text: every Urdu pack at least 95%; every
    Arabic pack at least 90% and all Arabic packs together at least 95% (poppler splits some Arabic words at
    a raised vowel mark or at Amiri's wide joins: docs/rtl-text-layer.md, "Limits")."""
    found = total = 0
    scores = {}
    for pack, path in rtl_packs[lang]:
        words = source_words[pack.file]
        assert len(words) > 100, pack.file
        share, n, missing = _score(path, words)
        scores[pack.file] = (round(share, 4), missing[:5])
        found += share * n
        total += n
    floor = pdf_rules.WORDS_INTACT_FLOOR if lang == "ur" else pdf_rules.WORDS_INTACT_MINIMUM
    low = {f: s for f, s in scores.items() if s[0] < floor}
    assert not low, low
    assert found / total >= pdf_rules.WORDS_INTACT_FLOOR, (found / total, scores)


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
            # a run of the pack's words, in order (words in another script between them are left out)
            assert words and all(w in source for w in words), (pack.file, text)
            if len(words) >= 2 and " ".join(words) in source:
                checked += 1
    assert checked > 200


def test_an_arabic_pack_renders_to_the_same_bytes_again(packs_site, corpus, tmp_path, test_cache):
    """The post-process is deterministic (charterkit caches packs by content)."""
    _, manifest, _ = packs_site
    pack = next(p for p in manifest if p.lang == "ar" and p.kind == "survey-easy-read")
    view, words = language_view(corpus, "ar")
    tool = corpus.tools["jias-engagement-framework-survey"]
    date = packs_module._source_date() or packs_module._date_of(corpus.document(tool.document).source.date)
    tool = view.tools.get(tool.id, tool)  # the Arabic view's tool, with its translated words, as the build uses
    made = PrintWriter(view, "ar", words).tool_html(tool, "survey-easy-read", {"date": date, "description": tool.title})
    job = {"html": made.html, "css": made.css, "base": corpus.root.as_uri() + "/", "out": str(tmp_path / "again.pdf"),
           "fonts": str(test_cache / "fonts")}
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    code = ("import json, sys; from generator.render.pdf_engine import RenderJob, render; "
            "j = json.load(open(sys.argv[1])); render(RenderJob('k', j['html'], j['css'], j['base'], j['out'], j['fonts']))")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "job.json")], check=True, cwd=ROOT)
    assert (tmp_path / "again.pdf").read_bytes() == (packs_site[0] / pack.path).read_bytes()


def test_the_check_fails_a_broken_text_layer(tmp_path):
    """Without the post-process and with the website's Noto Naskh Arabic (what the packs had before issue
    18), the same check finds most words broken."""
    from generator.render import pdf_engine, pdf_textlayer

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
    from generator.render.pdf_engine import fonts_for

    assert all("amiri" not in face.package for face in fonts_for("ur"))
    assert fonts_for("ur")[0].package == "scheherazade-new" and fonts_for("ar")[0].package == "amiri"
