// Nothing lost, nothing crashes (issue 18): two tabs on the same card, a clock behind the
// card's last review, and the security headers the pages are served with.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { sampleBackup } from '../../src/lib/platform/storage/backup-fixture.ts';
import { launch, openPage, ROOT, serve } from './harness.ts';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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

const SET = 'ttp-peace-talks';
const studyUrl = () => `${server.url}study/${SET}/`;

/** Every value in an object store, read straight from IndexedDB. */
function storeValues<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('studydeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction(name).objectStore(name).getAll();
					req.onsuccess = () => {
						db.close();
						resolve(req.result as T[]);
					};
					req.onerror = () => reject(req.error);
				};
			}),
		store
	);
}

interface Review {
	cardId: string;
	reviewedAt: number;
	clampedFrom?: number;
	before: { reps: number; last_review?: number };
}
interface Card {
	id: string;
	reps: number;
	last_review?: number;
	[k: string]: unknown;
}

const prompt = async (page: Page) =>
	(await page.locator('.flashcard .prompt').first().textContent())?.trim() ?? '';

/** Reveal with Space and rate with a digit (keyboard: a background tab gets no frames). */
async function rate(page: Page, digit: '1' | '2' | '3' | '4') {
	await page.getByRole('button', { name: 'Show answer' }).waitFor();
	await page.keyboard.press('Space');
	await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
	const before = await prompt(page);
	await page.keyboard.press(digit);
	await page.waitForFunction(
		(p) =>
			document.querySelector('.flashcard .prompt')?.textContent?.trim() !== p ||
			document.querySelector('.save-error') !== null,
		before,
		{ polling: 50 }
	);
}

describe('two tabs on the same card', () => {
	test('both answers count; undo takes back only its own tab’s answer', async () => {
		const a = await openPage(browser);
		const b = await openPage(browser, { context: a.context });
		await Promise.all([a.page.goto(studyUrl()), b.page.goto(studyUrl())]);
		await a.page.getByRole('button', { name: 'Show answer' }).waitFor();
		await b.page.getByRole('button', { name: 'Show answer' }).waitFor();
		const shown = await prompt(a.page);
		expect(await prompt(b.page)).toBe(shown);

		await a.page.bringToFront();
		await rate(a.page, '3');
		// B still shows the card as it was before A's answer.
		await b.page.bringToFront();
		await rate(b.page, '4');

		const reviews = await storeValues<Review>(a.page, 'reviews');
		expect(reviews).toHaveLength(2);
		expect(reviews[0]!.cardId).toBe(reviews[1]!.cardId);
		expect(reviews.map((r) => r.before.reps)).toEqual([0, 1]);
		const [card] = (await storeValues<Card>(a.page, 'cards')).filter(
			(c) => c.id === reviews[0]!.cardId
		);
		expect(card?.reps).toBe(2);

		// A's undo would take back B's later answer: it is refused, and says why.
		await a.page.bringToFront();
		await a.page.getByRole('button', { name: 'Undo' }).click();
		await a.page.getByRole('status').filter({ hasText: 'answered again in another tab' }).waitFor();
		expect(await storeValues<Review>(a.page, 'reviews')).toHaveLength(2);

		// B's undo takes back B's own answer; A's stays.
		await b.page.bringToFront();
		await b.page.getByRole('button', { name: 'Undo' }).click();
		await b.page.waitForFunction(
			(p) => document.querySelector('.flashcard .prompt')?.textContent?.trim() === p,
			shown,
			{ polling: 50 }
		);
		const left = await storeValues<Review>(b.page, 'reviews');
		expect(left.map((r) => r.before.reps)).toEqual([0]);
		expect([...a.errors, ...b.errors]).toEqual([]);
		await a.context.close();
	});
});

