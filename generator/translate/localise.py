"""Make a language's view of the corpus: every text translated where a current translation exists,
English otherwise. Each text remembers its language and state, so pages can mark English passages
with lang="en" and show notices, and packs can do the same.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..model.corpus import Corpus, walk_items
from ..model.schema import Document, DocumentEasyRead, EasyWord, Item, Point, Section
from ..model.text import SOURCE_LANG, LText, lang_of, state_of  # noqa: F401 (used here and re-exported)
from ..model.units import entry_state, source_hash  # noqa: F401 (re-exported)
from .files import LanguagePack, Translated


def same_links(text: str, english: str) -> bool:
    """Whether a translation links to exactly the addresses its English links to. `charterkit validate`
    refuses a translation that does not; this keeps it off the page even if that check were skipped (the
    English is shown instead)."""
    if "](" not in text and "](" not in english:
        return True
    from ..validate.safety import inline_links

    return {url for url, _ in inline_links(text)} == {url for url, _ in inline_links(english)}


@dataclass(frozen=True)
class Localiser:
    lang: str
    entries: dict[str, Translated]
    publish_drafts: bool = True

    def __call__(self, key: str, english: str | None):
        if english is None:
            return None
        entry = self.entries.get(key)
        state = entry_state(english, entry)
        if (state == "reviewed" or (state == "draft" and self.publish_drafts)) and same_links(entry.text, english):
            return LText(entry.text, self.lang, state)
        if state in ("draft", "reviewed"):  # drafts not published, or links not the English's: as if missing
            state = "missing"
        return LText(english, SOURCE_LANG, state)


def _points(t: Localiser, prefix: str, points: tuple[Point, ...]):
    return tuple(p.model_copy(update={"text": t(f"{prefix}.{n}.text", p.text), "alt": t(f"{prefix}.{n}.alt", p.alt)})
                 for n, p in enumerate(points, start=1))


def _item(t: Localiser, item: Item) -> Item:
    update = {f: t(f"{item.id}.{f}", getattr(item, f)) for f in ("title", "short_text", "text", "attribution")}
    update["lists"] = tuple(
        lst.model_copy(update={
            "title": t(f"{item.id}.lists.{lst.id}.title", lst.title),
            "entries": tuple(t(f"{item.id}.lists.{lst.id}.{n}", e) for n, e in enumerate(lst.entries, start=1)),
        }) for lst in item.lists)
    update["easy_read_title"] = t(f"{item.id}.easy_read_title", item.easy_read_title)
    update["easy_read"] = _points(t, f"{item.id}.easy_read", item.easy_read)
    update["items"] = tuple(_item(t, sub) for sub in item.items)
    return item.model_copy(update=update)


def _section(t: Localiser, section: Section) -> Section:
    return section.model_copy(update={
        "title": t(f"{section.id}.title", section.title),
        "intro": t(f"{section.id}.intro", section.intro),
        "easy_read_title": t(f"{section.id}.easy_read_title", section.easy_read_title),
        "easy_read": _points(t, f"{section.id}.easy_read", section.easy_read),
        "items": tuple(_item(t, i) for i in section.items),
        "sections": tuple(_section(t, s) for s in section.sections),
    })


def localise_document(doc: Document, t: Localiser) -> Document:
    update = {"title": t("title", doc.title), "short_title": t("short_title", doc.short_title),
              "summary": t("summary", doc.summary), "sections": tuple(_section(t, s) for s in doc.sections)}
    if doc.easy_read is not None:
        er = doc.easy_read
        update["easy_read"] = er.model_copy(update={
            "title": t("easy_read.title", er.title),
            "about": _points(t, "easy_read.about", er.about),
            "words": tuple(EasyWord.model_construct(word=t(f"easy_read.words.{n}.word", w.word),
                                                    meaning=t(f"easy_read.words.{n}.meaning", w.meaning))
                           for n, w in enumerate(er.words, start=1)),
            "contact": _points(t, "easy_read.contact", er.contact),
        })
    return doc.model_copy(update=update)


def localise(corpus: Corpus, pack: LanguagePack | None, publish_drafts: bool = True) -> Corpus:
    """The corpus as readers of pack.lang see it. English (or no pack) returns the corpus unchanged."""
    if pack is None or pack.lang == SOURCE_LANG:
        return corpus
    docs = tuple(localise_document(d, Localiser(pack.lang, pack.documents.get(d.id, {}), publish_drafts))
                 for d in corpus.documents)
    # rebuild the indexes so they point at the translated objects
    from ..model.corpus import index_corpus

    return index_corpus(dataclasses.replace(corpus, documents=docs))


__all__ = ["LText", "Localiser", "lang_of", "state_of", "localise", "entry_state", "walk_items", "DocumentEasyRead"]
