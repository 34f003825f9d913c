"""build/compress.py (`charterkit build --compress`): .gz and .br copies of text files, the same bytes on
every build, never older than their file."""
from __future__ import annotations

import gzip

import brotli

from generator.build.compress import compress_site, remove_copies


def _site(tmp_path):
    site = tmp_path / "site"
    (site / "en" / "page").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "en" / "page" / "index.html").write_text("<p>Hello, reader.</p>\n" * 200, encoding="utf-8")
    (site / "assets" / "x.css").write_text("body { color: #1b1b1b; }\n" * 100, encoding="utf-8")
    (site / "en" / "sitemap.xml").write_text("<urlset>" + "<url><loc>x</loc></url>" * 50 + "</urlset>")
    (site / "en" / "small.json").write_text("{}")
    (site / "en" / "pack.pdf").write_bytes(b"%PDF-1.7 " * 100)
    return site


def test_copies_hold_the_same_bytes_and_are_the_same_every_time(tmp_path):
    site = _site(tmp_path)
    written = compress_site(site, tmp_path / "cache")
    assert written == 6  # html, css and xml, each .gz and .br; the small file and the PDF get none
    page = site / "en" / "page" / "index.html"
    assert gzip.decompress((site / "en" / "page" / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "en" / "page" / "index.html.br").read_bytes()) == page.read_bytes()
    assert not (site / "en" / "small.json.gz").exists()
    assert not (site / "en" / "pack.pdf.gz").exists()
    first = {p.name: p.read_bytes() for p in site.rglob("*") if p.suffix in (".gz", ".br")}
    again = _site(tmp_path / "again")
    compress_site(again)  # no cache: made afresh
    second = {p.name: p.read_bytes() for p in again.rglob("*") if p.suffix in (".gz", ".br")}
    assert first == second
    # gzip's header holds no time and no file name
    gz = (site / "assets" / "x.css.gz").read_bytes()
    assert gz[4:8] == b"\0\0\0\0" and not gz[3] & 0x08


def test_a_changed_file_gets_new_copies_and_old_copies_go_without_compress(tmp_path):
    site = _site(tmp_path)
    compress_site(site, tmp_path / "cache")
    page = site / "en" / "page" / "index.html"
    page.write_text("<p>Changed.</p>\n" * 100, encoding="utf-8")
    compress_site(site, tmp_path / "cache")
    assert gzip.decompress((site / "en" / "page" / "index.html.gz").read_bytes()) == page.read_bytes()
    (site / "en" / "sitemap.xml.gz").write_bytes(gzip.compress(b"mkdocs' own"))
    removed = remove_copies(site)
    assert removed == 5
    assert not list(site.rglob("*.br"))
    assert [p.name for p in site.rglob("*.gz")] == ["sitemap.xml.gz"]
