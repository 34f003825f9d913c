"""Fixtures for the printable packs: the repository's corpus, its packs in English and Arabic, and the text
of each pack, read once per test run.

The packs are built once per test run into a temporary folder, through the test run's cache folder
(test_cache in tests/conftest.py), which starts with the packs of the last `charterkit build`, so a run after
a build only copies them. They are made without the easy-read audio, so the easy-read packs (whose cover says
the page can be listened to when it has audio) are rendered again here, not copied from the default build's
(see the note below the fixtures).
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
    from generator.diagnostics import Report
    from generator.print.packs import build_packs

    out = tmp_path_factory.mktemp("packs") / "site"
    report = Report()
    languages = [l for l in (corpus.config.language("en"), corpus.config.language("ar")) if l is not None]
    manifest = build_packs(corpus, languages, out, report, cache_dir=test_cache)
    assert not report.errors, report.format()
    return out, manifest, report


@pytest.fixture(scope="session")
def ur_packs_site(corpus, tmp_path_factory, test_cache):
    """Every pack of the default project in Urdu (for the right-to-left and structure checks of issue 18):
    (site folder, manifest, report)."""
    from generator.diagnostics import Report
    from generator.print.packs import build_packs

    out = tmp_path_factory.mktemp("packs-ur") / "site"
    report = Report()
    languages = [corpus.config.language("ur")]
    manifest = build_packs(corpus, languages, out, report, cache_dir=test_cache)
    assert not report.errors, report.format()
    return out, manifest, report


# Why the pack fixtures have no audio yet: with it (build_audio through test_cache, then build_packs(...,
# audio=...)) they are byte for byte the default build's packs, so every pack is copied from the cache instead of
# the easy-read packs of en, ar and ur being rendered again; but test_rtl_text_layer.py's source_words makes each
# pack's HTML without audio, so the cover's "You can also listen..." line of the Arabic and Urdu easy-read packs
# is not among its words and test_actual_text_is_the_packs_own_words_in_logical_order fails. Give source_words'
# writer the same audio first, then pass the audio here.


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
