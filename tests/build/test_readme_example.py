"""The README's worked example of adding a document stays true: its YAML validates and builds into pages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Report
from generator.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.build


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- example-document.*?-->\s*```yaml\n(.*?)```\s*<!-- end example-document -->", text, re.S)
    assert m, "README.md has lost its worked example"
    return m.group(1)


def test_readme_example_builds(project_copy):
    example = readme_example()
    doc_id = yaml.safe_load(example)["id"]
    root = project_copy
    (root / "framework_data" / "documents" / f"{doc_id}.yml").write_text(example, encoding="utf-8")
    report = Report()
    # Validation reads every file in every language; the pages are built in English only, which is all this
    # test looks at (a document with no translations is shown in English in the other languages: tests/i18n),
    # and without the easy-read audio, which it does not look at either (speaking the English easy-read pages
    # again took most of this test's time; tests/build/test_audio_site.py checks the audio of the default site).
    assert build(root, report, packs=False, lang="en", audio=False), report.format()
    site = root / "site" / "en"
    assert (site / doc_id / "index.html").exists()
    assert (site / doc_id / "commitment-1" / "index.html").exists()
    outcome = (site / "health-wellbeing-outcomes" / "outcome-6" / "index.html").read_text(encoding="utf-8")
    assert f"../../{doc_id}/commitment-1/" in outcome
    assert (site / "crosswalks" / f"{doc_id}--health-wellbeing-outcomes" / "index.html").exists()
