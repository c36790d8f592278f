import { describe, expect, it, vi } from 'vitest';
import { getMeta, openDb } from '$lib/platform/storage';
import { requestPersistence, storageStatus } from './persist';

const T0 = Date.UTC(2025, 0, 6, 9);

function fakeStorage(granted: boolean, already = false) {
	return {
		persist: vi.fn(async () => granted),
		persisted: vi.fn(async () => already),
		estimate: vi.fn(async () => ({ usage: 1234, quota: 99_000 }))
	};
}

describe('requestPersistence', () => {
	it('asks once, after the first progress, and records when that was', async () => {
		const db = await openDb();
		const storage = fakeStorage(true);
		await expect(requestPersistence(db, T0, storage)).resolves.toBe('granted');
		expect(storage.persist).toHaveBeenCalledTimes(1);
		expect(await getMeta(db, 'firstProgressAt')).toBe(T0);

		await expect(requestPersistence(db, T0 + 1000, storage)).resolves.toBe('asked-before');
		expect(storage.persist).toHaveBeenCalledTimes(1);
		expect(await getMeta(db, 'firstProgressAt')).toBe(T0);
		db.close();
	});

	it('reports a refusal, and does not ask when already persistent', async () => {
		const db = await openDb();
		await expect(requestPersistence(db, T0, fakeStorage(false))).resolves.toBe('denied');
		const db2 = await openDb({ name: 'other' });
		const already = fakeStorage(false, true);
		await expect(requestPersistence(db2, T0, already)).resolves.toBe('granted');
		expect(already.persist).not.toHaveBeenCalled();
		db.close();
		db2.close();
	});

	it('copes with a browser without the API, or one that throws', async () => {
		const db = await openDb();
		await expect(requestPersistence(db, T0, undefined)).resolves.toBe('unsupported');
		expect(await getMeta(db, 'firstProgressAt')).toBe(T0);
		const db2 = await openDb({ name: 'other' });
		const broken = {
			persist: async () => {
				throw new Error('nope');
			}
		};
		await expect(requestPersistence(db2, T0, broken)).resolves.toBe('denied');
		db.close();
		db2.close();
	});
});

describe('storageStatus', () => {
	it('reads persisted() and estimate()', async () => {
		await expect(storageStatus(fakeStorage(true, true))).resolves.toEqual({
			persisted: true,
			usage: 1234,
			quota: 99_000
		});
	});

	it('says unknown when the API is missing or fails', async () => {
		await expect(storageStatus(undefined)).resolves.toEqual({
			persisted: null,
			usage: null,
			quota: null
		});
		const failing = {
			persisted: async () => {
				throw new Error('x');
			},
			estimate: async () => {
				throw new Error('y');
			}
		};
		await expect(storageStatus(failing)).resolves.toEqual({
			persisted: null,
			usage: null,
			quota: null
		});
	});
});

describe('askPersistence', () => {
	it('asks every time it is called, and reports the answer', async () => {
		const { askPersistence } = await import('./persist');
		const persist = vi.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
		expect(await askPersistence({ persist })).toBe(false);
		expect(await askPersistence({ persist })).toBe(true);
		expect(persist).toHaveBeenCalledTimes(2);
		expect(await askPersistence(undefined)).toBe(false);
	});
});
