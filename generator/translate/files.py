"""Translation files: framework_data/translations/<language>/<document-id>.yml and interface.yml,
and translated prose pages content/<language>/<page>.md. Loading, schema and safety checks.

An entry records the translated text, a fingerprint of the English it translates (`source`), and its
review status. Nothing from a translation file reaches a page before it passes check_text().
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ..issues import Issue, Report
from ..load.yamlfile import load_yaml
from ..model.schema import Strict
from ..validate.shape import check_shape
from .units import Unit, document_units, is_easy_read, source_hash

TRANSLATIONS_DIR = Path("framework_data") / "translations"
INTERFACE = "interface"

Status = Literal["draft", "reviewed"]


class Entry(Strict):
    """One translated text."""

    text: str = Field(description="The translation.")
    source: str = Field(pattern=r"^[0-9a-f]{10}$",
                        description="Fingerprint of the English this translates. `charterkit i18n status` tells you when it changes.")
    en: str | None = Field(None, description="The English this translates, for reading only. charterkit updates it.")
    status: Status | None = Field(None, description="draft or reviewed. Leave out to use the file's status.")
    reviewed_by: str | None = Field(None, description="Who reviewed this entry (needed when status is reviewed).")


class TranslationFile(Strict):
    """A translation of one document, or of the interface words, into one language."""

    status: Status = Field("draft", description="The review status of every entry that does not give its own.")
    reviewed_by: str | None = Field(None, description="Who reviewed the file (needed when status is reviewed).")
    entries: dict[str, Entry] = Field(default_factory=dict, description="The translations, by key.")

    @model_validator(mode="after")
    def _reviewer(self):
        if self.status == "reviewed" and not self.reviewed_by:
            raise ValueError("status is reviewed, so reviewed_by must say who reviewed it")
        return self


@dataclass(frozen=True)
class Translated:
    text: str
    source: str
    status: Status
    reviewed_by: str | None
    file: str
    line: int | None
    en: str | None = None  # the English it was translated from, as the file records it


@dataclass
class LanguagePack:
    """Everything translated into one language."""

    lang: str
    documents: dict[str, dict[str, Translated]] = field(default_factory=dict)  # doc id -> key -> entry
    interface: dict[str, Translated] = field(default_factory=dict)
    pages: dict[str, Translated] = field(default_factory=dict)  # content page name -> whole page


# ---- safety ---------------------------------------------------------------------------------------
_HTML = re.compile(r"<\s*(?!https?://|mailto:)[!/?a-zA-Z]")
_BAD_URL = re.compile(r"(javascript|vbscript|data)\s*:", re.I)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_LINK = re.compile(r"\]\(")


def check_text(text: str, english: str, *, placeholders: bool, jinja: bool) -> list[tuple[str, str, str]]:
    """Problems with a translated text: (code, message, hint)."""
    problems = []
    if not text.strip():
        problems.append(("i18n.empty", "The translation is empty.",
                         "Write the translation, or delete the entry so the English is shown."))
        return problems
    if _HTML.search(text):
        problems.append(("i18n.html", "The translation contains raw HTML (something in < >).",
                         "Remove the HTML. Use Markdown, like the English does."))
    if _BAD_URL.search(text) and not _BAD_URL.search(english):
        problems.append(("i18n.unsafe-link", "The translation contains a javascript:, vbscript: or data: address.",
                         "Remove it. Links may only go to web pages (https://) or email addresses (mailto:)."))
    if _BIDI.search(text):
        problems.append(("i18n.bidi-control", "The translation contains invisible text-direction control characters "
                         "(U+202A to U+202E or U+2066 to U+2069), which can disguise what the text says.",
                         "Retype the text without them. charterkit sets the direction of right-to-left text for you."))
    if placeholders:
        want, got = set(_PLACEHOLDER.findall(english)), set(_PLACEHOLDER.findall(text))
        if want != got:
            missing, extra = sorted(want - got), sorted(got - want)
            detail = "; ".join(filter(None, [f"missing {', '.join(missing)}" if missing else "",
                                             f"not in the English: {', '.join(extra)}" if extra else ""]))
            problems.append(("i18n.placeholder", f"The words in curly brackets do not match the English ({detail}).",
                             "Copy each {word} from the English exactly as it is. Do not translate what is inside the brackets."))
    want_j, got_j = sorted(_JINJA.findall(english)), sorted(_JINJA.findall(text))
    if (jinja and want_j != got_j) or (not jinja and got_j):
        problems.append(("i18n.placeholder", "The {{ ... }} parts do not match the English.",
                         "Copy each {{ ... }} part from the English exactly as it is."))
    if text.count("**") % 2:
        problems.append(("i18n.markdown", "A ** for bold text is not closed.",
                         "Put ** before and after the bold words, like **this**."))
    if len(_LINK.findall(text)) != len(_LINK.findall(english)):
        problems.append(("i18n.markdown", "The translation does not have the same number of links as the English.",
                         "Keep every link from the English, written as [words](address)."))
    return problems


# ---- loading --------------------------------------------------------------------------------------
def _close(word: str, options) -> str | None:
    import difflib
    found = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.75)
    return found[0] if found else None


def language_folders(root: Path) -> list[Path]:
    base = root / TRANSLATIONS_DIR
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def load_language(root: Path, lang: str, documents, english_interface: dict[str, str], report: Report) -> LanguagePack:
    """Read and check every translation file of one language. Problems go to report."""
    pack = LanguagePack(lang)
    folder = root / TRANSLATIONS_DIR / lang
    units_by_doc = {doc.id: {u.key: u for u in document_units(doc)} for doc in documents}
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    for path in files:
        display = report.rel(path)
        name = path.stem
        if name == INTERFACE:
            units = {k: Unit(k, v, markdown=False) for k, v in english_interface.items()}
        elif name in units_by_doc:
            units = units_by_doc[name]
        else:
            near = _close(name, [*units_by_doc, INTERFACE])
            report.error("i18n.unknown-file", f'"{path.name}" is not named after a document.',
                         file=display, line=1, column=1,
                         hint=(f'Did you mean "{near}.yml"? ' if near else "")
                         + "Name each file after the document's ID, or interface.yml for the site's own words.")
            continue
        loaded = load_yaml(path, display)
        report.extend(loaded.issues)
        if not loaded.ok:
            continue
        tfile, issues = check_shape(loaded, TranslationFile, display)
        report.extend(issues)
        if tfile is None:
            continue
        target: dict[str, Translated] = {}
        for key, entry in tfile.entries.items():
            line, col = loaded.position(("entries", key), prefer_key=True)
            unit = units.get(key)
            if unit is None and _obsolete_easy_read(key, units):
                report.warning("i18n.obsolete", f'The English easy read of {name} no longer has the text "{key}", '
                               "so this translation is not used.", file=display, line=line, column=col,
                               key=f"entries.{key}",
                               hint="Delete the entry, and translate the new easy-read texts "
                                    "(charterkit i18n status lists what is missing).")
                continue
            if unit is None:
                near = _close(key, units)
                report.error("i18n.unknown-key", f'"{key}" is not the key of any text in {name}.',
                             file=display, line=line, column=col, key=f"entries.{key}",
                             hint=(f'Did you mean "{near}"? ' if near else "")
                             + "Keys are made from the IDs in the English file. Check the spelling, or delete the entry.")
                continue
            if not entry.text.strip():
                continue  # an empty text means "not translated yet": the English is shown
            status = entry.status or tfile.status
            reviewer = entry.reviewed_by or tfile.reviewed_by
            if status == "reviewed" and not reviewer:
                report.error("i18n.reviewer", "This entry is marked reviewed but does not say who reviewed it.",
                             file=display, line=line, column=col, key=f"entries.{key}",
                             hint="Add reviewed_by: with the reviewer's name, or set status: draft.")
            tline, tcol = loaded.position(("entries", key, "text"))
            # A stale entry (the English changed since) is not shown; it must match the English it was made from,
            # so that a link added to the English makes translations stale, not wrong.
            basis = entry.en if entry.en and entry.source != unit.source_hash else unit.text
            bad = check_text(entry.text, basis, placeholders=True, jinja=False)
            for code, message, hint in bad:
                report.error(code, message, file=display, line=tline, column=tcol, key=f"entries.{key}.text", hint=hint)
            if bad:
                continue
            target[key] = Translated(entry.text, entry.source, status, reviewer, display, line, entry.en)
        if name == INTERFACE:
            pack.interface = target
        else:
            pack.documents[name] = target
    _load_pages(root, lang, pack, report)
    return pack


def _obsolete_easy_read(key: str, units: dict[str, Unit]) -> bool:
    """Whether a key names an easy-read text the English used to have: a point number or heading of a part
    that still exists (easy-read points are numbered, so rewriting the easy read removes some)."""
    if not is_easy_read(key):
        return False
    owner = key.split(".easy_read", 1)[0] if not key.startswith("easy_read.") else ""
    return owner == "" or any(k.startswith(owner + ".") for k in units)


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _load_pages(root: Path, lang: str, pack: LanguagePack, report: Report) -> None:
    import yaml

    english_dir = root / "content" / "en"
    folder = root / "content" / lang
    if lang == "en" or not folder.is_dir():
        return
    for path in sorted(folder.glob("*.md")):
        display = report.rel(path)
        english = english_dir / path.name
        if not english.exists():
            report.error("i18n.unknown-page", f'"{path.name}" has no English page with the same name in content/en/.',
                         file=display, line=1, column=1, hint="Give the file the same name as the English page it translates.")
            continue
        text = path.read_text(encoding="utf-8")
        m = _FRONT.match(text)
        meta = {}
        if m:
            try:
                meta = yaml.safe_load(m.group(1)) or {}
            except yaml.YAMLError:
                meta = None
        if not isinstance(meta, dict) or "source" not in meta:
            report.error("i18n.page-header", "The page does not start with a header saying which English it translates.",
                         file=display, line=1, column=1,
                         hint="Start the file with three lines: ---, then source: (the fingerprint from "
                              "`charterkit i18n status`) and status: draft, then ---.")
            continue
        body = text[m.end():]
        status = meta.get("status", "draft")
        if status not in ("draft", "reviewed"):
            report.error("i18n.status", f'status must be draft or reviewed, not "{status}".', file=display, line=2, column=1,
                         hint="Write status: draft or status: reviewed.")
            continue
        english_text = english.read_text(encoding="utf-8")
        bad = check_text(body, english_text, placeholders=False, jinja=True)
        first = text[: m.end()].count("\n") + 1
        for code, message, hint in bad:
            report.error(code, message, file=display, line=first, column=1, hint=hint)
        if bad:
            continue
        pack.pages[path.name] = Translated(body, str(meta["source"]), status, meta.get("reviewed_by"), display, first)


def page_source_hash(root: Path, name: str) -> str:
    return source_hash((root / "content" / "en" / name).read_text(encoding="utf-8"))
