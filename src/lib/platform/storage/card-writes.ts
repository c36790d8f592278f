// The one way cards are written: `writeCards` puts and deletes cards and changes their
// counts (core/srs/card-count.ts, read by ./card-counts.ts) in the CALLER'S transaction, so
// the counts can never disagree with the cards (ARCHITECTURE.md "Data safety"). A restore,
// the v5 migration and Check database build them from the cards instead. Apart from the
// reads, so the home page does not download the writes.
import type { IDBPTransaction, StoreNames } from 'idb';
import { countKeyOf, emptyCount, type CardCount } from '../../core/srs/card-count';
import { addCounts, countChanges, isEmptyCount } from '../../core/srs/count-cards';
import type { StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { detailWeek } from './card-counts';
import { takePaged } from './packed-cards';
import type { StudydeckDB } from './schema';

/** The stores `writeCards` writes: every transaction that calls it names them. */
export const CARD_WRITE_STORES = ['cards', 'cardPacks', 'cardCounts', 'meta'] as const;

/** A readwrite transaction over at least CARD_WRITE_STORES. */
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
		const ids = [...put.map((c) => c.id), ...deleted];
		// A paged card leaves its pack before it is written (./card-packs.ts): a card is
		// stored in one place only.
		const [stored, paged, week] = await Promise.all([
			writes.before ?? Promise.all(ids.map((id) => quiet(cards.get(id)))),
			takePaged(tx.objectStore('cardPacks'), ids),
			detailWeek(tx.objectStore('meta'))
		]);
		const before = ids.map((id, i) => stored[i] ?? paged.get(id));
		const changes = [
			...put.map((c, i) => [before[i], c] as const),
			...deleted.map((_, i) => [before[put.length + i], undefined] as const)
		];
		await Promise.all([
			...put.map((c) => quiet(cards.put(c))),
			...deleted.map((id) => quiet(cards.delete(id))),
			changeCounts(tx, countChanges(changes, week))
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

/** Deletes every count of a set (with all of its cards). */
export function deleteSetCounts(tx: CardTx, setId: string): Promise<void> {
	return tx.objectStore('cardCounts').delete(IDBKeyRange.bound([setId], [setId, []]));
}

/** Bulk write in one transaction (imports, tests, benchmarks). */
export async function putCards(db: Db, cards: readonly StoredCard[]): Promise<void> {
	const tx = db.transaction(CARD_WRITE_STORES, 'readwrite');
	await Promise.all([writeCards(tx, { put: cards }), tx.done]);
}
