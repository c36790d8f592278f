// The app's one connection to IndexedDB, opened on first use, with its health as rune
// state so the layout can tell the user plainly when storage is blocked, closed or full.
// State classes call `database.open()` and pass the handle to src/lib/storage.
// Direct modules rather than the $lib/platform/storage barrel keep backup validation (valibot)
// off pages that only read progress.
import { openDb, type Db, type DbEvent } from '$lib/platform/storage/db';
import { describeStorageError } from '$lib/platform/storage/errors';

export type DbStatus =
	| { kind: 'closed' | 'opening' | 'ready' }
	| {
			kind: 'blocked' | 'blocking' | 'terminated' | 'error';
			message: string;
			/** The fix is a reload (another version or tab holds the database). */
			reload: boolean;
	  };

class Database {
	#db: Promise<Db> | undefined;
	status = $state<DbStatus>({ kind: 'closed' });

	/** The open database; opens it (once) on first call. Rejects with a storage error. */
	open(): Promise<Db> {
		this.#db ??= this.#open();
		return this.#db;
	}

	/** Shows a failed read or write to the user; returns the sentence shown. */
	showError(error: unknown): string {
		const message = describeStorageError(error);
		this.status = { kind: 'error', message, reload: false };
		return message;
	}

	dismiss(): void {
		if (this.status.kind === 'error') this.status = { kind: this.#db ? 'ready' : 'closed' };
	}

	async #open(): Promise<Db> {
		this.status = { kind: 'opening' };
		try {
			const db = await openDb({ onEvent: (e) => this.#onEvent(e) });
			this.status = { kind: 'ready' };
			return db;
		} catch (e) {
			this.#db = undefined; // let a later call try again
			this.status = { kind: 'error', message: describeStorageError(e), reload: true };
			throw e;
		}
	}

	#onEvent(event: DbEvent): void {
		switch (event.type) {
			case 'blocked':
				this.status = {
					kind: 'blocked',
					message:
						'Another Studydeck tab is using an older version of your saved progress. Close the other Studydeck tabs; this one continues by itself.',
					reload: false
				};
				break;
			case 'blocking':
				// The storage layer already closed our connection so the other tab can upgrade.
				this.#db = undefined;
				// No new version: the database is being deleted (another tab erased everything,
				// or the site's data was cleared). Saying "everything is saved" would be false.
				if (event.blockedVersion === null) {
					this.status = {
						kind: 'blocking',
						message:
							'Your saved progress was deleted, in another tab or by clearing this site’s data. Answers given before that are gone. Reload this tab to start again.',
						reload: true
					};
					break;
				}
				this.status = {
					kind: 'blocking',
					message:
						'A newer version of Studydeck was opened in another tab. Reload this tab to keep studying; everything you answered is saved.',
					reload: true
				};
				break;
			case 'terminated':
				this.#db = undefined;
				this.status = {
					kind: 'terminated',
					message:
						'The browser closed the progress database, perhaps because site data was cleared. Studydeck reopened it; anything cleared is gone, everything else is saved.',
					reload: false
				};
				void this.open().catch(() => {});
				break;
		}
	}
}

export const database = new Database();
