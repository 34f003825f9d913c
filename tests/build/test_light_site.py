"""The built site is light for readers (issue #15): one shared, hashed copy of the theme's files for every
language, every page pointing to it; hreflang links and sitemap alternates with absolute addresses."""
from __future__ import annotations

import hashlib
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
CODES = [lang["code"] for lang in CONFIG["languages"]]
SITE_URL = CONFIG["site"]["url"].rstrip("/") + "/"
_ADDRESS = re.compile(r'''(?:href|src)="([^"#?]+)"|"search": *"([^"]+)"''')


def _pages(site: Path) -> list[Path]:
    pages = sorted(p for code in CODES for p in (site / code).rglob("*.html"))
    assert len(pages) > 100, "the default site has hundreds of pages"
    return pages


def test_one_copy_of_the_assets(built_site):
    assert (built_site / "assets").is_dir()
    for code in CODES:
        assert (built_site / code).is_dir()
        assert not (built_site / code / "assets").exists(), f"{code}/ has its own copy of the assets"
    maps = list((built_site / "assets").rglob("*.map"))
    assert not maps, maps[:3]


def test_every_page_names_shared_files_that_exist(built_site):
    checked = 0
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        for m in _ADDRESS.finditer(text):
            ref = m.group(1) or m.group(2)
            if "assets/" not in ref or "://" in ref:
                continue
            target = built_site / ref.lstrip("/") if ref.startswith("/") else page.parent / ref
            target = Path(os.path.normpath(target))
            rel = target.relative_to(built_site).as_posix()
            assert rel.startswith("assets/"), f"{page.relative_to(built_site)} names {ref}, outside site/assets/"
            assert target.is_file(), f"{page.relative_to(built_site)} names {ref}, which is missing"
            checked += 1
    assert checked > 1000


def test_our_shared_files_carry_the_hash_of_their_content(built_site):
    found = 0
    for f in (built_site / "assets").rglob("*"):
        if not f.is_file() or "LICENSE" in f.name:
            continue
        rel = f.relative_to(built_site).as_posix()
        if rel.startswith("assets/material."):
            continue  # Material's names carry Material's hashes; their folder carries ours
        assert hashlib.sha256(f.read_bytes()).hexdigest()[:10] in f.name, rel
        found += 1
    assert found > 20


def test_easy_read_pictures_are_shared_and_load_when_reached(built_site):
    page = (built_site / "ar" / "jias-engagement-framework" / "easy-read" / "index.html").read_text(encoding="utf-8")
    pictures = re.findall(r'<img class="ck-er-picture" src="([^"]+)"[^>]*>', page)
    assert len(pictures) > 10
    assert all(src.startswith("../../../assets/pictures/") for src in pictures), pictures[:3]
    tags = re.findall(r'<img class="ck-er-picture"[^>]*>', page)
    assert all('loading="lazy"' in tag for tag in tags), tags[:2]


def test_hreflang_links_are_absolute_and_name_every_language(built_site):
    for code in CODES:
        page = (built_site / code / "jias-engagement-framework" / "index.html").read_text(encoding="utf-8")
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
        assert set(links) == set(CODES) | {"x-default"}, links
        for lang in CODES:
            assert links[lang] == f"{SITE_URL}{lang}/jias-engagement-framework/"
        assert links["x-default"] == f"{SITE_URL}{CODES[0]}/jias-engagement-framework/"


