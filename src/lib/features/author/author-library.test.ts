import { describe, expect, it } from 'vitest';
import { getSet, openDb, putSet, type Db } from '$lib/platform/storage';
import { getDraft, putDraft } from '$lib/platform/storage/drafts';
import type { QuestionSet } from '$lib/core/bank/schema';
import { AuthorLibrary } from './author-library.svelte';
import { memoryCatalog } from '$lib/platform/test-deps';

const BUNDLED: QuestionSet = {
	id: 'ttp',
	version: 1,
	title: 'Talks',
	language: 'en',
	questions: [{ id: 'q1', type: 'flashcard', prompt: 'Front', back: 'Back' }]
};

function setup() {
	let db: Promise<Db> | undefined;
	const open = () => (db ??= openDb({ name: 'lib' }));
	const lib = new AuthorLibrary({
		open,
		now: () => 5,
		catalog: memoryCatalog([BUNDLED], 'bundled')
	});
	return { open, lib };
}

describe('AuthorLibrary', () => {
	it('creates a valid empty set with a unique slug id', async () => {
		const { open, lib } = setup();
		await lib.load();
		const a = await lib.create('Cell biology!');
		const b = await lib.create('Cell biology');
		expect([a, b]).toEqual(['cell-biology', 'cell-biology-2']);
		expect((await getSet(await open(), a))?.set).toEqual({
			id: 'cell-biology',
			version: 1,
			title: 'Cell biology!',
			language: 'en',
			questions: []
		});
		expect(lib.rows.map((r) => [r.id, r.origin])).toEqual([
			['cell-biology', 'authored'],
			['cell-biology-2', 'authored'],
			['ttp', 'bundled']
		]);
		await expect(lib.create('  ')).rejects.toThrow(/title/);
	});

	it('duplicates a bundled set as an authored copy with a new id', async () => {
		const { open, lib } = setup();
		await lib.load();
		const id = await lib.duplicate('ttp');
		expect(id).toBe('ttp-copy');
		const stored = await getSet(await open(), id);
		expect(stored).toMatchObject({ origin: 'authored', set: { title: 'Copy of Talks' } });
		expect(stored?.set.questions).toEqual(BUNDLED.questions);
		expect(await lib.duplicate('ttp')).toBe('ttp-copy-2');
	});

	it('deletes a device set and its draft', async () => {
		const { open, lib } = setup();
		await putSet(await open(), { ...BUNDLED, id: 'mine' }, 'imported', 1);
		await putDraft(await open(), { setId: 'mine', updatedAt: 2, origin: 'imported', value: {} });
		await lib.load();
		expect(lib.rows.find((r) => r.id === 'mine')).toMatchObject({
			hasDraft: true,
			questionCount: 1
		});
		await lib.remove('mine', false);
		expect(await getSet(await open(), 'mine')).toBeUndefined();
		expect(await getDraft(await open(), 'mine')).toBeUndefined();
		expect(lib.rows.map((r) => r.id)).toEqual(['ttp']);
	});
});
