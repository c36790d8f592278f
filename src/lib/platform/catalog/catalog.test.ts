// The catalog's two rules, tested once here rather than in every page: a bundled set wins
// over a device set with the same id, and without the bundled index (offline before the
// service worker cached it) lists show this device's sets and `get` falls back to them.
import { describe, expect, it } from 'vitest';
import { openDb, putSet, type Db } from '$lib/platform/storage';
import type { QuestionSet } from '$lib/core/bank/schema';
import { BUNDLED, bundledFetch } from '$lib/platform/test-deps';
import { createCatalog } from './catalog';

const set = (id: string, title: string): QuestionSet => ({
	id,
	version: 1,
	title,
	language: 'en',
	questions: [{ id: 'x', type: 'flashcard', prompt: 'Front', back: 'Back' }]
});

async function setup(network: { offline?: boolean }) {
	let db: Promise<Db> | undefined;
	const open = () => (db ??= openDb({ name: `catalog-${Math.random()}` }));
	await putSet(await open(), set('zebra', 'Zebras'), 'authored', 1);
	await putSet(await open(), set('apes', 'Apes'), 'imported', 1);
	// A device copy under the bundled id never hides the bundled set.
	await putSet(await open(), set(BUNDLED.id, 'My copy'), 'imported', 1);
	return createCatalog({ fetch: bundledFetch(network), open });
}

describe('catalog', () => {
	it('lists bundled sets first, then device sets by title; the bundled one wins its id', async () => {
		const catalog = await setup({});
		const list = await catalog.list();
		expect(list.map((s) => [s.id, s.origin, s.title])).toEqual([
			[BUNDLED.id, 'bundled', BUNDLED.title],
			['apes', 'imported', 'Apes'],
			['zebra', 'authored', 'Zebras']
		]);
		expect((await catalog.get(BUNDLED.id))?.title).toBe(BUNDLED.title);
		expect((await catalog.get('zebra'))?.title).toBe('Zebras');
		expect(await catalog.get('nothing')).toBeUndefined();
		expect((await catalog.loadAll()).map((s) => s.id)).toEqual([BUNDLED.id, 'apes', 'zebra']);
	});

	it('offline without the bundled index: device sets still list and load', async () => {
		const network = { offline: true };
		const catalog = await setup(network);
		expect((await catalog.list()).map((s) => s.id)).toEqual(['apes', BUNDLED.id, 'zebra']);
		expect((await catalog.get('zebra'))?.title).toBe('Zebras');
		// Nothing answers for a set that is neither cached nor on this device.
		await expect(catalog.get('nothing')).rejects.toThrow(/fetch/i);
		// Studying every set offline: this device's copies, the bundled id's included.
		expect((await catalog.loadAll()).map((s) => s.title)).toEqual(
			(await catalog.list()).map((s) => s.title)
		);
		expect(await catalog.loadAll()).toHaveLength(3);
		// Back online, the index is fetched again (a failure is not remembered).
		network.offline = false;
		expect((await catalog.list())[0]).toMatchObject({ id: BUNDLED.id, origin: 'bundled' });
	});
});
