"""`charterkit check easy-read`: the easy-read rules, checked on every document in every language.

Rules (codes can be named in reports and tests):
  easy-read.missing           a document or a page item has no easy-read version
  easy-read.long-sentence     a sentence is longer than checks.easy_read_max_sentence_words
  easy-read.long-point        a point has more words than checks.easy_read_max_point_words
  easy-read.many-sentences    a point has more sentences than checks.easy_read_max_sentences_per_point
  easy-read.short-sentences   too few sentences meet the target length (checks.easy_read_target_share); judged on
                              documents with at least SHARE_MIN_SENTENCES sentences in the language checked
  easy-read.heading-long      an easy-read heading has more words than checks.easy_read_max_heading_words
  easy-read.heading-number    an easy-read heading starts with an official number ("5.2", "(b)(v)", "Appendix i"), or an
                              item with a number has no easy_read_title (its heading would show the number)
  easy-read.picture-share     fewer of a document's pictures than checks.easy_read_min_mulberry_share come from Mulberry
  easy-read.picture-overused  one picture is used by more points of a document than checks.easy_read_max_picture_uses
  easy-read.mixed-person      a document speaks as "I" in some points and to "you" in others (quotes do not count)
  easy-read.address-read-out  a web address is written out (or is the words of a link): link words instead
  easy-read.contact-not-link  a phone number or email address is not a link
  easy-read.word-listed-twice a word is in a document's word list twice
  easy-read.word-meanings     a word has different meanings in the word lists of two documents (one word, one meaning)
  easy-read.word-not-used     (English) a word in a document's word list is not in bold in any of its points, so the
                              words at the end of its page would list a word the page does not use
  easy-read.bold-not-listed   a **bold** word is not in the document's word list
  easy-read.bold-unexplained  a **bold** word is in a point's last sentence, so no sentence explains it
  easy-read.acronym           a word in capitals (like NHS) is used without being in the word list
  easy-read.number-word       a number is written as a word (English)
  easy-read.reading-ease      English easy-read text scores below checks.easy_read_min_reading_ease
  plain-english.reading-ease  (warning) a document's standard English text scores below checks.plain_english_min_reading_ease

Reading ease is the Flesch reading-ease score (206.835 - 1.015 x words per sentence - 84.6 x syllables per
word), for English only: it was made for English and means nothing for other languages. Syllables are
counted by vowel groups, with the usual corrections (a final silent "e", "-le" endings), offline.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model.config import Checks
from ..diagnostics import Issue, Report
from ..model.corpus import Corpus, walk_items, walk_sections
from ..model.schema import Document
from ..translate.localise import lang_of
from .easyread_words import _SENTENCE_END, _URL, _usual, plain, sentences, site_words, word_key, words

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                 "thirty", "forty", "fifty", "hundred", "thousand"}
_ROMAN = re.compile(r"^[IVXLC]+$")
#: easy-read.short-sentences is judged only on a document with at least this many sentences in the language checked
#: (a translation that so far covers 3 sentences has no meaningful share yet).
SHARE_MIN_SENTENCES = 20


def syllables(word: str) -> int:
    w = word.lower()
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 1
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    groups = re.findall(r"[aeiouy]{1,2}", w)
    return max(1, len(groups))


def flesch(texts: list[str]) -> float | None:
    n_sent = n_words = n_syll = 0
    for text in texts:
        for s in sentences(text):
            ws = words(s)
            if not ws:
                continue
            n_sent += 1
            n_words += len(ws)
            n_syll += sum(syllables(w) for w in ws)
    if not n_words:
        return None
    return 206.835 - 1.015 * (n_words / n_sent) - 84.6 * (n_syll / n_words)


@dataclass(frozen=True)
class PointRef:
    where: str  # "about", "statement-1", a section ID...
    label: str
    text: str
    path: tuple
    picture: str = ""


def easy_points(doc: Document) -> list[PointRef]:
    out = []
    if doc.easy_read is not None:
        for part in ("about", "contact"):
            for n, p in enumerate(getattr(doc.easy_read, part)):
                out.append(PointRef(part, part, p.text, ("easy_read", part, n), p.picture))
    for section, _, path in walk_sections(doc):
        for n, p in enumerate(section.easy_read):
            out.append(PointRef(section.id, section.title, p.text, path + ("easy_read", n), p.picture))
    for loc in walk_items(doc):
        for n, p in enumerate(loc.item.easy_read):
            out.append(PointRef(loc.item.id, loc.item.title or loc.item.id, p.text, loc.path + ("easy_read", n), p.picture))
    return out


# ---- rules for headings, pictures, person, addresses and words ----------------------------------------------
_OFFICIAL_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?(?=[\s:]|$)|\([a-z]{1,4}\)|[ivxlc]+[.:)](?=\s|$)|"
                              r"(?:appendix|annex|section|part|chapter|box)\s+(?:\d+|[ivxlc]+\b))", re.I)
_I_WORDS = re.compile(r"\bI\b|\bI['’](?:m|ve|d|ll)\b|\b(?:me|my|mine|myself)\b", re.I)
_I_CASE = re.compile(r"\bI\b|\bI['’](?:m|ve|d|ll)\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")
_YOU_WORDS = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b|\byou['’](?:re|ve|d|ll)\b", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_WEB = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:uk|scot|org|com|net|gov|nhs|int|eu)(?:/\S*)?(?![\w.])",
                  re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d\w])(?:\+44\s?|0)\d(?:[\s-]?\d){8,10}(?!\d)")


def easy_headings(doc: Document):
    """Every heading the easy-read version shows, as it shows it: (where, heading, item number shown, key path).

    The same rules as the pages and packs: a section's heading is its easy_read_title or title, shown when anything
    inside it has easy-read points; an item with points shows its easy_read_title, or else its number and title."""
    def has_points(node) -> bool:
        subs = list(getattr(node, "items", ())) + list(getattr(node, "sections", ()))
        return bool(node.easy_read) or any(has_points(sub) for sub in subs)

    out = []
    for section, _, path in walk_sections(doc):
        if has_points(section):
            out.append((section.id, section.easy_read_title or section.title, False, path))
    for loc in walk_items(doc):
        item = loc.item
        if item.easy_read:
            numbered = item.easy_read_title is None and bool(item.number)
            out.append((item.id, item.easy_read_title or item.heading, numbered, loc.path))
    return out


def person_of(text: str) -> str | None:
    """"I" if a point speaks as I (me, my), "you" if it speaks to you, "both", or None. Quotes do not count."""
    bare = _QUOTED.sub(" ", plain(_MD_LINK.sub(r"\1", text)))
    i, you = bool(_I_CASE.search(bare)), bool(_YOU_WORDS.search(bare))
    return "both" if i and you else "I" if i else "you" if you else None


def address_problems(text: str) -> list[tuple[str, str]]:
    """(code, what) for every web address read out and every phone number or email address that is not a link."""
    problems = []
    for words_, target in _MD_LINK.findall(text):
        if _WEB.search(words_) and not _EMAIL.fullmatch(words_.strip()):
            problems.append(("easy-read.address-read-out", f'the link\'s words are a web address ("{words_}")'))
    rest = _MD_LINK.sub(" ", text)
    for email in _EMAIL.findall(rest):
        problems.append(("easy-read.contact-not-link", f'the email address "{email}" is not a link'))
    rest = _EMAIL.sub(" ", rest)
    for web in _WEB.findall(rest):
        problems.append(("easy-read.address-read-out", f'the web address "{web}" is written out'))
    for phone in _PHONE.findall(rest):
        problems.append(("easy-read.contact-not-link", f'the phone number "{phone}" is not a link'))
    return problems


def unit_key(point: PointRef, field: str = "text") -> str:
    """The key of a point's text (or alt) in a translation file: `statement-1.easy_read.2.text`,
    `easy_read.about.1.text` (points are numbered from 1 within their item; see model/units.py)."""
    n = point.path[-1] + 1
    prefix = f"easy_read.{point.where}" if point.where in ("about", "contact") else f"{point.where}.easy_read"
    return f"{prefix}.{n}.{field}"


#: locate(path in the document's YAML file, key of the text in a translation file) -> the line, or None
Locate = Callable[[tuple, str | None], int | None]


def check_document(doc: Document, lang: str, limits: Checks, corpus: Corpus | None = None,
                   file: str | None = None, locate: Locate | None = None) -> list[Issue]:
    """Every easy-read problem in one document, as seen in one language. With locate, each problem found at one
    place (a point, a heading, a word) has its line in the file."""
    issues: list[Issue] = []

    def add(code, message, where, sentence=None, hint=None, severity="error", at=None):
        text = message + (f' Sentence: "{sentence}"' if sentence else "")
        line = locate(*at) if (locate is not None and at is not None) else None
        issues.append(Issue(code, text, file=file, line=line, key=f"[{lang}] {doc.id} › {where}", hint=hint,
                            severity=severity))

    if doc.easy_read is None:
        add("easy-read.missing", "This document has no easy-read version.", "easy_read",
            hint="Add easy_read: with title, about, words and contact (see framework_data/SCHEMA.md).")
        return issues
    if corpus is not None:
        for loc in walk_items(doc):
            if corpus.has_page(doc, loc.item) and loc.item.page and not loc.item.easy_read:
                add("easy-read.missing", "This item has a page of its own but no easy-read version.", loc.item.id,
                    hint="Add easy_read: with one to three points.", at=(loc.path + ("id",), None))
    listed = {" ".join(w.word.lower().split()) for w in doc.easy_read.words}
    seen_words: dict[str, str] = {}
    for n, w in enumerate(doc.easy_read.words):
        if lang_of(w.word) != lang:
            continue
        if word_key(w.word) in seen_words:
            add("easy-read.word-listed-twice", f'"{w.word}" is in the word list twice (also as "{seen_words[word_key(w.word)]}").',
                "words", hint="Keep one entry, with one meaning.",
                at=(("easy_read", "words", n, "word"), f"easy_read.words.{n + 1}.word"))
        seen_words[word_key(w.word)] = w.word
    for where, heading, numbered, hpath in easy_headings(doc):
        if lang_of(heading) != lang:
            continue
        at = (hpath + ("easy_read_title",), f"{where}.easy_read_title")
        if numbered:
            add("easy-read.heading-number", f'This item\'s easy-read heading would show its official number '
                f'("{heading}" with its number).', where,
                hint="Add easy_read_title: with an easy heading of a few everyday words.", at=(hpath + ("id",), None))
        elif _OFFICIAL_NUMBER.match(heading):
            add("easy-read.heading-number", f'The easy-read heading "{heading}" starts with an official number.', where,
                hint="Write an easy heading of a few everyday words in easy_read_title:. Link the full name in a point "
                     "if readers need it.", at=at)
        n = len(words(heading))
        if n > limits.easy_read_max_heading_words:
            add("easy-read.heading-long", f'The easy-read heading "{heading}" has {n} words; the most is '
                f"{limits.easy_read_max_heading_words}.", where,
                hint="Write a shorter heading in easy_read_title: (official names can go in a point, linked).", at=at)
    total_sentences = short = 0
    english_texts = []
    bold_used: set[str] = set()

    for point in easy_points(doc):
        if lang_of(point.text) != lang:
            continue  # English shown in place of a missing translation: checked with the English
        here = (point.path + ("text",), unit_key(point))
        sents = sentences(point.text)
        n_words = len(words(point.text))
        if n_words > limits.easy_read_max_point_words:
            add("easy-read.long-point", f"This point has {n_words} words; the most is {limits.easy_read_max_point_words}.",
                point.where, hint="Split it into two points, or say less.", at=here)
        if len(sents) > limits.easy_read_max_sentences_per_point:
            add("easy-read.many-sentences", f"This point has {len(sents)} sentences; the most is "
                f"{limits.easy_read_max_sentences_per_point}.", point.where, hint="Split it into two points.", at=here)
        for s in sents:
            count = len(words(s))
            total_sentences += 1
            if count <= limits.easy_read_target_sentence_words:
                short += 1
            if count > limits.easy_read_max_sentence_words:
                add("easy-read.long-sentence", f"This sentence has {count} words; the most is "
                    f"{limits.easy_read_max_sentence_words}.", point.where, sentence=s,
                    hint="Split it into two sentences, one idea each.", at=here)
        raw_sents = [s for s in _SENTENCE_END.split(" ".join(_URL.sub("address", point.text).split())) if s.strip()]
        for i, s in enumerate(raw_sents):
            for bold in _BOLD.findall(s):
                key = " ".join(bold.lower().split())
                bold_used.add(key)
                if key not in listed:
                    add("easy-read.bold-not-listed", f'The bold word "{bold}" is not in the word list.', point.where,
                        hint="Add it to easy_read: words: with its meaning, or remove the bold.", at=here)
                if i == len(raw_sents) - 1:
                    add("easy-read.bold-unexplained", f'The bold word "{bold}" is in the last sentence, '
                        "so no sentence after it explains it.", point.where, sentence=plain(s),
                        hint="Add a sentence after it that says what it means.", at=here)
        for code, what in address_problems(point.text):
            hint = ("Link words instead, for example [the council's website](https://...)." if code.endswith("read-out")
                    else "Make it a link: [0300 131 2 131](tel:+443001312131) or [name@example.org](mailto:name@example.org).")
            add(code, f"In this point, {what}.", point.where, hint=hint, at=here)
        if lang == "en":
            english_texts.append(point.text)
            for acronym in _ACRONYM.findall(plain(point.text)):
                base = acronym.rstrip("s") if len(acronym) > 2 else acronym
                if _ROMAN.match(base) or base.lower() in listed or acronym.lower() in listed:
                    continue
                add("easy-read.acronym", f'"{acronym}" is written in capitals, like an abbreviation.', point.where,
                    hint="Write it out in full, or add it to the word list with its meaning.", at=here)
            for w in words(point.text):
                if w.lower() in _NUMBER_WORDS:
                    add("easy-read.number-word", f'"{w}" is a number written as a word.', point.where,
                        hint="Write numbers as digits, for example 12.", at=here)
    if lang == "en":
        for n, w in enumerate(doc.easy_read.words):
            if " ".join(str(w.word).lower().split()) not in bold_used:
                add("easy-read.word-not-used", f'"{w.word}" is in the word list, but no point has it in **bold**.', "words",
                    hint="Take it out of the word list, or put the word in bold where a point uses it.",
                    at=(("easy_read", "words", n, "word"), None))
        issues.extend(_picture_issues(doc, limits, add))
        issues.extend(_person_issues(doc, add))
    if total_sentences >= SHARE_MIN_SENTENCES:  # a share of a handful of sentences says nothing
        share = 100 * short / total_sentences
        if share < limits.easy_read_target_share:
            add("easy-read.short-sentences", f"Only {share:.0f}% of sentences have {limits.easy_read_target_sentence_words} "
                f"words or fewer; at least {limits.easy_read_target_share}% should.", "all points",
                hint="Make more sentences shorter.")
    if lang == "en" and english_texts:
        score = flesch(english_texts)
        if score is not None and score < limits.easy_read_min_reading_ease:
            add("easy-read.reading-ease", f"The easy-read text scores {score:.0f} for reading ease; the lowest allowed is "
                f"{limits.easy_read_min_reading_ease}.", "all points", hint="Use shorter sentences and shorter, everyday words.")
    return issues


def _picture_issues(doc: Document, limits: Checks, add) -> list:
    """Pictures are the same in every language, so they are checked once, with the English."""
    from ..pictures import MULBERRY_PREFIX

    points = easy_points(doc)
    if not points:
        return []
    mulberry = sum(1 for p in points if p.picture.startswith(MULBERRY_PREFIX))
    share = 100 * mulberry / len(points)
    if share < limits.easy_read_min_mulberry_share:
        add("easy-read.picture-share", f"{mulberry} of {len(points)} pictures ({share:.0f}%) are from the Mulberry Symbols; "
            f"at least {limits.easy_read_min_mulberry_share}% should be.", "all points",
            hint="The Mulberry Symbols are made for adults: find one with charterkit pictures WORD.")
    uses: dict[str, list[tuple[str, tuple]]] = {}
    for p in points:
        uses.setdefault(p.picture, []).append((p.where, p.path))
    for picture, where in uses.items():
        if len(where) > limits.easy_read_max_picture_uses:
            add("easy-read.picture-overused", f'The picture "{picture}" is used by {len(where)} points of this document '
                f"({', '.join(w for w, _ in where)}); the most is {limits.easy_read_max_picture_uses}.", where[0][0],
                hint="Choose a picture that shows people doing what each point says.", at=(where[-1][1] + ("picture",), None))
    return []


def _person_issues(doc: Document, add) -> list:
    """A document speaks as "I" or to "you", not both: the person it uses most is the one to keep."""
    people = [(p, person_of(p.text)) for p in easy_points(doc)]
    counts = {who: sum(1 for _, w in people if w == who) for who in ("I", "you", "both")}
    if not any(counts.values()):
        return []
    main = "I" if counts["I"] > counts["you"] else "you"
    for point, who in people:
        if who == "both":
            add("easy-read.mixed-person", 'This point speaks as "I" and to "you".', point.where, sentence=plain(point.text),
                hint=f'Use "{main}" (like most points of this document), or say who: "people", "staff".',
                at=(point.path + ("text",), None))
        elif who and who != main:
            add("easy-read.mixed-person", f'This point uses "{who}", but most points of this document use "{main}".',
                point.where, sentence=plain(point.text), hint=f'Use "{main}", or say who: "people", "staff".',
                at=(point.path + ("text",), None))
    return []


def check_word_meanings(views: dict[str, list[Document]], report: Report, files: dict[str, str],
                        locate: dict[tuple[str, str], Locate] | None = None) -> None:
    """One word, one meaning: a word in the word lists of two documents must have the same meaning, word for word.
    locate: (language, document ID) -> its locate function (see check_document), for the line of each meaning."""
    for lang, docs in views.items():
        found: dict[str, list[tuple[str, str, str, int]]] = {}  # word key -> (doc id, word, meaning, place in list)
        for doc in docs:
            if doc.easy_read is None:
                continue
            for n, w in enumerate(doc.easy_read.words):
                if lang_of(w.word) == lang and lang_of(w.meaning) == lang:
                    found.setdefault(word_key(w.word), []).append((doc.id, str(w.word), " ".join(str(w.meaning).split()), n))
        for key, entries in found.items():
            meanings = [m for _, _, m, _ in entries]
            if len(set(meanings)) < 2:
                continue
            usual = _usual(meanings)
            for doc_id, word, meaning, n in entries:
                if meaning != usual:
                    where = (locate or {}).get((lang, doc_id))
                    line = where(("easy_read", "words", n, "meaning"), f"easy_read.words.{n + 1}.meaning") if where else None
                    report.error("easy-read.word-meanings", f'"{word}" means "{meaning}" here, but "{usual}" in '
                                 + ", ".join(sorted({d for d, _, m, _ in entries if m == usual})) + ".",
                                 file=files.get((lang, doc_id)), line=line, key=f"[{lang}] {doc_id} › words",
                                 hint="Give the word the same meaning, word for word, in every document.")


def standard_texts(doc: Document) -> list[str]:
    out = [doc.summary]
    for section, _, _ in walk_sections(doc):
        if section.intro:
            out.append(section.intro)
    for loc in walk_items(doc):
        out.extend(t for t in (loc.item.text, loc.item.short_text) if t)
        for lst in loc.item.lists:
            out.extend(lst.entries)
    return out


@dataclass(frozen=True)
class Summary:
    """One document's easy read in one language, in figures (printed by the check and kept in its report)."""
    lang: str
    doc_id: str
    points: int
    sentences: int
    longest: int  # words in the longest sentence
    mean: float  # words a sentence, on average
    reading_ease: float | None
    most_point_sentences: int = 0  # sentences in the point that has most (one idea a point)
    most_point_words: int = 0  # words in the point that has most
    mulberry_share: float = 0.0  # per cent of the points' pictures from the Mulberry Symbols
    most_picture_uses: int = 0  # points that share the picture used most


