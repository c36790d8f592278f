import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { sampleBackup, syntheticBackup } from '../../src/lib/platform/storage/backup-fixture.ts';
import { cardHistories } from '../../src/lib/core/srs/optimize/history.ts';
import {
	DEFAULT_PARAMETERS,
	evaluateParameters
} from '../../src/lib/core/srs/optimize/evaluate.ts';
import { launch, openPage, readStore, ROOT, serve } from './harness.ts';

let browser: Browser;
let server: Running;

const SET = 'ttp-peace-talks';
const questionIds = (
	JSON.parse(readFileSync(`${ROOT}/questions/${SET}/set.json`, 'utf8')) as {
		questions: { id: string }[];
	}
).questions
	.slice(0, 8)
	.map((q) => q.id);

beforeAll(async () => {
	browser = await launch();
	server = await serve();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** Opens Settings and waits until it has loaded from IndexedDB (the form is enabled). */
async function openSettings(page: Page): Promise<void> {
	await page.goto(`${server.url}settings/`);
	await page.locator('#new-per-day:enabled').waitFor();
}

/** Everything stored except meta (which holds lastBackupAt), read straight from IndexedDB. */
function storedData(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('studydeck');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const names = ['cards', 'reviews', 'attempts', 'sets', 'settings', 'reviewPages', 'cardPacks'];
		const tx = db.transaction(names);
		const all = await Promise.all(
			names.map(
				(n) =>
					new Promise<unknown>((resolve) => {
						const req = tx.objectStore(n).getAll();
						req.onsuccess = () => resolve(req.result);
					})
			)
		);
		db.close();
		return JSON.stringify(all);
	});
}

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
	await page
		.getByLabel('Choose a backup file to import (.json)')
		.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function exportFile(page: Page): Promise<{ name: string; text: string }> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export', exact: true }).click()
	]);
	const path = await download.path();
	return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('settings', () => {
	test('retention and daily limits are validated, saved, and kept after a reload', async () => {
		const { page, errors } = await openPage(browser);
		await openSettings(page);
		expect(await page.getByLabel('Desired retention').inputValue()).toBe('90');
		expect(await page.getByLabel('New cards per day').inputValue()).toBe('20');
		expect(await page.getByLabel('Reviews per day').inputValue()).toBe('200');

		await page.getByLabel('New cards per day').fill('2.5');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByText('Enter a whole number from 0 to 9999').waitFor();
		expect(await page.getByLabel('New cards per day').getAttribute('aria-invalid')).toBe('true');
		// The first wrong field gets focus, so a keyboard user lands on it.
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-per-day');

		await page.getByLabel('Desired retention').fill('85');
		await page.getByText('85%', { exact: true }).waitFor();
		await page.getByLabel('New cards per day').fill('7');
		await page.getByLabel('Reviews per day').fill('150');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		expect(await page.getByText('Enter a whole number').count()).toBe(0);
		const stored = JSON.parse(await storedData(page))[4][0];
		expect(stored).toMatchObject({ desiredRetention: 0.85, newPerDay: 7, reviewsPerDay: 150 });

		await page.reload();
		await page.locator('#new-per-day:enabled').waitFor();
		expect(await page.getByLabel('Desired retention').inputValue()).toBe('85');
		expect(await page.getByLabel('New cards per day').inputValue()).toBe('7');
		expect(await page.getByLabel('Reviews per day').inputValue()).toBe('150');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	test('export, clear site data, import: the same data and a byte-identical export', async () => {
		const backup = sampleBackup({ now: Date.now(), setId: SET, questionIds });
		const counts = backup.stores;
		const first = await openPage(browser);
		await openSettings(first.page);
		await first.page.getByText('Last backup: never').waitFor();

		await chooseFile(first.page, 'seed.json', JSON.stringify(backup));
		await first.page
			.getByText(
				`holds ${counts.cards.length} cards, ${counts.reviews.length} reviews, 1 set and 1 quiz result`
			)
			.waitFor();
		await first.page.getByText('(0 cards, 0 reviews)').waitFor();
		await first.page.getByRole('button', { name: 'Import', exact: true }).click();
		await first.page.getByText(`Restored ${counts.cards.length} cards`).waitFor();
		const seeded = await storedData(first.page);

		const exported = await exportFile(first.page);
		expect(exported.name).toMatch(/^studydeck-backup-\d{4}-\d{2}-\d{2}\.json$/);
		await first.page.getByText(`Saved ${exported.name} to your downloads.`).waitFor();
		expect(await first.page.getByText('Last backup: never').count()).toBe(0);
		// Importing the file just saved keeps the time of that backup (issue 13).
		await chooseFile(first.page, exported.name, exported.text);
		await first.page.getByRole('button', { name: 'Import', exact: true }).click();
		await first.page.getByText(`Restored ${counts.cards.length} cards`).waitFor();
		await first.page.getByText(/^\s*Last backup: (?!never)/).waitFor();
		expect(await first.page.getByText('Last backup: never').count()).toBe(0);
		expect(first.errors).toEqual([]);
		await first.context.close();

		// A new browser context is a new profile: nothing stored.
		const second = await openPage(browser);
		await openSettings(second.page);
		expect(JSON.parse(await storedData(second.page))[0]).toEqual([]);
		await chooseFile(second.page, exported.name, exported.text);
		await second.page.getByText('(0 cards, 0 reviews)').waitFor();
		await second.page.getByRole('button', { name: 'Import', exact: true }).click();
		await second.page
			.getByText(
				`Restored ${counts.cards.length} cards, ${counts.reviews.length} reviews, 1 set and 1 quiz result.`
			)
			.waitFor();
		expect(await storedData(second.page)).toBe(seeded);
		const again = await exportFile(second.page);
		expect(again.text).toBe(exported.text);
		// The log came back as pages; an answer from now on gets an id after all of them (the
		// restore moved the store's key generator past the last paged id).
		const ids = await second.page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open('studydeck');
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			const tx = db.transaction(['reviews', 'reviewPages'], 'readwrite');
			const ask = <T>(req: IDBRequest<T>) =>
				new Promise<T>((resolve) => (req.onsuccess = () => resolve(req.result)));
			const pages = await ask(tx.objectStore('reviewPages').getAll());
			const loose = await ask(tx.objectStore('reviews').count());
			const next = await ask(tx.objectStore('reviews').add({ probe: true }));
			tx.abort();
			db.close();
			return {
				paged: pages.flatMap((p: { entries: { id: number }[] }) => p.entries.map((e) => e.id)),
				loose,
				next
			};
		});
		expect(ids.loose).toBe(0);
		expect(ids.paged).toHaveLength(counts.reviews.length);
		expect(ids.next).toBe(Math.max(...ids.paged) + 1);
		expect(second.errors).toEqual([]);
		await second.context.close();
	});

	test('Check database runs in a Worker with a progress bar; Cancel repairs nothing', async () => {
		const { page, errors, context } = await openPage(browser);
		await openSettings(page);
		const backup = syntheticBackup({ now: Date.now(), setId: SET, reviews: 12_000 });
		// Damage the check repairs: a card with no leech mark though it lapsed often enough.
		const lapsed = backup.stores.cards.find((c) => !c.leech)!;
		lapsed.lapses = 99;
		// And a card of a question the set no longer has: counted in the Worker against the
		// question ids the page sends, and kept.
		backup.stores.cards.push({ ...lapsed, id: `${SET}/gone`, questionId: 'gone', lapses: 0 });
		const inSet = new Set(
			(
				JSON.parse(readFileSync(`${ROOT}/questions/${SET}/set.json`, 'utf8')) as {
					questions: { id: string }[];
				}
			).questions.map((q) => q.id)
		);
		const unknown = backup.stores.cards.filter((c) => !inSet.has(c.questionId));
		expect(unknown.length).toBeGreaterThan(0);
		await chooseFile(page, 'big.json', JSON.stringify(backup));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText(/^Restored /).waitFor({ timeout: 60_000 });
		const before = await storedData(page);

		// Cancel the moment the bar shows a step.
		await page.evaluate(() => {
			sessionStorage.removeItem('seen');
			new MutationObserver((_, observer) => {
				const job = document.querySelector('[aria-labelledby="check-h"] .job');
				if (!job || !/records\s+checked/.test(job.textContent ?? '')) return;
				observer.disconnect();
				const bar = job.querySelector('progress');
				sessionStorage.setItem('seen', `${bar?.value}/${bar?.max}`);
				[...job.querySelectorAll('button')]
					.find((b) => b.textContent?.trim() === 'Cancel')
					?.click();
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByText('Check cancelled. Nothing was changed.').waitFor();
		const total = backup.stores.cards.length + backup.stores.reviews.length;
		expect(await page.evaluate(() => sessionStorage.getItem('seen'))).toMatch(
			new RegExp(`^\\d+/${total}$`)
		);
		expect(await storedData(page)).toBe(before);

		// Left alone, it finishes and repairs.
		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByText(/^\d+ leech marks? added$/).waitFor({ timeout: 60_000 });
		await page
			.getByText(
				`${unknown.length.toLocaleString('en-US')} card${unknown.length === 1 ? '' : 's'} belong to questions`
			)
			.waitFor();
		expect(await storedData(page)).not.toBe(before);
		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByText('No problems found.').waitFor({ timeout: 60_000 });
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a big restore runs in a Worker with a progress bar; Cancel or a closed tab change nothing', async () => {
		const { page, errors, context } = await openPage(browser);
		await openSettings(page);
		await chooseFile(
			page,
			'seed.json',
			JSON.stringify(sampleBackup({ now: Date.now(), setId: SET, questionIds }))
		);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Restored').waitFor();
		const before = await storedData(page);

		// About 13,000 records, 7 steps. The page acts the moment the first step shows (a
		// Playwright round trip could arrive after the Worker finished).
		const big = JSON.stringify(syntheticBackup({ now: Date.now(), setId: SET, reviews: 12_000 }));
		const restoreBig = async (p: Page, act: 'cancel' | 'reload') => {
			await chooseFile(p, 'big.json', big);
			await p.getByRole('button', { name: 'Import', exact: true }).waitFor();
			await p.evaluate((act) => {
				sessionStorage.removeItem('seen');
				new MutationObserver((_, observer) => {
					const job = document.querySelector('.job');
					if (!job || !/records\s+written/.test(job.textContent ?? '')) return;
					observer.disconnect();
					const bar = job.querySelector('progress');
					sessionStorage.setItem('seen', `${bar?.value}/${bar?.max}`);
					if (act === 'reload') location.reload();
					else
						[...job.querySelectorAll('button')]
							.find((b) => b.textContent?.trim() === 'Cancel')
							?.click();
				}).observe(document.body, { subtree: true, childList: true, characterData: true });
			}, act);
			await p.getByRole('button', { name: 'Import', exact: true }).click();
		};
		await restoreBig(page, 'cancel');
		await page.getByText('Restore cancelled. Nothing was changed.').waitFor();
		// The bar showed the first step of the total (2,000 records and the rest of the page
		// of answers that crossed it).
		expect(await page.evaluate(() => sessionStorage.getItem('seen'))).toMatch(
			/^2[0-4]\d\d\/1\d{4}$/
		);
		expect(await storedData(page)).toBe(before);

		// A reload (or a closed tab) part-way: the Worker dies with the page and the
		// transaction rolls back.
		const reloaded = page.waitForEvent('load');
		await restoreBig(page, 'reload');
		await reloaded;
		expect(await page.evaluate(() => sessionStorage.getItem('seen'))).toMatch(/^2[0-4]\d\d\//);
		await openSettings(page);
		expect(await storedData(page)).toBe(before);

		// And left alone, it finishes.
		await chooseFile(page, 'big.json', big);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText(/^Restored /).waitFor({ timeout: 60_000 });
		expect(await storedData(page)).not.toBe(before);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a restore packs the cards: Home counts them, and a card studied leaves its pack', async () => {
		const now = Date.now();
		const backup = sampleBackup({ now, setId: SET, questionIds });
		const ids = backup.stores.cards.map((c) => c.id).sort();
		const { page, errors, context } = await openPage(browser);
		await openSettings(page);
		await chooseFile(page, 'seed.json', JSON.stringify(backup));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText(`Restored ${ids.length} cards`).waitFor();
		type Pack = { cards: { id: string }[] };
		const packed = async () =>
			(await readStore<Pack>(page, 'cardPacks', 'getAll')).flatMap((p) => p.cards.map((c) => c.id));
		expect(await readStore(page, 'cards', 'count')).toBe(0);
		expect(await packed()).toEqual(ids);
		// No new question today, so the study page shows only due cards.
		await page.getByLabel('New cards per day').fill('0');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

		// A year on every restored card is due: Home counts them (the counts a restore built),
		// and the study page finds them through the packs' multiEntry index in Chromium (with
		// no new question allowed, a card to study at all is one of them).
		await page.clock.setFixedTime(now + 365 * 86_400_000);
		await page.goto(server.url);
		const due = page.locator('.sets li', { hasText: 'Taliban' }).locator('.counts .due b');
		await due.waitFor();
		expect(Number(await due.textContent())).toBe(questionIds.length);
		await page.goto(`${server.url}study/${SET}/`);
		await page.getByRole('button', { name: 'Show answer' }).waitFor();
		await page.keyboard.press('Space');
		await page.getByRole('group', { name: 'How well did you remember?' }).waitFor();
		await page.keyboard.press('3');
		await expect.poll(() => readStore(page, 'reviews', 'count')).toBe(1);
		const [stored, ...more] = await readStore<{ id: string }>(page, 'cards', 'getAll');
		expect(more).toEqual([]);
		expect(ids).toContain(stored!.id);
		expect(await packed()).toEqual(ids.filter((id) => id !== stored!.id));
		expect(errors).toEqual([]);
		await context.close();
	});

	test('broken or wrong files show an error and change nothing; the check finds nothing', async () => {
		const { page, errors, context } = await openPage(browser);
		await openSettings(page);
		const backup = sampleBackup({ now: Date.now(), setId: SET, questionIds });
		await chooseFile(page, 'seed.json', JSON.stringify(backup));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Restored').waitFor();
		const before = await storedData(page);

		const broken = JSON.stringify(backup).slice(0, 500);
		await chooseFile(page, 'broken.json', broken);
		await page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();
		expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);

		await chooseFile(page, 'set.json', '{"id":"x","title":"Not a backup","questions":[]}');
		await page.getByRole('alert').filter({ hasText: 'not a Studydeck backup' }).waitFor();

		const damaged = structuredClone(backup);
		(damaged.stores.cards[0] as { due: unknown }).due = 'soon';
		await chooseFile(page, 'damaged.json', JSON.stringify(damaged));
		await page.getByRole('alert').filter({ hasText: 'damaged' }).waitFor();
		await page.getByText('cards[0].due').waitFor();
		expect(await storedData(page)).toBe(before);

		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByText('No problems found.').waitFor();
		await page.reload();
		await page.locator('#new-per-day:enabled').waitFor();
		await page.getByRole('button', { name: 'Check database' }).click();
		await page.getByText('No problems found.').waitFor();
		expect(await storedData(page)).toBe(before);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('the optimiser is offered with enough answers, trains in a Worker, applies only if better, and goes back', async () => {
		const { page, errors, context } = await openPage(browser);
		const wasm: string[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('.wasm')) wasm.push(r.url());
		});

		// Too few answers: explained, not offered.
		await openSettings(page);
		await chooseFile(
			page,
			'few.json',
			JSON.stringify(sampleBackup({ now: Date.now(), setId: SET, questionIds }))
		);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Restored').waitFor();
		await page.getByText(/This needs about 1,000 answers; you have \d+ so far/).waitFor();
		expect(await page.getByRole('button', { name: 'Optimise my schedule' }).count()).toBe(0);

		// A simulated student with 1,500 answers whose memory is not FSRS's default.
		const backup = syntheticBackup({ now: Date.now(), setId: SET, reviews: 1500 });
		await chooseFile(page, 'student.json', JSON.stringify(backup));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Restored').waitFor();
		await page.getByText('Now using: the default parameters.').waitFor();
		expect(wasm).toEqual([]); // nothing of the optimiser loads until asked for
		await page.getByRole('button', { name: 'Optimise my schedule' }).click();
		await page.getByTestId('new-logloss').waitFor({ timeout: 60_000 });
		expect(wasm).toHaveLength(1);

		// The "current" figure is the defaults judged on exactly this student's answers.
		const offsetMinutes = await page.evaluate(() => new Date().getTimezoneOffset());
		const expected = evaluateParameters(
			cardHistories(backup.stores.reviews, { offsetMinutes }),
			DEFAULT_PARAMETERS
		);
		const num = async (id: string) => Number(await page.getByTestId(id).textContent());
		expect(await num('current-logloss')).toBeCloseTo(expected.logLoss, 4);
		expect(await num('current-rmse')).toBeCloseTo(expected.rmse, 4);
		expect(await num('new-logloss')).toBeLessThan(await num('current-logloss'));
		await page.getByText('The new parameters predict your answers better').waitFor();

		await page.getByRole('button', { name: 'Use the new parameters' }).click();
		await page.getByText('Your schedule now uses the new parameters.').waitFor();
		const stored = await page.evaluate(async () => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open('studydeck');
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			const value = await new Promise<{ parameters: number[] | null }>((resolve) => {
				const req = db.transaction('settings').objectStore('settings').get('srs');
				req.onsuccess = () => resolve(req.result);
			});
			db.close();
			return value.parameters;
		});
		expect(stored).toHaveLength(21);

		// After a reload the student can still go back.
		await openSettings(page);
		await page.getByText('Now using: your parameters, trained on 1,500 answers').waitFor();
		await page.getByRole('button', { name: 'Go back to the default parameters' }).click();
		await page.getByText('Back to the default parameters.').waitFor();
		await page.getByText('Now using: the default parameters.').waitFor();
		expect(errors).toEqual([]);
		await context.close();
	});
});
