// How long a card had gone unreviewed when it was answered, in buckets a student reads at
// a glance (retention.ts says why the interval and not the card's age). Its own module so
// the review tallies (tally-record.ts), which every database open may need, stay small.

export type AgeBucket = 'week' | 'month' | 'quarter' | 'older';

/** Upper bounds (exclusive, in days since the previous answer), shortest first. */
export const AGE_BUCKETS: readonly { bucket: AgeBucket; belowDays: number }[] = [
	{ bucket: 'week', belowDays: 7 },
	{ bucket: 'month', belowDays: 28 },
	{ bucket: 'quarter', belowDays: 90 },
	{ bucket: 'older', belowDays: Infinity }
];

export function ageBucket(elapsedDays: number): AgeBucket {
	const days = Number.isFinite(elapsedDays) ? Math.max(0, elapsedDays) : 0;
	for (const b of AGE_BUCKETS) if (days < b.belowDays) return b.bucket;
	return 'older';
}
