// The student's class quiz against fake-indexeddb with a fixed clock and a memory
// "sessionStorage": joining (typos, missing sets, other versions), the name, answering,
// a reload, and the hand-in whose score is the session's grades.
import { describe, expect, it } from 'vitest';
import type { QuestionSet } from '$lib/core/bank/schema';
import { expectedResponse, gradeAnswer } from '$lib/core/quiz/grade';
import type { AskedQuestion, QuizResponse } from '$lib/core/quiz/types';
import { fromStored } from '$lib/features/quiz/record';
import { countReviews, openDb, recentAttempts } from '$lib/platform/storage';
import { activity } from '$lib/platform/pwa/activity.svelte';
import { ClassQuizSession, CLASS_QUIZ_KEY } from './class-quiz.svelte';
import { memoryCatalog } from '$lib/platform/test-deps';
import { classQuizFor, encodeClassQuiz, type ClassQuizSpec } from '$lib/core/classroom/code';
import { classSet } from '$lib/core/classroom/fixtures';
import { encodeShortCode } from '$lib/core/classroom/short-code';
import { decodeHandIn, resultHash } from '$lib/core/classroom/handin';

const T0 = Date.UTC(2025, 4, 2, 9, 0, 0);

function memoryStorage() {
	const map = new Map<string, string>();
	return {
		map,
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, v: string) => void map.set(k, v),
		removeItem: (k: string) => void map.delete(k)
	};
}

function spec(over: Partial<ClassQuizSpec> = {}, options: Partial<ClassQuizSpec['options']> = {}) {
	return {
		setId: 'class-demo',
		setVersion: 1,
		seed: 'K7Q2MD',
		shufflePerStudent: true,
		...over,
		options: { count: 6, mode: 'exam' as const, ...options }
	};
}

function session(
	sets: QuestionSet[],
	clock = { t: T0 },
	storage: ReturnType<typeof memoryStorage> | undefined = memoryStorage()
) {
	return new ClassQuizSession({
		now: () => clock.t,
		catalog: memoryCatalog(sets),
		storage,
		open: () => openDb(),
		tickMs: 3_600_000
	});
}

function wrong(asked: AskedQuestion): QuizResponse {
	switch (asked.type) {
		case 'mcq':
			return (asked.answer + 1) % asked.options.length;
		case 'truefalse':
			return !asked.answer;
		case 'numeric':
			return '1';
		default:
			return null;
	}
}

