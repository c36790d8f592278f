// `blocked` needs a newer version than the one another tab holds, so this file pretends
// a second migration exists.
import { expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import type { StudydeckDB } from './schema';

vi.mock('./migrations', async (original) => {
	const real = await original<typeof import('./migrations')>();
	const MIGRATIONS = [...real.MIGRATIONS, () => {}];
	return { MIGRATIONS, DB_VERSION: MIGRATIONS.length };
});
vi.mock('./version', async (original) => ({
	DB_VERSION: (await original<typeof import('./version')>()).DB_VERSION + 1
}));

it('reports blocked while an old tab will not let go, then opens', async () => {
	const { openDb } = await import('./db');
	const { MIGRATIONS } = await import('./migrations');
	// An old release's tab: version 1, and it ignores versionchange.
	const old = await openDB<StudydeckDB>('tabs', 1, {
		upgrade: (db, _o, _n, tx) => MIGRATIONS[0]!(db, tx)
	});
	const events: string[] = [];
	const opening = openDb({ name: 'tabs', timeoutMs: 50, onEvent: (e) => events.push(e.type) });
	await new Promise((r) => setTimeout(r, 20));
	expect(events).toEqual(['blocked']);
	// Longer than timeoutMs: `blocked` stopped the clock because the cause is known.
	await new Promise((r) => setTimeout(r, 80));
	old.close();
	const db = await opening;
	expect(db.version).toBe(MIGRATIONS.length);
	db.close();
});
