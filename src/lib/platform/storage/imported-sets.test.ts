import { describe, expect, it } from 'vitest';
import { Rating } from '../../core/srs/card';
import { openDb } from './db';
import { getCard } from './cards';
import { countReviews } from './review-log';
import { listSets } from './sets';
import { saveImportedSets } from './imported-sets';
import { answer, fresh, SAMPLE_SET, T0 } from './test-helpers';

describe('saveImportedSets', () => {
	it('writes the sets, their cards and their reviews together', async () => {
		const db = await openDb({ name: 'imported-ok' });
		const one = answer(fresh('q1'), Rating.Good, T0);
		const two = answer(one.card, Rating.Again, T0 + 86_400_000);
		const other = { ...SAMPLE_SET, id: 'bio-2', title: 'Cells 2' };
		await saveImportedSets(
			db,
			[SAMPLE_SET, other],
			{ cards: [two.card], reviews: [one.review, two.review] },
			T0
		);
		expect((await listSets(db)).map((s) => [s.set.id, s.origin, s.updatedAt])).toEqual([
			['bio', 'imported', T0],
			['bio-2', 'imported', T0]
		]);
		expect(await getCard(db, 'bio/q1')).toEqual(two.card);
		expect(await countReviews(db)).toBe(2);
	});

	it('writes nothing when any part fails', async () => {
		const db = await openDb({ name: 'imported-fail' });
		const good = answer(fresh('q1'), Rating.Good, T0);
		// A card without its key cannot be stored: the whole import must roll back.
		const broken = { ...good.card, id: undefined } as unknown as typeof good.card;
		await expect(
			saveImportedSets(db, [SAMPLE_SET], { cards: [good.card, broken], reviews: [good.review] }, T0)
		).rejects.toThrow();
		expect(await listSets(db)).toEqual([]);
		expect(await getCard(db, 'bio/q1')).toBeUndefined();
		expect(await countReviews(db)).toBe(0);
	});
});

describe('progressForSet', () => {
	it("returns one set's cards and reviews, not another's", async () => {
		const { progressForSet } = await import('./set-progress');
		const db = await openDb({ name: 'progress-for-set' });
		const a = answer(fresh('q1'), Rating.Good, T0);
		const b = answer(fresh('q1', 'other'), Rating.Again, T0);
		await saveImportedSets(db, [], { cards: [a.card, b.card], reviews: [a.review, b.review] }, T0);
		const got = await progressForSet(db, 'bio');
		expect(got.cards).toEqual([a.card]);
		expect(got.reviews.map((r) => r.cardId)).toEqual(['bio/q1']);
	});
});
