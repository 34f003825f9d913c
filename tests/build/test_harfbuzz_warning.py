"""Without HarfBuzz-Subset, WeasyPrint warns for every font of every pack ("Using fontTools instead of
HarfBuzz-Subset"): hundreds of lines in a default build. charterkit says it once, with what to install
(make build installs it, see tools/ensure-harfbuzz.sh)."""
from __future__ import annotations

import pytest

from generator.diagnostics import Report
from generator.pipeline import build

pytestmark = pytest.mark.build


def test_a_missing_harfbuzz_subset_is_said_once(minimal_project, monkeypatch):
    from weasyprint.pdf import fonts

    from generator.print import packs

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # as on a machine without libharfbuzz-subset0
    folded = []
    real = packs.fold_known_warnings

    def spy(warnings):
        kept, dropped = real(warnings)
        folded.append(len(warnings) - len(kept))
        return kept, dropped

    monkeypatch.setattr(packs, "fold_known_warnings", spy)
    report = Report()
    assert build(minimal_project, report, clean=True, site=False), report.format()  # (the packs only)
    assert len(folded) >= 4 and min(folded) >= 1  # WeasyPrint did warn, for every pack
    said = [i for i in report.issues if "HarfBuzz" in i.message or "HarfBuzz" in (i.hint or "")]
    assert [i.code for i in said] == ["packs.harfbuzz"], report.format()
    assert "libharfbuzz-subset0" in said[0].hint


def test_with_harfbuzz_subset_nothing_is_said(minimal_project):
    from weasyprint.pdf import fonts

    if fonts.harfbuzz_subset is None:
        pytest.skip("libharfbuzz-subset0 is not installed here (make build installs it when run as root)")
    report = Report()
    assert build(minimal_project, report, clean=True, site=False), report.format()  # (the packs only)
    assert not [i for i in report.issues if "HarfBuzz" in i.message], report.format()