def summarise(doc: Document, lang: str) -> Summary:
    from ..pictures import MULBERRY_PREFIX

    points = easy_points(doc)
    counts = [len(words(s)) for p in points for s in sentences(p.text)]
    score = flesch([p.text for p in points]) if lang == "en" else None
    pictures = [p.picture for p in points]
    uses: dict[str, int] = {}
    for picture in pictures:
        uses[picture] = uses.get(picture, 0) + 1
    share = 100 * sum(1 for p in pictures if p.startswith(MULBERRY_PREFIX)) / len(pictures) if pictures else 0.0
    return Summary(lang, doc.id, len(points), len(counts), max(counts, default=0),
                   sum(counts) / len(counts) if counts else 0.0, score,
                   max((len(sentences(p.text)) for p in points), default=0),
                   max((len(words(p.text)) for p in points), default=0),
                   share, max(uses.values(), default=0))


def check_corpus(corpus: Corpus, report: Report, languages: list[str] | None = None,
                 views: dict | None = None) -> list[Summary]:
    """views: lang -> translate.view.LanguageView (made here for a language without one)."""
    from ..translate.view import build_view

    limits = corpus.config.checks
    summaries = []
    given = views or {}
    views = {}  # lang -> its localised documents
    files: dict[tuple[str, str], str] = {}
    locators: dict[tuple[str, str], Locate] = {}
    for language in corpus.config.languages:
        if languages and language.code not in languages:
            continue
        view = (given.get(language.code) or build_view(corpus, language.code)).corpus
        views[language.code] = list(view.documents)
        for doc in view.documents:
            file = report.rel(corpus.files[doc.id]) if doc.id in corpus.files else None
            if language.code != "en":
                file = f"framework_data/translations/{language.code}/{doc.id}.yml"
            files[(language.code, doc.id)] = file
            locate = locators[(language.code, doc.id)] = _locator(corpus.root, file, language.code)
            found = check_document(doc, language.code, limits, view, file, locate)
            if language.code != "en":  # only texts actually translated count against a translation
                found = [i for i in found if i.code not in ("easy-read.missing",)]
            report.extend(found)
            if doc.easy_read is not None:
                summaries.append(summarise(doc, language.code))
            if language.code == "en":
                score = flesch(standard_texts(doc))
                if score is not None and score < limits.plain_english_min_reading_ease:
                    report.warning("plain-english.reading-ease",
                                   f"The standard text scores {score:.0f} for reading ease (below "
                                   f"{limits.plain_english_min_reading_ease}). This is the source's own wording, so it "
                                   "is kept; the easy-read version is there for readers who need it.",
                                   file=file, key=f"[en] {doc.id}")
    check_word_meanings(views, report, files, locators)
    return summaries


