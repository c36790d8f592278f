// "Ask how sure I am" end to end: Sure / Not sure after Check (by key and by tap), the
// grade hidden until then, a sure mistake asked again three questions on, a reload while
// the question waits for the answer, calibration on the results and after reopening them,
// and every answer (the repeat too) moving its card.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import { expectedResponse } from '../../src/lib/core/quiz/grade.ts';
import { launch, openPage, PHONE, readStore, serve, bundledSet, axeViolations } from './harness.ts';
import { answerByClicks, wrongResponse } from './answer.ts';

const SET_ID = 'ttp-peace-talks';
const SET = bundledSet(SET_ID);
const SEED = 'SURE7';
const COUNT = 5;
const quiz = generateQuiz([SET], {
	count: COUNT,
	mode: 'practice',
	seed: SEED,
	types: ['mcq', 'truefalse']
});

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

function countReviews(page: Page): Promise<number> {
	return readStore(page, 'reviews', 'count');
}

describe('confidence in a quiz', () => {
	test('a sure mistake comes back, a reload keeps the answers, results show calibration', async () => {
		expect(quiz.items).toHaveLength(COUNT);
		const { page, errors, context } = await openPage(browser, {
			context: await browser.newContext({ viewport: PHONE, colorScheme: 'dark', bypassCSP: true })
		});
		const main = page.getByRole('main');
		const feedback = page.getByRole('region', { name: 'Feedback' });
		const prompt = page.getByRole('region', { name: 'How sure are you?' });
		await page.goto(`${server.url}quiz/${SET_ID}/?seed=${SEED}&count=${COUNT}`);
		// A seed from the link opens "More options", where the filters and the option live.
		await page.locator('details.more[open]').waitFor();
		await main.getByRole('checkbox', { name: 'Multiple choice' }).check();
		await main.getByRole('checkbox', { name: 'True or false' }).check();
		// Off by default, and not offered for an exam.
		const ask = main.getByRole('checkbox', { name: /Ask how sure I am/ });
		expect(await ask.isChecked()).toBe(false);
		await main.getByRole('radio', { name: /Exam/ }).check();
		expect(await ask.count()).toBe(0);
		await main.getByRole('radio', { name: /Practice/ }).check();
		await ask.check();
		await main.getByRole('button', { name: 'Start quiz' }).click();

		const item = (i: number) => quiz.items[i]!.asked;
		/** Answers, checks, and says how sure; the verdict shows only after that. */
		async function answer(
			i: number,
			shown: { n: number; of: number },
			right: boolean,
			sure: boolean,
			how: 'key' | 'tap',
			reloadBeforeSaying = false
		) {
			await page.getByText(`Question ${shown.n} of ${shown.of}`).waitFor();
			await expect(page.locator('#question-h').textContent()).resolves.toContain(item(i).prompt);
			await answerByClicks(
				page,
				item(i),
				right ? expectedResponse(item(i)) : wrongResponse(item(i))
			);
			await main.getByRole('button', { name: 'Check' }).click();
			await prompt.waitFor();
			expect(await feedback.count()).toBe(0);
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('confidence-h');
			// Enter does not skip the question.
			await page.keyboard.press('Enter');
			await page.getByText('First say how sure you are').waitFor();
			expect(await main.getByRole('button', { name: 'Next' }).count()).toBe(0);
			if (shown.n === 1) expect(await axeViolations(page)).toEqual([]);
			if (reloadBeforeSaying) {
				await page.reload();
				await page.getByText(`you were on question ${shown.n} of ${shown.of}`).waitFor();
				await page.getByRole('button', { name: 'Resume quiz' }).click();
				await prompt.waitFor();
			}
			const label = sure ? 'Sure' : 'Not sure';
			const button = prompt.getByRole('button', { name: label, exact: true });
			const box = (await button.boundingBox())!;
			expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
			if (how === 'key') await page.keyboard.press(sure ? 's' : 'n');
			else await button.click();
			await feedback.waitFor();
			expect(await prompt.count()).toBe(0);
			expect(await feedback.locator('.verdict').textContent()).toMatch(
				right ? /Correct/ : /Not quite/
			);
		}
		const next = () => main.getByRole('button', { name: /^(Next|See results)$/ }).click();

		// 1: wrong and sure: asked again three questions on, so the quiz grows to 6.
		await answer(0, { n: 1, of: 5 }, false, true, 'key');
		await next();
		await answer(1, { n: 2, of: 6 }, true, false, 'tap');
		await next();
		// 3: a reload while the question waits for Sure / Not sure.
		await answer(2, { n: 3, of: 6 }, true, true, 'tap', true);
		await next();
		// 4: wrong but not sure: not asked again.
		await answer(3, { n: 4, of: 6 }, false, false, 'key');
		await next();
		await main.getByText('Asked again: you were sure, but the answer was wrong.').waitFor();
		await answer(0, { n: 5, of: 6 }, true, true, 'key');
		await next();
		await answer(4, { n: 6, of: 6 }, true, true, 'tap');
		await next();

		await page.getByRole('heading', { name: 'Results' }).waitFor();
		// First tries only: 3 of the 5 questions.
		await page.getByText('60%', { exact: true }).waitFor();
		await page.getByText('3 of 5 points').waitFor();
		const checkCalibration = async () => {
			const table = page.getByRole('region', { name: 'How sure you were' }).getByRole('table');
			const rows = await table
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) =>
						[...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')
					)
				);
			expect(rows).toEqual([
				['Sure', '2 of 3', '67%'],
				['Not sure', '1 of 2', '50%']
			]);
			await expect(page.locator('.review li').count()).resolves.toBe(COUNT);
			await page.getByText('You were sure · asked again: right').waitFor();
		};
		await checkCalibration();
		expect(await axeViolations(page)).toEqual([]);
		// Six answers moved cards: the five first tries and the repeat.
		await expect.poll(() => countReviews(page)).toBe(6);

		// Reopened results (the URL names the attempt) show the same.
		await expect.poll(() => new URL(page.url()).searchParams.get('attempt')).not.toBeNull();
		await page.reload();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		await checkCalibration();
		expect(errors).toEqual([]);
		await context.close();
	});
});
