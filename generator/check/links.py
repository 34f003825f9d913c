"""`charterkit check links`: every internal link and anchor works, every page is in a sitemap,
and no page asks another host for anything (fonts, scripts, pictures, styles)."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from ..diagnostics import Report
from .harness import CheckError, Harness, files_in_sitemaps, report_dir
from .result import CheckResult

FETCHING = {"script": "src", "img": "src", "iframe": "src", "audio": "src", "video": "src", "source": "src",
            "embed": "src", "object": "data", "track": "src", "input": "src"}


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    fetches: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.info.ids.add(a[key])
        if tag == "a" and a.get("href"):
            self.info.links.append(a["href"])
        if tag in FETCHING and a.get(FETCHING[tag]):
            self.info.fetches.append(a[FETCHING[tag]])
        if a.get("srcset"):
            self.info.fetches.extend(part.strip().split(" ")[0] for part in a["srcset"].split(","))
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if rel in ("alternate", "canonical", "next", "prev", "sitemap"):
                self.info.links.append(a["href"])
            else:
                self.info.fetches.append(a["href"])
        style = a.get("style") or ""
        self.info.fetches.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", style))


def parse(path: Path) -> PageInfo:
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p.info


def _external(url: str) -> bool:
    return url.startswith("//") or urlparse(url).scheme in ("http", "https")


def _resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points at, or None for links that are not to files here."""
    parsed = urlparse(url)
    if parsed.scheme or url.startswith("//"):
        return None
    base = "/" + page.relative_to(site).as_posix()
    target = urlparse(urljoin(base, url))
    path = site / unquote(target.path).lstrip("/")
    if unquote(target.path).endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(target.fragment)


def check_site(site: Path, report: Report) -> dict:
    pages = sorted(site.rglob("*.html"))
    info = {p: parse(p) for p in pages}
    n_links = 0
    for page, pi in info.items():
        rel = page.relative_to(site).as_posix()
        for url in pi.fetches:
            if _external(url):
                report.error("links.third-party", f"The page asks another host for {url}.", file=rel,
                             hint="Serve the file from this site instead (fonts and pictures come from npm packages).")
        for url in pi.links + [u for u in pi.fetches if not _external(u)]:
            if url.startswith(("mailto:", "tel:", "javascript:")) or _external(url):
                continue
            found = _resolve(site, page, url)
            if found is None:
                continue
            n_links += 1
            target, anchor = found
            if not target.exists():
                report.error("links.broken", f'The link "{url}" goes to a page that does not exist.', file=rel,
                             hint="Check the ID in the data, or the link in the content page.")
            elif anchor and target.suffix == ".html":
                tinfo = info.get(target) or parse(target)
                if anchor not in tinfo.ids:
                    report.error("links.anchor", f'The link "{url}" goes to a part of a page ("#{anchor}") that does not exist.',
                                 file=rel, hint="Check the section or item ID after the #.")
    # every page is in a sitemap (404 pages are not meant to be)
    try:
        listed = files_in_sitemaps(site)
    except CheckError as error:
        listed = set()
        report.error("links.sitemap", str(error), hint="Build the site again.")
    for page in pages:
        if page.name == "404.html" or page.parent == site:
            continue
        if page.resolve() not in listed:
            report.error("links.not-in-sitemap", "The page is not in its language's sitemap.xml.",
                         file=page.relative_to(site).as_posix(), hint="Pages must be in the navigation to be in the sitemap.")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", text):
            report.error("links.third-party", f"The stylesheet asks another host for {m.group(1)}.",
                         file=css.relative_to(site).as_posix(), hint="Serve the file from this site instead.")
    return {"pages": len(pages), "links": n_links}


def run(root: Path, args) -> int:
    site = Harness.for_args(root, args).site
    if not site.is_dir():
        print(f"There is no built site at {site}. Run 'make build' first.", file=sys.stderr)
        return 2
    report = Report()
    figures = check_site(site, report)
    if report.issues:
        print(report.format())
    print(f"Checked {figures['links']} internal links on {figures['pages']} pages: {report.summary()}")
    result = CheckResult("links", figures["pages"], "pages", findings=tuple(report.issues))
    result.write(report_dir(args), {"site": str(site), **figures})
    return result.exit_code
