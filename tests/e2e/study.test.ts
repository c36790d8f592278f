import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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

const SET = 'ttp-peace-talks';
// Every question of the bundled set is a new card on a fresh profile.
const QUESTIONS = (
	JSON.parse(readFileSync(`questions/${SET}/set.json`, 'utf8')) as { questions: unknown[] }
).questions.length;

function studyUrl(): string {
	return `${server.url}study/${SET}/`;
}

/** The stored review log's size, read straight from IndexedDB. */
function countReviews(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('studydeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction('reviews').objectStore('reviews').count();
					req.onsuccess = () => {
						db.close();
						resolve(req.result);
					};
					req.onerror = () => reject(req.error);
				};
			})
	);
}

async function prompt(page: Page): Promise<string> {
	return (await page.locator('.flashcard .prompt').first().textContent())?.trim() ?? '';
}

/** "Remaining: 20 new, 0 learning, 0 to review." */
async function remaining(page: Page): Promise<string> {
	return (await page.getByText(/^\s*Remaining:/).textContent())?.trim().replace(/\s+/g, ' ') ?? '';
}

async function waitForFront(page: Page, notPrompt?: string): Promise<string> {
	await page.getByRole('button', { name: 'Show answer' }).waitFor();
	if (notPrompt !== undefined)
		await page.waitForFunction(
			(p) => document.querySelector('.flashcard .prompt')?.textContent?.trim() !== p,
			notPrompt,
			// Poll by timer: a background tab (the two-tab test) gets no animation frames.
			{ polling: 50 }
		);
	return prompt(page);
}

/** Reveals with Space and rates with a digit, keyboard only; returns the prompt answered. */
async function answerByKeyboard(page: Page, digit: '1' | '2' | '3' | '4'): Promise<string> {
	const before = await waitForFront(page);
	await page.keyboard.press('Space');
	await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
	await page.keyboard.press(digit);
	await waitForFront(page, before);
	return before;
}

