// The hub over real loopback sockets with the real browser client (provider + ws):
// joining by PIN, trust rules, both modes, grading by the app's grader, reports, and
// answers given offline arriving when the connection returns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubError } from '../../../src/lib/platform/live/client.ts';
import { startHubServer, type RunningHub } from './main.ts';
import { classroomSet, nodeClient, rightAnswer, waitFor } from './test-kit.ts';

// Real sockets and processes on a shared machine: generous limits, never a timing assertion.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let dir: string;
let running: RunningHub;
const logs: string[] = [];

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
	logs.length = 0;
	running = await startHubServer({ dataDir: dir, log: (l) => logs.push(l) });
});
afterEach(async () => {
	await running.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('classroom hub', () => {
	it('runs a self-paced session: join by PIN, answers graded by the hub, live on the teacher', async () => {
		const teacherClient = nodeClient(running.url);
		const created = await teacherClient.createSession({
			set: classroomSet(),
			mode: 'self',
			count: 5
		});
		expect(created.pin).toMatch(/^\d{6}$/);
		const teacher = teacherClient.teacher(created.sessionId);
		await waitFor(teacher, (s) => s.synced && s.state?.phase === 'lobby', 5000, 'teacher synced');

		const amina = await nodeClient(running.url).join(created.pin, 'Amina');
		await waitFor(teacher, (s) => s.lobby.includes('Amina'), 5000, 'Amina in the lobby');
		await teacher.start();
		const s = await waitFor(
			amina,
			(x) => x.state?.phase === 'running' && !!x.info,
			5000,
			'running'
		);
		// Students get the questions without the answers.
		const report0 = await teacherClient.report(created.sessionId);
		const first = report0.questions[0]!;
		expect(s.info!.questions[0]!.asked).not.toEqual(first.asked);
		expect(s.info!.questions[0]!.asked.explanation).toBeUndefined();

		expect(amina.submitAnswer(first.questionId, rightAnswer(first.asked))).toBe(true);
		expect(amina.submitAnswer(first.questionId, null)).toBe(false);
		const second = report0.questions[1]!;
		amina.submitAnswer(second.questionId, null);

		const t = await waitFor(
			teacher,
			(x) => x.answerCount === 2,
			5000,
			'two answers at the teacher'
		);
		const row = t.grid.get(amina.studentId)!;
		expect(row.get(first.questionId)).toMatchObject({ correct: true, score: 1, points: 1 });
		expect(row.get(second.questionId)).toMatchObject({ correct: false, score: 0 });
		const a = await waitFor(amina, (x) => x.results.size === 2 && x.pending === 0, 5000, 'results');
		expect(a.results.get(first.questionId)).toMatchObject({ correct: true });

		const report = await teacherClient.report(created.sessionId);
		expect(report.answers).toHaveLength(2);
		expect(report.students.map((x) => x.name)).toEqual(['Amina']);
		const list = await teacherClient.listSessions();
		expect(list.map((x) => x.id)).toEqual([created.sessionId]);
		expect(list[0]).toMatchObject({ students: 1, questions: 5 });
		amina.destroy();
		teacher.destroy();
	});

	it('runs a teacher-paced session: one question at a time, results on reveal, late answers flagged', async () => {
		const tc = nodeClient(running.url);
		const created = await tc.createSession({
			set: classroomSet(),
			mode: 'teacher',
			count: 3,
			speedBonus: true,
			leaderboard: true
		});
		const { questions } = await tc.report(created.sessionId);
		const teacher = tc.teacher(created.sessionId);
		const ben = await nodeClient(running.url).join(created.pin, 'Ben');
		const cy = await nodeClient(running.url).join(created.pin, 'Cy');
		await waitFor(teacher, (s) => s.synced && s.lobby.length === 2);
		await expect(teacher.next()).rejects.toThrow(HubError);
		await teacher.start();
		await waitFor(ben, (s) => s.state?.phase === 'running');
		ben.submitAnswer(questions[0]!.questionId, rightAnswer(questions[0]!.asked));
		// Cy answers question 2 while question 1 is open: recorded, not counted.
		cy.submitAnswer(questions[1]!.questionId, rightAnswer(questions[1]!.asked));
		await waitFor(teacher, (s) => s.answerCount === 2);
		const b0 = await waitFor(ben, (s) => s.pending === 0);
		expect(b0.results.size).toBe(0); // nothing before the reveal
		const c0 = await waitFor(cy, (s) => s.results.size === 1);
		expect(c0.results.get(questions[1]!.questionId)).toMatchObject({ late: true, points: 0 });

		await teacher.reveal();
		const t = await waitFor(teacher, (s) => s.reveal.has(0) && s.leaderboard.length > 0);
		expect(t.reveal.get(0)).toMatchObject({ answered: 1, correct: 1 });
		expect(t.leaderboard[0]!.name).toBe('Ben');
		expect(t.leaderboard[0]!.points).toBeGreaterThan(1); // speed bonus
		const b1 = await waitFor(ben, (s) => s.results.size === 1);
		expect(b1.results.get(questions[0]!.questionId)).toMatchObject({ correct: true });
		await teacher.next();
		await waitFor(ben, (s) => s.state?.current === 1 && !s.state.revealed);
		await teacher.end();
		const ended = await waitFor(cy, (s) => s.state?.phase === 'ended');
		expect(ended.reveal.has(1)).toBe(true);
		// The PIN is freed when the session ends.
		await expect(nodeClient(running.url).join(created.pin, 'Dee')).rejects.toThrow(
			/No class session/
		);
		for (const x of [teacher, ben, cy]) x.destroy();
	});

	it('moves between questions, and keeps answers that arrive after the end as late', async () => {
		const tc = nodeClient(running.url);
		const created = await tc.createSession({ set: classroomSet(), mode: 'teacher', count: 3 });
		const { questions } = await tc.report(created.sessionId);
		const teacher = tc.teacher(created.sessionId);
		const eli = await nodeClient(running.url).join(created.pin, 'Eli');
		await waitFor(teacher, (s) => s.synced && s.lobby.length === 1);
		await teacher.start();
		await teacher.goTo(2);
		await waitFor(eli, (s) => s.state?.current === 2 && !s.state.revealed);
		// Leaving a question reveals it: question 1 was revealed on the way.
		expect(teacher.current.reveal.has(0)).toBe(true);
		await teacher.previous();
		const back = await waitFor(eli, (s) => s.state?.current === 1);
		expect(back.state!.revealed).toBe(false);
		await expect(teacher.goTo(7)).rejects.toThrow(/no question 8/);
		await teacher.end();
		await expect(teacher.start()).rejects.toThrow(/ended/);
		// Offline until after the end: the answer is kept and shown as late, never counted.
		await waitFor(eli, (s) => s.state?.phase === 'ended');
		eli.submitAnswer(questions[0]!.questionId, rightAnswer(questions[0]!.asked));
		const r = await waitFor(eli, (s) => s.pending === 0 && s.results.size === 1);
		expect(r.results.get(questions[0]!.questionId)).toMatchObject({ late: true, points: 0 });
		const t = await waitFor(teacher, (s) => s.answerCount === 1);
		expect(t.grid.get(eli.studentId)!.get(questions[0]!.questionId)).toMatchObject({
			late: true,
			correct: true,
			points: 0
		});
		const list = await tc.listSessions();
		expect(list.find((x) => x.id === created.sessionId)!.endedAt).toBeGreaterThan(0);
		eli.destroy();
		teacher.destroy();
	});

	it('keeps trust: tokens, roles and names', async () => {
		const tc = nodeClient(running.url);
		const created = await tc.createSession({ set: classroomSet(), mode: 'self', count: 2 });
		// No secret on this device → cannot run the session.
		expect(() => nodeClient(running.url).teacher(created.sessionId)).toThrow(HubError);
		const a = await nodeClient(running.url).join(created.pin, 'Ann');
		await expect(nodeClient(running.url).join(created.pin, 'ann')).rejects.toThrow(
			/already joined/
		);
		await expect(nodeClient(running.url).join(created.pin, '   ')).rejects.toThrow(/name/);
		await expect(nodeClient(running.url).join('12345', 'Zed')).rejects.toThrow(/6 digits/);
		a.destroy();
	});

	it('rate-limits PIN guessing per address', async () => {
		const c = nodeClient(running.url);
		const errors: number[] = [];
		for (let i = 0; i < 12; i++)
			await c.join('000000', `G${i}`).catch((e: HubError) => errors.push(e.status));
		expect(errors.slice(0, 10).every((s) => s === 404)).toBe(true);
		expect(errors.slice(10)).toEqual([429, 429]);
	});

	it('needs the laptop or the passphrase to create sessions', async () => {
		const remote = await startHubServer({
			dataDir: join(dir, 'remote'),
			trustLoopback: false,
			passphrase: 'abcd-efgh-jkmn-pqrs',
			log: () => {}
		});
		try {
			const body = { set: classroomSet(), mode: 'self' as const, count: 2 };
			await expect(nodeClient(remote.url).createSession(body)).rejects.toMatchObject({
				status: 403
			});
			await expect(
				nodeClient(remote.url, { passphrase: 'wrong' }).listSessions()
			).rejects.toMatchObject({ status: 403 });
			const ok = await nodeClient(remote.url, { passphrase: 'ABCD-EFGH-JKMN-PQRS' }).createSession(
				body
			);
			expect(ok.pin).toMatch(/^\d{6}$/);
		} finally {
			await remote.close();
		}
	});

	it('deletes an ended session for its teacher only, and keeps its data on disk', async () => {
		const remote = await startHubServer({
			dataDir: join(dir, 'remote'),
			trustLoopback: false,
			passphrase: 'abcd-efgh-jkmn-pqrs',
			log: (l) => logs.push(l)
		});
		try {
			const admin = { passphrase: 'ABCD-EFGH-JKMN-PQRS' };
			const tc = nodeClient(remote.url, admin);
			const created = await tc.createSession({ set: classroomSet(), mode: 'self', count: 2 });
			// Running: students may be in it.
			await expect(tc.deleteSession(created.sessionId)).rejects.toMatchObject({ status: 409 });
			const teacher = tc.teacher(created.sessionId);
			await teacher.start();
			await teacher.end();
			// Another device without the secret or the passphrase may not.
			await expect(nodeClient(remote.url).deleteSession(created.sessionId)).rejects.toMatchObject({
				status: 403
			});
			// The teacher's own device, by its secret alone (no passphrase).
			const secretOnly = nodeClient(remote.url, {
				teacherStorage: {
					getItem: () => JSON.stringify({ [created.sessionId]: created.teacherSecret }),
					setItem: () => {},
					removeItem: () => {}
				}
			});
			await secretOnly.deleteSession(created.sessionId);
			expect(await tc.listSessions()).toEqual([]);
			await expect(tc.report(created.sessionId)).rejects.toMatchObject({ status: 404 });
			await expect(tc.deleteSession(created.sessionId)).rejects.toMatchObject({ status: 404 });
			expect(
				logs.some((l) => l.includes(`session ${created.sessionId}`) && /data stays/.test(l))
			).toBe(true);
			teacher.destroy();
		} finally {
			await remote.close();
		}
		// Nothing was erased: the session's documents are still on disk.
		const { readdirSync } = await import('node:fs');
		expect(readdirSync(join(dir, 'remote', 'docs')).length).toBeGreaterThan(1);
	});

	it('delivers answers given offline when the connection returns, and after a reload', async () => {
		const tc = nodeClient(running.url);
		const created = await tc.createSession({ set: classroomSet(), mode: 'self', count: 4 });
		const { questions } = await tc.report(created.sessionId);
		const teacher = tc.teacher(created.sessionId);
		await teacher.start();
		const storage = new Map<string, string>();
		const tab = {
			getItem: (k: string) => storage.get(k) ?? null,
			setItem: (k: string, v: string) => void storage.set(k, v),
			removeItem: (k: string) => void storage.delete(k)
		};
		const client = nodeClient(running.url, { studentStorage: tab });
		const dan = await client.join(created.pin, 'Dan');
		await waitFor(dan, (s) => s.connection === 'online' && s.state?.phase === 'running');
		// The hub goes away (the Wi-Fi drops): answers wait in the tab.
		const port = running.port;
		await running.close();
		await waitFor(dan, (s) => s.connection !== 'online');
		dan.submitAnswer(questions[0]!.questionId, rightAnswer(questions[0]!.asked));
		dan.submitAnswer(questions[1]!.questionId, rightAnswer(questions[1]!.asked));
		expect(dan.current.pending).toBe(2);
		// The tab reloads while offline: the new page resumes from storage.
		dan.destroy();
		teacher.destroy();
		running = await startHubServer({ dataDir: dir, port, log: (l) => logs.push(l) });
		const again = client.resumeStudent()!;
		expect(again.studentId).toBe(dan.studentId);
		const back = await waitFor(
			again,
			(s) => s.pending === 0 && s.results.size === 2,
			8000,
			'delivery'
		);
		expect([...back.results.values()].every((r) => r.correct)).toBe(true);
		const report = await tc.report(created.sessionId);
		expect(report.answers.map((x) => x.questionId).sort()).toEqual(
			[questions[0]!.questionId, questions[1]!.questionId].sort()
		);
		again.destroy();
	});
});
