// Moving already planned reviews (a new break in Settings). One readwrite transaction:
// the cards are read and rewritten together, and the plan is a pure function of them.
import type { StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { writeCards } from './card-writes';

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
	const tx = db.transaction(['cards', 'cardCounts', 'meta'], 'readwrite');
	const cards = await tx
		.objectStore('cards')
		.index('by-due')
		.getAll(IDBKeyRange.bound(from, to, false, true));
	const byId = new Map(cards.map((c) => [c.id, c]));
	const moved = plan(cards);
	await Promise.all([
		writeCards(tx, { put: moved, before: moved.map((c) => byId.get(c.id)) }),
		tx.done
	]);
	return moved.length;
}