/** The due/new figures on the home page for the bundled set. */
async function homeCounts(page: Page): Promise<{ due: number; new: number; today: string }> {
	await page.goto(server.url);
	const card = page.locator('.sets li', { hasText: 'Taliban' });
	await card.locator('.counts .due').waitFor();
	const num = async (sel: string) => Number(await card.locator(`${sel} b`).textContent());
	const today = (await page.locator('.today').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
	return { due: await num('.due'), new: await num('.new'), today };
}

describe('study', () => {
	test('five cards by keyboard alone; progress survives a reload', async () => {
		const { page, errors } = await openPage(browser);
		expect(await homeCounts(page)).toEqual({
			due: 0,
			new: QUESTIONS,
			today: expect.stringContaining('Continue · 20 cards')
		});

		await page.goto(studyUrl());
		await waitForFront(page);
		expect(await remaining(page)).toBe('Remaining: 20 new, 0 learning, 0 to review.');

		// A focused link keeps its own Space: the card is not revealed.
		await page.getByRole('link', { name: 'Stats' }).focus();
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: 'Show answer' }).isVisible()).resolves.toBe(true);
		await page.getByRole('link', { name: 'Stats' }).blur();

		const answered: string[] = [];
		for (const digit of ['3', '4', '3', '4', '4'] as const)
			answered.push(await answerByKeyboard(page, digit));
		expect(new Set(answered).size).toBe(5);
		// Two answered Good are learning (due in 10 min), so not counted as due yet.
		expect(await remaining(page)).toBe('Remaining: 15 new, 2 learning, 0 to review.');
		// After rating, focus is on Show answer: Space there presses the button itself.
		await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
			'Show answer'
		);
		expect(await countReviews(page)).toBe(5);

		await page.reload();
		const first = await waitForFront(page);
		expect(answered).not.toContain(first);
		expect(await remaining(page)).toBe('Remaining: 15 new, 0 learning, 0 to review.');

		const home = await homeCounts(page);
		expect(home).toEqual({
			due: 0,
			new: QUESTIONS - 5,
			today: expect.stringContaining('Continue · 15 cards')
		});
		expect(errors).toEqual([]);
	});

	test('undo brings the same card back and the counts with it', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(studyUrl());
		const undoButton = page.getByRole('button', { name: 'Undo' });
		await waitForFront(page);
		await expect(undoButton.isDisabled()).resolves.toBe(true);
		const countsBefore = await remaining(page);
		const reviewsBefore = await countReviews(page);

		const answered = await answerByKeyboard(page, '1');
		expect(await remaining(page)).not.toBe(countsBefore);
		expect(await countReviews(page)).toBe(reviewsBefore + 1);

		await undoButton.click();
		await page.waitForFunction(
			(p) => document.querySelector('.flashcard .prompt')?.textContent?.trim() === p,
			answered,
			{ polling: 50 }
		);
		await page.getByRole('button', { name: 'Show answer' }).waitFor();
		expect(await remaining(page)).toBe(countsBefore);
		expect(await countReviews(page)).toBe(reviewsBefore);

		// Keyboard undo: Ctrl+Z, and "u".
		await answerByKeyboard(page, '3');
		await page.keyboard.press('Control+z');
		await page.waitForFunction(
			(p) => document.querySelector('.flashcard .prompt')?.textContent?.trim() === p,
			answered,
			{ polling: 50 }
		);
		expect(await countReviews(page)).toBe(reviewsBefore);
		await answerByKeyboard(page, '4');
		await page.keyboard.press('u');
		await page.waitForFunction(
			(p) => document.querySelector('.flashcard .prompt')?.textContent?.trim() === p,
			answered,
			{ polling: 50 }
		);
		expect(await countReviews(page)).toBe(reviewsBefore);
		expect(await remaining(page)).toBe(countsBefore);
		expect(errors).toEqual([]);
	});

	test('two tabs answering at once lose no review', async () => {
		const a = await openPage(browser);
		const b = await openPage(browser, { context: a.context });
		await Promise.all([a.page.goto(studyUrl()), b.page.goto(studyUrl())]);
		await Promise.all([waitForFront(a.page), waitForFront(b.page)]);
		const before = await countReviews(a.page);

		const ROUNDS = 4;
		// Keyboard rather than clicks: a click waits for animation frames, which a background
		// tab does not get, so two tabs could not act at the same moment.
		const answer = (page: Page, digit: '3' | '4') => answerByKeyboard(page, digit);
		for (let i = 0; i < ROUNDS; i++) await Promise.all([answer(a.page, '3'), answer(b.page, '4')]);

		expect(await countReviews(a.page)).toBe(before + 2 * ROUNDS);
		expect(await countReviews(b.page)).toBe(before + 2 * ROUNDS);
		expect([...a.errors, ...b.errors]).toEqual([]);
	});

	test('the answer side shows the answer, explanation and a link to the source', async () => {
		const { page, errors } = await openPage(browser, { colorScheme: 'dark' });
		await page.goto(studyUrl());
		await waitForFront(page);
		await page.getByRole('button', { name: 'Show answer' }).click();
		const card = page.locator('.flashcard');
		await card.getByRole('heading', { name: 'Answer' }).waitFor();
		await expect(card.locator('blockquote').count()).resolves.toBe(1);
		const link = card.getByRole('link', { name: /Read paragraph \d+ of the source/ });
		await expect(link.getAttribute('href')).resolves.toMatch(/read\/ttp-peace-talks\/#p\d+$/);
		// Each rating shows its next interval, as Anki does.
		for (const name of ['Again', 'Hard', 'Good', 'Easy'])
			await expect(
				page
					.getByRole('button', { name: new RegExp(`^${name} · \\d+(\\.\\d)?(m|h|d|mo|y)$`) })
					.count()
			).resolves.toBe(1);
		expect(errors).toEqual([]);
	});
});
