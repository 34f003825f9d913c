"""`charterkit check browser`: what pa11y cannot check, in headless Chromium.

pa11y (`charterkit check a11y`) reads each page as it is loaded. These checks use the page: they resize
it, change its text spacing, press keys and follow where focus goes. browser_checks.js (next to this file)
does the work in one Chromium with one tab; this module picks the pages, serves the site, runs the script
and explains what it found.

On every page in the sitemaps (and each language's 404 page):
- reflow: at 320 CSS px wide the page does not scroll sideways (WCAG 1.4.10). A wide table may scroll
  inside its own box; the page itself may not.
- text-spacing: with WCAG 1.4.12's text spacing (line height 1.5, 2em after paragraphs, letter spacing
  0.12em, word spacing 0.16em, all !important), at 320 px and at 1280 px, no text is cut off by a box that
  clips (overflow: hidden or clip) and no text spills out of its box over what comes next.
- other-host: while it loads (and while the checks use it), the page asks no other host for anything.

On a sample, one page of each kind in each language (SAMPLE_KINDS), at 1280 px and at 320 px:
- keyboard: the first Tab stop is a skip link that can be seen when it has focus, goes to the main
  content (#ck-content) and moves focus there; every Tab stop can be seen and shows that it has focus
  (its outline, box-shadow, background, border or underline changes); focus never gets stuck or loops.
- language-switcher: every language link in the header can be reached by Tab and seen when focused, and
  Enter on another language goes to this same page in that language.
- menu: the menu button opens the navigation drawer with Enter and with Space (aria-expanded changes,
  focus goes into the menu's links), Escape and the button close it; the search button opens the search
  and Escape closes it; every other control that opens something works with Enter or Space; nothing
  reacts only to a mouse.

Everything the checks deliberately do not report is in ALLOWANCES below, with the reason.

How it stays quick (about 0.1 to 0.2 s a page, and about 1 s for each page of the sample): one Chromium;
each page loaded once at 320 px for reflow and text spacing (all in one call into the page); each sample
page loaded once at each width for everything else; no animations or transitions while checking (what is
shown at the end is the same); the search index, its worker and the sitemaps (which Material fetches on
every page and no check needs) are not fetched; a second tab in a window of its own (on a computer with 2
cores or more) can load the pages for the layout checks while the first does the keyboard checks, but is
off by default (see tab_count). Only the first tab presses keys: with two windows taking key presses at
once, Chromium sometimes stopped answering. CHARTERKIT_BROWSER_DEBUG=1 prints each step.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Issue
from .result import CheckResult
from .harness import BASE_CHROMIUM_ARGS, CheckError, Harness, NodeEnv, file_for, node_modules, report_dir

SCRIPT = Path(__file__).with_name("browser_checks.js")

#: Checks made on every page, and on the sample pages as well.
EVERY_PAGE = ("reflow", "text-spacing", "other-host")
SAMPLE_ONLY = ("keyboard", "language-switcher", "menu")
ALL_CHECKS = EVERY_PAGE + SAMPLE_ONLY

VIEWPORTS = {"narrow": {"width": 320, "height": 640}, "wide": {"width": 1280, "height": 800}}
MAIN_CONTENT = "#ck-content"
MAX_TABS = 400
PAGE_TIMEOUT_MS = 30_000

#: The one list of what the checks deliberately do not report: (check, where: a regular expression
#: matched against the problem's CSS selector) -> the reason. Keep it empty unless a report is wrong.
ALLOWANCES: dict[tuple[str, str], str] = {}

#: The sample for the keyboard, language-switcher and menu checks: one page of each kind in each
#: language. Each kind is a test on the page's path inside its language folder ("" is the home page);
#: when several pages fit, each language takes a different one, so the sample covers more documents.
SAMPLE_KINDS: dict[str, str] = {
    "home page": r"",
    "document page": r"(?P<doc>[^/]+)/",          # a folder with an easy-read page (see sample)
    "item page": r"(?P<doc>[^/]+)/(?!easy-read/)[^/]+/",
    "easy-read page": r"[^/]+/easy-read/",
    "crosswalk page": r"crosswalks/[^/]+/",
    "glossary": r"glossary/",
    "translation status page": r"translation-status/",
    "printable packs page": r"printable-packs/",
    "404 page": r"404\.html",
}

#: Chromium's switches: as for pa11y, and no host but the local server can be reached at all (a request
#: to another host is still seen, and reported, but fails at once instead of waiting for the network).
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    "--disable-extensions",
    "--hide-scrollbars",
    "--font-render-hinting=none",
]


@dataclass
class Outcome:
    pages: int = 0
    sample: int = 0
    seconds: float = 0.0
    problems: dict = field(default_factory=dict)    # path -> list of problems (dicts)
    allowed: dict = field(default_factory=dict)     # path -> list of problems the ALLOWANCES cover
    failed: dict = field(default_factory=dict)      # path -> why the checks could not finish
    other: list = field(default_factory=list)       # problems not about one page
    by_check: Counter = field(default_factory=Counter)

    @property
    def errors(self) -> int:
        return sum(len(v) for v in self.problems.values())

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failed and not self.other

    def result(self) -> CheckResult:
        """This outcome as the result every check reports through: each problem a finding coded
        "browser.<check>", at its page and element."""
        def finding(path: str, p: dict) -> Issue:
            at = f" (at {p['viewport']} px)" if p.get("viewport") else ""
            return Issue(f"browser.{p.get('check', '?')}", (p.get("problem") or "") + at, file=path,
                         key=p.get("where") or None, hint=f"Fix {WHAT_TO_FIX.get(p.get('check'), 'this')}.")
        return CheckResult(
            "browser", self.pages, "pages",
            findings=tuple(finding(path, p) for path, ps in sorted(self.problems.items()) for p in ps),
            allowed=tuple((finding(path, p), p["allowed"]) for path, ps in sorted(self.allowed.items()) for p in ps),
            failed=dict(self.failed), problems=tuple(self.other), seconds=self.seconds)


def _language(path: str) -> tuple[str, str]:
    """("en", "glossary/") for "en/glossary/"; ("", path) for a page outside any language folder."""
    head, sep, rest = path.partition("/")
    if sep and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", head):
        return head, rest
    if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", path):
        return path, ""
    return "", path


def sample(paths: list[str]) -> dict[str, str]:
    """One page of each kind (SAMPLE_KINDS) in each language: {path: kind}."""
    by_lang: dict[str, list[str]] = {}
    for path in paths:
        lang, rest = _language(path)
        by_lang.setdefault(lang, []).append(rest)
    chosen: dict[str, str] = {}
    for index, (lang, rests) in enumerate(sorted(by_lang.items())):
        present = set(rests)
        prefix = f"{lang}/" if lang else ""
        documents = {r.split("/")[0] for r in rests if r.endswith("/easy-read/") and r.count("/") == 2}
        for kind, pattern in SAMPLE_KINDS.items():
            fits = []
            for rest in rests:
                m = re.fullmatch(pattern, rest)
                if not m:
                    continue
                if "doc" in m.groupdict() and m.group("doc") not in documents:
                    continue
                if kind == "document page" and f"{rest}easy-read/" not in present:
                    continue
                fits.append(rest)
            if fits:
                chosen.setdefault(prefix + fits[index % len(fits)], kind)
    return chosen


def _allowance(problem: dict) -> str | None:
    for (check, where), reason in ALLOWANCES.items():
        if problem.get("check") == check and re.search(where, problem.get("where") or ""):
            return reason
    return None


def tab_count() -> int:
    """How many tabs (in the one Chromium) check pages side by side: one.

    With a second tab loading pages while the first pressed Enter on language links, the first tab's
    page often did not leave (38 of 45 sample pages timed out in a full run on a clean clone), and two
    tabs were only about 5% faster. CHARTERKIT_BROWSER_TABS=2 asks for two anyway."""
    wanted = os.environ.get("CHARTERKIT_BROWSER_TABS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return 1


def script_config(urls: dict[str, list[str]], host: str, chromium: str, root: Path) -> dict:
    modules = node_modules(root)
    puppeteer = modules / "puppeteer"
    if not puppeteer.exists():
        raise CheckError(f"puppeteer is not installed ({puppeteer} is missing). Run `make node-tools` "
                         f"(or `make test`), which installs it with pa11y from package-lock.json.")
    server_host = host.split(":")[0]
    return {
        "puppeteer": str(puppeteer),
        "chromium": chromium,
        # No other host can be reached: requests to them are recorded, then fail at once.
        "args": CHROMIUM_ARGS + [f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {server_host}"]
        + os.environ.get("CK_EXTRA_ARGS", "").split(),
        "host": host,
        "main": MAIN_CONTENT,
        "viewports": VIEWPORTS,
        "maxTabs": MAX_TABS,
        "timeoutMs": PAGE_TIMEOUT_MS,
        "tabs": tab_count(),
        "pages": [{"url": url, "checks": checks} for url, checks in urls.items()],
    }


def run_script(root: Path, config: dict, work: Path) -> dict:
    """Run browser_checks.js with the configuration; its JSON result."""
    timeout = 120 + 20 * len(config["pages"])
    return NodeEnv.for_root(root).run(SCRIPT, config, work, timeout, "browser checks",
                                      echo_stderr=bool(os.environ.get("CHARTERKIT_BROWSER_DEBUG")))


def check_site(root: Path, site: Path, paths: list[str] | None = None) -> tuple[Outcome, dict]:
    """Run the browser checks on a built site, or on the given paths under it.

    Every page gets EVERY_PAGE's checks. With a sitemap, the pages of the SAMPLE_KINDS sample also get the
    keyboard, language-switcher and menu checks (when paths are given: those of them among the paths);
    with no sitemap (a folder of test pages), every page gets every check. Returns the outcome and a report for reports/browser.json."""
    harness = Harness(Path(root).resolve(), Path(site).resolve())
    root, site = harness.root, harness.site
    harness.require_site()
    pages, other = harness.pages()
    if paths is not None:
        other = [f"There is no page /{p} in {site}." for p in paths if not file_for(site, p).exists()]
        paths = [p for p in paths if file_for(site, p).exists()]
    else:
        paths = [p.path for p in pages]
    has_sitemap = any(site.glob("*/sitemap.xml")) or (site / "sitemap.xml").exists()
    if has_sitemap:
        chosen = {p: kind for p, kind in sample([p.path for p in pages]).items() if p in set(paths)}
    else:
        chosen = {p: "page" for p in paths}
    if not paths:
        raise CheckError(f"{site} has no HTML pages to check.")
    chromium = harness.chromium()
    started = time.monotonic()
    with harness.serve() as server, tempfile.TemporaryDirectory(prefix="charterkit-browser-") as tmp:
        host = server.base.split("//", 1)[1].rstrip("/")
        urls = {server.base + p: list(ALL_CHECKS if p in chosen else EVERY_PAGE) for p in paths}
        result = run_script(root, script_config(urls, host, chromium, root), Path(tmp))
    out = Outcome(pages=len(paths), sample=len(chosen), seconds=time.monotonic() - started, other=other)
    results = result.get("results") or {}
    for path in paths:
        url = server.base + path
        page = results.get(url)
        if page is None:
            out.failed[path] = "the browser checks gave no result for it"
            continue
        if page.get("error"):
            out.failed[path] = page["error"]
        for problem in page.get("problems") or []:
            reason = _allowance(problem)
            if reason:
                out.allowed.setdefault(path, []).append(dict(problem, allowed=reason))
                continue
            out.problems.setdefault(path, []).append(problem)
            out.by_check[problem["check"]] += 1
    report = {
        "site": str(site),
        "pages": out.pages,
        "sample": {p: chosen[p] for p in paths if p in chosen},
        "seconds": round(out.seconds, 2),
        "browser_seconds": result.get("seconds"),
        "checks": {"every page": list(EVERY_PAGE), "sample": list(SAMPLE_ONLY)},
        "viewports": VIEWPORTS,
        "allowances": {f"{check}: {where}": why for (check, where), why in ALLOWANCES.items()},
        "errors": out.errors,
        "errors_by_check": dict(out.by_check.most_common()),
        "failed": out.failed,
        "other_problems": out.other,
        "problems": out.problems,
        "allowed": out.allowed,
        "milliseconds": {p: (results.get(server.base + p) or {}).get("ms") for p in paths},
        "timings": {p: (results.get(server.base + p) or {}).get("timings") for p in paths},
    }
    return out, report


WHAT_TO_FIX = {
    "reflow": "the page scrolls sideways at 320 px wide",
    "text-spacing": "text is cut off or overlaps with more text spacing",
    "keyboard": "keyboard use (skip link, focus that cannot be seen or has no visible style)",
    "language-switcher": "the language switcher with a keyboard",
    "menu": "menus and controls with a keyboard",
    "other-host": "requests to another host",
}


def summary(out: Outcome, report_file: Path | None = None, limit: int = 40) -> str:
    rate = out.pages / out.seconds if out.seconds else 0.0
    lines = [f"Browser checks (reflow, text spacing, other hosts on every page; keyboard, language switcher "
             f"and menus on {out.sample} sample pages): {out.pages} pages in {out.seconds:.1f} s "
             f"({rate:.1f} pages a second)."]
    if ALLOWANCES:
        lines.append(f"Not reported on purpose ({len(ALLOWANCES)}, see ALLOWANCES in generator/check/browser.py): "
                     + "; ".join(f"{c} at {w}" for c, w in ALLOWANCES))
    for problem in out.other:
        lines.append(f"Problem: {problem}")
    if out.failed:
        lines.append(f"{len(out.failed)} pages could not be checked to the end:")
        for path, why in sorted(out.failed.items())[:10]:
            lines.append(f"  /{path}: {why}")
    if out.problems:
        lines.append(f"{out.errors} problems on {len(out.problems)} pages:")
        for check, count in out.by_check.most_common():
            lines.append(f"  {count:5d}  {check}: {WHAT_TO_FIX.get(check, check)}")
        shown = 0
        for path, problems in sorted(out.problems.items()):
            for p in problems:
                if shown >= limit:
                    break
                at = f" at {p['viewport']} px" if p.get("viewport") else ""
                where = p.get("where") or ""
                text = f' ("{p["text"]}")' if p.get("text") else ""
                lines.append(f"- /{path} [{p['check']}{at}] {p['problem']}\n    Where: {where}{text}")
                shown += 1
        if out.errors > shown:
            lines.append(f"  and {out.errors - shown} more (see the report)")
    if out.ok:
        lines.append("No problems found.")
    else:
        lines.append("The browser checks failed: fix the problems above.")
    if report_file:
        lines.append(f"Full report: {report_file}")
    return "\n".join(lines)


def run(root: Path, args) -> int:
    """`charterkit check browser`: 0 when every page passes, 1 if there are problems, 2 if it could not run."""
    site = Harness.for_args(root, args).site
    reports = report_dir(args)
    try:
        out, report = check_site(root, site)
    except CheckError as error:
        print(f"Could not run the browser checks: {error}", file=sys.stderr)
        return 2
    result = out.result()
    report_file = result.write(reports, report)
    print(summary(out, report_file))
    return result.exit_code
