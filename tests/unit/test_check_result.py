"""Every check reports through one CheckResult: counts, exit code, summary and the JSON report."""
from __future__ import annotations

import json
import types

from generator.check import a11y, browser
from generator.check.contrast import Outcome as ContrastOutcome, Problem
from generator.check.links import run as links_run
from generator.check.result import CheckResult
from generator.diagnostics import Issue


def test_counts_exit_code_and_summary():
    clean = CheckResult("links", 3, "pages")
    assert clean.ok and clean.exit_code == 0
    assert clean.summary() == "links: 3 pages checked: 0 errors, 0 warnings."
    warned = CheckResult("pdf", 2, "packs", findings=(Issue("pdf.warning", "w", file="a.pdf", severity="warning"),))
    assert warned.ok and warned.exit_code == 0 and len(warned.warnings) == 1
    for bad in (CheckResult("pdf", 2, "packs", findings=(Issue("pdf.problem", "p", file="a.pdf"),)),
                CheckResult("a11y", 2, "pages", failed={"en/": "did not load"}),
                CheckResult("a11y", 2, "pages", problems=("no sitemap",))):
        assert not bad.ok and bad.exit_code == 1
    mixed = CheckResult("a11y", 5, "pages", findings=(Issue("a11y.axe.label", "m", file="en/"),) * 2,
                        allowed=((Issue("a11y.axe.image-alt", "m", file="en/"), "a reason"),),
                        failed={"en/b/": "x"}, skipped=2)
    assert mixed.by_code() == {"a11y.axe.label": 2}
    assert mixed.summary() == ("a11y: 5 pages checked (2 skipped): 2 errors, 0 warnings, 1 not checked to the end, "
                               "1 not reported on purpose.")


def test_write_puts_the_result_beside_the_checks_own_details(tmp_path):
    result = CheckResult("links", 1, "pages", findings=(Issue("links.broken", "gone", file="en/index.html"),))
    path = result.write(tmp_path / "reports", {"pages": 1, "links": 4})
    assert path == tmp_path / "reports" / "links.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["links"] == 4 and report["result"]["errors"] == 1 and report["result"]["ok"] is False
    assert report["result"]["findings"][0]["code"] == "links.broken"
    assert report["result"]["by_code"] == {"links.broken": 1}


def test_a11y_and_browser_outcomes_become_results():
    out = a11y.Outcome(pages=2, seconds=1.5)
    out.issues["en/"] = [{"code": "label", "runner": "axe", "message": "Form elements must have labels",
                          "selector": "input#q"}]
    out.allowed["en/"] = [{"code": "image-alt", "runner": "axe", "message": "m", "allowed": "the reason"}]
    result = out.result()
    assert (result.check, result.checked, result.unit) == ("a11y", 2, "pages")
    assert [(f.code, f.file, f.key) for f in result.findings] == [("a11y.axe.label", "en/", "input#q")]
    assert [(f.code, why) for f, why in result.allowed] == [("a11y.axe.image-alt", "the reason")]

    seen = browser.Outcome(pages=3, sample=1)
    seen.problems["en/"] = [{"check": "reflow", "problem": "The page scrolls sideways.", "where": "div.wide",
                             "viewport": "320x640"}]
    seen.other.append("a sitemap lists /en/x/, which is missing")
    result = seen.result()
    assert [(f.code, f.file, f.key) for f in result.findings] == [("browser.reflow", "en/", "div.wide")]
    assert "320x640" in result.findings[0].message and result.problems and result.exit_code == 1


def test_contrast_problems_become_findings_with_their_kind():
    outcome = ContrastOutcome(palettes=["website"], problems=[
        Problem("website", "links", "contrast 3.10:1 (#777777 on #ffffff), needs 7:1"),
        Problem("website", "menu", "cannot work out the colours: the colour variable --x is not set"),
        Problem("theme/assets/new.css", "", "this stylesheet is not read by any palette")])
    assert [f.code for f in outcome.result().findings] == ["contrast.ratio", "contrast.unresolved", "contrast.table"]


def test_links_check_writes_its_report(tmp_path, capsys):
    site = tmp_path / "site" / "en"
    site.mkdir(parents=True)
    (site / "index.html").write_text('<html><body><a href="missing/">x</a></body></html>', encoding="utf-8")
    code = links_run(tmp_path, types.SimpleNamespace(site=str(tmp_path / "site"), report=str(tmp_path / "reports")))
    assert code == 1
    report = json.loads((tmp_path / "reports" / "links.json").read_text(encoding="utf-8"))
    assert report["pages"] == 1 and report["result"]["checked"] == 1
    assert report["result"]["by_code"]["links.broken"] == 1


def test_a_check_with_no_site_could_not_run(tmp_path, capsys):
    from generator.check.pdf import run as pdf_run

    for run in (links_run, pdf_run):
        args = types.SimpleNamespace(site=str(tmp_path / "nowhere"), report=str(tmp_path / "reports"))
        assert run(tmp_path, args) == 2
        assert "There is no built site" in capsys.readouterr().err
