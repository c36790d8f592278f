// How cards go into their counts (./card-count.ts says what the counts are): adding and
// taking off a card, the changes a write makes, and whole recounts. Used where cards are
// written, by the v5 migration, restore and Check database; not on the home page's path.
import { State, type StoredCard } from './card';
import {
	countKeyOf,
	dueSlot,
	emptyCount,
	MASTERY_STABILITY_DAYS,
	Span,
	weekOf,
	type CardCount
} from './card-count';

type Counted = 'all' | 'studied' | 'active' | 'learned' | 'mastered';
const FIELDS: readonly Counted[] = ['all', 'studied', 'active', 'learned', 'mastered'];

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

/**
 * The counts a card is in: its set's, its due week's and, from week `detailWeek` on, its
 * due quarter hour's. Quarter hours before that week are never read while the clock moves
 * forward (card-count.ts), so a restore or upgrade writes a few records per set, not one
 * per card due long ago.
 */
function countsOf(card: StoredCard, detailWeek: number): [Span, number][] {
	const slot = dueSlot(card.due);
	const week = weekOf(slot);
	return week >= detailWeek
		? [
				[Span.Total, 0],
				[Span.Week, week],
				[Span.Quarter, slot]
			]
		: [
				[Span.Total, 0],
				[Span.Week, week]
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
	changes: Iterable<readonly [StoredCard | undefined, StoredCard | undefined]>,
	detailWeek: number
): CardCount[] {
	const out = new Map<string, CardCount>();
	const add = (card: StoredCard, sign: 1 | -1) => {
		for (const [span, slot] of countsOf(card, detailWeek))
			addToCount(counter(out, card, span, slot), card, sign);
	};
	for (const [before, after] of changes) {
		if (before) add(before, -1);
		if (after) add(after, 1);
	}
	return [...out.values()].filter((c) => !isEmptyCount(c));
}

/** Adds a card to `into` (key → count), making counts as needed; for cards read in parts. */
export function countInto(
	into: Map<string, CardCount>,
	card: StoredCard,
	detailWeek: number
): void {
	for (const [span, slot] of countsOf(card, detailWeek))
		addToCount(counter(into, card, span, slot), card);
}

/** Every count of `cards` (the whole store, or one set's cards). */
export function cardCounts(cards: Iterable<StoredCard>, detailWeek: number): CardCount[] {
	const into = new Map<string, CardCount>();
	for (const card of cards) countInto(into, card, detailWeek);
	return [...into.values()];
}
