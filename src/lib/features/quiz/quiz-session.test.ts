// QuizSession against fake-indexeddb with a fixed clock and seed. The app's database is a
// singleton, so each test quizzes its own copy of the bundled set (its own set id) to
// keep stored attempts and cards apart.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleSet } from '$lib/core/bank/load';
import type { QuestionSet } from '$lib/core/bank/schema';
import { database } from '$lib/platform/database.svelte';
import { activity } from '$lib/platform/pwa/activity.svelte';
import { generateQuiz } from '$lib/core/quiz/generate';
import { expectedResponse } from '$lib/core/quiz/grade';
import type { AskedQuestion, QuizResponse } from '$lib/core/quiz/types';
import { Rating } from '$lib/core/srs';
import { getAttempt, getCards, recentAttempts, reviewsSince } from '$lib/platform/storage';
import { QuizSession } from './quiz-session.svelte';
import { fromStored } from './record';
import { slowAfterMs } from '$lib/core/quiz/rating';

const loaded = assembleSet(
	readFileSync('questions/ttp-peace-talks/set.json', 'utf8'),
	readFileSync('questions/ttp-peace-talks/source.txt', 'utf8')
);
if (!loaded.ok) throw new Error('bundled set does not load');
const BUNDLED = loaded.value;

let n = 0;
const freshSet = (): QuestionSet => ({ ...BUNDLED, id: `ttp-${++n}` });

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const sessions: QuizSession[] = [];
afterEach(async () => {
	for (const s of sessions.splice(0)) await s.destroy();
});

