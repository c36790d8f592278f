import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, serve } from './harness.ts';

let browser: Browser;
let server: Running;

beforeAll(async () => {
	browser = await launch();
	server = await serve();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

describe('home', () => {
	test('lists the bundled set and its deep link survives a reload', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(server.url);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your sets');
		const link = page.getByRole('link', { name: /Taliban/ });
		await expect(link.count()).resolves.toBe(1);
		await link.click();
		await page.waitForURL(/\/sets\/ttp-peace-talks\/$/);
		await page.getByRole('heading', { level: 1, name: /Taliban/ }).waitFor();

		await page.reload();
		await page.getByRole('heading', { level: 1, name: /Taliban/ }).waitFor();
		await expect(
			page.getByRole('main').getByRole('link', { name: 'Study', exact: true }).count()
		).resolves.toBe(1);
		expect(errors).toEqual([]);
	});

	test('an unknown set says so plainly', async () => {
		const { page } = await openPage(browser);
		const res = await page.goto(`${server.url}sets/no-such-set/`);
		expect(res?.status()).toBe(200); // the SPA fallback answers; the page says 404
		await page.getByText('There is no set called "no-such-set"').waitFor();
	});
});
