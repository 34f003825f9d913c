"""What a reader's browser does on the default site (issue #15), in headless Chromium: search finds pages
in every language, typed by keyboard, and its index is fetched only once the search box is used; a first
view asks for nothing that is missing, no sitemap, and no Arabic or Urdu font on an English page.
Needs node_modules (make node-tools) and Chromium (make chromium)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.check.harness import SiteServer, find_chromium, node_env

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "generator" / "check"

#: A native word per language, and a page to search from.
SEARCHES = [
    {"path": "ar/", "word": "صحة"},
    {"path": "ur/north-yorkshire-involvement-charter/", "word": "صحت"},
    {"path": "pl/", "word": "zdrowie"},
    {"path": "gd/", "word": "slàinte"},
    {"path": "en/jias-engagement-framework/", "word": "health"},
]
FIRST_VIEWS = ["en/", "en/jias-engagement-framework/", "ar/jias-engagement-framework/easy-read/",
               "ur/north-yorkshire-involvement-charter/", "pl/glossary/", "gd/"]


def _node(script: str, *args: str, timeout: int = 400) -> dict:
    env = node_env(ROOT)
    env["CHROMIUM"] = find_chromium()
    proc = subprocess.run(["node", str(CHECK / script), *args], env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def server(built_site):
    with SiteServer(built_site) as s:
        yield s


def test_search_finds_native_words_in_every_language_and_loads_its_index_only_when_used(server):
    probes = _node("search_probe.js", server.base, json.dumps(SEARCHES))["probes"]
    assert len(probes) == len(SEARCHES)
    for probe in probes:
        where = f"{probe['word']} on /{probe['path']}"
        assert probe["items"], f"searching {where} found nothing ({probe['meta']!r})"
        assert probe["focus"], f"focus left the search box while searching {where}"
        assert not probe["errors"], probe["errors"]
        asked = probe["asked"]
        assert asked, f"the search index of /{probe['path']} was never fetched"
        early = [a["url"] for a in asked if not a["afterUse"]]
        assert not early, f"/{probe['path']} fetched {early} before anyone used the search box"
        lang = probe["path"].split("/", 1)[0]
        assert all(a["url"] == f"/{lang}/search/search_index.json" for a in asked), asked


def test_first_view_asks_for_nothing_missing_no_sitemap_and_only_the_fonts_it_shows(server, built_site):
    pages = _node("first_view.js", server.base, *FIRST_VIEWS)["pages"]
    assert [p["path"] for p in pages] == FIRST_VIEWS
    for page in pages:
        urls = [r["url"] for r in page["requests"] if not r["url"].startswith("data:")]
        assert len(urls) >= 5, page
        # (a player that has read the start of its audio, to know its length, stops the rest of the answer: a
        # part answered, 206, then aborted on purpose is not a broken request)
        broken = [(r["url"], r["status"], r.get("failed")) for r in page["requests"]
                  if not r["url"].startswith("data:") and (r["status"] >= 400 or r.get("failed"))
                  and not (r["status"] == 206 and r.get("failed") == "net::ERR_ABORTED")]
        assert not broken, f"/{page['path']}: {broken}"
        # the search worker's script is answered to the worker, which the page's session does not see: it
        # must at least be there
        unseen = [r["url"] for r in page["requests"] if r["status"] == 0 and not r.get("failed")]
        for url in unseen:
            assert (built_site / url.lstrip("/")).is_file(), f"/{page['path']} asks for {url}, which is missing"
        assert not [u for u in urls if "sitemap" in u], f"/{page['path']} fetched a sitemap"
        assert not [u for u in urls if "search_index" in u], f"/{page['path']} fetched the search index"
        lang = page["path"].split("/", 1)[0]
        own = [u for u in urls if u.startswith(f"/{lang}/")]
        # an easy-read page's player asks for the start of its own audio file (preload="metadata"): its length
        audio = [u for u in own if u.startswith(f"/{lang}/audio/")]
        if audio:
            assert page["path"].endswith("/easy-read/"), f"/{page['path']} asked for audio: {audio}"
            doc = page["path"].split("/")[1]
            assert set(audio) == {f"/{lang}/audio/{doc}-easy-read-{lang}.opus"}, f"/{page['path']}: {audio}"
        pages_asked = [u for u in own if u not in audio]
        assert pages_asked == [f"/{page['path']}"], f"/{page['path']} asked its language folder for {own}"
        assert all(u.startswith("/assets/") for u in urls if u not in own), urls
        fonts = [u.rsplit("/", 1)[-1] for u in urls if u.endswith(".woff2")]
        assert any(f.startswith("atkinson-hyperlegible-latin-400") for f in fonts), fonts
        whole_arabic = [f for f in fonts if f.startswith(("noto-naskh", "noto-nastaliq"))]
        if lang == "ar":
            assert any(f.startswith("noto-naskh-arabic") for f in whole_arabic), fonts
            assert not any(f.startswith("noto-nastaliq") for f in whole_arabic), fonts
        elif lang == "ur":
            # one Nastaliq file (bold Urdu is drawn from it): each Nastaliq font is 100 KB, and the page is
            # laid out again when each arrives
            assert len([f for f in whole_arabic if f.startswith("noto-nastaliq-urdu")]) == 1, fonts
            assert not any(f.startswith("noto-naskh") for f in whole_arabic), fonts
        else:
            assert not whole_arabic, f"/{page['path']} downloads Arabic-script fonts: {whole_arabic}"
        # the page fits a phone's screen, with its scripts and before they run (Material's script starts after
        # the page is drawn: a page wider than the screen until then moved sideways on right-to-left pages)
        assert page["overflow"] == 0, f"/{page['path']} is {page['overflow']} px wider than the screen"
        assert page["overflowNoScript"] == 0, \
            f"/{page['path']} is {page['overflowNoScript']} px wider than the screen without JavaScript"
