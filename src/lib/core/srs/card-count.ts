// Running counts of the cards store, per set and per quarter hour of due time, so Home's
// "due" and "new", and the Stats screen's mastery and forecast, never walk 100,000 cards
// (issue 15). One record per (set, quarter hour) with cards due in it, and one per set
// (slot TOTAL_SLOT) with all of its cards. storage/card-counts.ts keeps them in step with
// every card write, in the same transaction. Pure; on the home page's path, so small.
import { State, type StoredCard } from './card';
import { TALLY_MS } from './tally-record';

/** A card counts as mastered once FSRS expects to keep it 21 days (Anki's "mature"). */
export const MASTERY_STABILITY_DAYS = 21;

/** The slot of a set's record that counts all of its cards, whatever their due time. */
export const TOTAL_SLOT = -1;

/** Quarter hours, as the review tallies: a study day in any real timezone is whole slots. */
export const COUNT_SLOT_MS = TALLY_MS;

export const dueSlot = (due: number): number => Math.floor(due / COUNT_SLOT_MS);

export interface CardCount {
	setId: string;
	/** dueSlot(due) of the cards counted, or TOTAL_SLOT for all the set's cards. */
	slot: number;
	/** Stored cards. */
	all: number;
	/** Of those, ever answered (not new with no reps): what mastery calls studied. */
	studied: number;
	/** Of those, not in the New state: what the due forecast counts. */
	active: number;
	/** In the Review state. */
	learned: number;
	/** In the Review state with a stability of MASTERY_STABILITY_DAYS or more. */
	mastered: number;
}

type Counted = 'all' | 'studied' | 'active' | 'learned' | 'mastered';
const FIELDS: readonly Counted[] = ['all', 'studied', 'active', 'learned', 'mastered'];

export function emptyCount(setId: string, slot: number): CardCount {
	return { setId, slot, all: 0, studied: 0, active: 0, learned: 0, mastered: 0 };
}

/** Adds a card to a count (`sign` −1 takes it off). Mutates and returns `count`. */
export function addToCount(count: CardCount, card: StoredCard, sign: 1 | -1 = 1): CardCount {
	const review = card.state === State.Review;
	count.all += sign;
	if (!(card.state === State.New && card.reps === 0)) count.studied += sign;
	if (card.state !== State.New) count.active += sign;
	if (review) count.learned += sign;
	if (review && card.stability >= MASTERY_STABILITY_DAYS) count.mastered += sign;
	return count;
}

export const isEmptyCount = (c: CardCount): boolean => FIELDS.every((f) => c[f] === 0);

export const sameCount = (a: CardCount, b: CardCount): boolean =>
	a.setId === b.setId && a.slot === b.slot && FIELDS.every((f) => a[f] === b[f]);

/** Adds `from` into `into` (summing a set's slots). Mutates and returns `into`. */
export function addCounts(into: CardCount, from: CardCount): CardCount {
	for (const f of FIELDS) into[f] += from[f];
	return into;
}

const keyOf = (setId: string, slot: number) => JSON.stringify([setId, slot]);

/**
 * What changing cards does to their counts: `[before, after]` pairs (undefined: not
 * stored). Returns the counts' changes (possibly negative), keyed by (set, slot); a change
 * that cancels out is left out.
 */
export function countChanges(
	changes: Iterable<readonly [StoredCard | undefined, StoredCard | undefined]>
): CardCount[] {
	const out = new Map<string, CardCount>();
	const add = (card: StoredCard, sign: 1 | -1) => {
		for (const slot of [TOTAL_SLOT, dueSlot(card.due)]) {
			const k = keyOf(card.setId, slot);
			let c = out.get(k);
			if (!c) out.set(k, (c = emptyCount(card.setId, slot)));
			addToCount(c, card, sign);
		}
	};
	for (const [before, after] of changes) {
		if (before) add(before, -1);
		if (after) add(after, 1);
	}
	return [...out.values()].filter((c) => !isEmptyCount(c));
}

/** Adds a card to `into` (key → count), making counts as needed; for cards read in parts. */
export function countInto(into: Map<string, CardCount>, card: StoredCard): void {
	for (const slot of [TOTAL_SLOT, dueSlot(card.due)]) {
		const k = keyOf(card.setId, slot);
		let c = into.get(k);
		if (!c) into.set(k, (c = emptyCount(card.setId, slot)));
		addToCount(c, card);
	}
}

/** Every count of `cards` (the whole store, or one set's cards). */
export function cardCounts(cards: Iterable<StoredCard>): CardCount[] {
	const into = new Map<string, CardCount>();
	for (const card of cards) countInto(into, card);
	return [...into.values()];
}

/** The key `countInto` files a count under. */
export const countKey = (c: Pick<CardCount, 'setId' | 'slot'>): string => keyOf(c.setId, c.slot);
