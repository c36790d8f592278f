// Shared e2e fixtures: one Chromium per test file, a static server per build, and pages
// that record console errors so every test can assert a clean console.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { join, resolve } from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { startServer, type Running } from '../../scripts/lib/server.ts';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.ts';
import { assembleSet } from '../../src/lib/core/bank/load.ts';
import type { QuestionSet } from '../../src/lib/core/bank/schema.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PHONE = { width: 390, height: 844 };

export async function launch(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

/** A persistent (non-incognito) context, as an installed app has. */
export async function launchPersistent(): Promise<BrowserContext> {
	const dir = mkdtempSync(join(tmpdir(), 'studydeck-profile-'));
	return chromium.launchPersistentContext(dir, {
		executablePath: chromiumPath(),
		args: CHROMIUM_FLAGS,
		viewport: PHONE
	});
}

export async function serve(dir = process.env.BUILD_DIR ?? 'build', base = ''): Promise<Running> {
	return startServer({ dir: resolve(ROOT, dir), port: 0, base });
}

/**
 * A production build of its own, for tests that need another version or base path.
 * Builds into build-<name> with its own Kit output dir so it never disturbs build/.
 */
export function buildVariant(name: string, env: { version: string; base?: string }): string {
	const dir = `build-${name}`;
	const r = spawnSync('npx', ['vite', 'build'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: {
			...process.env,
			// Vitest sets NODE_ENV=test, which made Svelte compile this build in dev mode: not
			// the app users get.
			NODE_ENV: 'production',
			BUILD_DIR: dir,
			KIT_OUT_DIR: `.svelte-kit-${name}`,
			STUDYDECK_VERSION: env.version,
			BASE_PATH: env.base ?? ''
		}
	});
	if (r.status !== 0) throw new Error(`build ${name} failed:\n${r.stderr}`);
	return dir;
}

export interface TrackedPage {
	page: Page;
	context: BrowserContext;
	/** Console errors and uncaught exceptions seen so far. */
	errors: string[];
}

/**
 * The author page has hydrated and listed the sets, so its file input now reacts: its
 * "Sets" heading is prerendered, and a file set before hydration was never read.
 */
export async function setsListed(page: Page): Promise<void> {
	await page.getByRole('heading', { name: 'Sets' }).waitFor();
	await page.getByText('Loading sets…').waitFor({ state: 'detached' });
}

export async function openPage(
	browser: Browser,
	options: { colorScheme?: 'light' | 'dark'; context?: BrowserContext } = {}
): Promise<TrackedPage> {
	const context =
		options.context ??
		(await browser.newContext({
			viewport: PHONE,
			colorScheme: options.colorScheme ?? 'light',
			serviceWorkers: 'allow'
		}));
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	page.on('pageerror', (err) =>
		errors.push(`uncaught: ${err.message}${process.env.E2E_STACKS ? err.stack : ''}`)
	);
	return { page, context, errors };
}

/** The bundled set as the app builds it (set.json with its source article). */
export function bundledSet(id = 'ttp-peace-talks'): QuestionSet {
	const loaded = assembleSet(
		readFileSync(resolve(ROOT, `questions/${id}/set.json`), 'utf8'),
		readFileSync(resolve(ROOT, `questions/${id}/source.txt`), 'utf8')
	);
	if (!loaded.ok) throw new Error(`the bundled set ${id} does not load`);
	return loaded.value;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page as it is now, summarised (none expected). The
 * context must bypass CSP so the test can inject axe; the app's own CSP stays on. */
export async function axeViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axePath });
	const result = (await page.evaluate(() =>
		(window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run()
	)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
	return result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/** One store read straight from the page's IndexedDB, not through the app. */
export function readStore(page: Page, store: string, op: 'count'): Promise<number>;
export function readStore<T>(page: Page, store: string, op: 'getAll' | 'getAllKeys'): Promise<T[]>;
export function readStore(
	page: Page,
	store: string,
	op: 'count' | 'getAll' | 'getAllKeys'
): Promise<unknown> {
	return page.evaluate(
		([name, method]) =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('studydeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction(name).objectStore(name)[method]();
					req.onsuccess = () => (open.result.close(), resolve(req.result));
					req.onerror = () => reject(req.error);
				};
			}),
		[store, op] as const
	);
}
