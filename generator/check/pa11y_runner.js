'use strict';
// charterkit's driver for pa11y (the engine inside pa11y-ci), used by `charterkit check a11y`.
//
// It runs pa11y with the same options pa11y-ci would, on one browser tab that it keeps open from page
// to page, and writes a report in pa11y-ci's JSON format. Why not pa11y-ci itself: pa11y-ci opens a
// new tab for every page (a new renderer process each time) and pa11y, when it opens the page itself,
// waits until the network has been quiet for half a second ("networkidle2"). On a static site served
// from this computer nothing loads after the load event, so that half second is waiting for nothing,
// page after page. Here each page is opened with waitUntil "load" (every style sheet, script, font and
// picture loaded), then given two frames to settle, then handed to pa11y as it is (ignoreUrl).
// `charterkit check a11y --engine pa11y-ci` runs pa11y-ci itself; a test checks both engines find
// the same faults.
//
// Usage: node pa11y_runner.js CONFIG.json   (prints one line of JSON on stdout)
// CONFIG: {urls: [...], chromium: "/usr/bin/chromium", args: [...], runners: [...], standard,
//          ignore: [...], timeout: ms, viewport: {width, height}}

const fs = require('fs');

function load(name) {
	// NODE_PATH (set by charterkit) points at the project's node_modules.
	return require(name);
}

async function main() {
	const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
	const puppeteer = load('puppeteer');
	const pa11y = load('pa11y');
	const report = {total: config.urls.length, passes: 0, errors: 0, results: {}};
	const browser = await puppeteer.launch({
		executablePath: config.chromium,
		args: config.args,
		headless: true
	});
	let page = null;

	async function freshPage() {
		if (page) {
			await page.close().catch(() => {});
		}
		page = await browser.newPage();
		await page.setViewport(config.viewport);
		return page;
	}

	async function check(url) {
		const response = await page.goto(url, {waitUntil: 'load', timeout: config.timeout});
		if (!response) {
			throw new Error(`no response from ${url}`);
		}
		if (response.status() >= 400) {
			throw new Error(`the server answered ${response.status()} for ${url}`);
		}
		// Two frames, so that anything the page's scripts change on load is laid out.
		await page.evaluate(() => new Promise(resolve => {
			requestAnimationFrame(() => requestAnimationFrame(resolve));
		}));
		return pa11y(url, {
			browser,
			page,
			ignoreUrl: true,
			runners: config.runners,
			standard: config.standard,
			ignore: config.ignore,
			timeout: config.timeout,
			viewport: config.viewport,
			includeNotices: false,
			includeWarnings: false
		});
	}

	await freshPage();
	for (const url of config.urls) {
		let results = null;
		let lastError = null;
		// A page that fails to run is tried once more in a new tab before it counts as failed.
		for (let attempt = 0; attempt < 2 && !results; attempt += 1) {
			try {
				if (attempt > 0) {
					await freshPage();
				}
				results = await check(url);
			} catch (error) {
				lastError = error;
			}
		}
		if (!results) {
			report.results[url] = [{message: String(lastError && lastError.message || lastError)}];
			continue;
		}
		const issues = results.issues || [];
		report.results[url] = issues;
		if (issues.length) {
			report.errors += issues.length;
		} else {
			report.passes += 1;
		}
	}
	await browser.close();
	process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch(error => {
	process.stderr.write(`charterkit pa11y driver: ${error && error.stack || error}\n`);
	process.exit(2);
});
