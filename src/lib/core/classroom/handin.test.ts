import { describe, expect, it } from 'vitest';
import { expectedResponse } from '../quiz/grade';
import type { Quiz, QuizResponse } from '../quiz/types';
import { classQuizFor, decodeClassQuiz, encodeClassQuiz, type DecodedClassQuiz } from './code';
import { classSet } from './fixtures';
import {
	createHandIn,
	decodeHandIn,
	encodeHandInForQr,
	handInFileName,
	handInText,
	quizHash,
	resultHash,
	studentNameProblem
} from './handin';
import { formatProblem } from '../bank/problems';

const set = classSet();
const r = decodeClassQuiz(
	encodeClassQuiz({
		setId: set.id,
		setVersion: 1,
		seed: 'K7Q2M4',
		shufflePerStudent: true,
		options: { count: 8, mode: 'exam', timeLimitMinutes: 20 }
	})
);
if (!r.ok) throw new Error(r.message);
const code: DecodedClassQuiz = r.value;

const allRight = (quiz: Quiz): QuizResponse[] => quiz.items.map((it) => expectedResponse(it.asked));
const START = Date.UTC(2024, 4, 2, 9, 0);
const END = Date.UTC(2024, 4, 2, 9, 17);

async function handIn(student: string, responses?: (quiz: Quiz) => QuizResponse[]) {
	const quiz = classQuizFor(code, set, student);
	return createHandIn({
		code,
		quiz,
		responses: (responses ?? allRight)(quiz),
		student,
		startedAt: START,
		finishedAt: END
	});
}

describe('hand-in files', () => {
	it('records answers, the score and both hashes', async () => {
		const h = await handIn('Amina Khan', (quiz) =>
			quiz.items.map((it, i) => (i === 0 ? undefined : expectedResponse(it.asked)))
		);
		expect(h).toMatchObject({
			format: 'studydeck-handin',
			version: 1,
			code: code.code,
			setId: 'class-demo',
			setVersion: 1,
			student: 'Amina Khan',
			score: { points: 7, max: 8, percent: 87.5 },
			startedAt: '2024-05-02T09:00:00.000Z',
			finishedAt: '2024-05-02T09:17:00.000Z'
		});
		expect(h.answers[0]).toMatchObject({ response: null, score: 0 });
		expect(h.quizHash).toMatch(/^[0-9a-f]{64}$/);
		expect(await resultHash(h)).toBe(h.resultHash);
		expect(handInFileName(h)).toBe('amina-khan-class-demo-2024-05-02.studydeck-handin.json');
		expect(handInFileName({ ...h, student: 'محمد علی' })).toBe(
			'محمد-علی-class-demo-2024-05-02.studydeck-handin.json'
		);
	});

	it('has one quiz hash for every student of a code, shuffled or not', async () => {
		const a = await handIn('Amina');
		const b = await handIn('Bilal');
		expect(a.answers.map((x) => x.questionId)).not.toEqual(b.answers.map((x) => x.questionId));
		expect(a.quizHash).toBe(b.quizHash);
		expect(a.quizHash).toBe(await quizHash(code.code, classQuizFor(code, set)));
		const other = classQuizFor({ ...code, seed: 'ZZZZ', options: { count: 3, mode: 'exam' } }, set);
		expect(await quizHash(code.code, other)).not.toBe(a.quizHash);
	});

	it('is stable: the same input gives the same file, byte for byte', async () => {
		expect(handInText(await handIn('Amina'))).toBe(handInText(await handIn('Amina')));
	});

	it('detects an edited score through the result hash', async () => {
		const h = await handIn('Bilal', (quiz) => quiz.items.map(() => null));
		expect(h.score.points).toBe(0);
		const edited = { ...h, score: { ...h.score, points: 8, percent: 100 } };
		expect(await resultHash(edited)).not.toBe(h.resultHash);
	});

	it('reads back from its file text and from its QR text', async () => {
		const h = await handIn('Farah');
		expect(decodeHandIn(handInText(h))).toEqual({ ok: true, value: h });
		const qr = encodeHandInForQr(h);
		expect(qr?.startsWith('SDHANDIN1:')).toBe(true);
		console.log(`hand-in of 8 answers: file ${handInText(h).length} bytes, QR text ${qr?.length}`);
		expect(decodeHandIn(qr!)).toEqual({ ok: true, value: h });
	});

	it('rejects what is not a hand-in, and dangerous keys', async () => {
		const h = await handIn('Farah');
		const msg = (text: string) => {
			const d = decodeHandIn(text);
			return d.ok ? 'ok' : d.problems.map(formatProblem).join('; ');
		};
		expect(msg('not json')).toMatch(/invalid JSON/);
		expect(msg('[]')).toMatch(/not a Studydeck hand-in file/);
		expect(msg(JSON.stringify({ ...h, format: 'other' }))).toMatch(/not a Studydeck hand-in/);
		expect(msg(JSON.stringify({ ...h, version: 2 }))).toMatch(/newer version/);
		expect(msg(handInText(h).replace('"answers"', '"__proto__": {}, "answers"'))).toMatch(
			/"__proto__" is not allowed/
		);
		expect(msg(JSON.stringify({ ...h, student: '  ' }))).toMatch(/student: no student name/);
		expect(msg(JSON.stringify({ ...h, extra: 1 }))).not.toBe('ok');
		expect(msg('SDHANDIN1:AAAA')).toMatch(/damaged/);
	});

	it('asks for a name', () => {
		expect(studentNameProblem(' ')).toBe('Enter your name or student ID.');
		expect(studentNameProblem('S-1042')).toBeUndefined();
	});
});
