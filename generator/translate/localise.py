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
from ..model.units import SOURCE_NOTES, entry_state, source_hash  # noqa: F401 (re-exported)
from ..model.translations import LanguagePack, Translated


def same_links(text: str, english: str) -> bool:
    """Whether a translation links to exactly the addresses its English links to. `charterkit validate`
    refuses a translation that does not; this keeps it off the page even if that check were skipped (the
    English is shown instead)."""
    if "](" not in text and "](" not in english:
        return True
    from ..markup.links import inline_links

    return {url for url, _ in inline_links(text)} == {url for url, _ in inline_links(english)}


def page_source_hash(root, name: str) -> str:
    """The fingerprint of the English content page content/en/<name>, which a translated page must record
    (its `source:`) to be current."""
    return source_hash((root / "content" / "en" / name).read_text(encoding="utf-8-sig"))


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
              "summary": t("summary", doc.summary), "sections": tuple(_section(t, s) for s in doc.sections),
              "source": doc.source.model_copy(update={f: t(f"source.{f}", getattr(doc.source, f))
                                                      for f in SOURCE_NOTES})}
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


def _scale(t: Localiser, prefix: str, options):
    return tuple(o.model_copy(update={"label": t(f"{prefix}.{n}.label", o.label), "alt": t(f"{prefix}.{n}.alt", o.alt)})
                 for n, o in enumerate(options, start=1))


def _texts(t: Localiser, prefix: str, texts) -> tuple:
    return tuple(t(f"{prefix}.{n}", x) for n, x in enumerate(texts, start=1))


def localise_tool(tool, t: Localiser):
    """An engagement tool as readers of t.lang see it (keys: model.units.tool_units)."""
    from ..model.tools import FocusGroup, Interview, Survey, Workbook

    update = {"title": t("title", tool.title)}
    if isinstance(tool, Survey):
        update.update(intro=t("intro", tool.intro), instructions=t("instructions", tool.instructions),
                      question=t("question", tool.question), scale=_scale(t, "scale", tool.scale),
                      comments_label=t("comments_label", tool.comments_label), closing=t("closing", tool.closing))
        er = tool.easy_read
        if er is not None:
            update["easy_read"] = er.model_copy(update={
                "title": t("easy_read.title", er.title), "about": _points(t, "easy_read.about", er.about),
                "question": t("easy_read.question", er.question), "scale": _scale(t, "easy_read.scale", er.scale),
                "comments_label": t("easy_read.comments_label", er.comments_label),
                "fallback_alt": t("easy_read.fallback_alt", er.fallback_alt),
                "closing": _points(t, "easy_read.closing", er.closing)})
    elif isinstance(tool, Interview):
        update.update(intro=t("intro", tool.intro), before=_texts(t, "before", tool.before),
                      opening=t("opening", tool.opening), closing=t("closing", tool.closing),
                      questions=tuple(q.model_copy(update={
                          "question": t(f"questions.{q.statement}.question", q.question),
                          "prompts": _texts(t, f"questions.{q.statement}.prompts", q.prompts)})
                          for q in tool.questions))
    elif isinstance(tool, FocusGroup):
        update.update(intro=t("intro", tool.intro), group_size=t("group_size", tool.group_size),
                      before=_texts(t, "before", tool.before), ground_rules=_texts(t, "ground_rules", tool.ground_rules),
                      plan=tuple(step.model_copy(update={
                          "title": t(f"plan.{n}.title", step.title), "question": t(f"plan.{n}.question", step.question),
                          "prompts": _texts(t, f"plan.{n}.prompts", step.prompts),
                          "notes": _texts(t, f"plan.{n}.notes", step.notes)})
                          for n, step in enumerate(tool.plan, start=1)))
    elif isinstance(tool, Workbook):
        update.update(intro=t("intro", tool.intro), instructions=t("instructions", tool.instructions),
                      evidence_label=t("evidence_label", tool.evidence_label),
                      rating_label=t("rating_label", tool.rating_label), scale=_scale(t, "scale", tool.scale),
                      actions_label=t("actions_label", tool.actions_label))
    return tool.model_copy(update=update)


def localise_config(config, t: Localiser):
    """site_config.yml as readers of t.lang see it: the site's name and description (site.yml keys site.name,
    site.description: the header and page titles), the organisation's name (site.organisation: the header, the
    footer, the origin labels, the tools), what the tools say about who reads the answers, about names and who
    to give the answers to (tools.answers_used_by, tools.confidentiality, tools.return_to), and the text relay
    number's words (contact.text_relay)."""
    tools = config.tools
    translated = tools.model_copy(update={
        "answers_used_by": t("tools.answers_used_by", tools.answers_used_by),
        "confidentiality": t("tools.confidentiality", tools.confidentiality),
        "return_to": t("tools.return_to", tools.return_to)})
    site = config.site.model_copy(update={"name": t("site.name", config.site.name),
                                          "description": t("site.description", config.site.description),
                                          "organisation": t("site.organisation", config.site.organisation)})
    update = {"tools": translated, "site": site}
    if config.contact is not None and config.contact.text_relay:  # ("18001 then 01234 567890")
        update["contact"] = config.contact.model_copy(update={
            "text_relay": t("contact.text_relay", config.contact.text_relay)})
    return config.model_copy(update=update)


def localise(corpus: Corpus, pack: LanguagePack | None, publish_drafts: bool = True) -> Corpus:
    """The corpus as readers of pack.lang see it. English (or no pack) returns the corpus unchanged."""
    if pack is None or pack.lang == SOURCE_LANG:
        return corpus
    docs = tuple(localise_document(d, Localiser(pack.lang, pack.documents.get(d.id, {}), publish_drafts))
                 for d in corpus.documents)
    tools = {tid: localise_tool(tool, Localiser(pack.lang, pack.tools.get(tid, {}), publish_drafts))
             for tid, tool in corpus.tools.items()}
    config = localise_config(corpus.config, Localiser(pack.lang, pack.settings, publish_drafts))
    glossary = corpus.glossary
    if glossary is not None:
        t = Localiser(pack.lang, pack.glossary, publish_drafts)
        glossary = glossary.model_copy(update={"terms": tuple(
            term.model_copy(update={"term": t(f"{term.id}.term", term.term), "meaning": t(f"{term.id}.meaning", term.meaning)})
            for term in glossary.terms)})
    # rebuild the indexes so they point at the translated objects
    from ..model.corpus import index_corpus

    return index_corpus(dataclasses.replace(corpus, documents=docs, tools=tools, config=config, glossary=glossary,
                                            english=corpus))


__all__ = ["LText", "Localiser", "lang_of", "state_of", "localise", "entry_state", "walk_items", "DocumentEasyRead"]
