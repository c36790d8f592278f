// The review tallies' records and how an answer is added to or taken off them (tally.ts
// says what they are for). Apart from the figures the Stats screen draws from them, since
// the storage layer and the database migration need this part on every page.
import { Rating, State, type ReviewEntry } from './card';
import { AGE_BUCKETS, ageBucket, type AgeBucket } from './age-bucket';

export const TALLY_MS = 15 * 60_000;

export interface ReviewTally {
	/** floor(reviewedAt / TALLY_MS): the store's key. */
	slot: number;
	/** Answers. */
	count: number;
	/** Of those, rated Again. */
	again: number;
	/** Review-state answers per interval bucket, in AGE_BUCKETS order. */
	reviews: number[];
	/** Of those, not Again. */
	passed: number[];
	/** Review-state answers per card: [answers, passed]. */
	cards: Record<string, [number, number]>;
	/** Review-state answers per set (which sets retention by type must read). */
	sets: Record<string, number>;
}

export const tallySlot = (reviewedAt: number): number => Math.floor(reviewedAt / TALLY_MS);

/**
 * Meta: the first slot with tallies (absent: every slot). A restore keeps them only for the
 * last TALLY_KEEP_DAYS (the Stats screen reads nothing older), so it writes a few thousand
 * records instead of one per quarter hour of the whole history (57,672 at 250,000 answers:
 * 3.5 s in Chromium). Answers before it change no tally; a reader asking for earlier ones
 * (a clock set back) reads the log instead.
 */
export const TALLY_FROM_META = 'tallyFrom';
/** Days of tallies a restore builds: Stats shows 12 calendar weeks (at most 90 days before
 * today), and a day's start may lie a day off in another timezone or day-start hour. */
export const TALLY_KEEP_DAYS = 100;

/** The first slot a restore at `now` keeps tallies for. */
export const tallyFromAt = (now: number): number => tallySlot(now - TALLY_KEEP_DAYS * 86_400_000);

/** The stored first slot: a number, or every slot when absent or unreadable. */
export const readTallyFrom = (stored: unknown): number =>
	typeof stored === 'number' && Number.isFinite(stored) ? stored : -Infinity;

export function emptyTally(slot: number): ReviewTally {
	return {
		slot,
		count: 0,
		again: 0,
		reviews: AGE_BUCKETS.map(() => 0),
		passed: AGE_BUCKETS.map(() => 0),
		cards: {},
		sets: {}
	};
}

const BUCKET_INDEX = new Map<AgeBucket, number>(AGE_BUCKETS.map((b, i) => [b.bucket, i]));

function bump<K extends string>(record: Record<K, number>, key: K, by: number): void {
	const n = (record[key] ?? 0) + by;
	if (n === 0) delete record[key];
	else record[key] = n;
}

/**
 * Adds an answer to its tally (`sign` 1), or takes it off again (−1: undo, a deleted
 * set). Mutates and returns `tally`, which must be the answer's slot.
 */
export function addToTally(tally: ReviewTally, entry: ReviewEntry, sign: 1 | -1 = 1): ReviewTally {
	const again = entry.rating === Rating.Again;
	tally.count += sign;
	if (again) tally.again += sign;
	if (entry.state === State.Review) {
		const i = BUCKET_INDEX.get(ageBucket(entry.elapsedDays))!;
		tally.reviews[i]! += sign;
		if (!again) tally.passed[i]! += sign;
		const card = (tally.cards[entry.cardId] ??= [0, 0]);
		card[0] += sign;
		if (!again) card[1] += sign;
		if (card[0] === 0) delete tally.cards[entry.cardId];
		bump(tally.sets, entry.setId, sign);
	}
	return tally;
}

/** A tally with nothing left in it is deleted rather than stored. */
export const isEmptyTally = (t: ReviewTally): boolean => t.count === 0;

/** Adds answers to `into` (slot → tally), making tallies as needed; for logs read in parts. */
export function tallyInto(into: Map<number, ReviewTally>, entries: Iterable<ReviewEntry>): void {
	for (const e of entries) {
		const slot = tallySlot(e.reviewedAt);
		let t = into.get(slot);
		if (!t) into.set(slot, (t = emptyTally(slot)));
		addToTally(t, e);
	}
}

/** The tallies of a log, in slot order. */
export function tallyEntries(entries: Iterable<ReviewEntry>): ReviewTally[] {
	const out = new Map<number, ReviewTally>();
	tallyInto(out, entries);
	return [...out.values()].sort((a, b) => a.slot - b.slot);
}

/** Two tallies hold the same numbers (key order aside). */
export function sameTally(a: ReviewTally, b: ReviewTally): boolean {
	const canon = (t: ReviewTally) =>
		JSON.stringify([
			t.slot,
			t.count,
			t.again,
			t.reviews,
			t.passed,
			Object.entries(t.cards).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
			Object.entries(t.sets).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
		]);
	return canon(a) === canon(b);
}
