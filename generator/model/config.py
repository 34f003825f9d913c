"""The shape of site_config.yml: what the whole site is called, its languages and contacts."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .schema import LANG_PATTERN, Id, Markdown, Strict, Text, Url, DateText
from typing import Annotated

LangCode = Annotated[str, Field(pattern=LANG_PATTERN)]


class SiteInfo(Strict):
    """What the site is called and where it lives."""

    name: Text = Field(description="Short name of the site, shown in the header.")
    description: Text = Field(description="One sentence saying what the site is, for search engines and screen readers.")
    url: Url | None = Field(None, description="Public address of the site, used in the sitemap (for example https://charters.example.org/).")
    organisation: Text = Field(description="Who runs this site and answers questions about it: the organisation's name, "
                                           "shown first in the header and on every engagement tool.")
    logo: Text | None = Field(None, description="The organisation's logo, a .svg or .png file in the project, for example "
                                                "theme/logo.svg. Shown in the header beside the name (the name is its text).")
    privacy_url: Url | None = Field(None, description="Web address of the organisation's privacy notice. Leave out to "
                                                      "publish content/en/privacy.md as the site's privacy notice.")
    source_code_url: Url | None = Field(None, description="Web address of this site's source (for example its "
                                                          "repository), linked from the footer.")


class Contact(Strict):
    """How readers reach the people who run the site. Shown on the accessibility and other-formats pages."""

    email: Text = Field(description="Email address for questions and requests.")
    phone: Text | None = Field(None, description="Phone number, written as people should dial it.")
    text_relay: Text | None = Field(None, description="Text relay or textphone number, if there is one.")
    address: Text | None = Field(None, description="Postal address.")
    response_days: int = Field(10, ge=1, le=60, description="Working days within which requests are answered.")


class ToolSettings(Strict):
    """What the engagement tools (surveys, interview guides, focus groups, workbooks) say about who runs them.
    The tools are templates written for this site: the organisation that uses them owns them and their answers,
    never the publishers of the source documents."""

    run_by: Text | None = Field(None, description="Who runs the engagement and keeps the answers. Leave out to use "
                                                  "site.organisation.")
    answers_used_by: Markdown = Field(
        "We, {organisation}, read the answers to learn what is working well and what could be better. We do not "
        "share your answers with anyone else.",
        description="Who uses the answers and what for, in plain English. {organisation} is replaced by run_by. "
                    "Never name an inspector or another body unless it has agreed to it.")
    confidentiality: Markdown = Field(
        "Your answers are confidential. We, {organisation}, do not put your name in anything we publish.",
        description="The promise about names and privacy, in plain English. {organisation} is replaced by run_by.")

    return_to: Text | None = Field(None, description=(
        "Who people give or send a filled-in survey or workbook to, printed on it: a team or a person and how to "
        "reach them, for example \"The engagement team, Council Offices, 2 High Street, Perth PH1 5PH\". Leave "
        "out to print nothing."))
    return_by: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description=(
        "The date to hand answers in by, written year-month-day, for example 2027-03-31 (printed in each pack's "
        "language). `charterkit validate --publish` refuses a date that has passed. Leave out to print no date."))

    @field_validator("return_by")
    @classmethod
    def _real_date(cls, value):
        if value is not None:
            import datetime

            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value} is not a real date: write it year-month-day, for example 2027-03-31") from None
        return value

    def organisation(self, site: "SiteInfo") -> str:
        return self.run_by or site.organisation

    def filled(self, text: str, site: "SiteInfo") -> str:
        """text with {organisation} filled in. A translated text (model.text.LText) keeps its language."""
        out = text.replace("{organisation}", self.organisation(site))
        if hasattr(text, "lang"):
            from .text import LText

            return LText(out, text.lang, getattr(text, "state", "source"))
        return out


class Language(Strict):
    """One language the site is published in."""

    code: LangCode = Field(description="Language code, for example en, pl, gd, ar, ur.")
    name: Text = Field(description="The language's name in that language, for example Polski.")
    english_name: Text | None = Field(None, description="The language's name in English, for example Polish.")
    dir: Literal["ltr", "rtl"] = Field("ltr", description="Writing direction: ltr (left to right) or rtl (right to left).")
    voice: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_+-]{0,40}$")] | None = Field(
        None, description="The espeak-ng voice that reads this language's easy-read pages aloud, one that "
                          "`espeak-ng --voices` lists (default: en-gb for en, otherwise the language code).")


class OtherFormat(Strict):
    """A format people can ask for (for example braille, audio, British Sign Language)."""

    name: Text = Field(description="Name of the format.")
    description: Markdown = Field(description="How to get it, in plain English.")


class Accessibility(Strict):
    """Facts for the accessibility statement page."""

    standard: Text = Field("WCAG 2.2 level AA", description="The accessibility standard the site aims to meet.")
    last_reviewed: DateText = Field(description="When the site was last checked for accessibility, YYYY-MM-DD.")
    known_issues: tuple[Markdown, ...] = Field((), description="Parts of the site that are not yet fully accessible.")
    enforcement: Markdown | None = Field(None, description="Who enforces accessibility rules where you are, and how to complain.")


class TranslationSettings(Strict):
    """How translations are published and checked."""

    publish_drafts: bool = Field(True, description="true: publish draft translations with a notice that they are not yet checked. "
                                                   "false: show the English until a translation is reviewed.")
    minimum_coverage: dict[LangCode, Annotated[int, Field(ge=0, le=100)]] = Field(
        default_factory=dict,
        description="For each language, the smallest share (per cent) of texts that must be translated and up to date; "
                    "`charterkit i18n status --check` fails below it.")
    help_url: Url | None = Field(None, description="Where people can help translate (for example the repository's TRANSLATING.md).")


class Checks(Strict):
    """Limits for the easy-read and plain-English checks. Published guidance differs, so you can set them."""

    easy_read_max_sentence_words: int = Field(15, ge=5, le=40, description="Longest easy-read sentence, in words.")
    easy_read_target_sentence_words: int = Field(10, ge=3, le=30, description="Most easy-read sentences should be at most this long.")
    easy_read_target_share: int = Field(60, ge=0, le=100, description="Share (per cent) of easy-read sentences that must meet the target length.")
    easy_read_max_point_words: int = Field(25, ge=10, le=100, description="Most words in one easy-read point (one idea a point).")
    easy_read_max_sentences_per_point: int = Field(2, ge=1, le=10, description="Most sentences in one easy-read point (one idea a point).")
    easy_read_max_heading_words: int = Field(8, ge=3, le=20, description="Most words in an easy-read heading.")
    easy_read_min_mulberry_share: int = Field(80, ge=0, le=100, description="Smallest share (per cent) of a document's easy-read "
                                                                           "pictures that must come from the Mulberry Symbols, the set made for adults.")
    easy_read_max_picture_uses: int = Field(3, ge=1, le=20, description="Most easy-read points in one document that may use the same "
                                                                        "picture (one picture should not stand for many ideas).")
    easy_read_min_reading_ease: int = Field(80, ge=0, le=100, description="Lowest Flesch reading ease for English easy-read text.")
    plain_english_min_reading_ease: int = Field(60, ge=0, le=100, description="Plain-English pages below this reading ease get a warning.")
    easy_read_max_pages: int = Field(24, ge=4, le=100, description="Most printed pages in an easy-read pack.")


class SiteConfig(Strict):
    """site_config.yml: settings for the whole site."""

    site: SiteInfo = Field(description="What the site is called and who runs it.")
    contact: Contact = Field(description="How readers reach the people who run the site.")
    languages: tuple[Language, ...] = Field(min_length=1, description="Languages the site is published in. The first is the default.")
    documents: tuple[Id, ...] | None = Field(None, description="Document IDs in the order the site lists them. Leave out to list all, by title.")
    other_formats: tuple[OtherFormat, ...] = Field((), description="Formats people can ask for.")
    accessibility: Accessibility = Field(description="Facts for the accessibility statement.")
    translations: TranslationSettings = Field(default_factory=TranslationSettings, description="How translations are published and checked.")
    checks: Checks = Field(default_factory=Checks, description="Limits for the easy-read and plain-English checks.")
    tools: ToolSettings = Field(default_factory=ToolSettings, description="What the engagement tools say about who runs "
                                                                          "them and who uses the answers.")

    @model_validator(mode="after")
    def _unique_languages(self):
        codes = [lang.code for lang in self.languages]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"language codes appear more than once: {', '.join(dupes)}")
        if "en" not in codes:
            raise ValueError("English (code en) must be one of the languages: it is the source language")
        return self

    @property
    def default_language(self) -> Language:
        return self.languages[0]

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.languages if lang.code == code), None)
