// Scale-out for real: a redis-server started here (random port, temp dir), two hub
// processes sharing it, a teacher on hub A and students on both hubs. Needs Debian's
// redis-server (.ci/run installs it).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { StudentSession } from '../../../src/lib/platform/live/client.ts';
import { spawnHub, type HubProcess } from './spawn.ts';
import { classroomSet, nodeClient, poll, rightAnswer, waitFor } from './test-kit.ts';

// Real sockets and processes on a shared machine: generous limits, never a timing assertion.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const REDIS = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
let dir: string;
let redis: ChildProcess;
let redisPort = 0;
const hubs: HubProcess[] = [];

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'hub-redis-'));
	redisPort = await freePort();
	redis = spawn(
		REDIS,
		[
			'--port',
			String(redisPort),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('redis-server did not start in 10 s')), 10_000);
		redis.once(
			'error',
			(e) => (clearTimeout(timer), reject(new Error(`cannot run ${REDIS}: ${e.message}`)))
		);
		redis.stdout!.on('data', (d: Buffer) => {
			if (/Ready to accept connections/i.test(d.toString())) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
	const url = `127.0.0.1:${redisPort}`;
	hubs.push(await spawnHub({ data: join(dir, 'a'), redis: url }));
	hubs.push(await spawnHub({ data: join(dir, 'b'), redis: url }));
}, 60_000);

afterAll(async () => {
	for (const h of hubs) await h.stop('SIGTERM');
	redis?.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

it('shares a session between two hubs: the teacher on A sees every answer given on B', async () => {
	const [a, b] = hubs as [HubProcess, HubProcess];
	const tc = nodeClient(a.url);
	const created = await tc.createSession({ set: classroomSet(), mode: 'self', count: 5 });
	const { questions } = await tc.report(created.sessionId);
	const teacher = tc.teacher(created.sessionId);
	await waitFor(teacher, (s) => s.synced);

	// The PIN works on hub B: the registry reached it through Redis.
	const students: StudentSession[] = [];
	for (let i = 0; i < 6; i++) {
		const hub = i % 2 ? b : a;
		students.push(await nodeClient(hub.url).join(created.pin, `Student ${i}`));
	}
	await waitFor(teacher, (s) => s.lobby.length === 6, 10_000, 'six names in the lobby');
	await teacher.start();
	await Promise.all(
		students.map((s) =>
			waitFor(s, (x) => x.state?.phase === 'running', 10_000, 'start on both hubs')
		)
	);
	students.forEach((s, i) =>
		questions.forEach((q, j) =>
			s.submitAnswer(q.questionId, (i + j) % 3 ? rightAnswer(q.asked) : null)
		)
	);
	const seen = await waitFor(
		teacher,
		(s) => s.answerCount === 30,
		15_000,
		'all 30 answers on hub A'
	);
	for (const [i, s] of students.entries()) {
		const row = seen.grid.get(s.studentId)!;
		expect(row.size).toBe(5);
		questions.forEach((q, j) => expect(row.get(q.questionId)!.correct).toBe((i + j) % 3 !== 0));
	}
	// Students on B get their own results, graded once.
	const onB = await waitFor(students[1]!, (x) => x.results.size === 5, 10_000, 'results on hub B');
	expect([...onB.results.values()].filter((r) => r.correct)).toHaveLength(
		questions.filter((_, j) => (1 + j) % 3 !== 0).length
	);
	// The report from hub B matches (both hubs keep the data on their own disks).
	// Updates reach the other hub through Redis a moment later.
	const fromB = await poll(
		() => nodeClient(b.url).report(created.sessionId),
		(r) => r.answers.length >= 30,
		15_000,
		'hub B to hold all 30 graded answers'
	);
	expect(fromB.answers).toHaveLength(30);
	for (const s of students) s.destroy();
	teacher.destroy();
}, 60_000);
