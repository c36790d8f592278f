import { describe, expect, it } from 'vitest';
import { Rating, State, type ReviewEntry } from './card';
import { newCard } from './scheduler';
import { ageBucket, retentionBy, retentionByAge } from './retention';
import { trueRetention } from './stats';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 31, 12);

function entry(
	questionId: string,
	elapsedDays: number,
	rating: ReviewEntry['rating'],
	state: State = State.Review
): ReviewEntry {
	const before = newCard(questionId, 's', NOW - elapsedDays * DAY);
	return {
		cardId: before.id,
		setId: 's',
		questionId,
		rating,
		state,
		reviewedAt: NOW,
		elapsedDays,
		scheduledDays: elapsedDays,
		due: NOW + DAY,
		before
	};
}

describe('ageBucket', () => {
	it('splits at one week, four weeks and three months', () => {
		expect([0, 6, 7, 27, 28, 89, 90, 400].map(ageBucket)).toEqual([
			'week',
			'week',
			'month',
			'month',
			'quarter',
			'quarter',
			'older',
			'older'
		]);
	});

	it('puts a nonsense interval with the shortest rather than failing', () => {
		expect(ageBucket(-3)).toBe('week');
		expect(ageBucket(Number.NaN)).toBe('week');
	});
});

describe('retentionByAge', () => {
	it('counts only answers to cards in the Review state, Again as forgotten', () => {
		const entries = [
			entry('a', 2, Rating.Good),
			entry('b', 3, Rating.Again),
			entry('c', 5, Rating.Hard),
			entry('d', 10, Rating.Easy),
			entry('e', 40, Rating.Again),
			// Learning and relearning steps would flatter the figure: left out.
			entry('f', 0, Rating.Again, State.Learning),
			entry('g', 0, Rating.Good, State.Relearning),
			entry('h', 0, Rating.Good, State.New)
		];
		expect(retentionByAge(entries)).toEqual([
			{ bucket: 'week', cell: { reviews: 3, passed: 2, retention: 2 / 3 } },
			{ bucket: 'month', cell: { reviews: 1, passed: 1, retention: 1 } },
			{ bucket: 'quarter', cell: { reviews: 1, passed: 0, retention: 0 } },
			{ bucket: 'older', cell: { reviews: 0, passed: 0, retention: null } }
		]);
	});

	it('adds up to the headline true retention', () => {
		const entries = Array.from({ length: 50 }, (_, i) =>
			entry(`q${i}`, (i * 37) % 200, i % 7 === 0 ? Rating.Again : Rating.Good, i % 5)
		);
		const rows = retentionByAge(entries);
		const all = trueRetention(entries, 0.9);
		expect(rows.reduce((n, r) => n + r.cell.reviews, 0)).toBe(all.reviews);
		expect(rows.reduce((n, r) => n + r.cell.passed, 0)).toBe(all.passed);
	});
});

describe('retentionBy', () => {
	it('groups by any key and leaves out entries without one', () => {
		const entries = [
			entry('a', 1, Rating.Good),
			entry('b', 1, Rating.Again),
			entry('c', 1, Rating.Good),
			entry('z', 1, Rating.Good)
		];
		const kind = new Map([
			['s/a', 'mcq'],
			['s/b', 'mcq'],
			['s/c', 'flashcard']
		]);
		const by = retentionBy(entries, (e) => kind.get(e.cardId));
		expect([...by]).toEqual([
			['mcq', { reviews: 2, passed: 1, retention: 0.5 }],
			['flashcard', { reviews: 1, passed: 1, retention: 1 }]
		]);
	});
});
