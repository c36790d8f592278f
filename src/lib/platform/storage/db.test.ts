import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDb } from './db';
import {
	BackupError,
	DbTerminatedError,
	DbTimeoutError,
	DbUnavailableError,
	describeStorageError
} from './errors';
import type { DbEvent } from './db';

describe('openDb', () => {
	it('creates every store and records the schema version', async () => {
		const db = await openDb();
		expect([...db.objectStoreNames].sort()).toEqual(
			[
				'attempts',
				'cardCounts',
				'cardPacks',
				'cards',
				'drafts',
				'media',
				'meta',
				'reviewPages',
				'reviews',
				'reviewTallies',
				'sets',
				'settings'
			].sort()
		);
		expect(await db.get('meta', 'schemaVersion')).toBe(DB_VERSION);
		db.close();
	});

	it('closes itself when a newer version needs the database, and says so', async () => {
		const events: DbEvent[] = [];
		const db = await openDb({ name: 'tabs', onEvent: (e) => events.push(e) });
		// Another tab upgrading: it would be blocked if we did not close.
		const newer = await openDB('tabs', DB_VERSION + 1);
		expect(events.map((e) => e.type)).toEqual(['blocking']);
		newer.close();
		db.close();
	});
});

describe('describeStorageError', () => {
	it('says plainly what happened', () => {
		const quota = new DOMException('quota', 'QuotaExceededError');
		expect(describeStorageError(quota)).toMatch(/^Storage is full: .*nothing was saved/);
		expect(describeStorageError(new Error('tx', { cause: quota }))).toMatch(/^Storage is full/);
		expect(describeStorageError(new DbTimeoutError(5000))).toMatch(/did not open in time/);
		expect(describeStorageError(new DbUnavailableError('x'))).toMatch(/private browsing/);
		expect(describeStorageError(new DbTerminatedError('x'))).toMatch(/Reload/);
		expect(describeStorageError(new BackupError(['cards[0].due: bad']))).toBe(
			'This backup cannot be restored: cards[0].due: bad. Nothing was changed.'
		);
		expect(describeStorageError(new DOMException('v', 'VersionError'))).toMatch(/newer version/);
	});
});
