// Images stored with imported sets (ARCHITECTURE.md "Data"): read one to show it, read a
// set's to export it. Written by saveImportedSets, deleted by deleteSet, swept by Check
// database, carried by backups.
import type { QuestionSet } from '../../core/bank/schema';
import type { Db, StoredMedia, StoredSet } from './db';

export function getMedia(db: Db, setId: string, name: string): Promise<StoredMedia | undefined> {
	return db.get('media', `${setId}/${name}`);
}

export function listSetMedia(db: Db, setId: string): Promise<StoredMedia[]> {
	return db.getAllFromIndex('media', 'by-set', setId);
}

/** Stores `set` (a copy of set `fromId`) with copies of that set's images, in one transaction. */
export async function putSetCopy(
	db: Db,
	set: QuestionSet,
	fromId: string,
	origin: StoredSet['origin'],
	now: number
): Promise<void> {
	const tx = db.transaction(['sets', 'media'], 'readwrite');
	const media = tx.objectStore('media');
	const images = await media.index('by-set').getAll(fromId);
	await Promise.all([
		tx.objectStore('sets').put({ set, origin, updatedAt: now }),
		...images.map((m) => media.put({ ...m, id: `${set.id}/${m.name}`, setId: set.id })),
		tx.done
	]);
}
