// Studying and quizzing on a 390×844 phone (issue 13): Home and Stats agree, tappable study
// options, the bottom action bars, tap-to-pair, drag to order, one option-label convention.
import type { Question } from '../../src/lib/core/bank/schema.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, serve, bundledSet, axeViolations } from './harness.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import type { AskedQuestion } from '../../src/lib/core/quiz/types.ts';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/lib/platform/storage/backup.ts';
import { DB_VERSION } from '../../src/lib/platform/storage/migrations.ts';
import { newCard } from '../../src/lib/core/srs/scheduler.ts';
import { State } from '../../src/lib/core/srs/card.ts';

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
export const SET = bundledSet(SET_ID);

/** A phone page whose context lets the test inject axe (the app's CSP stays on otherwise). */
async function phonePage(colorScheme: 'light' | 'dark' = 'light', hasTouch = false) {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		colorScheme,
		hasTouch,
		bypassCSP: true
	});
	return openPage(browser, { context });
}

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

/** The first seed whose one-question practice quiz asks `type`. */
function seedFor<T extends AskedQuestion['type']>(
	type: T,
	ok: (asked: Extract<AskedQuestion, { type: T }>) => boolean = () => true
): { seed: string; asked: Extract<AskedQuestion, { type: T }> } {
	for (let i = 0; i < 5000; i++) {
		const q = generateQuiz([SET], { count: 1, mode: 'practice', seed: `PH${type}${i}` });
		const asked = q.items[0]!.asked;
		if (asked.type === type && ok(asked as Extract<AskedQuestion, { type: T }>))
			return { seed: q.seed, asked: asked as Extract<AskedQuestion, { type: T }> };
	}
	throw new Error(`no seed asks ${type}`);
}

/** Rates cards (Easy) until the front shows tappable options; returns the question. */
async function studyToOptions(page: Page) {
	for (let i = 0; i < 20; i++) {
		const text = await frontPrompt(page);
		if ((await page.locator('.flashcard .options button').count()) > 0) {
			const q = SET.questions.find((x) => x.prompt === text);
			if (q?.type === 'mcq') return q;
		}
		await rate(page, '4');
	}
	throw new Error('no multiple-choice card in the first 20');
}

/** Makes the question's card due for review (through a restore) and studies until it shows. */
async function studyDueFirst(page: Page, question: Question) {
	const now = Date.now();
	const card = {
		...newCard(question.id, SET_ID, now - 10 * 86_400_000),
		state: State.Review,
		stability: 5,
		difficulty: 5,
		reps: 3,
		scheduled_days: 5,
		last_review: now - 5 * 86_400_000,
		due: now - 3_600_000
	};
	const backup = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: { cards: [card], reviews: [], attempts: [], sets: [], settings: [], meta: [] }
	};
	await page.goto(`${server.url}settings/`);
	await page.locator('#new-per-day:enabled').waitFor();
	await page.getByLabel('Choose a backup file to import (.json)').setInputFiles({
		name: 'due.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(backup))
	});
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await page.getByText('Restored').waitFor();
	await page.goto(`${server.url}study/${SET_ID}/`);
	// Due for review, it comes up among the first cards.
	for (let i = 0; i < 21 && (await frontPrompt(page)) !== question.prompt; i++)
		await rate(page, '4');
	expect(await frontPrompt(page)).toBe(question.prompt);
}

const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

