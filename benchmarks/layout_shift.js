// How far a page's first view moves while it loads (its layout shift, as Lighthouse and Chrome's field data
// count it: the sum of the layout-shift entries; nobody touches the page here, so every entry counts, also
// those Chromium marks "after recent input" when a phone's window is emulated), in headless Chromium at a phone's
// width (412 px), twice:
//   "served":    the page as the server gives it (here, at once: as Lighthouse's own run sees it);
//   "fontsLate": every font held back until the page has been read and drawn without them (its HTML read,
//                painted, then 300 ms), as on a slow connection: the text is drawn first in the stand-in
//                fonts and moves if the web fonts, when they arrive, take other widths or heights.
// A measurement, not a test (with the fonts held back its figure moves from run to run: see
// benchmarks/results.md, session 6):
//
//   CHROMIUM=/usr/bin/chromium node benchmarks/layout_shift.js http://127.0.0.1:8000/ ur/ ar/some/page/
//
// Prints one JSON object: {"pages": [{"path", "served": {"shift", "moved"}, "fontsLate": {"shift", "moved",
// "held"}}]}. "moved" lists what moved most (a short description of each element or text, with its box before
// and after); "held" is how many font requests were held back (0 would mean the page asked for no font).
'use strict';

const findPuppeteer = require('../generator/check/find_puppeteer');

const OBSERVE = () => {
  window.__ckShifts = [];
  const describe = (n) => {
    if (!n) return '?';
    if (n.nodeType !== 1) return `text "${(n.textContent || '').trim().slice(0, 40)}" in ${describe(n.parentElement)}`;
    const cls = typeof n.className === 'string' && n.className.trim() ? '.' + n.className.trim().split(/\s+/).join('.') : '';
    return n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + cls;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const box = (r) => r && [r.x, r.y, r.width, r.height].map(Math.round);
      window.__ckShifts.push({value: e.value, at: Math.round(e.startTime), sources: (e.sources || []).map(
        (s) => ({what: describe(s.node), before: box(s.previousRect), after: box(s.currentRect)}))});
    }
  }).observe({type: 'layout-shift', buffered: true});
};

async function measure(browser, url, holdFonts) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({width: 412, height: 823, deviceScaleFactor: 1, isMobile: true, hasTouch: true});
  await page.evaluateOnNewDocument(OBSERVE);
  const held = [];
  let release = false, heldCount = 0;
  if (holdFonts) {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (/\.woff2?(\?|$)/.test(request.url()) && !release) { heldCount += 1; held.push(request); return; }
      request.continue();
    });
  }
  const loading = page.goto(url, {waitUntil: 'load', timeout: 60000});
  if (holdFonts) {
    // (the load event waits for the fonts: release them once the whole page has been read and drawn
    // without them: its first paint, the end of its HTML, then two frames and 300 ms)
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0
                               && document.readyState !== 'loading', {timeout: 60000, polling: 50});
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release = true;
    for (const request of held.splice(0)) request.continue();
  }
  await loading;
  await page.evaluate(() => document.fonts.ready);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const shifts = await page.evaluate(() => window.__ckShifts);
  await context.close();
  const moved = shifts.flatMap((s) => s.sources.map((src) => Object.assign({value: s.value, at: s.at}, src)))
    .sort((a, b) => b.value - a.value).slice(0, 6);
  const out = {shift: shifts.reduce((n, s) => n + s.value, 0), moved};
  if (holdFonts) out.held = heldCount;
  return out;
}

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || !paths.length) throw new Error('usage: node layout_shift.js BASE_URL PATH...');
  const browser = await findPuppeteer.launch();
  const pages = [];
  try {
    for (const p of paths) {
      const url = new URL(p, base).toString();
      pages.push({path: p, served: await measure(browser, url, false), fontsLate: await measure(browser, url, true)});
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({pages}) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
