// What the Stats screen needs from the review log, kept as running totals so the screen
// reads a few hundred small records instead of every answer (ARCHITECTURE.md "Data").
// One tally per UTC quarter hour with answers: every timezone in use is a whole number of
// quarter hours from UTC and the study day starts on the hour, so a study day is always a
// run of whole quarter hours, whatever the device's timezone is now. The storage layer
// adds an answer to its tally in the transaction that writes it and takes it off again on
// undo; a restore, the migration and Check database rebuild them from the log. Pure.
//
// Each figure follows the scan-based rule it replaces (stats.ts, retention.ts):
// answers and Again per day; true retention counts Review-state answers only, and a pass
// is anything but Again; by interval with `ageBucket(elapsedDays)`; by question type
// through the card, whose type only its set knows.
import { dayNumber, type DayOptions } from './day';
import { AGE_BUCKETS, type AgeBucket } from './age-bucket';
import type { RetentionCell } from './retention';
import { type ReviewTally, TALLY_MS } from './tally-record';

export * from './tally-record';
import {
	calendarFromCounts,
	perStudyDay,
	type Retention,
	type ReviewDay,
	type StudyCalendar
} from './stats';

/** Whether study days in this timezone are whole runs of tallies (true everywhere today). */
export function talliesFitDays(opts: DayOptions): boolean {
	return Number.isInteger(opts.offsetMinutes / 15) && Number.isInteger(opts.rolloverHour ?? 4);
}

/** The study day a tally falls in. */
export const tallyDay = (t: ReviewTally, opts: DayOptions): number =>
	dayNumber(t.slot * TALLY_MS, opts);

/** As `reviewsPerDay` in stats.ts, from tallies. */
export function tallyPerDay(
	tallies: readonly ReviewTally[],
	now: number,
	opts: DayOptions & { days?: number }
): ReviewDay[] {
	return perStudyDay(
		tallies,
		now,
		opts,
		(t) => tallyDay(t, opts),
		(slot, t) => {
			slot.count += t.count;
			slot.again += t.again;
		}
	);
}

const cell = (reviews: number, passed: number): RetentionCell => ({
	reviews,
	passed,
	retention: reviews ? passed / reviews : null
});

/** As `trueRetention` in stats.ts, from tallies. */
export function tallyRetention(tallies: readonly ReviewTally[], desired: number): Retention {
	let reviews = 0;
	let passed = 0;
	for (const t of tallies) {
		for (const n of t.reviews) reviews += n;
		for (const n of t.passed) passed += n;
	}
	return { reviews, passed, retention: reviews ? passed / reviews : null, desired };
}

/** As `retentionByAge` in retention.ts, from tallies. */
export function tallyByAge(
	tallies: readonly ReviewTally[]
): { bucket: AgeBucket; cell: RetentionCell }[] {
	return AGE_BUCKETS.map(({ bucket }, i) => {
		let reviews = 0;
		let passed = 0;
		for (const t of tallies) {
			reviews += t.reviews[i] ?? 0;
			passed += t.passed[i] ?? 0;
		}
		return { bucket, cell: cell(reviews, passed) };
	});
}

/**
 * As `retentionBy` in retention.ts with a key from the card id, from tallies. Keys come
 * in the order they first appear, as there (tallies in time order, cards in the order
 * first answered within a tally; the caller sorts its rows anyway).
 */
export function tallyBy<K>(
	tallies: readonly ReviewTally[],
	keyOf: (cardId: string) => K | undefined
): Map<K, RetentionCell> {
	const counts = new Map<K, [number, number]>();
	for (const t of tallies)
		for (const [cardId, [n, p]] of Object.entries(t.cards)) {
			const key = keyOf(cardId);
			if (key === undefined) continue;
			let c = counts.get(key);
			if (!c) counts.set(key, (c = [0, 0]));
			c[0] += n;
			c[1] += p;
		}
	return new Map([...counts].map(([k, [n, p]]) => [k, cell(n, p)]));
}

/** As `studyCalendar` in stats.ts, from tallies. */
export function tallyCalendar(
	tallies: readonly ReviewTally[],
	now: number,
	opts: DayOptions
): StudyCalendar {
	const counts = new Map<number, number>();
	for (const t of tallies) {
		if (t.count <= 0) continue;
		const d = tallyDay(t, opts);
		counts.set(d, (counts.get(d) ?? 0) + t.count);
	}
	return calendarFromCounts(counts, now, opts);
}

/** Set ids with Review-state answers in these tallies. */
export function talliedSets(tallies: readonly ReviewTally[]): Set<string> {
	const out = new Set<string>();
	for (const t of tallies) for (const id of Object.keys(t.sets)) out.add(id);
	return out;
}
