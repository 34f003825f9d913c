"""Accessibility: every page of the default site passes pa11y-ci (HTML CodeSniffer and axe) with no
error, and the check catches each known fault in tests/fixtures/a11y/.

The browser tests need node_modules (make node-tools) and Chromium (make chromium); `make test` installs
both. Run only the fast tests with `pytest -m "not browser"`.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.check import a11y

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "a11y"

#: Each fixture page and the rules that must report it: (runner, code or the start of a code).
EXPECTED_FAULTS = {
    "missing-alt.html": {("axe", "image-alt"), ("htmlcs", "WCAG2AA.Principle1.Guideline1_1.1_1_1.H37")},
    "low-contrast.html": {("axe", "color-contrast"), ("htmlcs", "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18")},
    "unlabelled-control.html": {("axe", "label"), ("htmlcs", "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91")},
    "wrong-lang.html": {("axe", "html-lang-valid")},
    "easy-read-low-contrast.html": {("axe", "color-contrast-enhanced")},
}


# ---- the browser tests ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fixture_outcome(tmp_path_factory):
    """One pa11y-ci run over every fixture page (a site folder without a sitemap: every *.html is checked)."""
    site = tmp_path_factory.mktemp("a11y-fixtures")
    for page in FIXTURES.glob("*.html"):
        shutil.copy2(page, site / page.name)
    outcome, _ = a11y.check_site(ROOT, site)
    return outcome


@pytest.mark.browser
def test_default_site_has_no_accessibility_errors(built_site, tmp_path):
    class Args:
        site = str(built_site)
        report = str(tmp_path / "reports")
        all_pages = True

    code = a11y.run(ROOT, Args)
    report = json.loads((tmp_path / "reports" / "a11y.json").read_text(encoding="utf-8"))
    pages, _ = a11y.find_pages(built_site)
    assert report["pages"] == len(pages) > 0
    languages = {p.path.split("/", 1)[0] for p in pages if "/" in p.path}
    assert languages, "no language folder was checked"
    details = json.dumps({"failed": report["failed_to_run"], "problems": report["problems"],
                          "by_rule": report["errors_by_rule"],
                          "first": {p: i[:3] for p, i in list(report["issues"].items())[:5]}}, indent=1)
    assert report["failed_to_run"] == {}, details
    assert report["errors"] == 0, details
    assert code == 0, details


@pytest.mark.browser
def test_clean_fixture_page_passes(fixture_outcome):
    assert "clean.html" not in fixture_outcome.issues, fixture_outcome.issues.get("clean.html")
    assert fixture_outcome.failed == {}


@pytest.mark.browser
@pytest.mark.parametrize("page", sorted(EXPECTED_FAULTS))
def test_fixture_fault_is_caught(fixture_outcome, page):
    assert not fixture_outcome.ok
    found = {(issue["runner"], issue["code"]) for issue in fixture_outcome.issues.get(page, [])}
    for runner, code in EXPECTED_FAULTS[page]:
        assert any(r == runner and c.startswith(code) for r, c in found), (
            f"{page}: expected {runner} {code}, found {sorted(found)}")


@pytest.mark.browser
def test_a_standard_page_is_held_to_4_5_to_1_not_7_to_1(tmp_path):
    """The 7:1 rule applies on easy-read pages only: the same grey text outside div.ck-easy-read passes."""
    html = (FIXTURES / "easy-read-low-contrast.html").read_text(encoding="utf-8")
    (tmp_path / "standard.html").write_text(html.replace('class="ck-easy-read"', 'class="other"'), encoding="utf-8")
    outcome, _ = a11y.check_site(ROOT, tmp_path)
    assert outcome.ok and outcome.pages == 1, outcome.issues


def _codes(outcome):
    return {page: {(i["runner"], i["code"]) for i in issues} for page, issues in outcome.issues.items()}


@pytest.mark.browser
def test_pa11y_ci_engine_finds_the_same_faults(fixture_outcome, tmp_path_factory):
    """charterkit's driver and pa11y-ci itself give the same issues on every fixture page."""
    site = tmp_path_factory.mktemp("a11y-fixtures-pa11y-ci")
    for page in FIXTURES.glob("*.html"):
        shutil.copy2(page, site / page.name)
    outcome, _ = a11y.check_site(ROOT, site, engine="pa11y-ci")
    assert outcome.failed == {}
    assert _codes(outcome) == _codes(fixture_outcome)
    assert set(_codes(outcome)) == set(EXPECTED_FAULTS)


