"""One type for every problem charterkit finds, and a collector that keeps them all.

Every check adds Issues to a Report instead of stopping at the first problem, so an editor
sees every problem in every file in one run.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Issue:
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
class Report:
    issues: list[Issue] = field(default_factory=list)
    root: Path | None = None  # paths are shown relative to this folder

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def error(self, code: str, message: str, **kw) -> None:
        self.add(Issue(code, message, **kw))

    def warning(self, code: str, message: str, **kw) -> None:
        self.add(Issue(code, message, severity="warning", **kw))

    def extend(self, issues) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
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
