// Do links to a part of a long page land on that part? In headless Chromium, for each page and window width:
//   - "address": the page opened with #part in its address (a link from another page);
//   - "link": the page opened, then a link to #part followed (the table of contents, a "see" link);
//   - "find": the page's last words found with the browser's find (window.find, as find in page does);
//   - "focus": the page's last link given focus (Tab reaches it the same way).
// After each, and again after a pause (parts above may be laid out late and move what is on screen), it
// reads where the part is on the screen. Used by tests/browser/test_part_links.py and by hand:
//
//   CHROMIUM=/usr/bin/chromium node tests/browser/part_links.js http://127.0.0.1:8000/ 412 ur/some/page/ ...
//
// Prints one JSON object: {"results": [{"path", "width", "how", "target", "top", "bottom", "later": {"top",
// "bottom"}, "height", "header"}], "parts": {path: {"ids", "lazy"}}}: top and bottom are the part's edges in CSS
// pixels from the top of the window, height the window's, header the bottom edge of the page's fixed header (what
// covers the window's top); ids is how many parts the page has, lazy how many of the article's blocks the browser
// lays out only near the screen (content-visibility: auto). ALL_PARTS=1 goes to every part, not two.
'use strict';

const path = require('path');
const findPuppeteer = require(path.resolve(__dirname, '..', '..', 'generator', 'check', 'find_puppeteer'));

const SETTLE_MS = Number(process.env.SETTLE_MS || 1500);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Where an element (or the current selection, for "find") is on the screen, and what covers the top.
function where(how, target) {
  let rect;
  if (how === 'find') {
    const sel = window.getSelection();
    if (!sel.rangeCount || !sel.toString()) return null;
    rect = sel.getRangeAt(0).getBoundingClientRect();
  } else {
    const el = how === 'focus' ? document.activeElement : document.getElementById(target);
    if (!el || (how === 'focus' && el.getAttribute('data-ck-probe') !== target)) return null;
    rect = el.getBoundingClientRect();
  }
  const header = document.querySelector('.md-header');
  return {top: rect.top, bottom: rect.bottom, height: window.innerHeight,
          header: header ? Math.max(0, header.getBoundingClientRect().bottom) : 0};
}

// The parts a test goes to: the ids of the article's headings (and numbered items), taken from the page.
function partsOf() {
  const ids = [...document.querySelectorAll('article.md-content__inner [id]')]
    .filter((el) => /^(H[2-6]|P)$/.test(el.tagName) && el.id && !el.id.startsWith('_'))
    .map((el) => el.id);
  const links = [...document.querySelectorAll('article.md-content__inner a[href]')];
  const paras = [...document.querySelectorAll('article.md-content__inner p')]
    .filter((p) => !p.closest('details') && p.textContent.trim().split(/\s+/).length >= 4);
  const last = paras.length ? paras[paras.length - 1].textContent.trim().split(/\s+/).slice(0, 4).join(' ') : '';
  // how many parts of the page the browser lays out only near the screen (content-visibility: auto)
  const lazy = [...document.querySelectorAll('article.md-content__inner *')]
    .filter((el) => getComputedStyle(el).contentVisibility === 'auto').length;
  return {ids, lastLink: links.length ? links.length - 1 : -1, lastWords: last, lazy};
}

async function open(browser, url, width) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({width, height: 800, deviceScaleFactor: 1, isMobile: width < 600, hasTouch: width < 600});
  await page.goto(url, {waitUntil: 'load', timeout: 60000});
  await page.evaluate(() => document.fonts.ready);
  await pause(300);
  return {context, page};
}

async function probe(browser, base, pagePath, width, picks) {
  const url = new URL(pagePath, base).toString();
  const out = [];
  const record = async (page, how, target) => {
    const first = await page.evaluate(where, how, target);
    await pause(SETTLE_MS);
    const later = await page.evaluate(where, how, target);
    out.push(Object.assign({path: pagePath, width, how, target}, first || {top: null, bottom: null},
                           {later: later && {top: later.top, bottom: later.bottom}}));
  };
  // the parts of the page, read once
  let {context, page} = await open(browser, url, width);
  const parts = await page.evaluate(partsOf);
  await context.close();
  const ids = picks(parts.ids);
  for (const id of ids) {
    ({context, page} = await open(browser, `${url}#${id}`, width));
    await record(page, 'address', id);
    await context.close();
  }
  ({context, page} = await open(browser, url, width));
  for (const id of ids) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await pause(200);
    // a link in the page, followed as a reader's click follows it
    await page.evaluate((target) => {
      const a = document.createElement('a');
      a.href = `#${target}`;
      a.textContent = 'probe';
      document.querySelector('.md-header').appendChild(a);
      a.click();
      a.remove();
    }, id);
    await pause(100);
    await record(page, 'link', id);
  }
  if (parts.lastWords) {
    await page.evaluate(() => { window.scrollTo(0, 0); window.getSelection().removeAllRanges(); });
    await pause(200);
    await page.evaluate((words) => window.find(words, false, false, false, false, false, false), parts.lastWords);
    await record(page, 'find', parts.lastWords);
  }
  if (parts.lastLink >= 0) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await pause(200);
    await page.evaluate((n) => {
      const a = document.querySelectorAll('article.md-content__inner a[href]')[n];
      a.setAttribute('data-ck-probe', 'last-link');
      a.focus();
    }, parts.lastLink);
    await record(page, 'focus', 'last-link');
  }
  await context.close();
  return {out, ids: parts.ids.length, lazy: parts.lazy};
}

async function main() {
  const [base, widthText, ...paths] = process.argv.slice(2);
  if (!base || !widthText || !paths.length) throw new Error('usage: node part_links.js BASE_URL WIDTH PATH...');
  const all = process.env.ALL_PARTS === '1';
  // the part half way down and the last part (or every part)
  const picks = (ids) => all ? ids : [...new Set([0.5, 1].map((f) => ids[Math.max(0, Math.ceil(ids.length * f) - 1)]))].filter(Boolean);
  const puppeteer = findPuppeteer();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
           '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const results = [];
  const parts = {};
  try {
    for (const width of widthText.split(',').map(Number)) {
      for (const p of paths) {
        const {out, ids, lazy} = await probe(browser, base, p, width, picks);
        results.push(...out);
        parts[p] = {ids, lazy};
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({results, parts}) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
