"""`charterkit check terms`: every translation uses the agreed translation of each term in its language's termbase.

Each language may have a termbase, framework_data/translations/<language>/terms.yml:

    terms:
      carer:
        translation: opiekun
        variants: [opiekuna, opiekunowie, opiekunów]
        note: A family member or friend who helps without pay. A paid care worker is "opiekun zawodowy".

For every translated text (document texts, engagement tools' words, interface words, the site_config.yml words in site.yml, translated
content pages) whose English has a
term, the translation should have the agreed translation or one of the listed variants. If it has neither, the
check gives a warning (terms.not-used) with the file, the line and what to do: a translator may have a good
reason, so it is never an error. A termbase that cannot be read is an error (terms.*), with the file and line.

How the words are found:
  - the English term is found as a whole word or words, in any case, with a simple plural ("carer" also finds
    "Carers", "community" finds "communities"; a space in the term also finds a hyphen: "easy read" finds
    "easy-read"). A term written with a capital letter (a name, like "NICE") is found only with the same capitals.
  - the translation or a variant is found anywhere in the translated text, in any case, so a variant can be the
    start of a word (a stem such as "zaangażow" covers "zaangażowanie", "zaangażowania", "zaangażowaniu").
    Arabic and Urdu vowel signs and the tatweel (ـ) are ignored, and so are link addresses, {{ ... }} parts and
    {placeholders}.
  - `check: false` keeps a term in the termbase for people to read, without checking it (words whose translation
    depends on the sentence, like "should").
Texts whose English has changed since they were translated (stale) are left out: `charterkit validate` lists them.

The termbase is untrusted input like every translation file: its words are only ever compared as plain text
(never used as patterns), and it changes nothing on the website.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from ..diagnostics import Report
from ..model.schema import Strict

TERMS_FILE = "terms.yml"
#: A variant or translation shorter than this (letters, after the marks are taken out) would match almost any text.
MIN_CHARS = 3


class Term(Strict):
    """One term: the agreed translation of an English word or phrase."""

    translation: str = Field(min_length=1, description="The agreed translation, as it is usually written.")
    variants: tuple[str, ...] = Field((), description="Other forms that also count: inflected forms, or the start "
                                                      "of a word that covers them (a stem).")
    note: str | None = Field(None, description="Why this translation, and how to use it (plain English).")
    check: bool = Field(True, description="false: listed for people to read, but not checked.")


class Termbase(Strict):
    """A language's agreed translations of terms."""

    terms: dict[str, Term] = Field(description="The terms, by their English word or phrase.")


@dataclass(frozen=True)
class LoadedTerm:
    english: str
    pattern: re.Pattern
    forms: tuple[str, ...]  # the translation and variants, normalised
    shown: tuple[str, ...]  # the same, as written in terms.yml
    line: int | None


# ---- text normalising ---------------------------------------------------------------------------------------
_LINK_ADDRESS = re.compile(r"\]\([^)\s]*\)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{[\w.]+\}", re.S)  # {{ }} and {% %} parts, {placeholders}
_TATWEEL = "\u0640"


def normalise(text: str) -> str:
    """A text as the check compares it: link addresses, {{ }} parts, bold marks, vowel signs and tatweel taken
    out, letters in small case, every run of spaces (also no-break spaces and line breaks) one space."""
    text = _JINJA.sub(" ", text)
    text = _LINK_ADDRESS.sub("] ", text)
    text = text.replace("**", "").replace(_TATWEEL, "")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.casefold().split())


def english_pattern(term: str) -> re.Pattern:
    """The English term as a whole word or words, with a simple plural on its last word (see the module text)."""
    words = re.split(r"[\s\-\u2010\u2011]+", term.strip())
    parts = []
    for n, word in enumerate(words):
        piece = re.escape(word)
        if n == len(words) - 1 and word[-1:].isalpha() and not word.isupper():
            if word.lower().endswith("y") and len(word) > 2 and word[-2].lower() not in "aeiou":
                piece = re.escape(word[:-1]) + r"(?:y|ies)"
            elif word.lower().endswith(("s", "x", "z", "ch", "sh")):
                piece += r"(?:es)?"
            else:
                piece += r"s?"
        parts.append(piece)
    body = r"[\s\-\u2010\u2011]+".join(parts)
    flags = 0 if any(ch.isupper() for ch in term) else re.IGNORECASE
    return re.compile(r"(?<![\w\-])" + body + r"(?![\w\-])", flags)


