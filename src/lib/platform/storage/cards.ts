// The cards: FSRS state per question, in the cards store and in the packs a restore
// writes (./card-packs.ts; a card is in one of the two). Every read here reads both and
// merges them in the order one store gave. Queries go through the set+due indexes with
// limits so the study path stays fast at 100,000 cards (ARCHITECTURE.md "Performance
// budgets"). It is the store's only index (every index costs every card write: a
// 100,000-card restore spent 0.8 s on a by-due index); a query across sets asks each set
// with cards (`cardSetIdsIn`) and merges.
import { isLearning, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { countSetDue, dueRanges, setPacks, type CardsTx, type DueSpan } from './card-packs';
import { byDue, byId, pagedCards, pagedDue, pagedOfSet, pagedSetIds } from './packed-cards';

/** What `cardSetIds` needs of the cards store, in any transaction (plain idb). */
export interface CardKeys {
	openKeyCursor(query?: IDBKeyRange | null): Promise<CardKeyCursor | null>;
}
interface CardKeyCursor {
	key: string;
	continue(key?: string): Promise<CardKeyCursor | null>;
}

/** The sets that have cards, in id order: one key read per set (ids are `<set>/<question>`). */
export async function cardSetIds(store: CardKeys): Promise<string[]> {
	const ids: string[] = [];
	for (let c = await store.openKeyCursor(); c;) {
		const id = c.key.slice(0, c.key.indexOf('/'));
		ids.push(id);
		// Every `<set>/…` key sorts before `<set>0` ("/" is the character before "0").
		c = await c.continue(`${id}0`);
	}
	return ids;
}

export { byDue, type CardsTx, type DueSpan };

const sum = (counts: number[]) => counts.reduce((n, c) => n + c, 0);

/** The sets with cards, stored or paged, in the order of their cards' ids. */
export async function cardSetIdsIn(tx: CardsTx): Promise<string[]> {
	const [stored, paged] = await Promise.all([
		cardSetIds(tx.objectStore('cards')),
		pagedSetIds(tx.objectStore('cardPacks'))
	]);
	if (!paged.length) return stored;
	// A set's ids all start `<set>/`: sets in that order are their cards' id order.
	return [...new Set([...stored, ...paged])].sort((x, y) => (`${x}/` < `${y}/` ? -1 : 1));
}

/** `read(set)` for `setId`, or for each set with cards (in id order). */
async function perSet<T>(
	tx: CardsTx,
	setId: string | undefined,
	read: (setId: string) => Promise<T>
): Promise<T[]> {
	const sets = setId === undefined ? await cardSetIdsIn(tx) : [setId];
	return Promise.all(sets.map(read));
}

/** Which cards a read wants: all, or those in (re)learning steps (the packs have an index
 * of those; the store's few are picked out of its set+due range). */
type Which = 'all' | 'learning';

/** One set's cards due in `span`, stored and paged, by due then id, at most `limit`. */
async function setDueIn(
	tx: CardsTx,
	setId: string,
	span: DueSpan,
	limit?: number,
	which: Which = 'all'
): Promise<StoredCard[]> {
	const [all, paged] = await Promise.all([
		tx.objectStore('cards').index('by-set-due').getAll(dueRanges(setId, span)[0], limit),
		pagedDue(
			tx.objectStore('cardPacks'),
			setId,
			span,
			limit,
			which === 'all' ? 'by-set-due' : 'by-set-learning'
		)
	]);
	const stored = which === 'learning' ? all.filter(isLearning) : all;
	if (!paged.length) return stored;
	const both = [...stored, ...paged].sort(byDue);
	return limit === undefined ? both : both.slice(0, limit);
}

/** Cards due in `span` (of `setId`, or of every set), by due then id, at most `limit`. */
export async function cardsDueIn(
	tx: CardsTx,
	setId: string | undefined,
	span: DueSpan,
	limit?: number,
	which: Which = 'all'
): Promise<StoredCard[]> {
	const lists = await perSet(tx, setId, (s) => setDueIn(tx, s, span, limit, which));
	if (lists.length === 1) return lists[0]!;
	const all = lists.flat().sort(byDue);
	return limit === undefined ? all : all.slice(0, limit);
}

/** How many cards are due in `span` (of `setId`, or of every set). */
export async function countDueIn(
	tx: CardsTx,
	setId: string | undefined,
	span: DueSpan
): Promise<number> {
	return sum(await perSet(tx, setId, (s) => countSetDue(tx, s, span)));
}

/** `read` over the key cursors of both indexes' ranges of `setId`'s cards due in `span`. */
function keyCursors<T>(
	tx: CardsTx,
	setId: string,
	span: DueSpan,
	read: (cursor: IndexKeyCursor | null) => Promise<T>
): Promise<T[]> {
	const [stored, packed] = dueRanges(setId, span);
	return Promise.all([
		tx.objectStore('cards').index('by-set-due').openKeyCursor(stored).then(read),
		tx.objectStore('cardPacks').index('by-set-due').openKeyCursor(packed).then(read)
	]);
}

/** A key cursor of either index: [set, due] (the store) or [set, due, id] (the packs). */
interface IndexKeyCursor {
	key: [string, number, ...string[]];
	continue(): Promise<IndexKeyCursor | null>;
}

/** The earliest due time in `span` (of `setId`, or of every set), if any. Keys only. */
export async function firstDueIn(
	tx: CardsTx,
	setId: string | undefined,
	span: DueSpan
): Promise<number | undefined> {
	const firsts = await perSet(tx, setId, (s) => keyCursors(tx, s, span, async (c) => c?.key[1]));
	const dues = firsts.flat().filter((d) => d !== undefined);
	return dues.length ? Math.min(...dues) : undefined;
}

/**
 * The due time of every card due in `span` (of `setId`, or of every set), in no order:
 * keys only, from both indexes, so no card is read.
 */
export async function duesIn(
	tx: CardsTx,
	setId: string | undefined,
	span: DueSpan
): Promise<number[]> {
	const lists = await perSet(tx, setId, (s) =>
		keyCursors(tx, s, span, async (cursor) => {
			const dues: number[] = [];
			for (let c = cursor; c; c = await c.continue()) dues.push(c.key[1]);
			return dues;
		})
	);
	return lists.flat(2);
}

export interface DueQuery {
	now: number;
	/** Session size; storage never returns more. */
	limit: number;
	setId?: string;
}

/** A read transaction over the cards and their packs. */
export const readCards = (db: Db): CardsTx => db.transaction(['cards', 'cardPacks']);

/** Cards with `due <= now`, most overdue first, at most `limit`. */
export function dueCards(db: Db, { now, limit, setId }: DueQuery): Promise<StoredCard[]> {
	return cardsDueIn(readCards(db), setId, { lo: -Infinity, hi: now }, limit);
}

export function countDue(db: Db, now: number, setId?: string): Promise<number> {
	return countDueIn(readCards(db), setId, { lo: -Infinity, hi: now });
}

/**
 * Cards in (re)learning steps due after `after` and before `before` (the study day's end),
 * soonest first: a reloaded study session waits for them as the one before the reload did.
 */
export async function learningDueBetween(
	db: Db,
	after: number,
	before: number,
	setId?: string
): Promise<StoredCard[]> {
	if (before <= after) return [];
	const span = { lo: after, hi: before, loOpen: true, hiOpen: true };
	return cardsDueIn(readCards(db), setId, span, undefined, 'learning');
}

/** When the next card comes due after `now` (for "Next review in 3 h"), if any. */
export function nextDueAfter(db: Db, now: number, setId?: string): Promise<number | undefined> {
	// Suspended cards wait at SUSPENDED_DUE: never "next".
	const span = { lo: now, hi: SUSPENDED_DUE, loOpen: true, hiOpen: true };
	return firstDueIn(readCards(db), setId, span);
}

/** Cards by id in `tx`, in the same order; missing ones are undefined (never studied). */
export async function cardsById(
	tx: CardsTx,
	ids: readonly string[]
): Promise<(StoredCard | undefined)[]> {
	const cards = tx.objectStore('cards');
	const stored = await Promise.all(ids.map((id) => cards.get(id)));
	const missing = ids.filter((_, i) => stored[i] === undefined);
	if (!missing.length) return stored;
	const paged = await pagedCards(tx.objectStore('cardPacks'), missing);
	return stored.map((c, i) => c ?? paged.get(ids[i]!)?.card);
}

export async function getCard(db: Db, id: string): Promise<StoredCard | undefined> {
	return (await cardsById(readCards(db), [id]))[0];
}

/** Cards by id, in the same order; missing ones are undefined (never studied). */
export function getCards(db: Db, ids: readonly string[]): Promise<(StoredCard | undefined)[]> {
	return cardsById(readCards(db), ids);
}

/**
 * Every card of a set, by key: a card's id is `<set>/<question>` (validated on every
 * write), and neither id holds a "/", so the set's cards are exactly the ids after
 * `<set>/`. No index to keep up on every write.
 */
export function setCards(setId: string): IDBKeyRange {
	return IDBKeyRange.bound(`${setId}/`, `${setId}/\uffff`);
}

/** Every card of a set in `tx`, stored and paged, in id order. */
export async function cardsOfSet(tx: CardsTx, setId: string): Promise<StoredCard[]> {
	const [stored, paged] = await Promise.all([
		tx.objectStore('cards').getAll(setCards(setId)),
		pagedOfSet(tx.objectStore('cardPacks'), setId)
	]);
	return paged.length ? [...stored, ...paged].sort(byId) : stored;
}

/** Ids of every card in a set: tells the queue which questions are still new. */
export async function cardIdsForSet(db: Db, setId: string): Promise<string[]> {
	const tx = readCards(db);
	const [stored, paged] = await Promise.all([
		tx.objectStore('cards').getAllKeys(setCards(setId)),
		pagedOfSet(tx.objectStore('cardPacks'), setId)
	]);
	return paged.length ? [...stored, ...paged.map((c) => c.id)].sort() : stored;
}

export function cardsForSet(db: Db, setId: string): Promise<StoredCard[]> {
	return cardsOfSet(readCards(db), setId);
}

export async function countCards(db: Db, setId?: string): Promise<number> {
	const tx = readCards(db);
	const [stored, paged] = await Promise.all([
		tx.objectStore('cards').count(setId === undefined ? undefined : setCards(setId)),
		tx
			.objectStore('cardPacks')
			.index('by-set-due')
			.count(setId === undefined ? undefined : setPacks(setId))
	]);
	return stored + paged;
}
