// What a reader's first view of a page downloads: every request the page makes while it loads (and for a
// few seconds after), with its status and the bytes that came over the network, in headless Chromium with
// an empty cache. Used by tests/browser/test_light_pages.py and by hand:
//
//   CHROMIUM=/usr/bin/chromium node generator/check/first_view.js http://127.0.0.1:8000/ en/ ar/some/page/
//
// Prints one JSON object: {"pages": [{"path", "requests": [{"url", "status", "bytes", "type"}], "total",
// "overflow", "overflowNoScript"}]}. "overflow" is how far (CSS pixels) the page is wider than the phone's
// screen once loaded, and "overflowNoScript" the same with JavaScript off, which is also how every page
// looks until its deferred scripts have run: a page wider than the screen scrolls sideways, and on a
// right-to-left page the whole page moves when that changes (a layout shift).
// "bytes" is what Chromium received for the response (headers and body, compressed if the server
// compressed it), as the DevTools protocol's Network.loadingFinished encodedDataLength gives it.
'use strict';

const findPuppeteer = require('./find_puppeteer');

async function measure(browser, base, pagePath, settle) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({width: 412, height: 823, deviceScaleFactor: 1, isMobile: true, hasTouch: true});
  const client = await page.createCDPSession();
  await client.send('Network.enable');
  await client.send('Network.setCacheDisabled', {cacheDisabled: true});
  const seen = new Map();
  client.on('Network.requestWillBeSent', (e) => {
    seen.set(e.requestId, {url: e.request.url, status: 0, bytes: 0, type: e.type || ''});
  });
  client.on('Network.responseReceived', (e) => {
    const r = seen.get(e.requestId);
    if (r) { r.status = e.response.status; r.type = e.type || r.type; r.encoding = (e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || ''); }
  });
  client.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  client.on('Network.loadingFailed', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.failed = e.errorText;
  });
  await page.goto(new URL(pagePath, base).toString(), {waitUntil: 'load', timeout: 60000});
  await new Promise((resolve) => setTimeout(resolve, settle));
  const overflow = await page.evaluate(WIDER);
  await context.close();
  const requests = [...seen.values()].map((r) => Object.assign(r, {url: r.url.replace(base, '/')}));
  return {path: pagePath, requests, total: requests.reduce((n, r) => n + r.bytes, 0), overflow,
          overflowNoScript: await withoutScript(browser, new URL(pagePath, base).toString())};
}

// How much wider than the window the page is (0 when it fits).
const WIDER = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

async function withoutScript(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({width: 412, height: 823, deviceScaleFactor: 1, isMobile: true, hasTouch: true});
  await page.goto(url, {waitUntil: 'load', timeout: 60000});
  const wider = await page.evaluate(WIDER);
  await context.close();
  return wider;
}

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || !paths.length) throw new Error('usage: node first_view.js BASE_URL PATH...');
  const browser = await findPuppeteer.launch();
  const pages = [];
  try {
    for (const p of paths) pages.push(await measure(browser, base, p, Number(process.env.SETTLE_MS || 3000)));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({pages}) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
