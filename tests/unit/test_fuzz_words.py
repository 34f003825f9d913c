"""Property tests (hypothesis): whatever an editor writes, the build never ends in a traceback when validate
accepted it, interface words never reach anything but their values, and Markdown never becomes markup
outside the allow-list."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.markup import content
from generator.markup import sanitise as sanitize
from generator.model.text import fill
from generator.validate import safety

ROOT = Path(__file__).resolve().parents[2]

# Pieces hostile and broken words are made of, and ordinary letters.
PIECES = list("{}[]()<>!*_#&;:./\\`|=\"' \n\tabcdeoxyz0129ąłśدیکھ") + [
    "{document}", "{item}", "{0}", "{document.x}", "{document:>99}", "{{", "}}", "{:", "{#", "{.", "{%", "%}",
    "javascript:", "JaVaScRiPt:", "data:", "https://", "https://www.nhs.uk/", "mailto:a@b.org", "evil.example",
    "&lt;", "&#x09;", "&amp;", "onclick=", "onerror=", "<script>", "<img src=x ", "](", "![", "[r]: ",
    "# ", "\n\n", "\n===", "- ", "1. ", "**", "\u202e", "\u200b", "\u200c", "\u061c", "\x00", "\x1b", "\r\n",
    "site.name", "contact.email", "__class__", "__globals__", "cycler", "range(9)", "*9999999",
]
words = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
# For whole builds: mostly ordinary words and Markdown (so that validate accepts many), some hostile pieces.
ORDINARY = ["Słuchamy ", "we listen ", "**bold** ", "*you* ", "- a point\n", "\n\n", "[NHS](https://www.nhs.uk/) ",
            "1. first\n", "A & B ", "5 < 6 ", "(b)(v) ", "دیکھ بھال ", "#1 ", "R&D; ", "50% ", "\"quoted\" "]
build_words = st.lists(st.sampled_from(ORDINARY * 3 + PIECES), max_size=16).map("".join)


class Trap:
    def __str__(self):
        return "VALUE"

    def __format__(self, spec):
        raise AssertionError("a format spec was used")

    def __getattr__(self, name):
        raise AssertionError(f"attribute {name} was read")


@given(words)
@settings(max_examples=400, deadline=None)
def test_filling_in_any_interface_word_never_fails_or_reads_attributes(text):
    out = fill(text, {"document": Trap(), "item": Trap()})
    assert out == re.sub(r"\{(document|item)\}", "VALUE", text)


ALLOWED_TAGS = sanitize.PROFILES["page"]["tags"]


@given(words, st.sampled_from(["text", "page"]))
@settings(max_examples=400, deadline=None)
def test_any_markdown_becomes_only_allowed_markup(text, profile):
    out = sanitize.markdown_html(text, profile)
    for tag, attrs in re.findall(r"<([a-zA-Z0-9]+)([^>]*)>", out):
        assert tag in ALLOWED_TAGS, out
        for name, value in re.findall(r'([a-z-]+)="([^"]*)"', attrs):
            assert name in ("href", "start"), out
            if name == "href":
                assert not re.match(r"\s*(javascript|data|vbscript|file):", value, re.I), out
    assert "\x00" not in out and "\x1b" not in out
    plain = sanitize.text(text)
    assert "<" not in plain and "{" not in plain and "[" not in plain


@pytest.fixture(scope="module")
def config():
    from generator.diagnostics import Report
    from generator.validate.project import _load_config

    return _load_config(ROOT, Report())


@given(words)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_content_page_template_either_works_or_gives_a_clean_error(config, text):
    try:
        out = content.render(text, config)
    except content.ContentError as exc:
        assert exc.message and exc.hint
        return
    title, page = content.to_markdown(out)
    assert "<script" not in page


# ---- the whole build --------------------------------------------------------------------------------------
def _errors(findings) -> bool:
    return any(f.severity == "error" for f in findings)


@pytest.mark.build
@given(word=build_words, text=build_words, page=build_words)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
def test_no_build_ends_in_a_traceback_for_words_validate_accepted(make_project, word, text, page):
    """An interface word (used on every page and with a placeholder), a translated text and a content page,
    each anything at all: if validate accepts them, the build succeeds."""
    from generator.diagnostics import Report
    from generator.pipeline import build
    from generator.validate.translation_files import check_text
    from generator.model.units import source_hash
    from generator.validate.project import _load_config, load_project
    from generator.validate.safety import page_findings

    # Each input that validate would refuse on its own is swapped for ordinary words, so that every example
    # builds something (and hypothesis does not run out of examples validate accepts).
    word = word.replace("{document}", "") + " {document}"
    if _errors(check_text(word, "Back to {document}", placeholders=True, jinja=False, interface=True)):
        word = "Wróć do {document}"
    if _errors(check_text(text, "We will listen to you.", placeholders=True, jinja=False)):
        text = "Będziemy was słuchać."
    root = make_project(languages=[("cy", "Cymraeg", "ltr")])
    english = yaml.safe_load((root / "theme" / "strings" / "en.yml").read_text(encoding="utf-8"))
    folder = root / "framework_data" / "translations" / "cy"
    folder.mkdir(parents=True)
    (folder / "interface.yml").write_text(yaml.safe_dump({"entries": {
        "back_to_document": {"text": word, "source": source_hash(english["back_to_document"])},
        "glossary": {"text": word.replace("{document}", "").strip() or "Słowniczek",
                     "source": source_hash(english["glossary"])}}}, allow_unicode=True),
        encoding="utf-8")
    (folder / "alpha-charter.yml").write_text(yaml.safe_dump({"entries": {
        "commitment-1.text": {"text": text, "source": source_hash("We will listen to you.")}}}, allow_unicode=True),
        encoding="utf-8")
    (root / "content" / "en").mkdir(parents=True)
    about = "# About\n\n" + page
    if _errors(page_findings(about, _load_config(root, Report()))):
        about = "# About\n\nWords about the site."
    (root / "content" / "en" / "about.md").write_text(about, encoding="utf-8")
    report = Report()
    accepted = load_project(root, report) is not None
    assert "Traceback" not in report.format()
    assume(accepted)  # validate refused it: nothing to build (hypothesis fails if it cannot find enough it accepts)
    report = Report()
    ok = build(root, report, out=str(root / "site"), packs=False, quiet=True)
    assert ok and "build.crash" not in report.format(), report.format()
    pages = list((root / "site").rglob("*.html"))
    assert pages
    for html in pages:
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html.read_text(encoding="utf-8")), html
