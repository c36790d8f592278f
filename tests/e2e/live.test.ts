// The live classroom end to end (issue 12): a teacher and three students, each in their own
// browser context, against the production build served with the classroom hub.
// 1. Teacher-paced (startAppWithHub): PIN, lobby, one question at a time, Reveal shows the
//    distribution, students see their result; the report lists the session after a reload.
// 2. Self-paced (the app + hub as a child process, so it can be SIGKILLed): the live grid
//    fills; the hub is killed mid-session and started again on the same port and data;
//    one student's network is cut (context.setOffline) while answering and restored; every
//    answer reaches the report exactly once.
// Right answers come from the hub's own report (the questions with answers), wrong ones
// from the answer's shape; the scores asserted are the hub's grading of those.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppWithHub, type AppWithHub } from '../../scripts/lib/hub/with-app.ts';
import type { ReportData, SessionSummary } from '../../src/lib/core/classroom/live/protocol.ts';
import { expectedResponse } from '../../src/lib/core/quiz/grade.ts';
import { assembleSet } from '../../src/lib/core/bank/load.ts';
import { classQuizFor } from '../../src/lib/core/classroom/code.ts';
import { decodeTypedCode } from '../../src/lib/core/classroom/typed-code.ts';
import { answerByClicks, wrongResponse } from './answer.ts';
import { launch, openPage, PHONE, ROOT, type TrackedPage, axeViolations } from './harness.ts';

const SET_ID = 'ttp-peace-talks';
const COUNT = 3;

async function getJson<T>(url: string): Promise<T> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`${url}: ${res.status}`);
	return (await res.json()) as T;
}

async function latestSession(url: string): Promise<SessionSummary> {
	const list = await getJson<SessionSummary[]>(`${url}/hub/api/sessions`);
	return list[0]!;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn().catch(() => undefined);
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 150));
	}
}

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	browser = await launch();
});

afterAll(async () => {
	await browser?.close();
});

async function tracked(): Promise<TrackedPage> {
	// bypassCSP only so the test can inject axe; the app's own CSP stays on.
	const context = await browser.newContext({ viewport: PHONE, bypassCSP: true });
	const t = await openPage(browser, { context });
	contexts.push(t.context);
	return t;
}

/** The teacher starts a session of COUNT questions; returns the PIN shown. */
async function startSession(t: Page, url: string, pace: RegExp): Promise<string> {
	await t.goto(`${url}/class/`);
	await t.getByRole('button', { name: /Start a live session/ }).click();
	await t.getByText('online on the classroom network').waitFor();
	await t.getByRole('combobox', { name: 'Set' }).selectOption(SET_ID);
	await t.getByRole('spinbutton', { name: 'Questions' }).fill(String(COUNT));
	await t.getByRole('radio', { name: pace }).check();
	// Speed bonus and leaderboard are off unless ticked.
	expect(await t.getByRole('checkbox', { name: /leaderboard/ }).isChecked()).toBe(false);
	await t.getByRole('button', { name: 'Start a live session' }).click();
	const heading = t.locator('#live-pin-h');
	await heading.waitFor();
	const pin = ((await heading.textContent()) ?? '').replace(/\D/g, '');
	expect(pin).toMatch(/^\d{6}$/);
	expect(await t.getByRole('img', { name: 'QR code of the join link' }).count()).toBe(1);
	await t.getByText(`${url}/class/?pin=${pin}`).waitFor();
	return pin;
}

async function joinByLink(p: Page, url: string, pin: string, name: string) {
	await p.goto(`${url}/class/?pin=${pin}`);
	const pinBox = p.getByRole('textbox', { name: 'PIN' });
	expect(await pinBox.inputValue()).toBe(pin);
	await p.getByRole('textbox', { name: 'Your name' }).fill(name);
	await p.getByRole('button', { name: 'Join' }).click();
	await p.getByText(/Waiting for your teacher to start/).waitFor();
}

