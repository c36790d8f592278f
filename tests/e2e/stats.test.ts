import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { sampleBackup, syntheticBackup } from '../../src/lib/platform/storage/backup-fixture.ts';
import { reviewsPerDay, trueRetention } from '../../src/lib/core/srs/stats.ts';
import { retentionBy, retentionByAge } from '../../src/lib/core/srs/retention.ts';
import { DAY_MS, dayKey, dayNumber, startOfDay } from '../../src/lib/core/srs/day.ts';
import { launch, openPage, PHONE, ROOT, serve, axeViolations } from './harness.ts';

let browser: Browser;
let server: Running;

const SET = 'ttp-peace-talks';
const bundled = JSON.parse(readFileSync(`${ROOT}/questions/${SET}/set.json`, 'utf8')) as {
	title: string;
	questions: { id: string; type: string }[];
};

beforeAll(async () => {
	browser = await launch();
	server = await serve();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** Seeds the profile the way a person would restore it: Settings → Import. */
async function seed(page: Page, text: string): Promise<void> {
	await page.goto(`${server.url}settings/`);
	await page.locator('#new-per-day:enabled').waitFor();
	await page
		.getByLabel('Choose a backup file to import (.json)')
		.setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(text) });
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await page.getByText('Restored').waitFor();
}

