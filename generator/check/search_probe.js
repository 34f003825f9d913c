// Search as a reader uses it, in headless Chromium: for each {path, word}, the page is opened with an empty
// cache at 1280 px (where the search box is in the header), left alone for a while, then the word is typed
// into the search box by keyboard and the results are read. Reports, per page: the search index requests
// made before the search box was used, the results' titles and the "n matching documents" line.
//
//   node search_probe.js BASE_URL '[{"path": "ar/", "word": "صحة"}]'
//
// Used by tests/browser/test_light_pages.py. Prints one JSON object: {"probes": [...]}.
'use strict';

const findPuppeteer = require('./find_puppeteer');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function probe(browser, base, job) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({width: 1280, height: 800});
  const asked = [];
  let used = false;
  page.on('request', (r) => {
    if (/search_index\.json/.test(r.url())) asked.push({url: r.url().replace(base, '/'), afterUse: used});
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL(job.path, base).toString(), {waitUntil: 'load', timeout: 60000});
  await sleep(Number(job.settle || 1500));  // time enough for anything a page does by itself on load
  used = true;
  const input = 'input[data-md-component="search-query"]';
  await page.focus(input);
  await page.keyboard.type(job.word, {delay: 20});
  let found = {items: [], meta: ''};
  for (let waited = 0; waited < Number(job.timeout || 20000); waited += 250) {
    found = await page.evaluate(() => ({
      items: [...document.querySelectorAll('.md-search-result__item')].map(
        (li) => (li.querySelector('h1, h2, h3, a') || li).textContent.trim().slice(0, 80)),
      meta: (document.querySelector('.md-search-result__meta') || {textContent: ''}).textContent.trim(),
      live: (document.querySelector('[aria-live], [role=status]') || {textContent: ''}).textContent.trim(),
      focus: document.activeElement && document.activeElement.matches('input[data-md-component="search-query"]'),
    }));
    if (found.items.length) break;
    await sleep(250);
  }
  await context.close();
  return Object.assign({path: job.path, word: job.word, asked, errors}, found);
}

async function main() {
  const [base, jobsText] = process.argv.slice(2);
  const jobs = JSON.parse(jobsText || '[]');
  if (!base || !jobs.length) throw new Error('usage: node search_probe.js BASE_URL JOBS_JSON');
  const browser = await findPuppeteer.launch();
  const probes = [];
  try {
    for (const job of jobs) probes.push(await probe(browser, base, job));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({probes}) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
