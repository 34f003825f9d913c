"""Reading and checking the translation files, while the project is read (validate/project.py load_project):
framework_data/translations/<language>/<document-id>.yml (and <tool-id>.yml, interface.yml, site.yml,
glossary.yml), and translated prose pages content/<language>/<page>.md. Names, shape and safety of each, every
problem with its file and line.

What reading them gives is data (model/translations.py: Translated, LanguagePack); translate/ makes each
language's view from it. Nothing from a translation file reaches a page before it passes check_text() (and
on its way to a page every text goes through markup/sanitise.py).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Report, closest
from ..load.yamlfile import load_yaml
from ..model.translations import (GLOSSARY, INTERFACE, SITE, TERMS, TRANSLATIONS_DIR, LanguagePack, Translated,
                                  TranslationFile)
from ..model.units import Unit, document_units, is_easy_read, source_hash
from .shape import check_shape

# ---- safety ---------------------------------------------------------------------------------------
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_BRACES = re.compile(r"\{[^{}\n]*\}")
#: A translation longer than this many times its English (or than MAX_LENGTH_FLOOR characters, for short texts)
#: is refused: no language needs that, and a page of megabytes is a page nobody can load on a phone.
MAX_LENGTH_TIMES = 20
MAX_LENGTH_FLOOR = 2_000


def check_text(text: str, english: str, *, placeholders: bool, jinja: bool, lang: str = "en",
               stale: bool = False, interface: bool = False, page: bool = False, config=None,
               translated_from: str | None = None) -> list:
    """Problems with a translated text, as safety.Finding (kind, message, hint, offset, severity).

    The checks of every untrusted text (validate/safety.py), plus what only a translation has: it links to
    exactly the addresses its English links to, and has the same placeholders and {{ }} parts. stale: the
    English has changed since (the translation is not shown); then a link or placeholder the new English
    has and the translation lacks is a warning, not an error: the English editor's change is not blocked,
    and the translation is marked out of date. translated_from: the English the entry records it translates
    (its `en`, when its fingerprint matches): a stale translation must still match that English exactly."""
    from .safety import (Finding, link_differences, page_findings, placeholder_findings,
                                   text_findings)

    if not text.strip():
        return [Finding("empty", "The translation is empty.",
                        "Write the translation, or delete the entry so the English is shown.")]
    longest = max(MAX_LENGTH_TIMES * len(english), MAX_LENGTH_FLOOR)
    if len(text) > longest:
        return [Finding("too-long", f"The translation is {len(text):,} characters long, but its English is only "
                        f"{len(english):,}: a translation is never more than {MAX_LENGTH_TIMES} times as long.",
                        "Check that only the translation of this one text is here (pasting can bring in a whole "
                        "document, or the same words many times).")]
    if page:
        problems = page_findings(text, config, lang)
    else:
        problems = text_findings(text, lang=lang, interface=interface)
    # What the translation must share with its English. When the English has changed since (stale), what
    # the new English has and the translation lacks is a warning (the translation is out of date, and not
    # shown); what the translation has that the English it was made from (its `en`, if recorded) lacks
    # is still an error.
    def compare(reference: str, soft: bool):
        def add(kind, message, hint, offset=0):
            if soft:
                problems.append(Finding("stale-" + kind, message + " The English has changed since this was "
                                        "translated: the English is shown until the translation is updated.",
                                        hint, offset, severity="warning"))
            else:
                problems.append(Finding(kind, message, hint, offset))

        if interface and placeholders:
            for f in placeholder_findings(text, reference):
                if "do not match the English" in f.message:
                    add("placeholder", f.message, f.hint, f.offset)
        if not interface:
            missing, extra = link_differences(text, reference)
            for url, offset in extra:
                add("link-changed", f'The translation links to "{url}", which the English does not link to.',
                    "A translation links to exactly the addresses its English links to: copy each link's "
                    "address from the English, and translate only the words in [ ].", offset)
            for url in missing:
                add("link-changed", f'The English links to "{url}", but the translation does not.',
                    "Keep every link from the English, written as [translated words](address), with the "
                    "address copied exactly.", 0)

        if not interface and placeholders:
            from .safety import _ATTR_LIST

            want, got = _BRACES.findall(_JINJA.sub("", reference)), _BRACES.findall(_JINJA.sub("", text))
            extra = [b for b in got if b not in want and not _ATTR_LIST.fullmatch(b)]
            if extra:
                add("placeholder", f'"{extra[0]}" is not in the English.',
                    "Copy each {word} from the English exactly as it is, and remove any other curly brackets.",
                    text.find(extra[0]))
        if jinja:
            want_j, got_j = sorted(_JINJA.findall(reference)), sorted(_JINJA.findall(text))
            if want_j != got_j:
                add("placeholder", "The {{ ... }} parts do not match the English.",
                    "Copy each {{ ... }} part from the English exactly as it is.",
                    max(0, text.find("{{")) if got_j else 0)

    if interface:  # braces that are not placeholders at all: always an error
        problems.extend(f for f in placeholder_findings(text) if "do not match the English" not in f.message)
    if not jinja and _JINJA.search(text):
        problems.append(Finding("placeholder", "The translation has {{ ... }} parts, which only content pages have.",
                                "Remove the {{ ... }} part.", text.find("{")))
    compare(english, soft=stale)
    if stale and translated_from is not None:
        compare(translated_from, soft=False)
    if text.count("**") % 2:
        problems.append(Finding("markdown", "A ** for bold text is not closed.",
                                "Put ** before and after the bold words, like **this**.", text.rfind("**")))
    return problems


# ---- loading --------------------------------------------------------------------------------------
def language_folders(root: Path) -> list[Path]:
    base = root / TRANSLATIONS_DIR
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def load_language(root: Path, lang: str, documents, english_interface: dict[str, str], report: Report,
                  config=None, tools=None, glossary=None, broken: set[str] = frozenset(), cache=None) -> LanguagePack:
    """Read and check every translation file of one language. Problems go to report. tools: the engagement
    tools by ID (framework_data/tools/); each is translated in <tool-id>.yml, beside the documents' files.
    broken: the names of documents and tools that could not be read (their errors are reported already):
    their translation files are left out. cache: a load/yamlfile.py YamlCache, or none."""
    from ..model.units import tool_units
    from .names import check_translation_file_names

    pack = LanguagePack(lang)
    folder = root / TRANSLATIONS_DIR / lang
    units_by_doc = {doc.id: {u.key: u for u in document_units(doc)} for doc in documents}
    units_by_tool = {tid: {u.key: u for u in tool_units(tool)} for tid, tool in (tools or {}).items()
                     if tid not in units_by_doc}
    specials = [INTERFACE, TERMS, SITE] + ([GLOSSARY] if glossary is not None else [])
    check_translation_file_names(root, lang, [*units_by_doc, *units_by_tool, *specials, *broken], report)
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    files = [p for p in files if p.name != f"{TERMS}.yml"]  # the termbase, not a translation file
    for path in files:
        display = report.rel(path)
        name = path.stem
        if name in broken and name not in units_by_doc and name not in units_by_tool:
            continue
        if name == INTERFACE:
            units = {k: Unit(k, v, markdown=False) for k, v in english_interface.items()}
        elif name == SITE:
            if config is None:
                continue  # site_config.yml has errors (reported): its translation is checked once it is fixed
            from ..model.units import settings_units

            units = {u.key: u for u in settings_units(config)}
        elif name == GLOSSARY and glossary is not None and name not in units_by_doc:
            from ..model.units import glossary_units

            units = {u.key: u for u in glossary_units(glossary)}
        elif name in units_by_doc:
            units = units_by_doc[name]
        elif name in units_by_tool:
            units = units_by_tool[name]
        elif _tool_keys(path, cache):
            report.warning("i18n.obsolete", f'There is no engagement tool "{name}" in framework_data/tools/ any more, '
                           "so this translation of it is not used.", file=display, line=1, column=1,
                           hint="Delete the file, or put the tool back in framework_data/tools/.")
            continue
        else:
            near = closest(name, [*units_by_doc, *units_by_tool, INTERFACE, SITE], cutoff=0.75)
            report.error("i18n.unknown-file", f'"{path.name}" is not named after a document or an engagement tool.',
                         file=display, line=1, column=1,
                         hint=(f'Did you mean "{near}.yml"? ' if near else "")
                         + "Name each file after the document's ID or the tool's ID (framework_data/tools/), or "
                              "interface.yml for the site's own words, site.yml for the words of site_config.yml, or "
                              "glossary.yml for the word list.")
            continue
        target = load_translation_file(path, display, name, units, report, lang, cache)
        if target is None:
            continue
        if name == INTERFACE:
            pack.interface = target
        elif name == SITE:
            pack.settings = target
        elif name == GLOSSARY and glossary is not None and name not in units_by_doc:
            pack.glossary = target
        elif name in units_by_tool:
            pack.tools[name] = target
        else:
            pack.documents[name] = target
    _load_pages(root, lang, pack, report, config)
    return pack


#: Keys only a tool's translation has: a document's keys without a dot are only title, short_title, summary
#: (model/units.py).
_TOOL_ONLY_KEYS = frozenset({"intro", "instructions", "question", "comments_label", "closing", "opening", "group_size",
                             "evidence_label", "rating_label", "actions_label"})


def _tool_keys(path: Path, cache=None) -> bool:
    """Whether a translation file that names no document or tool is the translation of an engagement tool
    (one that was removed or renamed since): its entries have a key only tools have."""
    from ..load.yamlfile import MAX_ALIAS_CHARS

    loaded = load_yaml(path, str(path), max_alias_chars=MAX_ALIAS_CHARS, cache=cache)  # (the safe reader: no alias bombs)
    data = loaded.data if loaded.ok else None
    entries = data.get("entries") if isinstance(data, dict) else None
    return isinstance(entries, dict) and any(str(k) in _TOOL_ONLY_KEYS for k in entries)


def load_translation_file(path: Path, display: str, name: str, units: dict[str, Unit],
                          report: Report, lang: str = "en", cache=None) -> dict[str, Translated] | None:
    """Read and check one translation file (name: its document ID, or interface) against the English units.
    Returns the usable entries by key, or None if the file cannot be read; problems go to report. lang: the
    language it is in (some languages may use an invisible joiner, see validate/safety.py). cache: a
    load/yamlfile.py YamlCache, or none."""
    from ..load.yamlfile import MAX_ALIAS_CHARS

    loaded = load_yaml(path, display, max_alias_chars=MAX_ALIAS_CHARS, cache=cache)
    report.extend(loaded.issues)
    if not loaded.ok:
        return None
    tfile, issues = check_shape(loaded, TranslationFile, display)
    report.extend(issues)
    if tfile is None:
        return None
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
            near = closest(key, units, cutoff=0.75)
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
        from .safety import report_findings, yaml_position

        stale = entry.source != unit.source_hash
        recorded = entry.en if entry.en is not None and source_hash(entry.en) == entry.source else None
        bad = check_text(entry.text, unit.text, placeholders=True, jinja=False, lang=lang, stale=stale,
                         interface=name == INTERFACE, translated_from=recorded)
        where = ("entries", key, "text")
        report_findings(report, bad, prefix="i18n", file=display, key=f"entries.{key}.text",
                        where=lambda offset, t=entry.text, p=where: yaml_position(loaded, p, t, offset))
        if any(f.severity == "error" for f in bad):
            continue
        if entry.source != unit.source_hash:
            sline, scol = loaded.position(("entries", key, "source"))
            stale_warning(report, display, sline, scol, f"entries.{key}.source", unit.text, unit.source_hash)
        target[key] = Translated(entry.text, entry.source, status, reviewer, display, line, entry.en)
    return target


def stale_warning(report: Report, display: str, line, column, key: str | None, english: str, fingerprint: str) -> None:
    """A translation of English that has changed since: the new English and its fingerprint, so an editor
    working in the browser can update the translation from the check's message alone (see TRANSLATING.md)."""
    if english.lstrip().startswith(("#", "---")) or "\n\n" in english.strip():  # a whole page: name it
        what = "The English page has changed since this page was translated, so the website shows the English page."
    else:
        shown = " ".join(english.split())
        if len(shown) > 300:
            shown = shown[:297] + "..."
        what = (f"The English has changed since this was translated, so the website shows the English here. "
                f'The English is now: "{shown}"')
    report.warning("i18n.stale", what,
                   file=display, line=line, column=column, key=key,
                   hint=f"Update the translation to match the new English, then change source: to {fingerprint} "
                        "(the new English's fingerprint).")


