"""What every check of a built site shares: finding the site and its pages, serving it on 127.0.0.1,
finding Chromium, and running Node.js scripts from the project's virtualenv and node_modules.

`Harness(root, site)` holds them for one run of a check:
- pages(): every page in every language folder's sitemap.xml (site/<lang>/sitemap.xml) and each language's
  404 page; with no sitemap at all, every *.html file. Also the problems found on the way (a page a
  sitemap lists with no file);
- serve(light_search=False): the site folder on a free port of 127.0.0.1, in a thread, for a `with`;
- chromium(): the path of Chromium (CHROMIUM=..., or Debian's chromium), or CheckError saying what to do;
- node(): a NodeEnv (the environment with nodeenv's node first on PATH and NODE_PATH set), whose run()
  runs a script with a JSON configuration and returns the last JSON line it printed.

CheckError means a check could not run at all (exit code 2); its message says what to do.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from ..byteranges import ByteRanges

#: Chromium's switches for every check: root needs no sandbox (CI, containers), and Chromium must not try
#: to reach other hosts on its own. A check adds its own after these.
BASE_CHROMIUM_ARGS = (
    "--no-sandbox",                    # needed when running as root (CI, containers)
    "--disable-setuid-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",  # Chromium tries to reach other hosts otherwise
    "--disable-component-update",
    "--no-first-run",
)


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


def files_in_sitemaps(site: Path) -> set[Path]:
    """The HTML files that the language folders' sitemaps (site/<lang>/sitemap.xml) list, resolved; files a
    sitemap lists that do not exist are in it too (find_pages reports those)."""
    site = Path(site)
    files = set()
    for sitemap in sorted(site.glob("*/sitemap.xml")):
        for path in _sitemap_paths(sitemap, sitemap.parent.name + "/"):
            files.add(file_for(site, path).resolve())
    return files


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
class _QuietHandler(ByteRanges, SimpleHTTPRequestHandler):
    """Serves the site folder (and parts of files, as web servers do: byteranges.py). Style sheets, scripts, fonts and pictures may be kept by the browser (they do
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


# ---- Chromium and Node.js -------------------------------------------------------------------------
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


def parse_json_report(stdout: str) -> dict | None:
    for line in reversed((stdout or "").splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return None



def in_ci() -> bool:
    """True on a CI service (they set CI); there every page is always checked."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def resolve_path(root: Path, value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else (Path.cwd() / path if (Path.cwd() / path).exists() else Path(root) / path)



def report_dir(args) -> Path:
    """The folder for a check's full report (--report, by default reports/ in the current folder)."""
    folder = Path(getattr(args, "report", None) or "reports")
    return folder if folder.is_absolute() else Path.cwd() / folder


@dataclass(frozen=True)
class NodeEnv:
    """Node.js as the checks run it: nodeenv's node in the virtualenv first, the project's node_modules."""
    env: dict
    node: str | None        # the node program, or None when there is none
    node_modules: Path

    @classmethod
    def for_root(cls, root: Path) -> "NodeEnv":
        env = node_env(root)
        return cls(env, shutil.which("node", path=env["PATH"]), node_modules(root))

    def run(self, script: Path, config: dict, work: Path, timeout: float, name: str,
            echo_stderr: bool = False) -> dict:
        """Run `node script config.json` in work and return the JSON it printed last. CheckError, saying what
        happened, when node is missing, the script takes longer than timeout seconds or prints no JSON.
        With echo_stderr, what the script wrote to stderr (its progress) is shown."""
        if not self.node:
            raise CheckError("Node.js is not installed. Run `make build` (it puts Node.js into .venv).")
        config_file = Path(work) / f"{name}.json"
        config_file.write_text(json.dumps(config, indent=1), encoding="utf-8")
        try:
            proc = subprocess.run([self.node, str(script), str(config_file)], cwd=str(work), env=self.env,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CheckError(f"The {name} did not finish within {timeout:.0f} s.") from None
        if echo_stderr:
            sys.stderr.write(proc.stderr)
        result = parse_json_report(proc.stdout)
        if result is not None:
            return result
        raise CheckError(f"The {name} stopped (exit code {proc.returncode}) without a result. They "
                         f"printed:\n{(proc.stderr or proc.stdout or '(nothing)').strip()[-3000:]}")


@dataclass(frozen=True)
class Harness:
    """One check's view of the project (root) and the built site it checks."""
    root: Path
    site: Path

    @classmethod
    def for_args(cls, root: Path, args) -> "Harness":
        """The harness for `charterkit check ... --site SITE` (SITE from the current folder if it is there,
        else from the project)."""
        return cls(Path(root).resolve(), resolve_path(root, getattr(args, "site", None) or "site").resolve())

    def require_site(self) -> None:
        if not self.site.is_dir():
            raise CheckError(f"There is no built site at {self.site}. Run `charterkit build` first.")

    def pages(self) -> tuple[list[Page], list[str]]:
        return find_pages(self.site)

    def serve(self, light_search: bool = False) -> "SiteServer":
        return SiteServer(self.site, light_search=light_search)

    def chromium(self) -> str:
        return find_chromium()

    def node(self) -> NodeEnv:
        return NodeEnv.for_root(self.root)
