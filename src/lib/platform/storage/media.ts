// Images stored with imported sets (ARCHITECTURE.md "Data"): read one to show it, read a
// set's to export it. Written by saveImportedSets, deleted by deleteSet, swept by Check
// database, carried by backups.
import type { Db, StoredMedia } from './db';

export function getMedia(db: Db, setId: string, name: string): Promise<StoredMedia | undefined> {
	return db.get('media', `${setId}/${name}`);
}

export function listSetMedia(db: Db, setId: string): Promise<StoredMedia[]> {
	return db.getAllFromIndex('media', 'by-set', setId);
}
