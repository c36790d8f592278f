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
// found from its id alone. ./cards.ts reads the two together (and ./card-counts.ts the
// due ones, for Home); ./card-pack-writes.ts finds, packs and takes cards out of packs,
// apart, so Home does not download that part.
import type { StoredCard } from '../../core/srs/card';

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
}

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
 * The index keys of `setId`'s paged cards due in `span`: the range ./cards.ts setDue gives
 * the cards store, for keys with the card's id after the due time.
 */
export function packDue(setId: string, { lo, hi, loOpen = false, hiOpen = false }: DueSpan) {
	// [set, t] sorts before every [set, t, id], and [set, t, []] after (arrays after strings).
	return IDBKeyRange.bound(
		loOpen ? [setId, lo, []] : [setId, lo],
		hiOpen ? [setId, hi] : [setId, hi, []],
		loOpen,
		hiOpen
	);
}

/** What reading packs needs of the store: plain idb methods, in any transaction. */
export interface PackStore {
	get(key: PackKey): Promise<CardPack | undefined>;
	getAllKeys(query?: IDBKeyRange | null): Promise<PackKey[]>;
	getAll(query?: IDBKeyRange | null): Promise<CardPack[]>;
	index(name: 'by-set-due'): PackIndex;
}

export interface PackIndex {
	getAllKeys(query: IDBKeyRange, count?: number): Promise<PackKey[]>;
	count(query?: IDBKeyRange): Promise<number>;
	openKeyCursor(query: IDBKeyRange): Promise<{ key: PackIndexKey } | null>;
}

const keyText = (k: PackKey) => `${k[0]}/${k[1]}`;

/** The packs of `keys` (repeats read once), in the keys' first-seen order. */
export async function packsAt(store: PackStore, keys: readonly PackKey[]): Promise<CardPack[]> {
	const seen = new Map<string, PackKey>();
	for (const k of keys) if (!seen.has(keyText(k))) seen.set(keyText(k), k);
	const packs = await Promise.all([...seen.values()].map((k) => store.get(k)));
	return packs.filter((p) => p !== undefined);
}

/**
 * Paged cards of `setId` due in `span`, by due then id, at most `limit`: the index says
 * which packs hold the first `limit`, and only those are read.
 */
export async function pagedDue(
	store: PackStore,
	setId: string,
	span: DueSpan,
	limit?: number
): Promise<StoredCard[]> {
	const keys = await store.index('by-set-due').getAllKeys(packDue(setId, span), limit);
	if (!keys.length) return [];
	const { lo, hi, loOpen, hiOpen } = span;
	// As the index would: a damaged card (a due that is not a number) is in no span.
	const within = (c: StoredCard) =>
		c.setId === setId &&
		typeof c.due === 'number' &&
		(loOpen ? c.due > lo : c.due >= lo) &&
		(hiOpen ? c.due < hi : c.due <= hi);
	const cards = (await packsAt(store, keys)).flatMap((p) => p.cards.filter(within)).sort(byDue);
	return limit === undefined ? cards : cards.slice(0, limit);
}

/** The order of a read across sets: due, then id (as one index over all cards gave). */
export const byDue = (a: StoredCard, b: StoredCard): number =>
	a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
