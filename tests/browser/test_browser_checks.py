"""The browser checks (`charterkit check browser`): what pa11y cannot check, in headless Chromium.

Each page in tests/fixtures/browser/ has known faults, and the check must find them under the right check
name (and nothing else); clean.html has none and must pass. The default site must pass every check on
every page. The browser tests need node_modules (make node-tools) and Chromium (make chromium); the
tests at the end need neither.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.check import browser
from generator.check.a11y import find_pages

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "browser"

#: Each fixture page: the problems it must have, as (check, words in the problem, words in "where"). The
#: page must have no problem under any other check.
EXPECTED_FAULTS = {
    "reflow.html": [("reflow", "scrolls sideways at 320 px", "div.wide")],
    "text-spacing.html": [("text-spacing", "text is cut off down", "p.clipped"),
                          ("text-spacing", "spills out of its box over", "div.spilling")],
    "no-skip-link.html": [("keyboard", "first Tab stop is not a skip link", "nav > a")],
    "skip-to-nowhere.html": [("keyboard", "goes to #main, but nothing on the page has that id", "a.skip")],
    "no-focus-outline.html": [("keyboard", "shows no sign of having focus", "#ck-content > p"),
                              ("keyboard", "shows no sign of having focus", "header > nav > a")],
    "mouse-only-menu.html": [("menu", "cannot take focus", "#menu-1"),
                             ("menu", "Enter and Space do nothing", "#menu-2")],
    "other-host.html": [("other-host", "asks another host for https://example.com/x.js", "example.com")],
    "language-switcher.html": [("language-switcher", "has no link to the de version", "header"),
                               ("language-switcher", "fr version cannot be reached with Tab", 'a[hreflang="fr"]')],
    "focus-off-screen.html": [("keyboard", "cannot be seen when it has it: it is outside the window", "a.offscreen")],
    "menu-button.html": [("menu", 'does not set aria-expanded="true"', "button.ck-toggle--drawer"),
                         ("menu", "Escape does not close the menu", "button.ck-toggle--drawer")],
}


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    """One run over every fixture page (a folder without a sitemap: every page gets every check)."""
    site = tmp_path_factory.mktemp("browser-fixtures")
    for page in FIXTURES.glob("*.html"):
        shutil.copy2(page, site / page.name)
    return browser.check_site(ROOT, site)


@pytest.mark.browser
def test_clean_fixture_page_passes(fixture_run):
    outcome, report = fixture_run
    assert outcome.failed == {}, outcome.failed
    assert "clean.html" not in outcome.problems, outcome.problems.get("clean.html")
    assert report["sample"].get("clean.html"), "the clean page did not get every check"


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(EXPECTED_FAULTS))
def test_fixture_fault_is_caught(fixture_run, page):
    outcome, _ = fixture_run
    assert not outcome.ok
    problems = outcome.problems.get(page, [])
    found = [(p["check"], p["problem"], p["where"]) for p in problems]
    for check, words, where in EXPECTED_FAULTS[page]:
        assert any(c == check and words in text and where in at for c, text, at in found), (
            f"{page}: expected {check} ({words!r} at {where!r}); found:\n" + json.dumps(found, indent=1))
    expected_checks = {check for check, _, _ in EXPECTED_FAULTS[page]}
    assert {c for c, _, _ in found} == expected_checks, json.dumps(found, indent=1)


@pytest.mark.browser
def test_keyboard_faults_are_found_at_both_widths(fixture_run):
    outcome, _ = fixture_run
    widths = {p["viewport"] for p in outcome.problems["skip-to-nowhere.html"]}
    assert widths == {"320x640", "1280x800"}


def test_every_fixture_page_is_expected():
    pages = {p.name for p in FIXTURES.glob("*.html")}
    assert pages == set(EXPECTED_FAULTS) | {"clean.html"}


@pytest.mark.browser
def test_default_site_passes_every_browser_check(built_site, tmp_path):
    class Args:
        site = str(built_site)
        report = str(tmp_path / "reports")

    code = browser.run(ROOT, Args)
    report = json.loads((tmp_path / "reports" / "browser.json").read_text(encoding="utf-8"))
    pages, _ = find_pages(built_site)
    details = json.dumps({"failed": report["failed"], "other": report["other_problems"],
                          "by_check": report["errors_by_check"],
                          "first": {p: i[:3] for p, i in list(report["problems"].items())[:6]}},
                         indent=1, ensure_ascii=False)
    assert report["pages"] == len(pages) > 0
    # one page of each kind in each language got the keyboard, language-switcher and menu checks
    languages = {p.path.split("/", 1)[0] for p in pages if "/" in p.path}
    kinds = {(path.split("/", 1)[0], kind) for path, kind in report["sample"].items()}
    assert kinds == {(lang, kind) for lang in languages for kind in browser.SAMPLE_KINDS}, sorted(kinds)
    assert report["failed"] == {}, details
    assert report["errors"] == 0, details
    assert code == 0, details


# ---- without a browser -------------------------------------------------------------------------
def test_sample_takes_one_page_of_each_kind_in_each_language():
    paths = []
    for lang in ("en", "pl"):
        paths += [f"{lang}/", f"{lang}/404.html", f"{lang}/glossary/", f"{lang}/about/",
                  f"{lang}/translation-status/", f"{lang}/printable-packs/", f"{lang}/crosswalks/",
                  f"{lang}/crosswalks/a--b/", f"{lang}/crosswalks/a--c/",
                  f"{lang}/doc-a/", f"{lang}/doc-a/easy-read/", f"{lang}/doc-a/item-1/", f"{lang}/doc-a/item-2/",
                  f"{lang}/doc-b/", f"{lang}/doc-b/easy-read/", f"{lang}/doc-b/item-1/",
                  f"{lang}/packs/", f"{lang}/packs/tools/"]
    chosen = browser.sample(paths)
    for lang in ("en", "pl"):
        kinds = {kind for path, kind in chosen.items() if path.startswith(lang + "/")}
        assert kinds == set(browser.SAMPLE_KINDS), (lang, kinds)
    assert chosen["en/"] == "home page" and chosen["en/404.html"] == "404 page"
    for path, kind in chosen.items():
        rest = path.split("/", 1)[1]
        if kind == "document page":
            assert rest in ("doc-a/", "doc-b/")
        if kind == "item page":
            assert re.fullmatch(r"doc-[ab]/item-\d/", rest), path
        if kind == "crosswalk page":
            assert rest.startswith("crosswalks/") and rest != "crosswalks/"
    # the two languages take different documents, so the sample covers more of the site
    docs = {path.split("/")[1] for path, kind in chosen.items() if kind == "document page"}
    assert docs == {"doc-a", "doc-b"}


def test_summary_says_page_check_and_what_to_fix():
    outcome = browser.Outcome(pages=3, sample=1, seconds=2.0)
    outcome.problems["en/glossary/"] = [{"check": "reflow", "problem": "The page scrolls sideways.",
                                         "where": "div.wide", "text": "A wide box", "viewport": "320x640"}]
    outcome.by_check["reflow"] = 1
    text = browser.summary(outcome)
    assert "/en/glossary/" in text and "[reflow at 320x640 px]" in text
    assert "The page scrolls sideways." in text and "div.wide" in text and "A wide box" in text
    assert "failed" in text and not outcome.ok


def test_allowances_are_kept_apart(monkeypatch):
    monkeypatch.setattr(browser, "ALLOWANCES", {("keyboard", r"\.known-widget"): "a reason"})
    assert browser._allowance({"check": "keyboard", "where": "div > a.known-widget"}) == "a reason"
    assert browser._allowance({"check": "menu", "where": "div > a.known-widget"}) is None
    assert browser._allowance({"check": "keyboard", "where": "div > a.other"}) is None


def test_no_other_host_can_be_reached(tmp_path):
    (tmp_path / "node_modules" / "puppeteer").mkdir(parents=True)
    config = browser.script_config({"http://127.0.0.1:8123/en/": ["reflow"]}, "127.0.0.1:8123",
                                   "/usr/bin/chromium", tmp_path)
    rules = [a for a in config["args"] if a.startswith("--host-resolver-rules=")]
    assert rules == ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    assert config["host"] == "127.0.0.1:8123"
    assert config["pages"] == [{"url": "http://127.0.0.1:8123/en/", "checks": ["reflow"]}]
