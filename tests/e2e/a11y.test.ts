// axe-core on every main page, light and dark: no violations (ARCHITECTURE.md "Routes", issue 6).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, PHONE, serve } from './harness.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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

const ROUTES = [
	'/',
	'/sets/ttp-peace-talks/',
	'/study/ttp-peace-talks/',
	'/quiz/ttp-peace-talks/',
	'/read/ttp-peace-talks/',
	'/author/',
	'/settings/',
	'/stats/',
	'/class/',
	'/class/?pin=123456'
];

interface AxeResult {
	violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

describe.each(['light', 'dark'] as const)('axe (%s)', (colorScheme) => {
	test.each(ROUTES)('%s has no violations', async (route) => {
		// bypassCSP only so the test can inject axe; the app's own CSP stays on.
		const context = await browser.newContext({ viewport: PHONE, colorScheme, bypassCSP: true });
		const page = await context.newPage();
		await page.goto(new URL(route.slice(1), server.url).href);
		await page.waitForLoadState('networkidle');
		await page.addScriptTag({ path: axePath });
		const result = (await page.evaluate(() =>
			(window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run()
		)) as AxeResult;
		const summary = result.violations.map(
			(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
		expect(summary).toEqual([]);
		await context.close();
	});
});
