// The puppeteer the small browser scripts use (first_view.js, search_probe.js, benchmarks/layout_shift.js): PUPPETEER (a path) first,
// then NODE_PATH (as the checks set it), then the node_modules of this checkout.
'use strict';
const path = require('path');

module.exports = function findPuppeteer() {
  const tries = [process.env.PUPPETEER, 'puppeteer',
                 path.resolve(__dirname, '..', '..', 'node_modules', 'puppeteer')].filter(Boolean);
  for (const name of tries) {
    try { return require(name); } catch (e) { /* next */ }
  }
  throw new Error('puppeteer is not installed: run `make node-tools`.');
};

// The headless Chromium these scripts share (CHROMIUM, or Debian's /usr/bin/chromium), with the same switches:
// no sandbox (CI runs as root), no GPU, nothing fetched in the background.
module.exports.launch = function launch() {
  return module.exports().launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-setuid-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
           '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
};
