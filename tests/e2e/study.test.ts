import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, readStore, serve } from './harness.ts';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/lib/platform/storage/backup.ts';
import { DB_VERSION } from '../../src/lib/platform/storage/migrations.ts';
import { newCard } from '../../src/lib/core/srs/scheduler.ts';
import { State } from '../../src/lib/core/srs/card.ts';
import { assembleSet } from '../../src/lib/core/bank/load.ts';
import { clozeMasked } from '../../src/lib/core/bank/cloze.ts';
import { easierCloze } from '../../src/lib/core/srs/leech.ts';
import { siblingKey } from '../../src/lib/core/bank/siblings.ts';

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
// The leech test's card, and what the app should make of it, read from the bank itself.
const BANK = assembleSet(
	readFileSync(`questions/${SET}/set.json`, 'utf8'),
	readFileSync(`questions/${SET}/source.txt`, 'utf8')
);
if (!BANK.ok) throw new Error('the bundled set does not load');
const HOST = BANK.value.questions.find((q) => q.id === 'talks-host')!;
const HOST_PROMPT = HOST.prompt;
const HOST_QUOTE = HOST.source!.quote!;
const HOST_CLOZE = easierCloze(HOST, BANK.value)!;
/** The blank as the card shows it, and the words around it. */
const [CLOZE_BEFORE, CLOZE_AFTER] = clozeMasked(HOST_CLOZE.prompt).split('[…]');
const CLOZE_ANSWER = /\{\{c1::([^}:]+)/.exec(HOST_CLOZE.prompt)![1]!;

function studyUrl(): string {
	return `${server.url}study/${SET}/`;
}

/** The stored review log's size, read straight from IndexedDB. */
function countReviews(page: Page): Promise<number> {
	return readStore(page, 'reviews', 'count');
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

/** The card ids in the cards store (every question studied at least once). */
function storedCardIds(page: Page): Promise<string[]> {
	return readStore<string>(page, 'cards', 'getAllKeys');
}

describe('study', () => {
	test('the update and install notices load only once the first card shows', async () => {
		const { page, context, errors } = await openPage(browser);
		// The moment "Show answer" first appears, on the page's own clock.
		await page.addInitScript(`
			new MutationObserver((_, observer) => {
				if ([...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Show answer')) {
					window.__cardShown = performance.now();
					observer.disconnect();
				}
			}).observe(document, { childList: true, subtree: true });
		`);
		await page.goto(studyUrl());
		await page.getByRole('button', { name: 'Show answer' }).waitFor();
		// The notices' stylesheet comes with them: when it was asked for.
		const asked = await page.waitForFunction(
			() =>
				performance
					.getEntriesByType('resource')
					.find((e) => /\/AppNotices\.[\w-]+\.css$/.test(e.name))?.startTime
		);
		const shown = await page.evaluate(
			() => (window as unknown as { __cardShown: number }).__cardShown
		);
		expect(shown).toBeGreaterThan(0);
		expect(await asked.jsonValue()).toBeGreaterThanOrEqual(shown);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a study day shows one question of each fact (siblings are buried)', async () => {
		const set = JSON.parse(readFileSync(`questions/${SET}/set.json`, 'utf8')) as {
			questions: { id: string; group?: string; source?: { quote: string } }[];
		};
		const byId = new Map(set.questions.map((q) => [q.id, q]));
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}settings/`);
		await expect(page.getByRole('checkbox', { name: 'Bury siblings' }).isChecked()).resolves.toBe(
			true
		);
		await page.goto(studyUrl());
		await waitForFront(page);
		expect(await remaining(page)).toBe('Remaining: 20 new, 0 learning, 0 to review.');
		for (let i = 0; i < 19; i++) await answerByKeyboard(page, '4');
		await page.keyboard.press('Space');
		await page.keyboard.press('4');
		await page.getByRole('heading', { name: 'Done for now' }).waitFor();
		const ids = (await storedCardIds(page)).map((id) => id.slice(SET.length + 1));
		expect(ids).toHaveLength(20);
		const keys = ids.map((id) => siblingKey(SET, byId.get(id)!));
		expect(new Set(keys).size).toBe(ids.length);
		expect(errors).toEqual([]);
	});

	test('a reload mid-session keeps the learning card, its return time and the totals', async () => {
		const { page, errors } = await openPage(browser);
		// A fake clock (kept across reloads) stands in for the 1-minute learning step.
		await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
		await page.goto(studyUrl());
		const again = await answerByKeyboard(page, '1');
		await answerByKeyboard(page, '4');
		expect(await remaining(page)).toBe('Remaining: 18 new, 1 learning, 0 to review.');

		await page.reload();
		await waitForFront(page);
		// The Again card still waits for its step; the totals count both answers.
		expect(await remaining(page)).toBe('Remaining: 18 new, 1 learning, 0 to review.');
		await page.getByText('2 answers so far').waitFor();
		// Once its minute has passed, the next answer brings it back.
		await page.clock.fastForward('01:05');
		await answerByKeyboard(page, '4');
		expect(await prompt(page)).toBe(again);
		expect(errors).toEqual([]);
	});

	test('five cards by keyboard alone; progress survives a reload', async () => {
		const { page, errors } = await openPage(browser);
		// A fixed morning: on the real clock, a 10-minute step due after the study day ends
		// (04:00) is not this session's, and the counts below changed from 03:50 on.
		await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
		expect(await homeCounts(page)).toEqual({
			due: 0,
			new: QUESTIONS,
			// Nothing studied yet: the button starts, it does not continue.
			today: expect.stringContaining('Start · 20 cards')
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
		// The two learning cards are still this session's: they come back in 10 minutes.
		expect(await remaining(page)).toBe('Remaining: 15 new, 2 learning, 0 to review.');

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

	test('a card that keeps failing is flagged once with its passage and becomes a fill-in-the-blank', async () => {
		const now = Date.now();
		// One card of the bundled set, missed 7 times and due now: one more Again makes it a leech.
		const card = {
			...newCard('talks-host', SET, now - 40 * 86_400_000),
			state: State.Review,
			stability: 1.5,
			difficulty: 9.5,
			reps: 20,
			lapses: 7,
			scheduled_days: 2,
			last_review: now - 2 * 86_400_000,
			due: now - 3_600_000
		};
		const backup = {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			schemaVersion: DB_VERSION,
			stores: { cards: [card], reviews: [], attempts: [], sets: [], settings: [], meta: [] }
		};
		const { page, errors, context } = await openPage(browser);
		await page.goto(`${server.url}settings/`);
		await page.locator('#new-per-day:enabled').waitFor();
		await page.getByLabel('Choose a backup file to import (.json)').setInputFiles({
			name: 'leech.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(backup))
		});
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Restored').waitFor();
		await page.locator('#new-per-day').fill('0'); // only the leech comes up
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('Saved.').first().waitFor();

		await page.goto(studyUrl());
		await waitForFront(page);
		expect(await prompt(page)).toBe(HOST_PROMPT);
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Again/ }).click();

		const notice = page.getByRole('region', { name: 'This card keeps slipping' });
		await notice.waitFor();
		expect(await notice.textContent()).toContain('8 times');
		expect(await notice.locator('blockquote').textContent()).toContain(HOST_QUOTE);
		const read = notice.getByRole('link', { name: 'Read the paragraph' });
		const href = (await read.getAttribute('href'))!;
		expect(href).toMatch(new RegExp(`read/${SET}/#p\\d+$`));

		await notice.getByRole('button', { name: 'Make it a fill-in-the-blank' }).click();
		await notice.getByText(/Suspended, and added as a fill-in-the-blank/).waitFor();
		// The original is out of reviews: its 10-minute relearning step will not bring it back.
		await page.getByRole('heading', { name: 'Done for now' }).waitFor();

		// The easier card: the passage with the answer blanked, a new card in its own set.
		await notice.getByRole('link', { name: /easier cards/ }).click();
		await page.waitForURL(/sets\/ttp-peace-talks-easier\/$/);
		await page.goto(`${server.url}settings/`);
		await page.locator('#new-per-day:enabled').fill('20');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('Saved.').first().waitFor();
		await page.goto(`${server.url}study/${SET}-easier/`);
		await page.getByRole('button', { name: 'Show answer' }).waitFor();
		const front = await page.locator('.flashcard').first().textContent();
		expect(front).toContain(`${CLOZE_BEFORE!.slice(-30)}[…]${CLOZE_AFTER!.slice(0, 30)}`);
		await page.getByRole('button', { name: 'Show answer' }).click();
		expect(await page.locator('.flashcard').first().textContent()).toContain(CLOZE_ANSWER);

		// "Read the paragraph" goes to the paragraph that holds the passage.
		await page.goto(new URL(href, page.url()).href);
		const para = page.locator(`#${href.split('#')[1]}`);
		expect(await para.textContent()).toContain(HOST_QUOTE);
		expect(errors).toEqual([]);
		await context.close();
	});
});
