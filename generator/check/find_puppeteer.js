// The puppeteer the small browser scripts use (first_view.js, search_probe.js): PUPPETEER (a path) first,
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
