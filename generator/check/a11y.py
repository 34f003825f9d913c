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

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

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

CHROMIUM_ARGS = [
    "--no-sandbox",                    # needed when running as root (CI, containers)
    "--disable-setuid-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",  # Chromium tries to reach other hosts otherwise
    "--disable-component-update",
    "--no-first-run",
]

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


class CheckError(RuntimeError):
    """The check could not run; the message says what to do."""


# ---- finding the pages ------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    path: str   # path under the site folder, as a URL path: "en/", "en/jias/statement-1/", "en/404.html"
    file: Path  # the HTML file


def file_for(site: Path, path: str) -> Path:
    file = site / path
    return file / "index.html" if path == "" or path.endswith("/") else file


def _sitemap_paths(sitemap: Path, lang_prefix: str) -> list[str]:
    """URL paths (under the site folder) of the pages a language's sitemap.xml lists."""
    try:
        tree = ET.parse(sitemap)
    except ET.ParseError as error:
        raise CheckError(f"{sitemap} is not valid XML ({error}). Build the site again.") from None
    if tree.getroot().tag.rsplit("}", 1)[-1] != "urlset":  # a sitemap index lists sitemaps, not pages
        return []
    locs = [el.text.strip() for el in tree.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]
    if not locs:
        return []
    # Every address starts with the language's own address (site_url + "<lang>/"): the homepage, the
    # shortest one. What follows it is the page's path inside the language folder.
    base = min(locs, key=len)
    base = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
    paths = []
    for loc in locs:
        if loc.startswith(base):
            rest = loc[len(base):]
        else:  # an address elsewhere: use its path after the language folder's name
            parts = urlsplit(loc).path.split(f"/{lang_prefix.strip('/')}/", 1)
            rest = parts[1] if len(parts) == 2 else urlsplit(loc).path.lstrip("/")
        paths.append(lang_prefix + rest.lstrip("/"))
    return paths


def find_pages(site: Path) -> tuple[list[Page], list[str]]:
    """Every page to check, and the problems found on the way (pages in a sitemap with no file)."""
    site = Path(site)
    paths: list[str] = []
    sitemaps = sorted(p for p in site.glob("*/sitemap.xml"))
    if (site / "sitemap.xml").exists() and not sitemaps:
        sitemaps = [site / "sitemap.xml"]
    for sitemap in sitemaps:
        lang_prefix = "" if sitemap.parent == site else sitemap.parent.name + "/"
        paths.extend(_sitemap_paths(sitemap, lang_prefix))
        if (sitemap.parent / "404.html").exists():
            paths.append(lang_prefix + "404.html")
    # With sitemaps, HTML files at the top of the site (the language chooser, which sends the browser on
    # to a language at once) are left out: pa11y would check the page it is sent to, under its address.
    if not paths:  # no sitemap: every HTML file
        for file in sorted(site.rglob("*.html")):
            rel = file.relative_to(site).as_posix()
            paths.append(rel[: -len("index.html")] if file.name == "index.html" else rel)
    pages, problems, seen = [], [], set()
    for path in paths:
        if path in seen:
            continue
        seen.add(path)
        file = file_for(site, path)
        if file.exists():
            pages.append(Page(path, file))
        else:
            problems.append(f"The sitemap lists /{path}, but there is no {file.relative_to(site)}.")
    return pages, problems