def test_each_language_sitemap_lists_the_alternates(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for code in CODES:
        tree = ET.parse(built_site / code / "sitemap.xml")
        urls = tree.getroot().findall("s:url", ns)
        assert len(urls) > 50
        for url in urls:
            loc = url.find("s:loc", ns).text
            assert loc.startswith(f"{SITE_URL}{code}/"), loc
            here = loc[len(f"{SITE_URL}{code}/"):]
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert set(alternates) == set(CODES) | {"x-default"}, loc
            for lang in CODES:
                assert alternates[lang] == f"{SITE_URL}{lang}/{here}"


def test_no_page_names_a_sitemap_the_language_menu_would_fetch(built_site):
    """Material fetched <link rel=alternate>'s address + sitemap.xml; the shared bundle no longer does."""
    bundle = next((built_site / "assets").glob("material.*/javascripts/bundle.*.min.js"))
    text = bundle.read_text(encoding="utf-8")
    assert 'M("link[rel=alternate]")' not in text
    assert 'namedItem("search")?ks():tt' not in text


def test_compress_writes_copies_and_a_build_without_it_removes_them(minimal_project):
    import gzip

    import brotli

    from generator.diagnostics import Report
    from generator.pipeline import build

    report = Report()
    assert build(minimal_project, report, packs=False, compress=True), report.format()
    site = minimal_project / "site"
    page = site / "en" / "index.html"
    assert gzip.decompress((site / "en" / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "en" / "index.html.br").read_bytes()) == page.read_bytes()
    css = next((site / "assets" / "charterkit").glob("site.*.css"))  # the one joined stylesheet
    assert brotli.decompress(css.with_name(css.name + ".br").read_bytes()) == css.read_bytes()
    assert build(minimal_project, Report(), packs=False)  # the option changed: a real build, without copies
    assert not list((minimal_project / "site").rglob("*.br"))
    assert not [p for p in (minimal_project / "site").rglob("*.gz") if p.name != "sitemap.xml.gz"]


def test_material_css_leaves_out_only_features_the_site_never_uses(built_site):
    """Material's style sheet is published without the rules for features charterkit never switches on
    (web/assets.py UNUSED_MATERIAL_CLASSES): none of those classes is in any built page, in Material's scripts
    or ours, or in the theme's templates and the generator's code, where a feature switched on later would
    name it; every rule Material has for the classes the pages do use is still there."""
    from generator.web.assets import MAIN_CSS, UNUSED_MATERIAL_CLASSES, material_assets_dir, prune_material_css

    published = next((built_site / "assets").glob(f"material.*/{MAIN_CSS}")).read_text(encoding="utf-8")
    whole = (material_assets_dir() / MAIN_CSS).read_text(encoding="utf-8")
    assert published == prune_material_css(whole)
    assert len(published) < 0.8 * len(whole)
    used: set[str] = set()
    pages = _pages(built_site)
    for page in pages:
        for m in re.finditer(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            used.update(m.group(1).split())
    assert {"md-header", "md-nav__link", "md-typeset"} <= used
    in_pages = sorted(used & UNUSED_MATERIAL_CLASSES)
    assert not in_pages, f"pages use classes whose styles are left out: {in_pages}"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in (built_site / "assets").rglob("*.js")]
    texts += [p.read_text(encoding="utf-8") for folder in ("theme", "generator") for p in (ROOT / folder).rglob("*")
              if p.suffix in (".html", ".j2", ".py", ".js") and p.name != "assets.py"]
    assert len(texts) > 50
    words = set()
    for text in texts:
        words.update(re.findall(r"[\w-]+", text))
    named = sorted(words & UNUSED_MATERIAL_CLASSES)
    assert not named, f"scripts, templates or code name classes whose styles are left out: {named}"
    # what the pages use keeps its rules: each class the pages use that Material styles is still in the sheet
    styled = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", whole)) & used
    assert styled and all(f".{c}" in published for c in styled), sorted(c for c in styled if f".{c}" not in published)


def test_published_pictures_are_the_rounded_copies_of_the_carried_ones(built_site):
    """Every Mulberry picture on the site is its carried file with the path coordinates rounded
    (generator/pictures.py, compact_svg), and smaller than it (issue #15)."""
    from generator.pictures import MULBERRY_DIR, compact_svg

    published = sorted((built_site / "assets" / "pictures").glob("mulberry-*.svg"))
    assert len(published) > 20
    smaller = 0
    for f in published:
        source = ROOT / MULBERRY_DIR / (f.name.removeprefix("mulberry-").rsplit(".", 2)[0] + ".svg")
        assert source.is_file(), f.name
        assert f.read_bytes() == compact_svg(source.read_bytes()), f.name
        smaller += f.stat().st_size < source.stat().st_size
    assert smaller > len(published) / 2
