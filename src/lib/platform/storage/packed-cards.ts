// The cards in packs (./card-packs.ts says how they are kept): finding them by id or set,
// reading the due ones through the packs' indexes, packing a restore's cards, taking cards
// out of their packs before they are written, and what Check database accepts as a pack.
// Apart from ./card-packs.ts, which Home loads.
import { isLearning, type StoredCard } from '../../core/srs/card';
import {
	dueRanges,
	PACK_SIZE,
	setPacks,
	type CardPack,
	type DueSpan,
	type PackIndexKey,
	type PackIndexName,
	type PackKey
} from './card-packs';

/** What reading packs needs of the store: plain idb methods, in any transaction. */
export interface PackStore {
	get(key: PackKey): Promise<CardPack | undefined>;
	getAllKeys(query?: IDBKeyRange | null): Promise<PackKey[]>;
	getAll(query?: IDBKeyRange | null): Promise<CardPack[]>;
	index(name: PackIndexName): PackIndex;
}

export interface PackIndex {
	getAllKeys(query: IDBKeyRange, count?: number): Promise<PackKey[]>;
	count(query?: IDBKeyRange): Promise<number>;
	openKeyCursor(query: IDBKeyRange): Promise<PackKeyCursor | null>;
}

export interface PackKeyCursor {
	key: PackIndexKey;
	continue(): Promise<PackKeyCursor | null>;
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
 * Paged cards of `setId` due in `span` (only those in learning steps, from that index), by
 * due then id, at most `limit`: the index says which packs hold the first `limit`, and
 * only those are read.
 */
export async function pagedDue(
	store: PackStore,
	setId: string,
	span: DueSpan,
	limit?: number,
	index: PackIndexName = 'by-set-due'
): Promise<StoredCard[]> {
	const keys = await store.index(index).getAllKeys(dueRanges(setId, span)[1], limit);
	if (!keys.length) return [];
	const { lo, hi, loOpen, hiOpen } = span;
	// As the index would: a damaged card (a due that is not a number) is in no span.
	const within = (c: StoredCard) =>
		c.setId === setId &&
		(index === 'by-set-due' || isLearning(c)) &&
		typeof c.due === 'number' &&
		(loOpen ? c.due > lo : c.due >= lo) &&
		(hiOpen ? c.due < hi : c.due <= hi);
	const cards = (await packsAt(store, keys)).flatMap((p) => p.cards.filter(within)).sort(byDue);
	return limit === undefined ? cards : cards.slice(0, limit);
}

/** Cards in id order (the cards store's key order). */
export const byId = (a: StoredCard, b: StoredCard): number =>
	a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The order of a read across sets: due, then id (as one index over all cards gave). */
export const byDue = (a: StoredCard, b: StoredCard): number => a.due - b.due || byId(a, b);

const questionOrder = (a: StoredCard, b: StoredCard) =>
	a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0;

/** The pack holding `cards` (one set's, in question id order, at least one), from `lo`. */
export function packOf(cards: StoredCard[], lo = cards[0]!.questionId): CardPack {
	const key = (c: StoredCard): PackIndexKey => [c.setId, c.due, c.id];
	return {
		setId: cards[0]!.setId,
		lo,
		cards,
		keys: cards.map(key),
		learning: cards.filter(isLearning).map(key)
	};
}

/** Cards (each with a distinct id) as packs of at most `size`: by set, then question id. */
export function packCards(cards: readonly StoredCard[], size = PACK_SIZE): CardPack[] {
	const bySet = new Map<string, StoredCard[]>();
	for (const c of cards) {
		const list = bySet.get(c.setId);
		if (list) list.push(c);
		else bySet.set(c.setId, [c]);
	}
	const packs: CardPack[] = [];
	for (const list of bySet.values()) {
		list.sort(questionOrder);
		for (let i = 0; i < list.length; i += size) packs.push(packOf(list.slice(i, i + size)));
	}
	return packs;
}

/**
 * Whether `pack` is exactly as packOf makes it, its cards within its span (up to the next
 * pack's `lo` in its set, if any): what ./check.ts accepts as a pack.
 */
export function packInPlace(pack: Partial<CardPack> | null, nextLo?: string): boolean {
	if (!pack || typeof pack !== 'object') return false;
	const { setId, lo, cards } = pack;
	if (typeof setId !== 'string' || typeof lo !== 'string') return false;
	if (!Array.isArray(cards) || !cards.length) return false;
	let last: string | undefined;
	const placed = cards.every((c: Partial<StoredCard> | null) => {
		if (!c || typeof c !== 'object' || c.setId !== setId) return false;
		const q = c.questionId;
		if (typeof q !== 'string' || q < lo || (last !== undefined && q <= last)) return false;
		if (nextLo !== undefined && q >= nextLo) return false;
		last = q;
		return c.id === `${setId}/${q}`;
	});
	if (!placed) return false;
	// Its index keys, exactly as packOf makes them from its cards.
	const right = packOf(cards, lo);
	return sameKeys(pack.keys, right.keys) && sameKeys(pack.learning, right.learning);
}

function sameKeys(stored: unknown, right: PackIndexKey[]): boolean {
	return (
		Array.isArray(stored) &&
		stored.length === right.length &&
		right.every((k, i) => {
			const s: unknown = stored[i];
			return Array.isArray(s) && s.length === 3 && s.every((x, j) => x === k[j]);
		})
	);
}

/** A card id's set and question (ids are `<set>/<question>`, and neither holds a "/"). */
export function splitCardId(id: string): [setId: string, questionId: string] | undefined {
	const at = id.indexOf('/');
	return at < 0 ? undefined : [id.slice(0, at), id.slice(at + 1)];
}

/** The key of the pack covering `questionId`, among one set's pack keys in key order. */
export function packCovering(keys: readonly PackKey[], questionId: string): PackKey | undefined {
	let found: PackKey | undefined;
	for (const k of keys) {
		if (k[1] > questionId) break;
		found = k;
	}
	return found;
}

/** Every paged card of a set, in question id order. */
export async function pagedOfSet(store: PackStore, setId: string): Promise<StoredCard[]> {
	return (await store.getAll(setPacks(setId))).flatMap((p) => p.cards);
}

/** The sets with paged cards, in key order (./cards.ts puts them in their cards' id order). */
export async function pagedSetIds(store: PackStore): Promise<string[]> {
	const keys = await store.getAllKeys();
	return [...new Set(keys.map((k) => k[0]))];
}

/**
 * The paged cards with these ids (a Map by id; ids not paged are absent), each pack read
 * once: one key read per set, then the packs that may hold them.
 */
export async function pagedCards(
	store: PackStore,
	ids: readonly string[]
): Promise<Map<string, { card: StoredCard; pack: CardPack }>> {
	const found = new Map<string, { card: StoredCard; pack: CardPack }>();
	const wanted = new Set(ids);
	const bySet = new Map<string, string[]>();
	for (const id of ids) {
		const split = splitCardId(id);
		if (!split) continue;
		const list = bySet.get(split[0]);
		if (list) list.push(split[1]);
		else bySet.set(split[0], [split[1]]);
	}
	await Promise.all(
		[...bySet].map(async ([setId, questionIds]) => {
			const keys = await store.getAllKeys(setPacks(setId));
			if (!keys.length) return;
			const covering = questionIds.map((q) => packCovering(keys, q)).filter((k) => !!k);
			for (const pack of await packsAt(store, covering))
				for (const card of pack.cards) if (wanted.has(card.id)) found.set(card.id, { card, pack });
		})
	);
	return found;
}

/** The pack store in a readwrite transaction. */
export interface WritablePackStore extends PackStore {
	put(value: CardPack): Promise<unknown>;
	delete(key: PackKey | IDBKeyRange): Promise<unknown>;
}

/**
 * Takes the cards with these ids out of their packs (a card about to be written to the
 * cards store, or deleted), rewriting each pack once; returns the cards taken, by id.
 */
export async function takePaged(
	store: WritablePackStore,
	ids: readonly string[]
): Promise<Map<string, StoredCard>> {
	const found = await pagedCards(store, ids);
	const taken = new Map<string, StoredCard>();
	const packs = new Set<CardPack>();
	for (const [id, { card, pack }] of found) {
		taken.set(id, card);
		packs.add(pack);
	}
	await Promise.all(
		[...packs].map((pack) => {
			const kept = pack.cards.filter((c) => !taken.has(c.id));
			return kept.length ? store.put(packOf(kept, pack.lo)) : store.delete([pack.setId, pack.lo]);
		})
	);
	return taken;
}
