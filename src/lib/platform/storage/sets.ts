// Authored and imported sets. Callers validate with `parseSet` (bank/validate) first;
// storage trusts what it is given here and re-validates only on backup import.
import type { QuestionSet } from '../../core/bank/schema';
import type { Db, StoredSet } from './db';

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
