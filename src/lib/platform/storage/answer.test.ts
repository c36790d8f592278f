// Two tabs, wrong clocks: answers computed from the card as stored, in its transaction.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { cardId, Rating, type Grade, type StoredCard } from '../../core/srs/card';
import { GRADES } from '../../core/srs/scheduler';
import { fcOptions } from '../../core/fc-options';
import { openDb } from './db';
import { getCard } from './cards';
import { answerStoredCard, undoReview } from './answer';
import { reviewsForCard, countReviews } from './review-log';
import { answer, DAY, fresh, T0 } from './test-helpers';

/** What every screen passes: the stored card, or a new one when never studied. */
const rate = (q: string, rating: Grade, now: number) => (stored: StoredCard | undefined) =>
	answer(stored ?? fresh(q, 'bio', now), rating, now);

describe('answerStoredCard', () => {
	it('two tabs answering the same card at once both count', async () => {
		const name = 'two-tabs';
		const [a, b] = await Promise.all([openDb({ name }), openDb({ name })]);
		// Both tabs show the card as never studied; both answer "at once".
		await Promise.all([
			answerStoredCard(a, 'bio/q', rate('q', Rating.Good, T0)),
			answerStoredCard(b, 'bio/q', rate('q', Rating.Easy, T0 + 1000))
		]);
		const card = await getCard(a, 'bio/q');
		expect(card?.reps).toBe(2);
		const log = await reviewsForCard(a, 'bio/q');
		expect(log.map((r) => r.before.reps).sort()).toEqual([0, 1]);
		a.close();
		b.close();
	});

	it('writes nothing when compute throws', async () => {
		const db = await openDb();
		await expect(
			answerStoredCard(db, 'bio/q', () => {
				throw new Error('no');
			})
		).rejects.toThrow('no');
		expect(await countReviews(db)).toBe(0);
		db.close();
	});
});

describe('undoReview', () => {
	it('takes back only its own review, and says when another tab answered since', async () => {
		const name = 'undo-tabs';
		const [a, b] = await Promise.all([openDb({ name }), openDb({ name })]);
		const mineA = await answerStoredCard(a, 'bio/q', rate('q', Rating.Good, T0));
		const other = await answerStoredCard(a, 'bio/r', rate('r', Rating.Good, T0 + 1));
		const mineB = await answerStoredCard(b, 'bio/q', rate('q', Rating.Hard, T0 + 2));

		// A's latest answer is on r, but the log's latest is B's; A's undo of q must not
		// take back B's answer.
		const refused = await undoReview(a, mineA.key);
		expect(refused.status).toBe('answered-elsewhere');
		expect((await getCard(a, 'bio/q'))?.reps).toBe(2);

		expect(await undoReview(a, other.key)).toMatchObject({ status: 'undone' });
		expect(await getCard(a, 'bio/r')).toBeUndefined();
		// B undoes its own; then A's is the latest on q again and can go.
		expect(await undoReview(b, mineB.key)).toMatchObject({ status: 'undone' });
		expect(await undoReview(a, mineA.key)).toMatchObject({ status: 'undone', card: undefined });
		expect(await undoReview(b, mineB.key)).toEqual({ status: 'gone' });
		expect(await countReviews(a)).toBe(0);
		a.close();
		b.close();
	});
});

describe('a clock that jumps back and forth', () => {
	it('stores every answer, keeps every card finite and records clamped times', async () => {
		const jump = fc.record({
			q: fc.constantFrom('a', 'b', 'c'),
			rating: fc.constantFrom<Grade>(...GRADES),
			// Days forward or back (a phone set ahead, then corrected), plus a few minutes.
			days: fc.integer({ min: -10, max: 10 }),
			minutes: fc.integer({ min: 0, max: 600 })
		});
		await fc.assert(
			fc.asyncProperty(fc.array(jump, { minLength: 1, maxLength: 40 }), async (steps) => {
				globalThis.indexedDB = new IDBFactory();
				const db = await openDb();
				let clock = T0;
				for (const s of steps) {
					clock += s.days * DAY + s.minutes * 60_000;
					const id = cardId('bio', s.q);
					const before = await getCard(db, id);
					const { review, card } = await answerStoredCard(db, id, rate(s.q, s.rating, clock));
					const last = before?.last_review;
					if (last !== undefined && clock < last) {
						expect(review.clampedFrom).toBe(clock);
						expect(review.reviewedAt).toBe(last);
					} else {
						expect(review.clampedFrom).toBeUndefined();
						expect(review.reviewedAt).toBe(clock);
					}
					for (const [k, x] of Object.entries(card))
						if (typeof x === 'number') expect(Number.isFinite(x), k).toBe(true);
					expect(card.due).toBeGreaterThanOrEqual(review.reviewedAt);
				}
				expect(await countReviews(db)).toBe(steps.length);
				db.close();
			}),
			fcOptions(60)
		);
	});
});