@pytest.mark.browser
def test_pages_unchanged_since_a_clean_check_are_skipped(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    root, site = tmp_path / "project", tmp_path / "site"
    root.mkdir()
    site.mkdir()
    for name in ("clean.html", "missing-alt.html"):
        shutil.copy2(FIXTURES / name, site / name)

    first, _ = a11y.check_site(root, site, skip_unchanged=True)
    assert (first.pages, first.skipped) == (2, 0)
    assert set(first.issues) == {"missing-alt.html"}

    # The clean page is skipped; the page with errors is checked again (it has not passed yet).
    second, _ = a11y.check_site(root, site, skip_unchanged=True)
    assert (second.pages, second.skipped) == (1, 1)
    assert set(second.issues) == {"missing-alt.html"}

    # A changed page is checked again, and a fault added to it is found.
    page = site / "clean.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<img src="x.png"></main>'),
                    encoding="utf-8")
    third, _ = a11y.check_site(root, site, skip_unchanged=True)
    assert (third.pages, third.skipped) == (2, 0)
    assert set(third.issues) == {"clean.html", "missing-alt.html"}

    # Without skip_unchanged (CI, --all-pages) every page is checked.
    every, _ = a11y.check_site(root, site)
    assert (every.pages, every.skipped) == (2, 0)


