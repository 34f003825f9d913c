"""`charterkit i18n status --format markdown`: the translation status as Markdown tables, for the summary
of a pull request's checks (GitHub Actions shows what is written to $GITHUB_STEP_SUMMARY).

With --changed-since REF, the details are given for the languages whose files changed since REF (found
with `git diff`): a change to a language's translation files or pages (framework_data/translations/<code>/,
content/<code>/) names that language; a change to the English (documents, tools, interface words, English
pages) can make every translation out of date, so it names every language.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from .status import status_rows, total

_ENGLISH = ("framework_data/documents/", "framework_data/tools/", "theme/strings/en.yml", "content/en/")


def md(text) -> str:
    """Text that Markdown shows as it is (in a table cell too)."""
    out = str(text)
    for ch in "\\`*_[]#!":
        out = out.replace(ch, "\\" + ch)
    for ch, ref in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;")):
        out = out.replace(ch, ref)
    return " ".join(out.split())


def changed_files(root: Path, ref: str) -> list[str] | None:
    """The files changed between ref and the working tree's commit, or None if git cannot tell."""
    try:
        done = subprocess.run(["git", "diff", "--name-only", f"{ref}...HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def changed_languages(files: list[str], codes: list[str]) -> list[str]:
    if any(f.startswith(_ENGLISH) for f in files):
        return list(codes)
    return [c for c in codes if any(f.startswith((f"framework_data/translations/{c}/", f"content/{c}/"))
                                    for f in files)]


def status_markdown(corpus, languages, changed_since: str | None = None) -> str:
    codes = [l.code for l in languages]
    out = ["## Translation status", ""]
    detail = codes
    if changed_since:
        files = changed_files(corpus.root, changed_since)
        if files is None:
            out += [f"Could not tell which files changed since {md(changed_since)} (git could not compare them), "
                    "so every language is shown.", ""]
        else:
            detail = changed_languages(files, codes)
            named = ", ".join(f"{md(l.name)} ({l.code})" for l in languages if l.code in detail)
            out += [f"Languages this pull request changes: {named}." if detail else
                    "This pull request changes no translation and no English text.", ""]
    head = ["| {} | Checked | Draft | Stale | Missing | Done |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    out += [head[0].format("Language"), head[1]]
    rows_by_lang = {}
    for lang in languages:
        rows = status_rows(corpus, lang.code)
        rows_by_lang[lang.code] = rows
        t = total(rows)
        out.append(f"| {md(lang.name)} ({lang.code}) | {t.reviewed} | {t.draft} | {t.stale} | {t.missing} | {t.percent:.0f}% |")
    labels = {d.id: d.label for d in corpus.documents} | {t.id: t.title for t in corpus.tools.values()}
    for lang in languages:
        if lang.code not in detail:
            continue
        out += ["", f"### {md(lang.name)} ({lang.code})", "", head[0].format("Texts"), head[1]]
        for row in rows_by_lang[lang.code]:
            name = {"interface": "Words on every page", "pages": "Pages (content/)"}.get(row.name) or labels.get(row.name, row.name)
            out.append(f"| {md(name)} | {row.reviewed} | {row.draft} | {row.stale} | {row.missing} | {row.percent:.0f}% |")
    out += ["", "Checked: reviewed by a translator. Draft: not checked yet. Stale: the English has changed since "
            "it was translated (the site shows the English). Done: checked and draft."]
    return "\n".join(out) + "\n"
