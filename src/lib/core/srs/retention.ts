// True retention broken down, so a student can see whether the schedule works: by how
// long the card had gone unreviewed (the interval its memory had to survive) and by any
// key the caller gives (the question's type on /stats/). Same rule as `trueRetention`
// in stats.ts: only answers to cards in the Review state count, and a pass is anything
// but Again. Pure; one pass over the entries the Stats screen already read.
//
// Why the interval since the previous answer (`elapsedDays`, the real gap, late reviews
// included) and not the days since the first review: FSRS aims every review at the
// desired retention whatever the interval, so a bucket far below the target says the
// scheduler overestimates memory at that length. A card's age since its first review
// mixes short and long intervals and would hide that. The buckets follow Anki's young /
// mature line (21 days) loosely, in units a student reads at a glance.
import { Rating, State, type ReviewEntry } from './card';
import { AGE_BUCKETS, ageBucket, type AgeBucket } from './age-bucket';

export { AGE_BUCKETS, ageBucket, type AgeBucket };

export interface RetentionCell {
	/** Answers to cards in the Review state. */
	reviews: number;
	/** Of those, not rated Again. */
	passed: number;
	/** passed / reviews, or null with no answers. */
	retention: number | null;
}

/** Fewer answers than this in a row and the figure is shown as too few to judge. */
export const MIN_RETENTION_SAMPLE = 20;

const cell = (reviews: number, passed: number): RetentionCell => ({
	reviews,
	passed,
	retention: reviews ? passed / reviews : null
});

/**
 * True retention per key, in the order keys first appear; entries whose key is
 * undefined are left out. Only Review-state answers count.
 */
export function retentionBy<K>(
	entries: readonly ReviewEntry[],
	keyOf: (e: ReviewEntry) => K | undefined
): Map<K, RetentionCell> {
	const counts = new Map<K, [number, number]>();
	for (const e of entries) {
		if (e.state !== State.Review) continue;
		const key = keyOf(e);
		if (key === undefined) continue;
		let c = counts.get(key);
		if (!c) counts.set(key, (c = [0, 0]));
		c[0]++;
		if (e.rating !== Rating.Again) c[1]++;
	}
	return new Map([...counts].map(([k, [n, p]]) => [k, cell(n, p)]));
}

/** One row per age bucket, shortest first, empty buckets included (their count is 0). */
export function retentionByAge(
	entries: readonly ReviewEntry[]
): { bucket: AgeBucket; cell: RetentionCell }[] {
	const by = retentionBy(entries, (e) => ageBucket(e.elapsedDays));
	return AGE_BUCKETS.map(({ bucket }) => ({ bucket, cell: by.get(bucket) ?? cell(0, 0) }));
}
