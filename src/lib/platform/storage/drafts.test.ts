import { describe, expect, it } from 'vitest';
import { openDb } from './db';
import { deleteDraft, draftIds, getDraft, putDraft, saveSetClearingDraft } from './drafts';
import { getSet } from './sets';
import { SAMPLE_SET, T0 } from './test-helpers';

describe('drafts', () => {
	it('keeps any value, keyed by set id, until deleted', async () => {
		const db = await openDb();
		const value = { title: '', questions: [{ prompt: 'half' }] };
		await putDraft(db, { setId: 'bio', updatedAt: T0, origin: 'authored', value });
		expect(await getDraft(db, 'bio')).toEqual({
			setId: 'bio',
			updatedAt: T0,
			origin: 'authored',
			value
		});
		expect(await draftIds(db)).toEqual(['bio']);
		await deleteDraft(db, 'bio');
		expect(await getDraft(db, 'bio')).toBeUndefined();
		db.close();
	});

	it('saving the valid set clears its draft in the same transaction', async () => {
		const db = await openDb();
		await putDraft(db, { setId: 'bio', updatedAt: T0, origin: 'authored', value: {} });
		await putDraft(db, { setId: 'other', updatedAt: T0, origin: 'authored', value: {} });
		await saveSetClearingDraft(db, SAMPLE_SET, 'authored', T0 + 1);
		expect(await getSet(db, 'bio')).toEqual({
			set: SAMPLE_SET,
			origin: 'authored',
			updatedAt: T0 + 1
		});
		expect(await getDraft(db, 'bio')).toBeUndefined();
		expect(await draftIds(db)).toEqual(['other']);
		db.close();
	});
});
