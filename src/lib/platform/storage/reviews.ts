// Answers and undo. Each is ONE readwrite transaction over cards + reviews + tallies, awaiting only
// that transaction's own requests, so a card never changes without its log entry
// (ARCHITECTURE.md "Data safety"). The log is append-only except for undo removing its last entry.
import { isUnreviewed, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { changeTallies } from './tallies';
import { writeCards } from './card-writes';
import { rewritePage } from './review-page-writes';
import { lastPaged } from './review-pages';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { StudydeckDB } from './schema';

export interface Answer {
	card: StoredCard;
	review: ReviewEntry;
}

/** Saves the answered card and its log entry together; resolves to the entry's key. */
export async function recordAnswer(db: Db, { card, review }: Answer): Promise<number> {
	const tx = db.transaction(
		['cards', 'cardPacks', 'reviews', 'reviewTallies', 'cardCounts', 'meta'],
		'readwrite'
	);
	// The store assigns the key; a stray `id` (even undefined) would be rejected.
	const entry = { ...review };
	delete entry.id;
	const [key] = await Promise.all([
		tx.objectStore('reviews').add(entry),
		writeCards(tx, { put: [card] }),
		changeTallies(tx.objectStore('reviewTallies'), [entry], 1),
		tx.done
	]);
	return key;
}

export interface Undone {
	review: ReviewEntry;
	/** The card as restored, or undefined when it went back to never studied. */
	card: StoredCard | undefined;
}

/**
 * Removes the latest answer (in `setId`, if given) and restores the card from its
 * `before` snapshot. A never-studied card is deleted rather than stored: a missing card
 * and an unreviewed one mean the same, and the queue treats the question as new again.
 */
export async function undoLastReview(db: Db, setId?: string): Promise<Undone | undefined> {
	const tx = db.transaction(
		['cards', 'cardPacks', 'reviews', 'reviewPages', 'reviewTallies', 'cardCounts', 'meta'],
		'readwrite'
	);
	const reviews = tx.objectStore('reviews');
	const cursor =
		setId === undefined
			? await reviews.openCursor(null, 'prev')
			: await reviews.index('by-set').openCursor(IDBKeyRange.only(setId), 'prev');
	// Every paged id is below every other (./review-pages.ts): the pages only when the
	// store has none.
	const review = cursor?.value ?? (await takeLastPaged(tx.objectStore('reviewPages'), setId));
	if (!review) {
		await tx.done;
		return undefined;
	}
	const before = review.before;
	const card = isUnreviewed(before) ? undefined : before;
	await Promise.all([
		cursor?.delete(),
		writeCards(tx, card ? { put: [card] } : { delete: [review.cardId] }),
		changeTallies(tx.objectStore('reviewTallies'), [review], -1),
		tx.done
	]);
	return { review, card };
}

/** Removes and returns the latest paged answer (in `setId`, if given). */
async function takeLastPaged<S extends StoreNames<StudydeckDB>[]>(
	pages: IDBPObjectStore<StudydeckDB, S, 'reviewPages', 'readwrite'>,
	setId: string | undefined
): Promise<ReviewEntry | undefined> {
	const last = await lastPaged(pages, setId);
	if (!last) return undefined;
	const [review] = last.page.entries.splice(last.at, 1);
	await rewritePage(pages, last.key, last.page.entries);
	return review;
}
