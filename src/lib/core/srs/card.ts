// The card as we store it: plain JSON-able data with dates as epoch milliseconds, so
// IndexedDB indexes, backups and comparisons stay simple. Conversion to and from the
// ts-fsrs `Card` (which uses Date objects) lives in scheduler.ts and nowhere else.
import type { Grade, Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';

export type { Grade };

// ts-fsrs's State and Rating enums, mirrored as constants. Importing its values would ship
// all of ts-fsrs (it patches Date.prototype on load, so it cannot be tree-shaken) to every
// page that merely reads cards, such as `/`. card.test.ts checks they stay identical.
export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const satisfies Record<
	keyof typeof FsrsState,
	FsrsState
>;
export type State = FsrsState;
// eslint-disable-next-line @typescript-eslint/no-namespace -- type-only, as an enum offers
export declare namespace State {
	type New = FsrsState.New;
	type Learning = FsrsState.Learning;
	type Review = FsrsState.Review;
	type Relearning = FsrsState.Relearning;
}
export const Rating = { Manual: 0, Again: 1, Hard: 2, Good: 3, Easy: 4 } as const satisfies Record<
	keyof typeof FsrsRating,
	FsrsRating
>;
export type Rating = FsrsRating;
// eslint-disable-next-line @typescript-eslint/no-namespace -- type-only, as an enum offers
export declare namespace Rating {
	type Manual = FsrsRating.Manual;
	type Again = FsrsRating.Again;
	type Hard = FsrsRating.Hard;
	type Good = FsrsRating.Good;
	type Easy = FsrsRating.Easy;
}

/** FSRS state of one question in one set. Progress is keyed by question id (ARCHITECTURE.md "Data"). */
export interface StoredCard {
	/** `${setId}/${questionId}`: set ids cannot contain "/", so the key is unambiguous. */
	id: string;
	setId: string;
	questionId: string;
	/** Epoch ms. */
	due: number;
	stability: number;
	difficulty: number;
	/** Deprecated in ts-fsrs 6 but still part of its Card; kept so conversion is lossless. */
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	state: State;
	/** Epoch ms; absent until the first answer. */
	last_review?: number;
	/** Lapsed `leechThreshold` times or more: the UI may suggest rewriting the question. */
	leech: boolean;
	/** Set while suspended (leech.ts): the real due; `due` is then beyond every query. */
	suspendedDue?: number;
}

/** One answer, appended to the review log. `before` makes undo exact (ARCHITECTURE.md "Data"). */
export interface ReviewEntry {
	/** Assigned by the store (auto-increment); absent until saved. */
	id?: number;
	cardId: string;
	setId: string;
	questionId: string;
	rating: Grade;
	/** Card state when answered: retention counts only answers given in `State.Review`. */
	state: State;
	/**
	 * Epoch ms the answer was scheduled at. Never before the card's previous review: when
	 * the device clock said earlier, this is the previous review's time and
	 * `clampedFrom` holds what the clock said.
	 */
	reviewedAt: number;
	/** The device clock when it ran behind this card's previous review (see reviewedAt). */
	clampedFrom?: number;
	/** Days since the previous answer (0 for a new card). */
	elapsedDays: number;
	/** Interval given by this answer, in days (0 while in (re)learning steps). */
	scheduledDays: number;
	/** Epoch ms the card is next due after this answer. */
	due: number;
	/** The exact card before this answer; undo puts it back unchanged. */
	before: StoredCard;
}

/** A suspended card's `due`: later than any date, so no due query ever returns it. */
export const SUSPENDED_DUE = 8_640_000_000_000_000;

/**
 * The span of instants a review can have happened in. Clocks reset to 1970 by a flat
 * battery are real, so the lower bound is the epoch; a four-digit year is the upper one
 * (a century of intervals stays a valid Date). Beyond that a value is corrupted or hostile.
 */
export const EARLIEST_TIME = 0;
export const LATEST_TIME = Date.UTC(10_000, 0, 1) - 1;
/** Furthest a due date can be: a review at LATEST_TIME plus the longest interval. */
export const LATEST_DUE = LATEST_TIME + 36_600 * 86_400_000;

/** Largest reps, lapses or step count kept: more is not real study, and stays exact. */
export const MAX_COUNT = 1e9;

export function isReviewTime(t: unknown): t is number {
	return typeof t === 'number' && t >= EARLIEST_TIME && t <= LATEST_TIME;
}

/** A due date a card can have: a real one, or SUSPENDED_DUE. */
export function isDueTime(t: unknown): t is number {
	return typeof t === 'number' && ((t >= EARLIEST_TIME && t <= LATEST_DUE) || t === SUSPENDED_DUE);
}

export function cardId(setId: string, questionId: string): string {
	return `${setId}/${questionId}`;
}

/** In (re)learning steps: the cards a study session waits for within the day. */
export function isLearning(card: StoredCard): boolean {
	return card.state === State.Learning || card.state === State.Relearning;
}

/** A card never answered carries no information beyond its id: storing it is optional. */
export function isUnreviewed(card: StoredCard): boolean {
	return card.state === State.New && card.reps === 0;
}
