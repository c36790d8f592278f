// Editor drafts: the in-progress copy of a set, valid or not. Saving a valid set clears
// its draft in the same transaction, so the two never disagree about which is newer.
import type { QuestionSet } from '../../core/bank/schema';
import type { Db, StoredSet } from './db';
import type { StoredDraft } from './schema';

export type { StoredDraft } from './schema';

export function getDraft(db: Db, setId: string): Promise<StoredDraft | undefined> {
	return db.get('drafts', setId);
}

export async function putDraft(db: Db, draft: StoredDraft): Promise<void> {
	await db.put('drafts', draft);
}

export async function deleteDraft(db: Db, setId: string): Promise<void> {
	await db.delete('drafts', setId);
}

/** The ids of sets that have a draft (for "draft" marks in lists). */
export function draftIds(db: Db): Promise<string[]> {
	return db.getAllKeys('drafts');
}

/**
 * Stores a valid set (callers validate with `parseSet` first) and removes its draft, in
 * one transaction: either both happen or neither.
 */
export async function saveSetClearingDraft(
	db: Db,
	set: QuestionSet,
	origin: StoredSet['origin'],
	now: number
): Promise<void> {
	const tx = db.transaction(['sets', 'drafts'], 'readwrite');
	await Promise.all([
		tx.objectStore('sets').put({ set, origin, updatedAt: now }),
		tx.objectStore('drafts').delete(set.id),
		tx.done
	]);
}
