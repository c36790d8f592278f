// Class quiz codes a student can copy from a board, and one QR code for the teacher's own
// set (issue 12, item 6): the Run panel shows a 12-character short code (the long one and
// why when the quiz does not fit); the join form reads it in any case and says what is
// wrong with a mistyped one; for a set of the teacher's own, one scan imports the set
// (preview, Import) and opens the quiz, and a second scan goes straight to the quiz.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { validSet } from '../../src/lib/core/classroom/fixtures.ts';
import { encodeSetLink } from '../../src/lib/core/classroom/share.ts';
import { launch, openPage, PHONE, serve, axeViolations } from './harness.ts';

const SET_ID = 'ttp-peace-talks';

const MINE = validSet({
	id: 'my-own-set',
	version: 3,
	title: 'My own set',
	questions: [
		{ id: 'a', type: 'truefalse', prompt: 'The sky is blue.', answer: true },
		{ id: 'b', type: 'truefalse', prompt: 'Fire is cold.', answer: false },
		{ id: 'c', type: 'truefalse', prompt: 'Ice is frozen water.', answer: true }
	]
});

/** bypassCSP only so the test can inject axe; the app's own CSP stays on. */
const axeContext = (extra: { permissions?: string[] } = {}) =>
	browser.newContext({ viewport: PHONE, bypassCSP: true, ...extra });

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

describe('class codes', () => {
	test('a bundled set: short code on the board, typed any way; each mistake said plainly', async () => {
		const teacher = await openPage(browser, { context: await axeContext() });
		const t = teacher.page;
		await t.goto(`${server.url}class/`);
		await t.getByRole('button', { name: /Run a class quiz/ }).click();
		await t.getByRole('combobox', { name: 'Set' }).selectOption(SET_ID);
		await t.getByRole('spinbutton', { name: 'Number of questions' }).fill('3');
		await t.getByRole('button', { name: 'Make the code' }).click();
		const codeEl = t.locator('#class-code');
		await codeEl.waitFor();
		const short = (await codeEl.getAttribute('data-code'))!;
		expect(short).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		// Large enough to read across a room: the code's text is at least 28 px on a phone.
		const px = await codeEl.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(px).toBeGreaterThanOrEqual(28);
		// The QR link holds the short code; a bundled set does not travel in it.
		await t.getByText(`${server.url}class/?join=${short}`).waitFor();
		expect(await t.getByRole('img', { name: 'QR code of the join link' }).count()).toBe(1);
		// The long code is there for a device without the set.
		await t.getByText('Long code (for a device without this set)').click();
		await expect(t.locator('#class-long-code').getAttribute('data-code')).resolves.toMatch(
			/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){5,}$/
		);
		expect(await axeViolations(t)).toEqual([]);

		const student = await openPage(browser, { context: await axeContext() });
		const p = student.page;
		await p.goto(`${server.url}class/`);
		await p.getByRole('button', { name: /Join a class quiz/ }).click();
		const box = p.getByRole('textbox', { name: 'Class quiz code' });
		const join = p.getByRole('button', { name: 'Join' });
		const raw = short.replace(/-/g, '');
		await box.fill(raw.slice(0, 11));
		await join.click();
		await p
			.getByText('A class code has 12 characters; this one has 11.', { exact: false })
			.waitFor();
		await box.fill(raw.slice(0, 11) + 'U');
		await join.click();
		await p
			.getByText('This code has characters that codes never use: “U”', { exact: false })
			.waitFor();
		const typo = raw[1]! + raw[0]! + raw.slice(2);
		await box.fill(
			typo === raw ? raw.slice(0, 5) + (raw[5] === 'A' ? 'B' : 'A') + raw.slice(6) : typo
		);
		await join.click();
		await p.getByText('This code has a typo', { exact: false }).waitFor();
		await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
		expect(await axeViolations(p)).toEqual([]);
		await box.fill(` ${short.toLowerCase().replace(/-/g, ' ')} `);
		await join.click();
		await p.getByRole('textbox', { name: 'Your name or student ID' }).fill('Dana');
		await expect(p.locator('main').innerText()).resolves.toMatch(/3 questions · Exam/);
		await p.getByRole('button', { name: 'Start quiz' }).click();
		await p.getByText('Question 1 of 3').waitFor();

		// Topic filters do not fit a short code: the long code and the reason.
		await t.getByRole('button', { name: 'Change options' }).click();
		await t
			.locator('fieldset')
			.filter({ hasText: /Topics/ })
			.getByRole('checkbox')
			.first()
			.check();
		await t.getByRole('button', { name: 'Make the code' }).click();
		await t.locator('#no-short').waitFor();
		await expect(t.locator('#no-short').textContent()).resolves.toMatch(/cannot hold filters/);
		expect(teacher.errors).toEqual([]);
		expect(student.errors).toEqual([]);
		await teacher.context.close();
		await student.context.close();
	});

	test('the teacher’s own set: one QR code brings the set and the quiz', async () => {
		// The teacher has the set on their device (imported from a link, as any set can be).
		const tctx = await axeContext({ permissions: ['clipboard-read', 'clipboard-write'] });
		const teacher = await openPage(browser, { context: tctx });
		const t = teacher.page;
		const link = encodeSetLink(MINE, `${server.url}class/`);
		if (!link.ok) throw new Error('too big');
		await t.goto(link.url);
		await t.getByRole('button', { name: 'Import' }).click();
		await t.getByText('Imported “My own set” (3 questions).').waitFor();
		await t.goto(`${server.url}class/`);
		await t.getByRole('button', { name: /Run a class quiz/ }).click();
		await t.getByRole('combobox', { name: 'Set' }).selectOption(MINE.id);
		await t.getByRole('button', { name: 'Make the code' }).click();
		await t.getByRole('img', { name: 'QR code of the join link, with the set' }).waitFor();
		await t.getByText('One scan imports “My own set”', { exact: false }).waitFor();
		const short = (await t.locator('#class-code').getAttribute('data-code'))!;
		expect(await axeViolations(t)).toEqual([]);
		await t.getByRole('button', { name: 'Copy link' }).click();
		const url = await t.evaluate(() => navigator.clipboard.readText());
		expect(url.startsWith(`${server.url}class/?join=${short}#set=`)).toBe(true);

		// A student with nothing on the device scans it (opens the link).
		const student = await openPage(browser, { context: await axeContext() });
		const p = student.page;
		await p.goto(url);
		await p.getByText('Your teacher’s class quiz uses this set', { exact: false }).waitFor();
		expect(await axeViolations(p)).toEqual([]);
		await p.getByText('3 questions · version 3').waitFor();
		await p.getByRole('button', { name: 'Import' }).click();
		await p.getByRole('button', { name: 'Go to the class quiz' }).click();
		const name = p.getByRole('textbox', { name: 'Your name or student ID' });
		await name.waitFor();
		await expect(p.evaluate(() => document.activeElement?.id)).resolves.toBe('student-name');
		expect(p.url()).not.toContain('#set=');
		await name.fill('Eli');
		await p.getByRole('button', { name: 'Start quiz' }).click();
		await p.getByText('Question 1 of 3').waitFor();

		// The short code alone now works on this device, and a second scan skips the import.
		const again = await student.context.newPage();
		await again.goto(url);
		await again.getByRole('textbox', { name: 'Your name or student ID' }).waitFor();
		expect(teacher.errors).toEqual([]);
		expect(student.errors).toEqual([]);
		await tctx.close();
		await student.context.close();
	});
});
