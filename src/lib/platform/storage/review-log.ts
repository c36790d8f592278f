// Reading the review log: the `reviews` store and the pages a restore wrote
// (./review-pages.ts). Apart from the writes (./reviews.ts, ./answer.ts), which keep the
// tallies and card counts in step, so a page that only reads (Home) does not download them.
import type { ReviewEntry } from '../../core/srs/card';
import type { Db } from './db';
import { byTime, lastPaged, pagedCount, pagedSince } from './review-pages';

/** Answers from `from` (inclusive) to `to` (exclusive), oldest first. */
export async function reviewsSince(db: Db, from: number, to = Infinity): Promise<ReviewEntry[]> {
	const tx = db.transaction(['reviews', 'reviewPages']);
	const [loose, paged] = await Promise.all([
		tx
			.objectStore('reviews')
			.index('by-time')
			.getAll(IDBKeyRange.bound(from, to, false, true)),
		pagedSince(tx.objectStore('reviewPages'), from, to)
	]);
	// Every paged id is below every other: a day with no paged answer is read as it was.
	return paged.length ? [...paged, ...loose].sort(byTime) : loose;
}

/** Every answer to one card, in id order. Reads every page: for tests and repairs. */
export async function reviewsForCard(db: Db, cardId: string): Promise<ReviewEntry[]> {
	const tx = db.transaction(['reviews', 'reviewPages']);
	const [loose, pages] = await Promise.all([
		tx.objectStore('reviews').index('by-card').getAll(cardId),
		tx.objectStore('reviewPages').getAll()
	]);
	return [...pages.flatMap((p) => p.entries.filter((e) => e.cardId === cardId)), ...loose];
}

/** Whether the log has any answer: a key read or two, not a count of the whole log. */
export async function hasReviews(db: Db): Promise<boolean> {
	const tx = db.transaction(['reviews', 'reviewPages']);
	const [loose, paged] = await Promise.all([
		tx.objectStore('reviews').getAllKeys(null, 1),
		tx.objectStore('reviewPages').getAllKeys(null, 1)
	]);
	return loose.length + paged.length > 0;
}

export async function countReviews(db: Db): Promise<number> {
	const tx = db.transaction(['reviews', 'reviewPages']);
	const [loose, paged] = await Promise.all([
		tx.objectStore('reviews').count(),
		pagedCount(tx.objectStore('reviewPages'))
	]);
	return loose + paged;
}

/** The latest answer (in `setId`, if given). */
export async function lastReview(db: Db, setId?: string): Promise<ReviewEntry | undefined> {
	const tx = db.transaction(['reviews', 'reviewPages']);
	const store = tx.objectStore('reviews');
	const cursor =
		setId === undefined
			? await store.openCursor(null, 'prev')
			: await store.index('by-set').openCursor(IDBKeyRange.only(setId), 'prev');
	if (cursor) return cursor.value;
	const last = await lastPaged(tx.objectStore('reviewPages'), setId);
	return last?.page.entries[last.at];
}
