import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, serve, setsListed } from './harness.ts';
import { scaleBackup } from '../../src/lib/platform/storage/backup-fixture.ts';

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

const GIFT = `// Week 1
::capital:: What is the capital of France? {
	=Paris
	~Lyon
	~Nice
}

::sky:: The sky is blue. {TRUE}

::xss:: <script>alert(1)</script><b>bold</b> is shown how? {=as text}
`;

/** Reads a store straight from IndexedDB, as the app left it. */
async function stored(page: Page, store: string): Promise<unknown[]> {
	return page.evaluate(
		(name) =>
			new Promise<unknown[]>((resolve, reject) => {
				const open = indexedDB.open('studydeck');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction(name).objectStore(name).getAll();
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

type StoredSet = {
	set: { id: string; title: string; questions: { type: string; prompt: string }[] };
	origin: string;
};

describe('author', () => {
	test('create a set, add an mcq and a flashcard; a reload keeps everything, even a half-finished question', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/`);
		await page.getByRole('button', { name: 'New set' }).click();
		await page.getByLabel('Title').fill('Cell biology');
		await page.getByRole('button', { name: 'Create set' }).click();
		await page.waitForURL(/\/author\/cell-biology\/$/);
		await page.getByRole('heading', { level: 1, name: 'Cell biology' }).waitFor();

		// A reload straight after typing (inside the autosave pause) keeps the edit.
		await page.getByLabel('Description').fill('Organelles and what they do');
		await page.reload();
		await expect(page.getByLabel('Description').inputValue()).resolves.toBe(
			'Organelles and what they do'
		);

		// An mcq.
		await page.getByLabel('Add a question').selectOption('mcq');
		await page.getByRole('button', { name: 'Add question' }).click();
		await page.getByLabel('Question', { exact: true }).fill('Powerhouse of the cell?');
		await page.getByLabel('Option 1', { exact: true }).fill('Nucleus');
		await page.getByLabel('Option 2', { exact: true }).fill('Mitochondria');
		await page.getByLabel('Option 2 is correct').check();
		// Inline validation from the schema: an empty third option names itself.
		await page.getByRole('button', { name: 'Add option' }).click();
		await page.getByText('Option 3: empty option').waitFor();
		await page.getByRole('button', { name: 'Remove option 3' }).click();
		await page.getByText('Preview: what a student sees').waitFor();
		await page.getByRole('button', { name: 'Show answer' }).click();

		// A flashcard.
		await page.getByLabel('Add a question').selectOption('flashcard');
		await page.getByRole('button', { name: 'Add question' }).click();
		await page.getByLabel('Front', { exact: true }).fill('Cell membrane');
		await page.getByLabel('Back', { exact: true }).fill('Controls what enters and leaves');
		await expect
			.poll(async () =>
				((await stored(page, 'sets')) as StoredSet[]).map((s) => s.set.questions.length)
			)
			.toEqual([2]);
		await page.locator('.save').getByText('Saved').waitFor();

		// A half-finished mcq: saved as a draft, the valid set stays as it was.
		await page.getByLabel('Add a question').selectOption('mcq');
		await page.getByRole('button', { name: 'Add question' }).click();
		await page.getByLabel('Question', { exact: true }).fill('Half-finished question');
		await page.getByText('Draft — fix 2 problems to use this set').waitFor();
		const sets = (await stored(page, 'sets')) as StoredSet[];
		expect(sets.map((s) => [s.set.id, s.set.questions.map((q) => q.type)])).toEqual([
			['cell-biology', ['mcq', 'flashcard']]
		]);

		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Cell biology' }).waitFor();
		await page.getByText('Draft — fix 2 problems to use this set').waitFor();
		const list = page.locator('ol.questions > li');
		await expect(list.count()).resolves.toBe(3);
		await expect(list.nth(0).textContent()).resolves.toContain('Powerhouse of the cell?');
		await expect(list.nth(1).textContent()).resolves.toContain('Cell membrane');
		await page.getByRole('button', { name: 'Edit question 3', exact: true }).click();
		await expect(page.getByLabel('Question', { exact: true }).inputValue()).resolves.toBe(
			'Half-finished question'
		);
		await page.getByRole('button', { name: 'Edit question 1', exact: true }).click();
		await expect(page.getByLabel('Option 2 is correct').isChecked()).resolves.toBe(true);

		// Reorder and delete with undo.
		await page.getByRole('button', { name: 'Move down question 1', exact: true }).click();
		await expect(list.nth(1).textContent()).resolves.toContain('Powerhouse of the cell?');
		await page.getByRole('button', { name: 'Delete question 3', exact: true }).click();
		await expect(list.count()).resolves.toBe(2);
		// Without the half-finished question the whole is valid again: saved as the set.
		await expect
			.poll(async () =>
				((await stored(page, 'sets')) as StoredSet[]).map((s) => s.set.questions[0]?.prompt)
			)
			.toEqual(['Cell membrane']);
		await expect(stored(page, 'drafts')).resolves.toEqual([]);
		await page.locator('.save').getByText('Saved').waitFor();
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(list.count()).resolves.toBe(3);
		expect(errors).toEqual([]);
	});

	test('import a GIFT file: inert preview, Import writes it, export GIFT downloads it', async () => {
		const { page, errors } = await openPage(browser);
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		await page.goto(`${server.url}author/`);
		await setsListed(page);
		await page.locator('input[type="file"]').setInputFiles({
			name: 'Week 1.gift',
			mimeType: 'text/plain',
			buffer: Buffer.from(GIFT)
		});
		const preview = page.getByRole('region', { name: 'Ready to import' });
		await preview.waitFor();
		const text = (await preview.textContent()) ?? '';
		expect(text).toContain('<script>alert(1)</script><b>bold</b> is shown how?');
		expect(text).toMatch(/Questions\s*3/);
		await expect(page.locator('main b').count()).resolves.toBe(0);
		await expect(page.locator('main script').count()).resolves.toBe(0);
		expect(await stored(page, 'sets')).toEqual([]); // nothing written yet

		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByRole('link', { name: 'Week 1', exact: true }).waitFor();
		const sets = (await stored(page, 'sets')) as StoredSet[];
		expect(sets.map((s) => [s.set.id, s.origin, s.set.questions.length])).toEqual([
			['week-1', 'imported', 3]
		]);

		await page.getByRole('link', { name: 'Week 1', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Week 1' }).waitFor();
		await expect(page.locator('ol.questions').textContent()).resolves.toContain(
			'<script>alert(1)</script><b>bold</b>'
		);
		await expect(page.locator('main b').count()).resolves.toBe(0);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export GIFT' }).click()
		]);
		expect(download.suggestedFilename()).toBe('week-1.gift');
		const gift = await readFile(await download.path(), 'utf8');
		expect(gift).toContain('::capital::What is the capital of France?');
		expect(gift).toContain('::sky::The sky is blue. {TRUE}');
		expect(gift).toContain('alert(1)');

		// Aiken cannot hold every type: the page says what was left out.
		const [aiken] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Export Aiken' }).click()
		]);
		expect(aiken.suggestedFilename()).toBe('week-1.txt');
		await page
			.getByText('2 questions cannot be written in Aiken and were left out.', { exact: false })
			.waitFor();
		expect(dialogs).toEqual([]);
		expect(errors).toEqual([]);
	});

	test('an invalid GIFT shows line-numbered errors and writes nothing', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/`);
		await setsListed(page);
		await page.locator('input[type="file"]').setInputFiles({
			name: 'broken.gift',
			mimeType: 'text/plain',
			buffer: Buffer.from('::a:: Fine? {TRUE}\n\n::b:: Broken {=one ~two\n')
		});
		const problems = page.getByRole('region', { name: 'broken.gift cannot be imported' });
		await problems.waitFor();
		await expect(problems.textContent()).resolves.toMatch(/line 3: /);
		await expect(page.getByRole('button', { name: 'Import', exact: true }).count()).resolves.toBe(
			0
		);
		expect(await stored(page, 'sets')).toEqual([]);

		// A binary file says so plainly.
		await page.locator('input[type="file"]').setInputFiles({
			name: 'photo.gift',
			mimeType: 'image/png',
			buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3])
		});
		await page.getByText('this looks like a binary file, not text').waitFor();
		expect(errors).toEqual([]);
	});

	test('drafts from an article: made in the browser, accepted into the set with its source text', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/`);
		await page.getByRole('button', { name: 'New set' }).click();
		await page.getByLabel('Title').fill('Article drafts');
		await page.getByRole('button', { name: 'Create set' }).click();
		await page.waitForURL(/\/author\/article-drafts\/$/);
		const article =
			'In March 2022, the government opened talks with the rebels in Kabul. Officials said 300 fighters had been released from prisons in the north.\n\nBy June 2022 the ceasefire covered 12 districts along the border, according to Imran Khan.';
		await page.getByLabel('Article text').fill(article);
		await page.getByRole('button', { name: 'Make drafts' }).click();
		const drafts = page.locator('.draft');
		await drafts.first().waitFor();
		const made = await drafts.count();
		expect(made).toBeGreaterThan(1);
		await drafts
			.first()
			.getByRole('button', { name: /^Accept/ })
			.click();
		await drafts
			.first()
			.getByRole('button', { name: /^Reject/ })
			.click();
		await expect(drafts.count()).resolves.toBe(made - 2);
		await expect
			.poll(async () => {
				const sets = (await stored(page, 'sets')) as (StoredSet & {
					set: { sourceText?: string; questions: { source?: { quote: string } }[] };
				})[];
				const set = sets.find((s) => s.set.id === 'article-drafts')?.set;
				return (
					set && [
						set.questions.length,
						set.sourceText,
						article.includes(set.questions[0]?.source?.quote ?? '-')
					]
				);
			})
			.toEqual([1, article, true]);
		expect(errors).toEqual([]);
	});

	test('a bundled set is read-only; its duplicate is edited and kept', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/ttp-peace-talks/`);
		await page.getByRole('button', { name: 'Duplicate to edit' }).waitFor();
		await expect(page.getByLabel('Title').count()).resolves.toBe(0);

		await page.goto(`${server.url}author/`);
		await page.getByText('Bundled — duplicate to edit').waitFor();
		await page.getByRole('button', { name: /^Duplicate .*Taliban/ }).click();
		await page.waitForURL(/\/author\/ttp-peace-talks-copy\/$/);
		await page.getByRole('heading', { level: 1, name: /^Copy of / }).waitFor();
		await page.getByLabel('Title', { exact: true }).fill('My peace-talks set');
		await page.getByRole('button', { name: 'Edit question 1', exact: true }).click();
		const prompt = page.getByLabel(/^(Question|Statement|Front|Text with blanks|Instruction)$/);
		await prompt.fill('An edited first question?');
		await expect
			.poll(async () => {
				const sets = (await stored(page, 'sets')) as StoredSet[];
				return sets.find((s) => s.set.id === 'ttp-peace-talks-copy')?.set.questions[0]?.prompt;
			})
			.toBe('An edited first question?');

		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'My peace-talks set' }).waitFor();
		await expect(page.locator('ol.questions > li').first().textContent()).resolves.toContain(
			'An edited first question?'
		);
		const sets = (await stored(page, 'sets')) as StoredSet[];
		const copy = sets.find((s) => s.set.id === 'ttp-peace-talks-copy');
		expect(copy?.origin).toBe('authored');
		expect(copy?.set.title).toBe('My peace-talks set');
		expect(copy?.set.questions[0]?.prompt).toBe('An edited first question?');
		expect(errors).toEqual([]);
	});

	test('a short answer shows the kind its wording reads as; a contradicting kind is named; the choice is kept', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}author/`);
		await page.getByRole('button', { name: 'New set' }).click();
		await page.getByLabel('Title').fill('Answer kinds');
		await page.getByRole('button', { name: 'Create set' }).click();
		await page.waitForURL(/\/author\/answer-kinds\/$/);
		await page.getByLabel('Add a question').selectOption('short');
		await page.getByRole('button', { name: 'Add question' }).click();
		await page.getByLabel('Question', { exact: true }).fill('In which city were the talks held?');
		await page.getByLabel('Answer 1', { exact: true }).fill('Kabul');
		const kind = page.getByLabel(/^Answer kind/);
		await expect(kind.locator('option').first().textContent()).resolves.toBe('Automatic: place');

		await kind.selectOption('person');
		await page
			.getByText('Answer kind: the prompt asks for a place, but the answer kind is "person"')
			.waitFor();
		await kind.selectOption('place');
		await page.getByText(/the prompt asks for a place/).waitFor({ state: 'detached' });

		const savedKind = async () => {
			const saved = (await stored(page, 'sets')) as StoredSet[];
			const q = saved.find((s) => s.set.id === 'answer-kinds')?.set.questions[0];
			return (q as { answerKind?: string } | undefined)?.answerKind;
		};
		await expect.poll(savedKind).toBe('place');
		await page.locator('.save').getByText('Saved').waitFor();
		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Answer kinds' }).waitFor();
		await page.getByRole('button', { name: 'Edit question 1', exact: true }).click();
		await expect(page.getByLabel(/^Answer kind/).inputValue()).resolves.toBe('place');
		expect(errors).toEqual([]);
	});

	test('a large set lists its questions a page at a time; edits on any page are saved', async () => {
		const { page, errors, context } = await openPage(browser);
		const backup = scaleBackup({
			now: Date.now(),
			cards: 20,
			reviews: 20,
			bundled: { id: 'ttp-peace-talks', questionIds: [] },
			authoredQuestions: 120,
			decks: 1
		});
		await page.goto(`${server.url}settings/`);
		await page.locator('#new-per-day:enabled').waitFor();
		await page.getByLabel('Choose a backup file to import (.json)').setInputFiles({
			name: 'big.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(backup))
		});
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText(/^Restored /).waitFor();

		await page.goto(`${server.url}author/scale-authored/`);
		await page.getByRole('heading', { level: 2, name: '120 questions' }).waitFor();
		const items = page.locator('ol.questions > li');
		const top = page.getByRole('navigation', { name: 'Question pages, top' });
		await expect(items.count()).resolves.toBe(50);
		await top.getByText('Questions 1–50 of 120').waitFor();
		await expect(top.getByRole('button', { name: 'Previous' }).isDisabled()).resolves.toBe(true);

		await top.getByRole('button', { name: 'Next' }).click();
		await top.getByText('Questions 51–100 of 120').waitFor();
		await expect(items.first().locator('.n').textContent()).resolves.toBe('51');
		await page
			.getByRole('navigation', { name: 'Question pages, bottom' })
			.getByLabel('Show questions')
			.selectOption({ label: '101–120' });
		await top.getByText('Questions 101–120 of 120').waitFor();
		// From the pager below the list, focus moves to the top of the new page.
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('questions-h');
		await expect(items.count()).resolves.toBe(20);
		await expect(top.getByRole('button', { name: 'Next' }).isDisabled()).resolves.toBe(true);

		// Typing on a later page is saved like anywhere else.
		await page.getByRole('button', { name: 'Edit question 110', exact: true }).click();
		await page.getByLabel(/^(Question|Front)$/).fill('Edited on the last page?');
		await expect
			.poll(async () => {
				const sets = (await stored(page, 'sets')) as StoredSet[];
				return sets.find((s) => s.set.id === 'scale-authored')?.set.questions[109]?.prompt;
			})
			.toBe('Edited on the last page?');

		// A new question appears on the last page, ready to type in.
		await top.getByRole('button', { name: 'Previous' }).click();
		await top.getByText('Questions 51–100 of 120').waitFor();
		await page.getByRole('button', { name: 'Add question' }).click();
		await top.getByText('Questions 101–121 of 121').waitFor();
		await expect(page.evaluate(() => document.activeElement?.id ?? '')).resolves.toMatch(
			/-prompt$/
		);
		expect(errors).toEqual([]);
		await context.close();
	});
});
