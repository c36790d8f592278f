import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../srs/settings';
import { answerCard, newCard } from '../../../srs/scheduler';
import { openApkg } from './collection';
import { collectionToSets } from './convert';
import { replayHistory } from './history';
import { NOW, legacyApkg } from './test-decks';

const DAY = 86_400_000;

describe('Anki review history', () => {
	it('replays the revlog through FSRS so the card continues where Anki left it', async () => {
		const SQL = await initSqlJs();
		const result = collectionToSets(openApkg(legacyApkg(SQL), SQL), { setId: 'deck' });
		if (!result.ok) throw new Error('import failed');
		const { cards, reviews } = replayHistory(result.value.history, DEFAULT_SETTINGS);
		expect(cards).toHaveLength(1);
		expect(reviews.map((r) => r.rating)).toEqual([3, 3, 1, 3, 4]);
		expect(reviews.map((r) => r.reviewedAt)).toEqual(
			[0, 1, 5, 5.01, 9].map((d) => Math.round(NOW - 60 * DAY + d * DAY))
		);
		// The same answers given by hand at the same times give the same card.
		let card = newCard('f-6lr-b-xz', 'deck', reviews[0]!.reviewedAt);
		for (const r of reviews)
			card = answerCard(card, r.rating as 1 | 2 | 3 | 4, r.reviewedAt, DEFAULT_SETTINGS).card;
		expect(cards[0]).toEqual(card);
		expect(cards[0]).toMatchObject({ id: 'deck/f-6lr-b-xz', reps: 5, lapses: 1, state: 2 });
		expect(cards[0]!.due).toBeGreaterThan(reviews[4]!.reviewedAt + DAY);
		expect(cards[0]!.last_review).toBe(reviews[4]!.reviewedAt);
	});

	it('skips manual reschedules and leaves cards without answers new', () => {
		const { cards, reviews } = replayHistory(
			[
				{ setId: 's', questionId: 'a', reviews: [{ at: NOW, cid: 1, ease: 0, type: 4 }] },
				{
					setId: 's',
					questionId: 'b',
					reviews: [
						{ at: NOW + DAY, cid: 2, ease: 3, type: 1 },
						{ at: NOW, cid: 2, ease: 0, type: 5 },
						{ at: NOW - DAY, cid: 2, ease: 2, type: 0 }
					]
				}
			],
			DEFAULT_SETTINGS
		);
		expect(cards.map((c) => c.questionId)).toEqual(['b']);
		expect(reviews.map((r) => [r.rating, r.reviewedAt])).toEqual([
			[2, NOW - DAY],
			[3, NOW + DAY]
		]);
	});
});
