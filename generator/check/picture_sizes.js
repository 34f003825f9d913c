'use strict';
/*
 * charterkit: how wide the easy-read pictures are drawn, in headless Chromium (picture_sizes.py runs this).
 *
 *   node picture_sizes.js CONFIG.json
 *
 * CONFIG: {"puppeteer": "/path/to/node_modules/puppeteer", "chromium": "/usr/bin/chromium", "args": [...],
 *          "viewports": {"320": {"width": 320, "height": 640}, ...}, "timeoutMs": 30000,
 *          "selector": "img.ck-er-picture", "pages": ["http://127.0.0.1:8000/en/doc/easy-read/", ...]}
 *
 * Each page is loaded at each width. Prints one line of JSON:
 *   {"results": {URL: {VIEWPORT: {"widths": [CSS px of every picture], "heights": [...],
 *                                  "textWidths": [CSS px of the text beside each picture],
 *                                  "sideways": true if the page scrolls sideways}}},
 *    "errors": {URL: "what went wrong"}}
 * Nothing is written anywhere else.
 */
const fs = require('fs');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const puppeteer = require(config.puppeteer);

async function measure(page, selector) {
  return page.evaluate((sel) => {
    const widths = [], heights = [], textWidths = [];
    for (const img of document.querySelectorAll(sel)) {
      const box = img.getBoundingClientRect();
      widths.push(Math.round(box.width * 10) / 10);
      heights.push(Math.round(box.height * 10) / 10);
      const text = img.nextElementSibling;
      textWidths.push(text ? Math.round(text.getBoundingClientRect().width) : 0);
    }
    const root = document.scrollingElement || document.documentElement;
    return {widths, heights, textWidths, sideways: root.scrollWidth > root.clientWidth + 1};
  }, selector);
}

(async () => {
  const browser = await puppeteer.launch({executablePath: config.chromium, args: config.args, headless: true});
  const results = {}, errors = {};
  try {
    const page = await browser.newPage();
    for (const url of config.pages) {
      results[url] = {};
      try {
        for (const [name, viewport] of Object.entries(config.viewports)) {
          await page.setViewport(viewport);
          await page.goto(url, {waitUntil: 'load', timeout: config.timeoutMs || 30000});
          results[url][name] = await measure(page, config.selector);
        }
      } catch (err) {
        errors[url] = String(err && err.message || err);
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({results, errors}) + '\n');
})().catch((err) => {
  process.stdout.write(JSON.stringify({fatal: String(err && err.stack || err)}) + '\n');
  process.exit(1);
});
