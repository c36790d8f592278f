import { describe, expect, it } from 'vitest';
import { Rating } from '../srs/card';
import { openDb } from './db';
import { checkDatabase, isClean } from './check';
import { getCard } from './cards';
import { recordAnswer } from './reviews';
import { answer, fresh, T0 } from './test-helpers';
import { suspendCard } from '../srs/suspend';

describe('checkDatabase', () => {
	it('repairs what it finds, and a second run finds nothing', async () => {
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
			invalidCards: 1,
			invalidReviews: 1,
			orphanReviews: 1, // a's entry, once its card was removed
			leechFlags: 1,
			meta: 2,
			unknownQuestions: 1 // bio/b
		});
		expect(await getCard(db, 'bio/a')).toBeUndefined();
		expect((await getCard(db, 'bio/c'))?.leech).toBe(true);
		const again = await checkDatabase(db);
		expect(isClean(again)).toBe(true);
		expect(again.unknownQuestions).toBe(0);
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
