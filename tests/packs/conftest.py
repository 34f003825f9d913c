"""Fixtures for the printable packs: the repository's corpus, and its packs in English and Arabic.

The packs are built once per test run into a temporary folder, through the test run's cache folder
(test_cache in tests/conftest.py), which starts with the packs of the last `charterkit build`, so a run after
a build only copies them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# The smallest size of body text each kind of pack promises, in points.
FLOORS = {"standard": 12, "large-print": 18, "easy-read": 16, "survey": 12, "survey-easy-read": 16,
          "interview": 12, "focus-group": 12, "workbook": 12}


@pytest.fixture(scope="session")
def corpus():
    from generator.issues import Report
    from generator.validate.project import load_project

    report = Report()
    loaded = load_project(ROOT, report)
    assert loaded is not None, report.format()
    return loaded


@pytest.fixture(scope="session")
def packs_site(corpus, tmp_path_factory, test_cache):
    """Every pack of the default project in English and Arabic: (site folder, manifest, report)."""
    from generator.issues import Report
    from generator.render.packs import build_packs

    out = tmp_path_factory.mktemp("packs") / "site"
    report = Report()
    languages = [corpus.config.language("en"), corpus.config.language("ar")]
    manifest = build_packs(corpus, [l for l in languages if l is not None], out, report, cache_dir=test_cache)
    assert not report.errors, report.format()
    return out, manifest, report


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    """A copy of tests/fixtures/projects/minimal (two small documents) with the fonts and pictures."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "projects" / "minimal", root)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "theme").mkdir()
    for name in ("print", "strings"):
        shutil.copytree(ROOT / "theme" / name, root / "theme" / name)
    return root


def normalise(text: str) -> str:
    """Text for comparing: Markdown marks (emphasis, list dashes) gone, one space between words."""
    text = re.sub(r"(?m)^\s*[-*]\s+", "", text)
    text = re.sub(r"<((?:https?://|mailto:)[^>]+)>", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)\s]+\)", r"\1", text)  # a link prints its words
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())
