"""The interface words: what charterkit puts on every page and pack (headings, labels, notices), read from
theme/strings/<lang>.yml, and the check that every word charterkit needs is there.

REQUIRED_WORDS lists the keys charterkit's code and templates (generator/, theme/pages/, theme/print/) ask for; the English
file must have each of them (tests/unit/test_required_words.py keeps the list equal to the repository's
theme/strings/en.yml). Translations of the words are in framework_data/translations/<lang>/interface.yml;
a missing translation falls back to English.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model.text import SOURCE_LANG

#: Every interface word charterkit uses, by its key in theme/strings/en.yml (a dotted path: "packs.kinds.survey"
#: is kinds: survey: under packs:). Adding a word: add it to en.yml and here; `charterkit validate` then
#: reports a project whose en.yml lacks it.
REQUIRED_WORDS = (
    "about_document", "accessibility", "addresses_missing", "all_documents", "all_packs", "answer_no", "answer_yes",
    "applies_in", "applies_to", "back_to_document", "cited_in_english", "collect.codebook", "collect.codebook_link", "collect.heading",
    "collect.intro", "collect.languages", "collect.xform", "collect.xform_link", "collect.xlsform",
    "collect.xlsform_link", "contact_us", "contents", "copyright", "covers", "crosswalk_caption",
    "crosswalk_row_header", "crosswalk_title", "crosswalks", "crosswalks_intro", "date", "document_kinds.charter",
    "document_kinds.framework", "document_kinds.guidance", "document_kinds.pathway", "document_kinds.reference",
    "document_kinds.strategy", "documents", "draft_notice", "easy_read_contact", "easy_read_item_link",
    "easy_read_link_text", "easy_read_read_full", "easy_read_version", "easy_read_words", "fallback_notice",
    "full_wording", "glossary", "glossary_applies", "glossary_from", "glossary_intro", "glossary_quoted",
    "glossary_site_intro", "help_translate", "home", "licence", "list_of_items", "mapped_from", "mapped_from_intro",
    "maps_to", "maps_to_intro", "not_translated_passage", "notes", "nothing_maps", "origin_easy_read",
    "origin_site", "origin_source", "origin_translation", "other_formats", "packs.about_minutes",
    "packs.about_pack", "packs.activity", "packs.address", "packs.ask", "packs.at_a_glance", "packs.before_session",
    "packs.before_you_start", "packs.clock", "packs.closing", "packs.comments", "packs.completed_by",
    "packs.contents", "packs.date", "packs.documents_packs", "packs.easy_read_about", "packs.easy_read_words_intro",
    "packs.email", "packs.facilitator_notes", "packs.file_language", "packs.file_meta_pdf",
    "packs.file_meta_pdf_full", "packs.file_pages_one", "packs.file_pages_other", "packs.follow_ups",
    "packs.ground_rules", "packs.group_notes", "packs.group_size", "packs.how_to_use", "packs.in_english",
    "packs.interview_details", "packs.interviewer", "packs.kind_descriptions.easy-read",
    "packs.kind_descriptions.focus-group", "packs.kind_descriptions.interview",
    "packs.kind_descriptions.large-print", "packs.kind_descriptions.standard", "packs.kind_descriptions.survey",
    "packs.kind_descriptions.survey-easy-read", "packs.kind_descriptions.workbook", "packs.kinds.easy-read",
    "packs.kinds.focus-group", "packs.kinds.interview", "packs.kinds.large-print", "packs.kinds.standard",
    "packs.kinds.survey", "packs.kinds.survey-easy-read", "packs.kinds.workbook", "packs.length",
    "packs.links_intro", "packs.links_to", "packs.listen_for", "packs.minutes", "packs.notes", "packs.opening",
    "packs.other_formats", "packs.packs_intro", "packs.packs_kinds", "packs.page_of", "packs.partnership",
    "packs.phone", "packs.pictures_credit", "packs.principle_questions", "packs.printed_from",
    "packs.printed_from_no_url", "packs.question_for_group", "packs.question_number", "packs.ratings",
    "packs.reference", "packs.return_by", "packs.return_heading", "packs.return_to", "packs.session_plan", "packs.source_licence", "packs.statement", "packs.statement_number",
    "packs.statements", "packs.step_time", "packs.text_relay", "packs.tick_one", "packs.time",
    "packs.titles.easy-read", "packs.titles.focus-group", "packs.titles.interview", "packs.titles.large-print",
    "packs.titles.standard", "packs.titles.survey", "packs.titles.survey-easy-read", "packs.titles.workbook",
    "packs.tool_answers", "packs.tool_based_on", "packs.tool_by", "packs.tool_original", "packs.tool_written_by",
    "packs.tools", "packs.web_page_qr", "packs.web_page_qr_alt", "packs.workbook_details", "part_of", "permissions", "pictures_credit", "printable_packs",
    "privacy", "publisher", "read_more", "review_date", "run_by", "said_by", "see_also", "short_wording",
    "site_interface", "sitemap", "sitemap_intro", "source_address", "source_code", "source_title", "stale_passage",
    "standard_link_text", "standard_version", "status_document", "status_draft", "status_language",
    "status_missing", "status_stale", "status_total", "status_translated", "table_region", "translation_status",
    "translation_status_intro", "type", "types.experience", "types.outcome", "version",
    # where a document applies, and the notes beside added dates and addresses (issue #12)
    "address_note", "countries.england", "countries.northern_ireland", "countries.scotland",
    "countries.united_kingdom", "countries.wales", "date_from", "easy_read_applies", "origin_site_headings",
    "places_and",
    # how much of a translated pack is in its language, and its draft notice (issue #13)
    "packs.draft_notice", "packs.draft_short", "packs.file_language_partial", "status_pages",
    # page titles, and the "page not found" page of each language (issue #12)
    "crosswalks_example", "not_found.contact", "numbering_note", "short_forms_intro",
    "short_forms.CEL", "short_forms.EHRC", "short_forms.IJB", "short_forms.JIAS", "short_forms.NHS", "short_forms.NICE",
    "short_forms.ODK", "short_forms.OGL", "short_forms.TLAP", "short_forms.VCSE", "short_forms.WCAG", "not_found.home", "not_found.intro", "not_found.search", "not_found.title",
    "page_title_easy_read", "page_title_in", "types_about.experience", "types_about.outcome", "document_kinds_about.reference",
    # who checked an easy read, or that nobody has yet (issue #14)
    "easy_read_checked", "easy_read_not_checked",
    # easy read you can listen to (issue #16, generator/audio/)
    "comma", "semicolon",
    "audio.download", "audio.format", "audio.listen", "audio.listen_recorded", "audio.minutes_one",
    "audio.minutes_other", "audio.note_computer_voice", "audio.note_recorded", "audio.pack_computer_voice",
    "audio.pack_page_computer_voice", "audio.pack_page_recorded", "audio.pack_recorded",
)

STRINGS_DIR = Path("theme") / "strings"


def _flatten(data, prefix="") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (data or {}).items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


def load_strings(root: Path, lang: str) -> dict[str, str]:
    path = Path(root) / "theme" / "strings" / f"{lang}.yml"
    if not path.exists():
        return {}
    return dict(_load_cached(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=16)
def _load_cached(path: Path, mtime: int) -> tuple:
    from ..load.yamlfile import load_yaml

    loaded = load_yaml(path, str(path))
    problems = [i for i in loaded.issues if i.severity == "error"]
    if problems or not isinstance(loaded.data, dict):  # (check_strings() reports these before any build)
        raise ValueError("\n".join(i.format() for i in problems) or f"{path} is not a block of keys")
    return tuple(_flatten(loaded.data).items())


def check_strings(root: Path, report, cache=None) -> None:
    """Every file in theme/strings/ can be read (UTF-8, YAML, a block of keys): problems go to report with
    the file, line and what to do, the same as for the data files. cache: a load/yamlfile.py YamlCache, or none."""
    from ..load.yamlfile import load_yaml

    folder = Path(root) / STRINGS_DIR
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml")) if folder.is_dir() else []
    for path in files:
        display = report.rel(path)
        if path.is_dir():
            report.error("file.is-folder", "This is a folder, but a file with this name is expected here.",
                         file=display, hint="Rename or remove the folder.")
            continue
        loaded = load_yaml(path, display, cache=cache)
        report.extend(loaded.issues)
        if loaded.ok and not isinstance(loaded.data, dict):
            line, col = loaded.position(())
            report.add(Diagnostic("schema.top-level", "The file should be a block of keys (like 'home: Home').",
                             file=display, line=line or 1, column=col or 1,
                             hint="Write one key and its words on each line, as in the English file."))
    english = folder / f"{SOURCE_LANG}.yml"
    if folder.is_dir() and not english.exists():
        report.error("file.missing", f"{STRINGS_DIR.as_posix()}/{SOURCE_LANG}.yml is missing: it holds the words on every page.",
                     file=str(STRINGS_DIR / f"{SOURCE_LANG}.yml"),
                     hint="Put the file back (it is in the charterkit repository).")
    elif english.is_file():
        _check_required(english, report, cache)


def _check_required(english: Path, report, cache=None) -> None:
    """Every word charterkit puts on its pages and packs (REQUIRED_WORDS) is in the English words file: a
    missing one is an error naming the key, where it belongs and what to do (not a failed build)."""
    from ..load.yamlfile import load_yaml

    display = report.rel(english)
    loaded = load_yaml(english, display, cache=cache)
    if not loaded.ok or not isinstance(loaded.data, dict):
        return  # (reported above)
    have = _flatten(loaded.data)
    for key in REQUIRED_WORDS:
        if key in have:
            continue
        parts = tuple(key.split("."))
        line, col = loaded.position(parts[:-1], prefer_key=True) if len(parts) > 1 else (None, None)
        where = (f'under "{".".join(parts[:-1])}:" ' if len(parts) > 1 else "")
        report.error("strings.missing", f'The words for "{key}" are missing. charterkit puts them on its pages or '
                     "packs, so it cannot build without them.", file=display, line=line or 1, column=col or 1,
                     key=key, hint=f'Add "{parts[-1]}:" {where}with its words again (the charterkit repository\'s '
                     f"{STRINGS_DIR.as_posix()}/{SOURCE_LANG}.yml has them). To change the words, edit them; do not "
                     "delete the key.")
