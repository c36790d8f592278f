// The reader: the source article in paragraphs, each with how many questions cite it and
// a quiz on just that paragraph.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { findQuote, paragraphs } from '../../src/lib/core/bank/text.ts';
import { siblingKey } from '../../src/lib/core/bank/siblings.ts';
import { launch, openPage, serve, bundledSet } from './harness.ts';

const SET_ID = 'ttp-peace-talks';
const SET = bundledSet(SET_ID);
const PARAS = paragraphs(SET.sourceText!);
const citing = (p: number) =>
	SET.questions.filter((q) => q.source && findQuote(PARAS, q.source.quote) === p);

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

describe('read', () => {
	test('shows the nine paragraphs with their question counts', async () => {
		expect(PARAS).toHaveLength(9);
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}read/${SET_ID}/`);
		const sections = page.locator('section[id^="p"]');
		await expect(sections.count()).resolves.toBe(9);
		for (let i = 0; i < 9; i++) {
			const section = page.locator(`#p${i + 1}`);
			await expect(section.locator('p').first().textContent()).resolves.toBe(PARAS[i]);
			const n = citing(i).length;
			const link = section.getByRole('link', { name: /^Quiz on this paragraph/ });
			if (n === 0) await expect(link.count()).resolves.toBe(0);
			else
				await expect(link.textContent()).resolves.toBe(
					`Quiz on this paragraph (${n} ${n === 1 ? 'question' : 'questions'})`
				);
		}
		const font = await page
			.locator('#p1 p')
			.first()
			.evaluate((el) => getComputedStyle(el).lineHeight);
		expect(parseFloat(font)).toBeGreaterThan(25); // ~1.1rem × 1.6
		expect(errors).toEqual([]);
	});

	test('a deep link to a paragraph survives a reload', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}read/${SET_ID}/#p3`);
		await page.reload();
		await page.locator('#p3').waitFor();
		const top = await page.locator('#p3').evaluate((el) => el.getBoundingClientRect().top);
		expect(top).toBeGreaterThanOrEqual(0);
		expect(top).toBeLessThan(200); // scrolled to, below the sticky header
		const targeted = await page.evaluate(() => document.querySelector(':target')?.id);
		expect(targeted).toBe('p3');
		expect(errors).toEqual([]);
	});

	test('"Quiz on this paragraph" asks only questions citing it', async () => {
		// A quiz asks one question per fact: siblings citing the paragraph count once.
		const want = [...new Set(citing(2).map((q) => siblingKey(SET_ID, q)))];
		expect(want.length).toBeGreaterThan(0);
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}read/${SET_ID}/`);
		await page
			.locator('#p3')
			.getByRole('link', { name: /^Quiz on this paragraph/ })
			.click();
		await page.waitForURL(/\/quiz\/ttp-peace-talks\/\?paragraph=2$/);
		await page.getByText('Questions from paragraph 3').waitFor();
		await page.getByText(`${want.length} questions match`).waitFor();
		await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('50');
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		for (let i = 0; i < want.length; i++) {
			await page.getByText(`Question ${i + 1} of ${want.length}`).waitFor();
			await page.getByRole('button', { name: /^(Next|Finish quiz)$/ }).click();
		}
		// Nothing was answered: finishing asks once.
		await page.getByRole('button', { name: 'Finish anyway' }).click();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		const links = page.locator('.review li a');
		await expect(links.count()).resolves.toBe(want.length);
		const texts = await links.allTextContents();
		expect(new Set(texts)).toEqual(new Set(['Read paragraph 3']));
		expect(errors).toEqual([]);
	});
});