# ---- reading a termbase ------------------------------------------------------------------------------------
def load_termbase(path: Path, report: Report) -> list[LoadedTerm] | None:
    """The terms of one terms.yml, or None if it cannot be used (every problem is in report, with file and line)."""
    from ..load.yamlfile import MAX_ALIAS_CHARS, load_yaml
    from ..validate.shape import check_shape

    display = report.rel(path)
    loaded = load_yaml(path, display, max_alias_chars=MAX_ALIAS_CHARS)
    report.extend(loaded.issues)
    if not loaded.ok:
        return None
    if not isinstance(loaded.data, dict) or "terms" not in loaded.data:
        line, col = loaded.position(())
        report.error("terms.top-level", "A termbase starts with terms: and lists the terms under it.",
                     file=display, line=line or 1, column=col or 1,
                     hint='Write "terms:" on the first line, then each English term indented by 2 spaces, with its '
                          "translation: indented by 4 (see TRANSLATING.md, \"The termbase\").")
        return None
    if not isinstance(loaded.data.get("terms"), dict):
        line, col = loaded.position(("terms",))
        report.error("terms.top-level", "terms: must be followed by the terms, each on its own line, indented.",
                     file=display, line=line or 1, column=col or 1,
                     hint="Put each English term on its own line under terms:, indented by 2 spaces, ending with a "
                          "colon, and its translation: on the next line, indented by 4.")
        return None
    before = len(report.errors)
    for english, value in loaded.data["terms"].items():
        if not isinstance(value, dict):
            line, col = loaded.position(("terms", english))
            report.error("terms.entry", f'The term "{english}" must have translation: (and may have variants: and '
                         "note:) on the lines under it.", file=display, line=line, column=col,
                         key=f"terms.{english}",
                         hint=f'Write "{english}:" on its own line, then "translation: ..." on the next line, indented '
                              "2 more spaces.")
    if len(report.errors) > before:
        return None
    base, issues = check_shape(loaded, Termbase, display)
    report.extend(issues)
    if base is None:
        return None
    out = []
    for english, term in base.terms.items():
        line, col = loaded.position(("terms", english), prefer_key=True)
        where = dict(file=display, line=line, column=col, key=f"terms.{english}")
        if not isinstance(english, str) or not any(ch.isalpha() for ch in english):
            report.error("terms.english", f'"{english}" is not an English word or phrase.', **where,
                         hint="Write the English term itself, in words, before the colon.")
            continue
        written = (term.translation, *term.variants)
        short = [w for w in written if len(normalise(w).replace(" ", "")) < MIN_CHARS]
        if short:
            report.error("terms.too-short", f'"{short[0]}" (a translation or variant of "{english}") is too short: '
                         "it would be found inside almost any text.", **where,
                         hint=f"Write at least {MIN_CHARS} letters, for example the whole word or the start of it.")
            continue
        if not term.check:
            continue
        forms = tuple(dict.fromkeys(normalise(w) for w in written))
        out.append(LoadedTerm(english, english_pattern(english), forms, tuple(dict.fromkeys(written)), line))
    if len(report.errors) > before:
        return None
    return out


# ---- checking the translations -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    """One translated text with the English it translates, and where it is."""

    english: str
    translation: str
    file: str
    line: int | None
    key: str | None


@dataclass
class Summary:
    lang: str
    terms: int = 0
    texts: int = 0
    stale: int = 0
    warnings: int = 0
    termbase: str = ""
    unreadable: bool = False


def term_findings(terms: list[LoadedTerm], english: str, translation: str) -> list[LoadedTerm]:
    """The terms the English has and the translation does not render with their agreed translation or a variant."""
    plain_english = _LINK_ADDRESS.sub("] ", _JINJA.sub(" ", english)).replace("**", "")
    have = normalise(translation)
    return [t for t in terms if t.pattern.search(plain_english) and not any(f in have for f in t.forms)]


