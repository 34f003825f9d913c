"""The shape of the engagement tools: framework_data/tools/*.yml.

A tool is printed as a pack for staff to use in an engagement session: a survey (and its easy-read
version), a one-to-one interview guide, a focus-group guide, or a self-assessment workbook.
The statements and questions themselves come from the documents; a tool file holds only what the
documents do not say: its wording for people taking part, timings, facilitator notes, ground rules
and the labels of its response scales. Each field has a one-line description for editors.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .schema import Id, Markdown, PictureName, Point, Strict, Text


class ScaleOption(Strict):
    """One answer on a response scale, printed with a tick box."""

    label: Text = Field(description="The answer as printed next to its tick box, for example \"Agree\".")
    picture: PictureName | None = Field(None, description="Easy read only: the picture for this answer, for example grinning-face.")
    alt: Text | None = Field(None, description="Easy read only: what the picture shows, for example \"A big smile\".")
    code: int | None = Field(None, ge=1, le=99, description=(
        "The answer's code in the collected data (the XLSForm, the codebook and the PDF form). Leave out to use "
        "its place in the list (1, 2, 3 ...). Use 98 for \"I don't know\" and 99 for \"Does not apply\": "
        "answers with a code of 90 or more are printed apart from the scale and need no picture in easy read."))

    @model_validator(mode="after")
    def _picture_has_alt(self):
        if self.picture and not self.alt:
            raise ValueError("a picture needs alt text: add 'alt:' saying what the picture shows")
        return self


#: Answers with this code or more ("I don't know" 98, "Does not apply" 99) are not points on the scale: they are
#: printed apart from it, and easy read needs no picture for them.
OTHER_ANSWER = 90


def answer_codes(scale) -> list[int]:
    """Each answer's code: its `code`, or its place in the list counted from 1."""
    return [o.code if o.code is not None else n for n, o in enumerate(scale, start=1)]


def _codes_differ(scale) -> None:
    codes = answer_codes(scale)
    same = sorted({c for c in codes if codes.count(c) > 1})
    if same:
        raise ValueError(f"two answers have the same code ({', '.join(map(str, same))}): an answer without "
                         "'code:' takes its place in the list as its code; give each answer its own code")


class SurveyEasyRead(Strict):
    """The easy-read version of a survey: the same statements, with pictures and an easy picture scale."""

    title: Text = Field(description="The easy-read survey's title.")
    about: tuple[Point, ...] = Field(min_length=1, description="Points saying what the survey is for and how to fill it in.")
    question: Text = Field(description="The question asked about every statement, in easy read, for example \"Is this true for you?\".")
    scale: tuple[ScaleOption, ...] = Field(min_length=2, max_length=7, description="The answers, each with a picture, from most to least positive.")
    comments_label: Text = Field(description="The words above the space for comments.")
    fallback_picture: PictureName = Field(description="Picture shown beside a statement that has no easy-read text yet.")
    fallback_alt: Text = Field(description="What the fallback picture shows.")
    closing: tuple[Point, ...] = Field(min_length=1, description="Points saying thank you and how to give the survey back.")

    @model_validator(mode="after")
    def _pictures(self):
        _codes_differ(self.scale)
        missing = [o.label for code, o in zip(answer_codes(self.scale), self.scale)
                   if not o.picture and code < OTHER_ANSWER]
        if missing:
            raise ValueError("every answer of the easy-read scale needs a picture; missing for: " + ", ".join(missing))
        return self


