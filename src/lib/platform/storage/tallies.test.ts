// The review tallies stay exactly the tallies of the log through every write the app
// makes: answers (both ways), undo (both ways), imported histories, deleted sets, restores,
// and Check database finds them right (or rebuilds them when they are not).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/quiz/rng';
import { Rating, type Grade, type StoredCard } from '../../core/srs/card';
import { tallyEntries } from '../../core/srs/tally';
import { tallySlot, TALLY_FROM_META } from '../../core/srs/tally-record';
import { answerStoredCard, undoReview } from './answer';
import { exportBackup, importBackup } from './backup';
import { checkDatabase, isClean } from './check';
import { openDb, type Db } from './db';
import { saveImportedSets } from './imported-sets';
import { recordAnswer, undoLastReview } from './reviews';
import { deleteSet } from './set-delete';
import { allTallies, talliesFrom } from './tallies';
import { answer, DAY, fresh, loggedTallies, SAMPLE_SET, T0 } from './test-helpers';
import { countReviews } from './review-log';

async function expectInStep(db: Db): Promise<void> {
	expect(await allTallies(db)).toEqual(await loggedTallies(db));
}

describe('review tallies in storage', () => {
	it('follow the log through answers, undo, imports, deleted sets and restores', async () => {
		const db = await openDb({ name: 'tallies-random' });
		const rng = createRng('tallies');
		const ratings: Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];
		const keys: number[] = [];
		let now = T0;
		for (let step = 0; step < 160; step++) {
			now += Math.floor(rng() * 0.6 * DAY);
			const setId = ['bio', 'chem', 'geo'][Math.floor(rng() * 3)]!;
			const id = `${setId}/q${Math.floor(rng() * 6)}`;
			const rating = ratings[Math.floor(rng() * 4)]!;
			const roll = rng();
			if (roll < 0.45) {
				const r = await answerStoredCard(db, id, (stored?: StoredCard) =>
					answer(stored ?? fresh(id.split('/')[1]!, setId, now), rating, now)
				);
				keys.push(r.key);
			} else if (roll < 0.7) {
				const stored = await db.get('cards', id);
				keys.push(
					await recordAnswer(
						db,
						answer(stored ?? fresh(id.split('/')[1]!, setId, now), rating, now)
					)
				);
			} else if (roll < 0.8 && keys.length) {
				await undoReview(db, keys.splice(Math.floor(rng() * keys.length), 1)[0]!);
			} else if (roll < 0.88) {
				await undoLastReview(db, rng() < 0.5 ? setId : undefined);
			} else if (roll < 0.94) {
				const first = answer(fresh('imp', `imported-${step}`, now), rating, now);
				const second = answer(first.card, Rating.Good, now + 3 * DAY);
				await saveImportedSets(
					db,
					[{ ...SAMPLE_SET, id: `imported-${step}` }],
					{ cards: [second.card], reviews: [first.review, second.review] },
					now
				);
			} else if (roll < 0.97) {
				await deleteSet(db, setId, { withProgress: true });
			} else {
				// A restore of what is there now, which must rebuild the same tallies, from
				// up to 100 days before now to 60 days after it on (a clock set back since).
				const text = await exportBackup(db);
				await db.clear('reviewTallies');
				await importBackup(db, text, { now: now + Math.floor(rng() * 160) * DAY });
			}
			await expectInStep(db);
		}
		expect(await countReviews(db)).toBeGreaterThan(30);
		expect(isClean(await checkDatabase(db))).toBe(true);
		db.close();
	});

	it('a restore brings the tallies of the file, not those of the data it replaced', async () => {
		const db = await openDb({ name: 'tallies-restore' });
		const a = answer(fresh('q1'), Rating.Good, T0);
		await recordAnswer(db, a);
		const text = await exportBackup(db);
		await recordAnswer(db, answer(a.card, Rating.Again, T0 + 3 * DAY));
		await recordAnswer(db, answer(fresh('q2', 'chem'), Rating.Again, T0 + 5 * DAY));
		await importBackup(db, text, { now: T0 + DAY });
		await expectInStep(db);
		expect((await allTallies(db)).map((t) => t.count)).toEqual([1]);
		db.close();
	});

	it('a restore keeps the last TALLY_KEEP_DAYS of tallies; earlier answers change none', async () => {
		const db = await openDb({ name: 'tallies-horizon' });
		const old = answer(fresh('q1'), Rating.Good, T0);
		const recent = answer(fresh('q2'), Rating.Good, T0 + 150 * DAY);
		for (const x of [old, recent]) await recordAnswer(db, x);
		const text = await exportBackup(db);
		await importBackup(db, text, { now: T0 + 160 * DAY });
		expect(await talliesFrom(db)).toBe(T0 + 60 * DAY);
		expect((await allTallies(db)).map((t) => t.slot)).toEqual([
			tallySlot(recent.review.reviewedAt)
		]);
		// An answer before the first slot kept (a clock set back), then taken back: no tally.
		const key = await recordAnswer(db, answer(old.card, Rating.Again, T0 + 5 * DAY));
		expect(await allTallies(db)).toHaveLength(1);
		await undoReview(db, key);
		expect(await allTallies(db)).toHaveLength(1);
		// Check database keeps to the same slots: nothing to repair, and a stray old tally goes.
		expect(isClean(await checkDatabase(db))).toBe(true);
		await db.put('reviewTallies', { ...tallyEntries([old.review])[0]! });
		expect((await checkDatabase(db)).tallies).toBe(1);
		await expectInStep(db);
		// Where the tallies start is this device's own: a backup file does not carry it.
		expect(await exportBackup(db)).not.toContain(TALLY_FROM_META);
		db.close();
	});

	it('Check database recounts wrong, missing and stray tallies', async () => {
		const db = await openDb({ name: 'tallies-check' });
		const a = answer(fresh('q1'), Rating.Good, T0);
		const b = answer(a.card, Rating.Again, T0 + 3 * DAY);
		const c = answer(fresh('q2'), Rating.Good, T0 + 6 * DAY);
		for (const x of [a, b, c]) await recordAnswer(db, x);
		const [first, second] = await allTallies(db);
		await db.put('reviewTallies', { ...first!, count: 7 });
		await db.delete('reviewTallies', second!.slot);
		await db.put('reviewTallies', { ...first!, slot: 1 });
		const report = await checkDatabase(db);
		expect(report.tallies).toBe(3);
		expect(isClean(report)).toBe(false);
		await expectInStep(db);
		expect(isClean(await checkDatabase(db))).toBe(true);
		db.close();
	});
});
