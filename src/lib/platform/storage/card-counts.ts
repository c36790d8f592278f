// The card counts (core/srs/card-count.ts) as stored, and the one way cards are written:
// `writeCards` puts and deletes cards and changes their counts in the CALLER'S transaction,
// so the counts can never disagree with the cards (ARCHITECTURE.md "Data safety"). A
// restore, the v5 migration and Check database rebuild them from the cards.
import type { IDBPTransaction, StoreNames } from 'idb';
import {
	addCounts,
	COUNT_SLOT_MS,
	countChanges,
	dueSlot,
	emptyCount,
	isEmptyCount,
	TOTAL_SLOT,
	type CardCount
} from '../../core/srs/card-count';
import { isUnreviewed, type StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import type { StudydeckDB } from './schema';

/** A readwrite transaction over at least the cards and their counts. */
type CardTx = IDBPTransaction<
	StudydeckDB,
	ArrayLike<StoreNames<StudydeckDB>>,
	'readwrite' | 'versionchange'
>;

export interface CardWrites {
	/** Cards to store (replacing any with the same id). */
	put?: readonly StoredCard[];
	/** Ids of cards to delete (missing ones are ignored). */
	delete?: readonly string[];
	/** The stored cards being replaced or deleted, when the caller has just read them in
	 * this transaction; otherwise they are read here. */
	before?: readonly (StoredCard | undefined)[];
}

/**
 * Writes cards and their counts in `tx`. Call it once per transaction (or await each
 * call): two calls in flight could both read a count before either writes it.
 */
export async function writeCards(tx: CardTx, writes: CardWrites): Promise<void> {
	try {
		const cards = tx.objectStore('cards');
		const put = writes.put ?? [];
		const deleted = writes.delete ?? [];
		const before =
			writes.before ??
			(await Promise.all([...put.map((c) => c.id), ...deleted].map((id) => quiet(cards.get(id)))));
		const changes = [
			...put.map((c, i) => [before[i], c] as const),
			...deleted.map((_, i) => [before[put.length + i], undefined] as const)
		];
		await Promise.all([
			...put.map((c) => quiet(cards.put(c))),
			...deleted.map((id) => quiet(cards.delete(id))),
			changeCounts(tx, countChanges(changes))
		]);
	} catch (e) {
		// A card the store refuses (no id, say) throws before any request fails: without an
		// abort, the rest of the transaction would commit without it.
		try {
			tx.abort();
		} catch {
			// already finished or aborting
		}
		throw e;
	}
}

/** A request whose failure the caller sees through Promise.all or the transaction: the
 * requests queued before a synchronous throw must not become unhandled rejections. */
function quiet<T>(request: Promise<T>): Promise<T> {
	request.catch(() => {});
	return request;
}

async function changeCounts(tx: CardTx, changes: readonly CardCount[]): Promise<void> {
	const store = tx.objectStore('cardCounts');
	await Promise.all(
		changes.map(async (change) => {
			const key: [string, number] = [change.setId, change.slot];
			const count = addCounts(
				(await store.get(key)) ?? emptyCount(change.setId, change.slot),
				change
			);
			await (isEmptyCount(count) ? store.delete(key) : store.put(count));
		})
	);
}

/** Replaces every count with those of `cards` (the whole store). */
export async function rebuildCardCounts(tx: CardTx, counts: readonly CardCount[]): Promise<void> {
	const store = tx.objectStore('cardCounts');
	await store.clear();
	await Promise.all(counts.map((c) => store.put(c)));
}

/** Deletes every count of a set (with all of its cards). */
export function deleteSetCounts(tx: CardTx, setId: string): Promise<void> {
	return tx.objectStore('cardCounts').delete(setRange(setId));
}

const setRange = (setId: string, from = -Infinity, to = Infinity, toOpen = false) =>
	IDBKeyRange.bound([setId, from], [setId, to], false, toOpen);

/** Each set's count of all of its cards (an empty count for a set with none). */
export async function setTotals(
	db: Db,
	setIds: readonly string[]
): Promise<Map<string, CardCount>> {
	const tx = db.transaction('cardCounts');
	const totals = await Promise.all(setIds.map((id) => tx.store.get([id, TOTAL_SLOT])));
	return new Map(setIds.map((id, i) => [id, totals[i] ?? emptyCount(id, TOTAL_SLOT)]));
}

/** The counts of a set's cards due before the quarter hour `untilSlot`, soonest first. */
export function countsDueBefore(db: Db, setId: string, untilSlot: number): Promise<CardCount[]> {
	return db.getAll('cardCounts', setRange(setId, 0, untilSlot, true));
}

/**
 * Cards with `due <= now` in each set, exactly as an index count would say: the counts of
 * the quarter hours before now's, and an index count within now's quarter hour.
 * `field` picks which cards (all stored ones, or those ever studied).
 */
export async function dueBySet(
	db: Db,
	now: number,
	setIds: readonly string[],
	field: 'all' | 'studied' = 'all'
): Promise<Record<string, number>> {
	const slot = dueSlot(now);
	const tx = db.transaction(['cardCounts', 'cards']);
	const counts = await Promise.all(
		setIds.map(async (id) => {
			const [before, within] = await Promise.all([
				tx.objectStore('cardCounts').getAll(setRange(id, 0, slot, true)),
				field === 'all'
					? tx
							.objectStore('cards')
							.index('by-set-due')
							.count(IDBKeyRange.bound([id, slot * COUNT_SLOT_MS], [id, now]))
					: tx
							.objectStore('cards')
							.index('by-set-due')
							.getAll(IDBKeyRange.bound([id, slot * COUNT_SLOT_MS], [id, now]))
							.then((cards) => cards.filter((c) => !isUnreviewed(c)).length)
			]);
			return before.reduce((n, c) => n + c[field], within);
		})
	);
	return Object.fromEntries(setIds.map((id, i) => [id, counts[i]!]));
}