class Survey(Strict):
    """A survey: each statement as a question with a response scale and space for comments."""

    id: Id = Field(description="The tool's ID, the same as its file name; the pack is called <id>-<language>.pdf.")
    kind: Literal["survey"] = Field(description="What sort of tool this is.")
    document: Id = Field(description="The ID of the document whose statements the survey asks about.")
    title: Text = Field(description="The survey's title, as printed on its first page.")
    intro: Markdown = Field(description="What the survey is for and who it is for, in plain English.")
    instructions: Markdown = Field(description="How to fill it in.")
    statements: tuple[Id, ...] = Field(min_length=1, description="IDs of the items asked about, in the order they are asked.")
    question: Text = Field(description="The question asked about every statement, for example \"How much do you agree?\".")
    scale: tuple[ScaleOption, ...] = Field(min_length=2, max_length=7, description="The answers, from most to least positive.")
    comments_label: Text = Field(description="The words above the space for comments after each statement.")
    closing: Markdown = Field(description="Thank you, and how to give the survey back.")
    easy_read: SurveyEasyRead | None = Field(None, description="The easy-read version of the survey. Leave out if there is none.")

    @model_validator(mode="after")
    def _codes(self):
        _codes_differ(self.scale)
        return self


class InterviewQuestion(Strict):
    """One statement in an interview guide, with the open question that starts the conversation about it."""

    statement: Id = Field(description="The ID of the statement this part of the interview is about.")
    question: Text = Field(description="The open question the interviewer asks first.")
    prompts: tuple[Text, ...] = Field((), description="Follow-up questions to use if the conversation needs help.")


class Interview(Strict):
    """A one-to-one interview guide: each statement with prompts drawn from its positive examples."""

    id: Id = Field(description="The tool's ID, the same as its file name; the pack is called <id>-<language>.pdf.")
    kind: Literal["interview"] = Field(description="What sort of tool this is.")
    document: Id = Field(description="The ID of the document whose statements the interview covers.")
    title: Text = Field(description="The guide's title, as printed on its first page.")
    intro: Markdown = Field(description="What the interview is for, for the interviewer.")
    minutes: int = Field(ge=5, le=240, description="About how long the interview takes, in minutes.")
    before: tuple[Text, ...] = Field(min_length=1, description="What to check before starting, for example consent and confidentiality.")
    opening: Markdown = Field(description="What the interviewer says to open the interview.")
    examples_list: Id = Field("examples", description="The ID of the statements' list the prompts are drawn from.")
    questions: tuple[InterviewQuestion, ...] = Field(min_length=1, description="The statements in the order they are discussed.")
    closing: Markdown = Field(description="What the interviewer says to close the interview.")


class SessionStep(Strict):
    """One part of a focus-group session: a welcome, a break, or a theme grouping some statements."""

    title: Text = Field(description="What this part of the session is called, for example \"Information and being heard\".")
    minutes: int = Field(ge=1, le=240, description="How long it takes, in minutes.")
    statements: tuple[Id, ...] = Field((), description="IDs of the statements this part discusses (a theme); empty for welcome, breaks and close.")
    question: Text | None = Field(None, description="The opening question for the group.")
    prompts: tuple[Text, ...] = Field((), description="Follow-up questions for the facilitator.")
    notes: tuple[Markdown, ...] = Field((), description="Notes for the facilitator: what to do and what to watch for.")


class FocusGroup(Strict):
    """A focus-group guide: a session plan grouping the statements into themes, with timings and ground rules."""

    id: Id = Field(description="The tool's ID, the same as its file name; the pack is called <id>-<language>.pdf.")
    kind: Literal["focus-group"] = Field(description="What sort of tool this is.")
    document: Id = Field(description="The ID of the document whose statements the focus group discusses.")
    title: Text = Field(description="The guide's title, as printed on its first page.")
    intro: Markdown = Field(description="What the session is for, for the facilitator.")
    group_size: Text = Field(description="How many people the session is for, for example \"6 to 10 people\".")
    before: tuple[Text, ...] = Field(min_length=1, description="What to prepare before the session.")
    ground_rules: tuple[Text, ...] = Field(min_length=1, description="The ground rules agreed with the group at the start.")
    plan: tuple[SessionStep, ...] = Field(min_length=1, description="The session, step by step, in order.")


