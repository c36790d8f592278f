// Quiz results. The quiz module owns the shape of answers and question snapshots.
import type { Db, StoredAttempt } from './db';

export function putAttempt(db: Db, attempt: StoredAttempt): Promise<string> {
	return db.put('attempts', attempt);
}

export function getAttempt(db: Db, id: string): Promise<StoredAttempt | undefined> {
	return db.get('attempts', id);
}

/** Most recent first, at most `limit`, optionally for one set. */
export async function recentAttempts(
	db: Db,
	{ limit, setId }: { limit: number; setId?: string }
): Promise<StoredAttempt[]> {
	const store = db.transaction('attempts').store;
	const cursorP =
		setId === undefined
			? store.index('by-started').openCursor(null, 'prev')
			: store
					.index('by-set-started')
					.openCursor(IDBKeyRange.bound([setId, -Infinity], [setId, Infinity]), 'prev');
	const out: StoredAttempt[] = [];
	for (let cursor = await cursorP; cursor && out.length < limit; cursor = await cursor.continue())
		out.push(cursor.value);
	return out;
}

export function deleteAttempt(db: Db, id: string): Promise<void> {
	return db.delete('attempts', id);
}