def _obsolete_easy_read(key: str, units: dict[str, Unit]) -> bool:
    """Whether a key names an easy-read text the English used to have: a point number or heading of a part
    that still exists (easy-read points are numbered, so rewriting the easy read removes some)."""
    if not is_easy_read(key):
        return False
    owner = key.split(".easy_read", 1)[0] if not key.startswith("easy_read.") else ""
    return owner == "" or any(k.startswith(owner + ".") for k in units)


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _load_pages(root: Path, lang: str, pack: LanguagePack, report: Report, config=None) -> None:
    from ..load.textfile import read_text
    from ..load.yamlfile import MAX_ALIAS_CHARS, parse_yaml_text
    from .safety import report_findings, text_position

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
        text, issues = read_text(path, display)
        english_text, english_issues = read_text(english, report.rel(english))
        if text is None or english_text is None:
            known = {(i.file, i.line, i.column, i.code) for i in report.issues}
            report.extend(i for i in issues + english_issues if (i.file, i.line, i.column, i.code) not in known)
            continue
        m = _FRONT.match(text)
        meta = {}
        if m:
            header = parse_yaml_text(m.group(1), display, max_alias_chars=MAX_ALIAS_CHARS, first_line=2)
            meta = header.data if header.ok else None
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
        stale = str(meta["source"]) != source_hash(english_text)
        bad = check_text(body, english_text, placeholders=False, jinja=True, lang=lang, stale=stale, page=True,
                         config=config)
        first = text[: m.end()].count("\n") + 1
        report_findings(report, bad, prefix="i18n", file=display,
                        where=lambda offset, b=body, f=first: text_position(b, offset, f))
        if any(f.severity == "error" for f in bad):
            continue
        fingerprint = source_hash(english_text)
        if str(meta["source"]) != fingerprint:
            sline, scol = header.position(("source",))
            stale_warning(report, display, sline, scol, "source", english_text, fingerprint)  # (a page)
        pack.pages[path.name] = Translated(body, str(meta["source"]), status, meta.get("reviewed_by"), display, first)
