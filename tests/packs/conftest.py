"""Fixtures for the printable packs: the repository's corpus, its packs in English and Arabic, and the text
of each pack, read once per test run.

The packs are built once per test run into a temporary folder, through the test run's cache folder
(test_cache in tests/conftest.py), which starts with the packs of the last `charterkit build` (or holds those
of the default site built before the test runs, tests/prebuild.py), so a run after a build only copies them.
They are made with the easy-read pages' audio, as a build makes them (an easy-read pack's cover says the page
can be listened to), so they are the same packs, byte for byte, and are copied from the cache too.
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
def packs_audio(corpus, tmp_path_factory, test_cache) -> dict:
    """The easy-read pages' audio in English, Arabic and Urdu, as a build makes it before the packs: lang -> doc
    id -> Audio (none without espeak-ng, as in a build). Taken from the cache when the default site was built
    with it (default_build, tests/prebuild.py); otherwise spoken here (once: it is kept in the cache)."""
    from generator.audio.build import make_audio
    from generator.diagnostics import Report

    languages = [l for l in (corpus.config.language(c) for c in ("en", "ar", "ur")) if l is not None]
    out = tmp_path_factory.mktemp("packs-audio") / "site"
    return make_audio(corpus, languages, out, Report(), test_cache, quiet=True).found


@pytest.fixture(scope="session")
def packs_site(corpus, tmp_path_factory, test_cache, packs_audio):
    """Every pack of the default project in English and Arabic: (site folder, manifest, report)."""
    from generator.diagnostics import Report
    from generator.print.packs import build_packs

    out = tmp_path_factory.mktemp("packs") / "site"
    report = Report()
    languages = [l for l in (corpus.config.language("en"), corpus.config.language("ar")) if l is not None]
    manifest = build_packs(corpus, languages, out, report, cache_dir=test_cache, audio=packs_audio)
    assert not report.errors, report.format()
    return out, manifest, report


@pytest.fixture(scope="session")
def ur_packs_site(corpus, tmp_path_factory, test_cache, packs_audio):
    """Every pack of the default project in Urdu (for the right-to-left and structure checks of issue 18):
    (site folder, manifest, report)."""
    from generator.diagnostics import Report
    from generator.print.packs import build_packs

    out = tmp_path_factory.mktemp("packs-ur") / "site"
    report = Report()
    languages = [corpus.config.language("ur")]
    manifest = build_packs(corpus, languages, out, report, cache_dir=test_cache, audio=packs_audio)
    assert not report.errors, report.format()
    return out, manifest, report


class PdfText:
    """The characters of each PDF, read with pdfminer once per test run and shared by every test that reads
    a pack's text (reading a pack takes about a second; several tests read the same packs); and the walk of
    each PDF's content streams (check/pdf_stream.py), made once per test run for the checks that read it."""

    def __init__(self):
        self._chars: dict[tuple[str, int, int], list] = {}
        self._walks: dict[tuple[str, int, int], tuple] = {}
        self.reads = 0
        self.walks = 0

    def walked(self, path: Path) -> tuple:
        """(the PDF, open with pikepdf, its pages walked: pdf_stream.walk): the PDF stays open for the test run,
        since what the walk gives holds its objects. Hand the pages to the checks (their `pages` argument)."""
        import io

        import pikepdf

        from generator.check.pdf_stream import walk

        stat = Path(path).stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self._walks:
            pdf = pikepdf.open(io.BytesIO(Path(path).read_bytes()))  # (in memory: no file left open)
            self._walks[key] = (pdf, walk(pdf))
            self.walks += 1
        return self._walks[key]

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
