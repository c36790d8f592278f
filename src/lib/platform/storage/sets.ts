// Authored and imported sets. Callers validate with `parseSet` (bank/validate) first;
// storage trusts what it is given here and re-validates only on backup import.
import type { QuestionSet } from '../../core/bank/schema';
import type { Db, StoredSet } from './db';
import { changeTallies } from './tallies';
import { deleteSetCounts } from './card-counts';

export function putSet(
	db: Db,
	set: QuestionSet,
	origin: StoredSet['origin'],
	now: number
): Promise<string> {
	return db.put('sets', { set, origin, updatedAt: now });
}

export function getSet(db: Db, id: string): Promise<StoredSet | undefined> {
	return db.get('sets', id);
}

/**
 * Every stored set, whole, in id order. Sets are few but can be large (an imported Anki deck
 * of 20,000 cards): read one per step, so the page decodes one set per task rather than
 * every set in one long task. Callers summarize for lists.
 */
export async function listSets(db: Db): Promise<StoredSet[]> {
	const sets: StoredSet[] = [];
	let cursor = await db.transaction('sets').store.openCursor();
	while (cursor) {
		sets.push(cursor.value);
		cursor = await cursor.continue();
	}
	return sets;
}

/**
 * Deletes a set, its images and, if asked, its progress (cards and review log) in the
 * same transaction. Progress is kept by default so re-importing the set brings it back.
 */
export async function deleteSet(
	db: Db,
	id: string,
	{ withProgress = false }: { withProgress?: boolean } = {}
): Promise<void> {
	const tx = db.transaction(
		['sets', 'cards', 'reviews', 'media', 'reviewTallies', 'cardCounts'],
		'readwrite'
	);
	const work: Promise<unknown>[] = [tx.objectStore('sets').delete(id)];
	// Its images go with it: nothing else can show them (re-importing brings them back).
	for (const k of await tx.objectStore('media').index('by-set').getAllKeys(id))
		work.push(tx.objectStore('media').delete(k));
	if (withProgress) {
		const [cardKeys, reviews] = await Promise.all([
			tx.objectStore('cards').index('by-set').getAllKeys(id),
			tx.objectStore('reviews').index('by-set').getAll(id)
		]);
		for (const k of cardKeys) work.push(tx.objectStore('cards').delete(k));
		// Every card of the set goes, so every count of it does.
		work.push(deleteSetCounts(tx, id));
		for (const r of reviews) work.push(tx.objectStore('reviews').delete(r.id!));
		work.push(changeTallies(tx.objectStore('reviewTallies'), reviews, -1));
	}
	await Promise.all([...work, tx.done]);
}
