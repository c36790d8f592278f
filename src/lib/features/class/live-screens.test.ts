// The live classroom's screen state over a real hub on loopback (the browser client with
// `ws`): LiveTeacher creates a session from the catalog and follows it; LiveStudent joins
// by PIN and answers on the QuizRunner; an answer is sent when the student moves on and
// cannot change after; results and points are the hub's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHubServer, type RunningHub } from '../../../../scripts/lib/hub/main';
import { expectedResponse } from '$lib/core/quiz/grade';
import type { QuizResponse } from '$lib/core/quiz/types';
import { fixtureSet } from '$lib/core/quiz/fixtures';
import { memoryCatalog, testDeps } from '$lib/platform/test-deps';
import { LiveStudent, pinProblem } from './live-student.svelte';
import { LiveTeacher } from './live-teacher.svelte';
import { findClassQuiz } from './class-quiz.svelte';
import type { ReportFile } from './class-report.svelte';
import { classQuizFor } from '$lib/core/classroom/code';
import { createHandIn, handInText } from '$lib/core/classroom/handin';
import { encodeShortCode } from '$lib/core/classroom/short-code';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

function memory() {
	const m = new Map<string, string>();
	return {
		getItem: (k: string) => m.get(k) ?? null,
		setItem: (k: string, v: string) => void m.set(k, v),
		removeItem: (k: string) => void m.delete(k)
	};
}

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