def test_a_changed_style_sheet_means_every_page_is_checked_again(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.css").write_text("p { color: #222 }", encoding="utf-8")
    before = a11y.checker_fingerprint(ROOT, site)
    assert a11y.checker_fingerprint(ROOT, site) == before
    (site / "assets" / "a.css").write_text("p { color: #999 }", encoding="utf-8")
    assert a11y.checker_fingerprint(ROOT, site) != before


def test_ci_means_every_page(monkeypatch):
    for value, expected in (("true", True), ("1", True), ("", False), ("false", False)):
        monkeypatch.setenv("CI", value)
        assert a11y.in_ci() is expected
    monkeypatch.delenv("CI")
    assert a11y.in_ci() is False


# ---- reading pa11y-ci's report (no browser) --------------------------------------------------------
def test_a_page_that_failed_to_run_fails_the_check():
    urls = {"http://127.0.0.1:1/en/": "en/", "http://127.0.0.1:1/en/a/": "en/a/"}
    report = {"total": 2, "passes": 1, "errors": 0,
              "results": {"http://127.0.0.1:1/en/": [],
                          "http://127.0.0.1:1/en/a/": [{"message": "Protocol error (Target.closeTarget)"}]}}
    out = a11y.read_report(report, urls, "")
    assert out.errors == 0
    assert out.failed == {"en/a/": "Protocol error (Target.closeTarget)"}
    assert not out.ok


def test_a_page_missing_from_the_report_fails_the_check():
    urls = {"http://127.0.0.1:1/en/": "en/", "http://127.0.0.1:1/en/b/": "en/b/"}
    out = a11y.read_report({"results": {"http://127.0.0.1:1/en/": []}}, urls, "")
    assert "en/b/" in out.failed and not out.ok


def test_no_report_at_all_fails_the_check():
    out = a11y.read_report(None, {"http://127.0.0.1:1/en/": "en/"}, "Error: could not launch the browser")
    assert not out.ok
    assert "could not launch the browser" in out.problems[0]


def test_errors_are_counted_by_rule_and_page():
    urls = {"http://127.0.0.1:1/en/": "en/"}
    issue = {"code": "color-contrast", "type": "error", "runner": "/tmp/x/charterkit-axe.js",
             "selector": "p", "message": "Elements must meet minimum color contrast ratio thresholds"}
    warning = dict(issue, code="WCAG2AA.Some.Warning", type="warning", runner="htmlcs")
    out = a11y.read_report({"results": {"http://127.0.0.1:1/en/": [issue, issue, warning]}}, urls, "")
    assert out.errors == 2
    assert out.by_rule == {"axe: color-contrast": 2}
    assert out.by_page == {"en/": 2}
    text = a11y.summary(out, None)
    assert "axe: color-contrast" in text and "/en/" in text


def test_pages_come_from_every_language_sitemap(tmp_path):
    for lang in ("en", "pl"):
        folder = tmp_path / lang
        (folder / "doc").mkdir(parents=True)
        (folder / "index.html").write_text("<!doctype html>", encoding="utf-8")
        (folder / "doc" / "index.html").write_text("<!doctype html>", encoding="utf-8")
        (folder / "404.html").write_text("<!doctype html>", encoding="utf-8")
        (folder / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>https://example.org/charters/{lang}/</loc></url>"
            f"<url><loc>https://example.org/charters/{lang}/doc/</loc></url>"
            f"<url><loc>https://example.org/charters/{lang}/gone/</loc></url>"
            "</urlset>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    pages, problems = a11y.find_pages(tmp_path)
    assert [p.path for p in pages] == ["en/", "en/doc/", "en/404.html", "pl/", "pl/doc/", "pl/404.html"]
    assert len(problems) == 2 and "/en/gone/" in problems[0]


def test_without_a_sitemap_every_html_file_is_a_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "b.html").write_text("x", encoding="utf-8")
    pages, problems = a11y.find_pages(tmp_path)
    assert sorted(p.path for p in pages) == ["a/", "b.html"] and problems == []


def test_ignored_rules_are_checked_before_the_check_runs():
    assert a11y.ignored_rule_problems(a11y.IGNORED_RULES) == []
    good = {"image-alt": "The pictures here are all decorative ones.",
            "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail": "Measured by the contrast check instead of here."}
    assert a11y.ignored_rule_problems(good) == []
    bad = {"Image Alt!": "The pictures here are all decorative ones.", "label": "Not needed",
           "WCAG2AA.H37": "A code without its principle and guideline."}
    problems = a11y.ignored_rule_problems(bad)
    assert len(problems) == 3, problems
    assert any("'Image Alt!'" in p and "axe rule id" in p for p in problems)
    assert any("'label'" in p and "four words" in p for p in problems)
    assert any("'WCAG2AA.H37'" in p for p in problems)


def test_a_wrong_ignored_rule_stops_the_check(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(a11y, "IGNORED_RULES", {"image-alt": "because"})
    (tmp_path / "page.html").write_text("<html></html>", encoding="utf-8")

    class Args:
        site = str(tmp_path)
        report = str(tmp_path / "reports")
        all_pages = True

    assert a11y.run(ROOT, Args) == 2
    err = capsys.readouterr().err
    assert "IGNORED_RULES" in err and "four words" in err


def test_ignored_rules_are_kept_apart_with_their_reason_not_dropped(monkeypatch, tmp_path):
    """pa11y is asked to ignore nothing (both engines); the check moves what an ignored rule finds to
    `allowed`, with its reason, and counts only the rest."""
    reason = "A made-up reason for this test only."
    monkeypatch.setattr(a11y, "IGNORED_RULES", {"image-alt": reason})
    assert a11y.pa11y_config(["u"], "/usr/bin/chromium", tmp_path / "charterkit-axe.js")["defaults"]["ignore"] == []
    assert a11y.driver_config(["u"], "/usr/bin/chromium", tmp_path / "charterkit-axe.js")["ignore"] == []
    url = "http://127.0.0.1:1/a.html"
    report = {"results": {url: [
        {"code": "image-alt", "type": "error", "runner": "/tmp/charterkit-axe.js", "message": "m"},
        {"code": "WCAG2AA.Principle1.Guideline1_1.1_1_1.H37", "type": "error", "runner": "htmlcs", "message": "m"}]}}
    out = a11y.read_report(report, {url: "a.html"}, "")
    assert out.errors == 1 and not out.ok
    assert [i["code"] for i in out.issues["a.html"]] == ["WCAG2AA.Principle1.Guideline1_1.1_1_1.H37"]
    assert [(i["code"], i["allowed"]) for i in out.allowed["a.html"]] == [("image-alt", reason)]
    text = a11y.summary(out, None)
    assert "Rules ignored (1" in text and "image-alt" in text and "1 issues they cover not counted" in text


@pytest.mark.browser
def test_an_ignored_rule_is_not_counted_but_kept_in_the_report(monkeypatch, tmp_path):
    """With axe's image-alt ignored, the page without alt text is still caught by HTML CodeSniffer's H37,
    and what axe found is in `allowed` with the reason."""
    reason = "A made-up reason for this test only."
    monkeypatch.setattr(a11y, "IGNORED_RULES", {"image-alt": reason})
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy2(FIXTURES / "missing-alt.html", site / "missing-alt.html")
    out, _ = a11y.check_site(tmp_path, site)
    assert out.failed == {} and out.pages == 1
    found = {(i["runner"], i["code"]) for i in out.issues.get("missing-alt.html", [])}
    assert ("axe", "image-alt") not in found
    assert any(r == "htmlcs" and c.startswith("WCAG2AA.Principle1.Guideline1_1.1_1_1.H37") for r, c in found), found
    allowed = out.allowed.get("missing-alt.html", [])
    assert allowed and {(i["runner"], i["code"], i["allowed"]) for i in allowed} == {("axe", "image-alt", reason)}


def test_pa11y_config_asks_for_both_runners_and_wcag22(tmp_path):
    config = a11y.pa11y_config(["http://127.0.0.1:1/"], "/usr/bin/chromium", tmp_path / "charterkit-axe.js")
    defaults = config["defaults"]
    assert defaults["standard"] == "WCAG2AA"
    assert defaults["runners"][0] == "htmlcs" and defaults["runners"][1].endswith("charterkit-axe.js")
    assert "--no-sandbox" in defaults["chromeLaunchConfig"]["args"]
    assert set(a11y.AXE_TAGS) == {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}
