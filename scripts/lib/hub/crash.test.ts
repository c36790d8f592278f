// kill -9 in the middle of a class: every answer the hub acknowledged is on disk, and
// the answers in flight are delivered by the students' clients when the hub is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import type { StudentSession } from '../../../src/lib/platform/live/client.ts';
import { spawnHub, type HubProcess } from './spawn.ts';
import { classroomSet, nodeClient, poll, rightAnswer, waitFor } from './test-kit.ts';

// Real sockets and processes on a shared machine: generous limits, never a timing assertion.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let dir: string;
let hub: HubProcess | undefined;
const sessions: StudentSession[] = [];

afterEach(async () => {
	for (const s of sessions.splice(0)) s.destroy();
	await hub?.stop();
	rmSync(dir, { recursive: true, force: true });
});

it('loses no answer when the hub is killed with SIGKILL and started again', async () => {
	dir = mkdtempSync(join(tmpdir(), 'hub-crash-'));
	hub = await spawnHub({ data: dir });
	const port = hub.port;
	const tc = nodeClient(hub.url);
	const created = await tc.createSession({ set: classroomSet(), mode: 'self', count: 10 });
	const { questions } = await tc.report(created.sessionId);
	const teacher = tc.teacher(created.sessionId);
	await waitFor(teacher, (s) => s.synced, 15_000, 'teacher synced');
	await teacher.start();
	teacher.destroy();
	for (let i = 0; i < 6; i++) sessions.push(await nodeClient(hub.url).join(created.pin, `S${i}`));
	await Promise.all(
		sessions.map((s) => waitFor(s, (x) => x.state?.phase === 'running', 15_000, 'running'))
	);

	// Half the answers, acknowledged; then more answers racing the kill.
	for (const s of sessions)
		for (const q of questions.slice(0, 5)) s.submitAnswer(q.questionId, rightAnswer(q.asked));
	await Promise.all(sessions.map((s) => waitFor(s, (x) => x.pending === 0, 10_000, 'acks')));
	for (const s of sessions)
		for (const q of questions.slice(5)) s.submitAnswer(q.questionId, rightAnswer(q.asked));
	await hub.stop('SIGKILL');

	// What the disk alone holds: every acknowledged answer.
	hub = await spawnHub({ data: dir, port });
	expect((await nodeClient(hub.url).listSessions()).map((x) => x.id)).toEqual([created.sessionId]);
	const afterCrash = await nodeClient(hub.url).report(created.sessionId);
	expect(afterCrash.answers.length).toBeGreaterThanOrEqual(6 * 5);

	// The clients reconnect and deliver the rest.
	await Promise.all(sessions.map((s) => waitFor(s, (x) => x.pending === 0, 15_000, 'redelivery')));
	const t2 = nodeClient(hub.url);
	const final = (
		await poll(
			() => t2.report(created.sessionId),
			(r) => r.answers.length === 60,
			15_000,
			'all 60 answers in the report'
		)
	).answers.length;
	expect(final).toBe(60);
	const report = await t2.report(created.sessionId);
	expect(report.answers.every((a) => a.correct)).toBe(true);
	expect(new Set(report.answers.map((a) => `${a.student}/${a.questionId}`)).size).toBe(60);
}, 60_000);