describe('live classroom', () => {
	test('teacher-paced: lobby, one question at a time, reveal, report after a reload', async () => {
		const app: AppWithHub = await startAppWithHub({ dir: resolve(ROOT, 'build') });
		const url = app.url.replace(/\/$/, '');
		try {
			const teacher = await tracked();
			const t = teacher.page;
			const pin = await startSession(t, url, /Teacher-paced/);
			const students = await Promise.all(['Ana', 'Ben', 'Chloé'].map(() => tracked()));
			// A wrong PIN is refused with a sentence; then the link's PIN works.
			const a = students[0]!.page;
			await a.goto(`${url}/class/`);
			await a.getByRole('button', { name: /Join with a PIN/ }).click();
			await a.getByRole('textbox', { name: 'PIN' }).fill('12345');
			await a.getByRole('textbox', { name: 'Your name' }).fill('Ana');
			await a.getByRole('button', { name: 'Join' }).click();
			await a.getByText('The PIN is 6 digits, like 482 913.').waitFor();
			for (const [i, s] of students.entries())
				await joinByLink(s.page, url, pin, ['Ana', 'Ben', 'Chloé'][i]!);
			await t.getByRole('heading', { name: 'Joined: 3' }).waitFor();
			for (const n of ['Ana', 'Ben', 'Chloé']) await t.getByText(n, { exact: true }).waitFor();
			expect(await axeViolations(t)).toEqual([]);
			expect(await axeViolations(students[1]!.page)).toEqual([]);

			const session = await latestSession(url);
			const report = await getJson<ReportData>(`${url}/hub/api/sessions/${session.id}/report`);
			expect(report.questions).toHaveLength(COUNT);
			await t.getByRole('button', { name: 'Start', exact: true }).click();

			for (let q = 0; q < COUNT; q++) {
				const asked = report.questions[q]!.asked;
				await t.getByText(`Question ${q + 1} of ${COUNT}`).waitFor();
				// The projector shows what to answer for every type, true/false included.
				const shown =
					asked.type === 'truefalse'
						? 2
						: asked.type === 'mcq' || asked.type === 'multi'
							? asked.options.length
							: undefined;
				if (shown !== undefined)
					expect(await t.locator(`.projector .proj[data-type=${asked.type}] li`).count()).toBe(
						shown
					);
				for (const [i, s] of students.entries()) {
					const p = s.page;
					await p.locator('#question-h').waitFor();
					await p.getByText(`Question ${q + 1} of ${COUNT}`).waitFor();
					// Chloé answers the second question wrong; the others all right.
					const wrong = i === 2 && q === 1;
					await answerByClicks(p, asked, wrong ? wrongResponse(asked) : expectedResponse(asked));
					// The teacher moves the class on: the button sends this answer, not "Finish quiz".
					expect(await p.getByRole('button', { name: 'Finish quiz' }).count()).toBe(0);
					await p.getByRole('button', { name: 'Send answer' }).click();
					await p.getByText(/Answer sent/).waitFor();
				}
				await t.getByText('3 of 3 answered').waitFor();
				await t.getByRole('button', { name: 'Reveal' }).click();
				await t
					.getByRole('heading', {
						name: q === 1 ? 'Answers: 2 right of 3' : 'Answers: 3 right of 3'
					})
					.waitFor();
				await students[2]!.page.getByText(q === 1 ? 'Not this time.' : 'Right!').waitFor();
				await students[0]!.page.getByText('Right!').waitFor();
				if (q === 0) {
					expect(await axeViolations(t)).toEqual([]);
					expect(await axeViolations(students[0]!.page)).toEqual([]);
				}
				if (q < COUNT - 1) await t.getByRole('button', { name: 'Next question' }).click();
			}
			// The grid: Chloé has one wrong answer.
			const chloe = t.getByRole('row', { name: /Chloé/ });
			expect(await chloe.getByRole('cell', { name: /wrong/ }).count()).toBe(1);
			await t.getByRole('button', { name: 'End session' }).click();
			await students[1]!.page.getByText('The session has ended.', { exact: false }).waitFor();

			// A reload: the session is still listed, and its report reads hardest first.
			await t.reload();
			await t.getByRole('button', { name: 'All sessions' }).click();
			await t.getByRole('heading', { name: 'Sessions on this hub' }).waitFor();
			await t
				.getByRole('button', { name: /^Report/ })
				.first()
				.click();
			await t.getByRole('heading', { name: /^Report:/ }).waitFor();
			const first = t.locator('ol.items > li').first();
			expect(await first.textContent()).toContain('Right: 67%');
			expect(await t.locator('ol.items > li').count()).toBe(COUNT);
			expect(await axeViolations(t)).toEqual([]);
			const [download] = await Promise.all([
				t.waitForEvent('download'),
				t.getByRole('button', { name: 'Students CSV' }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/^live-\d{6}-\d{4}-\d\d-\d\d-students\.csv$/);

			for (const s of [teacher, ...students]) expect(s.errors).toEqual([]);
		} finally {
			for (const c of contexts.splice(0)) await c.close();
			await app.close();
		}
	}, 120_000);

	test('self-paced: live grid, hub killed and restarted, a student offline and back', async () => {
		const data = mkdtempSync(join(tmpdir(), 'studydeck-live-e2e-'));
		let child: ChildProcess | undefined;
		const startHub = (port: number) =>
			new Promise<{ child: ChildProcess; url: string }>((ok, fail) => {
				const c = spawn(
					process.execPath,
					[
						'--import',
						'tsx',
						'scripts/serve.ts',
						'--port',
						String(port),
						'--data',
						data,
						'--dir',
						'build'
					],
					{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
				);
				let out = '';
				const timer = setTimeout(
					() => (c.kill('SIGKILL'), fail(new Error(`no start:\n${out}`))),
					20_000
				);
				c.stdout!.on('data', (d: Buffer) => {
					out += d.toString();
					const m = /running at (http:\/\/\S+?)\/?\s/.exec(out);
					if (m) {
						clearTimeout(timer);
						ok({ child: c, url: m[1]!.replace('localhost', '127.0.0.1') });
					}
				});
				c.stderr!.on('data', (d: Buffer) => (out += d.toString()));
			});
		try {
			let hub = await startHub(0);
			child = hub.child;
			const url = hub.url;
			const port = Number(new URL(url).port);
			const teacher = await tracked();
			const t = teacher.page;
			const pin = await startSession(t, url, /Self-paced/);
			const names = ['Dev', 'Eli', 'Fay'];
			const students = await Promise.all(names.map(() => tracked()));
			for (const [i, s] of students.entries()) await joinByLink(s.page, url, pin, names[i]!);
			await t.getByRole('heading', { name: 'Joined: 3' }).waitFor();
			const session = await latestSession(url);
			const report0 = await getJson<ReportData>(`${url}/hub/api/sessions/${session.id}/report`);
			await t.getByRole('button', { name: 'Start', exact: true }).click();

			const answer = async (p: Page, q: number, keyboard = false) => {
				const asked = report0.questions[q]!.asked;
				await p.locator('#question-h').waitFor();
				if (keyboard && asked.type === 'mcq') {
					// Digits choose, Enter goes on (src/lib/ui/keys.ts), as in the quiz.
					await p.keyboard.press(String(asked.answer + 1));
					await p.keyboard.press('Enter');
					return;
				}
				await answerByClicks(p, asked, expectedResponse(asked));
				await p.getByRole('button', { name: q === COUNT - 1 ? 'Finish quiz' : 'Next' }).click();
			};
			// Everyone answers question 1; the grid shows three right answers.
			for (const s of students) await answer(s.page, 0, true);
			await t.getByRole('heading', { name: 'Answers: 3' }).waitFor();
			// Eli reloads: back in the session, on question 2 (answers are kept in the tab).
			await students[1]!.page.reload();
			await students[1]!.page.getByRole('heading', { name: 'Live session' }).waitFor();

			// The hub dies (kill -9) with the session running, and comes back on the same port.
			child.kill('SIGKILL');
			await new Promise((r) => child!.once('exit', r));
			// Dev answers question 2 while the hub is down; his page says it waits.
			await answer(students[0]!.page, 1);
			await students[0]!.page
				.getByText(/answers will be sent when the connection returns/)
				.waitFor();
			hub = await startHub(port);
			child = hub.child;

			// Fay's network is cut while she answers questions 2 and 3, then restored.
			const fay = students[2]!;
			await fay.context.setOffline(true);
			await answer(fay.page, 1);
			await answer(fay.page, 2);
			await fay.page.getByText(/answers will be sent when the connection returns/).waitFor();
			await fay.context.setOffline(false);

			await answer(students[0]!.page, 2);
			for (const q of [1, 2]) await answer(students[1]!.page, q, true);
			for (const s of students)
				await s.page.getByText('All answers sent.', { exact: false }).waitFor();
			await t.getByRole('heading', { name: `Answers: ${3 * COUNT}` }).waitFor({ timeout: 20_000 });

			// The report has every answer once, all right.
			const report = await waitFor('all answers in the report', async () => {
				const r = await getJson<ReportData>(`${url}/hub/api/sessions/${session.id}/report`);
				return r.answers.length === 3 * COUNT ? r : undefined;
			});
			expect(report.answers.every((a) => a.correct)).toBe(true);
			expect(new Set(report.answers.map((a) => `${a.student}/${a.questionId}`)).size).toBe(
				3 * COUNT
			);
			for (const s of students)
				await s.page.getByText(`Points: ${COUNT} of ${COUNT}`, { exact: false }).waitFor();

			// Errors while the hub was down are the browser's own connection failures only. The
			// service worker registers once the page is idle after its content, which can fall
			// in the outage: Chromium then logs that it could not fetch the worker's script (the
			// app catches the failure, and the next load registers again).
			const outage =
				/WebSocket|ERR_|Failed to load resource|error occurred when fetching the script/;
			for (const s of [teacher, ...students])
				expect(s.errors.filter((e) => !outage.test(e))).toEqual([]);
		} finally {
			for (const c of contexts.splice(0)) await c.close();
			child?.kill('SIGKILL');
			rmSync(data, { recursive: true, force: true });
		}
	}, 150_000);

	test('a saved session’s report takes hand-in files from students with no network', async () => {
		const app: AppWithHub = await startAppWithHub({ dir: resolve(ROOT, 'build') });
		const url = app.url.replace(/\/$/, '');
		try {
			const teacher = await tracked();
			const t = teacher.page;
			await startSession(t, url, /Self-paced/);
			// The live screen gives the same quiz as a short class quiz code.
			const offline = t.locator('#offline-code strong');
			const code = (await offline.textContent())!;
			expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			await t.getByRole('button', { name: 'Start' }).click();
			await t.getByRole('button', { name: 'End session' }).click();
			await t.getByRole('button', { name: 'See the report' }).click();
			await t.getByRole('heading', { name: /^Report:/ }).waitFor();
			await expect(t.locator('#report-count').innerText()).resolves.toMatch(/· 0 students ·/);

			// A student with no network does the quiz by the code and downloads the result.
			const set = assembleSet(
				readFileSync(resolve(ROOT, `questions/${SET_ID}/set.json`), 'utf8'),
				readFileSync(resolve(ROOT, `questions/${SET_ID}/source.txt`), 'utf8')
			);
			const short = decodeTypedCode(code);
			if (!set.ok || !short.ok || short.kind !== 'short') throw new Error('setup');
			const quiz = classQuizFor(
				{
					setId: SET_ID,
					setVersion: set.value.version,
					seed: short.value.seed,
					shufflePerStudent: short.value.shufflePerStudent,
					options: { count: short.value.count, mode: short.value.mode }
				},
				set.value,
				'Gia'
			);
			// The hub asked the same questions.
			const session = await latestSession(url);
			const report = await getJson<ReportData>(`${url}/hub/api/sessions/${session.id}/report`);
			expect(quiz.items.map((it) => it.questionId)).toEqual(
				report.questions.map((q) => q.questionId)
			);
			const student = await tracked();
			const p = student.page;
			await p.goto(`${url}/class/`);
			await p.getByRole('button', { name: /Join a class quiz/ }).click();
			await p.getByRole('textbox', { name: 'Class quiz code' }).fill(code.toLowerCase());
			await p.getByRole('button', { name: 'Join' }).click();
			await p.getByRole('textbox', { name: 'Your name or student ID' }).fill('Gia');
			await p.getByRole('button', { name: 'Start quiz' }).click();
			for (const [i, it] of quiz.items.entries()) {
				await p.getByText(`Question ${i + 1} of ${COUNT}`).waitFor();
				await answerByClicks(
					p,
					it.asked,
					i === 0 ? wrongResponse(it.asked) : expectedResponse(it.asked)
				);
				await p.getByRole('button', { name: i === COUNT - 1 ? 'Finish quiz' : 'Next' }).click();
			}
			const [download] = await Promise.all([
				p.waitForEvent('download'),
				p.getByRole('button', { name: 'Download result file' }).click()
			]);
			const path = (await download.path())!;

			// The teacher adds it to the saved report: counted once, in the CSV, after a reload.
			const input = t.locator('input[type=file]');
			await input.setInputFiles({
				name: download.suggestedFilename(),
				mimeType: 'application/json',
				buffer: readFileSync(path)
			});
			await t.locator('#handins-status li.counted').waitFor();
			await expect(t.locator('#report-count').innerText()).resolves.toMatch(
				/· 1 student \(1 from hand-in files\) ·/
			);
			const firstWrong = t.locator('ol.items > li').first();
			await expect(firstWrong.textContent()).resolves.toContain('Right: 0%');
			await input.setInputFiles({
				name: download.suggestedFilename(),
				mimeType: 'application/json',
				buffer: readFileSync(path)
			});
			await t.getByText('not added: already in this report', { exact: false }).waitFor();
			await input.setInputFiles({
				name: 'notes.json',
				mimeType: 'application/json',
				buffer: Buffer.from('{"hello": 1}')
			});
			await t.getByText(/notes\.json.*not a Studydeck hand-in file/).waitFor();
			expect(await axeViolations(t)).toEqual([]);

			// Kept: after a reload the saved session's report still has the file.
			await t.reload();
			await t.getByRole('button', { name: 'All sessions' }).click();
			await t.getByRole('heading', { name: 'Sessions on this hub' }).waitFor();
			await t
				.getByRole('button', { name: /^Report/ })
				.first()
				.click();
			await t.locator('#report-count').waitFor();
			await expect(t.locator('#report-count').innerText()).resolves.toMatch(/1 from hand-in files/);
			const [csv] = await Promise.all([
				t.waitForEvent('download'),
				t.getByRole('button', { name: 'Students CSV' }).click()
			]);
			const lines = readFileSync((await csv.path())!, 'utf8')
				.trim()
				.split('\r\n');
			expect(lines).toHaveLength(2);
			// Question 1 was answered wrong (under full marks), the other two right.
			const row = lines[1]!.split(',');
			expect(row.slice(0, 1).concat(row.slice(2, 3), row.slice(4))).toEqual([
				'Gia',
				'3',
				'3',
				'hand-in file',
				row[6],
				'1',
				'1'
			]);
			expect(Number(row[6])).toBeLessThan(1);

			// Deleting the saved session: asked first, then gone from the list.
			await t.getByRole('button', { name: 'All sessions' }).click();
			await t.getByRole('button', { name: /^Delete\b(?! session)/ }).click();
			await t.getByText('Delete this session from the list?', { exact: false }).waitFor();
			await t.getByRole('button', { name: 'Keep it' }).click();
			expect(await t.getByRole('button', { name: /^Report/ }).count()).toBe(1);
			await t.getByRole('button', { name: /^Delete\b(?! session)/ }).click();
			await t.getByRole('button', { name: 'Delete session' }).click();
			await t.getByText('None yet.').waitFor();
			expect(await latestSession(url)).toBeUndefined();
			for (const s of [teacher, student]) expect(s.errors).toEqual([]);
		} finally {
			for (const c of contexts.splice(0)) await c.close();
			await app.close();
		}
	}, 120_000);
});
