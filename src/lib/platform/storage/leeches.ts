// Suspending a card and replacing it with an easier one (srs/leech.ts). Each is one
// readwrite transaction: the card and the easier set change together or not at all.
import type { QuestionSet } from '../../core/bank/schema';
import { SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import { suspendCard, unsuspendCard } from '../../core/srs/suspend';
import type { Db } from './db';
import { CARD_WRITE_STORES, writeCards } from './card-writes';
import { cardsById, cardsDueIn, countDueIn, readCards } from './cards';

async function update(
	db: Db,
	id: string,
	change: (card: StoredCard) => StoredCard,
	set?: QuestionSet,
	now = 0
): Promise<StoredCard | undefined> {
	const tx = db.transaction([...CARD_WRITE_STORES, 'sets'], 'readwrite');
	const [card] = await cardsById(tx, [id]);
	if (!card) {
		await tx.done;
		return undefined;
	}
	const next = change(card);
	await Promise.all([
		writeCards(tx, { put: [next], before: [card] }),
		set ? tx.objectStore('sets').put({ set, origin: 'authored', updatedAt: now }) : undefined,
		tx.done
	]);
	return next;
}

/** Suspends a card: it keeps its memory and comes back with `unsuspend`. */
export function suspend(db: Db, id: string): Promise<StoredCard | undefined> {
	return update(db, id, suspendCard);
}

export function unsuspend(db: Db, id: string): Promise<StoredCard | undefined> {
	return update(db, id, unsuspendCard);
}

/** Suspends the card and stores the set holding its easier version, together. */
export function replaceWithEasier(
	db: Db,
	id: string,
	easierSet: QuestionSet,
	now: number
): Promise<StoredCard | undefined> {
	return update(db, id, suspendCard, easierSet, now);
}

const SUSPENDED = { lo: SUSPENDED_DUE, hi: SUSPENDED_DUE };

export function countSuspended(db: Db): Promise<number> {
	return countDueIn(readCards(db), undefined, SUSPENDED);
}

/** Brings every suspended card back; returns how many. */
export async function unsuspendAll(db: Db): Promise<number> {
	const tx = db.transaction(CARD_WRITE_STORES, 'readwrite');
	const cards = await cardsDueIn(tx, undefined, SUSPENDED);
	await Promise.all([writeCards(tx, { put: cards.map(unsuspendCard), before: cards }), tx.done]);
	return cards.length;
}
