import { describe, expect, it } from 'vitest';
import { Rating, State, type StoredCard } from './card';
import { buildQueue } from './queue';
import { studiedSince } from './studied';
import { answerCard, newCard } from './scheduler';
import { DEFAULT_SETTINGS } from './settings';
import { dayKey, dayNumber, startOfDay } from './day';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

function card(q: string, state: State, due = T0): StoredCard {
	return { ...newCard(q, 's', T0), state, due, reps: state === State.New ? 0 : 3 };
}

describe('buildQueue', () => {
	it('puts learning first, limits reviews and new, spreads new among reviews', () => {
		const due = [
			card('l1', State.Learning),
			...Array.from({ length: 10 }, (_, i) => card(`r${i}`, State.Review)),
			card('l2', State.Relearning)
		];
		const q = buildQueue({
			due,
			newQuestionIds: ['n1', 'n2', 'n3', 'n4'],
			studiedToday: { new: 2, reviews: 2 },
			limits: { newPerDay: 4, reviewsPerDay: 10 }
		});
		expect(q.counts).toEqual({ learning: 2, review: 8, new: 2 });
		const kinds = q.items.map((i) => (i.kind === 'new' ? i.questionId : i.kind[0]));
		expect(kinds).toEqual(['l', 'l', 'r', 'r', 'n1', 'r', 'r', 'r', 'r', 'n2', 'r', 'r']);
	});

	it('serves only new cards when nothing is due', () => {
		const q = buildQueue({
			due: [],
			newQuestionIds: ['a', 'b', 'c'],
			studiedToday: { new: 0, reviews: 0 },
			limits: { newPerDay: 2, reviewsPerDay: 0 }
		});
		expect(q.items).toEqual([
			{ kind: 'new', questionId: 'a' },
			{ kind: 'new', questionId: 'b' }
		]);
	});
});

describe('studiedSince', () => {
	it('counts first answers as new and Review-state answers as reviews', () => {
		const a = answerCard(newCard('q', 's', T0), Rating.Good, T0, DEFAULT_SETTINGS);
		const b = answerCard(a.card, Rating.Good, T0 + 600_000, DEFAULT_SETTINGS);
		const c = answerCard(b.card, Rating.Good, b.card.due, DEFAULT_SETTINGS);
		expect(b.card.state).toBe(State.Review);
		expect(studiedSince([a.review, b.review, c.review], T0)).toEqual({ new: 1, reviews: 1 });
		expect(studiedSince([a.review], T0 + 1)).toEqual({ new: 0, reviews: 0 });
	});
});

describe('day boundaries', () => {
	it('starts the study day at 4 am local time', () => {
		// UTC+2 (offset -120): 2025-01-06 03:30 local is still the study day of 01-05.
		const opts = { offsetMinutes: -120 };
		const at = Date.UTC(2025, 0, 6, 1, 30);
		expect(startOfDay(at, opts)).toBe(Date.UTC(2025, 0, 5, 2, 0));
		expect(dayKey(dayNumber(at, opts))).toBe('2025-01-05');
		expect(dayKey(dayNumber(at + 3600_000, opts))).toBe('2025-01-06');
		// UTC-5, rollover at midnight
		expect(startOfDay(Date.UTC(2025, 0, 6, 3), { offsetMinutes: 300, rolloverHour: 0 })).toBe(
			Date.UTC(2025, 0, 5, 5)
		);
	});
});
