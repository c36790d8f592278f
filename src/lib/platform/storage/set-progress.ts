// One set's progress, whole: its FSRS cards and its review log (for an export that carries
// progress, such as an Anki deck). One read transaction, so the two agree.
import type { ReviewEntry, StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { cardsOfSet } from './cards';

export async function progressForSet(
	db: Db,
	setId: string
): Promise<{ cards: StoredCard[]; reviews: ReviewEntry[] }> {
	const tx = db.transaction(['cards', 'cardPacks', 'reviews', 'reviewPages'], 'readonly');
	const [cards, loose, pages] = await Promise.all([
		cardsOfSet(tx, setId),
		tx.objectStore('reviews').index('by-set').getAll(setId),
		tx.objectStore('reviewPages').index('by-set').getAll(setId),
		tx.done
	]);
	// Pages first: their ids are below the others (./review-pages.ts).
	const paged = pages.flatMap((p) => p.entries.filter((e) => e.setId === setId));
	return { cards, reviews: [...paged, ...loose] };
}
