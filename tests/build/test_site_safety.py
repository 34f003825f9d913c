"""Every page of the default site: nothing on it runs but the site's own scripts, and it says so itself.

- no event attribute (onclick=...), style attribute, <iframe>, <object>, <embed> or <base>;
- no javascript:, vbscript: or data: address in any link or resource (read as a browser reads it: HTML
  codes decoded, tabs and line breaks dropped);
- every script is the site's own file, or an inline script whose hash the page's Content-Security-Policy
  lists; the policy is the first thing in <head>, before any script, allows no 'unsafe-inline' or
  'unsafe-eval' for scripts and no inline styles except by hash.
"""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background",
                  "cite", "longdesc", "manifest", "icon"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


class Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.policy: str | None = None
        self.policy_before_scripts = False
        self.scripts_seen = 0
        self.inline: list[str] = []  # bodies of inline JavaScript
        self.styles: list[str] = []  # bodies of <style> elements
        self._in: tuple[str, bool] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event attribute {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                browser_sees = re.sub(r"[\x00-\x20]", "", value).lower()
                if browser_sees.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.append(f'{name}="{value[:60]}" on <{tag}>')
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            if self.policy is not None:
                self.problems.append("two Content-Security-Policy elements")
            self.policy = a.get("content") or ""
            self.policy_before_scripts = self.scripts_seen == 0
        if tag == "script":
            self.scripts_seen += 1
            if a.get("src"):
                if re.match(r"^([a-z][a-z0-9+.-]*:|//)", a["src"], re.I):
                    self.problems.append(f"script from another site: {a['src']}")
            else:
                kind = (a.get("type") or "text/javascript").lower()
                self._in = ("script", kind in ("text/javascript", "application/javascript", "module"))
                self._buffer = []
        if tag == "style":
            self._in = ("style", True)
            self._buffer = []

    def handle_data(self, data):
        if self._in is not None:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if self._in is not None and tag == self._in[0]:
            body = "".join(self._buffer)
            if tag == "script" and self._in[1]:
                self.inline.append(body)
            elif tag == "style":
                self.styles.append(body)
            self._in = None


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_no_page_of_the_built_site_can_run_anything_but_its_own_scripts(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 500  # every page of every language
    problems: list[str] = []
    for path in pages:
        rel = path.relative_to(built_site).as_posix()
        raw = path.read_text(encoding="utf-8")
        scan = Scan()
        scan.feed(raw)
        problems += [f"{rel}: {p}" for p in scan.problems]
        if scan.policy is None:
            problems.append(f"{rel}: no Content-Security-Policy")
            continue
        if not scan.policy_before_scripts:
            problems.append(f"{rel}: the Content-Security-Policy comes after a script")
        policy = directives(scan.policy)
        scripts = policy.get("script-src", [])
        styles = policy.get("style-src", [])
        for name, words in (("script-src", scripts), ("style-src", styles)):
            if not words:
                problems.append(f"{rel}: no {name}")
            bad = [w for w in words if w in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")]
            if bad:
                problems.append(f"{rel}: {name} allows {bad}")
        if policy.get("default-src") != ["'self'"] or policy.get("object-src") != ["'none'"] \
                or policy.get("base-uri") != ["'self'"]:
            problems.append(f"{rel}: default-src, object-src or base-uri is not as strict as it should be")
        for body in scan.inline:
            if sha256(body) not in scripts:
                problems.append(f"{rel}: an inline script not allowed by the policy: {body[:60]!r}")
        for body in scan.styles:
            if sha256(body) not in styles:
                problems.append(f"{rel}: a <style> not allowed by the policy")
    assert not problems, "\n".join(problems[:30])


def test_the_policy_lets_the_themes_own_inline_scripts_run(built_site: Path):
    """Each page's inline scripts (Material's: the site's address for its stored settings, and the tabbed-content
    helper) are allowed by hash, so nothing the theme needs is blocked."""
    page = built_site / "en" / "jias-engagement-framework" / "index.html"
    scan = Scan()
    scan.feed(page.read_text(encoding="utf-8"))
    assert scan.inline, "the theme's inline scripts are on the page"
    scripts = directives(scan.policy)["script-src"]
    assert [sha256(body) in scripts for body in scan.inline] == [True] * len(scan.inline)
    assert "'self'" in scripts
    root = Scan()
    root.feed((built_site / "index.html").read_text(encoding="utf-8"))
    assert root.inline and root.styles and sha256(root.inline[0]) in directives(root.policy)["script-src"]
