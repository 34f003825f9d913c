"""The translatable texts of a document, each under a stable key made from the data's IDs.

Keys are short paths an editor can read: `title`, `statement-1.text`, `statement-1.lists.examples.3`,
`statement-1.easy_read.1.text`, `statement-1.easy_read_title`, `purpose.intro`, `easy_read.words.2.meaning`. They never use positions of
sections or items, only IDs, so they survive reordering. (List entries and easy-read points are numbered
within their item, from 1.)
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .schema import Document, Item, Point, Section


@dataclass(frozen=True)
class Unit:
    key: str
    text: str  # the English
    markdown: bool = True  # False for short plain texts (titles, alt text)

    @property
    def source_hash(self) -> str:
        return source_hash(self.text)


def source_hash(text: str) -> str:
    """A short fingerprint of the English text; it changes whenever the English changes."""
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:10]


def _points(prefix: str, points: tuple[Point, ...]):
    for n, point in enumerate(points, start=1):
        yield Unit(f"{prefix}.{n}.text", point.text)
        yield Unit(f"{prefix}.{n}.alt", point.alt, markdown=False)


def _item_units(item: Item):
    for field in ("title", "short_text", "text", "attribution"):
        value = getattr(item, field)
        if value:
            yield Unit(f"{item.id}.{field}", value, markdown=field in ("short_text", "text"))
    for lst in item.lists:
        if lst.title:
            yield Unit(f"{item.id}.lists.{lst.id}.title", lst.title, markdown=False)
        for n, entry in enumerate(lst.entries, start=1):
            yield Unit(f"{item.id}.lists.{lst.id}.{n}", entry)
    if item.easy_read_title:
        yield Unit(f"{item.id}.easy_read_title", item.easy_read_title, markdown=False)
    yield from _points(f"{item.id}.easy_read", item.easy_read)
    for sub in item.items:
        yield from _item_units(sub)


def _section_units(section: Section):
    yield Unit(f"{section.id}.title", section.title, markdown=False)
    if section.intro:
        yield Unit(f"{section.id}.intro", section.intro)
    if section.easy_read_title:
        yield Unit(f"{section.id}.easy_read_title", section.easy_read_title, markdown=False)
    yield from _points(f"{section.id}.easy_read", section.easy_read)
    for item in section.items:
        yield from _item_units(item)
    for sub in section.sections:
        yield from _section_units(sub)


def document_units(doc: Document) -> list[Unit]:
    """Every translatable text of a document, in reading order."""
    out = [Unit("title", doc.title, markdown=False)]
    if doc.short_title:
        out.append(Unit("short_title", doc.short_title, markdown=False))
    out.append(Unit("summary", doc.summary))
    if doc.easy_read is not None:
        er = doc.easy_read
        out.append(Unit("easy_read.title", er.title, markdown=False))
        out.extend(_points("easy_read.about", er.about))
        for n, word in enumerate(er.words, start=1):
            out.append(Unit(f"easy_read.words.{n}.word", word.word, markdown=False))
            out.append(Unit(f"easy_read.words.{n}.meaning", word.meaning))
        out.extend(_points("easy_read.contact", er.contact))
    for section in doc.sections:
        out.extend(_section_units(section))
    out.extend(source_units(doc))
    return out


#: The words about a document's source that this site wrote (what the publisher allows, what its address or
#: date is): translated like the document's own texts. The source's title, publisher, version, licence name
#: and address are names a reader needs in their original words to find the document: they are never
#: translated, and pages and packs mark them as English (lang="en", translate="no").
SOURCE_NOTES = ("copyright", "permissions", "date_note", "url_note")


def source_units(doc: Document) -> list[Unit]:
    """The translatable notes about a document's source (SOURCE_NOTES), keyed `source.<field>`."""
    out = []
    for field in SOURCE_NOTES:
        value = getattr(doc.source, field, None)
        if value:
            out.append(Unit(f"source.{field}", value, markdown=field == "permissions"))
    return out


def is_easy_read(key: str) -> bool:
    return ".easy_read." in key or key.endswith(".easy_read_title") or key.startswith("easy_read.")


def settings_units(config) -> list[Unit]:
    """The words in site_config.yml that the site's own pages show (the accessibility statement, "Other formats
    and languages"): translated in framework_data/translations/<language>/site.yml. Numbered from 1, like list
    entries. Names, addresses, numbers and dates are not words to translate, so they are not here."""
    if config is None:
        return []
    # the site's name (the header, and every page title: "... - <name>") and its description (search engines);
    # the name of the organisation that runs the site (the header, the footer, "Written by ...", the tools)
    out = [Unit("site.name", config.site.name, markdown=False),
           Unit("site.description", config.site.description, markdown=False),
           Unit("site.organisation", config.site.organisation, markdown=False)]
    for n, fmt in enumerate(config.other_formats, start=1):
        out.append(Unit(f"other_formats.{n}.name", fmt.name, markdown=False))
        out.append(Unit(f"other_formats.{n}.description", fmt.description))
    acc = config.accessibility
    if acc is not None:
        if acc.standard:
            out.append(Unit("accessibility.standard", acc.standard, markdown=False))
        for n, issue in enumerate(acc.known_issues, start=1):
            out.append(Unit(f"accessibility.known_issues.{n}", issue))
        if acc.enforcement:
            out.append(Unit("accessibility.enforcement", acc.enforcement))
    if config.contact is not None and config.contact.text_relay:
        out.append(Unit("contact.text_relay", config.contact.text_relay, markdown=False))
    # what every engagement tool says about who reads the answers and about names (site_config.yml tools:);
    # {organisation} stays as it is in the translation: it is filled in with the organisation's name
    tools = getattr(config, "tools", None)
    if tools is not None:
        out.append(Unit("tools.answers_used_by", tools.answers_used_by))
        out.append(Unit("tools.confidentiality", tools.confidentiality))
        if tools.return_to:  # who people give their answers to (the postal address in it stays as it is)
            out.append(Unit("tools.return_to", tools.return_to, markdown=False))
    return out


