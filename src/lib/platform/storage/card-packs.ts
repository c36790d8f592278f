// The cards' packed part (since v7): a restore writes its cards as packs of PACK_SIZE
// instead of one record each. In Chromium every IndexedDB record costs about 70 µs to
// write whatever its size, while an index entry costs a few: 100,000 cards took 7.2 s one
// by one and 0.85 s as 200 packs, each indexed by every card's [set, due, id] (multiEntry),
// so the due queries stay index reads (issue 15).
//
// The cards are the `cards` store (one record per card, as answers, imports and every
// other write make them) together with these packs, and a card is in one of the two, never
// both: only a restore writes packs (emptying `cards`), and every later write of a card
// takes it out of its pack first (./card-writes.ts). Packs only shrink: a pack covers its
// set's question ids from its `lo` to the next pack's, so the pack that may hold a card is
// found from its id alone. This module is what Home needs (the packs' shape, keys and key
// ranges: ./card-counts.ts counts through them); ./packed-cards.ts reads, packs and takes
// cards out of packs, apart, so Home does not download it; ./cards.ts reads the store and
// the packs together.
import type { IDBPTransaction, StoreNames } from 'idb';
import type { StoredCard } from '../../core/srs/card';
import type { StudydeckDB } from './schema';

/** Cards per pack: rewriting one (a card's first answer after a restore) takes ~20 ms. */
export const PACK_SIZE = 500;

export interface CardPack {
	setId: string;
	/** The lowest question id it covers (its first card's, when packed). */
	lo: string;
	/** Its cards, all of `setId`, in question id order. */
	cards: StoredCard[];
	/** Each card's [set, due, id]: index 'by-set-due' (multiEntry), in the cards' order. */
	keys: PackIndexKey[];
	/** The same of its cards in (re)learning steps: index 'by-set-learning' (multiEntry), so
	 * the study page finds them without reading every pack with a card due today. */
	learning: PackIndexKey[];
}

/** The packs' indexes: every card, and the cards in (re)learning steps. */
export type PackIndexName = 'by-set-due' | 'by-set-learning';

export type PackIndexKey = [setId: string, due: number, id: string];
/** The store's key path. */
export const PACK_KEY_PATH = ['setId', 'lo'];
export type PackKey = [setId: string, lo: string];

/** Every pack of a set (store keys [set, lo]), and every index entry of its paged cards
 * (index keys [set, due, id]). */
export const setPacks = (setId: string): IDBKeyRange => IDBKeyRange.bound([setId], [setId, []]);

/** A span of due times: from `lo` to `hi`, each end included unless open. */
export interface DueSpan {
	lo: number;
	hi: number;
	loOpen?: boolean;
	hiOpen?: boolean;
}

/**
 * `setId`'s cards due in `span`: the range of the cards store's set+due index ([set, due])
 * and the same range of the packs' index ([set, due, id]).
 */
export function dueRanges(
	setId: string,
	{ lo, hi, loOpen = false, hiOpen = false }: DueSpan
): [stored: IDBKeyRange, packed: IDBKeyRange] {
	return [
		IDBKeyRange.bound([setId, lo], [setId, hi], loOpen, hiOpen),
		// [set, t] sorts before every [set, t, id], and [set, t, []] after (arrays after strings).
		IDBKeyRange.bound(
			loOpen ? [setId, lo, []] : [setId, lo],
			hiOpen ? [setId, hi] : [setId, hi, []],
			loOpen,
			hiOpen
		)
	];
}

/** Any transaction over the cards store and its packs (and maybe more stores). */
export type CardsTx = IDBPTransaction<
	StudydeckDB,
	ArrayLike<StoreNames<StudydeckDB>>,
	IDBTransactionMode
>;

/** How many of `setId`'s cards, stored and packed, are due in `span`: two index counts. */
export async function countSetDue(tx: CardsTx, setId: string, span: DueSpan): Promise<number> {
	const [stored, packed] = dueRanges(setId, span);
	const counts = await Promise.all([
		tx.objectStore('cards').index('by-set-due').count(stored),
		tx.objectStore('cardPacks').index('by-set-due').count(packed)
	]);
	return counts[0] + counts[1];
}
