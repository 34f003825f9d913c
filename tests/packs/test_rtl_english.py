"""English inside the Arabic and Urdu packs: names, short forms, email and web addresses, licence codes kept in
order (print/pack_html.py english_isolated, the website's finding of Latin passages: markup/lang.py), and read
out as English without losing the logical order of the words around them (print/pdf_textlayer.py)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from generator.check import pdf_rules
from generator.print import packs as packs_module
from generator.print.pack_html import PrintWriter, english_isolated, text_lang
from generator.print.packs import language_view

from .conftest import ROOT

pytestmark = pytest.mark.build

#: a web or email address as printed (ends before the bracket, comma or full stop that follows it)
ADDRESS = re.compile(r"(?:https?://|[A-Za-z0-9._+-]+@)[^\s()<>\"'،؛]*[^\s()<>\"'،؛.,;:]")
#: what english_isolated may add: lang="en" (on its own <bdi dir="ltr">, or on an element already kept left to right)
#: and the isolating element; _without_isolation takes both out of a page (and any that were there before)
ADDED = re.compile(r' lang="en"')
ISOLATION = re.compile(r'<bdi dir="ltr">|</bdi>')


def _without_isolation(html: str) -> str:
    return ISOLATION.sub("", ADDED.sub("", html))


@pytest.fixture(scope="session")
def rtl_pack_html(corpus, packs_audio):
    """{(lang, pack file): (the HTML before the pass, after it)} of every Arabic and Urdu pack, as the build writes
    them (no rendering)."""
    out = {}
    for lang in ("ar", "ur"):
        view, strings = language_view(corpus, lang)
        writer = PrintWriter(view, lang, strings, text_lang)
        writer.audio = dict(packs_audio.get(lang, {}))
        before: list[str] = []
        real = english_isolated

        def keep(html: str) -> str:
            before.append(html)
            return real(html)

        import generator.print.pack_html as pack_html

        pack_html.english_isolated = keep
        try:
            planned = packs_module._plan_language(view, writer, lang, Path("site"), None, None)
        finally:
            pack_html.english_isolated = real
        assert len(before) == len(planned) > 20, (lang, len(before), len(planned))
        for raw, plan in zip(before, planned):
            out[(lang, plan.pack.file)] = (raw, plan.html.html)
    return out


@pytest.fixture(scope="session")
def rtl_pdfs(packs_site, ur_packs_site):
    """{(lang, pack file): path} for the Arabic and Urdu packs."""
    out = {}
    for site, manifest, _ in (packs_site, ur_packs_site):
        for pack in manifest:
            if pack.lang in ("ar", "ur"):
                out[(pack.lang, pack.file)] = site / pack.path
    assert {lang for lang, _ in out} == {"ar", "ur"} and len(out) > 40, len(out)
    return out


def _printed(html: str) -> str:
    """The words of a pack's HTML body, without tags, head, style or the QR code's drawing."""
    body = html[html.find("<body"):]
    body = re.sub(r"<(style|svg|title|textarea)\b.*?</\1\s*>", " ", body, flags=re.S)
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", body))


# ---- the HTML ----------------------------------------------------------------------------------------------

def test_the_pass_only_adds_the_isolation(rtl_pack_html):
    """Taking out what english_isolated adds gives back the HTML it was given, in every Arabic and Urdu pack: it
    cannot add words, attributes, links or anything else, whatever the packs' (untrusted) words hold."""
    marked = 0
    for (lang, name), (before, after) in rtl_pack_html.items():
        assert _without_isolation(after) == _without_isolation(before), (lang, name)
        marked += after.count('<bdi lang="en" dir="ltr">') - before.count('<bdi lang="en" dir="ltr">')
    assert marked > 500, marked


def test_hostile_words_stay_words():
    """Words that look like markup once escaped (as every pack text is) stay text: only the Latin passages
    among them are isolated, and the tags around them are left as they are."""
    page = ('<html lang="ur" dir="rtl"><head><title>t</title></head><body>'
            '<p>یہ &lt;script&gt;alert(1)&lt;/script&gt; ہے</p>'
            '<p title="NHS &quot;x&quot; onload=y">صحت NHS <a href="https://e.org/">https://e.org/</a> ہے</p>'
            '<style>p { color: red }</style><textarea name="a">NHS</textarea></body></html>')
    out = english_isolated(page)
    assert _without_isolation(out) == _without_isolation(page)
    assert '<bdi lang="en" dir="ltr">script</bdi>' in out and '<bdi lang="en" dir="ltr">NHS</bdi> <a' in out
    assert '<p title="NHS &quot;x&quot; onload=y">' in out  # attributes untouched
    assert "<style>p { color: red }</style><textarea name=\"a\">NHS</textarea>" in out  # not prose: untouched
    assert english_isolated(page.replace('dir="rtl"', 'dir="ltr"')) == page.replace('dir="rtl"', 'dir="ltr"')


def test_credit_addresses_are_isolated_in_the_html(rtl_pack_html):
    """Every web address printed in an Arabic or Urdu pack is inside an element kept left to right."""
    checked = 0
    for (lang, name), (_, after) in rtl_pack_html.items():
        for text in re.findall(r">([^<>]*https?://[^<>]*)<", after[after.find("<body"):]):
            assert not pdf_rules.RTL.search(text), (lang, name, text)  # never in the same text as Arabic letters
            checked += 1
    assert checked > 40, checked


