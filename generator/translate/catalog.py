"""Writing translation files, scaffolding a new language, and gettext PO export.

Files charterkit makes (scaffold_language) have one fixed layout. The PO import (commands/po_import.py, which
checks every change with validate/'s rules before it writes) edits a file that is there in place, changing
only the entries whose text changed (yamledit.py), so a round trip (export, then import without changes)
leaves every file byte for byte as it was, however it was written.
"""
from __future__ import annotations

import io
from pathlib import Path

import yaml

from ..model.corpus import Corpus
from ..model.translations import GLOSSARY, INTERFACE, SITE, TRANSLATIONS_DIR, Translated
from ..model.units import Unit, document_units, source_hash

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


def units_for(corpus: Corpus, name: str) -> list[Unit]:
    """The English texts of one translation file (name: a document's or tool's ID, interface, site or glossary)."""
    if name == INTERFACE:
        from ..read.strings import load_strings

        return [Unit(k, v, markdown=False) for k, v in load_strings(corpus.root, "en").items()]
    if name == SITE:
        from ..model.units import settings_units

        return settings_units(corpus.config)
    if name == GLOSSARY and corpus.glossary is not None and name not in {d.id for d in corpus.documents}:
        from ..model.units import glossary_units

        return glossary_units(corpus.glossary)
    if name in corpus.tools and name not in {d.id for d in corpus.documents}:
        from ..model.units import tool_units

        return tool_units(corpus.tools[name])
    return document_units(corpus.document(name))


def file_names(corpus: Corpus) -> list[str]:
    """Every translation file of a language by name (without .yml), in the order charterkit lists them:
    the words on every page, the site_config.yml words, the documents, then the engagement tools."""
    docs = [d.id for d in corpus.documents]
    glossary = [GLOSSARY] if corpus.glossary is not None and GLOSSARY not in docs else []
    return [INTERFACE, SITE] + glossary + docs + [t for t in corpus.tools if t not in docs]


def what_file(corpus: Corpus, name: str) -> str:
    """What a translation file translates, for its first comment line."""
    if name == INTERFACE:
        return "the words on every page"
    if name == SITE:
        return "the words of site_config.yml"
    if name == GLOSSARY and name not in {d.id for d in corpus.documents}:
        return "the word list (framework_data/glossary.yml)"
    if name in corpus.tools and name not in {d.id for d in corpus.documents}:
        return f"the engagement tool \"{corpus.tools[name].title}\""
    return corpus.document(name).title


def found_entries(pack, name: str) -> dict:
    """The entries a language already has for one translation file."""
    if pack is None:
        return {}
    if name == INTERFACE:
        return pack.interface
    if name == SITE:
        return pack.settings
    if name == GLOSSARY and name not in pack.documents:
        return pack.glossary
    if name in pack.tools:
        return pack.tools[name]
    return pack.documents.get(name, {})


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


def dump_yaml(data: dict) -> str:
    """YAML in the layout of charterkit's own translation files: folded for long texts, literal for lines."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def dump_file(language_name: str, what: str, entries: dict) -> str:
    body = dump_yaml({"status": "draft", "entries": entries})
    return HEADER.format(language=language_name, what=what) + body


def scaffold_language(corpus: Corpus, lang: str, name: str) -> list[Path]:
    """Create framework_data/translations/<lang>/ with every text to translate, keeping any entries already there."""
    folder = corpus.root / TRANSLATIONS_DIR / lang
    folder.mkdir(parents=True, exist_ok=True)
    pack = corpus.translations.get(lang)
    written = []
    for file_name in file_names(corpus):
        path = folder / f"{file_name}.yml"
        entries = file_entries(units_for(corpus, file_name), found_entries(pack, file_name), keep_all=True)
        path.write_text(dump_file(name, what_file(corpus, file_name), entries), encoding="utf-8")
        written.append(path)
    return written


def scaffold_missing(corpus: Corpus, lang: str, name: str) -> list[Path]:
    """Write, for lang, every translation file that is not there yet, with every text present and empty
    (text: ""), so a translator only fills in words. Files already there are left exactly as they are."""
    folder = corpus.root / TRANSLATIONS_DIR / lang
    written = []
    for file_name in file_names(corpus):
        path = folder / f"{file_name}.yml"
        if path.exists() or (folder / f"{file_name}.yaml").exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        entries = file_entries(units_for(corpus, file_name), {}, keep_all=True)
        path.write_text(dump_file(name, what_file(corpus, file_name), entries), encoding="utf-8")
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
    for file_name in file_names(corpus):
        found = found_entries(pack, file_name)
        catalog = Catalog(locale=lang, project="charterkit", domain=file_name, fuzzy=False)
        for unit in units_for(corpus, file_name):
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
