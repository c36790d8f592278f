// Reading the review log. Apart from the writes (./reviews.ts, ./answer.ts), which keep the
// tallies and card counts in step, so a page that only reads (Home) does not download them.
import type { ReviewEntry } from '../../core/srs/card';
import type { Db } from './db';

/** Answers from `from` (inclusive) to `to` (exclusive), oldest first. */
export function reviewsSince(db: Db, from: number, to = Infinity): Promise<ReviewEntry[]> {
	return db.getAllFromIndex('reviews', 'by-time', IDBKeyRange.bound(from, to, false, true));
}

export function reviewsForCard(db: Db, cardId: string): Promise<ReviewEntry[]> {
	return db.getAllFromIndex('reviews', 'by-card', cardId);
}

/** Whether the log has any answer: one key read, not a count of the whole log. */
export async function hasReviews(db: Db): Promise<boolean> {
	return (await db.getAllKeys('reviews', null, 1)).length > 0;
}

export function countReviews(db: Db): Promise<number> {
	return db.count('reviews');
}

/** The latest answer (in `setId`, if given): lets the UI label "Undo Good on …". */
export async function lastReview(db: Db, setId?: string): Promise<ReviewEntry | undefined> {
	const store = db.transaction('reviews').store;
	const cursor =
		setId === undefined
			? await store.openCursor(null, 'prev')
			: await store.index('by-set').openCursor(IDBKeyRange.only(setId), 'prev');
	return cursor?.value;
}
