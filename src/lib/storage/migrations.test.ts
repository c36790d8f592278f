// One test per migration: build the old version with data using raw idb (running the
// migrations below it), upgrade with openDb, and find the data intact. To add v2: append
// to MIGRATIONS and add a case that seeds version 1 and checks after opening.
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS, openDb } from './db';
import type { StudydeckDB } from './schema';

/** Opens `name` at exactly `version`, as an older release of the app would have. */
async function openAt(name: string, version: number) {
	return openDB<StudydeckDB>(name, version || undefined, {
		upgrade(db, oldVersion, _newVersion, tx) {
			for (let v = oldVersion; v < version; v++) MIGRATIONS[v]!(db, tx);
		}
	});
}

describe('migrations', () => {
	it('are numbered so the last one reaches DB_VERSION', () => {
		expect(MIGRATIONS.length).toBe(DB_VERSION);
	});

	it('0 → 1 creates the stores and indexes', async () => {
		const db = await openDb({ name: 'm1' });
		const tx = db.transaction(['cards', 'reviews', 'attempts']);
		expect([...tx.objectStore('cards').indexNames].sort()).toEqual([
			'by-due',
			'by-set',
			'by-set-due'
		]);
		expect([...tx.objectStore('reviews').indexNames].sort()).toEqual([
			'by-card',
			'by-set',
			'by-time'
		]);
		expect(tx.objectStore('reviews').autoIncrement).toBe(true);
		expect([...tx.objectStore('attempts').indexNames].sort()).toEqual([
			'by-set-started',
			'by-started'
		]);
		db.close();
	});

	it('opening the current version again keeps data', async () => {
		const old = await openAt('m-same', DB_VERSION);
		await old.put('settings', { desiredRetention: 0.8 }, 'srs');
		old.close();
		const db = await openDb({ name: 'm-same' });
		expect(await db.get('settings', 'srs')).toEqual({ desiredRetention: 0.8 });
		db.close();
	});
});
