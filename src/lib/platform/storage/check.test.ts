import { describe, expect, it } from 'vitest';
import { Rating, type ReviewEntry } from '../../core/srs/card';
import { answerCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { openDb } from './db';
import { CheckCancelledError, checkDatabase, isClean, type CheckProgress } from './check';
import { getCard } from './cards';
import { recordAnswer } from './reviews';
import { countReviews, reviewsForCard } from './review-log';
import { answer, cardCountsNow, fresh, T0 } from './test-helpers';
import { emptyCount, Span } from '../../core/srs/card-count';
import { StoredCardSchema } from './validators';
import { suspend } from './leeches';
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
		await db.put('cardCounts', { ...emptyCount('gone', Span.Quarter, 5), all: 1 });
		const total = (await db.get('cardCounts', ['bio', Span.Total, 0]))!;
		await db.put('cardCounts', { ...total, all: total.all + 1 });

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
			tallies: 1, // b's second entry was written straight to the log, not counted
			cardCounts: 2, // a count of no card, and a set total off by one
			unknownQuestions: 1 // bio/b
		});
		expect(await getCard(db, 'bio/a')).toEqual({ ...a.card, due: a.card.last_review });
		expect((await getCard(db, 'bio/c'))?.leech).toBe(true);
		expect(await countReviews(db)).toBe(4);
		const counts = await cardCountsNow(db);
		expect(counts.stored).toEqual(counts.expected);
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
		await suspend(db, a.card.id);
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

	it('reads in chunks with progress, and a cancelled check repairs nothing', async () => {
		const db = await openDb();
		const answers = ['a', 'b', 'c', 'd', 'e'].map((q) => answer(fresh(q), Rating.Good, T0));
		for (const a of answers) await recordAnswer(db, a);
		// Damage spread over several chunks: the last card and the middle log entry.
		await db.put('cards', { ...answers[4]!.card, due: NaN });
		const middle = (await db.getAllKeys('reviews'))[2]!;
		await db.put('reviews', { ...(await db.get('reviews', middle))!, elapsedDays: NaN });
		const stored = async () =>
			JSON.stringify([await db.getAll('cards'), await db.getAll('reviews')]);
		const damaged = await stored();

		const controller = new AbortController();
		const seen: CheckProgress[] = [];
		const cancelled = checkDatabase(db, {
			replay,
			chunk: 2,
			signal: controller.signal,
			onProgress: (p) => {
				seen.push(p);
				if (p.done >= 4) controller.abort();
			}
		});
		await expect(cancelled).rejects.toBeInstanceOf(CheckCancelledError);
		expect(await stored()).toBe(damaged);

		seen.length = 0;
		const report = await checkDatabase(db, { replay, chunk: 2, onProgress: (p) => seen.push(p) });
		expect(report).toMatchObject({ rebuiltCards: 1, mendedReviews: 1 });
		// 5 log entries and 5 cards, two at a time: 0, 2, 4, 5, then the cards.
		expect(seen.map((p) => p.done)).toEqual([0, 2, 4, 5, 7, 9, 10, 10]);
		expect(seen.every((p) => p.total === 10)).toBe(true);
		expect(isClean(await checkDatabase(db, { replay, chunk: 2 }))).toBe(true);
		db.close();
	});
});
