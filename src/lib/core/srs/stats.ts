// Numbers for the Stats screen, computed from the review log and cards. Pure; the caller
// loads only the window it needs (e.g. `reviewsSince(db, now - 30 days)`).
import { Rating, State, type ReviewEntry, type StoredCard } from './card';
import { dayKey, dayNumber, type DayOptions } from './day';
import { countStart, emptyCount, Span, type CardCount } from './card-count';
import { addToCount } from './count-cards';

export interface DayCount {
	/** "YYYY-MM-DD" */
	day: string;
	count: number;
}

export interface ReviewDay extends DayCount {
	/** Answers rated Again. */
	again: number;
}

/**
 * Answers per study day for the last `days` days, oldest first, today last, from any
 * record that says its study day and adds to that day's counts (answers, or tallies).
 */
export function perStudyDay<T>(
	items: readonly T[],
	now: number,
	opts: DayOptions & { days?: number },
	dayOf: (item: T) => number,
	add: (day: ReviewDay, item: T) => void
): ReviewDay[] {
	const days = opts.days ?? 30;
	const today = dayNumber(now, opts);
	const first = today - days + 1;
	const out: ReviewDay[] = [];
	for (let d = first; d <= today; d++) out.push({ day: dayKey(d), count: 0, again: 0 });
	for (const item of items) {
		const slot = out[dayOf(item) - first];
		if (slot) add(slot, item);
	}
	return out;
}

/** Answers per study day for the last `days` days, oldest first, today last. */
export function reviewsPerDay(
	entries: readonly ReviewEntry[],
	now: number,
	opts: DayOptions & { days?: number }
): ReviewDay[] {
	return perStudyDay(
		entries,
		now,
		opts,
		(e) => dayNumber(e.reviewedAt, opts),
		(slot, e) => {
			slot.count++;
			if (e.rating === Rating.Again) slot.again++;
		}
	);
}

export interface Retention {
	/** Answers given to cards in the Review state. */
	reviews: number;
	/** Of those, not rated Again. */
	passed: number;
	/** passed / reviews, or null when there is nothing to measure. */
	retention: number | null;
	desired: number;
}

/**
 * True retention, as in Anki's "True Retention": only answers to mature-path (Review
 * state) cards count; learning steps would flatter the figure.
 */
export function trueRetention(entries: readonly ReviewEntry[], desired: number): Retention {
	let reviews = 0;
	let passed = 0;
	for (const e of entries) {
		if (e.state !== State.Review) continue;
		reviews++;
		if (e.rating !== Rating.Again) passed++;
	}
	return { reviews, passed, retention: reviews ? passed / reviews : null, desired };
}

/** Cards coming due on each of the next `days` days; overdue cards count toward today. */
export function dueForecast(
	cards: readonly StoredCard[],
	now: number,
	opts: DayOptions & { days?: number }
): DayCount[] {
	return forecast(
		(function* () {
			for (const c of cards) if (c.state !== State.New) yield [c.due, 1] as const;
		})(),
		now,
		opts
	);
}

/**
 * As dueForecast, from card counts (core/srs/card-count.ts) instead of the cards: each
 * quarter hour's active cards go to its study day. Exact wherever a study day is whole
 * quarter hours (`talliesFitDays`).
 */
export function forecastFromCounts(
	counts: Iterable<CardCount>,
	now: number,
	opts: DayOptions & { days?: number }
): DayCount[] {
	return forecast(
		(function* () {
			for (const c of counts) if (c.span !== Span.Total) yield [countStart(c), c.active] as const;
		})(),
		now,
		opts
	);
}

/** `n` cards due at each time, per day from today; earlier ones count toward today. */
function forecast(
	due: Iterable<readonly [at: number, n: number]>,
	now: number,
	opts: DayOptions & { days?: number }
): DayCount[] {
	const days = opts.days ?? 30;
	const today = dayNumber(now, opts);
	const out: DayCount[] = [];
	for (let d = 0; d < days; d++) out.push({ day: dayKey(today + d), count: 0 });
	for (const [at, n] of due) {
		const slot = out[Math.max(0, dayNumber(at, opts) - today)];
		if (slot) slot.count += n;
	}
	return out;
}

