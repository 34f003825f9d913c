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


def test_staff_page_lists_every_pack(built_site):
    page = built_site / "en" / "printable-packs" / "index.html"
    assert page.is_file(), "no page lists the packs"
    html = page.read_text(encoding="utf-8")
    entries = json.loads((built_site / "en" / "packs" / "manifest.json").read_text(encoding="utf-8"))
    assert entries
    for entry in entries:
        assert Path(entry["path"]).name in html


def test_the_packs_the_pack_tests_read_are_the_published_ones(built_site, packs_site, ur_packs_site):
    """The pack tests read the packs of packs_site (English and Arabic) and ur_packs_site (Urdu): they are the
    packs of the built site, byte for byte (made the same way, so a test run renders each pack once and
    copies it from its cache after that: tests/packs/conftest.py)."""
    compared = 0
    for site, manifest, _ in (packs_site, ur_packs_site):
        assert manifest
        for pack in manifest:
            assert (site / pack.path).read_bytes() == (built_site / pack.path).read_bytes(), pack.path
            compared += 1
    published = {p.relative_to(built_site).as_posix() for lang in ("en", "ar", "ur")
                 for p in (built_site / lang / "packs").glob("*.pdf")}
    assert compared == len(published) > 0