# ---- serving the site -------------------------------------------------------------------------
class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site folder. Style sheets, scripts, fonts and pictures may be kept by the browser (they do
    not change during a check), so each page after the first loads only its own HTML."""

    #: With light_search, every language's search/search_index.json is answered with its settings and no
    #: entries (see SiteServer).
    light_search = False

    def log_message(self, format, *args):  # noqa: A002 - the name is http.server's
        pass

    def end_headers(self):
        if not self.path.split("?", 1)[0].endswith((".html", "/")):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def do_GET(self):  # noqa: N802 - the name is http.server's
        if self.light_search and self.path.split("?", 1)[0].endswith("/search/search_index.json"):
            file = Path(self.translate_path(self.path))
            try:
                config = json.loads(file.read_text(encoding="utf-8")).get("config", {})
            except (OSError, ValueError):
                return super().do_GET()
            body = json.dumps({"config": config, "docs": []}).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().do_GET()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """Chromium drops connections it no longer needs (a page left before all it asked for came back,
        or a blocked file): not an error, and not worth a traceback each time."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """The site folder served on 127.0.0.1 at a free port, in a thread, for as long as the `with` lasts.

    light_search=True answers each search index with no entries. Material's search builds its index in
    the background on every page load, which took about a third of the check's time; what pa11y checks
    (the page as it loads, search box included) is the same with or without entries: search results
    only appear after someone types."""

    def __init__(self, site: Path, light_search: bool = False):
        handler_class = type("_Handler", (_QuietHandler,), {"light_search": light_search})
        handler = functools.partial(handler_class, directory=str(site))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="a11y-site", daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


# ---- running pa11y-ci -------------------------------------------------------------------------
def find_chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium") or None):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise CheckError("Chromium is not installed. Install it with `make chromium` (Debian's chromium "
                     "package), or set CHROMIUM=/path/to/chromium.")


def node_modules(root: Path) -> Path:
    """The project's node_modules, or else the one next to charterkit's own source (a git checkout)."""
    for candidate in (Path(root) / "node_modules", Path(__file__).resolve().parents[2] / "node_modules"):
        if (candidate / ".bin" / "pa11y-ci").exists():
            return candidate
    return Path(root) / "node_modules"


def node_bin_dirs(root: Path) -> list[str]:
    """Folders to put first on PATH: the virtualenv's bin (nodeenv's node), then the system's."""
    dirs = []
    for candidate in (Path(root) / ".venv" / "bin", Path(sys.prefix) / "bin",
                      Path(__file__).resolve().parents[2] / ".venv" / "bin"):
        if (candidate / "node").exists() and str(candidate) not in dirs:
            dirs.append(str(candidate))
    return dirs


def node_env(root: Path) -> dict:
    """The environment for Node.js scripts: the virtualenv's node first on PATH, the project's
    node_modules on NODE_PATH, and no browser download by puppeteer."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(node_bin_dirs(root) + [env.get("PATH", "")])
    env["PUPPETEER_SKIP_DOWNLOAD"] = "1"
    env["NODE_PATH"] = str(node_modules(root))
    return env


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


def parse_json_report(stdout: str) -> dict | None:
    for line in reversed((stdout or "").splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return None


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
    env = node_env(root)
    node = shutil.which("node", path=env["PATH"])
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


def in_ci() -> bool:
    """True on a CI service (they set CI); there every page is always checked."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def check_site(root: Path, site: Path, paths: list[str] | None = None, engine: str = "pa11y",
               skip_unchanged: bool = False) -> tuple[Outcome, dict | None]:
    """Check the pages of a built site (or only the given paths under it). Returns the outcome and pa11y's
    report. With skip_unchanged, pages whose HTML is the same as at their last clean check (with the same
    styles, scripts, fonts, pictures and checker) are not checked again."""
    root, site = Path(root).resolve(), Path(site).resolve()
    wrong = ignored_rule_problems(IGNORED_RULES)
    if wrong:
        raise CheckError("IGNORED_RULES in generator/check/a11y.py has a wrong entry: " + " ".join(wrong))
    if not site.is_dir():
        raise CheckError(f"There is no built site at {site}. Run `charterkit build` first.")
    if paths is None:
        pages, problems = find_pages(site)
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
        with SiteServer(site, light_search=True) as server, \
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


def resolve_path(root: Path, value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else (Path.cwd() / path if (Path.cwd() / path).exists() else Path(root) / path)


def run(root: Path, args) -> int:
    """`charterkit check a11y`: 0 when every page was checked and has no error, 1 otherwise, 2 if it could not run."""
    site = resolve_path(root, getattr(args, "site", "site"))
    report_dir = Path(getattr(args, "report", "reports"))
    if not report_dir.is_absolute():
        report_dir = Path.cwd() / report_dir
    engine = getattr(args, "engine", None) or "pa11y"
    every_page = bool(getattr(args, "all_pages", False)) or in_ci()
    try:
        out, report = check_site(root, site, engine=engine, skip_unchanged=not every_page)
    except CheckError as error:
        print(f"Could not run the accessibility check: {error}", file=sys.stderr)
        return 2
    report_dir.mkdir(parents=True, exist_ok=True)
    report_file = report_dir / "a11y.json"
    report_file.write_text(json.dumps({
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
    }, indent=2, ensure_ascii=False), encoding="utf-8")
    print(summary(out, report_file))
    return 0 if out.ok else 1
