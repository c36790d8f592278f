// One set's progress, whole: its FSRS cards and its review log (for an export that carries
// progress, such as an Anki deck). One read transaction, so the two agree.
import type { ReviewEntry, StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { setCards } from './cards';

export async function progressForSet(
	db: Db,
	setId: string
): Promise<{ cards: StoredCard[]; reviews: ReviewEntry[] }> {
	const tx = db.transaction(['cards', 'reviews'], 'readonly');
	const [cards, reviews] = await Promise.all([
		tx.objectStore('cards').getAll(setCards(setId)),
		tx.objectStore('reviews').index('by-set').getAll(setId),
		tx.done
	]);
	return { cards, reviews };
}
