// Today's session, built from what storage returns: due cards (already limited and sorted
// by due) and the set's unstudied question ids in authored order. Pure, so the order is
// testable and the same on every device.
import { State, type StoredCard } from './card';
import type { SrsSettings } from './settings';
import type { StudiedToday } from './studied';

export type QueueItem =
	| { kind: 'learning'; card: StoredCard }
	| { kind: 'review'; card: StoredCard }
	| { kind: 'new'; questionId: string };

export interface QueueInput {
	/** Cards with `due <= now`, sorted by due. */
	due: readonly StoredCard[];
	/** Question ids with no card yet, in the set's order. */
	newQuestionIds: readonly string[];
	studiedToday: StudiedToday;
	limits: Pick<SrsSettings, 'newPerDay' | 'reviewsPerDay'>;
}

export interface SessionQueue {
	items: QueueItem[];
	counts: { learning: number; review: number; new: number };
}

/**
 * Learning cards come first (their short steps are already running), then reviews with
 * new cards spread evenly among them, as Anki's "mix new with reviews". Learning cards
 * are not limited: stopping mid-steps would waste the work already done today.
 */
export function buildQueue({
	due,
	newQuestionIds,
	studiedToday,
	limits
}: QueueInput): SessionQueue {
	const learning: StoredCard[] = [];
	const reviews: StoredCard[] = [];
	for (const card of due) {
		if (card.state === State.Review) reviews.push(card);
		else learning.push(card);
	}
	const reviewRoom = Math.max(0, limits.reviewsPerDay - studiedToday.reviews);
	const newRoom = Math.max(0, limits.newPerDay - studiedToday.new);
	const todaysReviews = reviews.slice(0, reviewRoom);
	const todaysNew = newQuestionIds.slice(0, newRoom);

	const items: QueueItem[] = learning.map((card) => ({ kind: 'learning', card }));
	const total = todaysReviews.length + todaysNew.length;
	let r = 0;
	let n = 0;
	for (let i = 0; i < total; i++) {
		// Place new card k at position ≈ (k + 0.5) · total / newCount: even, deterministic.
		const wantNew =
			n < todaysNew.length &&
			(r >= todaysReviews.length || (n + 0.5) * total <= (i + 1) * todaysNew.length);
		if (wantNew) items.push({ kind: 'new', questionId: todaysNew[n++]! });
		else items.push({ kind: 'review', card: todaysReviews[r++]! });
	}
	return {
		items,
		counts: { learning: learning.length, review: todaysReviews.length, new: todaysNew.length }
	};
}
