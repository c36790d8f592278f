// Running counts of the cards store, so Home's "due" and "new", and the Stats screen's
// mastery and forecast, never walk 100,000 cards (issue 15). Per set: one record of all its
// cards, one per UTC week and one per quarter hour of due time with cards in it. Cards due
// long ago are read a week at a time; near now, quarter hours keep a study day exact in any
// timezone. storage/card-counts.ts keeps them in step with every card write, in the same
// transaction. Pure; on the home page's path, so small.
import { State, type StoredCard } from './card';
import { TALLY_MS } from './tally-record';

/** A card counts as mastered once FSRS expects to keep it 21 days (Anki's "mature"). */
export const MASTERY_STABILITY_DAYS = 21;

/** What a count record covers: all of a set's cards, a week of due times, or a quarter hour. */
export const Span = { Total: 0, Week: 1, Quarter: 2 } as const;
export type Span = (typeof Span)[keyof typeof Span];

/** Quarter hours, as the review tallies: a study day in any real timezone is whole slots. */
export const COUNT_SLOT_MS = TALLY_MS;
/** Quarter hours in a week record (a UTC week from the epoch's). */
export const WEEK_SLOTS = 7 * 96;

export const dueSlot = (due: number): number => Math.floor(due / COUNT_SLOT_MS);
export const weekOf = (slot: number): number => Math.floor(slot / WEEK_SLOTS);

export interface CardCount {
	setId: string;
	span: Span;
	/** Span.Quarter: dueSlot(due) of the cards counted; Span.Week: weekOf that; Span.Total: 0. */
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

/** The store's key of a count. */
export type CountKey = [setId: string, span: Span, slot: number];
export const countKeyOf = (c: Pick<CardCount, 'setId' | 'span' | 'slot'>): CountKey => [
	c.setId,
	c.span,
	c.slot
];

/** The first moment a count's cards can be due (Span.Total: none). */
export function countStart(c: Pick<CardCount, 'span' | 'slot'>): number {
	return c.span === Span.Week ? c.slot * WEEK_SLOTS * COUNT_SLOT_MS : c.slot * COUNT_SLOT_MS;
}

type Counted = 'all' | 'studied' | 'active' | 'learned' | 'mastered';
const FIELDS: readonly Counted[] = ['all', 'studied', 'active', 'learned', 'mastered'];

export function emptyCount(setId: string, span: Span = Span.Total, slot = 0): CardCount {
	return { setId, span, slot, all: 0, studied: 0, active: 0, learned: 0, mastered: 0 };
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
	countKey(a) === countKey(b) && FIELDS.every((f) => a[f] === b[f]);

/** Adds `from` into `into` (summing a set's slots). Mutates and returns `into`. */
export function addCounts(into: CardCount, from: CardCount): CardCount {
	for (const f of FIELDS) into[f] += from[f];
	return into;
}

/** A count's key as one string, for maps. */
export const countKey = (c: Pick<CardCount, 'setId' | 'span' | 'slot'>): string =>
	JSON.stringify(countKeyOf(c));

/** The three counts a card is in: its set's, its due week's and its due quarter hour's. */
function countsOf(card: StoredCard): [Span, number][] {
	const slot = dueSlot(card.due);
	return [
		[Span.Total, 0],
		[Span.Week, weekOf(slot)],
		[Span.Quarter, slot]
	];
}

function counter(into: Map<string, CardCount>, card: StoredCard, span: Span, slot: number) {
	const k = JSON.stringify([card.setId, span, slot]);
	let c = into.get(k);
	if (!c) into.set(k, (c = emptyCount(card.setId, span, slot)));
	return c;
}

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
		for (const [span, slot] of countsOf(card))
			addToCount(counter(out, card, span, slot), card, sign);
	};
	for (const [before, after] of changes) {
		if (before) add(before, -1);
		if (after) add(after, 1);
	}
	return [...out.values()].filter((c) => !isEmptyCount(c));
}

/** Adds a card to `into` (key → count), making counts as needed; for cards read in parts. */
export function countInto(into: Map<string, CardCount>, card: StoredCard): void {
	for (const [span, slot] of countsOf(card)) addToCount(counter(into, card, span, slot), card);
}

/** Every count of `cards` (the whole store, or one set's cards). */
export function cardCounts(cards: Iterable<StoredCard>): CardCount[] {
	const into = new Map<string, CardCount>();
	for (const card of cards) countInto(into, card);
	return [...into.values()];
}
