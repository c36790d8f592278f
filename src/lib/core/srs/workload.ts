// Workload: where in FSRS's fuzz range a review lands. ts-fsrs picks a random day in the
// range; here the pick is weighted towards days with fewer cards already due (load
// balancing, as Anki 24.11 does), away from easy days and out of a break. The pick stays
// deterministic: its "random" number is a hash of the card, its reps and the answer time.
import { get_fuzz_range } from 'ts-fsrs';
import { DAY_MS, dayKey, dayNumber, type DayOptions } from './day';

/** The study day number of a "YYYY-MM-DD" key (the inverse of dayKey). */
export function dayFromKey(key: string): number {
	return Math.round(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
}
import { State, type StoredCard } from './card';
import type { SrsSettings, Vacation } from './settings';

/** What the scheduler needs to know about the days ahead. */
export interface Workload extends DayOptions {
	/** Cards (all sets) already due on a study day; a day not known counts as 0. */
	load(day: number): number;
}

/** The weight of a day whose work the student asked to keep low. */
const EASY_WEIGHT: Record<number, number> = { 1: 1, 0.5: 0.3, 0: 0.02 };
/** A day in the break is taken only when the whole range is in it (see `balancedDay`). */
const BREAK_WEIGHT = 1e-9;

/** 1970-01-01 was a Thursday; study day numbers count local days from it. */
export function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

export function inBreak(day: number, vacation: SrsSettings['vacation']): boolean {
	if (!vacation) return false;
	const key = dayKey(day);
	return key >= vacation.start && key <= vacation.end;
}

/** How much of a normal day's reviews a day should get (easy days, break), 0..1. */
export function dayWeight(day: number, settings: Pick<SrsSettings, 'easyDays' | 'vacation'>) {
	if (inBreak(day, settings.vacation)) return BREAK_WEIGHT;
	return EASY_WEIGHT[settings.easyDays[weekday(day)] ?? 1] ?? 1;
}

/** Whether the student asked for anything beyond ts-fsrs's plain fuzz. */
export function balancing(settings: SrsSettings): boolean {
	return (
		settings.loadBalance || settings.vacation !== null || settings.easyDays.some((d) => d !== 1)
	);
}

/** FNV-1a of a string → [0, 1). Enough to spread picks; not for anything secret. */
function unit(seed: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < seed.length; i++) {
		h ^= seed.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	h ^= h >>> 12;
	return (h >>> 0) / 4294967296;
}

export interface BalanceInput {
	/** The interval FSRS wants, in days, before fuzz. */
	interval: number;
	/** Days since the card's last review. */
	elapsedDays: number;
	now: number;
	seed: string;
	settings: SrsSettings;
	workload: Workload;
}

/**
 * The interval (days) to use: a day in the fuzz range, weighted by (share / (load + 1))²
 * when load balancing is on (share: the day's easy-day weight), by share alone when off. When every day of the range is
 * in the break, the review moves just outside it: before the break if that keeps at least
 * half the interval (early is safer than late), otherwise to the day after it.
 */
export function balancedInterval({
	interval,
	elapsedDays,
	now,
	seed,
	settings,
	workload
}: BalanceInput): number {
	const { min_ivl, max_ivl } = get_fuzz_range(interval, elapsedDays, settings.maximumInterval);
	const today = dayNumber(now, workload);
	const candidates: number[] = [];
	for (let k = min_ivl; k <= max_ivl; k++) candidates.push(k);
	if (settings.vacation && candidates.every((k) => inBreak(today + k, settings.vacation))) {
		const start = dayFromKey(settings.vacation.start);
		const end = dayFromKey(settings.vacation.end);
		const before = start - 1 - today;
		if (before >= 1 && before >= interval / 2) return before;
		return Math.min(end + 1 - today, settings.maximumInterval);
	}
	const weights = candidates.map((k) => {
		const day = today + k;
		const share = dayWeight(day, settings);
		// An easy day counts as if it already held 1/share times its cards, so a "reduced"
		// day ends up with about half a normal day's reviews, not just fewer at first.
		return settings.loadBalance ? (share / (workload.load(day) + 1)) ** 2 : share;
	});
	const total = weights.reduce((a, b) => a + b, 0);
	let u = unit(seed) * total;
	for (let i = 0; i < candidates.length; i++) {
		u -= weights[i]!;
		if (u < 0) return candidates[i]!;
	}
	return candidates.at(-1)!;
}

/** The study days a card answered at `now` could land on, for loading their counts. */
export function fuzzDays(
	interval: number,
	elapsedDays: number,
	now: number,
	settings: Pick<SrsSettings, 'maximumInterval'>,
	opts: DayOptions
): { from: number; to: number } {
	const { min_ivl, max_ivl } = get_fuzz_range(interval, elapsedDays, settings.maximumInterval);
	const today = dayNumber(now, opts);
	return { from: today + min_ivl, to: today + max_ivl };
}

/**
 * Reviews already planned inside a newly set break, moved out of it: to the day before
 * the break when that keeps at least half the card's interval, else to the day after.
 * The time of day stays. Only cards in review move; learning steps are minutes away.
 */
export function moveOutOfBreak(
	cards: readonly StoredCard[],
	vacation: Vacation,
	now: number,
	opts: DayOptions
): StoredCard[] {
	const start = dayFromKey(vacation.start);
	const end = dayFromKey(vacation.end);
	const today = dayNumber(now, opts);
	const out: StoredCard[] = [];
	for (const card of cards) {
		if (card.state !== State.Review) continue;
		const day = dayNumber(card.due, opts);
		if (day < start || day > end) continue;
		const last = card.last_review === undefined ? today : dayNumber(card.last_review, opts);
		const before = start - 1;
		const target = before > today && before - last >= card.scheduled_days / 2 ? before : end + 1;
		const due = card.due + (target - day) * DAY_MS;
		out.push({ ...card, due, scheduled_days: Math.max(1, card.scheduled_days + target - day) });
	}
	return out;
}
