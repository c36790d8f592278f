// Moving already planned reviews (a new break in Settings). One readwrite transaction:
// the cards are read and rewritten together, and the plan is a pure function of them.
import type { StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { writeCards } from './card-writes';
import { byDue, perSet, setDue, type SetDueStore } from './cards';

/** Cards due in [from, to) (epoch ms) in every set, soonest first. */
async function dueIn(
	store: SetDueStore<{ getAll(query: IDBKeyRange): Promise<StoredCard[]> }>,
	from: number,
	to: number
): Promise<StoredCard[]> {
	const lists = await perSet(store, undefined, (index, s) =>
		index.getAll(setDue(s, from, to, false, true))
	);
	return lists.flat().sort(byDue);
}

/** Cards due in [from, to) (epoch ms), soonest first. */
export function cardsDueBetween(db: Db, from: number, to: number): Promise<StoredCard[]> {
	return dueIn(db.transaction('cards').store, from, to);
}

/** Applies `plan` to the cards due in [from, to); returns how many it changed. */
export async function rescheduleDueBetween(
	db: Db,
	from: number,
	to: number,
	plan: (cards: StoredCard[]) => StoredCard[]
): Promise<number> {
	const tx = db.transaction(['cards', 'cardCounts', 'meta'], 'readwrite');
	const cards = await dueIn(tx.objectStore('cards'), from, to);
	const byId = new Map(cards.map((c) => [c.id, c]));
	const moved = plan(cards);
	await Promise.all([
		writeCards(tx, { put: moved, before: moved.map((c) => byId.get(c.id)) }),
		tx.done
	]);
	return moved.length;
}
