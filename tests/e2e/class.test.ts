// An offline classroom end to end: the teacher makes a class quiz code; the server is
// stopped once two students' service workers control their pages; offline, the students
// join by code, answer (one all right, one partly wrong), finish and download their
// result files; the teacher's report (also offline) reads both files, shows the scores
// and per-question shares computed here with the app's own generator and grader, flags a
// duplicate and exports a CSV holding both students.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { classQuizFor, type DecodedClassQuiz } from '../../src/lib/core/classroom/code.ts';
import { decodeTypedCode } from '../../src/lib/core/classroom/typed-code.ts';
import { resolveShortCode } from '../../src/lib/core/classroom/short-code.ts';
import { expectedResponse, gradeAnswer } from '../../src/lib/core/quiz/grade.ts';
import { waitForOfflineReady } from './pwa.ts';
import { launch, openPage, serve, type TrackedPage, bundledSet } from './harness.ts';
import { answerByClicks, wrongResponse } from './answer.ts';

const SET_ID = 'ttp-peace-talks';
const SET = bundledSet(SET_ID);
const COUNT = 5;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Waits for the worker to control the page and puts away its "ready offline" note. */
async function offlineReady(page: Page) {
	await waitForOfflineReady(page);
	await page.getByText('Studydeck is ready to work offline on this device.').waitFor();
	await page.getByRole('button', { name: 'OK' }).click();
}

let browser: Browser;
let server: Running | undefined;

