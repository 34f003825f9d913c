"""Each language is localised once per build (translate/view.py): the audio, the packs, the collection files and
the web pages all take the view the pipeline made (issue #11)."""
from __future__ import annotations

import pytest

from generator.diagnostics import Report
from generator.pipeline import build
from generator.translate import localise as localise_module

from .test_translation_files import entry, write_translation

pytestmark = pytest.mark.build


def test_a_language_is_localised_once_per_build(make_project, monkeypatch):
    root = make_project(languages=[("cy", "Cymraeg", "ltr")])
    write_translation(root, "cy", "alpha-charter", {
        "commitment-1.text": entry(root, "commitment-1.text", "Byddwn yn gwrando arnoch chi.")})
    real = localise_module.localise
    calls: list[str] = []

    def counted(corpus, pack, publish_drafts=True):
        calls.append(pack.lang)
        return real(corpus, pack, publish_drafts)

    monkeypatch.setattr(localise_module, "localise", counted)
    monkeypatch.setenv("CHARTERKIT_JOBS", "1")  # (pages made in this process, where the calls are counted)
    report = Report()
    assert build(root, report, packs=False, audio=False, quiet=True), report.format()
    assert calls == ["cy"]
    page = root / "site" / "cy" / "alpha-charter" / "commitment-1" / "index.html"
    assert "Byddwn yn gwrando arnoch chi." in page.read_text(encoding="utf-8")
