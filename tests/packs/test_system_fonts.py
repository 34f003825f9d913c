"""A pack made before a font was installed on the computer is not served from the cache after it.

WeasyPrint takes a character that none of the packs' own fonts has from the system's fonts, so the fonts
installed on the computer are part of every pack's cache key. Here a font is "installed" by pointing
fontconfig at a configuration with one more font folder (FONTCONFIG_FILE), as `apt-get install fonts-...`
would add one.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from generator.diagnostics import Report

pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None,
                                reason="needs fontconfig's fc-list (Debian: apt-get install fontconfig)")


def _another_font_installed(tmp_path, monkeypatch) -> None:
    files = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True,
                           check=True).stdout.split()
    fonts = [f for f in files if f.endswith((".ttf", ".otf"))]
    assert fonts, "fontconfig lists no TrueType or OpenType font on this computer"
    extra = tmp_path / "new-fonts"
    extra.mkdir()
    shutil.copy2(fonts[0], extra / "just-installed.ttf")
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                      f"  <dir>{extra}</dir>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n</fontconfig>\n",
                      encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))


def test_installing_a_font_changes_the_digest(tmp_path, monkeypatch):
    from generator.print.pdf_engine import system_fonts_digest

    before = system_fonts_digest()
    assert system_fonts_digest() == before  # nothing changed: the same digest
    _another_font_installed(tmp_path, monkeypatch)
    assert system_fonts_digest() != before


def test_packs_are_made_again_after_a_font_is_installed(minimal_project, tmp_path, monkeypatch):
    from generator.print import packs
    from generator.validate.project import load_project

    def build(out):
        report = Report()
        corpus = load_project(minimal_project, report)
        assert corpus is not None, report.format()
        made = packs.make_packs(corpus, corpus.config.languages, out, report, cache_dir=tmp_path / "cache")
        assert not report.errors, report.format()
        return made.manifest, dict(made.stats.__dict__)

    first, stats = build(tmp_path / "one")
    assert len(first) == 4 and stats["rendered"] == 4
    _, stats = build(tmp_path / "two")
    assert stats["cached"] == 4 and stats["rendered"] == 0
    _another_font_installed(tmp_path, monkeypatch)
    _, stats = build(tmp_path / "three")
    assert stats["rendered"] == 4 and stats["cached"] == 0
