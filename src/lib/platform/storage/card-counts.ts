// The card counts (core/srs/card-count.ts) as stored, and the one way cards are written:
// `writeCards` puts and deletes cards and changes their counts in the CALLER'S transaction,
// so the counts can never disagree with the cards (ARCHITECTURE.md "Data safety"). A
// restore, the v5 migration and Check database rebuild them from the cards.
import type { IDBPTransaction, StoreNames } from 'idb';
import {
	addCounts,
	COUNT_SLOT_MS,
	countChanges,
	countKeyOf,
	dueSlot,
	emptyCount,
	isEmptyCount,
	Span,
	WEEK_SLOTS,
	weekOf,
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
			const key = countKeyOf(change);
			const count = addCounts(
				(await store.get(key)) ?? emptyCount(change.setId, change.span, change.slot),
				change
			);
			await (isEmptyCount(count) ? store.delete(key) : store.put(count));
		})
	);
}

/** Replaces every count with `counts` (those of the whole store). */
export async function rebuildCardCounts(tx: CardTx, counts: readonly CardCount[]): Promise<void> {
	const store = tx.objectStore('cardCounts');
	await store.clear();
	await Promise.all(counts.map((c) => store.put(c)));
}

/** Deletes every count of a set (with all of its cards). */
export function deleteSetCounts(tx: CardTx, setId: string): Promise<void> {
	return tx.objectStore('cardCounts').delete(IDBKeyRange.bound([setId], [setId, []]));
}

/** Each set's count of all of its cards (an empty count for a set with none). */
export async function setTotals(
	db: Db,
	setIds: readonly string[]
): Promise<Map<string, CardCount>> {
	const tx = db.transaction('cardCounts');
	const totals = await Promise.all(setIds.map((id) => tx.store.get([id, Span.Total, 0])));
	return new Map(setIds.map((id, i) => [id, totals[i] ?? emptyCount(id)]));
}

/** The card counts store, in any transaction. */
interface CountStore {
	getAll(query: IDBKeyRange): Promise<CardCount[]>;
}

/**
 * A set's counts of every card due before the quarter hour `until`: whole weeks before the
 * week of `detailFrom`, then quarter hours. Cards due long ago cost a record a week; from
 * `detailFrom` on, each count's time is exact to the quarter hour (countStart).
 */
export async function countsBefore(
	store: CountStore,
	setId: string,
	detailFrom: number,
	until: number
): Promise<CardCount[]> {
	const week = weekOf(detailFrom);
	const range = (span: Span, from: number, to: number) =>
		IDBKeyRange.bound([setId, span, from], [setId, span, to], false, true);
	const [weeks, quarters] = await Promise.all([
		store.getAll(range(Span.Week, -Infinity, week)),
		until > week * WEEK_SLOTS ? store.getAll(range(Span.Quarter, week * WEEK_SLOTS, until)) : []
	]);
	return [...weeks, ...quarters];
}

/**
 * Cards with `due <= now` in each set, exactly as an index count would say: the counts of
 * the time before now's quarter hour, and an index count within it. `field` picks which
 * cards (all stored ones, or those ever studied).
 */
export async function dueBySet(
	db: Db,
	now: number,
	setIds: readonly string[],
	field: 'all' | 'studied' = 'all'
): Promise<Record<string, number>> {
	const slot = dueSlot(now);
	const tx = db.transaction(['cardCounts', 'cards']);
	const index = tx.objectStore('cards').index('by-set-due');
	const counts = await Promise.all(
		setIds.map(async (id) => {
			const within = IDBKeyRange.bound([id, slot * COUNT_SLOT_MS], [id, now]);
			const [before, inSlot] = await Promise.all([
				countsBefore(tx.objectStore('cardCounts'), id, slot, slot),
				field === 'all'
					? index.count(within)
					: index.getAll(within).then((cards) => cards.filter((c) => !isUnreviewed(c)).length)
			]);
			return before.reduce((n, c) => n + c[field], inSlot);
		})
	);
	return Object.fromEntries(setIds.map((id, i) => [id, counts[i]!]));
}
