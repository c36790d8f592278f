// Test-only fixtures for storage tests.
import type { QuestionSet } from '../../core/bank/schema';
import { answerCard, newCard, type AnswerResult } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import type { Grade, ReviewEntry, StoredCard } from '../../core/srs/card';
import { type CardCount } from '../../core/srs/card-count';
import { cardCounts } from '../../core/srs/count-cards';
import type { Db } from './db';
import { detailWeek } from './card-counts';
import { talliesFrom } from './tallies';
import { tallyEntries, type ReviewTally } from '../../core/srs/tally-record';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
export const DAY = 86_400_000;

export function answer(card: StoredCard, rating: Grade, now: number): AnswerResult {
	return answerCard(card, rating, now, DEFAULT_SETTINGS);
}

export function fresh(questionId: string, setId = 'bio', now = T0): StoredCard {
	return newCard(questionId, setId, now);
}

export const SAMPLE_SET: QuestionSet = {
	id: 'bio',
	version: 1,
	title: 'Cells',
	language: 'en',
	questions: [
		{ id: 'q1', type: 'flashcard', prompt: 'Powerhouse of the cell?', back: 'Mitochondria' }
	]
};

/** The card counts as stored, and as they should be: rebuilt from the cards themselves. */
export async function cardCountsNow(
	db: Db
): Promise<{ stored: CardCount[]; expected: CardCount[] }> {
	const byKey = (a: CardCount, b: CardCount) =>
		a.setId < b.setId ? -1 : a.setId > b.setId ? 1 : a.span - b.span || a.slot - b.slot;
	return {
		stored: await db.getAll('cardCounts'),
		expected: cardCounts(await allCards(db), await detailWeek(db.transaction('meta').store)).sort(
			byKey
		)
	};
}

/** Every card in id order, as the stores hold it: stored and paged (./card-packs.ts). */
export async function allCards(db: Db): Promise<StoredCard[]> {
	const [stored, packs] = await Promise.all([db.getAll('cards'), db.getAll('cardPacks')]);
	return [...stored, ...packs.flatMap((p) => p.cards)].sort((a, b) =>
		a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
}

/**
 * Changes card `id` where it is stored, in its pack or the store, as damage would: no
 * counts, and a pack's index keys stay as they were. `edit` returning undefined deletes it
 * (a lost card).
 */
export async function damageCard(
	db: Db,
	id: string,
	edit: (card: StoredCard) => unknown
): Promise<void> {
	const tx = db.transaction(['cards', 'cardPacks'], 'readwrite');
	const store = tx.objectStore('cards');
	const stored = await store.get(id);
	if (stored) {
		const next = edit(stored) as StoredCard | undefined;
		await (next ? store.put(next) : store.delete(id));
	} else
		for (const pack of await tx.objectStore('cardPacks').getAll()) {
			const i = pack.cards.findIndex((c) => c.id === id);
			if (i < 0) continue;
			const next = edit(pack.cards[i]!) as StoredCard | undefined;
			const cards = [...pack.cards];
			const keys = [...pack.keys];
			if (next) cards[i] = next;
			else {
				cards.splice(i, 1);
				keys.splice(i, 1);
			}
			await tx.objectStore('cardPacks').put({ ...pack, cards, keys });
		}
	await tx.done;
}

/** The whole review log in id order, as the stores hold it: the pages a restore wrote,
 * then the `reviews` store (./review-pages.ts). */
export async function readLog(db: Db): Promise<ReviewEntry[]> {
	const [pages, loose] = await Promise.all([db.getAll('reviewPages'), db.getAll('reviews')]);
	return [...pages.flatMap((p) => p.entries), ...loose];
}

/** The tallies the log should have: those of its answers from the first slot kept on. */
export async function loggedTallies(db: Db): Promise<ReviewTally[]> {
	const from = await talliesFrom(db);
	return tallyEntries((await readLog(db)).filter((e) => e.reviewedAt >= from));
}
