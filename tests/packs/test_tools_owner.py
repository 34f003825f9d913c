"""The engagement tools belong to the organisation that runs the site, not to the source publishers (issue #12):
their cover, "About this pack" and promises come from site_config.yml, and no tool says inspectors use the answers."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from generator.print.pack_html import PrintWriter
from generator.translate.words import Strings

META = {"date": "2022-03-09T00:00:00Z", "description": "test"}
ROOT = Path(__file__).resolve().parents[2]
TOOLS = [("survey", "jias-engagement-framework-survey"), ("survey-easy-read", "jias-engagement-framework-survey"),
         ("interview", "jias-engagement-framework-interview"), ("focus-group", "jias-engagement-framework-focus-group"),
         ("workbook", "integration-principles-workbook")]


def _text(markup: str) -> str:
    markup = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def made(corpus):
    w = PrintWriter(corpus, "en", Strings.load(corpus.root, "en"))
    return {(kind, tool): _text(w.tool_html(corpus.tools[tool], kind, META).html) for kind, tool in TOOLS}


@pytest.mark.parametrize("kind, tool", TOOLS)
def test_cover_and_about_name_the_organisation_not_the_publisher_as_author(made, corpus, kind, tool):
    text = made[(kind, tool)]
    org = corpus.config.site.organisation
    doc = corpus.document(corpus.tools[tool].document)
    assert text.startswith(org) or f"{org} ·" in text[:400], text[:200]
    assert f"{org} wrote this for its own engagement work" in text
    assert f"Based on: {doc.title}" in text
    assert "did not write it or check it" in text
    assert doc.source.publisher in text  # credited as the publisher of the original, after the tool's author


def test_no_english_sentence_carries_words_of_another_script(corpus):
    """In an Arabic pack, an English fallback sentence must not carry the Arabic title inside it (it would be set
    in a Latin font, and the Arabic letters would fall back to a system font)."""
    w = PrintWriter(corpus, "ar", Strings.load(corpus.root, "ar"))
    for kind, tool in TOOLS:
        markup = w.tool_html(corpus.tools[tool], kind, META).html
        english = re.findall(r'<span lang="en" dir="ltr">([^<]*)</span>', markup)
        assert english, "the untranslated words are marked as English"
        assert not [e for e in english if re.search("[\u0600-\u06ff]", e)], (kind, tool)


@pytest.mark.parametrize("kind, tool", [t for t in TOOLS if t[0].startswith("survey")])
def test_survey_promises_come_from_site_config(made, corpus, kind, tool):
    text = made[(kind, tool)]
    tools = corpus.config.tools
    for promise in (tools.answers_used_by, tools.confidentiality):
        filled = " ".join(tools.filled(promise, corpus.config.site).split())
        assert filled in text
    assert "{organisation}" not in text


@pytest.mark.parametrize("kind, tool", TOOLS)
def test_no_tool_says_inspectors_use_the_answers(made, kind, tool):
    text = made[(kind, tool)]
    sentences = re.split(r"(?<=[.!?])\s+", text)
    said = [s for s in sentences if re.search(r"\b(inspectors?|Care Inspectorate|Healthcare Improvement Scotland)\b", s)
            and re.search(r"\b(use|uses|read|reads|see|sees|get|gets)\b[^.]*\b(answers?|what you (say|tell))", s, re.I)]
    assert said == []


def test_a_changed_organisation_reaches_every_tool(corpus, tmp_path):
    import dataclasses

    config = corpus.config.model_copy(update={
        "site": corpus.config.site.model_copy(update={"organisation": "Anytown Health and Social Care Partnership"})})
    other = dataclasses.replace(corpus, config=config)
    w = PrintWriter(other, "en", Strings.load(corpus.root, "en"))
    for kind, tool in TOOLS:
        text = _text(w.tool_html(other.tools[tool], kind, META).html)
        assert text.count("Anytown Health and Social Care Partnership") >= 2, (kind, tool)
        assert "The charterkit project ·" not in text and "The charterkit project wrote" not in text


def test_tool_files_make_no_promise_of_their_own():
    """Promises about names and answers live in site_config.yml only, so the organisation can keep them true."""
    for path in sorted((ROOT / "framework_data" / "tools").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for field in ("intro", "closing"):
            text = str(data.get(field, "")).lower()
            assert "confidential" not in text and "inspector" not in text, (path.name, field)
