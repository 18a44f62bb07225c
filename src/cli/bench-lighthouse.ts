/**
 * Lighthouse's mobile performance score of pages of a running server, as `npm run bench` reports it:
 * its default configuration (a phone's screen, simulated slow 4G and a 4× slower CPU), performance
 * only, in the machine's Chromium. A signed-in page gets its session cookie in the browser before
 * Lighthouse opens it (a `Cookie` in Lighthouse's extra headers does not reach the page), and a page
 * that ends anywhere but where it was asked for (the login form) is an error, not a score.
 */
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

export interface LighthousePage {
	name: string;
	url: string;
	/** `name=value` of the session cookie, for a signed-in page */
	cookie?: string;
}

export interface LighthouseScore {
	name: string;
	/** 0–1, as Lighthouse reports it */
	score: number;
	lcpMs: number;
	tbtMs: number;
}

export async function lighthouseScores(
	pages: LighthousePage[],
	chromePath: string
): Promise<LighthouseScore[]> {
	const chrome = await chromeLauncher.launch({
		chromePath,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu']
	});
	const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
	try {
		const scores: LighthouseScore[] = [];
		for (const p of pages) {
			const page = await browser.newPage();
			await page.deleteCookie(...(await page.cookies(p.url)));
			if (p.cookie) {
				const [name, ...value] = p.cookie.split('=');
				await page.setCookie({ name: name!, value: value.join('='), url: p.url });
			}
			const result = await lighthouse(
				p.url,
				{
					output: 'json',
					logLevel: 'error',
					onlyCategories: ['performance'],
					// the cookie set above is the page's only storage: keep it
					disableStorageReset: true
				},
				undefined,
				page
			);
			await page.close();
			if (!result) throw new Error(`Lighthouse returned nothing for ${p.url}`);
			const { lhr } = result;
			if (lhr.runtimeError) throw new Error(`Lighthouse on ${p.url}: ${lhr.runtimeError.message}`);
			if (lhr.finalDisplayedUrl !== p.url)
				throw new Error(`Lighthouse on ${p.url} ended on ${lhr.finalDisplayedUrl}`);
			scores.push({
				name: p.name,
				score: lhr.categories.performance?.score ?? 0,
				lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
				tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN
			});
		}
		return scores;
	} finally {
		await browser.disconnect();
		chrome.kill();
	}
}
