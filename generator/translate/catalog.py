"""Writing translation files, scaffolding a new language, and gettext PO export and import.

Translation files written here have one fixed layout, so that a PO round trip (export, then import
without changes) gives back byte-identical files.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import yaml

from ..model.corpus import Corpus
from .files import INTERFACE, TRANSLATIONS_DIR, Translated
from .units import Unit, document_units, source_hash

HEADER = """# {language} translation of {what}.
# Each entry: `en` is the English (for reading), `source` is its fingerprint, `text` is the translation.
# Leave `text` empty ("") if you have not translated it yet. See TRANSLATING.md.
"""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = ">" if len(value) > 80 and "\n" not in value else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _units_for(corpus: Corpus, name: str) -> list[Unit]:
    if name == INTERFACE:
        from ..render.strings import load_strings

        return [Unit(k, v, markdown=False) for k, v in load_strings(corpus.root, "en").items()]
    return document_units(corpus.document(name))


def file_entries(units: list[Unit], found: dict[str, Translated], keep_all: bool) -> dict:
    """The entries of a translation file in the English reading order."""
    entries = {}
    for unit in units:
        entry = found.get(unit.key)
        if entry is None and not keep_all:
            continue
        data = {"en": unit.text if entry is None or entry.source == unit.source_hash else _english_of(entry, unit),
                "source": unit.source_hash if entry is None else entry.source,
                "text": "" if entry is None else entry.text}
        if entry is not None and entry.status != "draft":
            data["status"] = entry.status
        if entry is not None and entry.reviewed_by:
            data["reviewed_by"] = entry.reviewed_by
        entries[unit.key] = data
    return entries


def _english_of(entry: Translated, unit: Unit) -> str:
    return entry.en or unit.text


def dump_file(language_name: str, what: str, entries: dict) -> str:
    body = yaml.dump({"status": "draft", "entries": entries}, Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=100)
    return HEADER.format(language=language_name, what=what) + body


def scaffold_language(corpus: Corpus, lang: str, name: str) -> list[Path]:
    """Create framework_data/translations/<lang>/ with every text to translate, keeping any entries already there."""
    folder = corpus.root / TRANSLATIONS_DIR / lang
    folder.mkdir(parents=True, exist_ok=True)
    pack = corpus.translations.get(lang)
    written = []
    for file_name, what in [(INTERFACE, "the words on every page")] + [(d.id, d.title) for d in corpus.documents]:
        found = {}
        if pack is not None:
            found = pack.interface if file_name == INTERFACE else pack.documents.get(file_name, {})
        path = folder / f"{file_name}.yml"
        entries = file_entries(_units_for(corpus, file_name), found, keep_all=True)
        path.write_text(dump_file(name, what, entries), encoding="utf-8")
        written.append(path)
    return written


def add_language_to_config(root: Path, code: str, name: str, english: str, direction: str) -> bool:
    """Add the language under `languages:` in site_config.yml, keeping the file's comments. False if already there."""
    path = root / "site_config.yml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if any(lang.get("code") == code for lang in data.get("languages", [])):
        return False
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("languages:"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-", "#")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    block = (f"  - code: {code}\n    name: {yaml.safe_dump(name, allow_unicode=True).splitlines()[0]}\n"
             f"    english_name: {english}\n    dir: {direction}\n")
    lines.insert(end, block)
    path.write_text("".join(lines), encoding="utf-8")
    return True


# ---- gettext PO ---------------------------------------------------------------------------------
def export_po(corpus: Corpus, lang: str, out_dir: Path) -> list[Path]:
    """One .po file per translation file, for Poedit, Weblate and other translation tools."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    out_dir.mkdir(parents=True, exist_ok=True)
    pack = corpus.translations.get(lang)
    written = []
    for file_name in [INTERFACE] + [d.id for d in corpus.documents]:
        found = {}
        if pack is not None:
            found = pack.interface if file_name == INTERFACE else pack.documents.get(file_name, {})
        catalog = Catalog(locale=lang, project="charterkit", domain=file_name, fuzzy=False)
        for unit in _units_for(corpus, file_name):
            entry = found.get(unit.key)
            comments = [f"source: {entry.source if entry else unit.source_hash}"]
            flags = []
            previous = None
            if entry is not None:
                comments.append(f"status: {entry.status}")
                if entry.reviewed_by:
                    comments.append(f"reviewed_by: {entry.reviewed_by}")
                if entry.source != unit.source_hash:
                    flags.append("fuzzy")  # the English has changed since this was translated
            catalog.add(unit.text, string=entry.text if entry else "", context=unit.key,
                        auto_comments=comments, flags=flags, previous_id=previous)
        path = out_dir / f"{file_name}.po"
        buf = io.BytesIO()
        write_po(buf, catalog, width=0, omit_header=False, sort_output=False, include_previous=False)
        path.write_bytes(buf.getvalue())
        written.append(path)
    return written


_COMMENT = re.compile(r"^(source|status|reviewed_by): (.*)$")


def import_po(corpus: Corpus, lang: str, in_dir: Path, language_name: str) -> list[Path]:
    """Write the translations in in_dir/*.po back into framework_data/translations/<lang>/."""
    from babel.messages.pofile import read_po

    folder = corpus.root / TRANSLATIONS_DIR / lang
    folder.mkdir(parents=True, exist_ok=True)
    pack = corpus.translations.get(lang)
    written = []
    for po in sorted(in_dir.glob("*.po")):
        file_name = po.stem
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        units = {u.key: u for u in _units_for(corpus, file_name)}
        old = {}
        if pack is not None:
            old = pack.interface if file_name == INTERFACE else pack.documents.get(file_name, {})
        found: dict[str, Translated] = {}
        for message in catalog:
            if not message.id or not message.context or message.context not in units:
                continue
            text = message.string if isinstance(message.string, str) else (message.string or [""])[0]
            if not text:
                continue
            meta = {}
            for comment in message.auto_comments:
                m = _COMMENT.match(comment.strip())
                if m:
                    meta[m.group(1)] = m.group(2)
            unit = units[message.context]
            previous = old.get(message.context)
            changed = previous is None or previous.text != text
            if changed:  # newly translated or edited in the PO tool: it translates the current English
                source, status, reviewer = unit.source_hash, "draft", None
            else:
                source = meta.get("source", unit.source_hash)
                status = meta.get("status", "draft")
                reviewer = meta.get("reviewed_by")
            en = previous.en if (previous is not None and not changed) else None
            found[message.context] = Translated(text, source, status, reviewer, str(po), None, en)
        what = "the words on every page" if file_name == INTERFACE else corpus.document(file_name).title
        path = folder / f"{file_name}.yml"
        path.write_text(dump_file(language_name, what, file_entries(list(units.values()), found, keep_all=True)),
                        encoding="utf-8")
        written.append(path)
    return written
