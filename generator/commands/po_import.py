"""`charterkit i18n import`: the translations in PO files written back into the translation files.

Every PO file is read and every change checked with validate/'s rules (validate/translation_files.py) before
anything is written; then all the changed files are written, or (on any problem) none. A file that is there is
edited in place, changing only the entries whose text changed (translate/yamledit.py), so a round trip
(export, then import without changes) leaves every file byte for byte as it was, however it was written.

A command's work, beside commands/i18n.py: it takes the English texts and the files' layout from
translate/catalog.py, checks with validate/, and writes.
"""
from __future__ import annotations

import io
from pathlib import Path

import yaml

from ..model.corpus import Corpus
from ..model.translations import TRANSLATIONS_DIR, Translated
from ..model.units import Unit
from ..translate.catalog import dump_file, dump_yaml, file_entries, file_names, units_for, what_file


def import_po(corpus: Corpus, lang: str, in_dir: Path, language_name: str, report=None) -> list[Path] | None:
    """Write the translations in in_dir/*.po back into framework_data/translations/<lang>/.

    Every PO file is read and every change checked before anything is written; then all the changed
    files are written, or (on any problem) none. Only the entries whose text changed are touched, in the
    file's own layout (see yamledit.py), so an unchanged round trip changes nothing. Returns the files
    written, or None when there were errors (in report)."""
    from ..diagnostics import Report

    report = report if report is not None else Report(root=corpus.root)
    if report.root is None:
        report.root = corpus.root
    in_dir = Path(in_dir)
    shown = report.rel(in_dir)
    if not in_dir.is_dir():
        report.error("po.no-folder", f"There is no folder {shown}.", file=shown,
                     hint="Give the folder that holds the .po files, for example: charterkit i18n import pl po/")
        return None
    files = sorted(p for p in in_dir.iterdir() if p.suffix == ".po" and not p.name.startswith("."))
    if not files:
        report.error("po.none", f"There are no .po files in {shown}.", file=shown,
                     hint="Put the translated .po files there (one per document, named as charterkit i18n export "
                          "named them), then import again.")
        return None
    known = file_names(corpus)
    planned: list[tuple[Path, str]] = []
    for po in files:
        display = report.rel(po)
        if po.stem not in known:
            from ..diagnostics import closest

            found = closest(po.stem, known, cutoff=0.6)
            near = [found] if found else []
            report.error("po.unknown-file", f'"{po.name}" is not named after a document, so charterkit cannot tell '
                         "where its translations go. Nothing was imported.", file=display, line=1, column=1,
                         hint=(f'If it is a copy (of {near[0]}.po), move it out of {shown} and import again; if it is '
                               f'the translation of that document, rename it to "{near[0]}.po". ' if near else
                               f"Move it out of {shown}, or rename it after the document it translates. ")
                         + "Each .po file is named after a document's or an engagement tool's ID, or interface.po for "
                           "the words on every page, or site.po for the words of site_config.yml.")
            continue
        catalog = _read_po(po, display, report)
        if catalog is None:
            continue
        plan = _plan_file(corpus, lang, po.stem, catalog, display, language_name, report)
        if plan is not None:
            planned.append(plan)
    if report.errors:
        return None
    _write_all(planned)
    return [path for path, _ in planned]


def _read_po(po: Path, display: str, report):
    """The catalog in po, or None (the problem goes to report, with the line where there is one)."""
    from babel.messages.pofile import PoFileError, read_po

    from ..load.textfile import encoding_issue

    try:
        raw = po.read_bytes()
    except OSError as exc:
        report.error("file.unreadable", f"The file cannot be read: {exc.strerror or exc}.", file=display)
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.add(encoding_issue(raw, exc, display))
        return None
    try:
        return read_po(io.BytesIO(raw), charset="utf-8", abort_invalid=True)
    except PoFileError as exc:
        import re

        what = re.sub(r" on \d+$", "", str(exc))
        report.error("po.syntax", f"The PO file cannot be read: {what[:1].lower()}{what[1:]}.", file=display,
                     line=getattr(exc, "lineno", None),
                     hint="Open it in Poedit (or another PO editor) and save it again, or export it afresh.")
    except Exception as exc:  # noqa: BLE001 - babel raises many kinds of error for a damaged file
        report.error("po.syntax", f"The PO file cannot be read ({type(exc).__name__}: {exc}).", file=display,
                     hint="Open it in Poedit (or another PO editor) and save it again, or export it afresh.")
    return None


