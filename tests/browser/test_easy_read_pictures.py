"""Issue #14: easy-read pictures are big enough to see, measured in headless Chromium on the built site.

At least 120 CSS px wide beside the text on a desktop (1280 px wide) and at least 80 px on a phone (320 px
wide), on every easy-read page of every language, and the page does not scroll sideways at 320 px.
(The print size, 3 cm, is measured in tests/packs/test_easy_read_print_sizes.py.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import picture_sizes

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.browser
def test_easy_read_pictures_are_big_enough_at_1280_and_320_px(built_site):
    paths = picture_sizes.easy_read_paths(built_site)
    languages = {p.split("/")[0] for p in paths}
    assert languages == {"en", "pl", "gd", "ar", "ur"}, paths
    assert len(paths) >= 5 * 8, paths
    results = picture_sizes.measure(ROOT, built_site, paths)
    assert set(results) == set(paths)
    for path, by_width in results.items():
        for viewport in ("1280", "320"):
            sizes = by_width[viewport]
            assert sizes["widths"], f"{path} at {viewport} px: no easy-read pictures found"
            # the words beside the picture keep room to be read
            assert min(sizes["textWidths"]) >= (300 if viewport == "1280" else 150), (path, viewport, sizes["textWidths"])
    assert picture_sizes.too_small(results) == []


def test_too_small_names_the_page_the_width_and_sideways_scroll():
    results = {"en/doc/easy-read/": {"1280": {"widths": [120, 96], "textWidths": [500, 500], "sideways": False},
                                     "320": {"widths": [80, 80], "textWidths": [180, 180], "sideways": True}}}
    problems = picture_sizes.too_small(results)
    assert problems == ["en/doc/easy-read/ at 1280 px: 1 of 2 pictures are narrower than 120 px (smallest 96 px)",
                        "en/doc/easy-read/ scrolls sideways at 320 px"]