describe('stats', () => {
	test('a fresh profile sees the empty state', async () => {
		const { page, errors, context } = await openPage(browser);
		await page.goto(`${server.url}stats/`);
		await page.getByRole('heading', { name: 'Nothing studied yet' }).waitFor();
		expect(await page.getByRole('img').count()).toBe(0);
		await page.getByRole('link', { name: 'Start studying' }).waitFor();
		expect(errors).toEqual([]);
		await context.close();
	});

	test('charts and their text alternatives match the stored reviews', async () => {
		// Noon, on the page's clock too: the sample's four answers "today" are minutes before
		// now, which on the real clock just after a study day starts (04:00) were yesterday's.
		const now = new Date().setUTCHours(12, 0, 0, 0);
		const backup = sampleBackup({
			now,
			setId: SET,
			questionIds: bundled.questions.slice(0, 8).map((q) => q.id),
			today: 4
		});
		const opts = { offsetMinutes: new Date(now).getTimezoneOffset() };
		const perDay = reviewsPerDay(backup.stores.reviews, now, { ...opts, days: 30 });
		const today = perDay.at(-1)!.count;
		const total = perDay.reduce((n, d) => n + d.count, 0);
		expect(today).toBeGreaterThanOrEqual(4);

		const { page, errors, context } = await openPage(browser, { colorScheme: 'dark' });
		await page.clock.install({ time: now });
		await seed(page, JSON.stringify(backup));
		await page.goto(`${server.url}stats/`);
		await page.getByRole('heading', { name: 'Answers per day' }).waitFor();

		const reviews = page.getByRole('img', { name: /^Answers per day/ });
		const label = await reviews.getAttribute('aria-label');
		expect(label).toContain(`${total} answers in all, ${today} today.`);

		// The table behind the chart: newest day first.
		await page.getByText('Answers as a table').click();
		const firstRow = page
			.locator('section', { hasText: 'Answers per day' })
			.locator('tbody tr')
			.first();
		expect(await firstRow.locator('td').first().textContent()).toBe(String(today));

		const from = startOfDay(now, opts) - 29 * DAY_MS;
		const retention = trueRetention(
			backup.stores.reviews.filter((r) => r.reviewedAt >= from),
			0.9
		);
		expect(retention.reviews).toBeGreaterThan(0);
		const gauge = await page
			.getByRole('img', { name: /^True retention/ })
			.getAttribute('aria-label');
		expect(gauge).toBe(
			`True retention ${Math.round((retention.passed / retention.reviews) * 100)}%: ${retention.passed} of ${retention.reviews} reviews remembered. Target 90%.`
		);

		const forecast = await page
			.getByRole('img', { name: /^Cards coming due/ })
			.getAttribute('aria-label');
		expect(forecast).toMatch(/next 30 days: \d+ cards? today/);

		const calendar = await page
			.getByRole('img', { name: /^Study calendar/ })
			.getAttribute('aria-label');
		expect(calendar).toMatch(/last 12 weeks: studied on \d+ of \d+ days\. Streak: \d+ days?\./);

		const sets = page.locator('section', { hasText: 'Mastery by set' });
		await sets.getByRole('link', { name: bundled.title }).waitFor();
		await sets.getByRole('link', { name: 'My notes' }).waitFor();
		await sets.getByText(`of ${bundled.questions.length} questions mastered · 8 studied`).waitFor();

		// Charts read well on a phone: axis labels at least 12px, nothing wider than the screen.
		const sizes = await page
			.locator('svg text')
			.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('answers given, taken back and restored show on Stats at once', async () => {
		const now = Date.now();
		const backup = sampleBackup({
			now,
			setId: SET,
			questionIds: bundled.questions.slice(0, 8).map((q) => q.id),
			today: 2
		});
		const opts = { offsetMinutes: new Date(now).getTimezoneOffset() };
		const perDay = reviewsPerDay(backup.stores.reviews, now, { ...opts, days: 30 });
		const today = perDay.at(-1)!.count;
		const total = perDay.reduce((n, d) => n + d.count, 0);
		const { page, errors, context } = await openPage(browser);
		const answers = async () => {
			await page.goto(`${server.url}stats/`);
			const label = await page
				.getByRole('img', { name: /^Answers per day/ })
				.getAttribute('aria-label');
			const m = /(\d+) answers? in all, (\d+) today\./.exec(label ?? '')!;
			return [Number(m[1]), Number(m[2])];
		};
		await seed(page, JSON.stringify(backup));
		expect(await answers()).toEqual([total, today]);

		// Two answers in the study screen (the second one Again), then Undo of the second.
		await page.goto(`${server.url}study/${SET}/`);
		for (const key of ['3', '1']) {
			await page.getByRole('button', { name: 'Show answer' }).click();
			await page.keyboard.press(key);
			await page.getByRole('button', { name: 'Undo' }).and(page.locator(':enabled')).waitFor();
		}
		await page.getByRole('button', { name: 'Undo' }).click();
		// Today's count drops once the undo is stored ("Show answer" may be on screen before).
		await page.getByText(new RegExp(`^${today + 1} answers? so far$`)).waitFor();
		expect(await answers()).toEqual([total + 1, today + 1]);

		// A restore replaces them with the file's numbers.
		await seed(page, JSON.stringify(backup));
		expect(await answers()).toEqual([total, today]);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a break set in Settings empties those days in the forecast once planned reviews move', async () => {
		const now = Date.now();
		const { page, errors, context } = await openPage(browser);
		await seed(page, JSON.stringify(syntheticBackup({ now, setId: SET, reviews: 1200 })));
		const offsetMinutes = await page.evaluate(() => new Date().getTimezoneOffset());
		const today = dayNumber(now, { offsetMinutes });
		const [start, end] = [dayKey(today + 2), dayKey(today + 5)];

		const summary = page.getByTestId('workload-summary');
		const breakRows = page
			.locator('section', { hasText: 'Coming due' })
			.locator('tbody tr', { hasText: 'Break' });
		const cardsInBreak = async () => {
			await page.getByText('Coming due as a table').click();
			const counts = await breakRows.locator('td:first-of-type').allTextContents();
			expect(await breakRows.count()).toBe(4);
			return counts.map(Number).reduce((a, b) => a + b, 0);
		};

		// No break yet: reviews are simply spread.
		await page.goto(`${server.url}stats/`);
		await summary.waitFor();
		expect(await summary.textContent()).toContain('Reviews are spread evenly: the busiest day has');

		await page.goto(`${server.url}settings/`);
		await page.getByLabel('First day').fill(start);
		await page.getByLabel('Last day').fill(end);
		await page.getByRole('button', { name: 'Save workload' }).click();
		await page.getByText(/\d+ reviews?\s+(was|were) already planned inside the break/).waitFor();

		await page.goto(`${server.url}stats/`);
		await summary.waitFor();
		const before = await cardsInBreak();
		expect(before).toBeGreaterThan(0);
		expect(await summary.textContent()).toContain(`: ${before} review`);

		await page.goto(`${server.url}settings/`);
		await page.getByRole('button', { name: 'Move them out' }).click();
		await page.getByText(/Moved \d+ reviews?\s+out of the break/).waitFor();

		await page.goto(`${server.url}stats/`);
		await summary.waitFor();
		expect(await cardsInBreak()).toBe(0);
		expect(await summary.textContent()).toContain(': 0 reviews planned in it.');
		expect(errors).toEqual([]);
		await context.close();
	});

	test('true retention by interval and by question type, with counts, in tables', async () => {
		const now = Date.now();
		const backup = sampleBackup({
			now,
			setId: SET,
			questionIds: bundled.questions.slice(0, 12).map((q) => q.id)
		});
		// Every answer of the sample lies in the last 25 days, inside the window the page reads.
		const reviews = backup.stores.reviews;
		const byAge = retentionByAge(reviews);
		const types = new Map(bundled.questions.map((q) => [`${SET}/${q.id}`, q.type]));
		const byType = retentionBy(reviews, (e) => types.get(e.cardId));
		expect(byAge[0]!.cell.reviews).toBeGreaterThan(0);

		const { page, errors, context } = await openPage(browser, {
			context: await browser.newContext({ viewport: PHONE, bypassCSP: true })
		});
		await seed(page, JSON.stringify(backup));
		await page.goto(`${server.url}stats/`);
		const breakdown = page.getByTestId('retention-breakdown');
		await breakdown.waitFor();
		const rows = async (caption: string) =>
			breakdown
				.getByRole('table', { name: caption })
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) =>
						[...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')
					)
				);
		const kept = (c: { retention: number | null; reviews: number }) =>
			c.retention === null ? 'No answers' : `${Math.round(c.retention * 100)}% of ${c.reviews}`;
		const labels = ['Under 1 week', '1–4 weeks', '1–3 months', 'Over 3 months'];
		const age = await rows('By time since the last review');
		expect(age.map((r) => r.slice(0, 2))).toEqual(byAge.map((r, i) => [labels[i], kept(r.cell)]));
		// Small samples are not judged; empty buckets say so.
		for (const [i, r] of byAge.entries())
			expect(age[i]![2]).toMatch(
				r.cell.reviews === 0
					? /^None yet$/
					: r.cell.reviews < 20
						? /^Too few$/
						: /^(On target|[+−]\d+ points?)$/
			);
		const typeLabels: Record<string, string> = {
			mcq: 'Multiple choice',
			multi: 'Several answers',
			truefalse: 'True or false',
			short: 'Short answer',
			numeric: 'Number',
			cloze: 'Fill in the blanks',
			order: 'Put in order',
			match: 'Match pairs',
			flashcard: 'Flashcard'
		};
		const type = await rows('By question type');
		expect(type.map((r) => r.slice(0, 2)).sort()).toEqual(
			[...byType].map(([t, c]) => [typeLabels[t]!, kept(c)]).sort()
		);
		await breakdown.getByRole('columnheader', { name: 'Target 90%' }).first().waitFor();
		expect(await axeViolations(page)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		expect(errors).toEqual([]);
		await context.close();
	});
});
