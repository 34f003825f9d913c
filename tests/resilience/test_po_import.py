"""PO export and import: an import checks every file first and then writes all or nothing, and changes
only the entries whose text changed, in the file's own layout: an unchanged round trip of a translation
file written by hand leaves it byte for byte as it was, from the first time."""
from __future__ import annotations

import difflib
import hashlib
import io
import os

import pytest

from generator.cli import main

from .conftest import tree_hash

pytestmark = pytest.mark.resilience

# Written by hand the way TRANSLATING.md shows, with what editors do: comments, blank lines, entries in
# their own order, every quoting style, a long folded text, a reviewed entry, and a stale one (its English
# has changed since: the source below is not the fingerprint of "A small charter for tests.").
HAND_WRITTEN = """\
# Polish translation of the alpha charter, by Ania (started in May).

status: draft
entries:

  # the title first
  title:
    en: Alpha charter
    source: 8d94420c78   # Alpha charter
    text: 'Karta alfa'

  commitment-1.text:
      source: 3357e9c3ff
      text: >-
          Będziemy cię słuchać, zawsze i wszędzie, kiedy tylko
          będziesz chciał nam coś powiedzieć.
      status: reviewed
      reviewed_by: Jan Kowalski

  commitment-1.title: {source: 5902a2704e, text: Słuchamy}

  summary:
    en: A small charter.
    source: 0123456789
    text: "Mała karta."
  commitment-2.text:
    source: 4fdc1e4646
    text: |
      Wyjaśnimy wszystko jasno.
"""


def _run(project, *args, capsys=None):
    code = main(["--project", str(project), *args])
    out = capsys.readouterr() if capsys else None
    return code, (out.out + out.err) if out else ""


@pytest.fixture
def translated(project):
    path = project / "framework_data" / "translations" / "pl" / "alpha-charter.yml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return project


def _po(folder, name):
    from babel.messages.pofile import read_po

    with open(folder / f"{name}.po", "rb") as fh:
        return read_po(fh)


def _write_po(folder, name, catalog):
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=0)
    (folder / f"{name}.po").write_bytes(buf.getvalue())


def _set(folder, name, context, text):
    catalog = _po(folder, name)
    hits = [m for m in catalog if m.context == context]
    assert len(hits) == 1, context
    hits[0].string = text
    _write_po(folder, name, catalog)


def _translations(project):
    return tree_hash(project / "framework_data" / "translations")


def test_an_unchanged_round_trip_changes_nothing(translated, tmp_path, capsys):
    before = _translations(translated)
    po = tmp_path / "po"
    assert _run(translated, "i18n", "export", "pl", "--out", str(po), capsys=capsys)[0] == 0
    assert {p.name for p in po.iterdir()} == {"interface.po", "site.po", "alpha-charter.po", "beta-outcomes.po"}  # site.po: the words of site_config.yml (issue #13)
    code, said = _run(translated, "i18n", "import", "pl", str(po), capsys=capsys)
    assert code == 0, said
    assert "Nothing to update" in said
    assert _translations(translated) == before  # byte for byte, and no new files for the other documents


