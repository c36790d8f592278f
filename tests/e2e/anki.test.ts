// Anki decks in the app: choose an .apkg → the preview shows the deck's counts and asks
// how to bring it in → Import writes one set per deck and the replayed history; a set
// exports back to an .apkg that reads as the same questions; a hostile file only gets a
// message. Decks are built with sql.js in the shape Anki writes (see test-decks.ts).
import { readFile } from 'node:fs/promises';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Running } from '../../scripts/lib/server.ts';
import { openApkg } from '../../src/lib/core/bank/formats/anki/collection.ts';
import { collectionToSets } from '../../src/lib/core/bank/formats/anki/convert.ts';
import { modernApkg } from '../../src/lib/core/bank/formats/anki/test-decks.ts';
import { launch, openPage, serve, setsListed } from './harness.ts';
import { cacheNames, waitForOfflineReady } from './pwa.ts';

let browser: Browser;
let server: Running;
let SQL: SqlJsStatic;

beforeAll(async () => {
	[browser, server, SQL] = await Promise.all([launch(), serve(), initSqlJs()]);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

async function count(page: Page, store: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('studydeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction(name).objectStore(name).count();
					req.onsuccess = () => {
						db.close();
						resolve(req.result);
					};
					req.onerror = () => reject(req.error);
				};
			}),
		store
	);
}

