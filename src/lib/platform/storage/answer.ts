// Answers that are safe with two tabs (or two windows) studying at once. The answer is
// computed from the card AS STORED, inside the same readwrite transaction that writes it:
// IndexedDB runs overlapping readwrite transactions on the same stores one after another,
// so a second tab's answer always sees the first tab's result and no update is lost.
// `compute` must be synchronous (the transaction closes at the first foreign await,
// ARCHITECTURE.md "Data safety"). Undo takes back one known answer by its key, never "whatever is latest",
// so a tab only ever undoes its own review.
import { isUnreviewed, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { changeTallies } from './tallies';
import { writeCards } from './card-writes';
import { cardsById } from './cards';
import type { Answer } from './reviews';

/** What `compute` returned (the answer, and anything it adds), with the log key. */
export type Recorded<A extends Answer = Answer> = A & {
	/** The review's key in the log: what `undoReview` takes back. */
	key: number;
};

/**
 * Reads card `id`, calls `compute` with it (undefined when never studied) and stores the
 * card and log entry it returns, all in one transaction. Throws what `compute` throws,
 * with nothing written.
 */
export async function answerStoredCard<A extends Answer>(
	db: Db,
	id: string,
	compute: (stored: StoredCard | undefined) => A
): Promise<Recorded<A>> {
	const tx = db.transaction(
		['cards', 'cardPacks', 'reviews', 'reviewTallies', 'cardCounts', 'meta'],
		'readwrite'
	);
	const done = tx.done;
	// tx.done rejects when we abort below; the caller gets compute's own error instead.
	done.catch(() => {});
	const [stored] = await cardsById(tx, [id]);
	let answer: A;
	try {
		answer = compute(stored);
		if (answer.card.id !== id || answer.review.cardId !== id)
			throw new Error(`an answer for ${id} changed card ${answer.card.id}`);
	} catch (e) {
		tx.abort();
		throw e;
	}
	// The store assigns the key; a stray `id` (even undefined) would be rejected.
	const entry = { ...answer.review };
	delete entry.id;
	const [key] = await Promise.all([
		tx.objectStore('reviews').add(entry),
		writeCards(tx, { put: [answer.card], before: [stored] }),
		changeTallies(tx.objectStore('reviewTallies'), [entry], 1),
		done
	]);
	return { ...answer, review: { ...entry, id: key }, key };
}

export type UndoOutcome =
	/** Taken back; `card` is the card as restored (undefined: new again). */
	| { status: 'undone'; review: ReviewEntry; card: StoredCard | undefined }
	/** Another tab answered the same card since; nothing changed. */
	| { status: 'answered-elsewhere'; review: ReviewEntry; later: ReviewEntry }
	/** The review is no longer in the log (undone in another tab, or data restored). */
	| { status: 'gone' };

/**
 * Takes back the review stored under `key` and restores its card from the review's
 * `before` snapshot, but only while it is still that card's latest answer.
 */
export async function undoReview(db: Db, key: number): Promise<UndoOutcome> {
	const tx = db.transaction(
		['cards', 'cardPacks', 'reviews', 'reviewTallies', 'cardCounts', 'meta'],
		'readwrite'
	);
	const reviews = tx.objectStore('reviews');
	const review = await reviews.get(key);
	if (!review) {
		await tx.done;
		return { status: 'gone' };
	}
	// Reviews of one card are few; the auto-increment key orders them.
	const all = await reviews.index('by-card').getAll(review.cardId);
	const later = all.filter((r) => (r.id ?? 0) > key).sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0];
	if (later) {
		await tx.done;
		return { status: 'answered-elsewhere', review, later };
	}
	const card = isUnreviewed(review.before) ? undefined : review.before;
	await Promise.all([
		reviews.delete(key),
		writeCards(tx, card ? { put: [card] } : { delete: [review.cardId] }),
		changeTallies(tx.objectStore('reviewTallies'), [review], -1),
		tx.done
	]);
	return { status: 'undone', review, card };
}