def test_only_the_changed_entries_change(translated, tmp_path, capsys):
    po = tmp_path / "po"
    _run(translated, "i18n", "export", "pl", "--out", str(po), capsys=capsys)
    _set(po, "alpha-charter", "commitment-2.text", "Wyjaśnimy wszystko bardzo jasno.\n")
    _set(po, "alpha-charter", "commitment-1.lists.examples.1", "Personel pyta, co jest dla ciebie ważne")
    path = translated / "framework_data" / "translations" / "pl" / "alpha-charter.yml"
    code, said = _run(translated, "i18n", "import", "pl", str(po), capsys=capsys)
    assert code == 0, said
    after = path.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(HAND_WRITTEN.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert diff == [
        # the new entry, in the layout of charterkit's own files, after the one before it in reading order
        # (commitment-1.text), set apart by a blank line as the entries around it are
        "+  commitment-1.lists.examples.1:",
        "+    en: Staff ask what matters to you",
        "+    source: 4a0746278e",
        "+    text: Personel pyta, co jest dla ciebie ważne",
        "+",
        # the changed text, in its own style (| with its indentation); its source was already current
        "-      Wyjaśnimy wszystko jasno.",
        "+      Wyjaśnimy wszystko bardzo jasno.",
    ], "\n".join(diff)
    assert after.index("reviewed_by: Jan Kowalski\n\n  commitment-1.lists.examples.1:") > 0
    # and it reads as meant
    assert _run(translated, "validate", capsys=capsys)[0] == 0


def test_a_changed_reviewed_text_becomes_a_draft_of_the_current_english(translated, tmp_path, capsys):
    po = tmp_path / "po"
    _run(translated, "i18n", "export", "pl", "--out", str(po), capsys=capsys)
    _set(po, "alpha-charter", "commitment-1.text", "Będziemy cię słuchać.")
    _set(po, "alpha-charter", "summary", "Mała karta do testów.")
    assert _run(translated, "i18n", "import", "pl", str(po), capsys=capsys)[0] == 0
    import yaml

    entries = yaml.safe_load((translated / "framework_data/translations/pl/alpha-charter.yml").read_text())["entries"]
    assert entries["commitment-1.text"] == {"source": "3357e9c3ff", "text": "Będziemy cię słuchać.", "status": "draft"}
    # the stale one now translates the current English, whose words it shows
    assert entries["summary"] == {"en": "A small charter for tests.", "source": "770e9bd17b",
                                  "text": "Mała karta do testów."}


@pytest.mark.parametrize("spoil, names", [
    ("backup", "interface-backup.po"),
    ("syntax", "beta-outcomes.po"),
    ("html", "beta-outcomes.po"),
    ("bytes", "beta-outcomes.po"),
])
def test_a_failed_import_leaves_every_file_as_it_was(translated, tmp_path, capsys, spoil, names):
    po = tmp_path / "po"
    _run(translated, "i18n", "export", "pl", "--out", str(po), capsys=capsys)
    # good changes in two files, which a half import would have written
    _set(po, "alpha-charter", "commitment-2.text", "Zmienione.")
    _set(po, "interface", next(m.context for m in _po(po, "interface") if m.context), "Zmienione")
    if spoil == "backup":
        (po / "interface-backup.po").write_bytes((po / "interface.po").read_bytes())
    elif spoil == "syntax":
        (po / "beta-outcomes.po").write_text((po / "beta-outcomes.po").read_text() + "\nthis is not a PO line\n")
    elif spoil == "html":
        _set(po, "beta-outcomes", "title", "Wyniki <script>alert(1)</script>")
    else:
        (po / "beta-outcomes.po").write_bytes((po / "beta-outcomes.po").read_bytes().replace(b'msgstr ""\n\n',
                                                                                         b'msgstr "\xff"\n\n', 3))
    before = _translations(translated)
    code, said = _run(translated, "i18n", "import", "pl", str(po), capsys=capsys)
    assert code == 1
    assert names in said and "Nothing was imported" in said and "Traceback" not in said, said
    assert _translations(translated) == before
    assert not [p for p in (translated / "framework_data/translations/pl").iterdir() if p.name.startswith(".")]


def test_a_disk_that_fails_half_way_leaves_every_file_as_it_was(translated, tmp_path, capsys, monkeypatch):
    po = tmp_path / "po"
    _run(translated, "i18n", "export", "pl", "--out", str(po), capsys=capsys)
    _set(po, "alpha-charter", "commitment-2.text", "Zmienione.")
    _set(po, "beta-outcomes", "title", "Wyniki beta")
    before = _translations(translated)
    real = os.replace
    calls = []

    def second_fails(src, dst, *a, **k):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", second_fails)
    code, said = _run(translated, "i18n", "import", "pl", str(po), capsys=capsys)
    monkeypatch.undo()
    assert code == 1 and "Nothing was imported" in said and "Traceback" not in said, said
    assert len(calls) >= 2  # it got half way
    assert _translations(translated) == before
    assert not [p for p in (translated / "framework_data/translations/pl").iterdir() if p.name.startswith(".")]


def test_the_default_translations_survive_a_round_trip(project_copy, tmp_path, capsys):
    before = hashlib.sha256(repr(sorted(_translations(project_copy).items())).encode()).hexdigest()
    po = tmp_path / "po"
    assert _run(project_copy, "i18n", "export", "pl", "--out", str(po), capsys=capsys)[0] == 0
    code, said = _run(project_copy, "i18n", "import", "pl", str(po), capsys=capsys)
    assert code == 0 and "Nothing to update" in said, said
    assert hashlib.sha256(repr(sorted(_translations(project_copy).items())).encode()).hexdigest() == before