describe('ClassQuizSession: joining', () => {
	it('a code with a typo says so and stays on the join form', async () => {
		const s = session([classSet()]);
		await s.restore();
		const code = encodeClassQuiz(spec());
		// Swap two symbols: the check symbols catch it.
		const typo = code[1]! + code[0]! + code.slice(2);
		expect(await s.join(typo)).toBe(false);
		expect(s.phase).toBe('join');
		expect(s.codeError).toEqual({
			kind: 'code',
			message: 'This code has a typo: check it and try again.'
		});
		expect(await s.join('')).toBe(false);
		expect(s.codeError?.message).toMatch(/Enter the class quiz code/);
	});

	it('is tolerant of case, spaces, dashes and a join link', async () => {
		const s = session([classSet()]);
		const code = encodeClassQuiz(spec());
		expect(await s.join(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(true);
		expect(s.phase).toBe('name');
		const t = session([classSet()]);
		expect(await t.join(`http://192.168.1.20:4173/class/?join=${code}`)).toBe(true);
		expect(t.decoded?.code).toBe(code);
	});

	it('a set this device lacks, or of another version, is a plain error', async () => {
		const code = encodeClassQuiz(spec());
		const none = session([]);
		expect(await none.join(code)).toBe(false);
		expect(none.codeError?.kind).toBe('missing');
		expect(none.codeError?.message).toMatch(/not on this device/);
		const older = session([classSet(2)]);
		expect(await older.join(code)).toBe(false);
		expect(older.codeError).toMatchObject({ kind: 'version' });
		expect(older.codeError?.message).toMatch(/version 2; the class quiz uses version 1/);
	});

	it('asks for a name before starting', async () => {
		const s = session([classSet()]);
		await s.join(encodeClassQuiz(spec()));
		expect(s.begin('   ')).toBe(false);
		expect(s.nameError).toBe('Enter your name or student ID.');
		expect(s.phase).toBe('name');
		expect(s.begin('x'.repeat(101))).toBe(false);
		expect(s.begin('  Amina   Khan ')).toBe(true);
		expect(s.student).toBe('Amina Khan');
		expect(s.phase).toBe('question');
		s.destroy();
	});
});

describe('ClassQuizSession: the short code', () => {
	const shortSpec = spec({ seed: 'K7Q2' });
	const SHORT = encodeShortCode(shortSpec, classSet());

	it('joins by the 12 characters, typed any way, to the same quiz as the long code', async () => {
		const s = session([classSet()]);
		expect(await s.join(` ${SHORT.toLowerCase().replace(/-/g, ' ')} `)).toBe(true);
		expect(s.phase).toBe('name');
		expect(s.set?.version).toBe(1);
		expect(s.decoded?.code).toBe(SHORT);
		expect(classQuizFor(s.decoded!, classSet(), 'Ana')).toEqual(
			classQuizFor(shortSpec, classSet(), 'Ana')
		);
		// A reload picks the quiz up again from the short code.
		const storage = memoryStorage();
		const a = session([classSet()], { t: T0 }, storage);
		await a.join(SHORT);
		a.begin('Ana');
		const b = session([classSet()], { t: T0 }, storage);
		await b.restore();
		expect(b.phase).toBe('question');
		expect(b.decoded?.code).toBe(SHORT);
		a.destroy();
		b.destroy();
	});

	it('says which mistake it is: length, characters, a typo, a set not here', async () => {
		const raw = SHORT.replace(/-/g, '');
		const s = session([classSet()]);
		await s.join(raw.slice(0, 10));
		expect(s.codeError).toMatchObject({
			kind: 'code',
			message: expect.stringMatching(/12 characters; this one has 10/)
		});
		await s.join(raw.slice(0, 11) + 'U');
		expect(s.codeError?.message).toMatch(/characters that codes never use: “U”/);
		await s.join(raw[1]! + raw[0]! + raw.slice(2));
		expect(s.codeError?.message).toMatch(/typo/);
		const none = session([classSet(3)]);
		expect(await none.join(SHORT)).toBe(false);
		expect(none.codeError).toMatchObject({
			kind: 'missing',
			message: expect.stringMatching(/No set on this device matches.*scan your teacher’s QR code/)
		});
	});
});

describe('ClassQuizSession: the quiz', () => {
	it('finishing makes a hand-in whose score is the grades, and feeds progress', async () => {
		const set = classSet();
		const clock = { t: T0 };
		const s = session([set], clock);
		const code = encodeClassQuiz(spec());
		await s.join(code);
		s.begin('Amina Khan');
		expect(activity.busy).toBe(true);
		// The student's own order, as the report rebuilds it.
		const quiz = classQuizFor(s.decoded!, set, 'Amina Khan');
		expect(s.items.map((it) => it.key)).toEqual(quiz.items.map((it) => it.key));

		const responses: QuizResponse[] = [];
		for (const [i, it] of s.items.entries()) {
			expect(s.runner!.index).toBe(i);
			const r = i % 2 ? wrong(it.asked) : expectedResponse(it.asked);
			responses.push(r);
			if (r !== null) s.runner!.setResponse(r);
			clock.t += 5_000;
			await s.runner!.next();
		}
		expect(s.phase).toBe('done');
		expect(activity.busy).toBe(false);
		const want = quiz.items.map((it, i) => gradeAnswer(it.asked, responses[i]));
		const points = Math.round(want.reduce((a, g) => a + g.score, 0) * 1000) / 1000;
		const h = s.handIn!;
		expect(h.student).toBe('Amina Khan');
		expect(h.score.points).toBe(points);
		expect(h.score.max).toBe(6);
		expect(h.answers.map((a) => a.score)).toEqual(
			want.map((g) => Math.round(g.score * 1000) / 1000)
		);
		expect(h.resultHash).toBe(await resultHash(h));
		const file = s.handInFile()!;
		expect(file.mime).toBe('application/json');
		expect(file.name).toBe('amina-khan-class-demo-2025-05-02.studydeck-handin.json');
		const back = decodeHandIn(file.text);
		expect(back.ok && back.value).toEqual(h);

		// Every answer moved its card once, and the quiz is a finished attempt.
		const db = await openDb();
		await expect(countReviews(db)).resolves.toBe(6);
		const [attempt] = await recentAttempts(db, { limit: 5 });
		expect(attempt?.finishedAt).toBe(clock.t);
		expect(fromStored(attempt!)?.answers.every((a) => a.recorded)).toBe(true);
		expect(attempt!.score).toBeCloseTo(points, 9);
		db.close();
	});

	it('practice: Check grades one question; Next needs it', async () => {
		const s = session([classSet()]);
		await s.join(encodeClassQuiz(spec({}, { mode: 'practice', count: 2 })));
		s.begin('Bo');
		await s.runner!.next();
		expect(s.runner!.index).toBe(0);
		s.runner!.setResponse(expectedResponse(s.runner!.item!.asked));
		s.runner!.check();
		expect(s.runner!.answer?.grade?.correct).toBe(true);
		// A class quiz never asks "how sure": the grade shows at once and Next goes on.
		expect(s.runner!.asksConfidence).toBe(false);
		expect(s.runner!.revealed).toBe(true);
		await s.runner!.next();
		expect(s.runner!.index).toBe(1);
		s.destroy();
	});

	it('survives a reload: same question, same answers, same order', async () => {
		const set = classSet();
		const storage = memoryStorage();
		const clock = { t: T0 };
		const a = session([set], clock, storage);
		await a.join(encodeClassQuiz(spec()));
		a.begin('Chen');
		const first = expectedResponse(a.runner!.item!.asked);
		a.runner!.setResponse(first);
		await a.runner!.next();
		a.destroy();
		expect(storage.map.has(CLASS_QUIZ_KEY)).toBe(true);

		const b = session([set], clock, storage);
		await b.restore();
		expect(b.phase).toBe('question');
		expect(b.student).toBe('Chen');
		expect(b.runner!.index).toBe(1);
		expect(b.items.map((it) => it.key)).toEqual(a.items.map((it) => it.key));
		expect(b.answers[0]?.response).toEqual(first);
		while (b.phase === 'question') await b.runner!.next();

		// A reload on the hand-in screen shows the same hand-in, and records nothing twice.
		const c = session([set], clock, storage);
		await c.restore();
		expect(c.phase).toBe('done');
		expect(c.handIn).toEqual(b.handIn);
		const db = await openDb();
		await expect(countReviews(db)).resolves.toBe(6);
		db.close();

		c.leave();
		expect(storage.map.has(CLASS_QUIZ_KEY)).toBe(false);
		expect(c.phase).toBe('join');
	});

	it('an exam with a time limit finishes itself when time is up', async () => {
		const clock = { t: T0 };
		const s = session([classSet()], clock);
		await s.join(encodeClassQuiz(spec({}, { timeLimitMinutes: 5 })));
		s.begin('Dee');
		expect(s.runner!.remainingMs).toBe(300_000);
		clock.t += 301_000;
		s.runner!.tick();
		await expect.poll(() => s.phase).toBe('done');
		expect(s.handIn?.score.points).toBe(0);
	});

	it('a saved quiz for a set that is gone starts over at the join form', async () => {
		const storage = memoryStorage();
		const a = session([classSet()], { t: T0 }, storage);
		await a.join(encodeClassQuiz(spec()));
		a.begin('Eve');
		a.destroy();
		const b = session([], { t: T0 }, storage);
		await b.restore();
		expect(b.phase).toBe('join');
		expect(storage.map.has(CLASS_QUIZ_KEY)).toBe(false);
	});

	it('keeps working when storage refuses writes, and says so', async () => {
		const s = session([classSet()], { t: T0 }, {
			...memoryStorage(),
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		} as ReturnType<typeof memoryStorage>);
		await s.join(encodeClassQuiz(spec()));
		s.begin('Fay');
		expect(s.notKept).toBe(true);
		expect(s.phase).toBe('question');
		s.destroy();
	});
});
