// Studying and quizzing on a 390×844 phone (issue 13): Home and Stats agree, tappable study
// options, the bottom action bars, tap-to-pair, drag to order, one option-label convention.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, ROOT, serve } from './harness.ts';
import { assembleSet } from '../../src/lib/core/bank/load.ts';
import type { QuestionSet } from '../../src/lib/core/bank/schema.ts';

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

const SET_ID = 'ttp-peace-talks';
const loaded = assembleSet(
	readFileSync(resolve(ROOT, `questions/${SET_ID}/set.json`), 'utf8'),
	readFileSync(resolve(ROOT, `questions/${SET_ID}/source.txt`), 'utf8')
);
if (!loaded.ok) throw new Error('bundled set does not load');
export const SET: QuestionSet = loaded.value;

async function frontPrompt(page: Page): Promise<string> {
	await page.getByRole('button', { name: 'Show answer' }).waitFor();
	return (await page.locator('.flashcard .prompt').first().textContent())?.trim() ?? '';
}

/** Reveals and rates the card on screen with the keyboard; waits for the next one. */
async function rate(page: Page, digit: '1' | '2' | '3' | '4'): Promise<void> {
	const before = await frontPrompt(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
	await page.keyboard.press(digit);
	await page.waitForFunction(
		(p) =>
			document.querySelector('.flashcard .prompt')?.textContent?.trim() !== p ||
			!document.querySelector('.flashcard'),
		before,
		{ polling: 50 }
	);
}

describe('home and stats', () => {
	test('set cards offer Quiz; Home "due" and Stats "due now" are one count', async () => {
		const { page, errors } = await openPage(browser);
		await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
		await page.goto(server.url);
		const card = page.locator('.sets li', { hasText: SET.title });
		const quiz = card.getByRole('link', { name: 'Quiz', exact: true });
		expect(await quiz.getAttribute('href')).toMatch(new RegExp(`/quiz/${SET_ID}/$`));

		// Again (back in a minute) and Good (back in minutes): both due later today.
		await page.goto(`${server.url}study/${SET_ID}/`);
		await rate(page, '1');
		await rate(page, '3');
		await page.clock.fastForward('02:00');

		await page.goto(server.url);
		await card.locator('.counts .due').waitFor();
		const homeDue = Number(await card.locator('.counts .due b').textContent());
		expect(homeDue).toBe(1);
		await page.goto(`${server.url}stats/`);
		const dueNow = page.getByTestId('due-now');
		await dueNow.waitFor();
		expect(Number(await dueNow.textContent())).toBe(homeDue);
		// The answers line says what it counts.
		await page.getByText(/^\s*2\s+answers today/).waitFor();
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
