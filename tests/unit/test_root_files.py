"""The root files of the site (web/root.py, theme/root/): built from the settings, every value escaped."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.web.root import _js_list, root_files

ROOT = Path(__file__).resolve().parents[2]


def config(name: str, url: str | None = "https://example.org/charters/"):
    langs = [SimpleNamespace(code="en", name="English", dir="ltr"), SimpleNamespace(code="ar", name="العربية", dir="rtl"),
             SimpleNamespace(code="pl", name="Polski", dir="ltr")]
    return SimpleNamespace(languages=langs, site=SimpleNamespace(name=name, url=url))


def test_the_root_page_lists_the_built_languages_and_sends_readers_to_theirs():
    files = root_files(ROOT, config("Our charters"), ["en", "ar"])
    index = files["index.html"]
    assert '<html lang="en" dir="ltr">' in index and "<title>Our charters</title>" in index
    assert "var codes = ['en', 'ar'];" in index
    assert '<a href="ar/" lang="ar" dir="rtl" hreflang="ar">العربية</a>' in index
    assert 'hreflang="pl"' not in index  # not built
    assert "Content-Security-Policy" in index  # its inline script is allowed by hash only
    missing = files["404.html"]
    assert "<script>" not in missing and '<a href="/en/"' in missing and "<h1>Page not found</h1>" in missing
    assert files["sitemap.xml"].count("<sitemap>") == 2
    assert "<loc>https://example.org/charters/ar/sitemap.xml</loc>" in files["sitemap.xml"]


def test_a_hostile_site_name_stays_words():
    files = root_files(ROOT, config("Tom's <script>alert(1)</script> & co"), ["en"])
    for name in ("index.html", "404.html"):
        assert "<script>alert" not in files[name]
        assert "Tom&#x27;s &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in files[name]


def test_only_language_codes_reach_the_script():
    assert str(_js_list(["en", "pt-BR"])) == "['en', 'pt-BR']"
    with pytest.raises(ValueError):
        _js_list(["en'];alert(1);//"])


def test_hreflang_links_are_absolute_when_the_site_has_an_address():
    index = root_files(ROOT, config("Our charters"), ["en", "ar"])["index.html"]
    assert '<link rel="alternate" hreflang="ar" href="https://example.org/charters/ar/">' in index
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/charters/en/">' in index
    assert '<a href="ar/" lang="ar"' in index  # the links a reader follows stay on this copy of the site
    local = root_files(ROOT, config("Our charters", url=None), ["en", "ar"])["index.html"]
    assert '<link rel="alternate" hreflang="ar" href="ar/">' in local