def translated_texts(corpus, lang: str) -> tuple[list[Text], int]:
    """Every current (not stale) translated text of one language, and how many stale ones were left out."""
    from ..read.strings import load_strings
    from ..translate.localise import page_source_hash
    from ..model.units import document_units, source_hash

    pack = corpus.translations.get(lang)
    if pack is None:
        return [], 0
    from ..model.units import glossary_units, tool_units
    from ..model.units import settings_units

    out: list[Text] = []
    stale = 0

    def take(units, entries) -> None:
        """The current translation of each unit, counting the stale ones."""
        nonlocal stale
        for unit in units:
            tr = entries.get(unit.key)
            if tr is None:
                continue
            if tr.source != unit.source_hash:
                stale += 1
                continue
            out.append(Text(unit.text, tr.text, tr.file, tr.line, f"entries.{unit.key}.text"))

    for doc in corpus.documents:
        take(document_units(doc), pack.documents.get(doc.id, {}))
    for tool_id, tool in corpus.tools.items():  # the engagement tools' own words (<tool-id>.yml)
        take(tool_units(tool), pack.tools.get(tool_id, {}))
    take(glossary_units(corpus.glossary), pack.glossary)  # the word list (glossary.yml)
    take(settings_units(corpus.config), pack.settings)  # the words of site_config.yml (site.yml)
    english_words = load_strings(corpus.root, "en")
    for key, tr in pack.interface.items():
        english = english_words.get(key)
        if english is None:
            continue
        if tr.source != source_hash(english):
            stale += 1
            continue
        out.append(Text(english, tr.text, tr.file, tr.line, f"entries.{key}.text"))
    for name, tr in sorted(pack.pages.items()):
        english_path = corpus.root / "content" / "en" / name
        if tr.source != page_source_hash(corpus.root, name):
            stale += 1
            continue
        english = english_path.read_text(encoding="utf-8-sig")
        english = re.sub(r"\A---\s*\n.*?\n---\s*\n", "", english, flags=re.S)
        out.append(Text(english, tr.text, tr.file, tr.line, None))
    return out, stale


def check_language(corpus, lang: str, terms: list[LoadedTerm], terms_file: str, report: Report) -> Summary:
    texts, stale = translated_texts(corpus, lang)
    summary = Summary(lang, terms=len(terms), texts=len(texts), stale=stale, termbase=terms_file)
    for text in texts:
        for term in term_findings(terms, text.english, text.translation):
            forms = ", ".join(f'"{f}"' for f in term.shown)
            report.warning(
                "terms.not-used",
                f'The English has "{term.english}". The agreed translation ({forms}) is not in this translation.',
                file=text.file, line=text.line, key=text.key,
                hint=f'Use the agreed translation of "{term.english}". If this text needs another word or form, add '
                     f"it to variants: of \"{term.english}\" in {terms_file} (line {term.line}) and say why in "
                     "its note.")
            summary.warnings += 1
    return summary


def check_corpus(corpus, report: Report) -> list[Summary]:
    """Check every configured language that has a termbase. Problems go to report."""
    from ..model.translations import TRANSLATIONS_DIR

    out = []
    for language in corpus.config.languages:
        if language.code == "en":
            continue
        path = corpus.root / TRANSLATIONS_DIR / language.code / TERMS_FILE
        if not path.is_file():
            out.append(Summary(language.code))
            continue
        terms = load_termbase(path, report)
        if terms is None:
            out.append(Summary(language.code, termbase=report.rel(path), unreadable=True))
            continue
        out.append(check_language(corpus, language.code, terms, report.rel(path), report))
    return out


def run(root: Path, args) -> int:
    from ..validate.project import load_project

    report = Report()
    corpus = load_project(root, report)
    if corpus is None:
        print(report.format(), file=sys.stderr)
        print("\nThe termbase check needs a project that passes `charterkit validate`: fix the errors above first.",
              file=sys.stderr)
        return 1
    report.issues.clear()
    summaries = check_corpus(corpus, report)
    if report.issues:
        print(report.format())
        print()
    print(f"{'language':8} {'terms':>5} {'texts':>6} {'stale':>6} {'warnings':>8}")
    for s in summaries:
        if not s.termbase:
            print(f"{s.lang:8} no termbase (add framework_data/translations/{s.lang}/{TERMS_FILE})")
        elif s.unreadable:
            print(f"{s.lang:8} {s.termbase} could not be read: see the errors above")
        else:
            print(f"{s.lang:8} {s.terms:>5} {s.texts:>6} {s.stale:>6} {s.warnings:>8}")
    print(f"\nTermbase check: {report.summary()}")
    from dataclasses import asdict

    from .harness import report_dir
    from .result import CheckResult

    result = CheckResult("terms", sum(s.texts for s in summaries), "texts", findings=tuple(report.issues))
    result.write(report_dir(args), {"languages": [asdict(s) for s in summaries]})
    return result.exit_code
