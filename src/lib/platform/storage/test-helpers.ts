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
		expected: cardCounts(
			await db.getAll('cards'),
			await detailWeek(db.transaction('meta').store)
		).sort(byKey)
	};
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
