// An Anki deck whose note has formatting and an image: the import keeps both, and the
// study card shows the bold text and the image itself (an object URL of the stored file),
// while a script in the field does nothing. The deck is built with sql.js in the shape
// Anki writes (test-decks.ts); the image is a real PNG made here.
import { deflateSync } from 'node:zlib';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Running } from '../../scripts/lib/server.ts';
import { legacyApkg } from '../../src/lib/core/bank/formats/anki/test-decks.ts';
import { launch, openPage, serve, setsListed } from './harness.ts';

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

function crc32(bytes: Uint8Array): number {
	let c = ~0;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

/** A solid-colour PNG, `w` × `h`. */
function png(w: number, h: number, [r, g, b]: [number, number, number]): Uint8Array {
	const chunk = (type: string, data: Uint8Array) => {
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		out.write(type, 4, 'ascii');
		out.set(data, 8);
		out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
		return out;
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.alloc(h * (1 + w * 3));
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) rows.set([r, g, b], y * (1 + w * 3) + 1 + x * 3);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', new Uint8Array())
	]);
}

describe('Anki images and formatting', () => {
	test('an imported card shows its bold text and its image when studied', async () => {
		const { page, errors } = await openPage(browser);
		const deck = legacyApkg(SQL, {
			notes: [
				{
					model: 'basic',
					guid: 'heart',
					deck: 'Anatomy',
					fields: [
						'Which organ is <b>this</b>?<br><img src="heart.png" onerror="window.pwned=1"><script>window.pwned=2</script>',
						'The <i>heart</i>: it has <ul><li>four chambers</li><li>two valves a side</li></ul>'
					]
				}
			],
			media: { 'heart.png': png(120, 80, [200, 40, 60]) }
		});
		await page.goto(`${server.url}author/`);
		await setsListed(page);
		await page.locator('input[type="file"]').setInputFiles({
			name: 'Anatomy.apkg',
			mimeType: 'application/octet-stream',
			buffer: Buffer.from(deck)
		});
		await expect(page.getByTestId('anki-counts').textContent()).resolves.toMatch(
			/1 notes, 1 cards, 1 media files \(1 image kept\), 0 reviews/
		);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Imported “Anatomy”: 1 question.').waitFor();

		await page.goto(`${server.url}study/anatomy/`);
		const card = page.getByRole('region', { name: 'Question' });
		await card.waitFor();
		await expect(card.locator('b').textContent()).resolves.toBe('this');
		const img = card.getByRole('img', { name: 'heart.png' });
		await img.waitFor();
		await expect(img.getAttribute('src')).resolves.toMatch(/^blob:/);
		await expect
			.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
			.toBe(120);
		await expect(card.textContent()).resolves.not.toContain('[image:');

		await page.getByRole('button', { name: 'Show answer' }).click();
		const both = page.getByRole('region', { name: 'Question and answer' });
		await expect(both.locator('i').textContent()).resolves.toBe('heart');
		await expect(both.locator('li').allTextContents()).resolves.toEqual([
			'four chambers',
			'two valves a side'
		]);
		// Nothing from the fields ran, and no element carries a handler or a style.
		expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
		expect(await both.locator('[onerror], script, [style]').count()).toBe(0);

		// The quiz asks the same card with its formatting and image.
		await page.goto(`${server.url}quiz/anatomy/`);
		await page.getByRole('button', { name: /Start/ }).first().click();
		const heading = page.locator('#question-h');
		await expect(heading.locator('b').textContent()).resolves.toBe('this');
		await expect
			.poll(() =>
				heading
					.getByRole('img', { name: 'heart.png' })
					.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)
			)
			.toBe(120);
		expect(errors).toEqual([]);
	});
});