describe('a clock behind the card’s last review', () => {
	test('a restored card reviewed "in 3 days" can be shown and answered', async () => {
		const { page, errors, context } = await openPage(browser);
		await page.goto(studyUrl());
		await page.getByRole('button', { name: 'Show answer' }).waitFor();
		const now = await page.evaluate(() => Date.now());
		const DAY = 86_400_000;
		// As a backup from a phone whose clock ran 3 days ahead leaves them: due, but last
		// reviewed in the future.
		await page.evaluate(
			({ set, now, DAY }) =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open('studydeck');
					open.onsuccess = async () => {
						const db = open.result;
						const sets = await fetch(`../../data/sets/${set}.json`).then((r) => r.json());
						const tx = db.transaction('cards', 'readwrite');
						for (const q of sets.questions as { id: string }[])
							tx.objectStore('cards').put({
								id: `${set}/${q.id}`,
								setId: set,
								questionId: q.id,
								due: now - 60_000,
								stability: 3,
								difficulty: 5,
								elapsed_days: 0,
								scheduled_days: 3,
								learning_steps: 0,
								reps: 2,
								lapses: 0,
								state: 2,
								last_review: now + 3 * DAY,
								leech: false
							});
						tx.oncomplete = () => {
							db.close();
							resolve();
						};
						tx.onerror = () => reject(tx.error);
					};
					open.onerror = () => reject(open.error);
				}),
			{ set: SET, now, DAY }
		);
		await page.reload();
		for (const digit of ['3', '1', '4'] as const) await rate(page, digit);
		expect(await page.locator('.save-error').count()).toBe(0);

		const reviews = await storeValues<Review>(page, 'reviews');
		expect(reviews).toHaveLength(3);
		for (const r of reviews) {
			expect(r.clampedFrom).toBeLessThan(r.before.last_review!);
			expect(r.reviewedAt).toBe(r.before.last_review);
		}
		for (const c of await storeValues<Card>(page, 'cards'))
			for (const [k, v] of Object.entries(c))
				if (typeof v === 'number') expect(Number.isFinite(v), `${c.id}.${k}`).toBe(true);
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('a hostile backup', () => {
	test('impossible numbers are refused by name, and nothing changes', async () => {
		const { page, errors, context } = await openPage(browser);
		await page.goto(`${server.url}settings/`);
		await page.locator('#new-per-day:enabled').waitFor();
		const ids = (
			JSON.parse(readFileSync(`${ROOT}/questions/${SET}/set.json`, 'utf8')) as {
				questions: { id: string }[];
			}
		).questions
			.slice(0, 4)
			.map((q) => q.id);
		const choose = (name: string, text: string) =>
			page
				.getByLabel('Choose a backup file to import (.json)')
				.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
		for (const [field, value] of [
			['last_review', 1e300],
			['due', -1e300],
			['stability', 1e300]
		] as const) {
			const backup = sampleBackup({ now: Date.now(), setId: SET, questionIds: ids });
			(backup.stores.cards[0] as unknown as Record<string, number>)[field] = value;
			await choose(`${field}.json`, JSON.stringify(backup));
			await page.getByText(`cards[0].${field}`).waitFor();
			expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
		}
		expect(await storeValues(page, 'cards')).toEqual([]);
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('progress deleted elsewhere', () => {
	test('an open tab says the answers are gone, never that they are saved', async () => {
		const a = await openPage(browser);
		await a.page.goto(studyUrl());
		await rate(a.page, '3');
		const b = await openPage(browser, { context: a.context });
		await b.page.goto(server.url);
		// What "clear site data" or another tab's erase does to the database.
		await b.page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const req = indexedDB.deleteDatabase('studydeck');
					req.onsuccess = () => resolve();
					req.onerror = () => reject(req.error);
				})
		);
		await a.page.getByText('Your saved progress was deleted').waitFor();
		expect(await a.page.getByText('everything you answered is saved').count()).toBe(0);
		expect([...a.errors, ...b.errors]).toEqual([]);
		await a.context.close();
	});
});

describe('served with security headers', () => {
	test('pages cannot be framed by another site and still run under their own CSP', async () => {
		const { page, errors, context } = await openPage(browser);
		// Another origin (a second server on another port) frames Settings, as a
		// click-jacking page would. It answers every path, favicon included.
		const framer = createServer((_req, res) =>
			res
				.writeHead(200, { 'Content-Type': 'text/html' })
				.end(`<iframe src="${server.url}settings/" width="300" height="300"></iframe>`)
		);
		await new Promise<void>((r) => framer.listen(0, '127.0.0.1', r));
		const { port } = framer.address() as AddressInfo;
		await page.goto(`http://127.0.0.1:${port}/`);
		// Chromium replaces a refused frame with its own error page.
		const child = page.frames().find((f) => f !== page.mainFrame());
		expect(child?.url()).toBeDefined();
		expect(child?.url()).not.toContain('/settings');
		// The app itself still works under both policies.
		await page.goto(`${server.url}settings/`);
		await page.getByRole('button', { name: /Erase/ }).first().waitFor();
		const other = errors.filter((e) => !/frame-ancestors|Refused to frame/.test(e));
		expect(other.join('\n')).toBe('');
		await context.close();
		framer.close();
	});
});
