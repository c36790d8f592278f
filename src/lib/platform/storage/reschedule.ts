// Moving already planned reviews (a new break in Settings). One readwrite transaction:
// the cards are read and rewritten together, and the plan is a pure function of them.
import type { StoredCard } from '../../core/srs/card';
import type { Db } from './db';
import { CARD_WRITE_STORES, writeCards } from './card-writes';
import { cardsDueIn, readCards, type CardsTx } from './cards';

/** Cards due in [from, to) (epoch ms) in every set, soonest first. */
const dueIn = (tx: CardsTx, from: number, to: number): Promise<StoredCard[]> =>
	cardsDueIn(tx, undefined, { lo: from, hi: to, hiOpen: true });

/** Cards due in [from, to) (epoch ms), soonest first. */
export function cardsDueBetween(db: Db, from: number, to: number): Promise<StoredCard[]> {
	return dueIn(readCards(db), from, to);
}

/** Applies `plan` to the cards due in [from, to); returns how many it changed. */
export async function rescheduleDueBetween(
	db: Db,
	from: number,
	to: number,
	plan: (cards: StoredCard[]) => StoredCard[]
): Promise<number> {
	const tx = db.transaction(CARD_WRITE_STORES, 'readwrite');
	const cards = await dueIn(tx, from, to);
	const byId = new Map(cards.map((c) => [c.id, c]));
	const moved = plan(cards);
	await Promise.all([
		writeCards(tx, { put: moved, before: moved.map((c) => byId.get(c.id)) }),
		tx.done
	]);
	return moved.length;
}