# ---- the PDFs ----------------------------------------------------------------------------------------------

def _addresses(text: str) -> set[str]:
    return {a for a in ADDRESS.findall(text) if "." in a}


def test_every_address_comes_out_whole_in_the_text_layer(rtl_pack_html, rtl_pdfs, pdf_text):
    """Every web and email address printed in every Arabic and Urdu pack is in the pack's text layer letter for
    letter, in order (the text in the order it is drawn, as pdfminer and other extractors read it; a line break
    inside an address is allowed). Before the addresses were isolated, the picture credits of the easy-read packs
    gave "//:Mulberry Symbols، © Steve Lee (https" and "/https://creativecommons.org/licenses"."""
    checked, broken = 0, []
    for key, path in rtl_pdfs.items():
        wanted = _addresses(_printed(rtl_pack_html[key][1]))
        text = re.sub(r"\s+", "", pdf_rules.BIDI_CONTROLS.sub("", pdf_text.body(path)))
        for address in sorted(wanted):
            checked += 1
            if address not in text:
                broken.append((key[1], address))
    assert not broken, broken[:10]
    assert checked > 60, checked


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_picture_credits_keep_their_order_on_the_page(rtl_pdfs, lang):
    """In the picture credits of the easy-read packs, read from right to left, the Mulberry Symbols come before
    Steve Lee, as in the sentence: "Mulberry Symbols، © Steve Lee" was one left-to-right run before, with the
    Arabic comma inside it, so the names came out the other way round on the page (pdftotext -layout writes each
    line as it is on the page, left to right)."""
    checked = 0
    for (pack_lang, name), path in rtl_pdfs.items():
        if pack_lang != lang or not name.endswith(f"-easy-read-{lang}.pdf") or "survey" in name:
            continue
        layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                check=True).stdout
        lines = [line for line in layout.splitlines() if "Mulberry Symbols" in line and "Steve Lee" in line]
        assert len(lines) == 1, (name, lines)
        assert lines[0].index("Steve Lee") < lines[0].index("Mulberry Symbols"), (name, lines[0])
        checked += 1
    assert checked >= 5, checked


def test_a_short_form_in_an_urdu_sentence_keeps_its_letters(rtl_pdfs):
    """NHS and VCSE inside the Urdu North Yorkshire charter come out of pdftotext as written (this held before the
    isolation too; it guards that the isolation keeps them whole and in the Latin font)."""
    path = rtl_pdfs[("ur", "north-yorkshire-involvement-charter-standard-ur.pdf")]
    text = pdf_rules.BIDI_CONTROLS.sub("", pdf_rules.pdftotext(path))
    for short in ("NHS", "VCSE"):
        assert re.search(rf"(?<![A-Za-z]){short}(?![A-Za-z])", text), short
        assert short[::-1] not in text, short


def test_english_inside_urdu_is_read_as_english_in_logical_order(tmp_path):
    """A paragraph with English inside: the English passage is a structure element with /Lang en and its own
    text; the Urdu around it keeps its words in logical order (/ActualText on its own parts), so a screen reader
    reads the sentence in order, switching voice for the English."""
    from generator.check.pdf import tagged_text
    from generator.print import pdf_engine

    sentence = ("تصویریں: Mulberry Symbols، © Steve Lee (https://mulberrysymbols.org/)، دونوں CC BY-SA 4.0 "
                "لائسنس کے تحت ہیں (https://creativecommons.org/licenses/by-sa/4.0/)۔ NHS اور VCSE سے رابطہ کریں۔")
    html = english_isolated(f'<html lang="ur" dir="rtl"><head><title>t</title></head><body><p>{sentence}</p>'
                            f'</body></html>')
    assert html.count('<bdi lang="en" dir="ltr">') >= 5, html
    fonts = tmp_path / "fonts"
    pdf_engine.prepare_fonts(ROOT, ["ur"], fonts)
    css = pdf_engine.font_css("ur", ROOT) + "body { font-size: 16pt; } @page { size: A5; }"
    out = tmp_path / "mixed.pdf"
    result = pdf_engine.render(pdf_engine.RenderJob("k", html, css, ROOT.as_uri() + "/", str(out), str(fonts)))
    assert not result.warnings, result.warnings
    with pikepdf.open(out) as pdf:
        elements = [e for e, _ in pdf_rules.struct_elements(pdf)]
        english = [e for e in elements if str(e.get("/Lang", "")) == "en"]
        own = [str(e.ActualText) for e in elements if "/ActualText" in e]
    assert len(english) >= 7 and not any("/ActualText" in e for e in english)
    assert "تصویریں: " in own and " سے رابطہ کریں۔" in own, own
    (kind, _, text), = tagged_text(out)
    # in order, as written (a line break may fall inside an address: a reader hears a pause there)
    assert kind == "P" and re.sub(r"(?<=/) ", "", text) == sentence, text


def test_urdu_easy_read_packs_stay_within_the_page_limit(ur_packs_site, corpus):
    """The page limit (test_pdfs.py checks English and Arabic) in Urdu, whose North Yorkshire pack is at it: the
    wider label column of "about this pack" and the isolated English must not push it over."""
    _, manifest, _ = ur_packs_site
    limit = corpus.config.checks.easy_read_max_pages
    packs = [p for p in manifest if p.kind in ("easy-read", "survey-easy-read")]
    assert len(packs) >= 5, len(packs)
    assert not {p.file: p.pages for p in packs if p.pages > limit}, limit
