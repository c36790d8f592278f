// The cards store: FSRS state per question. Queries go through indexes with limits so
// the study path stays fast at 100,000 cards (ARCHITECTURE.md "Performance budgets").
import { State, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import type { Db } from './db';

export interface DueQuery {
	now: number;
	/** Session size; storage never returns more. */
	limit: number;
	setId?: string;
}

function dueRange(now: number, setId?: string): IDBKeyRange {
	return setId === undefined
		? IDBKeyRange.upperBound(now)
		: IDBKeyRange.bound([setId, -Infinity], [setId, now]);
}

/** Cards with `due <= now`, most overdue first, at most `limit`. */
export function dueCards(db: Db, { now, limit, setId }: DueQuery): Promise<StoredCard[]> {
	return setId === undefined
		? db.getAllFromIndex('cards', 'by-due', dueRange(now), limit)
		: db.getAllFromIndex('cards', 'by-set-due', dueRange(now, setId), limit);
}

export function countDue(db: Db, now: number, setId?: string): Promise<number> {
	return setId === undefined
		? db.countFromIndex('cards', 'by-due', dueRange(now))
		: db.countFromIndex('cards', 'by-set-due', dueRange(now, setId));
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
	const cards =
		setId === undefined
			? await db.getAllFromIndex('cards', 'by-due', IDBKeyRange.bound(after, before, true, true))
			: await db.getAllFromIndex(
					'cards',
					'by-set-due',
					IDBKeyRange.bound([setId, after], [setId, before], true, true)
				);
	return cards.filter((c) => c.state === State.Learning || c.state === State.Relearning);
}

/** When the next card comes due after `now` (for "Next review in 3 h"), if any. */
export async function nextDueAfter(
	db: Db,
	now: number,
	setId?: string
): Promise<number | undefined> {
	// Suspended cards wait at SUSPENDED_DUE: never "next".
	const cursor =
		setId === undefined
			? await db
					.transaction('cards')
					.store.index('by-due')
					.openCursor(IDBKeyRange.bound(now, SUSPENDED_DUE, true, true))
			: await db
					.transaction('cards')
					.store.index('by-set-due')
					.openCursor(IDBKeyRange.bound([setId, now], [setId, SUSPENDED_DUE], true, true));
	return cursor?.value.due;
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
