"""The easy-read page's audio player in headless Chromium (issue #16): Tab reaches it, it plays (its
currentTime moves), and it knows its length. Needs node_modules (make node-tools), Chromium (make chromium)
and the computer voice (make speech)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.audio import speak
from generator.check.harness import BASE_CHROMIUM_ARGS, SiteServer, find_chromium, node_env, node_modules

ROOT = Path(__file__).resolve().parents[2]
PAGE = "en/jias-engagement-framework/easy-read/"

SCRIPT = r"""
const puppeteer = require(process.env.CK_PUPPETEER);
const config = JSON.parse(process.argv[2]);
(async () => {
  const browser = await puppeteer.launch({executablePath: config.chromium, headless: true, args: config.args});
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1280, height: 800});
    await page.goto(config.url, {waitUntil: "load", timeout: 60000});
    const out = {tabs: null, autoplayAttr: null};
    for (let n = 1; n <= config.maxTabs; n++) {
      await page.keyboard.press("Tab");
      const here = await page.evaluate(() => {
        const el = document.activeElement;
        return el ? el.tagName.toLowerCase() + (el.className ? "." + el.className : "") : "";
      });
      if (here.startsWith("audio")) { out.tabs = n; out.focused = here; break; }
    }
    Object.assign(out, await page.evaluate(async () => {
      const a = document.querySelector("audio.ck-listen-player");
      const label = document.getElementById(a.getAttribute("aria-labelledby"));
      const pausedBefore = a.paused;
      if (!Number.isFinite(a.duration) || a.duration === 0) {
        await new Promise(r => { a.addEventListener("loadedmetadata", r, {once: true}); setTimeout(r, 10000); });
      }
      await a.play();
      const startedAt = a.currentTime;
      await new Promise(r => setTimeout(r, 2000));
      return {pausedBefore, autoplayAttr: a.hasAttribute("autoplay"), controls: a.controls, startedAt,
              currentTime: a.currentTime, duration: a.duration, error: a.error && a.error.code,
              label: label && label.textContent, canPlay: a.canPlayType('audio/ogg; codecs="opus"')};
    }));
    console.log(JSON.stringify(out));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
"""


@pytest.mark.browser
def test_the_player_is_reached_with_tab_and_plays(built_site, tmp_path):
    if speak.find_tools() is None:
        pytest.skip("espeak-ng and opusenc are not installed, so the site has no audio to play (make speech)")
    puppeteer = node_modules(ROOT) / "puppeteer"
    assert puppeteer.exists(), "puppeteer is missing: run make node-tools"
    script = tmp_path / "play.cjs"
    script.write_text(SCRIPT, encoding="utf-8")
    env = node_env(ROOT)
    env["CK_PUPPETEER"] = str(puppeteer)
    with SiteServer(built_site) as server:
        config = {"url": server.base + PAGE, "chromium": find_chromium(), "maxTabs": 80,
                  "args": [*BASE_CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"]}
        done = subprocess.run(["node", str(script), json.dumps(config)], env=env, capture_output=True, text=True,
                              timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["tabs"] is not None, f"the player was not reached in {config['maxTabs']} presses of Tab"
    assert result["pausedBefore"] is True and result["autoplayAttr"] is False and result["controls"] is True
    assert result["label"] == "Listen to this page (computer voice)"
    assert result["error"] is None, result
    assert result["duration"] > 20, result
    assert result["currentTime"] > result["startedAt"] + 0.5, result
