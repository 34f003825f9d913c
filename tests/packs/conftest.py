"""Fixtures for the printable packs: the repository's corpus, its packs in English and Arabic, and the text
of each pack, read once per test run.

The packs are built once per test run into a temporary folder, through the test run's cache folder
(test_cache in tests/conftest.py), which starts with the packs of the last `charterkit build`, so a run after
a build only copies them. They are made as the default build (built_site) makes them, with the easy-read
pages' audio, so they are the same packs, filed under the same keys: whichever of the two comes first in a test
run renders a pack and speaks a page; the other copies it from the cache.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The smallest size of body text each kind of pack promises, in points.
FLOORS = {"standard": 12, "large-print": 18, "easy-read": 16, "survey": 12, "survey-easy-read": 16,
          "interview": 12, "focus-group": 12, "workbook": 12}


@pytest.fixture(scope="session")
def packs_site(corpus, tmp_path_factory, test_cache):
    """Every pack of the default project in English and Arabic: (site folder, manifest, report)."""
    from generator.issues import Report
    from generator.render.packs import build_packs

    out = tmp_path_factory.mktemp("packs") / "site"
    report = Report()
    languages = [l for l in (corpus.config.language("en"), corpus.config.language("ar")) if l is not None]
    audio = _audio(corpus, languages, out, test_cache)
    manifest = build_packs(corpus, languages, out, report, cache_dir=test_cache, audio=audio)
    assert not report.errors, report.format()
    return out, manifest, report


@pytest.fixture(scope="session")
def ur_packs_site(corpus, tmp_path_factory, test_cache):
    """Every pack of the default project in Urdu (for the right-to-left and structure checks of issue 18):
    (site folder, manifest, report)."""
    from generator.issues import Report
    from generator.render.packs import build_packs

    out = tmp_path_factory.mktemp("packs-ur") / "site"
    report = Report()
    languages = [corpus.config.language("ur")]
    audio = _audio(corpus, languages, out, test_cache)
    manifest = build_packs(corpus, languages, out, report, cache_dir=test_cache, audio=audio)
    assert not report.errors, report.format()
    return out, manifest, report


def _audio(corpus, languages, out: Path, test_cache: Path) -> dict:
    """The easy-read pages' audio of languages, as the build makes it before the packs (an easy-read pack's
    cover says its page can be listened to), through the test run's cache: spoken only if the default build
    (built_site) has not spoken it already."""
    from generator.audio.build import build_audio
    from generator.issues import Report

    return build_audio(corpus, languages, out, Report(), test_cache, quiet=True)


class PdfText:
    """The characters of each PDF, read with pdfminer once per test run and shared by every test that reads
    a pack's text (reading a pack takes about a second; several tests read the same packs)."""

    def __init__(self):
        self._chars: dict[tuple[str, int, int], list] = {}
        self.reads = 0

    def chars(self, path: Path) -> list:
        from generator.check.pdf import all_chars

        stat = Path(path).stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self._chars:
            self._chars[key] = all_chars(Path(path))
            self.reads += 1
        return self._chars[key]

    def body(self, path: Path) -> str:
        """The text of the pack's content, without page furniture (check.pdf.body_text)."""
        from generator.check.pdf import body_text

        return body_text(path, self.chars(path))

    def printed(self, path: Path) -> str:
        """Everything printed on the pages, page furniture included (check.pdf.printed_text)."""
        from generator.check.pdf import printed_text

        return printed_text(path, self.chars(path))

    def tagged(self, path: Path) -> list[tuple[str, str, str]]:
        """(structure type, language, text) as a screen reader gets them (check.pdf.tagged_text)."""
        from generator.check.pdf import tagged_text

        return tagged_text(path, self.chars(path))


@pytest.fixture(scope="session")
def pdf_text() -> PdfText:
    return PdfText()


def normalise(text: str) -> str:
    """Text for comparing: Markdown marks (emphasis, list dashes) gone, one space between words."""
    text = re.sub(r"(?m)^\s*[-*]\s+", "", text)
    text = re.sub(r"<((?:https?://|mailto:)[^>]+)>", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)\s]+\)", r"\1", text)  # a link prints its words
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())
