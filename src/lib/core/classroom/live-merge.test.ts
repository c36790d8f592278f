import { describe, expect, it } from 'vitest';
import { expectedResponse } from '../quiz/grade';
import { generateQuiz } from '../quiz/generate';
import { classQuizFor, type ClassQuizSpec, type DecodedClassQuiz } from './code';
import { classSet } from './fixtures';
import { createHandIn, handInText } from './handin';
import { itemAnalysisCsv, studentScoresCsv } from './item-analysis';
import type { ReportData } from './live/protocol';
import { mergeLiveReport, type CodeResolver } from './live-merge';
import { encodeShortCode } from './short-code';

const SET = classSet();
const SEED = 'K7Q2';
const COUNT = 4;
// The live session's questions, as the hub makes them (exam presentation, this seed).
const quiz = generateQuiz([SET], { count: COUNT, mode: 'exam', seed: SEED });
const spec: ClassQuizSpec = {
	setId: SET.id,
	setVersion: SET.version,
	seed: SEED,
	shufflePerStudent: false,
	options: { count: COUNT, mode: 'exam' }
};
const OFFLINE: DecodedClassQuiz = { ...spec, code: encodeShortCode(spec, SET) };
const [q0] = quiz.items;

const data: ReportData = {
	session: {
		id: 's1',
		pin: '123456',
		title: SET.title,
		setId: SET.id,
		mode: 'self',
		createdAt: 0,
		students: 1,
		questions: COUNT
	},
	questions: quiz.items.map((it) => ({ questionId: it.questionId, asked: it.asked })),
	students: [{ id: 'u1', name: 'Una', joinedAt: 0 }],
	answers: [
		{
			student: 'u1',
			questionId: q0!.questionId,
			index: 0,
			response: expectedResponse(q0!.asked)!,
			text: 'x',
			score: 1,
			correct: true,
			points: 1,
			at: 1
		}
	]
};

const resolve: CodeResolver = async (code) =>
	code === OFFLINE.code
		? { ok: true, decoded: OFFLINE, set: SET }
		: code === OTHER.code
			? { ok: true, decoded: OTHER, set: SET }
			: { ok: false, message: 'unknown code' };
const OTHER: DecodedClassQuiz = {
	...spec,
	seed: 'ZZZZ',
	code: encodeShortCode({ ...spec, seed: 'ZZZZ' }, SET)
};

async function file(student: string, code = OFFLINE, right = true, finishedAt = 100) {
	const q = classQuizFor(code, SET, student);
	const h = await createHandIn({
		code,
		quiz: q,
		responses: q.items.map((it) => (right ? expectedResponse(it.asked) : null)),
		student,
		startedAt: 0,
		finishedAt
	});
	return { name: `${student}-${finishedAt}.json`, text: handInText(h) };
}

describe('mergeLiveReport', () => {
	it('adds hand-ins of the session’s quiz; one row per student; another quiz is refused', async () => {
		const zoe = await file('Zoe');
		const zoeLater = await file('Zoe', OFFLINE, false, 200);
		const una = await file('una');
		const other = await file('Omar', OTHER);
		const m = await mergeLiveReport(data, [zoe, { ...zoe }, una, other, zoeLater], resolve);
		expect(m.students.map((s) => [s.name, s.source])).toEqual([
			['Una', 'hub'],
			['Zoe', 'file']
		]);
		// The latest of Zoe's files counts (all unanswered: 0 points).
		expect(m.analysis.students[1]).toMatchObject({ name: 'Zoe', points: 0, source: 'file' });
		expect(m.files.map((f) => [f.name, f.status])).toEqual([
			[zoe.name, 'not-counted'],
			[zoe.name, 'refused'],
			[una.name, 'not-counted'],
			[other.name, 'refused'],
			[zoeLater.name, 'counted']
		]);
		expect(m.files[1]!.reason).toMatch(/already in this report/);
		expect(m.files[2]!.reason).toMatch(/in the live results already/);
		expect(m.files[3]!.reason).toMatch(/another quiz .*not this session’s/);
		// Kept: what a later rebuild needs, without copies or other quizzes.
		expect(m.kept).toEqual([zoe, una, zoeLater]);
		// Both CSV files hold the hand-in.
		expect(studentScoresCsv(m.analysis, m.students)).toMatch(/\r\nZoe,0,4,0,0,hand-in file,/);
		expect(itemAnalysisCsv(m.analysis).split('\r\n')[1]).toMatch(/^\d+,/);
	});

	it('counts a right hand-in in facility, and refuses what is not a hand-in', async () => {
		const ravi = await file('Ravi');
		const m = await mergeLiveReport(data, [ravi, { name: 'notes.json', text: '{"a":1}' }], resolve);
		expect(m.analysis.students.map((s) => s.percent)).toEqual([25, 100]);
		const first = m.analysis.items.find((it) => it.questionId === q0!.questionId)!;
		expect(first.facility).toBe(1);
		expect(m.files[1]).toMatchObject({ status: 'refused', reason: /hand-in/ });
	});

	it('refuses a file for another set', async () => {
		const f = await file('Ravi');
		const m = await mergeLiveReport(
			{ ...data, session: { ...data.session, setId: 'x' } },
			[f],
			resolve
		);
		expect(m.files[0]).toMatchObject({
			status: 'refused',
			reason: expect.stringMatching(/another quiz/)
		});
	});
});