export interface StudyCalendar {
	/** Study days with their answer counts, oldest first. */
	days: DayCount[];
	/** Consecutive study days ending today (or yesterday, if today has none yet). */
	streak: number;
}

export function studyCalendar(
	entries: readonly ReviewEntry[],
	now: number,
	opts: DayOptions
): StudyCalendar {
	const counts = new Map<number, number>();
	for (const e of entries) {
		const d = dayNumber(e.reviewedAt, opts);
		counts.set(d, (counts.get(d) ?? 0) + 1);
	}
	return calendarFromCounts(counts, now, opts);
}

/** The calendar and streak from answers per study day (answers, or tallies). */
export function calendarFromCounts(
	counts: ReadonlyMap<number, number>,
	now: number,
	opts: DayOptions
): StudyCalendar {
	const days = [...counts.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([d, count]) => ({ day: dayKey(d), count }));
	let d = dayNumber(now, opts);
	if (!counts.has(d)) d--;
	let streak = 0;
	while (counts.has(d)) {
		streak++;
		d--;
	}
	return { days, streak };
}

export { MASTERY_STABILITY_DAYS } from './card-count';

/** How well one set is known: the one definition behind /sets/<set>/ and /stats/. */
export interface SetMastery {
	setId: string;
	/** Questions in the set (or studied cards, when more: questions removed since). */
	total: number;
	/** Cards ever studied. */
	studied: number;
	/** Cards in the Review state (out of learning steps). */
	learned: number;
	/** Reviewed and stable for three weeks or more. */
	mastered: number;
	/** Studied but not yet mastered. */
	learning: number;
	/** Never studied. */
	fresh: number;
	/** Studied cards due now. */
	due: number;
	/** mastered / total, 0 when the set is empty. */
	mastery: number;
}

/**
 * Mastery of one set from its cards. `questionCount` makes unstudied questions count
 * against mastery; cards of questions no longer in the set still count, which is rare.
 */
export function setMastery(
	setId: string,
	questionCount: number,
	cards: readonly StoredCard[],
	now: number
): SetMastery {
	const count = emptyCount(setId);
	let due = 0;
	for (const c of cards) {
		if (c.setId !== setId) continue;
		addToCount(count, c);
		if (c.due <= now && !(c.state === State.New && c.reps === 0)) due++;
	}
	return masteryFromCount(count, questionCount, due);
}

/** Mastery of one set from its cards' counts (core/srs/card-count.ts) and studied cards
 * due now: the same figures as setMastery, without the cards. */
export function masteryFromCount(count: CardCount, questionCount: number, due: number): SetMastery {
	const { studied, learned, mastered } = count;
	const total = Math.max(questionCount, studied);
	return {
		setId: count.setId,
		total,
		studied,
		learned,
		mastered,
		learning: studied - mastered,
		fresh: total - studied,
		due,
		mastery: total ? mastered / total : 0
	};
}

/** Mastery per set, for every set in `totals` (set id → question count) or with cards. */
export function masteryBySet(
	cards: readonly StoredCard[],
	totals: ReadonlyMap<string, number>,
	now: number
): SetMastery[] {
	const bySet = new Map<string, StoredCard[]>();
	for (const id of totals.keys()) bySet.set(id, []);
	for (const c of cards) {
		const list = bySet.get(c.setId);
		if (list) list.push(c);
		else bySet.set(c.setId, [c]);
	}
	return [...bySet.entries()]
		.map(([id, list]) => setMastery(id, totals.get(id) ?? 0, list, now))
		.sort((a, b) => a.setId.localeCompare(b.setId));
}
