// WCAG 2.2 target size (2.5.8, AA) on every main page at 390×844 (issue 13): each control is
// at least 24×24 CSS px, unless it is a link inside a sentence (text before it on its line).
// Stricter than WCAG on purpose: the spacing exception is not used, since a stand-alone link
// that is spaced today ("Read paragraph 8", "Leave the quiz") is crowded by the next layout
// change, and the product rules ask for 44 px. The test lists every offender by page, name, size.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, serve, bundledSet } from './harness.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import type { AskedQuestion } from '../../src/lib/core/quiz/types.ts';

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
const SET = bundledSet(SET_ID);

/** Every control on the page smaller than 24×24 without the spacing or inline exception. */
function offenders(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const MIN = 24;
		const SELECTOR =
			'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="tab"], [tabindex]:not([tabindex="-1"])';
		const visible = (el: Element) => {
			const s = getComputedStyle(el);
			if (s.visibility === 'hidden' || s.display === 'none') return false;
			if (el.closest('details:not([open])') && !el.matches('details > summary')) return false;
			const r = el.getBoundingClientRect();
			return r.width > 1 && r.height > 1 && r.bottom + scrollY > 0 && r.right > 0;
		};
		// A radio or checkbox inside (or named by) a label is operated through the label.
		const target = (el: Element): Element => {
			if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))
				return (
					el.closest('label') ??
					(el.id ? document.querySelector(`label[for="${el.id}"]`) : null) ??
					el
				);
			return el;
		};
		// A link inside running text (text before it on its line) is the inline exception.
		const inSentence = (el: Element) => {
			if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
			const block = el.parentElement;
			const line = el.getClientRects()[0];
			if (!block || !line) return false;
			const before = document.createRange();
			before.setStart(block, 0);
			before.setEndBefore(el);
			return (
				before.toString().trim().length > 0 &&
				[...before.getClientRects()].some(
					(r) => r.width > 0 && r.bottom > line.top + 2 && r.top < line.bottom - 2
				)
			);
		};
		const els = [...new Set([...document.querySelectorAll(SELECTOR)].filter(visible).map(target))];
		const out: string[] = [];
		for (const el of els) {
			const r = el.getBoundingClientRect();
			if ((r.width >= MIN - 0.01 && r.height >= MIN - 0.01) || inSentence(el)) continue;
			const name = (el.getAttribute('aria-label') ?? el.textContent ?? '')
				.trim()
				.replace(/\s+/g, ' ')
				.slice(0, 40);
			out.push(
				`${el.tagName.toLowerCase()} "${name}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`
			);
		}
		return out;
	});
}

function seedFor(type: AskedQuestion['type']): string {
	for (let i = 0; i < 5000; i++) {
		const q = generateQuiz([SET], { count: 1, mode: 'practice', seed: `TG${type}${i}` });
		if (q.items[0]!.asked.type === type) return q.seed;
	}
	throw new Error(`no seed asks ${type}`);
}

describe('target size', () => {
	test('every control on the main pages is at least 24×24 px (390×844)', async () => {
		const { page, errors } = await openPage(browser);
		const found: string[] = [];
		const measure = async (where: string) => {
			for (const o of await offenders(page)) found.push(`${where}: ${o}`);
		};
		const visit = async (path: string, ready: string) => {
			await page.goto(new URL(path.slice(1), server.url).href);
			await page.locator(ready).first().waitFor();
			await measure(path);
		};

		await visit('/', '.sets .counts b');
		await visit(`/sets/${SET_ID}/`, 'main h1');
		// Study: the front, then the answer side.
		await visit(`/study/${SET_ID}/`, '.flashcard');
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
		await measure('study (answer)');
		await page.keyboard.press('3');

		// A quiz: the setup with its options open, then a question of each widget and the results.
		await visit(`/quiz/${SET_ID}/`, 'form');
		await page.getByText('More options').click();
		await measure('quiz setup (more options)');
		for (const type of ['mcq', 'match', 'order', 'cloze', 'flashcard'] as const) {
			await page.goto(`${server.url}quiz/${SET_ID}/?seed=${seedFor(type)}&count=1`);
			await page.getByRole('button', { name: 'Start quiz' }).click();
			await page.locator('#question-h').waitFor();
			await measure(`quiz (${type})`);
			if (type === 'flashcard') {
				await page.getByRole('button', { name: 'Show answer' }).click();
				await page.getByRole('button', { name: 'Good', exact: true }).click();
			} else {
				if (type === 'mcq') await page.getByRole('radio').first().check();
				if (type === 'cloze') await page.getByRole('textbox').first().fill('x');
				if (type === 'match') {
					await page.getByRole('list', { name: 'Items' }).getByRole('button').first().click();
					await page.getByRole('list', { name: 'Answers' }).getByRole('button').first().click();
					await measure('quiz (match, one pair)');
				}
				await page.getByRole('button', { name: 'Check' }).click();
			}
			await page.getByRole('region', { name: 'Feedback' }).waitFor();
			await measure(`quiz (${type}, checked)`);
			await page.getByRole('button', { name: 'See results' }).click();
			await page.getByRole('heading', { name: 'Results' }).waitFor();
			await measure(`quiz results (${type})`);
		}

		await visit('/stats/', 'main h1');
		await visit('/settings/', '#new-per-day:enabled');
		await visit('/author/', 'main h1');
		await visit(`/author/${SET_ID}/`, 'main h1');
		await visit('/class/', 'main h1');
		await visit(`/read/${SET_ID}/`, 'main h1');
		expect(found).toEqual([]);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
