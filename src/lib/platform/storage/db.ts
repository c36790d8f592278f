// Opening the database: migrations, the multi-tab events and a timeout for an open()
// that never answers (ARCHITECTURE.md "Data safety"). The app shows a recovery view on DbTimeoutError.
// The migrations load only when an existing database needs them: an upgrade that finds them
// missing is aborted (nothing changes), and the open is tried again once they are here. A
// new database is created at the current version directly (fresh-schema.ts). Every open
// must name a version (a version-less open between the two would create an empty v1
// database); the app's only opener is this function.
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import type { Migration } from './migrations';
import { DB_VERSION } from './version';
import { DbTimeoutError, DbUnavailableError } from './errors';
import { createFreshSchema } from './fresh-schema';
import type { StudydeckDB } from './schema';

export type { StudydeckDB, StoredAttempt, StoredMedia, StoredSet, StoreName } from './schema';
export { DB_VERSION } from './version';

let migrations: readonly Migration[] | undefined;
const loadMigrations = async () => {
	migrations ??= (await import('./migrations')).MIGRATIONS;
};

export const DB_NAME = 'studydeck';

export type Db = IDBPDatabase<StudydeckDB>;

export type DbEvent =
	/** Another tab holds an older version open; ask the user to close it. Open waits. */
	| { type: 'blocked'; currentVersion: number; blockedVersion: number | null }
	/** This tab holds the db while a newer version wants it; it was closed: offer reload. */
	| { type: 'blocking'; currentVersion: number; blockedVersion: number | null }
	/** The browser closed the connection (storage cleared, disk error): reopen. */
	| { type: 'terminated' };

export interface OpenDbOptions {
	name?: string;
	/** Reject with DbTimeoutError when open() has not answered; default 5000. */
	timeoutMs?: number;
	onEvent?: (event: DbEvent) => void;
}

export function openDb({
	name = DB_NAME,
	timeoutMs = 5000,
	onEvent
}: OpenDbOptions = {}): Promise<Db> {
	if (typeof indexedDB === 'undefined')
		return Promise.reject(new DbUnavailableError('IndexedDB is not available'));
	return new Promise<Db>((resolve, reject) => {
		let settled = false;
		const timer = setTimeout(() => {
			settled = true;
			reject(new DbTimeoutError(timeoutMs));
		}, timeoutMs);
		let needMigrations = false;
		const open = () =>
			openDB<StudydeckDB>(name, DB_VERSION, {
				upgrade(db, oldVersion, newVersion, tx) {
					// An upgrade is under way, not a hang: building v4's tallies takes seconds on
					// a big history, and giving up would only show a false alarm.
					clearTimeout(timer);
					if (oldVersion === 0) createFreshSchema(db, tx);
					else if (!migrations) {
						needMigrations = true;
						tx.done.catch(() => {}); // the abort below is the point
						tx.abort();
						return;
					} else
						for (let v = oldVersion; v < (newVersion ?? DB_VERSION); v++) migrations[v]!(db, tx);
					void tx.objectStore('meta').put(newVersion ?? DB_VERSION, 'schemaVersion');
				},
				blocked(currentVersion, blockedVersion) {
					// The wait has a known cause the user can fix, so stop the clock.
					clearTimeout(timer);
					onEvent?.({ type: 'blocked', currentVersion, blockedVersion });
				},
				blocking(currentVersion, blockedVersion, event) {
					(event.target as IDBDatabase).close();
					onEvent?.({ type: 'blocking', currentVersion, blockedVersion });
				},
				terminated() {
					onEvent?.({ type: 'terminated' });
				}
			});
		open()
			.catch(async (e: unknown) => {
				if (!needMigrations) throw e;
				await loadMigrations();
				return open();
			})
			.then(
				(db) => {
					clearTimeout(timer);
					// Answered after we gave up: close it so it cannot block a later open.
					if (settled) db.close();
					else resolve(db);
					settled = true;
				},
				(e: unknown) => {
					clearTimeout(timer);
					if (!settled) reject(e instanceof Error ? e : new DbUnavailableError(String(e)));
					settled = true;
				}
			);
	});
}

/** Deletes the whole database (tests, "erase everything" in Settings). */
export async function deleteDb(name = DB_NAME): Promise<void> {
	await deleteDB(name);
}