def _plan_file(corpus: Corpus, lang: str, name: str, catalog, display: str, language_name: str,
               report) -> tuple[Path, str] | None:
    """The new text of one translation file, or None if nothing in it changes (problems go to report)."""
    from ..translate.yamledit import EditError, edit_entries
    from ..validate.translation_files import check_text

    units = units_for(corpus, name)
    by_key = {u.key: u for u in units}
    order = {u.key: n for n, u in enumerate(units)}
    folder = corpus.root / TRANSLATIONS_DIR / lang
    path = next((p for p in (folder / f"{name}.yml", folder / f"{name}.yaml") if p.exists()), folder / f"{name}.yml")
    bom, original = "", None
    raw_entries: dict = {}
    file_status = "draft"
    if path.exists():
        data = path.read_bytes()
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        original = data.decode("utf-8-sig")
        loaded = yaml.safe_load(original) or {}
        raw_entries = {k: (v if isinstance(v, dict) else {}) for k, v in (loaded.get("entries") or {}).items()}
        file_status = loaded.get("status") or "draft"
    with_en = not raw_entries or any("en" in e for e in raw_entries.values())

    updates: dict[str, dict] = {}
    additions: list[tuple[str, dict, str | None]] = []
    gone = 0
    for message in catalog:
        if not message.id or not message.context:
            continue
        unit = by_key.get(message.context)
        if unit is None:
            gone += 1
            continue
        text = message.string if isinstance(message.string, str) else (message.string or [""])[0]
        if not text:
            continue  # not translated in the PO file: the translation file keeps what it has
        bad = [f for f in check_text(text, unit.text, placeholders=True, jinja=False, lang=lang,
                                     interface=name == "interface") if f.severity == "error"]
        for f in bad:
            report.error(f"i18n.{f.kind}", f.message, file=display, line=message.lineno, key=message.context,
                         hint=f.hint)
        if bad:
            continue
        previous = raw_entries.get(unit.key)
        if previous is not None and previous.get("text") == text:
            if message.fuzzy or previous.get("source") == unit.source_hash:
                continue  # unchanged (a stale text stays stale until a translator confirms it)
            fields: dict = {"source": unit.source_hash}  # confirmed in the PO tool: still right for the new English
        else:
            fields = {"text": text, "source": unit.source_hash}
        if previous is None:
            entry = ({"en": unit.text} if with_en else {}) | {"source": fields["source"], "text": fields["text"]}
            if file_status != "draft":
                entry["status"] = "draft"
            earlier = [k for k in raw_entries if k in order and order[k] < order[unit.key]]
            additions.append((unit.key, entry, max(earlier, key=order.get) if earlier else None))
            continue
        # it now translates the current English, and nobody has reviewed it yet
        if "en" in previous:
            fields["en"] = unit.text
        if previous.get("status", file_status) != "draft":
            fields["status"] = "draft"
        if "reviewed_by" in previous:
            fields["reviewed_by"] = None
        updates[unit.key] = {k: v for k, v in fields.items() if k not in previous or previous[k] != v}
        updates[unit.key] = {k: v for k, v in updates[unit.key].items() if not (v is None and k not in previous)}
    if gone:
        report.warning("po.gone", f"{gone} text(s) in this file are no longer in the English, so they were not imported.",
                       file=display, hint="Export the PO files again to get the current texts.")
    updates = {k: v for k, v in updates.items() if v}
    if not updates and not additions:
        return None
    what = what_file(corpus, name)
    if original is None:
        found = {key: Translated(entry["text"], entry["source"], "draft", None, display, None)
                 for key, entry, _ in additions}
        new_text = dump_file(language_name, what, file_entries(units, found, keep_all=True))
    else:
        try:
            new_text = edit_entries(original, updates, additions)
        except EditError:  # a layout the in-place editor does not handle: write the file afresh
            new_text = _rewrite(original, updates, additions)
    _check_result(path, new_text, name, units, report)
    return path, bom + new_text


def _rewrite(original: str, updates: dict, additions: list) -> str:
    """The file written afresh with the changes: its first comment lines and top keys kept, entries in its order."""
    data = yaml.safe_load(original) or {}
    entries = {k: dict(v) if isinstance(v, dict) else v for k, v in (data.get("entries") or {}).items()}
    for key, fields in updates.items():
        for field, value in fields.items():
            if value is None:
                entries[key].pop(field, None)
            else:
                entries[key][field] = value
    for key, fields, _ in additions:
        entries[key] = fields
    data["entries"] = entries
    head = []
    for line in original.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        head.append(line)
    return "".join(head) + dump_yaml(data)


def _check_result(path: Path, text: str, name: str, units: list[Unit], report) -> None:
    """Read the new file back exactly as validate will, before anything is written."""
    import tempfile

    from ..diagnostics import Report
    from ..validate.translation_files import load_translation_file

    display = report.rel(path)
    with tempfile.TemporaryDirectory(prefix="charterkit-import-") as tmp:
        probe = Path(tmp) / path.name
        probe.write_text(text, encoding="utf-8", newline="")
        found = Report(root=report.root)
        load_translation_file(probe, display, name, {u.key: u for u in units}, found, path.parent.name)
    report.extend(i for i in found.errors)


def _write_all(planned: list[tuple[Path, str]]) -> None:
    """Write every file or none: each new text goes to a temporary file beside its target first (a full disk
    stops here, with nothing changed), then each replaces its target; if one cannot, those already
    replaced are put back."""
    import os

    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in planned:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.import-{os.getpid()}")
            temps.append((tmp, path))
            tmp.write_text(text, encoding="utf-8", newline="")
    except OSError:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, Path | None]] = []
    try:
        for tmp, path in temps:
            backup = None
            if path.exists():
                backup = path.with_name(f".{path.name}.before-import-{os.getpid()}")
                backup.unlink(missing_ok=True)
                os.link(path, backup)
            done.append((path, backup))
            os.replace(tmp, path)
    except OSError:
        for path, backup in reversed(done):
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        for _, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
