"""Every place an answer goes in an engagement tool, in order, with its ID and its words in one language.

tool_fields(tool, view, strings) lists them for one language's view of the corpus (generator/translate:
every text that is not translated is still English and knows it). The XLSForm (xlsform.py), the codebook
(codebook.py) and, later, the PDF form fields all take their fields from here, and every ID comes from
generator.model.tools.field_id(), so the three always agree.

What each kind of tool collects (the same places the printed pack leaves for answers):
  survey            <statement>          one answer on the scale       <statement>_comment  comments
  survey, easy read the same IDs, with the easy-read scale and wording (a separate form)
  interview         date, interviewer, reference; per statement <statement>_prompts (the positive
                    examples the person talked about) and <statement>_notes; closing_notes
  focus group       per theme (a plan step with statements) theme_<n>_notes, n counted from 1
  workbook          partnership, completed_by, date; per item and question k (from 1)
                    <item>_q<k>_evidence and <item>_q<k>_rating; per item <item>_actions

For the PDF form fields: tool_fields() gives the tool's own pack's fields; the easy-read survey pack's are
tool_forms(...)[1].questions (the same IDs, another scale). The staff's preparation checklists ("Before you
start") are not answers and have no field ID. A field's `type` says what the PDF needs: select_one is one
radio group (values are the answer codes), select_multiple a check box per code, text and date a text box.

Answer codes are the answers' positions in the tool file, counted from 1 (a scale is listed from most to
least positive, or least to most progress in a workbook), unless an answer gives its own `code:` ("I don't
know" is 98 and "Does not apply" 99 in the default tools: generator.model.tools.answer_codes). Add new
answers at the end of a list to keep the old codes meaning the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.corpus import Corpus, walk_items
from ..model.tools import FocusGroup, Interview, Survey, Workbook, answer_codes, field_id

#: The kinds of form a tool gives: its own, and "survey-easy-read" for a survey with an easy_read block.
FORM_KINDS = ("survey", "survey-easy-read", "interview", "focus-group", "workbook")


@dataclass(frozen=True)
class Choice:
    code: str
    label: str  # in the language of the view (may be an English fallback: see text_lang)


@dataclass(frozen=True)
class FormField:
    """One question (type "select_one", "select_multiple", "text" or "date") or one note (type "note",
    words shown in the form, no answer)."""

    id: str
    type: str
    label: str
    hint: str | None = None
    choices: str | None = None  # the list name in `choices`, for select types
    source_item: str = ""  # the document item the answer is about, if any
    multiline: bool = False

    @property
    def is_question(self) -> bool:
        return self.type != "note"


@dataclass(frozen=True)
class Form:
    """One collection form made from a tool, in one language."""

    tool_id: str
    kind: str  # one of FORM_KINDS
    file_stem: str  # <tool id>, or <tool id>-easy-read
    document: str
    title: str
    fields: tuple[FormField, ...]
    choices: dict[str, tuple[Choice, ...]] = field(default_factory=dict)

    @property
    def questions(self) -> list[FormField]:
        return [f for f in self.fields if f.is_question]


def tool_forms(tool, view: Corpus, strings) -> list[Form]:
    """The forms one tool gives (a survey with easy_read gives two), in the language of view and strings."""
    if isinstance(tool, Survey):
        forms = [_survey(tool, view, easy=False)]
        if tool.easy_read is not None:
            forms.append(_survey(tool, view, easy=True))
        return forms
    if isinstance(tool, Interview):
        return [_interview(tool, view, strings)]
    if isinstance(tool, FocusGroup):
        return [_focus_group(tool, view)]
    if isinstance(tool, Workbook):
        return [_workbook(tool, view, strings)]
    return []


def tool_fields(tool, view: Corpus, strings) -> list[FormField]:
    """Every answer field of a tool's own form (not the easy-read survey), in order. The PDF form fields
    use these IDs."""
    return tool_forms(tool, view, strings)[0].questions


def _item(view: Corpus, doc_id: str, item_id: str):
    return view.items[(doc_id, item_id)].item


def _statement_text(item) -> str:
    return item.short_text or item.text or item.title or item.id


def _scale(name: str, options) -> dict[str, tuple[Choice, ...]]:
    return {name: tuple(Choice(str(code), o.label) for code, o in zip(answer_codes(options), options))}


def _survey(tool: Survey, view: Corpus, easy: bool) -> Form:
    er = tool.easy_read if easy else None
    fields: list[FormField] = []
    if er is None:
        fields.append(FormField("intro", "note", tool.intro))
    else:
        fields.extend(FormField(f"about_{n}", "note", p.text) for n, p in enumerate(er.about, start=1))
    for sid in tool.statements:
        item = _item(view, tool.document, sid)
        if er is not None and item.easy_read:
            label = _join([p.text for p in item.easy_read], " ")
        else:
            label = _statement_text(item)
        fields.append(FormField(field_id(sid), "select_one", label, hint=er.question if er else tool.question,
                                choices="answer", source_item=sid))
        fields.append(FormField(field_id(sid, "comment"), "text", er.comments_label if er else tool.comments_label,
                                source_item=sid, multiline=True))
    if er is None:
        fields.append(FormField("closing", "note", tool.closing))
    else:
        fields.extend(FormField(f"closing_{n}", "note", p.text) for n, p in enumerate(er.closing, start=1))
    return Form(tool.id, "survey-easy-read" if er else "survey", f"{tool.id}-easy-read" if er else tool.id,
                tool.document, er.title if er else tool.title, tuple(fields),
                _scale("answer", er.scale if er else tool.scale))


def _interview(tool: Interview, view: Corpus, strings) -> Form:
    word = _words(strings)
    fields = [FormField("intro", "note", tool.intro),
              FormField("date", "date", word("packs.date")),
              FormField("interviewer", "text", word("packs.interviewer")),
              FormField("reference", "text", word("packs.reference"))]
    choices: dict[str, tuple[Choice, ...]] = {}
    for q in tool.questions:
        item = _item(view, tool.document, q.statement)
        fields.append(FormField(field_id(q.statement, "question"), "note", _statement_text(item), hint=q.question))
        examples = next((lst for lst in item.lists if lst.id == tool.examples_list), None)
        if examples is not None and examples.entries:
            name = field_id(q.statement, "prompts")
            choices[name] = tuple(Choice(str(n), e) for n, e in enumerate(examples.entries, start=1))
            fields.append(FormField(name, "select_multiple", word("packs.listen_for"), choices=name,
                                    source_item=q.statement))
        fields.append(FormField(field_id(q.statement, "notes"), "text", word("packs.notes"),
                                source_item=q.statement, multiline=True))
    fields.append(FormField("closing_notes", "text", word("packs.notes"), hint=tool.closing, multiline=True))
    return Form(tool.id, "interview", tool.id, tool.document, tool.title, tuple(fields), choices)


def _focus_group(tool: FocusGroup, view: Corpus) -> Form:
    fields = [FormField("intro", "note", tool.intro)]
    themes = [step for step in tool.plan if step.statements]
    for n, step in enumerate(themes, start=1):
        statements = _join([_statement_text(_item(view, tool.document, s)) for s in step.statements], "; ")
        fields.append(FormField(field_id("theme", str(n), "notes"), "text", step.title,
                                hint=step.question or None, source_item=" ".join(step.statements), multiline=True))
        fields.append(FormField(field_id("theme", str(n), "statements"), "note",
                                statements))
    return Form(tool.id, "focus-group", tool.id, tool.document, tool.title, tuple(fields), {})


def workbook_rows(tool: Workbook, view: Corpus) -> list[tuple[object, tuple]]:
    """(item, its questions) for every item the workbook uses, in order (as the printed workbook)."""
    doc = view.document(tool.document)
    by_id = {loc.item.id: loc.item for loc in walk_items(doc)}
    ids = tool.items or [loc.item.id for loc in walk_items(doc)
                         if any(lst.id == tool.questions_list for lst in loc.item.lists)]
    return [(by_id[i], next(lst.entries for lst in by_id[i].lists if lst.id == tool.questions_list)) for i in ids]


def _workbook(tool: Workbook, view: Corpus, strings) -> Form:
    word = _words(strings)
    fields = [FormField("intro", "note", tool.intro),
              FormField("partnership", "text", word("packs.partnership")),
              FormField("completed_by", "text", word("packs.completed_by")),
              FormField("date", "date", word("packs.date"))]
    for item, questions in workbook_rows(tool, view):
        fields.append(FormField(field_id(item.id, "heading"), "note", item.title or _statement_text(item)))
        for k, question in enumerate(questions, start=1):
            fields.append(FormField(field_id(item.id, f"q{k}", "evidence"), "text", question,
                                    hint=tool.evidence_label, source_item=item.id, multiline=True))
            fields.append(FormField(field_id(item.id, f"q{k}", "rating"), "select_one", question,
                                    hint=tool.rating_label, choices="rating", source_item=item.id))
        fields.append(FormField(field_id(item.id, "actions"), "text", tool.actions_label,
                                hint=item.title or None, source_item=item.id, multiline=True))
    return Form(tool.id, "workbook", tool.id, tool.document, tool.title, tuple(fields), _scale("rating", tool.scale))


# ---- languages ------------------------------------------------------------------------------------------
class _Worded(str):
    """An interface word that knows its language (like translate.localise.LText)."""

    def __new__(cls, value: str, lang: str):
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj


def _words(strings):
    def word(key: str) -> str:
        text, lang = strings.get(key)
        return _Worded(text, lang)
    return word


def _join(texts, sep: str) -> str:
    """Several texts as one, in their language if they share one (else "mixed": not wholly any language)."""
    langs = {text_lang(t) for t in texts}
    return _Worded(sep.join(" ".join(str(t).split()) for t in texts), langs.pop() if len(langs) == 1 else "mixed")


def text_lang(text) -> str:
    """The language a text is in: translated texts and interface words know it; plain strings are English."""
    return getattr(text, "lang", "en")
