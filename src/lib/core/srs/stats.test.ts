import { describe, expect, it } from 'vitest';
import { Rating, State, type ReviewEntry, type StoredCard } from './card';
import { newCard } from './scheduler';
import {
	dueForecast,
	masteryBySet,
	setMastery,
	reviewsPerDay,
	studyCalendar,
	trueRetention
} from './stats';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 31, 12); // noon UTC, offset 0: study day 2025-01-31
const opts = { offsetMinutes: 0 };

function entry(
	at: number,
	rating: ReviewEntry['rating'],
	state: State = State.Review
): ReviewEntry {
	const before = newCard('q', 's', at);
	return {
		cardId: before.id,
		setId: 's',
		questionId: 'q',
		rating,
		state,
		reviewedAt: at,
		elapsedDays: 0,
		scheduledDays: 1,
		due: at + DAY,
		before
	};
}

function card(setId: string, state: State, stability: number, due: number): StoredCard {
	return { ...newCard(`q${stability}`, setId, 0), state, stability, due, reps: 1 };
}

describe('stats', () => {
	const log = [
		entry(NOW, Rating.Good),
		entry(NOW - 1000, Rating.Again),
		entry(NOW - DAY, Rating.Hard),
		entry(NOW - DAY, Rating.Good, State.Learning),
		entry(NOW - 3 * DAY, Rating.Easy),
		entry(NOW - 40 * DAY, Rating.Good)
	];

	it('counts reviews per day for the last 30 days', () => {
		const days = reviewsPerDay(log, NOW, opts);
		expect(days).toHaveLength(30);
		expect(days[29]).toEqual({ day: '2025-01-31', count: 2, again: 1 });
		expect(days[28]).toEqual({ day: '2025-01-30', count: 2, again: 0 });
		expect(days.reduce((n, d) => n + d.count, 0)).toBe(5);
	});

	it('measures true retention over Review-state answers only', () => {
		expect(trueRetention(log, 0.9)).toEqual({
			reviews: 5,
			passed: 4,
			retention: 0.8,
			desired: 0.9
		});
		expect(trueRetention([], 0.9).retention).toBeNull();
	});

	it('forecasts due cards, overdue counted today', () => {
		const cards = [
			card('a', State.Review, 5, NOW - 5 * DAY),
			card('a', State.Review, 5, NOW + 2 * DAY),
			card('a', State.Learning, 1, NOW + 3600_000),
			card('a', State.Review, 5, NOW + 90 * DAY)
		];
		const f = dueForecast(cards, NOW, opts);
		expect(f[0]).toEqual({ day: '2025-01-31', count: 2 });
		expect(f[2]!.count).toBe(1);
		expect(f.reduce((n, d) => n + d.count, 0)).toBe(3);
	});

	it('builds a calendar with a streak', () => {
		const cal = studyCalendar(log, NOW, opts);
		expect(cal.days.map((d) => d.day)).toEqual([
			'2024-12-22',
			'2025-01-28',
			'2025-01-30',
			'2025-01-31'
		]);
		expect(cal.streak).toBe(2);
		expect(studyCalendar(log, NOW + DAY, opts).streak).toBe(2);
		expect(studyCalendar(log, NOW + 2 * DAY, opts).streak).toBe(0);
	});

	it('computes mastery per set against question totals', () => {
		const cards = [
			card('a', State.Review, 30, 0),
			card('a', State.Review, 3, 0),
			card('a', State.Learning, 0.5, 0),
			card('b', State.Review, 100, 0)
		];
		const m = masteryBySet(cards, new Map([['a', 10]]), NOW);
		expect(m).toEqual([
			{
				setId: 'a',
				total: 10,
				studied: 3,
				learned: 2,
				mastered: 1,
				learning: 2,
				fresh: 7,
				due: 3,
				mastery: 0.1
			},
			{
				setId: 'b',
				total: 1,
				studied: 1,
				learned: 1,
				mastered: 1,
				learning: 0,
				fresh: 0,
				due: 1,
				mastery: 1
			}
		]);
		// One set's figure is the same whether computed alone or among all sets.
		expect(setMastery('a', 10, cards, NOW)).toEqual(m[0]);
	});
});