def entry_state(english: str, entry) -> str:
    """The state of a translation entry (anything with .source and .status, e.g. model/translations.py Translated)
    for the English it translates: "missing", "stale" (the English changed since), "draft" or "reviewed"."""
    if entry is None:
        return "missing"
    if entry.source != source_hash(english):
        return "stale"
    return entry.status  # draft or reviewed


def _tool_points(prefix: str, points) -> list[Unit]:
    return list(_points(prefix, points))


def tool_units(tool) -> list[Unit]:
    """Every translatable text of an engagement tool (framework_data/tools/<id>.yml), in the order it is printed:
    translated in framework_data/translations/<language>/<tool-id>.yml, beside the documents' files. Keys are
    the tool file's own field names (`title`, `scale.2.label`, `easy_read.about.1.text`); an interview's
    questions are keyed by their statement's ID (`questions.statement-3.prompts.1`); the parts of a focus
    group's plan, which have no IDs, and list entries are numbered from 1. The statements themselves are
    the documents' texts, translated in the documents' files."""
    from .tools import FocusGroup, Interview, Survey, Workbook

    out = [Unit("title", tool.title, markdown=False)]
    if isinstance(tool, Survey):
        out += [Unit("intro", tool.intro), Unit("instructions", tool.instructions),
                Unit("question", tool.question, markdown=False)]
        out += [Unit(f"scale.{n}.label", o.label, markdown=False) for n, o in enumerate(tool.scale, start=1)]
        out += [Unit("comments_label", tool.comments_label, markdown=False), Unit("closing", tool.closing)]
        er = tool.easy_read
        if er is not None:
            out.append(Unit("easy_read.title", er.title, markdown=False))
            out += _tool_points("easy_read.about", er.about)
            out.append(Unit("easy_read.question", er.question, markdown=False))
            for n, o in enumerate(er.scale, start=1):
                out.append(Unit(f"easy_read.scale.{n}.label", o.label, markdown=False))
                if o.alt:
                    out.append(Unit(f"easy_read.scale.{n}.alt", o.alt, markdown=False))
            out += [Unit("easy_read.comments_label", er.comments_label, markdown=False),
                    Unit("easy_read.fallback_alt", er.fallback_alt, markdown=False)]
            out += _tool_points("easy_read.closing", er.closing)
    elif isinstance(tool, Interview):
        out.append(Unit("intro", tool.intro))
        out += [Unit(f"before.{n}", t, markdown=False) for n, t in enumerate(tool.before, start=1)]
        out.append(Unit("opening", tool.opening))
        for q in tool.questions:
            out.append(Unit(f"questions.{q.statement}.question", q.question, markdown=False))
            out += [Unit(f"questions.{q.statement}.prompts.{n}", p, markdown=False)
                    for n, p in enumerate(q.prompts, start=1)]
        out.append(Unit("closing", tool.closing))
    elif isinstance(tool, FocusGroup):
        out += [Unit("intro", tool.intro), Unit("group_size", tool.group_size, markdown=False)]
        out += [Unit(f"before.{n}", t, markdown=False) for n, t in enumerate(tool.before, start=1)]
        out += [Unit(f"ground_rules.{n}", t, markdown=False) for n, t in enumerate(tool.ground_rules, start=1)]
        for n, step in enumerate(tool.plan, start=1):
            out.append(Unit(f"plan.{n}.title", step.title, markdown=False))
            if step.question:
                out.append(Unit(f"plan.{n}.question", step.question, markdown=False))
            out += [Unit(f"plan.{n}.prompts.{k}", p, markdown=False) for k, p in enumerate(step.prompts, start=1)]
            out += [Unit(f"plan.{n}.notes.{k}", p) for k, p in enumerate(step.notes, start=1)]
    elif isinstance(tool, Workbook):
        out += [Unit("intro", tool.intro), Unit("instructions", tool.instructions),
                Unit("evidence_label", tool.evidence_label, markdown=False),
                Unit("rating_label", tool.rating_label, markdown=False)]
        out += [Unit(f"scale.{n}.label", o.label, markdown=False) for n, o in enumerate(tool.scale, start=1)]
        out.append(Unit("actions_label", tool.actions_label, markdown=False))
    return out


def glossary_units(glossary) -> list[Unit]:
    """The site's word list (framework_data/glossary.yml): each word and its meaning, keyed by the word's ID
    (`advocate.term`, `advocate.meaning`), translated in framework_data/translations/<language>/glossary.yml."""
    if glossary is None:
        return []
    out = []
    for term in glossary.terms:
        out.append(Unit(f"{term.id}.term", term.term, markdown=False))
        out.append(Unit(f"{term.id}.meaning", term.meaning))
    return out
