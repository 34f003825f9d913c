"""`charterkit check a11y`: every page of the built site through pa11y, with HTML CodeSniffer and axe.

How it works, in order:
1. find the pages: every page in every language folder's sitemap.xml (site/<lang>/sitemap.xml), and
   each language's 404 page; with no sitemap at all, every *.html file;
2. outside CI and without --all-pages, leave out pages whose HTML is the same as at their last clean check
   (and whose styles, scripts, fonts, pictures and checker are the same too): see CleanPages;
3. serve the site folder on 127.0.0.1 at a free port (http.server in a thread), see SiteServer;
4. run pa11y with the standard WCAG2AA and two runners, htmlcs and axe (axe through a small runner
   written next to the configuration, because pa11y's own axe runner cannot ask for axe's wcag22aa rules;
   on easy-read pages it also asks for 7:1 contrast). The default engine is pa11y_runner.js, charterkit's
   driver for pa11y: it keeps one tab open and does not wait for the network to be quiet after each page
   has loaded, which made pa11y-ci about three times slower. `--engine pa11y-ci` runs pa11y-ci itself
   with the same settings. Either way there is one process per core, each with its own Chromium, each
   checking its share of the pages one at a time;
5. read the JSON report (pa11y-ci's format, from either engine). The check fails on any error and on
   any page that "Failed to run" or has no result at all: an exit code alone is not trusted;
6. print a short summary (pages, pages a second, errors by rule, worst pages) and write the whole
   report to <report>/a11y.json.

Every rule the check ignores is in IGNORED_RULES below, with the reason. Nothing else is ignored. pa11y still
reports what an ignored rule finds; the check keeps it apart (in the report's "allowed", with the reason)
instead of counting it, so what is ignored can always be seen.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Page, find_pages, node_bin_dirs, node_env and SiteServer are also imported from here by older code and tests.
from ..diagnostics import Issue
from .result import CheckResult
from .harness import (BASE_CHROMIUM_ARGS, CheckError, Harness, NodeEnv, Page, SiteServer, file_for, find_chromium,  # noqa: F401
                      find_pages, in_ci, node_bin_dirs, node_env, node_modules, parse_json_report, report_dir,
                      resolve_path)

#: The one list of rules the check does not report, each with its reason. Codes are pa11y's: axe rule
#: ids (for example "color-contrast") and HTML CodeSniffer codes (for example
#: "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail"). Keep it empty unless a rule is wrong for us.
#: Each entry is checked before the check runs (see ignored_rule_problems): a wrong one stops it.
IGNORED_RULES: dict[str, str] = {}

#: What a rule's code looks like: an axe rule id ("image-alt") or an HTML CodeSniffer code
#: ("WCAG2AA.Principle1.Guideline1_1.1_1_1.H37", with or without its last parts).
_AXE_RULE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_HTMLCS_CODE = re.compile(r"WCAG2A{1,3}\.Principle[1-4]\.Guideline\d_\d+\.\d_\d+_\d+(\.[A-Za-z0-9_.,-]+)?")


def ignored_rule_problems(rules: dict[str, str]) -> list[str]:
    """What is wrong with a list of ignored rules like IGNORED_RULES: a code that is neither an axe rule id
    nor an HTML CodeSniffer code, or a reason shorter than four words. An empty list means it is fine."""
    problems = []
    for code, reason in rules.items():
        if not isinstance(code, str) or not (_AXE_RULE.fullmatch(code) or _HTMLCS_CODE.fullmatch(code)):
            problems.append(f"{code!r} is not an axe rule id (like \"image-alt\") or an HTML CodeSniffer code "
                            f"(like \"WCAG2AA.Principle1.Guideline1_1.1_1_1.H37\").")
        if not isinstance(reason, str) or len(reason.split()) < 4:
            problems.append(f"{code!r} needs a reason of at least four words saying why the rule is wrong for us.")
    return problems


def ignored_reason(code: str) -> str | None:
    """The reason IGNORED_RULES gives for not reporting a pa11y code, or None when it is reported."""
    wanted = code.lower()
    for rule, reason in IGNORED_RULES.items():
        if rule.lower() == wanted:
            return reason
    return None

#: axe-core rule tags the check asks for: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

#: Pages with this element are easy-read pages: on them axe also checks text against 7:1
#: (its rule color-contrast-enhanced), the contrast easy read asks for.
EASY_READ_SELECTOR = ".ck-easy-read"

STANDARD = "WCAG2AA"
PAGE_TIMEOUT_MS = 30_000
#: One page at a time: with puppeteer 24 and Debian's Chromium 156, concurrency 2 made pages "Failed to run".
CONCURRENCY = 1

CHROMIUM_ARGS = list(BASE_CHROMIUM_ARGS)

#: A pa11y runner for axe that asks for AXE_TAGS (pa11y's own axe runner asks for wcag2a, wcag2aa,
#: wcag21a, wcag21aa and best-practice only), adds the 7:1 contrast rule on easy-read pages, and reports
#: every violation as an error. pa11y turns
#: run() into text and runs it in the page, so it must not use anything from outside itself.
_AXE_RUNNER = """'use strict';
// Written by charterkit (generator/check/a11y.py) for each run; do not edit.
module.exports = {
  supports: '^9.0.0',
  scripts: [__AXE_PATH__],
  run: async function (options) {
    const tags = __AXE_TAGS__;
    const known = new Set(window.axe.getRules().map(rule => rule.ruleId));
    const rules = {};
    // Easy-read pages (their words are in div.ck-easy-read) must reach 7:1, axe's AAA contrast rule.
    if (window.document.querySelector(__EASY_READ_SELECTOR__)) rules['color-contrast-enhanced'] = {enabled: true};
    for (const id of options.ignore || []) if (known.has(id)) rules[id] = {enabled: false};
    const result = await window.axe.run(options.rootElement || window.document, {
      runOnly: {type: 'tag', values: tags},
      rules: rules,
      resultTypes: ['violations']
    });
    const issues = [];
    for (const rule of result.violations) {
      for (const node of (rule.nodes.length ? rule.nodes : [{target: null}])) {
        const selector = node.target ? node.target.join(' ') : null;
        issues.push({
          element: selector ? window.document.querySelector(selector) : null,
          code: rule.id,
          type: 'error',
          message: rule.help + ' (' + rule.helpUrl + ')',
          runnerExtras: {description: rule.description, impact: rule.impact, tags: rule.tags,
                         help: rule.help, helpUrl: rule.helpUrl}
        });
      }
    }
    return issues;
  }
};
"""


def pa11y_config(urls: list[str], chromium: str, axe_runner: Path) -> dict:
    return {
        "defaults": {
            "standard": STANDARD,
            "runners": ["htmlcs", str(axe_runner)],
            "timeout": PAGE_TIMEOUT_MS,
            "wait": 0,
            "concurrency": CONCURRENCY,
            # Nothing is ignored by pa11y itself: read_report keeps what IGNORED_RULES covers apart.
            "ignore": [],
            "chromeLaunchConfig": {"executablePath": chromium, "args": list(CHROMIUM_ARGS)},
            # One browser context for all pages of a process: a fresh one per page cost 0.8 s a page,
            # and the pages keep nothing between them that changes what is checked.
            "useIncognitoBrowserContext": False,
        },
        "urls": urls,
    }


def write_axe_runner(folder: Path, root: Path) -> Path:
    axe = node_modules(root) / "axe-core" / "axe.min.js"
    if not axe.exists():
        raise CheckError(f"{axe} is missing. Run `make node-tools` to install the test tools.")
    text = (_AXE_RUNNER.replace("__AXE_PATH__", json.dumps(str(axe)))
            .replace("__AXE_TAGS__", json.dumps(list(AXE_TAGS)))
            .replace("__EASY_READ_SELECTOR__", json.dumps(EASY_READ_SELECTOR)))
    runner = folder / "charterkit-axe.js"
    runner.write_text(text, encoding="utf-8")
    return runner


def shard_count(pages: int) -> int:
    """How many processes to run side by side: one per core, each with at least 10 pages.

    CHARTERKIT_A11Y_SHARDS=N sets it. Each process drives its own Chromium one page at a time (concurrency
    inside one pa11y-ci broke with Chromium 156; separate processes do not share a browser). More processes
    than cores was slower when measured: the work is the browser's, and it keeps every core busy."""
    wanted = os.environ.get("CHARTERKIT_A11Y_SHARDS")
    if wanted and wanted.isdigit() and int(wanted) > 0:
        return min(int(wanted), pages)
    return max(1, min(os.cpu_count() or 1, pages // 10))


#: The engines `charterkit check a11y --engine` can use. "pa11y" (the default) is charterkit's driver
#: for pa11y, pa11y_runner.js next to this file: the same checks as pa11y-ci, on one tab kept open, with no
#: wait for the network to go quiet after each page has loaded. "pa11y-ci" runs pa11y-ci itself.
ENGINES = ("pa11y", "pa11y-ci")
DRIVER = Path(__file__).with_name("pa11y_runner.js")
VIEWPORT = {"width": 1280, "height": 1024}  # pa11y's default


def driver_config(urls: list[str], chromium: str, axe_runner: Path) -> dict:
    return {
        "urls": urls,
        "chromium": chromium,
        "args": list(CHROMIUM_ARGS),
        "runners": ["htmlcs", str(axe_runner)],
        "standard": STANDARD,
        "ignore": [],  # as in pa11y_config
        "timeout": PAGE_TIMEOUT_MS,
        "viewport": dict(VIEWPORT),
    }


def run_pa11y(root: Path, urls: list[str], work: Path, shards: int = 1,
              engine: str = "pa11y") -> tuple[dict | None, str]:
    """Run pa11y (or pa11y-ci) on urls, in `shards` processes side by side, and merge their JSON reports.

    Returns the merged report (None if no process gave one) and what the processes printed besides it."""
    if engine not in ENGINES:
        raise CheckError(f"Unknown engine {engine!r}: use one of {', '.join(ENGINES)}.")
    modules = node_modules(root)
    pa11y = modules / ".bin" / "pa11y-ci"
    if not pa11y.exists():
        raise CheckError(f"pa11y-ci is not installed ({pa11y} is missing). Run `make node-tools` "
                         f"(or `make test`), which installs it from package-lock.json.")
    chromium = find_chromium()
    runner = write_axe_runner(work, root)
    node_js = NodeEnv.for_root(root)
    env, node = node_js.env, node_js.node
    if engine == "pa11y" and not node:
        raise CheckError("Node.js is not installed in the virtualenv. Run `make node-tools` (or `make test`).")
    procs = []
    for index in range(max(1, shards)):
        part = urls[index::max(1, shards)]
        if not part:
            continue
        config = work / f"{engine}-{index}.json"
        if engine == "pa11y":
            config.write_text(json.dumps(driver_config(part, chromium, runner), indent=2), encoding="utf-8")
            command = [node, str(DRIVER), str(config)]
        else:
            config.write_text(json.dumps(pa11y_config(part, chromium, runner), indent=2), encoding="utf-8")
            command = [str(pa11y), "--config", str(config), "--json"]
        procs.append(subprocess.Popen(command, cwd=str(work), env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    merged: dict | None = None
    printed = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        report = parse_json_report(stdout)
        if report is None:
            printed.append("\n".join(x for x in (stdout.strip(), stderr.strip()) if x) or
                           f"{engine} stopped with exit code {proc.returncode} and printed nothing")
            continue
        if stderr.strip():
            printed.append(stderr.strip())
        if merged is None:
            merged = {"total": 0, "passes": 0, "errors": 0, "results": {}}
        for key in ("total", "passes", "errors"):
            merged[key] += report.get(key, 0)
        merged["results"].update(report.get("results") or {})
    return merged, "\n".join(printed)


# ---- reading the report -----------------------------------------------------------------------
@dataclass
class Outcome:
    pages: int = 0                                     # pages checked
    skipped: int = 0                                   # pages not checked: unchanged since a clean check
    seconds: float = 0.0
    errors: int = 0
    by_rule: Counter = field(default_factory=Counter)
    by_page: dict = field(default_factory=dict)        # path -> number of errors
    failed: dict = field(default_factory=dict)         # path -> why it could not be checked
    issues: dict = field(default_factory=dict)         # path -> list of issues
    allowed: dict = field(default_factory=dict)        # path -> issues of IGNORED_RULES, each with its reason
    problems: list = field(default_factory=list)       # problems outside pa11y (missing files)

    @property
    def ok(self) -> bool:
        return self.errors == 0 and not self.failed and not self.problems

    def result(self) -> CheckResult:
        """This outcome as the result every check reports through: each issue a finding coded
        "a11y.<runner>.<rule>", at its page and selector."""
        def finding(path: str, issue: dict) -> Issue:
            return Issue(f"a11y.{issue.get('runner', '?')}.{issue['code']}", issue.get("message") or issue["code"],
                         file=path, key=issue.get("selector") or None,
                         hint="See the rule's help (its address is in the message) and fix the page or the theme.")
        return CheckResult(
            "a11y", self.pages, "pages",
            findings=tuple(finding(path, i) for path, issues in sorted(self.issues.items()) for i in issues),
            allowed=tuple((finding(path, i), i["allowed"]) for path, issues in sorted(self.allowed.items())
                          for i in issues),
            failed=dict(self.failed), problems=tuple(self.problems), skipped=self.skipped, seconds=self.seconds)


def _runner_name(runner: str | None) -> str:
    if not runner:
        return "?"
    return "axe" if runner.endswith("charterkit-axe.js") else runner


def read_report(report: dict | None, url_to_path: dict[str, str], pa11y_output: str) -> Outcome:
    out = Outcome(pages=len(url_to_path))
    if report is None:
        for path in url_to_path.values():
            out.failed[path] = "pa11y-ci gave no report"
        out.problems.append("pa11y-ci did not give a JSON report. What it printed:\n" + (pa11y_output or "(nothing)"))
        return out
    results = report.get("results") or {}
    for url, path in url_to_path.items():
        if url not in results:
            out.failed[path] = "no result from pa11y-ci"
            continue
        page_issues = []
        for issue in results[url] or []:
            if not isinstance(issue, dict) or "code" not in issue:
                # pa11y-ci puts the error of a page that "Failed to run" in the list, without a code
                message = issue.get("message") if isinstance(issue, dict) else str(issue)
                out.failed[path] = message or "failed to run"
                continue
            if issue.get("type", "error") != "error":
                continue
            issue = dict(issue, runner=_runner_name(issue.get("runner")))
            reason = ignored_reason(issue["code"])
            if reason is not None:
                out.allowed.setdefault(path, []).append(dict(issue, allowed=reason))
                continue
            page_issues.append(issue)
            out.by_rule[f"{issue['runner']}: {issue['code']}"] += 1
        if page_issues:
            out.issues[path] = page_issues
            out.by_page[path] = len(page_issues)
            out.errors += len(page_issues)
    for url in results:
        if url not in url_to_path:
            out.problems.append(f"pa11y-ci reported a page it was not asked about: {url}")
    if out.failed and pa11y_output:
        out.problems.append("pa11y-ci printed:\n" + pa11y_output[-3000:])
    return out


def summary(out: Outcome, report_file: Path | None) -> str:
    rate = out.pages / out.seconds if out.seconds else 0.0
    lines = [f"Accessibility (pa11y: HTML CodeSniffer {STANDARD} and axe {', '.join(AXE_TAGS)}, "
             f"7:1 contrast on easy-read pages): "
             f"{out.pages} pages checked in {out.seconds:.1f} s ({rate:.2f} pages a second)."]
    if out.skipped:
        lines.append(f"{out.skipped} pages not checked again: their HTML, styles and scripts are the same as at "
                     f"their last clean check (add --all-pages to check them too; on CI every page is checked).")
    if IGNORED_RULES:
        kept = sum(len(issues) for issues in out.allowed.values())
        lines.append(f"Rules ignored ({len(IGNORED_RULES)}, see IGNORED_RULES in generator/check/a11y.py): "
                     + ", ".join(sorted(IGNORED_RULES)) + f"; {kept} issues they cover not counted (in the report).")
    for problem in out.problems:
        lines.append(f"Problem: {problem}")
    if out.failed:
        lines.append(f"{len(out.failed)} pages could not be checked (\"Failed to run\"):")
        for path, why in sorted(out.failed.items())[:10]:
            lines.append(f"  /{path}: {why.splitlines()[0] if why else ''}")
        if len(out.failed) > 10:
            lines.append(f"  and {len(out.failed) - 10} more")
    if out.errors:
        lines.append(f"{out.errors} errors on {len(out.by_page)} pages. Errors by rule:")
        for rule, count in out.by_rule.most_common():
            lines.append(f"  {count:5d}  {rule}")
        lines.append("Pages with the most errors:")
        for path, count in sorted(out.by_page.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
            first = out.issues[path][0]
            lines.append(f"  {count:5d}  /{path}  (first: {first['code']} at {first.get('selector') or '?'})")
    if out.ok:
        lines.append("No accessibility errors found.")
    else:
        lines.append("The accessibility check failed: fix the errors above (details in the report).")
    if report_file:
        lines.append(f"Full report: {report_file}")
    return "\n".join(lines)


# ---- pages unchanged since their last clean check ---------------------------------------------
#: Files whose content changes what a page looks like besides its own HTML. If any of them changes, every
#: page is checked again.
_ASSET_SUFFIXES = (".css", ".js", ".woff2", ".woff", ".ttf", ".otf", ".svg", ".png", ".jpg", ".jpeg",
                   ".gif", ".webp", ".ico")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checker_fingerprint(root: Path, site: Path) -> str:
    """A hash of everything besides a page's own HTML that decides what the check finds on it: the
    settings of the check, the versions of pa11y, axe and HTML CodeSniffer, this module and its driver,
    and every style sheet, script, font and picture in the site."""
    digest = hashlib.sha256()
    digest.update(json.dumps([STANDARD, AXE_TAGS, sorted(IGNORED_RULES), EASY_READ_SELECTOR, VIEWPORT,
                              CHROMIUM_ARGS]).encode())
    modules = node_modules(root)
    for package in ("pa11y", "pa11y-ci", "axe-core", "@pa11y/html_codesniffer", "puppeteer"):
        manifest = modules / package / "package.json"
        digest.update(f"{package}={_sha256(manifest) if manifest.exists() else '-'}".encode())
    for own in (Path(__file__), DRIVER):
        digest.update(_sha256(own).encode())
    for file in sorted(site.rglob("*")):
        if file.suffix.lower() in _ASSET_SUFFIXES and file.is_file():
            digest.update(file.relative_to(site).as_posix().encode())
            digest.update(_sha256(file).encode())
    return digest.hexdigest()


class CleanPages:
    """The pages that passed their last check, by the hash of their HTML, kept in
    .charterkit-cache/a11y/clean-pages.json. Only used outside CI and without --all-pages."""

    def __init__(self, root: Path, site: Path):
        self.file = Path(root) / ".charterkit-cache" / "a11y" / "clean-pages.json"
        self.site = site
        self.fingerprint = checker_fingerprint(root, site)
        self.pages: dict[str, str] = {}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("site") == str(site) and data.get("checker") == self.fingerprint:
                self.pages = dict(data.get("pages") or {})
        except (OSError, ValueError, AttributeError):
            pass

    def unchanged(self, path: str) -> bool:
        return self.pages.get(path) == _sha256(file_for(self.site, path))

    def record(self, out: "Outcome", checked: list[str], present: list[str]) -> None:
        for path in checked:
            if path in out.issues or path in out.failed:
                self.pages.pop(path, None)
            else:
                self.pages[path] = _sha256(file_for(self.site, path))
        keep = set(present)
        self.pages = {path: sha for path, sha in self.pages.items() if path in keep}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temp = self.file.with_suffix(".tmp")
        temp.write_text(json.dumps({"site": str(self.site), "checker": self.fingerprint, "pages": self.pages},
                                   indent=0, sort_keys=True), encoding="utf-8")
        os.replace(temp, self.file)


def check_site(root: Path, site: Path, paths: list[str] | None = None, engine: str = "pa11y",
               skip_unchanged: bool = False) -> tuple[Outcome, dict | None]:
    """Check the pages of a built site (or only the given paths under it). Returns the outcome and pa11y's
    report. With skip_unchanged, pages whose HTML is the same as at their last clean check (with the same
    styles, scripts, fonts, pictures and checker) are not checked again."""
    harness = Harness(Path(root).resolve(), Path(site).resolve())
    root, site = harness.root, harness.site
    wrong = ignored_rule_problems(IGNORED_RULES)
    if wrong:
        raise CheckError("IGNORED_RULES in generator/check/a11y.py has a wrong entry: " + " ".join(wrong))
    harness.require_site()
    if paths is None:
        pages, problems = harness.pages()
        paths = [p.path for p in pages]
    else:
        problems = [f"There is no page /{p} in {site}." for p in paths if not file_for(site, p).exists()]
        paths = [p for p in paths if file_for(site, p).exists()]
    if not paths:
        raise CheckError(f"{site} has no HTML pages to check.")
    clean = CleanPages(root, site) if skip_unchanged else None
    to_check = [p for p in paths if not clean.unchanged(p)] if clean else list(paths)
    started = time.monotonic()
    report, output, url_to_path = None, "", {}
    if to_check:
        with harness.serve(light_search=True) as server, \
                tempfile.TemporaryDirectory(prefix="charterkit-a11y-") as tmp:
            url_to_path = {server.base + path: path for path in to_check}
            report, output = run_pa11y(root, list(url_to_path), Path(tmp), shard_count(len(to_check)), engine)
        out = read_report(report, url_to_path, output)
    else:
        out = Outcome()
    out.seconds = time.monotonic() - started
    out.skipped = len(paths) - len(to_check)
    out.problems[:0] = problems
    if clean is not None and not out.problems:
        clean.record(out, to_check, paths)
    return out, report


def run(root: Path, args) -> int:
    """`charterkit check a11y`: 0 when every page was checked and has no error, 1 otherwise, 2 if it could not run."""
    site = Harness.for_args(root, args).site
    reports = report_dir(args)
    engine = getattr(args, "engine", None) or "pa11y"
    every_page = bool(getattr(args, "all_pages", False)) or in_ci()
    try:
        out, report = check_site(root, site, engine=engine, skip_unchanged=not every_page)
    except CheckError as error:
        print(f"Could not run the accessibility check: {error}", file=sys.stderr)
        return 2
    result = out.result()
    report_file = result.write(reports, {
        "site": str(site),
        "standard": STANDARD,
        "axe_tags": list(AXE_TAGS),
        "ignored_rules": IGNORED_RULES,
        "engine": engine,
        "pages": out.pages,
        "pages_skipped_unchanged": out.skipped,
        "seconds": round(out.seconds, 2),
        "pages_per_second": round(out.pages / out.seconds, 2) if out.seconds else None,
        "errors": out.errors,
        "errors_by_rule": dict(out.by_rule.most_common()),
        "failed_to_run": out.failed,
        "problems": out.problems,
        "issues": out.issues,
        "allowed": out.allowed,
        "pa11y_ci": report,
    })
    print(summary(out, report_file))
    return result.exit_code
