// Sharing a set: the link, and opening one through the import path (nothing written
// before "Import"; an id clash asks).
import { describe, expect, it } from 'vitest';
import { ImportSession } from '$lib/features/author/import-session.svelte';
import { getSet, listSets, openDb } from '$lib/platform/storage';
import { classSet } from '$lib/core/classroom/fixtures';
import { SetSharing } from './share-set.svelte';
import { emptySets, memoryCatalog } from '$lib/platform/test-deps';
import { encodeSetLink } from '$lib/core/classroom/share';

const SET = classSet();

function sharing() {
	const importer = new ImportSession({
		open: () => openDb(),
		now: () => 1,
		catalog: memoryCatalog(emptySets(['ttp-peace-talks']), 'bundled')
	});
	return new SetSharing({ catalog: memoryCatalog([SET], 'authored') }, importer);
}

describe('SetSharing', () => {
	it('gives a link and QR code for a small set', async () => {
		const s = sharing();
		await s.load();
		await s.choose(SET.id, 'http://192.168.1.20:4173/class/');
		expect(s.link?.ok && s.link.url).toMatch(/^http:\/\/192\.168\.1\.20:4173\/class\/#set=/);
		expect(s.qr).toMatch(/^data:image\/svg\+xml/);
		const f = await s.file()!;
		expect(f.name).toBe('class-demo.json');
		expect(JSON.parse(f.text).id).toBe(SET.id);
	});

	it('opens a link as a preview, imports only on confirm, asks on a clash', async () => {
		const link = encodeSetLink(SET, 'http://x/class/');
		if (!link.ok) throw new Error('too big');
		const s = sharing();
		await s.openLink(new URL(link.url).hash);
		expect(s.incoming.kind === 'preview' && s.incoming.set.title).toBe('Class demo');
		const db = await openDb();
		expect(await listSets(db)).toEqual([]);
		await s.importer.confirm('new');
		expect((await getSet(db, SET.id))?.origin).toBe('imported');

		const t = sharing();
		await t.openLink(link.url);
		expect(t.importer.stage.kind === 'preview' && t.importer.stage.preview.clash).toBe('device');
		await t.importer.confirm('copy');
		expect((await listSets(db)).map((x) => x.set.id).sort()).toEqual([
			'class-demo',
			'class-demo-2'
		]);
		db.close();
	});

	it('a damaged link says so and stores nothing', async () => {
		const link = encodeSetLink(SET, 'http://x/class/');
		if (!link.ok) throw new Error('too big');
		const s = sharing();
		await s.openLink(link.url.slice(0, -12));
		expect(s.incoming.kind).toBe('problems');
		expect(s.incoming.kind === 'problems' && s.incoming.problems[0]).toMatch(
			/damaged or incomplete/
		);
	});
});
