import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../core/srs/card';
import { openDb } from './db';
import { countDue, dueCards, getCard, getCards, nextDueAfter, cardIdsForSet } from './cards';
import { putCards } from './card-writes';
import { recordAnswer, undoLastReview } from './reviews';
import { lastReview, reviewsSince } from './review-log';
import { getSrsSettings, putSrsSettings } from './settings';
import { answer, DAY, fresh, T0 } from './test-helpers';

describe('recordAnswer / undoLastReview', () => {
	it('saves card and log together and undoes exactly', async () => {
		const db = await openDb();
		const first = answer(fresh('q1'), Rating.Good, T0);
		const key1 = await recordAnswer(db, first);
		expect(await getCard(db, 'bio/q1')).toEqual(first.card);
		const second = answer(first.card, Rating.Good, T0 + 600_000);
		const key2 = await recordAnswer(db, second);
		expect(key2).toBeGreaterThan(key1);
		expect((await lastReview(db))?.id).toBe(key2);

		const undone = await undoLastReview(db);
		expect(undone?.card).toStrictEqual(first.card);
		expect(await getCard(db, 'bio/q1')).toStrictEqual(first.card);
		// Undoing the first answer makes the question new again: no card stored.
		expect((await undoLastReview(db))?.card).toBeUndefined();
		expect(await getCard(db, 'bio/q1')).toBeUndefined();
		expect(await undoLastReview(db)).toBeUndefined();
		db.close();
	});

	it('undoes within one set only when asked', async () => {
		const db = await openDb();
		await recordAnswer(db, answer(fresh('a', 'bio'), Rating.Good, T0));
		await recordAnswer(db, answer(fresh('b', 'chem'), Rating.Good, T0 + 1));
		const undone = await undoLastReview(db, 'bio');
		expect(undone?.review.cardId).toBe('bio/a');
		expect(await getCard(db, 'chem/b')).toBeDefined();
		db.close();
	});

	it('writes nothing when the transaction fails', async () => {
		const db = await openDb();
		const good = answer(fresh('q'), Rating.Good, T0);
		// A function cannot be cloned: the review add fails, so the card must not change.
		const bad = {
			...good,
			review: { ...good.review, rating: (() => 3) as unknown as Rating.Good }
		};
		await expect(recordAnswer(db, bad)).rejects.toThrow();
		expect(await getCard(db, 'bio/q')).toBeUndefined();
		db.close();
	});
});

describe('due queries', () => {
	it('use the index with a limit, overall and per set', async () => {
		const db = await openDb();
		const cards = Array.from({ length: 50 }, (_, i) => ({
			...fresh(`q${i}`, i % 2 ? 'bio' : 'chem'),
			state: State.Review,
			reps: 1,
			stability: 3,
			difficulty: 5,
			due: T0 + (i - 25) * DAY
		}));
		await putCards(db, cards);
		const due = await dueCards(db, { now: T0, limit: 10 });
		expect(due).toHaveLength(10);
		expect(due.map((c) => c.due)).toEqual([...due.map((c) => c.due)].sort((a, b) => a - b));
		expect(await countDue(db, T0)).toBe(26);
		expect(await countDue(db, T0, 'bio')).toBe(13);
		const bio = await dueCards(db, { now: T0, limit: 100, setId: 'bio' });
		expect(bio.every((c) => c.setId === 'bio' && c.due <= T0)).toBe(true);
		expect(bio).toHaveLength(13);
		expect(await nextDueAfter(db, T0)).toBe(T0 + DAY);
		expect(await nextDueAfter(db, T0, 'bio')).toBe(T0 + 2 * DAY);
		expect((await cardIdsForSet(db, 'bio')).length).toBe(25);
		const got = await getCards(db, ['bio/q1', 'nope/x']);
		expect(got[0]?.id).toBe('bio/q1');
		expect(got[1]).toBeUndefined();
		db.close();
	});

	it('lists reviews since a time', async () => {
		const db = await openDb();
		await recordAnswer(db, answer(fresh('a'), Rating.Good, T0));
		await recordAnswer(db, answer(fresh('b'), Rating.Good, T0 + DAY));
		expect((await reviewsSince(db, T0 + 1)).map((r) => r.cardId)).toEqual(['bio/b']);
		db.close();
	});
});

describe('settings', () => {
	it('default, clamp and persist', async () => {
		const db = await openDb();
		expect((await getSrsSettings(db)).desiredRetention).toBe(0.9);
		const s = await putSrsSettings(db, { desiredRetention: 0.5, newPerDay: 5 });
		expect(s).toMatchObject({ desiredRetention: 0.7, newPerDay: 5 });
		expect(await getSrsSettings(db)).toEqual(s);
		db.close();
	});
});
