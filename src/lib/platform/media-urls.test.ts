import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaUrls } from './media-urls.svelte';
import { openDb } from './storage/db';
import { saveImportedSets } from './storage/imported-sets';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
const set = {
	id: 'pics',
	version: 1,
	title: 'Pics',
	language: 'en',
	questions: [{ id: 'q', type: 'flashcard' as const, prompt: 'a', back: 'b' }]
};

afterEach(() => vi.restoreAllMocks());

describe('MediaUrls', () => {
	it('makes one object URL per stored image on first sight, null for a missing one, and revokes them all', async () => {
		const db = await openDb({ name: 'media-urls' });
		await saveImportedSets(db, [set], { cards: [], reviews: [] }, 1, [
			{ setId: 'pics', name: 'a.png', type: 'image/png', bytes: PNG }
		]);
		const made = vi.spyOn(URL, 'createObjectURL');
		const revoked = vi.spyOn(URL, 'revokeObjectURL');
		const media = new MediaUrls(async () => db);
		expect(media.url('pics', 'a.png')).toBeUndefined(); // loading
		expect(media.url('pics', 'gone.png')).toBeUndefined();
		await vi.waitFor(() => expect(media.url('pics', 'a.png')).toMatch(/^blob:/));
		await vi.waitFor(() => expect(media.url('pics', 'gone.png')).toBeNull());
		media.url('pics', 'a.png');
		expect(made).toHaveBeenCalledTimes(1);
		const blob = made.mock.calls[0]![0] as Blob;
		expect(blob.type).toBe('image/png');
		expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG);
		const url = media.url('pics', 'a.png')!;
		media.destroy();
		expect(revoked).toHaveBeenCalledWith(url);
		db.close();
	});
});