function session(set: QuestionSet, clock: { t: number }): QuizSession {
	const s = new QuizSession(set, {
		now: () => clock.t,
		entropy: () => [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
		tickMs: 3_600_000
	});
	sessions.push(s);
	return s;
}

/** A wrong response of the right shape for each asked type. */
function wrongResponse(asked: AskedQuestion): QuizResponse {
	switch (asked.type) {
		case 'mcq':
			return (asked.answer + 1) % asked.options.length;
		case 'multi':
			return asked.options.map((_, i) => i).filter((i) => !asked.answers.includes(i));
		case 'truefalse':
			return !asked.answer;
		case 'short':
			return 'zzz';
		case 'numeric':
			return String(asked.answer + asked.tolerance + 1000);
		case 'cloze':
			return asked.blanks.map(() => 'zzz');
		case 'order':
			return (expectedResponse(asked) as number[]).slice().reverse();
		case 'match':
			return asked.left.map(() => null);
		case 'flashcard':
			return 1;
	}
}

describe('QuizSession', () => {
	it('prefills the setup from the URL and counts matching questions live', async () => {
		const s = session(freshSet(), { t: T0 });
		await s.load(new URLSearchParams('paragraph=2&seed=ab1o&count=3'));
		expect(s.phase).toBe('setup');
		expect(s.setup).toMatchObject({ paragraph: 2, seed: 'AB10', count: 3 });
		const all = generateQuiz([s.set], { count: 0, mode: 'practice', seed: 'x' }).available;
		expect(s.available).toBeGreaterThan(0);
		expect(s.available).toBeLessThan(all);
		s.setup.types = ['mcq'];
		const mcqInPara = generateQuiz([s.set], {
			count: 0,
			mode: 'practice',
			seed: 'x',
			paragraph: 2,
			types: ['mcq']
		}).available;
		expect(s.available).toBe(mcqInPara);
	});

	it('starts the seeded quiz, grades at Check, moves cards and saves progress', async () => {
		const clock = { t: T0 };
		const set = freshSet();
		const s = session(set, clock);
		await s.load(new URLSearchParams('seed=SEED42&count=4'));
		s.setup.types = ['mcq', 'truefalse'];
		await s.start();
		const want = generateQuiz([set], {
			count: 4,
			mode: 'practice',
			seed: 'SEED42',
			types: ['mcq', 'truefalse']
		});
		expect(s.runner!.items.map((i) => i.key)).toEqual(want.items.map((i) => i.key));
		expect(activity.current.some((h) => h.startsWith('quiz#'))).toBe(true);

		// 1: right and quick → Good.
		clock.t += 5_000;
		s.runner!.setResponse(expectedResponse(s.runner!.item!.asked));
		expect(s.runner!.canCheck).toBe(true);
		await s.runner!.check();
		expect(s.runner!.answer!.grade!.correct).toBe(true);
		expect(s.runner!.answer!.ms).toBe(5_000);
		await s.runner!.next();
		// 2: wrong → Again.
		clock.t += 4_000;
		s.runner!.setResponse(wrongResponse(s.runner!.item!.asked));
		await s.runner!.check();
		expect(s.runner!.answer!.grade!.correct).toBe(false);
		await s.runner!.next();
		// 3: right but slow → Hard.
		clock.t += slowAfterMs(s.runner!.item!.asked) + 1;
		s.runner!.setResponse(expectedResponse(s.runner!.item!.asked));
		await s.runner!.check();

		const db = await database.open();
		const reviews = (await reviewsSince(db, 0)).filter((r) => r.setId === set.id);
		expect(reviews.map((r) => [r.questionId, r.rating])).toEqual([
			[s.runner!.items[0]!.questionId, Rating.Good],
			[s.runner!.items[1]!.questionId, Rating.Again],
			[s.runner!.items[2]!.questionId, Rating.Hard]
		]);
		const cards = await getCards(
			db,
			s.runner!.items.map((i) => i.key)
		);
		expect(cards.map((c) => c !== undefined)).toEqual([true, true, true, false]);

		const [stored] = await recentAttempts(db, { limit: 5, setId: set.id });
		expect(stored!.finishedAt).toBeNull();
		const record = fromStored(stored!)!;
		expect(record.meta).toMatchObject({ seed: 'SEED42', mode: 'practice', index: 2 });
		expect(record.answers.map((a) => a.grade?.correct)).toEqual([true, false, true, undefined]);
		expect(record.answers.every((a, i) => (i < 3 ? a.recorded : !a.recorded))).toBe(true);
	});

	it('saves an answer to a card last studied with the clock 3 days ahead', async () => {
		const set = freshSet();
		const ahead = { t: T0 + 3 * 86_400_000 };
		const first = session(set, ahead);
		await first.load(new URLSearchParams('seed=CLOCK&count=1'));
		await first.start();
		first.runner!.setResponse(expectedResponse(first.runner!.item!.asked));
		await first.runner!.check();
		await first.destroy();

		// The clock is set right; the same question comes up in a new quiz.
		const right = { t: T0 };
		const second = session(set, right);
		await second.load(new URLSearchParams('seed=CLOCK&count=1'));
		await second.start();
		second.runner!.setResponse(expectedResponse(second.runner!.item!.asked));
		await second.runner!.check();
		expect(second.unsaved).toBe(false);
		const db = await database.open();
		const reviews = (await reviewsSince(db, 0)).filter((r) => r.setId === set.id);
		expect(reviews).toHaveLength(2);
		expect(reviews[1]).toMatchObject({ reviewedAt: ahead.t, clampedFrom: T0 });
		const [card] = await getCards(db, [second.runner!.items[0]!.key]);
		expect(card?.reps).toBe(2);
	});

	it('resumes an interrupted quiz at the same question with its answers', async () => {
		const clock = { t: T0 };
		const set = freshSet();
		const first = session(set, clock);
		await first.load(new URLSearchParams('seed=RESUME&count=5'));
		first.setup.mode = 'exam';
		await first.start();
		const mine = first.runner!.items.map((it) => wrongResponse(it.asked));
		first.runner!.setResponse(mine[0]);
		await first.runner!.next();
		first.runner!.setResponse(mine[1]);
		await first.runner!.next();
		await first.destroy();
		expect(activity.current.some((h) => h.startsWith('quiz#'))).toBe(false);

		clock.t += 60_000;
		const again = session(set, clock);
		await again.load();
		expect(again.resumable).toMatchObject({ mode: 'exam', index: 2, total: 5, startedAt: T0 });
		await again.resume();
		expect(again.phase).toBe('question');
		expect(again.runner!.index).toBe(2);
		expect(again.runner!.items.map((i) => i.key)).toEqual(first.runner!.items.map((i) => i.key));
		expect(again.runner!.answers.slice(0, 2).map((a) => a.response)).toEqual(mine.slice(0, 2));
		await again.runner!.back();
		expect(again.runner!.index).toBe(1);
	});

	it('discards the quiz on offer and starting anew replaces it', async () => {
		const clock = { t: T0 };
		const set = freshSet();
		const a = session(set, clock);
		await a.load();
		await a.start();
		const b = session(set, clock);
		await b.load();
		expect(b.resumable?.id).toBeDefined();
		await b.discard();
		const db = await database.open();
		expect(await recentAttempts(db, { limit: 5, setId: set.id })).toEqual([]);
	});

	it('finishes an exam: scores it, stores the attempt and updates every card', async () => {
		const clock = { t: T0 };
		const set = freshSet();
		const s = session(set, clock);
		await s.load(new URLSearchParams('seed=EXAM1&count=6'));
		s.setup.mode = 'exam';
		await s.start();
		for (const [i, it] of s.runner!.items.entries()) {
			clock.t += 2_000;
			s.runner!.setResponse(i % 2 === 0 ? expectedResponse(it.asked) : wrongResponse(it.asked));
			expect(s.runner!.checked).toBe(false); // no feedback in an exam
			await s.runner!.next();
		}
		expect(s.phase).toBe('results');
		// A flashcard the student rates is not scored; every other question is.
		const items = s.runner!.items;
		const scored = items.map((it) => it.asked.type !== 'flashcard');
		const right = scored.filter((x, i) => x && i % 2 === 0).length;
		const max = scored.filter(Boolean).length;
		expect(max).toBeLessThan(items.length);
		expect(s.runner!.score).toBe(right);
		expect(s.runner!.maxScore).toBe(max);
		expect(s.runner!.selfGraded).toBe(items.length - max);
		expect(s.runner!.percent).toBe(Math.round((right / max) * 100));
		expect(s.runner!.elapsedMs).toBe(12_000);
		expect(s.runner!.missed.map((m) => m.key)).toEqual(
			s.runner!.items.filter((_, i) => i % 2).map((m) => m.key)
		);

		const db = await database.open();
		const stored = (await getAttempt(
			db,
			(await recentAttempts(db, { limit: 1, setId: set.id }))[0]!.id
		))!;
		expect(stored).toMatchObject({
			finishedAt: T0 + 12_000,
			score: right,
			maxScore: max,
			startedAt: T0
		});
		const record = fromStored(stored)!;
		expect(record.meta.mode).toBe('exam');
		expect(record.answers.map((a) => a.grade?.correct)).toEqual([
			true,
			false,
			true,
			false,
			true,
			false
		]);
		const reviews = (await reviewsSince(db, 0)).filter((r) => r.setId === set.id);
		expect(reviews).toHaveLength(6);
		expect(reviews.every((r) => r.reviewedAt === T0 + 12_000)).toBe(true);
		expect(activity.current.some((h) => h.startsWith('quiz#'))).toBe(false);

		await s.retryMissed();
		expect(s.phase).toBe('question');
		expect(s.mode).toBe('exam');
		expect(s.runner!.items.map((i) => i.key).sort()).toEqual(
			record.items
				.filter((_, i) => i % 2)
				.map((i) => i.key)
				.sort()
		);
	});

	it('finishes an exam when its time limit runs out', async () => {
		const clock = { t: T0 };
		const s = session(freshSet(), clock);
		await s.load();
		s.setup.mode = 'exam';
		s.setup.timeLimitMinutes = 2;
		await s.start();
		expect(s.runner!.remainingMs).toBe(120_000);
		clock.t += 119_000;
		s.runner!.tick();
		expect(s.phase).toBe('question');
		expect(s.runner!.remainingMs).toBe(1_000);
		clock.t += 1_000;
		s.runner!.tick();
		expect(s.phase).toBe('results');
		expect(s.runner!.score).toBe(0);
	});

	it('asks how sure: rates by confidence, asks a sure mistake again, keeps it over a reload', async () => {
		const clock = { t: T0 };
		const set = freshSet();
		const first = session(set, clock);
		await first.load(new URLSearchParams('seed=SURE1&count=6'));
		first.setup.types = ['mcq', 'truefalse'];
		first.setup.confidence = true;
		await first.start();
		const r1 = first.runner!;
		expect(r1.asksConfidence).toBe(true);
		const keys = r1.items.map((i) => i.key);
		const db = await database.open();
		const ratings = async () =>
			(await reviewsSince(db, 0))
				.filter((r) => r.setId === set.id)
				.map((r) => [r.questionId, r.rating]);
		const answer = async (r: typeof r1, right: boolean) => {
			clock.t += 3_000;
			await r.setResponse(right ? expectedResponse(r.item!.asked) : wrongResponse(r.item!.asked));
			await r.check();
		};

		// 1: right, not sure → Hard. Nothing moves and Next waits until the student says.
		await answer(r1, true);
		expect(r1.awaitingConfidence).toBe(true);
		expect(r1.revealed).toBe(false);
		await r1.next();
		expect(r1.index).toBe(0);
		expect(await ratings()).toEqual([]);
		await r1.setConfidence('unsure');
		expect(r1.revealed).toBe(true);
		await r1.setConfidence('sure'); // said once: a second tap changes nothing
		expect(r1.answer!.confidence).toBe('unsure');
		await r1.next();
		// 2: wrong, sure → Again, and asked again three questions on.
		await answer(r1, false);
		await r1.setConfidence('sure');
		expect(r1.total).toBe(7);
		expect(r1.items[5]!.key).toBe(keys[1]);
		expect(r1.answers[5]).toMatchObject({ repeat: true, ms: 0 });
		await r1.next();
		// 3: right, sure → Good.
		await answer(r1, true);
		await r1.setConfidence('sure');
		await r1.next();
		// 4: checked, then the page reloads before Sure / Not sure.
		await answer(r1, false);
		expect(r1.awaitingConfidence).toBe(true);
		await first.destroy();
		expect(await ratings()).toEqual([
			[r1.items[0]!.questionId, Rating.Hard],
			[r1.items[1]!.questionId, Rating.Again],
			[r1.items[2]!.questionId, Rating.Good]
		]);

		const s = session(set, clock);
		await s.load();
		expect(s.resumable).toMatchObject({ index: 3, total: 7 });
		await s.resume();
		const r = s.runner!;
		expect(r.items.map((i) => i.key)).toEqual([...keys.slice(0, 5), keys[1], keys[5]]);
		expect(r.answers.slice(0, 3).map((a) => a.confidence)).toEqual(['unsure', 'sure', 'sure']);
		expect(r.awaitingConfidence).toBe(true);
		// 4: wrong, not sure → Again, not asked again.
		await r.setConfidence('unsure');
		expect(r.total).toBe(7);
		await r.next();
		// 5: right, sure.
		await answer(r, true);
		await r.setConfidence('sure');
		await r.next();
		// The repeat of 2: right this time. It is asked how sure too, but never again.
		expect(r.answer!.repeat).toBe(true);
		expect(r.item!.key).toBe(keys[1]);
		await answer(r, true);
		await r.setConfidence('sure');
		await r.next();
		// 6: wrong and sure on the last question: its repeat comes at once, at the end.
		await answer(r, false);
		await r.setConfidence('sure');
		expect(r.total).toBe(8);
		await r.next();
		expect(r.finished).toBe(false);
		await answer(r, false);
		await r.setConfidence('sure');
		expect(r.total).toBe(8);
		await r.next();
		expect(s.phase).toBe('results');

		// The score counts first attempts: 1, 3 and 5 right of 6.
		expect(r.score).toBe(3);
		expect(r.maxScore).toBe(6);
		expect(r.missed.map((m) => m.key)).toEqual([keys[1], keys[3], keys[5]]);
		expect(r.calibration).toEqual({
			sure: { answered: 4, right: 2 },
			unsure: { answered: 2, right: 1 }
		});
		expect(
			s.rows.map((row) => [row.item.key, row.answer.confidence, row.again?.grade?.correct])
		).toEqual([
			[keys[0], 'unsure', undefined],
			[keys[1], 'sure', true],
			[keys[2], 'sure', undefined],
			[keys[3], 'unsure', undefined],
			[keys[4], 'sure', undefined],
			[keys[5], 'sure', false]
		]);
		const q = (i: number) => r.items[i]!.questionId;
		expect(await ratings()).toEqual([
			[q(0), Rating.Hard],
			[q(1), Rating.Again],
			[q(2), Rating.Good],
			[q(3), Rating.Again],
			[q(4), Rating.Good],
			[q(1), Rating.Good],
			[q(6), Rating.Again],
			[q(6), Rating.Again]
		]);

		// Reopened results show the same.
		const stored = (await recentAttempts(db, { limit: 1, setId: set.id }))[0]!;
		expect(stored).toMatchObject({ score: 3, maxScore: 6 });
		const reopened = fromStored(stored)!;
		expect(reopened.meta.confidence).toBe(true);
		expect(reopened.answers.map((a) => [a.confidence, a.repeat ?? false])).toEqual([
			['unsure', false],
			['sure', false],
			['sure', false],
			['unsure', false],
			['sure', false],
			['sure', true],
			['sure', false],
			['sure', true]
		]);

		// "Retry missed" keeps asking how sure.
		await s.retryMissed();
		expect(s.runner!.asksConfidence).toBe(true);
	});

	it('never asks how sure in an exam', async () => {
		const s = session(freshSet(), { t: T0 });
		await s.load(new URLSearchParams('seed=SURE2&count=2'));
		s.setup.mode = 'exam';
		s.setup.confidence = true;
		await s.start();
		expect(s.runner!.asksConfidence).toBe(false);
		expect(s.runner!.record.meta.confidence).toBeUndefined();
		await s.runner!.setResponse(expectedResponse(s.runner!.item!.asked));
		await s.runner!.setConfidence('sure');
		expect(s.runner!.answer!.confidence).toBeUndefined();
	});

	it('says so when no question matches', async () => {
		const s = session(freshSet(), { t: T0 });
		await s.load(new URLSearchParams('paragraph=999'));
		expect(s.available).toBe(0);
		await s.start();
		expect(s.phase).toBe('setup');
		expect(s.problem).toMatch(/No questions match/);
	});
});