describe('study on a phone', () => {
	test('progress reads as new / learning / review left and answers so far; no growing bar', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}study/${SET_ID}/`);
		await frontPrompt(page);
		expect(await page.getByRole('progressbar').count()).toBe(0);
		const header = page.locator('.study .bar');
		expect((await header.textContent())?.replace(/\s+/g, ' ')).toMatch(
			/Left 20 new 0 learning 0 review .*0 answers so far/
		);
		await rate(page, '1');
		expect((await header.textContent())?.replace(/\s+/g, ' ')).toMatch(
			/Left 19 new 1 learning 0 review .*1 answer so far/
		);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('tapping an option reveals the answer with the pick marked; options are numbered 1, 2, 3…', async () => {
		const { page, errors } = await phonePage('dark');
		await page.goto(`${server.url}study/${SET_ID}/`);
		const q = await studyToOptions(page);
		if (q.type !== 'mcq') throw new Error('unreachable');
		const options = page.locator('.flashcard .options li');
		// One convention with the quiz: numbers, which are also the keys.
		expect(await options.locator('.letter').allTextContents()).toEqual(
			q.options.map((_, i) => String(i + 1))
		);
		const front = await box(page, '.action-bar');
		expect(await axeViolations(page)).toEqual([]);
		const wrong = (q.answer + 1) % q.options.length;
		await page.getByRole('button', { name: q.options[wrong]!, exact: true }).click();
		await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
		await expect(options.nth(wrong).textContent()).resolves.toContain('Your pick, wrong');
		await expect(options.nth(q.answer).textContent()).resolves.toContain('Correct, not picked');
		expect(await page.locator('.flashcard .back .letter').first().textContent()).toBe(
			`${q.answer + 1}.`
		);

		// The ratings take the place of Show answer, and never cover the card: scrolled to the
		// end, the source quote ends above the bar.
		const back = await box(page, '.action-bar');
		expect(Math.abs(back.y + back.height - (front.y + front.height))).toBeLessThan(1);
		expect(back.y + back.height).toBeCloseTo(844, 0);
		await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
		const quote = await box(page, '.flashcard blockquote');
		const bar = await box(page, '.action-bar');
		expect(quote.y + quote.height).toBeLessThanOrEqual(bar.y);
		// No keys on a phone.
		expect(await page.locator('.grade kbd').first().isVisible()).toBe(false);
		expect(await axeViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('a "choose all" card: taps toggle picks, Show answer marks each one', async () => {
		const multi = SET.questions.find((q) => q.id === 'ttp-demands')!;
		if (multi.type !== 'multi') throw new Error('ttp-demands is not a multi question');
		const { page, errors } = await openPage(browser);
		await studyDueFirst(page, multi);

		const right = multi.answers[0]!;
		const wrong = multi.options.findIndex((_, i) => !multi.answers.includes(i));
		const option = (i: number) =>
			page.getByRole('button', { name: multi.options[i]!, exact: true });
		await option(right).click();
		await option(wrong).click();
		await expect(option(wrong).getAttribute('aria-pressed')).resolves.toBe('true');
		await option(wrong).click(); // taken back
		await expect(option(wrong).getAttribute('aria-pressed')).resolves.toBe('false');
		await page.keyboard.press(String(wrong + 1)); // and picked again by its digit
		await expect(option(wrong).getAttribute('aria-pressed')).resolves.toBe('true');
		// Nothing is revealed until Show answer.
		expect(await page.getByRole('group', { name: 'How well did you remember?' }).count()).toBe(0);
		await page.getByRole('button', { name: 'Show answer' }).click();
		const rows = page.locator('.flashcard .options li');
		await expect(rows.nth(right).textContent()).resolves.toContain('Your pick, right');
		await expect(rows.nth(wrong).textContent()).resolves.toContain('Your pick, wrong');
		for (const i of multi.answers.slice(1))
			await expect(rows.nth(i).textContent()).resolves.toContain('Correct, not picked');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('a true/false card: tap True or False to reveal, the pick marked', async () => {
		const tf = SET.questions.find((q) => q.type === 'truefalse' && !q.answer)!;
		const { page, errors } = await openPage(browser);
		await studyDueFirst(page, tf);
		const rows = page.locator('.flashcard .options li');
		expect(await rows.locator('.letter').allTextContents()).toEqual(['1', '2']);
		await page.getByRole('button', { name: 'True', exact: true }).click();
		await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
		await expect(rows.nth(0).textContent()).resolves.toContain('Your pick, wrong');
		await expect(rows.nth(1).textContent()).resolves.toContain('Correct, not picked');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('on a laptop the ratings show their keys, and a digit picks an option', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const { page, errors } = await openPage(browser, { context });
		await page.goto(`${server.url}study/${SET_ID}/`);
		const q = await studyToOptions(page);
		if (q.type !== 'mcq') throw new Error('unreachable');
		await page.keyboard.press(String(q.answer + 1));
		await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
		await expect(
			page.locator('.flashcard .options li').nth(q.answer).textContent()
		).resolves.toContain('Your pick, right');
		const keys = page.locator('.grade kbd');
		expect(await keys.allTextContents()).toEqual(['1', '2', '3', '4']);
		for (let i = 0; i < 4; i++) expect(await keys.nth(i).isVisible()).toBe(true);
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('quiz on a phone', () => {
	test('Start quiz on the first screen; after Check the question and Next stay in view', async () => {
		const { seed, asked } = seedFor('mcq');
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/`);
		const start = page.getByRole('button', { name: 'Start quiz' });
		await start.waitFor();
		const s = (await start.boundingBox())!;
		expect(s.y + s.height).toBeLessThanOrEqual(844);
		// The seed is folded away under More options.
		expect(await page.getByRole('textbox', { name: /Seed/ }).count()).toBe(0);
		await page.getByText('More options').click();
		await page.getByRole('textbox', { name: /Seed/ }).fill(seed);
		await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('1');
		await start.click();

		await page.getByRole('radio', { name: asked.options[asked.answer]!, exact: true }).check();
		const check = page.getByRole('button', { name: 'Check' });
		const c = (await check.boundingBox())!;
		expect(c.y + c.height).toBeLessThanOrEqual(844);
		await check.click();
		await page.getByRole('region', { name: 'Feedback' }).waitFor();
		const h = (await page.locator('#question-h').boundingBox())!;
		expect(h.y).toBeGreaterThanOrEqual(0);
		expect(h.y + h.height).toBeLessThanOrEqual(844);
		const next = (await page.getByRole('button', { name: 'See results' }).boundingBox())!;
		expect(next.y + next.height).toBeLessThanOrEqual(844);
		expect(next.y).toBeGreaterThan(h.y);
		await expect(page.locator('.action-bar .verdict').textContent()).resolves.toContain('Correct');
		// Scrolled to the end, nothing is under the bar.
		await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
		const leave = (await page.getByRole('link', { name: 'Leave the quiz' }).boundingBox())!;
		expect(leave.y + leave.height).toBeLessThanOrEqual((await box(page, '.action-bar')).y);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('match: tap to pair, one answer per item, unpair, whole texts, by keyboard too', async () => {
		const { seed, asked } = seedFor('match', (a) => a.left.length >= 3);
		const { page, errors } = await phonePage('dark');
		await page.goto(`${server.url}quiz/${SET_ID}/?seed=${seed}&count=1`);
		await page.getByRole('button', { name: 'Start quiz' }).click();
		const items = page.getByRole('list', { name: 'Items' });
		const answers = page.getByRole('list', { name: 'Answers' });
		const left = (i: number) => items.getByRole('button', { name: asked.left[i]!, exact: true });
		const right = (j: number) =>
			answers.getByRole('button', { name: asked.right[j]!, exact: true });

		await left(0).click();
		await expect(left(0).getAttribute('aria-pressed')).resolves.toBe('true');
		await right(asked.answer[0]!).click();
		const row0 = items.locator('li').nth(0);
		// The whole answer shows, never cut.
		const partner = row0.locator('.partner-text');
		await expect(partner.textContent()).resolves.toBe(asked.right[asked.answer[0]!]);
		expect(await partner.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

		// The same answer for a second item moves it, and says so.
		await left(1).click();
		await right(asked.answer[0]!).click();
		await page.getByRole('status').filter({ hasText: 'no longer with' }).waitFor();
		await expect(row0.textContent()).resolves.toContain('No match yet');
		expect(await axeViolations(page)).toEqual([]);
		await items.getByRole('button', { name: `Unpair “${asked.left[1]}”` }).click();
		await expect(items.locator('li').nth(1).textContent()).resolves.toContain('No match yet');

		// By keyboard: Enter on an item, Space on its answer.
		for (const [i, r] of asked.answer.entries()) {
			await left(i).focus();
			await page.keyboard.press('Enter');
			await right(r).focus();
			await page.keyboard.press('Space');
		}
		await page.getByRole('button', { name: 'Check' }).click();
		await expect(items.getByText('✓ Right').count()).resolves.toBe(asked.left.length);
		expect(await axeViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('order: drag by mouse and by touch, arrow keys on the handle, buttons still work', async () => {
		const { seed, asked } = seedFor('order', (a) => a.items.length >= 3);
		const { page, errors, context } = await phonePage('light', true);
		await page.goto(`${server.url}quiz/${SET_ID}/?seed=${seed}&count=1`);
		await page.getByRole('button', { name: 'Start quiz' }).click();
		const rows = page.locator('ol.order > li');
		await rows.first().waitFor();
		const texts = async () => rows.locator('.text').allTextContents();
		const n = asked.items.length;
		const start = await texts();
		expect(await axeViolations(page)).toEqual([]);

		// Mouse: the last item's handle dragged to the top.
		const last = (await rows
			.nth(n - 1)
			.locator('.handle')
			.boundingBox())!;
		const top = (await rows.nth(0).boundingBox())!;
		await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2);
		await page.mouse.down();
		for (let y = last.y; y >= top.y; y -= 8) await page.mouse.move(last.x + 5, y);
		await page.mouse.up();
		expect(await texts()).toEqual([start[n - 1], ...start.slice(0, n - 1)]);

		// Touch: the new first item dragged one place down.
		const before = await texts();
		const first = (await rows.nth(0).locator('.handle').boundingBox())!;
		const second = (await rows.nth(1).boundingBox())!;
		const cdp = await context.newCDPSession(page);
		const x = first.x + first.width / 2;
		await cdp.send('Input.dispatchTouchEvent', {
			type: 'touchStart',
			touchPoints: [{ x, y: first.y + first.height / 2 }]
		});
		for (let y = first.y + first.height / 2; y <= second.y + second.height * 0.8; y += 8)
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await page.waitForFunction(
			(want) => document.querySelector('ol.order > li:nth-child(2) .text')?.textContent === want,
			before[0]
		);
		expect(await texts()).toEqual([before[1], before[0], ...before.slice(2)]);

		// Keys on the handle: ArrowUp moves it back, focus stays on it.
		const moved = before[0]!;
		await page
			.getByRole('button', { name: `Drag '${moved}', or move it with the arrow keys` })
			.focus();
		await page.keyboard.press('ArrowUp');
		expect(await texts()).toEqual(before);
		expect(await page.evaluate(() => document.activeElement?.classList.contains('handle'))).toBe(
			true
		);
		// The buttons still work.
		await page.getByRole('button', { name: `Move '${moved}' down`, exact: true }).click();
		expect(await texts()).toEqual([before[1], before[0], ...before.slice(2)]);
		await page.getByRole('status').filter({ hasText: 'moved to position 2' }).waitFor();
		expect(errors).toEqual([]);
		await context.close();
	});
});