beforeAll(async () => {
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

interface Student {
	name: string;
	typed: (code: string) => string;
	wrong: (i: number) => boolean;
	tracked: TrackedPage;
}

describe('class', () => {
	test('offline: code → two students hand in → report, CSV and a duplicate flagged', async () => {
		server = await serve();
		const origin = server.url;

		// The teacher makes the code (and keeps the page open through the outage).
		const teacher = await openPage(browser);
		const t = teacher.page;
		await t.goto(`${origin}class/`);
		await offlineReady(t);
		await t.getByRole('button', { name: /Run a class quiz/ }).click();
		await t.getByRole('combobox', { name: 'Set' }).selectOption(SET_ID);
		await t.getByRole('spinbutton', { name: 'Number of questions' }).fill(String(COUNT));
		await t.getByRole('radio', { name: /Exam/ }).check();
		await expect(
			t.getByRole('checkbox', { name: /Shuffle the order for each student/ }).isChecked()
		).resolves.toBe(true);
		await t.getByRole('button', { name: 'Make the code' }).click();
		const codeEl = t.locator('#class-code');
		await codeEl.waitFor();
		const code = (await codeEl.getAttribute('data-code'))!;
		expect((await codeEl.textContent())!.replace(/\s/g, '')).toBe(code);
		expect(await t.getByRole('img', { name: 'QR code of the join link' }).count()).toBe(1);
		await t.getByText(`${origin}class/?join=${code}`).waitFor();
		// A bundled set with no filters: the board shows the 12-character short code.
		const typed = decodeTypedCode(code);
		if (!typed.ok || typed.kind !== 'short') throw new Error(`not a short code: ${code}`);
		// Its fingerprint names the bundled set in this build's version.
		const [match] = resolveShortCode(typed.value, [SET]);
		if (!match) throw new Error('the short code does not name the bundled set');
		const decoded: { value: DecodedClassQuiz } = { value: match.quiz };
		expect(decoded.value).toMatchObject({
			setId: SET_ID,
			setVersion: SET.version,
			shufflePerStudent: true,
			options: { count: COUNT, mode: 'exam' }
		});

		// Two students load the app while the server is up…
		const students: Student[] = [
			{ name: 'Amina Khan', typed: (c) => c, wrong: () => false, tracked: await openPage(browser) },
			{
				name: 'Bilal',
				typed: (c) => ` ${c.toLowerCase().replace(/-/g, ' ')} `,
				wrong: (i) => i % 2 === 1,
				tracked: await openPage(browser)
			}
		];
		for (const s of students) {
			await s.tracked.page.goto(origin);
			await offlineReady(s.tracked.page);
		}
		// …and then there is no server at all.
		await server.close();
		server = undefined;

		const files: { name: string; text: string; path: string }[] = [];
		const want: { points: number; percent: number; correct: Map<string, boolean> }[] = [];
		for (const s of students) {
			const p = s.tracked.page;
			await p.goto(`${origin}class/`);
			await p.getByRole('button', { name: /Join a class quiz/ }).click();
			// A typo first: said plainly, nothing starts.
			const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
			await p.getByRole('textbox', { name: 'Class quiz code' }).fill(typo);
			await p.getByRole('button', { name: 'Join' }).click();
			await p.getByText('This code has a typo: check each character', { exact: false }).waitFor();
			await p.getByRole('textbox', { name: 'Class quiz code' }).fill(s.typed(code));
			await p.getByRole('button', { name: 'Join' }).click();
			await p.getByRole('textbox', { name: 'Your name or student ID' }).fill(s.name);
			await p.getByRole('button', { name: 'Start quiz' }).click();

			const quiz = classQuizFor(decoded.value, SET, s.name);
			const responses = quiz.items.map((it, i) =>
				s.wrong(i) ? wrongResponse(it.asked) : expectedResponse(it.asked)
			);
			for (const [i, it] of quiz.items.entries()) {
				await p.getByText(`Question ${i + 1} of ${COUNT}`).waitFor();
				await expect(p.locator('#question-h').textContent()).resolves.toContain(
					it.asked.type === 'cloze' ? 'Fill in the blanks' : it.asked.prompt
				);
				if (i === 2) {
					// A reload offline brings the student back to the same question.
					await p.reload();
					await p.getByText(`Question ${i + 1} of ${COUNT}`).waitFor();
				}
				await answerByClicks(p, it.asked, responses[i]);
				await p.getByRole('button', { name: i === COUNT - 1 ? 'Finish quiz' : 'Next' }).click();
			}
			const grades = quiz.items.map((it, i) => gradeAnswer(it.asked, responses[i]));
			const points = Math.round(grades.reduce((a, g) => a + g.score, 0) * 1000) / 1000;
			const percent = round1((points / COUNT) * 100);
			want.push({
				points,
				percent,
				correct: new Map(quiz.items.map((it, i) => [it.questionId, grades[i]!.correct]))
			});
			await p.getByRole('heading', { name: 'Quiz finished' }).waitFor();
			await p.getByText(`${percent}%`, { exact: true }).waitFor();

			const [download] = await Promise.all([
				p.waitForEvent('download'),
				p.getByRole('button', { name: 'Download result file' }).click()
			]);
			const path = (await download.path())!;
			const text = readFileSync(path, 'utf8');
			expect(download.suggestedFilename()).toMatch(
				new RegExp(
					`^${s.name.toLowerCase().replace(/ /g, '-')}-${SET_ID}-\\d{4}-\\d{2}-\\d{2}\\.studydeck-handin\\.json$`
				)
			);
			const h = JSON.parse(text);
			expect(h).toMatchObject({ student: s.name, code, score: { points, max: COUNT } });
			files.push({ name: download.suggestedFilename(), text, path });
		}
		expect(want[0]!.percent).toBe(100);
		expect(want[1]!.percent).toBeLessThan(100);

		// The teacher, still offline, opens the report for the code and adds both files.
		await t.getByRole('button', { name: 'Open the class report' }).click();
		await t.getByRole('heading', { name: 'Result files' }).waitFor();
		const input = t.locator('input[type=file]');
		await input.setInputFiles(files.map((f) => f.path));
		await t.getByText('2 files added.').waitFor();

		const rows = t.locator('table.students tbody tr');
		await expect.poll(() => rows.count()).toBe(2);
		for (const [i, s] of students.entries()) {
			const row = rows.nth(i);
			await expect(row.locator('th').textContent()).resolves.toBe(s.name);
			await expect(row.locator('.num').textContent()).resolves.toBe(`${want[i]!.percent}%`);
		}
		const mean = round1((want[0]!.percent + want[1]!.percent) / 2);
		await expect(t.locator('[data-stat=count]').textContent()).resolves.toBe('2');
		await expect(t.locator('[data-stat=mean]').textContent()).resolves.toContain(`${mean}%`);
		await expect(t.locator('[data-stat=median]').textContent()).resolves.toContain(`${mean}%`);
		for (const it of classQuizFor(decoded.value, SET).items) {
			const right = want.filter((w) => w.correct.get(it.questionId)).length;
			await expect(
				t.locator(`li[data-question="${it.questionId}"] .share`).textContent()
			).resolves.toBe(`${round1((right / 2) * 100)}%`);
		}
		// Hardest first: the shares never go down the list.
		const shares = (await t.locator('li[data-question] .share').allTextContents()).map(parseFloat);
		expect(shares).toEqual([...shares].sort((a, b) => a - b));

		// The CSV holds both students.
		const [csv] = await Promise.all([
			t.waitForEvent('download'),
			t.getByRole('button', { name: 'Export CSV' }).click()
		]);
		expect(csv.suggestedFilename()).toBe(`class-report-${code}.csv`);
		const lines = readFileSync((await csv.path())!, 'utf8')
			.trim()
			.split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toMatch(new RegExp(`^${students[0]!.name},`));
		expect(lines[2]).toMatch(new RegExp(`^${students[1]!.name},`));

		// The same file again is flagged and not counted.
		await input.setInputFiles(files[0]!.path);
		await expect.poll(() => rows.count()).toBe(3);
		await expect(rows.nth(2).textContent()).resolves.toContain('identical to another file');
		await expect(t.locator('[data-stat=count]').textContent()).resolves.toBe('2');

		// A file that is not a hand-in is listed with its reason.
		await input.setInputFiles({
			name: 'notes.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{"hello": 1}')
		});
		await t.getByText('notes.json').waitFor();
		await t.getByText(/not a Studydeck hand-in file/).waitFor();

		expect(teacher.errors).toEqual([]);
		for (const s of students) expect(s.tracked.errors).toEqual([]);
		await teacher.context.close();
		for (const s of students) await s.tracked.context.close();
	});

	test('join link prefills; a set the device lacks says how to get it; set links import', async () => {
		server = await serve();
		const { page, errors, context } = await openPage(browser);
		// A teacher's code for the bundled set as this build ships it (the code names the version).
		const { encodeClassQuiz: encode } = await import('../../src/lib/core/classroom/code.ts');
		const bundledCode = encode({
			setId: SET.id,
			setVersion: SET.version,
			seed: 'ABC123',
			shufflePerStudent: true,
			options: { count: 5, mode: 'exam' }
		});
		await page.goto(`${server.url}class/?join=${bundledCode}`);
		// The link's code is submitted at once: the student is asked their name.
		await page.getByRole('textbox', { name: 'Your name or student ID' }).waitFor();
		await expect(page.locator('main').innerText()).resolves.toMatch(/5 questions · Exam/);

		// A code for a set this device lacks.
		const { encodeClassQuiz } = await import('../../src/lib/core/classroom/code.ts');
		const { encodeSetLink } = await import('../../src/lib/core/classroom/share.ts');
		const { validSet } = await import('../../src/lib/core/classroom/fixtures.ts');
		const mine = validSet({
			id: 'my-class-set',
			version: 2,
			title: 'My class set',
			questions: [
				{ id: 'a', type: 'truefalse', prompt: 'The sky is blue.', answer: true },
				{ id: 'b', type: 'truefalse', prompt: 'Fire is cold.', answer: false }
			]
		});
		const code = encodeClassQuiz({
			setId: mine.id,
			setVersion: 2,
			seed: 'ABCDEF',
			shufflePerStudent: false,
			options: { count: 2, mode: 'practice' }
		});
		await page.goto(`${server.url}class/?join=${code}`);
		await page.getByText(/“my-class-set”, which is not on this device/).waitFor();
		await page.getByText('Open a set link or file from your teacher').waitFor();
		await expect(page.getByRole('textbox', { name: 'Class quiz code' }).inputValue()).resolves.toBe(
			code
		);

		// The teacher's set link imports it, and then the code works.
		const link = encodeSetLink(mine, `${server.url}class/`);
		if (!link.ok) throw new Error('too big');
		await page.goto(link.url);
		await page.getByText('My class set').waitFor();
		await page.getByText('2 questions · version 2').waitFor();
		await page.getByRole('button', { name: 'Import' }).click();
		await page.getByText('Imported “My class set” (2 questions).').waitFor();
		await page.getByRole('button', { name: 'Join a class quiz' }).click();
		await page.getByRole('textbox', { name: 'Class quiz code' }).fill(code);
		await page.getByRole('button', { name: 'Join' }).click();
		await page.getByRole('textbox', { name: 'Your name or student ID' }).fill('Sam');
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByText('Question 1 of 2').waitFor();
		expect(errors).toEqual([]);
		await context.close();
		await server.close();
		server = undefined;
	});
});
