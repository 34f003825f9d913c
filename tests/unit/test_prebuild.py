"""tests/prebuild.py: the default site built once before make test's runs, its report saved for the tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

import prebuild  # noqa: E402


def test_the_saved_report_keeps_every_problem_and_whether_the_build_succeeded(tmp_path):
    from generator.diagnostics import Report

    report = Report()
    report.warning("packs.render", "WeasyPrint: a font could not be loaded", file="theme/print/base.css", line=3,
                   hint="Check the font's name")
    report.error("build.failed", "Something went wrong")
    saved = tmp_path / "report.json"
    prebuild.save_report(saved, False, report)
    ok, loaded = prebuild.load_report(saved)
    assert ok is False
    assert loaded.issues == report.issues
    # what test_no_render_warnings looks for is still there, so a pre-built site with a render warning fails it
    assert [i.code for i in loaded.issues if i.code == "packs.render"] == ["packs.render"]
    assert loaded.format() == report.format()


def test_a_folder_inside_the_checkouts_site_is_refused(capsys):
    inside = ROOT / "site" / "prebuilt-for-tests"
    assert prebuild.main([str(inside)]) == 2
    assert not inside.exists()
    assert "must never change" in capsys.readouterr().err


def test_the_fixtures_use_the_prebuilt_folder_only_when_the_variable_names_one(monkeypatch, tmp_path):
    monkeypatch.delenv(prebuild.PREBUILT, raising=False)
    assert prebuild.prebuilt() is None
    monkeypatch.setenv(prebuild.PREBUILT, "  ")
    assert prebuild.prebuilt() is None
    monkeypatch.setenv(prebuild.PREBUILT, str(tmp_path))
    assert prebuild.prebuilt() == tmp_path.resolve()
    monkeypatch.setenv(prebuild.PREBUILT, "none")
    with pytest.raises(RuntimeError, match="would build the whole site a second time"):
        prebuild.prebuilt()
