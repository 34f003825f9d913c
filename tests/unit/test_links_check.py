"""The link check finds broken links and anchors, pages missing from the sitemap, and third-party requests."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.links import check_site
from generator.diagnostics import Report

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.org/en/</loc></url>
<url><loc>https://example.org/en/a/</loc></url>
</urlset>
"""


def make_site(tmp_path: Path, a_body: str) -> Path:
    site = tmp_path / "site"
    (site / "en" / "a").mkdir(parents=True)
    (site / "en" / "sitemap.xml").write_text(SITEMAP)
    (site / "en" / "index.html").write_text('<html><body><h1 id="top">Home</h1><a href="a/">A</a></body></html>')
    (site / "en" / "a" / "index.html").write_text(f"<html><body>{a_body}</body></html>")
    return site


def codes(site: Path) -> list[str]:
    report = Report()
    check_site(site, report)
    return sorted(i.code for i in report.errors)


def test_clean_site_passes(tmp_path):
    assert codes(make_site(tmp_path, '<a href="../#top">Home</a> <a href="https://example.com/">out</a>')) == []


@pytest.mark.parametrize("body, code", [
    ('<a href="../missing/">x</a>', "links.broken"),
    ('<a href="../#nowhere">x</a>', "links.anchor"),
    ('<script src="https://cdn.example.com/x.js"></script>', "links.third-party"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "links.third-party"),
    ('<img src="//tracker.example.com/p.gif" alt="">', "links.third-party"),
])
def test_each_fault_is_caught(tmp_path, body, code):
    assert code in codes(make_site(tmp_path, body))


def test_page_missing_from_sitemap_is_caught(tmp_path):
    site = make_site(tmp_path, "ok")
    (site / "en" / "b").mkdir()
    (site / "en" / "b" / "index.html").write_text("<html><body>orphan</body></html>")
    assert codes(site) == ["links.not-in-sitemap"]


def test_third_party_font_in_css_is_caught(tmp_path):
    site = make_site(tmp_path, "ok")
    (site / "en" / "style.css").write_text("@import 'https://fonts.googleapis.com/css2?family=Roboto';")
    assert codes(site) == ["links.third-party"]
