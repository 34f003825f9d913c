"""The built site (charterkit build) carries the packs and links them from the pages, the GOV.UK way."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.build


def test_every_language_has_its_packs_and_manifest(built_site):
    lang_dirs = sorted(p for p in built_site.iterdir() if p.is_dir() and (p / "index.html").exists())
    assert {p.name for p in lang_dirs} >= {"en", "ar"}, lang_dirs
    for lang_dir in lang_dirs:
        manifest = lang_dir / "packs" / "manifest.json"
        assert manifest.is_file(), f"{manifest} is missing"
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        assert entries
        for entry in entries:
            pdf = built_site / entry["path"]
            assert pdf.is_file(), f"{entry['path']} is listed but not in the site"
            assert pdf.stat().st_size == entry["bytes"]


def test_document_pages_link_their_packs(built_site):
    page = built_site / "en" / "jias-engagement-framework" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a class="ck-attachment-link" href="([^"]+)"', html)
    assert any(l.endswith("jias-engagement-framework-standard-en.pdf") for l in links)
    assert any(l.endswith("jias-engagement-framework-survey-en.pdf") for l in links)
    for href in links:
        assert (page.parent / href).resolve().is_file(), href
    assert re.search(r"PDF</abbr>, <span class=\"ck-attachment-size\">[\d.]+ [KM]B</span>, "
                     r"<span class=\"ck-attachment-pages\">\d+ pages?</span>", html)


def test_pack_details_are_joined_with_the_languages_own_comma(built_site):
    """Format, size and pages of a pack are a short list: joined with the interface word `comma`, so an Arabic or
    Urdu page has "،" there, as every other list on it does, not the English ","."""
    for lang, comma in (("en", ","), ("ar", "\u060c"), ("ur", "\u060c")):
        html = (built_site / lang / "printable-packs" / "index.html").read_text(encoding="utf-8")
        joins = re.findall(r'</abbr>(.{1,3}) <span class="ck-attachment-size">.*?</span>(.{1,3}) <span class="ck-attachment-pages">',
                           html)
        assert len(joins) > 10, f"{lang}: the packs' details were not found"
        assert {j for pair in joins for j in pair} == {comma}, (lang, set(joins))


def test_staff_page_lists_every_pack(built_site):
    page = built_site / "en" / "printable-packs" / "index.html"
    assert page.is_file(), "no page lists the packs"
    html = page.read_text(encoding="utf-8")
    entries = json.loads((built_site / "en" / "packs" / "manifest.json").read_text(encoding="utf-8"))
    assert entries
    for entry in entries:
        assert Path(entry["path"]).name in html