class Workbook(Strict):
    """A self-assessment workbook: each challenge question with space to write evidence and a rating."""

    id: Id = Field(description="The tool's ID, the same as its file name; the pack is called <id>-<language>.pdf.")
    kind: Literal["workbook"] = Field(description="What sort of tool this is.")
    document: Id = Field(description="The ID of the document whose questions the workbook uses.")
    title: Text = Field(description="The workbook's title, as printed on its first page.")
    intro: Markdown = Field(description="What the workbook is for and who fills it in.")
    instructions: Markdown = Field(description="How to fill it in.")
    questions_list: Id = Field("challenge-questions", description="The ID of the items' list that holds the questions.")
    items: tuple[Id, ...] = Field((), description="IDs of the items whose questions are used, in order. Leave out to use every item that has the list.")
    evidence_label: Text = Field(description="The words above the space for evidence under each question.")
    rating_label: Text = Field(description="The words before the rating tick boxes.")
    scale: tuple[ScaleOption, ...] = Field(min_length=2, max_length=7, description="The ratings, from least to most progress.")
    actions_label: Text = Field(description="The words above the space for agreed actions after each group of questions.")

    @model_validator(mode="after")
    def _codes(self):
        _codes_differ(self.scale)
        return self


Tool = Survey | Interview | FocusGroup | Workbook

TOOL_KINDS: dict[str, type[Strict]] = {
    "survey": Survey,
    "interview": Interview,
    "focus-group": FocusGroup,
    "workbook": Workbook,
}


def statements_named(tool: Tool) -> list[tuple[tuple, str]]:
    """Every item ID a tool names, with the key path where it is named (for error positions)."""
    if isinstance(tool, Survey):
        return [(("statements", n), s) for n, s in enumerate(tool.statements)]
    if isinstance(tool, Interview):
        return [(("questions", n, "statement"), q.statement) for n, q in enumerate(tool.questions)]
    if isinstance(tool, FocusGroup):
        return [(("plan", n, "statements", k), s) for n, step in enumerate(tool.plan)
                for k, s in enumerate(step.statements)]
    if isinstance(tool, Workbook):
        return [(("items", n), s) for n, s in enumerate(tool.items)]
    return []


def pictures_named(tool: Tool) -> list[tuple[tuple, str]]:
    """Every picture name a tool uses, with its key path."""
    out: list[tuple[tuple, str]] = []
    if isinstance(tool, Survey) and tool.easy_read is not None:
        er = tool.easy_read
        for part in ("about", "closing"):
            for n, point in enumerate(getattr(er, part)):
                out.append((("easy_read", part, n, "picture"), point.picture))
        for n, option in enumerate(er.scale):
            if option.picture:  # answers apart from the scale (code 90 or more) may have none
                out.append((("easy_read", "scale", n, "picture"), option.picture))
        out.append((("easy_read", "fallback_picture"), er.fallback_picture))
    return out


# ---- answer fields ------------------------------------------------------------------------------------
def field_id(*parts: str) -> str:
    """The ID of one place where an answer goes in an engagement tool, made from IDs in the data.

    The ONE rule for field IDs: the XLSForm's `name` column, the codebook's `question_id` and the PDF
    form fields' names all use it, so answers from paper, from ODK or KoboToolbox and from a filled-in PDF
    line up. The parts (an item ID such as "statement-1", then words such as "comment") are joined with
    "_", and every "-" becomes "_": field_id("statement-1", "comment") is "statement_1_comment".
    Item IDs are lowercase letters, digits and hyphens, starting with a letter (framework_data/SCHEMA.md),
    so the result is a valid XForm name and a valid variable name in SPSS, Stata and R.
    Every field of a tool is listed, in order, by generator.collect.fields.tool_fields().
    """
    if not parts or not all(parts):
        raise ValueError("a field ID needs at least one part, and no empty parts")
    return "_".join(part.replace("-", "_") for part in parts)
