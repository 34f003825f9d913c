"""web/assets.py: one copy of the theme's files for every language, with hashed names; Material's bundle
changed so the search index loads when it is used, a search runs on every change of its words, and no
sitemap is asked for; fonts cut to one language's letters and to the language menu's names."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from generator.web import assets
from generator.web.assets import SharedAssets, hashed_name, patch_bundle

ROOT = Path(__file__).resolve().parents[2]


def test_every_bundle_patch_applies_once_to_materials_bundle():
    original = (assets.material_assets_dir() / assets.BUNDLE).read_text(encoding="utf-8")
    patched = patch_bundle(original)
    assert len(assets.BUNDLE_PATCHES) == 3
    for what, old, new in assets.BUNDLE_PATCHES:
        assert original.count(old) == 1, what
        assert new in patched and old not in patched, what
    # the index is fetched only through the lazy wrapper: the eager call is gone
    assert 'namedItem("search")?ks():tt' not in patched
    assert 'addEventListener(n,d)' in patched


def test_a_bundle_that_does_not_match_stops_with_a_plain_message():
    with pytest.raises(assets.AssetError, match="found 0 times, not once.*make build"):
        patch_bundle("var x = 1;")


def test_hashed_names_carry_the_hash_of_the_content():
    a = hashed_name("assets/charterkit/fonts.css", b"one")
    b = hashed_name("assets/charterkit/fonts.css", b"two")
    assert a != b
    assert a == "assets/charterkit/fonts." + hashlib.sha256(b"one").hexdigest()[:10] + ".css"


def test_rewrite_points_every_kind_of_address_at_the_shared_copy():
    shared = SharedAssets(files={}, names={"assets/charterkit/x.css": "assets/charterkit/x.0123456789.css"})
    page = ('<link href="../../assets/charterkit/x.css"><link href="assets/charterkit/x.css">'
            '<link href="/en/assets/charterkit/x.css"><link href="/sub/en/assets/charterkit/x.css">'
            '<a href="../assets/charterkit/other.css">kept</a><p>assets/charterkit/x.css in words</p>')
    out = shared.rewrite(page)
    assert '"../../../assets/charterkit/x.0123456789.css"' in out
    assert '"../assets/charterkit/x.0123456789.css"' in out
    assert '"/assets/charterkit/x.0123456789.css"' in out
    assert '"/sub/assets/charterkit/x.0123456789.css"' in out
    assert '"../assets/charterkit/other.css"' in out  # not a theme file: left alone
    assert "<p>assets/charterkit/x.css in words</p>" in out  # only addresses change


class _Lang:
    def __init__(self, code, name):
        self.code, self.name = code, name


class _Config:
    languages = [_Lang("en", "English"), _Lang("pl", "Polski"), _Lang("ar", "العربية"), _Lang("ur", "اردو")]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    return assets.shared_assets(ROOT, _Config(), cache_dir=tmp_path_factory.mktemp("asset-cache"))


def test_one_copy_with_hashed_names_under_assets(shared):
    assert shared.files, "no shared files"
    for published, data in shared.files.items():
        assert published.startswith("assets/")
        assert not published.endswith(".map"), "source maps are not published"
        if published.startswith("assets/charterkit/") and "LICENSE" not in published:
            assert hashlib.sha256(data).hexdigest()[:10] in published, published
    material = {p for p in shared.files if p.startswith("assets/material.")}
    assert len({p.split("/")[1] for p in material}) == 1, "Material's files are in one hashed folder"
    # the search worker finds the lunr languages next to it
    assert any(p.endswith("javascripts/lunr/min/lunr.ar.min.js") for p in material)
    assert any(p.endswith("javascripts/workers/search.a7633da7.min.js") for p in material)


def test_fonts_css_names_the_published_fonts(shared):
    css_name = shared.names["assets/charterkit/site.css"]
    assert "assets/charterkit/fonts.css" not in shared.names  # joined into site.css
    css = shared.files[css_name].decode("utf-8")
    import re

    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert len(urls) >= 12, urls
    folder = css_name.rsplit("/", 1)[0]
    for url in urls:
        assert f"{folder}/{url}" in shared.files, url
    # Arabic and Urdu fonts: the cut ones only, never the whole fontsource files
    assert "CK Names Naskh" in css and "CK Names Nastaliq" in css
    assert "-arabic-400-normal-arabic." in css and "-arabic-400-normal-urdu." in css
    whole = (ROOT / "node_modules/@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2")
    assert whole.read_bytes() not in shared.files.values()


def test_the_menu_font_has_just_the_letters_of_the_names(shared):
    from fontTools.ttLib import TTFont

    font_name = next(p for p in shared.files if "/menu-ck-names-naskh." in p)
    font = TTFont(io.BytesIO(shared.files[font_name]))
    letters = {chr(c) for c in font.getBestCmap()}
    assert set("العربية") <= letters
    assert len(shared.files[font_name]) < 8000
    assert not (letters - set("العربية") - {" "}), letters - set("العربية")


def test_cut_fonts_keep_every_letter_of_their_language(shared):
    from fontTools.ttLib import TTFont

    nastaliq = next(p for p in shared.files if "nastaliq-urdu-arabic-400-normal-urdu." in p)
    font = TTFont(io.BytesIO(shared.files[nastaliq]))
    cmap = set(font.getBestCmap())
    urdu_words = "صحت اور سماجی نگہداشت کے لیے شمولیت، چارٹر۔"
    missing = {c for c in urdu_words if not c.isspace() and ord(c) not in cmap}
    assert not missing, missing
    assert len(shared.files[nastaliq]) < 140_000


def test_a_cut_font_is_the_same_bytes_every_time(tmp_path):
    """Two builds (on two computers, or with no cache) publish the same font under the same name."""
    source = ROOT / "node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2"
    first = assets._subset_font(source, "العربية", None)
    import time

    time.sleep(1.1)  # a font's head table counts seconds
    assert assets._subset_font(source, "العربية", None) == first


def test_prune_material_css_leaves_out_only_rules_that_need_an_unused_class():
    from generator.web.assets import prune_material_css

    css = ('@charset "UTF-8";.a,.md-tabs .b,:not(.md-tabs) .c{color:red}.md-tabs__link{x:1}'
           '@media screen and (min-width:10em){.md-tabs{y:1}}@media print{.d,.md-source{z:2}}'
           '@keyframes k{0%{a:1}}.e:is(.md-tabs,.f){w:1}')
    out = prune_material_css(css, frozenset({"md-tabs", "md-tabs__link", "md-source"}))
    assert out == ('@charset "UTF-8";.a,:not(.md-tabs) .c{color:red}@media print{.d{z:2}}'
                   '@keyframes k{0%{a:1}}.e:is(.md-tabs,.f){w:1}')
