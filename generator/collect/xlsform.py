"""An XLSForm workbook (for ODK, KoboToolbox and similar tools) from one tool's forms in every language.

The workbook follows pyxform's rules (https://xlsform.org): sheets `survey`, `choices` and `settings`,
with one `label::<English name> (<code>)` column per language, for example `label::Polish (pl)`. The code
in brackets is what makes ODK Collect lay out Arabic and Urdu right to left; Enketo (KoboToolbox's web
forms) guesses the direction from the first hint or label in that language, so:

- A right-to-left language's cells never hold an English fallback. A text that is not translated yet is
  left EMPTY there, and the form falls back to the default language (English) itself. pyxform, when it
  converts the workbook, fills every empty translation with "-" (its survey.py _add_empty_translations,
  which "disables any of the default_language fallback functionality"), so untranslated Arabic and Urdu
  texts showed as "-". The XForm charterkit publishes (<form>.xml) has those "-" fillers taken out again
  (without_fillers), so the form app shows the default language's words for them (JavaRosa, ODK
  Collect's engine, falls back to the default language for a missing text; Enketo was not tried). A service that converts the
  .xlsx itself with pyxform (KoboToolbox, ODK Central) puts the "-" back: upload the .xml to get the
  fallback.
- A left-to-right language's untranslated cells hold the English, as the printed packs do.
- A language with no translated text at all in a form gets no columns.

Texts are plain: Markdown marks are removed, "${" (a reference to another answer in XLSForm) is broken
up, and every cell is written as text, never as a spreadsheet formula. The bytes are the same for the
same data: openpyxl's dates are replaced by a fixed one and the zip entries get fixed times.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile

from .fields import Form, text_lang

SOURCE_LANG = "en"
FIXED_TIME = "2000-01-01T00:00:00Z"  # docProps/core.xml created and modified
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# characters XML (and so a workbook or an XForm) cannot hold: control characters other than tab and line ends
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def plain(text) -> str:
    """A Markdown text as plain text for a form: links become their words, bold and code marks go,
    spaces are tidied, and "${" cannot start a reference to another answer."""
    if text is None:
        return ""
    value = _LINK.sub(r"\1", _NOT_IN_XML.sub("", str(text)))
    value = value.replace("**", "").replace("__", "").replace("`", "")
    lines = [" ".join(line.split()) for line in value.splitlines()]
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current) if not current[0].startswith(("- ", "* ")) else "\n".join(current))
            current = []
    return "\n\n".join(paragraphs).replace("${", "$ {")


def column_name(language) -> str:
    """How a language is named in column headers: "Polish (pl)"."""
    return f"{language.english_name or language.name} ({language.code})"


def cell(language, english, translated) -> str:
    """The words for one language's cell: the translation if there is one; otherwise the English for a
    left-to-right language and nothing for a right-to-left one."""
    if language.code == SOURCE_LANG:
        return plain(english)
    if translated is not None and text_lang(translated) == language.code:
        return plain(translated)
    return "" if language.dir == "rtl" else plain(english)


def sheets(forms: dict[str, Form], languages) -> dict[str, list[list[str]]]:
    """The rows of the survey, choices and settings sheets. forms: language code -> the same form in that
    language (English must be there); languages: the site's languages, in order."""
    en = forms[SOURCE_LANG]
    fields_by_lang = {code: {f.id: f for f in form.fields} for code, form in forms.items()}
    choices_by_lang = {code: form.choices for code, form in forms.items()}

    def text_of(code, field_id, attr):
        other = fields_by_lang.get(code, {}).get(field_id)
        return getattr(other, attr) if other is not None else None

    def choice_of(code, list_name, n):
        other = choices_by_lang.get(code, {}).get(list_name)
        return other[n].label if other is not None and n < len(other) else None

    # a language gets columns if at least one of its texts is translated
    def has_own(language) -> bool:
        if language.code == SOURCE_LANG:
            return True
        form = forms.get(language.code)
        if form is None:
            return False
        texts = [t for f in form.fields for t in (f.label, f.hint) if t]
        texts += [c.label for cs in form.choices.values() for c in cs]
        return any(text_lang(t) == language.code for t in texts)

    langs = [lang for lang in languages if has_own(lang)]
    labels = [f"label::{column_name(lang)}" for lang in langs]
    hints = [f"hint::{column_name(lang)}" for lang in langs]
    with_hints = any(f.hint for f in en.fields)
    survey = [["type", "name", *labels, *(hints if with_hints else []), "required", "appearance"]]
    for f in en.fields:
        kind = f"{f.type} {f.choices}" if f.choices else f.type
        row = [kind, f.id, *(cell(lang, f.label, text_of(lang.code, f.id, "label")) for lang in langs)]
        if with_hints:
            row += [cell(lang, f.hint, text_of(lang.code, f.id, "hint")) if f.hint else "" for lang in langs]
        row += ["" if f.type == "note" else "no", "multiline" if f.multiline else ""]
        survey.append(row)
    choices = [["list_name", "name", *labels]]
    for list_name, options in en.choices.items():
        for n, option in enumerate(options):
            choices.append([list_name, option.code,
                            *(cell(lang, option.label, choice_of(lang.code, list_name, n)) for lang in langs)])
    version = hashlib.sha256(repr((survey, choices, en.title)).encode("utf-8")).hexdigest()[:12]
    settings = [["form_title", "form_id", "version", "default_language"],
                [plain(en.title), en.file_stem.replace("-", "_"), version, column_name(langs[0])]]
    return {"survey": survey, "choices": choices, "settings": settings}


def workbook_bytes(rows: dict[str, list[list[str]]]) -> bytes:
    """The .xlsx file: every cell text (never a formula), the same bytes for the same rows."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, sheet_rows in rows.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(sheet_rows, start=1):
            for c, value in enumerate(row, start=1):
                if value == "":
                    continue
                target = sheet.cell(row=r, column=c)
                target.value = value
                target.data_type = "s"  # a text starting with "=" stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # openpyxl's order: [Content_Types].xml first
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.encode(), body)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, body)
    return out.getvalue()


_TRANSLATION = re.compile(r"(<translation\b[^>]*>)(.*?)(</translation>)", re.S)
_FILLER = re.compile(r"\n?[ \t]*<text id=\"[^\"]*\">\s*<value>-</value>\s*</text>")


def without_fillers(xform: str) -> str:
    """The XForm without pyxform's "-" fillers in the languages other than the default one: a text missing
    from a language is then shown in the default language by the form app itself (JavaRosa does)."""
    def strip(m: re.Match) -> str:
        if 'default="true()"' in m.group(1):
            return m.group(0)
        return m.group(1) + _FILLER.sub("", m.group(2)) + m.group(3)

    return _TRANSLATION.sub(strip, xform)


def to_xform(xlsx: bytes, validate: bool = False) -> tuple[str, list[str]]:
    """Convert the workbook with pyxform (validate=True also runs ODK Validate, which needs Java, on the
    XForm as published: without pyxform's "-" fillers). Returns the XForm (XML) and pyxform's warnings;
    raises pyxform's error if the workbook is wrong."""
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    result = convert(xlsform=io.BytesIO(xlsx), file_type=".xlsx", validate=False, pretty_print=True,
                     warnings=warnings)
    xform = without_fillers(result.xform)
    if validate:
        import os
        import tempfile

        from pyxform.validators.odk_validate import check_xform

        with tempfile.TemporaryDirectory(prefix="charterkit-xform-") as folder:
            path = os.path.join(folder, "form.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(xform)
            warnings.extend(check_xform(path) or [])
    return xform, warnings
