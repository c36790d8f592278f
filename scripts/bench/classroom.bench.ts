// The classroom hub under a class (ARCHITECTURE.md "Performance budgets"): 60 simulated students answer a
// 20-question self-paced session against one hub process over loopback, through the real
// browser client (Hocuspocus provider). A teacher client watches the graded answers
// arrive. Bounded: 1,200 answers, 90 s at most. Prints the time from a student's submit
// to the answer on the teacher's screen, answers lost, and the hub process's memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StudentSession } from '../../src/lib/platform/live/client.ts';
import { createRng } from '../../src/lib/core/quiz/rng.ts';
import { spawnHub } from '../lib/hub/spawn.ts';
import { classroomSet, nodeClient, rightAnswer, waitFor } from '../lib/hub/test-kit.ts';
import type { Bench, Metric } from './types.ts';

const STUDENTS = 60;
const QUESTIONS = 20;
/** Each student thinks 0.2–1.2 s per question: a fast class, about 80 answers a second. */
const THINK_MS: [number, number] = [200, 1200];
const DEADLINE_MS = 90_000;

function percentile(xs: number[], p: number): number {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

function memoryMb(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
	return { rss: Math.round(kb('VmRSS') / 102.4) / 10, peak: Math.round(kb('VmHWM') / 102.4) / 10 };
}

const bench: Bench = async () => {
	const dir = mkdtempSync(join(tmpdir(), 'bench-classroom-'));
	const hub = await spawnHub({ data: dir });
	const students: StudentSession[] = [];
	try {
		const tc = nodeClient(hub.url);
		const created = await tc.createSession({
			set: classroomSet(QUESTIONS),
			mode: 'self',
			count: QUESTIONS
		});
		const { questions } = await tc.report(created.sessionId);
		const teacher = tc.teacher(created.sessionId);
		await waitFor(teacher, (s) => s.synced, 10_000, 'the teacher view');
		const sentAt = new Map<string, number>();
		const latencies: number[] = [];
		let arrived = 0;
		let allArrived = () => {};
		const everything = new Promise<void>((r) => (allArrived = r));
		teacher.onAnswer((a) => {
			const t = sentAt.get(`${a.student}/${a.questionId}`);
			if (t !== undefined) latencies.push(performance.now() - t);
			if (++arrived === STUDENTS * QUESTIONS) allArrived();
		});
		const idle = memoryMb(hub.child.pid!);

		for (let i = 0; i < STUDENTS; i++)
			students.push(await nodeClient(hub.url).join(created.pin, `Student ${i + 1}`));
		await waitFor(teacher, (s) => s.lobby.length === STUDENTS, 20_000, 'a full lobby');
		await teacher.start();
		await Promise.all(students.map((s) => waitFor(s, (x) => x.state?.phase === 'running', 20_000)));

		const started = performance.now();
		const rng = createRng('classroom-bench');
		await Promise.all(
			students.map(async (s, i) => {
				for (const [j, q] of questions.entries()) {
					const [lo, hi] = THINK_MS;
					await new Promise((r) => setTimeout(r, lo + rng() * (hi - lo)));
					sentAt.set(`${s.studentId}/${q.questionId}`, performance.now());
					s.submitAnswer(q.questionId, (i + j) % 4 ? rightAnswer(q.asked) : null);
				}
			})
		);
		const total = STUDENTS * questions.length;
		// Bounded: whatever has not arrived by the deadline counts as lost.
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([everything, new Promise((r) => (timer = setTimeout(r, DEADLINE_MS)))]);
		clearTimeout(timer);
		const seconds = (performance.now() - started) / 1000;
		const report = await tc.report(created.sessionId);
		const busy = memoryMb(hub.child.pid!);
		teacher.destroy();
		const round = (x: number) => Math.round(x * 10) / 10;
		return [
			{
				metric: 'classroom.answer_to_teacher_ms_p95',
				value: round(percentile(latencies, 95)),
				unit: 'ms',
				budget: { max: 200 }
			},
			{
				metric: 'classroom.answer_to_teacher_ms_p50',
				value: round(percentile(latencies, 50)),
				unit: 'ms'
			},
			{
				metric: 'classroom.lost_answers',
				value: total - report.answers.length,
				unit: 'answers',
				budget: { max: 0 }
			},
			{ metric: 'classroom.answers', value: report.answers.length, unit: 'answers' },
			{ metric: 'classroom.answers_per_s', value: round(total / seconds), unit: 'answers/s' },
			{ metric: 'classroom.hub_rss_idle_mb', value: idle.rss, unit: 'MB' },
			{ metric: 'classroom.hub_rss_mb', value: busy.rss, unit: 'MB' },
			{ metric: 'classroom.hub_peak_rss_mb', value: busy.peak, unit: 'MB' }
		] satisfies Metric[];
	} finally {
		for (const s of students) s.destroy();
		await hub.stop('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
};

export default bench;
