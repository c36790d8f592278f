// The cards store: FSRS state per question. Queries go through the set+due index with
// limits so the study path stays fast at 100,000 cards (ARCHITECTURE.md "Performance
// budgets"). It is the store's only index (every index costs every card write: a
// 100,000-card restore spent 0.8 s on a by-due index); a query across sets asks each set
// with cards (`cardSetIds`) and merges.
import { State, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import type { Db } from './db';

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

/** What a read across sets needs: the cards store, in any transaction (plain idb). */
export interface SetDueStore<I> extends CardKeys {
	index(name: 'by-set-due'): I;
}

/**
 * `read(index, set)` for `setId`, or for each set with cards (in id order): how every
 * query reads the set+due index across sets.
 */
export async function perSet<I, T>(
	store: SetDueStore<I>,
	setId: string | undefined,
	read: (index: I, setId: string) => Promise<T>
): Promise<T[]> {
	const index = store.index('by-set-due');
	const sets = setId === undefined ? await cardSetIds(store) : [setId];
	return Promise.all(sets.map((s) => read(index, s)));
}

const sum = (counts: number[]) => counts.reduce((n, c) => n + c, 0);

/** The by-set-due index's keys for `setId` due from `lo` to `hi`. */
export const setDue = (setId: string, lo: number, hi: number, loOpen = false, hiOpen = false) =>
	IDBKeyRange.bound([setId, lo], [setId, hi], loOpen, hiOpen);

/** The order of a read across sets: due, then id (as one index over all cards gave). */
export const byDue = (a: StoredCard, b: StoredCard): number =>
	a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface DueQuery {
	now: number;
	/** Session size; storage never returns more. */
	limit: number;
	setId?: string;
}

/** Cards with `due <= now`, most overdue first, at most `limit`. */
export async function dueCards(db: Db, { now, limit, setId }: DueQuery): Promise<StoredCard[]> {
	const lists = await perSet(db.transaction('cards').store, setId, (index, s) =>
		index.getAll(setDue(s, -Infinity, now), limit)
	);
	return lists.length === 1 ? lists[0]! : lists.flat().sort(byDue).slice(0, limit);
}

export async function countDue(db: Db, now: number, setId?: string): Promise<number> {
	const counts = await perSet(db.transaction('cards').store, setId, (index, s) =>
		index.count(setDue(s, -Infinity, now))
	);
	return sum(counts);
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
	const lists = await perSet(db.transaction('cards').store, setId, (index, s) =>
		index.getAll(setDue(s, after, before, true, true))
	);
	return lists
		.flat()
		.sort(byDue)
		.filter((c) => c.state === State.Learning || c.state === State.Relearning);
}

/** When the next card comes due after `now` (for "Next review in 3 h"), if any. */
export async function nextDueAfter(
	db: Db,
	now: number,
	setId?: string
): Promise<number | undefined> {
	// Suspended cards wait at SUSPENDED_DUE: never "next". Keys only: [set, due].
	const firsts = await perSet(db.transaction('cards').store, setId, async (index, s) => {
		const cursor = await index.openKeyCursor(setDue(s, now, SUSPENDED_DUE, true, true));
		return cursor?.key[1];
	});
	const dues = firsts.filter((d) => d !== undefined);
	return dues.length ? Math.min(...dues) : undefined;
}

export function getCard(db: Db, id: string): Promise<StoredCard | undefined> {
	return db.get('cards', id);
}

/** Cards by id, in the same order; missing ones are undefined (never studied). */
export async function getCards(
	db: Db,
	ids: readonly string[]
): Promise<(StoredCard | undefined)[]> {
	const store = db.transaction('cards').store;
	return Promise.all(ids.map((id) => store.get(id)));
}

/**
 * Every card of a set, by key: a card's id is `<set>/<question>` (validated on every
 * write), and neither id holds a "/", so the set's cards are exactly the ids after
 * `<set>/`. No index to keep up on every write.
 */
export function setCards(setId: string): IDBKeyRange {
	return IDBKeyRange.bound(`${setId}/`, `${setId}/\uffff`);
}

/** Ids of every card in a set: tells the queue which questions are still new. Keys only. */
export function cardIdsForSet(db: Db, setId: string): Promise<string[]> {
	return db.getAllKeys('cards', setCards(setId));
}

export function cardsForSet(db: Db, setId: string): Promise<StoredCard[]> {
	return db.getAll('cards', setCards(setId));
}

export function countCards(db: Db, setId?: string): Promise<number> {
	return db.count('cards', setId === undefined ? undefined : setCards(setId));
}
