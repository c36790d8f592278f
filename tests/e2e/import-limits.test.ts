// Hostile and huge imports on the authoring page (issue 18): a multi-megabyte paste never
// enters the text field and is parsed in a Worker, too-large text is refused at once, and
// empty, deeply nested or oversized files get a plain message and no Import button.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { launch, openPage, serve, setsListed } from './harness.ts';
import { waitForOfflineReady } from './pwa.ts';

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

/** About 4.4 MB of GIFT over 75,000 lines: 15,000 questions. */
function bigGift(): string {
	const pad =
		'with a long explanation of what the question is really asking about here '.repeat(3) +
		'and a bit more text to say here';
	let out = '';
	for (let i = 0; i < 15_000; i++)
		out += `::q${i}:: Question ${i} ${pad}? {\n=right ${i}\n~wrong ${i}\n}\n\n`;
	return out;
}

async function openAuthor(page: Page, url = server.url) {
	await page.goto(`${url}author/`);
	await setsListed(page);
}

async function pasteBox(page: Page) {
	await page.getByText('Or paste the questions').click();
	return page.getByRole('textbox', { name: 'Questions' });
}

/** A real paste: the text on the clipboard, then Ctrl+V in the field. */
async function paste(page: Page, text: string, url = server.url) {
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: new URL(url).origin
	});
	await page.evaluate((t) => navigator.clipboard.writeText(t), text);
	await page.getByRole('textbox', { name: 'Questions' }).focus();
	await page.keyboard.press('Control+V');
}

describe('the paste box', () => {
	test('a 4.4 MB GIFT paste is held out of the field and parsed in a Worker', async () => {
		const { page, errors, context } = await openPage(browser);
		await openAuthor(page);
		const box = await pasteBox(page);
		const gift = bigGift();
		expect(gift.length).toBeGreaterThan(4_000_000);
		await paste(page, gift);
		await page
			.getByRole('status')
			.filter({ hasText: /Pasted text ready to read: 4\.\d MB, 75,001 lines/ })
			.waitFor();
		expect(await box.count()).toBe(0); // the field is replaced by the summary
		const workers: string[] = [];
		page.on('worker', (w) => workers.push(w.url()));
		await page.getByRole('button', { name: 'Read pasted text' }).click();
		const preview = page.getByRole('region', { name: 'Ready to import' });
		await preview.waitFor({ timeout: 60_000 });
		expect(await preview.textContent()).toMatch(/Questions\s*15000|Questions\s*15,000/);
		expect(workers).toHaveLength(1);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a 6 MB single line is refused at once and never reaches the field', async () => {
		const { page, errors, context } = await openPage(browser);
		await openAuthor(page);
		const box = await pasteBox(page);
		await paste(page, 'x'.repeat(6 * 1024 * 1024));
		await page
			.getByRole('alert')
			.filter({ hasText: 'The pasted text is too large: 6.0 MB' })
			.waitFor();
		expect(await box.inputValue()).toBe('');
		expect(errors).toEqual([]);
		await context.close();
	});

	test('the field has no dir="auto" and follows the text\'s first letter', async () => {
		const { page, errors, context } = await openPage(browser);
		await openAuthor(page);
		const box = await pasteBox(page);
		expect(await box.getAttribute('dir')).toBe('ltr');
		await box.fill('ما هي عاصمة فرنسا؟');
		expect(await box.getAttribute('dir')).toBe('rtl');
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('hostile files', () => {
	async function upload(page: Page, name: string, text: string | Buffer) {
		await page.locator('input[type="file"]').setInputFiles({
			name,
			mimeType: 'text/plain',
			buffer: typeof text === 'string' ? Buffer.from(text) : text
		});
		const problems = page.getByRole('region', { name: `${name} cannot be imported` });
		await problems.waitFor({ timeout: 30_000 });
		expect(await page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
		return (await problems.textContent()) ?? '';
	}

	test('empty, comment-only, header-only and deeply nested files say what is wrong', async () => {
		const { page, errors, context } = await openPage(browser);
		await openAuthor(page);
		expect(await upload(page, 'empty.txt', '')).toContain('the file is empty');
		expect(await upload(page, 'comments.gift', '// a comment\n$CATEGORY: x\n')).toContain(
			'no questions found'
		);
		expect(await upload(page, 'header.csv', 'front,back\n')).toContain('no questions found');
		const deep = '{"questions":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
		const nested = await upload(page, 'deep.json', deep);
		expect(nested).toContain('nested more than 100 levels deep');
		expect(nested).not.toContain('call stack');
		const junk = await upload(page, 'junk.json', 'hello secret words, not JSON');
		expect(junk).not.toContain('secret');
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a 50,000-question Aiken file is refused, read in a Worker', async () => {
		const { page, errors, context } = await openPage(browser);
		await openAuthor(page);
		let aiken = '';
		for (let i = 0; i < 50_000; i++) aiken += `Q${i}?\nA) yes\nB) no\nANSWER: A\n\n`;
		const workers: string[] = [];
		page.on('worker', (w) => workers.push(w.url()));
		expect(await upload(page, 'many.txt', aiken)).toContain('at most 20000 questions');
		expect(workers).toHaveLength(1);
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('offline', () => {
	test('the import Worker is precached: a big paste parses with the server stopped', async () => {
		const own = await serve();
		const { page, errors, context } = await openPage(browser);
		await page.goto(own.url);
		await waitForOfflineReady(page);
		const cached = await page.evaluate(async () => {
			const urls: string[] = [];
			for (const key of await caches.keys())
				for (const req of await (await caches.open(key)).keys()) urls.push(req.url);
			return urls.filter((u) => u.includes('/workers/'));
		});
		expect(cached).toEqual(
			expect.arrayContaining([expect.stringMatching(/\/workers\/import-worker-[\w-]+\.js/)])
		);
		await own.close();

		await openAuthor(page, own.url);
		await pasteBox(page);
		let gift = '';
		for (let i = 0; i < 4_000; i++) gift += `::q${i}:: Offline question number ${i}? {T}\n\n`;
		await paste(page, gift, own.url);
		const workers: string[] = [];
		page.on('worker', (w) => workers.push(w.url()));
		await page.getByRole('button', { name: 'Read pasted text' }).click();
		await page.getByRole('region', { name: 'Ready to import' }).waitFor();
		expect(workers).toHaveLength(1);
		expect(errors).toEqual([]);
		await context.close();
	});
});
