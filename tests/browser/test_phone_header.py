"""The header on a phone held upright (320 x 568), in headless Chromium, in every language: it scrolls away with
the page (a sticky header whose site name wraps to 3 or 4 lines took 18-22 % of the screen all the time), the
site's name is shown whole at the top, and what Material's script places against the header still works with
the header gone: the search box opens over the page where the reader is, "Back to top" is seen and goes to the
top, the menu drawer opens. On a wide screen the header still stays on screen. Needs node_modules
(make node-tools) and Chromium (make chromium)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.check.harness import BASE_CHROMIUM_ARGS, SiteServer, find_chromium, node_env, node_modules

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LANGS = ["en", "pl", "gd", "ar", "ur"]
PAGE = "jias-engagement-framework/"  # long in every language: it can be scrolled well past the header

SCRIPT = r"""
const puppeteer = require(process.env.CK_PUPPETEER);
const config = JSON.parse(process.argv[2]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const browser = await puppeteer.launch({executablePath: config.chromium, headless: true, args: config.args});
  const out = {phone: [], wide: null};
  // Helpers put into every page before its own scripts run.
  const helpers = () => {
    window.ckSeen = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const b = el.getBoundingClientRect();
      const hit = document.elementFromPoint(b.left + Math.min(b.width / 2, 8), b.top + b.height / 2);
      return {top: b.top, bottom: b.bottom, height: b.height, hidden: !!el.hidden,
              hit: !!hit && (hit === el || el.contains(hit))};
    };
    window.ckHeader = () => {
      const h = document.querySelector('.md-header');
      const b = h.getBoundingClientRect();
      const name = h.querySelector('.ck-site-name');
      const n = name.getBoundingClientRect();
      return {top: b.top, bottom: b.bottom, height: b.height, y: window.scrollY, nameText: name.textContent.trim(),
              nameClipped: name.scrollWidth > name.clientWidth + 1 || n.right > innerWidth + 1 || n.left < -1,
              nameOverflow: getComputedStyle(name.closest('.md-ellipsis')).textOverflow};
    };
  };
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(helpers);
    await page.setViewport({width: 320, height: 568});
    for (const path of config.paths) {
      await page.goto(config.base + path, {waitUntil: 'load', timeout: 60000});
      const r = {path, atTop: await page.evaluate(() => window.ckHeader())};
      await page.evaluate(() => { window.scrollTo(0, 1200); window.dispatchEvent(new Event('scroll')); });
      await sleep(300);
      r.scrolled = await page.evaluate(() => window.ckHeader());
      // The search box, opened while the reader is down the page.
      await page.evaluate(() => document.querySelector('.ck-toggle--search').click());
      await sleep(700);
      r.search = await page.evaluate(() => Object.assign(window.ckSeen('input[data-md-component="search-query"]'),
        {focused: document.activeElement.matches('input[data-md-component="search-query"]')}));
      await page.keyboard.press('Escape');
      await sleep(700);
      r.afterSearch = await page.evaluate(() => window.ckHeader());
      // "Back to top" appears when the reader scrolls up a little.
      await page.evaluate(() => { window.scrollTo(0, 2400); window.dispatchEvent(new Event('scroll')); });
      await sleep(300);
      await page.mouse.move(160, 300);
      for (let k = 0; k < 4; k++) { await page.mouse.wheel({deltaY: -100}); await sleep(150); }
      await sleep(800);
      r.backToTop = await page.evaluate(() => window.ckSeen('.md-top'));
      if (r.backToTop && !r.backToTop.hidden) {
        await page.click('.md-top');
        await sleep(800);
        r.afterBackToTop = await page.evaluate(() => window.ckHeader());
      }
      // The menu drawer, from the menu button at the top.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click('.ck-toggle--drawer');
      await sleep(600);
      r.drawer = await page.evaluate(() => Object.assign(window.ckSeen('.md-sidebar--primary a.md-nav__link[href]'),
        {open: document.getElementById('__drawer').checked}));
      out.phone.push(r);
    }
    await page.setViewport({width: 1280, height: 800});
    await page.goto(config.base + config.paths[0], {waitUntil: 'load', timeout: 60000});
    await page.evaluate(() => { window.scrollTo(0, 1200); window.dispatchEvent(new Event('scroll')); });
    await sleep(300);
    out.wide = await page.evaluate(() => window.ckHeader());
    console.log(JSON.stringify(out));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
"""


def test_the_header_scrolls_away_on_a_phone_and_what_material_places_by_it_still_works(built_site, tmp_path):
    puppeteer = node_modules(ROOT) / "puppeteer"
    assert puppeteer.exists(), "puppeteer is missing: run make node-tools"
    script = tmp_path / "header.cjs"
    script.write_text(SCRIPT, encoding="utf-8")
    env = node_env(ROOT)
    env["CK_PUPPETEER"] = str(puppeteer)
    with SiteServer(built_site) as server:
        config = {"base": server.base, "paths": [f"{lang}/{PAGE}" for lang in LANGS], "chromium": find_chromium(),
                  "args": list(BASE_CHROMIUM_ARGS)}
        done = subprocess.run(["node", str(script), json.dumps(config)], env=env, capture_output=True, text=True,
                              timeout=400)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r["path"] for r in result["phone"]] == config["paths"]
    for r in result["phone"]:
        where = f"/{r['path']} at 320 x 568"
        top = r["atTop"]
        # At the top of the page the header is there, with the site's whole name (it is the home link too).
        assert top["top"] == 0 and top["height"] > 40, (where, top)
        assert top["nameText"] and not top["nameClipped"] and top["nameOverflow"] != "ellipsis", (where, top)
        # Scrolled down, it has gone with the page: none of the screen is taken by it.
        assert r["scrolled"]["y"] >= 1000, (where, r["scrolled"])
        assert r["scrolled"]["bottom"] <= 0, (
            f"{where}: scrolled down {r['scrolled']['y']:.0f} px, the header still covers the top "
            f"{r['scrolled']['bottom']:.0f} px of the screen")
        search = r["search"]
        assert search["focused"] and search["hit"] and 0 <= search["top"] and search["bottom"] <= 568, (where, search)
        assert abs(r["afterSearch"]["y"] - r["scrolled"]["y"]) < 2, (
            f"{where}: closing the search box moved the page", r["scrolled"], r["afterSearch"])
        back = r["backToTop"]
        assert back and not back["hidden"] and back["hit"] and 0 <= back["top"] < 100, (where, back)
        assert r["afterBackToTop"]["y"] == 0 and r["afterBackToTop"]["top"] == 0, (where, r["afterBackToTop"])
        drawer = r["drawer"]
        assert drawer["open"] and drawer["hit"], (where, drawer)
    wide = result["wide"]
    assert wide["y"] >= 1000 and wide["top"] == 0 and wide["bottom"] > 40, (
        "at 1280 px the header should still stay on screen", wide)
