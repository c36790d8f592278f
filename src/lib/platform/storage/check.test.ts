import { describe, expect, it } from 'vitest';
import { Rating, type ReviewEntry } from '../../core/srs/card';
import { answerCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { openDb } from './db';
import { checkDatabase, isClean } from './check';
import { getCard } from './cards';
import { countReviews, recordAnswer, reviewsForCard } from './reviews';
import { answer, fresh, T0 } from './test-helpers';
import { StoredCardSchema } from './validators';
import { suspendCard } from '../../core/srs/suspend';
import * as v from 'valibot';

const replay = (e: ReviewEntry) =>
	answerCard(e.before, e.rating, e.reviewedAt, DEFAULT_SETTINGS).card;

describe('checkDatabase', () => {
	it('repairs what it finds, keeps every answer, and a second run finds nothing', async () => {
		const db = await openDb();
		const a = answer(fresh('a'), Rating.Good, T0);
		const b = answer(fresh('b'), Rating.Good, T0);
		const c = answer(fresh('c'), Rating.Good, T0);
		await recordAnswer(db, a);
		await recordAnswer(db, b);
		await recordAnswer(db, c);
		// Corruptions: NaN due, a card whose log entry is gone, a missing leech flag, a
		// broken log entry, bad settings and a wrong schema version.
		await db.put('cards', { ...a.card, due: NaN });
		await db.put('cards', { ...c.card, lapses: 9 });
		await db.add('reviews', { ...b.review, reviewedAt: Infinity });
		await db.put('settings', { desiredRetention: 2 }, 'srs');
		await db.put('meta', 0, 'schemaVersion');

		const report = await checkDatabase(db, new Map([['bio', new Set(['a', 'c'])]]));
		expect(report).toEqual({
			invalidCards: 0,
			rebuiltCards: 0,
			mendedCards: 1, // a: no scheduler given; its due date becomes its last review
			invalidReviews: 0,
			mendedReviews: 1, // b's second entry: its time comes from its snapshot
			orphanReviews: 0,
			orphanMedia: 0,
			leechFlags: 1,
			meta: 2,
			unknownQuestions: 1 // bio/b
		});
		expect(await getCard(db, 'bio/a')).toEqual({ ...a.card, due: a.card.last_review });
		expect((await getCard(db, 'bio/c'))?.leech).toBe(true);
		expect(await countReviews(db)).toBe(4);
		const again = await checkDatabase(db);
		expect(isClean(again)).toBe(true);
		expect(again.unknownQuestions).toBe(0);
		db.close();
	});

	it('rebuilds a poisoned card and a missing one from their latest answers', async () => {
		const db = await openDb();
		// What one answer to a card restored with last_review 1e300 stored before the fix.
		const first = answer(fresh('p'), Rating.Good, T0);
		await recordAnswer(db, first);
		const poisoned = { ...first.card, last_review: 1e300 };
		await recordAnswer(db, {
			card: { ...poisoned, stability: NaN, elapsed_days: NaN, reps: 2 },
			review: { ...first.review, before: poisoned, elapsedDays: NaN, reviewedAt: T0 + 1 }
		});
		// A card whose row was lost while its answers stayed.
		const lost = answer(fresh('l'), Rating.Easy, T0);
		await recordAnswer(db, lost);
		await db.delete('cards', 'bio/l');

		const report = await checkDatabase(db, { replay });
		expect(report).toMatchObject({
			rebuiltCards: 2,
			mendedReviews: 1,
			invalidCards: 0,
			invalidReviews: 0,
			orphanReviews: 0
		});
		const p = await getCard(db, 'bio/p');
		expect(v.is(StoredCardSchema, p)).toBe(true);
		expect(await reviewsForCard(db, 'bio/p')).toHaveLength(2);
		expect(await getCard(db, 'bio/l')).toEqual(lost.card);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('leaves settings saved before newer fields existed, and suspended cards, alone', async () => {
		const db = await openDb();
		const a = answer(fresh('a'), Rating.Good, T0);
		await recordAnswer(db, a);
		await db.put('cards', suspendCard(a.card));
		const older = {
			desiredRetention: 0.85,
			newPerDay: 10,
			reviewsPerDay: 100,
			learningSteps: ['1m', '10m'],
			relearningSteps: ['10m'],
			maximumInterval: 365,
			leechThreshold: 8
		};
		await db.put('settings', older, 'srs');
		expect(isClean(await checkDatabase(db))).toBe(true);
		expect(await db.get('settings', 'srs')).toEqual(older);
		expect((await getCard(db, 'bio/a'))?.suspendedDue).toBe(a.card.due);
		db.close();
	});
});