def _locator(root: Path, file: str | None, lang: str) -> Locate:
    """locate() for one document's file in one language: the English document's YAML file is read by key path, a
    translation file by the text's key (`entries: statement-1.easy_read.2.text: text:`). The file is read the first
    time a line is asked for (most documents have no problems)."""
    from ..load.yamlfile import load_yaml

    loaded = []

    def locate(path: tuple, unit: str | None) -> int | None:
        if file is None:
            return None
        if not loaded:
            full = Path(root) / file
            loaded.append(load_yaml(full, file) if full.is_file() else None)
        if loaded[0] is None:
            return None
        if lang == "en":
            line, _ = loaded[0].position(tuple(path))
        elif unit:
            line, _ = loaded[0].position(("entries", unit, "text"))
        else:
            return None
        return line

    return locate


def _views(corpus: Corpus, views: dict | None = None) -> dict[str, list[Document]]:
    """Each language's localised documents (views: as in check_corpus())."""
    from ..translate.view import build_view

    return {language.code: list(((views or {}).get(language.code) or build_view(corpus, language.code)).corpus.documents)
            for language in corpus.config.languages}


def run(root: Path, args) -> int:
    from ..validate.project import load_project

    report = Report()
    corpus = load_project(root, report)
    if corpus is None:
        print(report.format(), file=sys.stderr)
        return 1
    report.issues.clear()
    from ..translate.view import build_views

    views = build_views(corpus, corpus.config.languages)  # (each language localised once, for every part)
    summaries = check_corpus(corpus, report, views=views)
    # longest, mean: words in a sentence; point: most sentences and most words in one point;
    # mulberry: share of pictures from the Mulberry Symbols; reuse: most points that share one picture
    print(f"{'language':8} {'document':36} {'points':>6} {'sentences':>9} {'longest':>7} {'mean':>5} {'ease':>5} "
          f"{'point':>7} {'mulberry':>8} {'reuse':>5}")
    for s in summaries:
        ease = f"{s.reading_ease:.0f}" if s.reading_ease is not None else "-"
        point = f"{s.most_point_sentences}/{s.most_point_words}"
        print(f"{s.lang:8} {s.doc_id[:36]:36} {s.points:>6} {s.sentences:>9} {s.longest:>7} {s.mean:>5.1f} {ease:>5} "
              f"{point:>7} {s.mulberry_share:>7.0f}% {s.most_picture_uses:>5}")
    print("(longest and mean: words in a sentence; point: most sentences / most words in one point; mulberry: share of "
          "pictures from the Mulberry Symbols; reuse: most points that share one picture)")
    for lang, docs in _views(corpus, views).items():
        entries = site_words(docs, lang)
        twice = sum(1 for w in entries if w.meanings > 1)
        print(f"Easy-read words ({lang}): {len(entries)} word{'' if len(entries) == 1 else 's'} in the site's one list"
              + (f", {twice} with more than one meaning" if twice else ", each with one meaning") + ".")
    if report.issues:
        print()
        print(report.format())
    print(f"\nEasy-read check: {report.summary()}")
    from dataclasses import asdict

    from .harness import report_dir
    from .result import CheckResult

    result = CheckResult("easy-read", len(summaries), "documents", findings=tuple(report.issues))
    result.write(report_dir(args), {"documents": [asdict(s) for s in summaries]})
    sheet = getattr(args, "sheet", None)
    if sheet is not None:
        from .easyread_sheet import DEFAULT_FOLDER, write_sheets

        folder = Path(sheet) if sheet else report_dir(args) / DEFAULT_FOLDER
        written = write_sheets(corpus, folder, views=views)
        print(f"Wrote {len(written)} easy-read check sheets (one for each document and language) into {folder}: "
              f"open {folder / 'index.html'}.")
    return result.exit_code
