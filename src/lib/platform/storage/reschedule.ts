// Moving already planned reviews (a new break in Settings). One readwrite transaction:
// the cards are read and rewritten together, and the plan is a pure function of them.
import type { StoredCard } from '../../core/srs/card';
import type { Db } from './db';

/** Cards due in [from, to) (epoch ms), through the by-due index. */
export function cardsDueBetween(db: Db, from: number, to: number): Promise<StoredCard[]> {
	return db.getAllFromIndex('cards', 'by-due', IDBKeyRange.bound(from, to, false, true));
}

/** Applies `plan` to the cards due in [from, to); returns how many it changed. */
export async function rescheduleDueBetween(
	db: Db,
	from: number,
	to: number,
	plan: (cards: StoredCard[]) => StoredCard[]
): Promise<number> {
	const tx = db.transaction('cards', 'readwrite');
	const cards = await tx.store.index('by-due').getAll(IDBKeyRange.bound(from, to, false, true));
	const moved = plan(cards);
	await Promise.all([...moved.map((c) => tx.store.put(c)), tx.done]);
	return moved.length;
}
