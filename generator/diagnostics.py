"""Diagnostics: one type for every problem charterkit finds (Diagnostic), and a collector that keeps them
all (Diagnostics).

Every stage adds Diagnostics instead of stopping at the first problem, so an editor sees every problem in
every file in one run: each with its file, line and column, what is wrong and what to do.

(Issue and Report are the old names of Diagnostic and Diagnostics, kept while code and tests move over.)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    code: str  # a dotted category, e.g. "yaml.syntax", "schema.missing", "ref.unknown"
    message: str  # what is wrong, in plain English
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    key: str | None = None  # key path, e.g. sections[2].items[0].text
    hint: str | None = None  # what to do about it
    severity: str = "error"  # "error" or "warning"

    def where(self) -> str:
        parts = [self.file or "(no file)"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        head = f"{self.where()}: {self.severity} [{self.code}]"
        if self.key:
            head += f" at {self.key}"
        lines = [head, f"    {self.message}"]
        if self.hint:
            lines.append(f"    What to do: {self.hint}")
        return "\n".join(lines)


@dataclass
class Diagnostics:
    issues: list[Diagnostic] = field(default_factory=list)
    root: Path | None = None  # paths are shown relative to this folder

    def add(self, issue: Diagnostic) -> None:
        self.issues.append(issue)

    def error(self, code: str, message: str, **kw) -> None:
        self.add(Diagnostic(code, message, **kw))

    def warning(self, code: str, message: str, **kw) -> None:
        self.add(Diagnostic(code, message, severity="warning", **kw))

    def extend(self, issues) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Diagnostic]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [i for i in self.issues if i.severity == "warning"]

    def rel(self, path: Path | str) -> str:
        path = Path(path)
        if self.root is not None:
            try:
                return os.path.relpath(path, self.root)
            except ValueError:
                pass
        return str(path)

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        def n(k, word):
            return f"{k} {word}" + ("" if k == 1 else "s")
        return f"{n(e, 'error')}, {n(w, 'warning')}."

    def format(self) -> str:
        ordered = sorted(
            self.issues,
            key=lambda i: (i.severity != "error", i.file or "", i.line or 0, i.column or 0),
        )
        return "\n".join(i.format() for i in ordered)


def closest(word: str, options, cutoff: float = 0.7) -> str | None:
    """The option most like word (a likely typing mistake), for a "Did you mean ...?" hint; None if no
    option is close enough (cutoff: 0 to 1, how alike they must be)."""
    import difflib

    found = difflib.get_close_matches(word, sorted(options), n=1, cutoff=cutoff)
    return found[0] if found else None


# Shorter names the code uses throughout (about 30 modules and 45 test files): Issue is a Diagnostic, Report
# is Diagnostics. The same classes, not copies.
Issue = Diagnostic
Report = Diagnostics
