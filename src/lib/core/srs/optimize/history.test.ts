import { describe, expect, it } from 'vitest';
import { Rating } from '../card';
import { answerCard, newCard } from '../scheduler';
import { DEFAULT_SETTINGS } from '../settings';
import type { ReviewEntry } from '../card';
import { cardHistories, countLongTermReviews, trainingArrays } from './history';
import { DEFAULT_PARAMETERS, evaluateParameters, isBetter } from './evaluate';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const DAY = 86_400_000;
const UTC = { offsetMinutes: 0 };

function log(setId: string, questionId: string, answers: [number, Rating][]): ReviewEntry[] {
	let card = newCard(questionId, setId, T0);
	return answers.map(([at, rating]) => {
		const r = answerCard(card, rating as 1 | 2 | 3 | 4, at, DEFAULT_SETTINGS);
		card = r.card;
		return r.review;
	});
}

describe('cardHistories', () => {
	it('groups by card in time order with whole study days between answers', () => {
		const a = log('s', 'a', [
			[T0, Rating.Good],
			[T0 + 10 * 60_000, Rating.Good],
			[T0 + 3 * DAY, Rating.Again],
			[T0 + 4 * DAY + 60_000, Rating.Good]
		]);
		const b = log('s', 'b', [
			[T0 + DAY, Rating.Easy],
			[T0 + 9 * DAY, Rating.Good]
		]);
		// Shuffled input: the log is read by time index, but histories must not depend on it.
		const h = cardHistories([b[1]!, a[2]!, a[0]!, b[0]!, a[3]!, a[1]!], UTC);
		expect(h).toEqual([
			[
				{ rating: Rating.Easy, deltaDays: 0 },
				{ rating: Rating.Good, deltaDays: 8 }
			],
			[
				{ rating: Rating.Good, deltaDays: 0 },
				{ rating: Rating.Good, deltaDays: 0 },
				{ rating: Rating.Again, deltaDays: 3 },
				{ rating: Rating.Good, deltaDays: 1 }
			]
		]);
		expect(countLongTermReviews(h)).toBe(3);
	});

	it('counts days by the student’s 4 am rollover, not by 24 hours', () => {
		// With the 4 am rollover, 23:00 and 02:00 are one study day; 05:00 is the next.
		const late = Date.UTC(2025, 0, 6, 23, 0, 0);
		const e = log('s', 'c', [
			[late, Rating.Good],
			[late + 3 * 3_600_000, Rating.Good],
			[late + 6 * 3_600_000, Rating.Good]
		]);
		expect(cardHistories(e, UTC)[0]!.map((r) => r.deltaDays)).toEqual([0, 0, 1]);
	});

	it('leaves out a card whose first answer is missing from the log', () => {
		const e = log('s', 'd', [
			[T0, Rating.Good],
			[T0 + 2 * DAY, Rating.Good]
		]);
		expect(cardHistories(e.slice(1), UTC)).toEqual([]);
	});
});

describe('trainingArrays', () => {
	it('makes one item per later-day answer, each with the answers before it', () => {
		const t = trainingArrays([
			[
				{ rating: 3, deltaDays: 0 },
				{ rating: 3, deltaDays: 0 },
				{ rating: 1, deltaDays: 3 },
				{ rating: 3, deltaDays: 1 }
			],
			[{ rating: 4, deltaDays: 0 }]
		]);
		expect(t.items).toBe(2);
		expect([...t.lengths]).toEqual([3, 4]);
		expect([...t.ratings]).toEqual([3, 3, 1, 3, 3, 1, 3]);
		expect([...t.deltas]).toEqual([0, 0, 3, 0, 0, 3, 1]);
	});
});

describe('evaluateParameters', () => {
	const histories = [
		[
			{ rating: 3 as const, deltaDays: 0 },
			{ rating: 3 as const, deltaDays: 3 },
			{ rating: 1 as const, deltaDays: 10 }
		]
	];

	it('scores only later-day answers and gives finite log loss and RMSE', () => {
		const e = evaluateParameters(histories);
		expect(e.reviews).toBe(2);
		expect(e.logLoss).toBeGreaterThan(0);
		expect(e.rmse).toBeGreaterThan(0);
		expect(e.rmse).toBeLessThan(1);
	});

	it('rewards parameters that expect what happened', () => {
		// All forgotten: a curve that forgets faster must score better.
		const forgot = [
			[
				{ rating: 3 as const, deltaDays: 0 },
				{ rating: 1 as const, deltaDays: 20 }
			]
		];
		const fast = DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w / 20 : w));
		const a = evaluateParameters(forgot, DEFAULT_PARAMETERS);
		const b = evaluateParameters(forgot, fast);
		expect(b.logLoss).toBeLessThan(a.logLoss);
		expect(isBetter(b, a)).toBe(true);
		expect(isBetter(a, b)).toBe(false);
	});

	it('has nothing to say about a log with no later-day answers', () => {
		const e = evaluateParameters([[{ rating: 3, deltaDays: 0 }]]);
		expect(e.reviews).toBe(0);
		expect(isBetter(e, e)).toBe(false);
	});
});
