// A classroom server may host the app under a sub-path: BASE_PATH=/studydeck npm run build.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type Running } from '../../scripts/lib/server.ts';
import { buildVariant, launch, openPage, ROOT } from './harness.ts';
import { waitForOfflineReady } from './pwa.ts';
import { resolve } from 'node:path';

let browser: Browser;
let server: Running | undefined;
let dir: string;

beforeAll(async () => {
	dir = buildVariant('subpath', { version: 'e2e-sub', base: '/studydeck' });
	browser = await launch();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

test('a sub-path build works online and offline', async () => {
	server = await startServer({ dir: resolve(ROOT, dir), port: 0, base: '/studydeck' });
	const origin = server.url; // http://127.0.0.1:PORT/studydeck/
	expect(origin).toMatch(/\/studydeck\/$/);
	const { page, errors } = await openPage(browser);
	await page.goto(origin);
	await page.getByRole('link', { name: /Taliban/ }).click();
	await page.waitForURL(/\/studydeck\/sets\/ttp-peace-talks\/$/);
	await waitForOfflineReady(page);
	expect(
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)
	).toBe(origin);

	await server.close();
	server = undefined;
	await page.goto(`${origin}read/ttp-peace-talks/`);
	await page.reload();
	await page.getByRole('heading', { level: 1 }).waitFor();
	await page.goto(origin);
	await page.getByRole('heading', { name: 'Your sets' }).waitFor();
	await page.getByRole('link', { name: /Taliban/ }).click();
	await page.getByRole('heading', { level: 1, name: /Taliban/ }).waitFor();
	expect(errors).toEqual([]);
});