let dir: string;
let running: RunningHub;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'live-screens-'));
	running = await startHubServer({ dataDir: dir, log: () => {} });
});
afterEach(async () => {
	await running.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('pinProblem', () => {
	it('accepts six digits with spaces or dashes, and says what is wrong otherwise', () => {
		expect(pinProblem('482 913')).toBeUndefined();
		expect(pinProblem('482-913')).toBeUndefined();
		expect(pinProblem('')).toBe('Type the 6-digit PIN your teacher shows.');
		expect(pinProblem('48291')).toBe('The PIN is 6 digits, like 482 913.');
		expect(pinProblem('48291a')).toBe('The PIN is 6 digits, like 482 913.');
	});
});

describe('a live self-paced session', () => {
	it('teacher creates from the catalog; a student answers on the runner; the hub grades', async () => {
		const set = fixtureSet(12, 'live', 'live-set');
		const deps = { ...testDeps(), catalog: memoryCatalog([set]) };
		const hub = (storage = memory()) => ({
			baseUrl: running.url,
			WebSocket,
			teacherStorage: storage,
			studentStorage: storage
		});
		const teacher = new LiveTeacher({ ...deps, hub: hub(), baseUrl: 'http://192.168.1.20:4173' });
		await teacher.load();
		expect(teacher.view).toBe('setup');
		expect(teacher.local).toBe(true);
		teacher.count = 3;
		expect(await teacher.create()).toBe(true);
		expect(teacher.pin).toMatch(/^\d{6}$/);
		expect(teacher.joinUrl).toBe(`http://192.168.1.20:4173/class/?pin=${teacher.pin}`);
		expect(teacher.qr).toMatch(/^data:image\/svg\+xml/);

		const student = new LiveStudent({ ...deps, hub: hub() });
		await student.start();
		expect(student.phase).toBe('join');
		expect(await student.join('000000', 'Ana')).toBe(false);
		expect(student.error).toBeTruthy();
		expect(await student.join(teacher.pinShown, ' Ana ')).toBe(true);
		await until('the lobby', () => student.phase === 'lobby');
		await until('Ana in the teacher lobby', () => teacher.snap?.lobby.includes('Ana') === true);

		await teacher.command('start');
		await until('the questions', () => student.phase === 'question');
		const runner = student.runner!;
		expect(runner.total).toBe(3);
		// The student never receives the answers: the report has them.
		const report = await (
			await fetch(`${running.url}/hub/api/sessions/${teacher.sessionId}/report`)
		).json();
		const right = (i: number) => expectedResponse(report.questions[i].asked) as QuizResponse;

		await runner.setResponse(right(0));
		expect(student.sent(runner.items[0]!.questionId)).toBe(false);
		await runner.next();
		expect(student.sent(runner.items[0]!.questionId)).toBe(true);
		// Back on a sent question, a change does not stick.
		await runner.back();
		const wrong = typeof right(0) === 'number' ? ((right(0) as number) + 1) % 2 : !right(0);
		await runner.setResponse(wrong as QuizResponse);
		expect(runner.answer!.response).toEqual(right(0));
		await runner.next();
		await runner.setResponse(right(1));
		await runner.next();
		// The third is left unanswered: Finish sends what was answered.
		await runner.finish();
		expect(student.phase).toBe('done');
		// At least the two answered; the hub may also record the unanswered one. A loaded CI
		// machine grades and syncs slower, so the wait is generous (never a timing assertion).
		await until('two results', () => student.snap!.results.size >= 2, 45_000);
		expect(student.points).toBe(2);
		expect(student.results.map((r) => r.sent)).toEqual([true, true, false]);

		await until('the grid', () => teacher.snap?.answerCount === 2);
		expect(teacher.grid).toEqual([
			{ id: expect.any(String), name: 'Ana', cells: ['right', 'right', 'none'], points: 2 }
		]);
		await teacher.command('end');
		await teacher.openReport(teacher.sessionId);
		expect(teacher.view).toBe('report');
		expect(teacher.report!.analysis.items.map((i) => i.facility)).toEqual([0, 1, 1]);
		const csv = await teacher.csv('students');
		expect(csv!.name).toMatch(/^live-\d{6}-\d{4}-\d\d-\d\d-students\.csv$/);
		expect(csv!.text).toContain('Ana');
		await teacher.backToList();
		expect(teacher.sessions.map((s) => s.id)).toEqual([teacher.sessionId]);
		student.destroy();
		teacher.destroy();
	});
});

function asFile(name: string, text: string): ReportFile {
	const bytes = new TextEncoder().encode(text);
	return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

describe('a saved session’s report with hand-in files', () => {
	it('the offline code is the session’s quiz; its hand-ins merge, persist and reach the CSV', async () => {
		const set = fixtureSet(12, 'live', 'live-set');
		const deps = { ...testDeps(), catalog: memoryCatalog([set]) };
		const reportStorage = memory();
		const teacherStorage = memory();
		const make = () =>
			new LiveTeacher({
				...deps,
				reportStorage,
				hub: { baseUrl: running.url, WebSocket, teacherStorage }
			});
		const teacher = make();
		await teacher.load();
		teacher.count = 4;
		expect(await teacher.create()).toBe(true);
		expect(teacher.offlineCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

		// A student with no network does the same quiz by the code and hands in a file.
		const found = await findClassQuiz(teacher.offlineCode!, deps.catalog);
		if (!found.ok) throw new Error(found.message);
		const handIn = async (student: string, code = found.decoded) => {
			const quiz = classQuizFor(code, set, student);
			const h = await createHandIn({
				code,
				quiz,
				responses: quiz.items.map((it) => expectedResponse(it.asked)),
				student,
				startedAt: 0,
				finishedAt: 1
			});
			return asFile(`${student}.json`, handInText(h));
		};
		const zoe = await handIn('Zoe');
		const otherSpec = { ...found.decoded, seed: 'ZZZZ' };
		const other = await handIn('Omar', {
			...otherSpec,
			code: encodeShortCode(otherSpec, set)
		});

		await teacher.command('end');
		await teacher.openReport(teacher.sessionId);
		const r0 = teacher.report!;
		// Same questions as the hub's.
		expect(
			classQuizFor(found.decoded, set)
				.items.map((it) => it.questionId)
				.sort()
		).toEqual(r0.data.questions.map((q) => q.questionId).sort());
		expect(r0.students).toEqual([]);

		await teacher.addHandIns([zoe, other, asFile('big.json', 'x'.repeat(2 * 1024 * 1024))]);
		const r1 = teacher.report!;
		expect(r1.analysis.students).toMatchObject([{ name: 'Zoe', percent: 100, source: 'file' }]);
		expect(r1.files.map((f) => [f.name, f.status])).toEqual([
			['Zoe.json', 'counted'],
			['Omar.json', 'refused'],
			['big.json', 'refused']
		]);
		expect(r1.files[1]!.reason).toMatch(/another quiz/);
		// The same file again is not counted twice.
		await teacher.addHandIns([zoe]);
		expect(teacher.report!.files).toMatchObject([
			{ name: 'Zoe.json', status: 'refused', reason: expect.stringMatching(/already/) }
		]);
		expect(teacher.report!.analysis.students).toHaveLength(1);
		const csv = await teacher.csv('students');
		expect(csv!.text).toMatch(/\r\nZoe,4,4,100,4,hand-in file,1,1,1,1\r\n$/);

		// Kept on this device: a fresh page finds the merged report again.
		teacher.destroy();
		const again = make();
		await again.load();
		await again.openReport(teacher.sessionId);
		expect(again.report!.analysis.students.map((s) => s.name)).toEqual(['Zoe']);
		again.destroy();
	});
});

describe('deleting a saved session', () => {
	it('asks first; only an ended session goes; the list is refreshed', async () => {
		const set = fixtureSet(6, 'live', 'live-set');
		const teacher = new LiveTeacher({
			...testDeps(),
			catalog: memoryCatalog([set]),
			reportStorage: memory(),
			hub: { baseUrl: running.url, WebSocket, teacherStorage: memory() }
		});
		await teacher.load();
		teacher.count = 2;
		expect(await teacher.create()).toBe(true);
		const id = teacher.sessionId;
		await until('the live view', () => teacher.snap?.state?.phase === 'lobby');
		// Not confirmed: nothing happens.
		expect(await teacher.deleteSession(id)).toBe(false);
		// Still running: the hub says to end it first.
		teacher.askDelete(id);
		expect(await teacher.deleteSession(id)).toBe(false);
		expect(teacher.problem).toMatch(/End the session before deleting it/);
		await teacher.command('start');
		await teacher.command('end');
		await teacher.backToList();
		expect(teacher.sessions.map((s) => s.id)).toEqual([id]);
		teacher.askDelete(id);
		expect(teacher.confirmingDelete).toBe(id);
		expect(await teacher.deleteSession(id)).toBe(true);
		expect(teacher.confirmingDelete).toBeNull();
		expect(teacher.sessions).toEqual([]);
		teacher.destroy();
	});
});

describe('a teacher on a device other than the laptop', () => {
	it('is told to type the passphrase, and can start a session with it', async () => {
		const remote = await startHubServer({
			dataDir: join(dir, 'remote'),
			trustLoopback: false,
			passphrase: 'abcd-efgh-jkmn-pqrs',
			log: () => {}
		});
		try {
			const set = fixtureSet(6, 'live', 'live-set');
			const teacher = new LiveTeacher({
				...testDeps(),
				catalog: memoryCatalog([set]),
				hub: { baseUrl: remote.url, WebSocket, teacherStorage: memory() }
			});
			await teacher.load();
			expect(teacher.local).toBe(false);
			expect(teacher.problem).toBeTruthy();
			expect(await teacher.create()).toBe(false);
			teacher.passphrase = 'ABCD-EFGH-JKMN-PQRS';
			await teacher.usePassphrase();
			expect(teacher.problem).toBeNull();
			expect(await teacher.create()).toBe(true);
			expect(teacher.pin).toMatch(/^\d{6}$/);
			await until('the live view', () => teacher.snap?.state?.phase === 'lobby');
			teacher.destroy();
		} finally {
			await remote.close();
		}
	});
});
