"""Long Urdu pages are laid out a part at a time (content-visibility: auto in theme/assets/charterkit.css, issue
#15): a part far down the page is laid out only when it comes near the screen. Readers must not notice: a link
to a part (from another page, or in the page itself), the browser's find and Tab must bring the reader to the
part, in view and not under the page's header, and it must stay there while the parts above it are laid out.
Checked in headless Chromium at a phone's width and a computer's, on the built default site (part_links.js).
Needs node_modules (make node-tools) and Chromium (make chromium)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.check.harness import SiteServer, find_chromium, node_env

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

#: (window width, pages): the longest Urdu page (177 blocks after its first section heading) at a phone's width
#: and a computer's. (Easy-read pages are laid out whole, as before.)
CASES = [(320, ["ur/north-yorkshire-involvement-charter/"]), (1280, ["ur/north-yorkshire-involvement-charter/"])]
#: Every way of reaching a part the probe tries.
WAYS = {"address", "link", "find", "focus"}


@pytest.fixture(scope="module")
def server(built_site):
    with SiteServer(built_site) as s:
        yield s


@pytest.mark.parametrize("width,pages", CASES, ids=[f"{w}px" for w, _ in CASES])
def test_links_find_and_tab_land_on_the_part_of_a_long_urdu_page(server, width, pages):
    env = node_env(ROOT)
    env["CHROMIUM"] = find_chromium()
    proc = subprocess.run(["node", str(Path(__file__).with_name("part_links.js")), server.base, str(width), *pages],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    for page in pages:
        parts = out["parts"][page]
        assert parts["ids"] >= 10, f"/{page} has only {parts['ids']} parts with an id: not a long page any more?"
        # the test is about pages laid out a part at a time: it must still be one
        assert parts["lazy"] >= 10, f"/{page}: only {parts['lazy']} of its blocks are laid out when near the screen"
        results = [r for r in out["results"] if r["path"] == page]
        assert {r["how"] for r in results} == WAYS, results
        for r in results:
            where = f"/{page} at {width} px, {r['how']} to {r['target']!r}"
            assert r["top"] is not None and r["later"] is not None, f"{where}: not found ({r})"
            for when, top, bottom in (("at once", r["top"], r["bottom"]),
                                      ("a moment later", r["later"]["top"], r["later"]["bottom"])):
                # in the window, below the header that covers its top (1 px for rounding)
                assert top >= r["header"] - 1, f"{where}: {when} its top ({top:.0f}) is under the header ({r})"
                assert bottom <= r["height"] + 1, f"{where}: {when} it is below the window ({r})"
            assert abs(r["later"]["top"] - r["top"]) <= 2, f"{where}: it moved after landing ({r})"
