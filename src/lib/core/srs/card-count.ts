// Running counts of the cards store, so Home's "due" and "new", and the Stats screen's
// mastery and forecast, never walk 100,000 cards (issue 15). Per set: one record of all its
// cards, one per UTC week and one per quarter hour of due time with cards in it. Cards due
// long ago are read a week at a time; near now, quarter hours keep a study day exact in any
// timezone. storage/card-counts.ts keeps them in step with every card write, in the same
// transaction. Pure, and on the home page's path: what counts a card is in ./count-cards.ts.

/** A card counts as mastered once FSRS expects to keep it 21 days (Anki's "mature"). */
export const MASTERY_STABILITY_DAYS = 21;

/** What a count record covers: all of a set's cards, a week of due times, or a quarter hour. */
export const Span = { Total: 0, Week: 1, Quarter: 2 } as const;
export type Span = (typeof Span)[keyof typeof Span];

/** Quarter hours, as the review tallies: a study day in any real timezone is whole slots. */
export const COUNT_SLOT_MS = 15 * 60_000;
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

/**
 * The meta record holding the first week whose quarter hours are counted: set when the
 * counts are built (a restore, the v5 upgrade) to that week. Absent: every week. A reader
 * asked for detail before it (a clock set back) reads the cards instead.
 */
export const DETAIL_WEEK_META = 'countDetailWeek';

/**
 * The detail week a build at `now` records: the week two days before now is in. Readers
 * ask for detail from the start of the study day, which can lie in the week before now's
 * (a Thursday 03:00 UTC with days starting at 04:00 is still Wednesday's study day, and
 * weeks here start on Thursdays): built from now's week, Stats would read every card all
 * that study day. Two days cover any timezone and day-start hour.
 */
export const detailWeekAt = (now: number): number => weekOf(dueSlot(now - 2 * 86_400_000));

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

export function emptyCount(setId: string, span: Span = Span.Total, slot = 0): CardCount {
	return { setId, span, slot, all: 0, studied: 0, active: 0, learned: 0, mastered: 0 };
}
