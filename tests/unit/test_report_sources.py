"""`charterkit report sources`: the editors' report on where each document comes from (issue #12)."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_report_lists_every_document_with_licence_applies_to_and_editors_notes(capsys):
    assert main(["--project", str(ROOT), "report", "sources"]) == 0
    out = capsys.readouterr().out
    docs = sorted((ROOT / "framework_data" / "documents").glob("*.yml"))
    assert len(docs) == 8
    for path in docs:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert f"File: framework_data/documents/{path.name}" in out
        assert f"Licence: {data['source']['licence']} (identifier {data['source']['licence_id']}" in out
        assert f"Applies in: " in out
        notes = data["source"].get("editors_notes")
        if notes:
            first_words = " ".join(notes.split()[:6])
            assert first_words in " ".join(out.split()), path.name
    assert "Nothing in this report is published" in out
    assert "Applies in: North Yorkshire (England)" in out
    assert "From press coverage" in out  # the North Yorkshire date's origin


def test_report_on_a_broken_project_says_what_is_wrong(tmp_path, capsys):
    (tmp_path / "site_config.yml").write_text("site: [\n", encoding="utf-8")
    assert main(["--project", str(tmp_path), "report", "sources"]) == 1
    err = capsys.readouterr().err
    assert "site_config.yml" in err and "Traceback" not in err
