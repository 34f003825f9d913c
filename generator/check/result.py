"""The one result type every check reports through, and its JSON report.

A check (a11y, browser, links, easy-read, pdf, contrast) turns what it found into a CheckResult:
- checked and unit: how much it looked at ("602 pages", "87 packs", "250 pairs", "40 documents");
- findings: what is wrong, each an Issue (the same type validate and build use): a code ("links.broken",
  "a11y.axe.image-alt"), the file (a page, a pack, a palette), the key (a selector, a colour pair), the
  message, what to do, error or warning;
- allowed: what it found but does not report on purpose, each with the reason (a11y's IGNORED_RULES,
  browser's ALLOWANCES);
- failed: what could not be checked, and why (a page that did not load);
- problems: the check's own trouble (a sitemap listing a page with no file).

Its exit code is the same for every check: 0 when all is well, 1 when there is an error, a failure or a
problem. (2, could not run at all, is a CheckError from check/harness.py.) write() puts the result into
<report folder>/<check>.json under "result", beside what the check itself adds there.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Mapping

from ..diagnostics import Issue

@dataclass(frozen=True)
class CheckResult:
    check: str                                   # "a11y", "browser", "links", "easy-read", "pdf", "contrast"
    checked: int                                 # how many ...
    unit: str                                    # ... of what: "pages", "packs", "pairs", "documents"
    findings: tuple[Issue, ...] = ()
    allowed: tuple[tuple[Issue, str], ...] = ()  # (finding not reported on purpose, the reason)
    failed: Mapping[str, str] = field(default_factory=dict)  # what could not be checked -> why
    problems: tuple[str, ...] = ()               # the check's own trouble
    skipped: int = 0                             # not checked on purpose (a11y: unchanged since a clean check)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Issue]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [f for f in self.findings if f.severity != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed and not self.problems

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def by_code(self) -> Counter:
        return Counter(f.code for f in self.findings)

    def summary(self) -> str:
        """One line: what was checked and what was found."""
        def n(k: int, word: str) -> str:
            return f"{k} {word}" + ("" if k == 1 else "s")

        parts = [n(len(self.errors), "error"), n(len(self.warnings), "warning")]
        if self.failed:
            parts.append(f"{len(self.failed)} not checked to the end")
        if self.problems:
            parts.append(n(len(self.problems), "other problem"))
        if self.allowed:
            parts.append(f"{len(self.allowed)} not reported on purpose")
        skipped = f" ({self.skipped} skipped)" if self.skipped else ""
        return f"{self.check}: {self.checked} {self.unit} checked{skipped}: " + ", ".join(parts) + "."

    def to_json(self) -> dict:
        return {
            "check": self.check, "checked": self.checked, "unit": self.unit, "ok": self.ok,
            "errors": len(self.errors), "warnings": len(self.warnings), "by_code": dict(self.by_code().most_common()),
            "findings": [asdict(f) for f in self.findings],
            "allowed": [dict(asdict(f), reason=reason) for f, reason in self.allowed],
            "failed": dict(self.failed), "problems": list(self.problems),
            "skipped": self.skipped, "seconds": round(self.seconds, 2), "summary": self.summary(),
        }

    def write(self, folder: Path, details: Mapping | None = None) -> Path:
        """<folder>/<check>.json: this result under "result", and the check's own details beside it."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        report = dict(details or {})
        report["result"] = self.to_json()
        path = folder / f"{self.check}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        return path
