// The honest offline test (ARCHITECTURE.md "Offline and updates"): once the worker controls the page, the server
// is stopped, and deep links, reloads and the bundled set still work.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { waitForOfflineReady } from './pwa.ts';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, launchPersistent, openPage, PHONE, readStore, serve } from './harness.ts';

let browser: Browser;
let server: Running | undefined;

beforeAll(async () => {
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

function storeCount(page: Page, store: string): Promise<number> {
	return readStore(page, store, 'count');
}

async function finishedAttempts(page: Page): Promise<number> {
	const attempts = await readStore<{ finishedAt: number | null }>(page, 'attempts', 'getAll');
	return attempts.filter((a) => a.finishedAt).length;
}

/** Waits for `locator`; if it never shows, says which headings and errors the page had. */
async function shows(page: Page, locator: Locator, errors: string[]): Promise<void> {
	await locator.waitFor().catch(async (e: Error) => {
		const headings = await page.locator('h1, h2').allTextContents();
		throw new Error(`${e.message}\nheadings: ${headings}\nerrors: ${errors.join('; ')}`);
	});
}

describe('offline', () => {
	test('installs, says so once, then studies and quizzes with the server stopped', async () => {
		server = await serve();
		const origin = server.url;
		const { page, errors, context } = await openPage(browser);
		await page.goto(origin);
		const heading = page.getByRole('heading', { name: 'Your sets' });
		const before = await heading.boundingBox();
		await waitForOfflineReady(page);
		await page.getByText('Studydeck is ready to work offline on this device.').waitFor();
		// The note comes over the page, a second after it showed: nothing moves under it.
		expect(await heading.boundingBox()).toEqual(before);
		await page.getByRole('button', { name: 'OK' }).click();

		await server.close();
		server = undefined;

		// A deep link never visited online, loaded cold from the cache.
		await page.goto(`${origin}sets/ttp-peace-talks/`);
		await page.getByRole('heading', { level: 1, name: /Taliban/ }).waitFor();
		await page.reload();
		await page.getByRole('heading', { level: 1, name: /Taliban/ }).waitFor();
		// A page for a set that exists only on a device gets the app shell, not a network error.
		await page.goto(`${origin}sets/made-on-this-phone/`);
		await page.getByText('There is no set called "made-on-this-phone"').waitFor();
		// Study one card and take a one-question exam, all with no server.
		await page.goto(`${origin}study/ttp-peace-talks/`);
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Good/ }).click();
		await page.getByRole('button', { name: 'Show answer' }).waitFor();
		await page.goto(`${origin}quiz/ttp-peace-talks/?count=1`);
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByText('Question 1 of 1').waitFor();
		await page.getByRole('button', { name: 'Finish quiz' }).click();
		// Unanswered, the quiz asks once (quiz.test.ts pins that); an order question's shown
		// list already counts as an answer, so it may finish straight away.
		const anyway = page.getByRole('button', { name: 'Finish anyway' });
		const results = page.getByRole('heading', { name: 'Results' });
		await anyway.or(results).first().waitFor();
		if (await anyway.count()) await anyway.click();
		await results.waitFor();
		// Results show as the quiz is handed in; the finished attempt is written just after.
		await expect.poll(() => finishedAttempts(page)).toBe(1);
		// Another reload, still offline: the review and the quiz are kept.
		await page.goto(`${origin}sets/ttp-peace-talks/`);
		await page.reload();
		await shows(page, page.getByRole('region', { name: 'Past quizzes' }).getByText('Exam'), errors);
		expect(await storeCount(page, 'reviews')).toBeGreaterThanOrEqual(1);
		expect(await storeCount(page, 'attempts')).toBe(1);

		// Said once: a later visit does not repeat it.
		await page.goto(origin);
		await page.getByRole('heading', { name: 'Your sets' }).waitFor();
		expect(await page.getByText('ready to work offline').count()).toBe(0);

		expect(errors).toEqual([]);
		await context.close();
	});

	test('caching headers and compression: the worker is never cached, assets immutable', async () => {
		server = await serve();
		const sw = await fetch(`${server.url}service-worker.js`);
		expect(sw.headers.get('cache-control')).toMatch(/no-cache/);
		const page = await fetch(server.url, { headers: { 'accept-encoding': 'br, gzip' } });
		expect(page.headers.get('content-encoding')).toBe('br'); // precompressed by the build
		const html = await page.text();
		const asset = /href="([^"]*_app\/immutable\/[^"]+\.js)"/.exec(html)?.[1];
		expect(asset).toBeTruthy();
		const res = await fetch(new URL(asset!, server.url));
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		await server.close();
		server = undefined;
	});

	test('the manifest makes the app installable in Chromium', async () => {
		server = await serve();
		// Incognito contexts are never installable; an installed app has a real profile.
		const context = await launchPersistent();
		const page = await context.newPage();
		await page.goto(server.url);
		await waitForOfflineReady(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: { errorId: string }[];
		};
		expect(installabilityErrors).toEqual([]);
		const manifest = await (await fetch(`${server.url}manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({ start_url: './', scope: './', display: 'standalone' });
		const purposes = manifest.icons.map(
			(i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`
		);
		expect(purposes).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
		await context.close();
		await server.close();
		server = undefined;
	});
});

describe('iOS Safari', () => {
	const IPHONE =
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

	test('explains the 7-day rule once, after the first progress', async () => {
		server = await serve();
		const context = await browser.newContext({ viewport: PHONE, userAgent: IPHONE });
		const { page, errors } = await openPage(browser, { context });
		page.on('crash', () => errors.push('the page crashed'));
		await page.goto(server.url);
		await page.getByRole('heading', { name: 'Your sets' }).waitFor();
		// The app has created its database (the heading is prerendered, the counts are not);
		// a version-less open before that would make an empty one.
		await page.locator('section.today[aria-busy="false"]').waitFor();
		const note = page.getByText('Safari deletes your progress after 7 days');
		expect(await note.count()).toBe(0); // no progress yet, nothing to lose

		// The first saved answer records firstProgressAt; write it as the study screen does.
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open('studydeck');
					open.onsuccess = () => {
						const tx = open.result.transaction('meta', 'readwrite');
						tx.objectStore('meta').put(Date.now(), 'firstProgressAt');
						tx.oncomplete = () => (open.result.close(), resolve());
						tx.onerror = () => reject(tx.error);
					};
					open.onerror = () => reject(open.error);
				})
		);
		// The note may come while still on / (its check, started when / showed its counts, can
		// read firstProgressAt after the write above); the reload must be of the set's page.
		await page.getByRole('link', { name: /Taliban/ }).click();
		await page.getByRole('heading', { level: 1, name: /Taliban/ }).waitFor();
		await note.waitFor();
		await page.getByRole('button', { name: 'OK' }).click();
		await page.reload();
		await shows(page, page.getByRole('heading', { level: 1, name: /Taliban/ }), errors);
		expect(await note.count()).toBe(0);
		expect(errors).toEqual([]);
		await context.close();
		await server.close();
		server = undefined;
	});
});
