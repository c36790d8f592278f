// Images stored with imported sets: written with the set, gone with it, swept by Check
// database, carried by backups (round trip), and refused in a backup when they are not
// what they claim.
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openDb, type Db } from './db';
import { exportBackup, importBackup, parseBackup, wipeDatabase } from './backup';
import { checkDatabase } from './check';
import { BackupError } from './errors';
import { saveImportedSets } from './imported-sets';
import { getMedia, listSetMedia, putSetCopy } from './media';
import { putSet } from './sets';
import { deleteSet } from './set-delete';
import { SAMPLE_SET, T0 } from './test-helpers';
import type { MediaFile } from '../../core/bank/media';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128]);
const GIF = new TextEncoder().encode('GIF89a....');
const OTHER = { ...SAMPLE_SET, id: 'other', title: 'Other' };
const media: MediaFile[] = [
	{ setId: 'bio', name: 'cell.png', type: 'image/png', bytes: PNG },
	{ setId: 'bio', name: 'leaf 1.gif', type: 'image/gif', bytes: GIF },
	{ setId: 'other', name: 'cell.png', type: 'image/png', bytes: PNG }
];

async function withImages(): Promise<Db> {
	const db = await openDb();
	await saveImportedSets(db, [SAMPLE_SET, OTHER], { cards: [], reviews: [] }, T0, media);
	return db;
}

describe('stored images', () => {
	it('are written with their sets and read back by set and name', async () => {
		const db = await withImages();
		expect(await getMedia(db, 'bio', 'cell.png')).toEqual({
			id: 'bio/cell.png',
			setId: 'bio',
			name: 'cell.png',
			type: 'image/png',
			bytes: PNG
		});
		expect((await listSetMedia(db, 'bio')).map((m) => m.name).sort()).toEqual([
			'cell.png',
			'leaf 1.gif'
		]);
		db.close();
	});

	it('a re-import keeps only the images the set now shows', async () => {
		const db = await withImages();
		await saveImportedSets(db, [SAMPLE_SET], { cards: [], reviews: [] }, T0 + 1, [media[0]!]);
		expect((await listSetMedia(db, 'bio')).map((m) => m.name)).toEqual(['cell.png']);
		expect(await listSetMedia(db, 'other')).toHaveLength(1);
		db.close();
	});

	it('are copied with a duplicated set, so the copy keeps them when the original goes', async () => {
		const db = await withImages();
		await putSetCopy(db, { ...SAMPLE_SET, id: 'bio-copy' }, 'bio', 'authored', T0);
		await deleteSet(db, 'bio');
		expect((await listSetMedia(db, 'bio-copy')).map((m) => m.id).sort()).toEqual([
			'bio-copy/cell.png',
			'bio-copy/leaf 1.gif'
		]);
		expect((await db.get('sets', 'bio-copy'))?.set.id).toBe('bio-copy');
		db.close();
	});

	it('go with their set, and only theirs', async () => {
		const db = await withImages();
		await deleteSet(db, 'bio');
		expect(await listSetMedia(db, 'bio')).toEqual([]);
		expect(await getMedia(db, 'other', 'cell.png')).toBeDefined();
		db.close();
	});

	it('whose set is gone are reported and removed by Check database', async () => {
		const db = await withImages();
		// As an older version or an interrupted delete could leave them.
		await db.delete('sets', 'other');
		const report = await checkDatabase(db);
		expect(report.orphanMedia).toBe(1);
		expect(await getMedia(db, 'other', 'cell.png')).toBeUndefined();
		expect(await listSetMedia(db, 'bio')).toHaveLength(2);
		expect((await checkDatabase(db)).orphanMedia).toBe(0);
		db.close();
	});

	it('survive backup export → wipe → import → export, byte for byte', async () => {
		const db = await withImages();
		const first = await exportBackup(db);
		expect(JSON.parse(first).stores.media).toHaveLength(3);
		await wipeDatabase(db);
		expect(await listSetMedia(db, 'bio')).toEqual([]);
		await importBackup(db, first);
		expect((await getMedia(db, 'bio', 'leaf 1.gif'))?.bytes).toEqual(GIF);
		expect(await exportBackup(db)).toBe(first);
		db.close();
	});

	it('in a backup are refused when they are not what they claim, and nothing changes', async () => {
		const db = await withImages();
		const good = JSON.parse(await exportBackup(db));
		const cases: [string, (m: Record<string, unknown>) => void, RegExp][] = [
			['svg', (m) => ((m.data = btoa('<svg onload="x()"/>')), (m.type = 'image/png')), /SVG/],
			['wrong type', (m) => (m.type = 'image/gif'), /the bytes are not image\/gif/],
			['path', (m) => ((m.name = '../x.png'), (m.id = 'bio/../x.png')), /plain file name/],
			['not base64', (m) => (m.data = '%%%'), /base64/],
			['no set', (m) => ((m.setId = 'gone'), (m.id = 'gone/cell.png')), /not in the backup/],
			['script type', (m) => (m.type = 'text/html'), /type must be one of/]
		];
		for (const [what, mutate, message] of cases) {
			const copy = structuredClone(good);
			mutate(copy.stores.media[0]);
			expect(() => parseBackup(JSON.stringify(copy)), what).toThrow(BackupError);
			await expect(importBackup(db, JSON.stringify(copy))).rejects.toThrow(message);
		}
		expect(await listSetMedia(db, 'bio')).toHaveLength(2);
		db.close();
	});

	it('a backup from before images (schema 2) still restores', async () => {
		const db = await openDb();
		await putSet(db, SAMPLE_SET, 'authored', T0);
		const old = JSON.parse(await exportBackup(db));
		old.schemaVersion = 2;
		delete old.stores.media;
		old.stores.meta = [{ key: 'schemaVersion', value: 2 }];
		await wipeDatabase(db);
		expect(await importBackup(db, JSON.stringify(old))).toMatchObject({ sets: 1 });
		expect(await db.get('meta', 'schemaVersion')).toBe(DB_VERSION);
		db.close();
	});
});
