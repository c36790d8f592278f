// Updates across two real builds: the new version waits, the page offers "Reload", and
// after it is applied only the new version's cache remains.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type Running } from '../../scripts/lib/server.ts';
import { buildVariant, launch, openPage, ROOT } from './harness.ts';
import { cacheNames, waitForOfflineReady } from './pwa.ts';
import { resolve } from 'node:path';

let browser: Browser;
let server: Running | undefined;
let v1: string;
let v2: string;

beforeAll(async () => {
	v1 = buildVariant('v1', { version: 'e2e-v1' });
	v2 = buildVariant('v2', { version: 'e2e-v2' });
	browser = await launch();
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

describe('updates', () => {
	test('a new version waits for the user and for the quiz, then replaces the old cache', async () => {
		server = await startServer({ dir: resolve(ROOT, v1), port: 0 });
		const origin = server.url;
		const port = Number(new URL(origin).port);
		const { page, errors } = await openPage(browser);
		await page.goto(origin);
		await waitForOfflineReady(page);
		expect(await cacheNames(page)).toEqual(['studydeck-precache-e2e-v1']);

		// A student is in the middle of a quiz when v2 is deployed at the same address.
		await page.goto(`${origin}quiz/ttp-peace-talks/`);
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByText(/Question 1 of/).waitFor();
		await server.close();
		server = await startServer({ dir: resolve(ROOT, v2), port });
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

		const reload = page.getByRole('button', { name: 'Reload' });
		await page.getByText('It will be offered when you finish this quiz.').waitFor();
		expect(await reload.count()).toBe(0);
		await page.waitForTimeout(1000); // nothing applies it behind the student's back
		expect(await page.getByText(/Question 1 of/).count()).toBe(1);

		// Leaving the quiz frees the update.
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Home' })
			.click();
		await page.getByText('Update available.').waitFor();
		await reload.waitFor();
		// Still v1 until the user says so.
		expect(await page.evaluate(() => fetch('_app/version.json').then((r) => r.json()))).toEqual({
			version: 'e2e-v1'
		});
		await Promise.all([page.waitForEvent('load'), reload.click()]);
		await page.getByRole('heading', { name: 'Your sets' }).waitFor();
		expect(await page.evaluate(() => fetch('_app/version.json').then((r) => r.json()))).toEqual({
			version: 'e2e-v2'
		});
		expect(await cacheNames(page)).toEqual(['studydeck-precache-e2e-v2']);
		expect(await page.getByText('Update available.').count()).toBe(0);
		expect(errors).toEqual([]);
	});
});