describe('Anki decks', () => {
	test('import an .apkg with one set per deck and its history, then export a set back to .apkg', async () => {
		const { page, errors } = await openPage(browser);
		const loaded: string[] = [];
		page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
		await page.goto(`${server.url}author/`);
		await setsListed(page);
		// Nothing of the Anki reader loads until a deck is opened.
		expect(loaded.filter((p) => /sql-wasm/.test(p))).toEqual([]);

		await page.locator('input[type="file"]').setInputFiles({
			name: 'Languages.apkg',
			mimeType: 'application/octet-stream',
			buffer: Buffer.from(modernApkg(SQL))
		});
		const preview = page.getByRole('region', { name: 'Ready to import' });
		await preview.waitFor();
		await expect(page.getByTestId('anki-counts').textContent()).resolves.toMatch(
			/4 notes, 6 cards, 2 media files \(1 image kept\), 5 reviews/
		);
		const text = ((await preview.textContent()) ?? '').replace(/\s+/g, ' ');
		expect(text).toContain('Vocabulary: 1 note → flashcards from their fields');
		expect(text).toContain('Cloze: 1 note → cloze questions');
		expect(text).toContain('1 sound or video file(s) cannot be played here');
		expect(text).toContain('1 image(s) are kept with the questions');
		expect(loaded.filter((p) => /sql-wasm.*\.wasm$/.test(p))).toHaveLength(1);
		expect(await count(page, 'sets')).toBe(0);

		await page.getByLabel('One set per deck').check();
		await page.getByText('3 sets, one per deck').waitFor();
		await page.getByText('World::Biology: 1 question', { exact: false }).waitFor();
		const history = page.getByRole('checkbox', { name: /Bring the review history/ });
		await expect(
			history.evaluate((el) => el.parentElement?.textContent?.replace(/\s+/g, ' '))
		).resolves.toContain('(1 card with reviews)');
		await history.check();
		expect(await count(page, 'sets')).toBe(0); // still nothing written
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Imported “3 sets from Languages.apkg”: 5 questions.').waitFor();
		expect(await count(page, 'sets')).toBe(3);
		expect(await count(page, 'reviews')).toBe(5);
		expect(await count(page, 'cards')).toBe(1);

		await page.getByRole('link', { name: 'German', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'German' }).waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export Anki (.apkg)' }).click()
		]);
		expect(download.suggestedFilename()).toBe('German.apkg');
		const bytes = new Uint8Array(await readFile(await download.path()));
		const back = collectionToSets(openApkg(bytes, SQL));
		if (!back.ok) throw new Error(JSON.stringify(back.problems));
		expect(back.value.sets[0]!.set.questions.map((q) => [q.type, q.prompt])).toEqual([
			['flashcard', 'der Hund'],
			['flashcard', 'the dog']
		]);

		// The set that came with history goes back to Anki with it, when asked.
		await page.goto(`${server.url}author/world-capitals/`);
		await page.getByRole('heading', { level: 1, name: 'World::Capitals' }).waitFor();
		await page.getByLabel('Include my progress in the Anki deck').check();
		const [withProgress] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export Anki (.apkg)' }).click()
		]);
		await page.getByText('Progress of 1 card included.', { exact: false }).waitFor();
		const again = collectionToSets(
			openApkg(new Uint8Array(await readFile(await withProgress.path())), SQL)
		);
		if (!again.ok) throw new Error(JSON.stringify(again.problems));
		expect(again.value.preview.reviews).toBe(5);
		expect(again.value.history.map((h) => [h.questionId, h.reviews.map((r) => r.ease)])).toEqual([
			['f-6lr-b-xz', [3, 3, 1, 3, 4]]
		]);
		expect(errors).toEqual([]);
	});

	test('a file that is not a deck gets a clear message and nothing is written', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/`);
		await setsListed(page);
		await page.locator('input[type="file"]').setInputFiles({
			name: 'holiday.apkg',
			mimeType: 'application/octet-stream',
			buffer: Buffer.from('PK\u0003\u0004 this is not really a zip archive at all')
		});
		const problem = page.getByRole('region', { name: 'holiday.apkg cannot be imported' });
		await problem.waitFor();
		await expect(problem.textContent()).resolves.toMatch(/not a readable zip archive/);
		expect(await count(page, 'sets')).toBe(0);
		expect(errors).toEqual([]);
	});

	test('after the first deck, Anki import works offline (SQLite is cached on first use)', async () => {
		const own = await serve();
		const origin = own.url;
		const { page, errors } = await openPage(browser);
		const deck = {
			name: 'Offline.apkg',
			mimeType: 'application/octet-stream',
			buffer: Buffer.from(modernApkg(SQL))
		};
		try {
			await page.goto(`${origin}author/`);
			await waitForOfflineReady(page);
			await page.locator('input[type="file"]').setInputFiles(deck);
			await page.getByTestId('anki-counts').waitFor();
			expect((await cacheNames(page)).some((n) => n.startsWith('studydeck-runtime-'))).toBe(true);
		} finally {
			await own.close();
		}
		await page.reload();
		await setsListed(page);
		await page.locator('input[type="file"]').setInputFiles(deck);
		await expect(page.getByTestId('anki-counts').textContent()).resolves.toMatch(
			/4 notes, 6 cards/
		);
		expect(errors).toEqual([]);
	});

	test('a Moodle XML file imports with a preview, and a broken one names its line', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/`);
		await setsListed(page);
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Moodle bank</text></category></question>
  <question type="truefalse">
    <name><text>Cells</text></name>
    <questiontext format="html"><text><![CDATA[<p>All living things are made of <b>cells</b>.</p>]]></text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="essay"><name><text>Essay</text></name><questiontext><text>Discuss.</text></questiontext></question>
</quiz>`;
		await page.locator('input[type="file"]').setInputFiles({
			name: 'bank.xml',
			mimeType: 'application/xml',
			buffer: Buffer.from(xml)
		});
		const preview = page.getByRole('region', { name: 'Ready to import' });
		await preview.waitFor();
		const text = ((await preview.textContent()) ?? '').replace(/\s+/g, ' ');
		expect(text).toContain('bank.xml (Moodle XML)');
		expect(text).toContain('All living things are made of cells.');
		expect(text).toContain(
			'line 10: question 2 ("Essay"): an essay question has no answer to check; skipped'
		);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Imported “bank”: 1 question.').waitFor();

		await page.locator('input[type="file"]').setInputFiles({
			name: 'broken.xml',
			mimeType: 'application/xml',
			buffer: Buffer.from('<quiz>\n<question type="truefalse">\n</quiz>')
		});
		const problem = page.getByRole('region', { name: 'broken.xml cannot be imported' });
		await problem.waitFor();
		await expect(problem.textContent()).resolves.toMatch(/line 3: invalid XML/);
		expect(errors).toEqual([]);
	});
});
