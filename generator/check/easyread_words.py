"""The words and sentences of easy-read text, and the site's one easy-read word list: shared by the easy-read
check (check/easyread.py) and its check sheets (check/easyread_sheet.py), so that neither imports the other."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.schema import Document
from ..translate.localise import lang_of

_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])[\"'”’)]*\s+(?=\S)")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)

_URL = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?]?(?:\s|$))|\S+@\S+\.\w+")


def plain(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _URL.sub("address", text)  # a web or email address reads as one word
    return text.replace("**", "").replace("__", "")


def sentences(text: str) -> list[str]:
    flat = " ".join(plain(text).split())
    # a full stop inside a web address or a number is not the end of a sentence
    return [s for s in _SENTENCE_END.split(flat) if s.strip()]


def _strip_marks(text: str) -> str:
    """Remove combining marks (Arabic and Urdu vowel signs, accents typed separately): they are part of a word."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) != "Mn")


def words(text: str) -> list[str]:
    return _WORD.findall(_strip_marks(plain(text)))


def word_key(word: str) -> str:
    """One key for a word and its plural: "Carers" and "carer" are the same word."""
    key = " ".join(str(word).lower().split())
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


@dataclass(frozen=True)
class SiteWord:
    """One word of the site-wide easy-read word list in one language: its meaning and the documents using it."""
    word: str
    meaning: str
    documents: tuple[str, ...]
    meanings: int  # how many different meanings the documents give it (1 when the list is right)


def site_words(docs: list[Document], lang: str) -> list[SiteWord]:
    """The one easy-read word list of the whole site in one language: every document's words joined, one entry a
    word (a word and its plural are one), in alphabetical order. Words shown in English in place of a missing
    translation are left out."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for doc in docs:
        if doc.easy_read is None:
            continue
        for w in doc.easy_read.words:
            if lang_of(w.word) == lang and lang_of(w.meaning) == lang:
                found.setdefault(word_key(w.word), []).append((doc.id, str(w.word), " ".join(str(w.meaning).split())))
    out = []
    for key in sorted(found):
        entries = found[key]
        meanings = [m for _, _, m in entries]
        usual = _usual(meanings)
        out.append(SiteWord(entries[0][1], usual, tuple(sorted({d for d, _, _ in entries})), len(set(meanings))))
    return out


def _usual(meanings: list[str]) -> str:
    """The meaning most documents give a word; on a tie, the one of the first document in the site's order."""
    return max(meanings, key=meanings.count)
