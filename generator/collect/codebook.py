"""The codebook of one form: a CSV file saying what every answer column and answer code means.

One row per question, then one row per answer code of that question. Columns:
  question_id       the field ID, the same as the XLSForm's `name` and the PDF form field's name
  type              select_one (one code), select_multiple (codes separated by spaces), text, date, or
                    choice (a row giving one answer code of the question above)
  code              the answer code (choice rows only)
  source_document   the document the form is built from
  source_item       the document item the answer is about (several, separated by spaces, for a focus
                    group theme)
  text_<code>       the words in each language: the same words the XLSForm shows (see xlsform.cell:
                    untranslated texts are English in left-to-right languages and empty in right-to-left ones)

The file is UTF-8 with a byte order mark, so Excel opens Polish, Arabic and Urdu correctly when you
double-click it (Python's csv with encoding="utf-8-sig", pandas and R's readr read it too). A text that
starts with =, +, -, @ or a tab is written with a ' in front, so no spreadsheet takes it for a formula.
An empty answer in the data means the question was not answered.
"""
from __future__ import annotations

import csv
import io

from .fields import Form
from .xlsform import SOURCE_LANG, cell

HEADER = ["question_id", "type", "code", "source_document", "source_item"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def rows(forms: dict[str, Form], languages) -> list[list[str]]:
    en = forms[SOURCE_LANG]
    by_lang = {code: {f.id: f for f in form.fields} for code, form in forms.items()}
    out = [HEADER + [f"text_{lang.code}" for lang in languages]]
    for f in en.questions:
        texts = [cell(lang, f.label, getattr(by_lang.get(lang.code, {}).get(f.id), "label", None)) for lang in languages]
        out.append([f.id, f.type, "", en.document, f.source_item, *texts])
        if f.choices:
            for n, option in enumerate(en.choices[f.choices]):
                texts = []
                for lang in languages:
                    other = forms.get(lang.code)
                    theirs = other.choices.get(f.choices) if other is not None else None
                    texts.append(cell(lang, option.label, theirs[n].label if theirs and n < len(theirs) else None))
                out.append([f.id, "choice", option.code, en.document, f.source_item, *texts])
    return out


def csv_bytes(table: list[list[str]]) -> bytes:
    """The rows as CSV: UTF-8 with a byte order mark, "\\n" line ends, no cell a spreadsheet runs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in table:
        writer.writerow([_safe(str(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
