import { describe, expect, it } from 'vitest';
import { openDB, type IDBPDatabase } from 'idb';
import fc from 'fast-check';
import { fcOptions } from '../../core/fc-options';
import { scan, type ScanStore } from './scan';

interface Rec {
	k: number | string;
	n: number;
}

let opened = 0;
async function storeWith(keys: readonly (number | string)[]): Promise<IDBPDatabase> {
	const db = await openDB(`scan-${opened++}`, 1, {
		upgrade(db) {
			db.createObjectStore('records', { keyPath: 'k' });
		}
	});
	const tx = db.transaction('records', 'readwrite');
	await Promise.all([...keys.map((k, n) => tx.store.put({ k, n })), tx.done]);
	return db;
}

/** Scans the store, noting the chunks, and how many reads had been asked for when each was
 * handed out. */
async function scanAll(
	db: IDBPDatabase,
	size: number,
	numeric: boolean,
	depth?: number
): Promise<{ chunks: Rec[][]; gets: number; asked: number[] }> {
	const tx = db.transaction('records');
	let gets = 0;
	const store: ScanStore<Rec, IDBValidKey> = {
		getAll: (q, c) => {
			gets++;
			return tx.store.getAll(q, c);
		},
		getAllKeys: (q, c) => tx.store.getAllKeys(q, c),
		openKeyCursor: (q, d) => tx.store.openKeyCursor(q, d)
	};
	const chunks: Rec[][] = [];
	const asked: number[] = [];
	for await (const chunk of scan(store, {
		size,
		depth,
		numericKey: numeric ? (r) => r.k as number : undefined
	})) {
		chunks.push(chunk);
		asked.push(gets);
	}
	await tx.done;
	return { chunks, gets, asked };
}

// -0 and 0 are one key (as in a Set); the comparison is of keys, not of their sign.
const plain = (k: number | string) => (k === 0 ? 0 : k);
const inOrder = (keys: readonly (number | string)[]) =>
	[...new Set(keys.map(plain))].sort((a, b) => indexedDB.cmp(a, b));

describe('scan', () => {
	/** Any keys of `key`, any size: every record once, in key order, no chunk empty or over
	 * `most(size)`. */
	const handsOutAll = (
		key: fc.Arbitrary<number | string>,
		numeric: boolean,
		most: (size: number) => number
	) =>
		fc.assert(
			fc.asyncProperty(
				fc.array(key, { maxLength: 60 }),
				fc.integer({ min: 1, max: 7 }),
				async (keys, size) => {
					const db = await storeWith(keys);
					const { chunks } = await scanAll(db, size, numeric);
					db.close();
					expect(chunks.flat().map((r) => plain(r.k))).toEqual(inOrder(keys));
					for (const c of chunks) expect(c.length).toBeLessThanOrEqual(most(size));
					expect(chunks.every((c) => c.length > 0)).toBe(true);
				}
			),
			fcOptions(60)
		);

	it('hands out every record once, in key order, whatever the numeric keys', async () => {
		const key = fc.oneof(
			fc.integer({ min: -50, max: 50 }),
			fc.integer({ min: -1e12, max: 1e12 }),
			fc.double({ min: -10, max: 10, noNaN: true }),
			fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2)
		);
		// Whole numbers fill a range with `size` at most; closer keys one more.
		await handsOutAll(key, true, (size) => size + 1);
	});

	it('hands out every record once, in key order, for string keys', async () => {
		await handsOutAll(fc.string({ maxLength: 4 }), false, (size) => size);
	});

	it('keeps whole-number chunks at `size` and asks for the next ones before handing one out', async () => {
		const db = await storeWith(Array.from({ length: 20 }, (_, i) => i + 1));
		const { chunks, asked } = await scanAll(db, 5, true, 3);
		db.close();
		const sizes = chunks.map((c) => c.length);
		expect(sizes).toEqual([5, 5, 5, 5]);
		// When a chunk is handed out, the three after it are already asked for (all there are,
		// at the end).
		expect(asked).toEqual([4, 4, 4, 4]);
	});

	it('jumps over key space with nothing in it rather than reading every empty range', async () => {
		const db = await storeWith([1, 2, 1e9, 1e9 + 1, 5e15]);
		const { chunks, gets } = await scanAll(db, 2, true);
		db.close();
		expect(chunks.flat().map((r) => r.k)).toEqual([1, 2, 1e9, 1e9 + 1, 5e15]);
		expect(gets).toBeLessThan(20);
	});

	it('is not disturbed by the caller rewriting or deleting records it was handed', async () => {
		const db = await storeWith(Array.from({ length: 12 }, (_, i) => i));
		const tx = db.transaction('records', 'readwrite');
		const seen: number[] = [];
		for await (const chunk of scan(tx.store, { size: 4, numericKey: (r: Rec) => r.k as number })) {
			for (const r of chunk) {
				seen.push(r.k as number);
				if (r.n % 2) await tx.store.delete(r.k);
				else await tx.store.put({ ...r, n: -1 });
			}
		}
		await tx.done;
		expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i));
		expect((await db.getAll('records')).map((r: Rec) => r.n)).toEqual(Array(6).fill(-1));
		db.close();
	});

	it('reads nothing more from an empty store', async () => {
		const db = await storeWith([]);
		expect((await scanAll(db, 3, true)).chunks).toEqual([]);
		expect((await scanAll(db, 3, false)).chunks).toEqual([]);
		db.close();
	});
});
