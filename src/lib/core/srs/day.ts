// Day boundaries. Like Anki, a study day starts at 4 am local time, so a late-night
// session counts toward the day it started in. The timezone offset is an argument
// (minutes, as `Date.prototype.getTimezoneOffset` returns: positive west of UTC) so this
// stays pure; the caller passes the offset for `now`.

export const DAY_MS = 86_400_000;
export const DEFAULT_ROLLOVER_HOUR = 4;

export interface DayOptions {
	/** `new Date(now).getTimezoneOffset()` from the caller. */
	offsetMinutes: number;
	/** Local hour the study day starts at; default 4. */
	rolloverHour?: number;
}

function shift({ offsetMinutes, rolloverHour = DEFAULT_ROLLOVER_HOUR }: DayOptions): number {
	// UTC instant of local midnight-plus-rollover on 1970-01-01: local = utc − offset.
	return rolloverHour * 3_600_000 + offsetMinutes * 60_000;
}

/** Epoch ms at which the study day containing `now` began. */
export function startOfDay(now: number, opts: DayOptions): number {
	const s = shift(opts);
	return Math.floor((now - s) / DAY_MS) * DAY_MS + s;
}

/** Study-day number (days since 1970-01-01 in the user's calendar); compares and subtracts. */
export function dayNumber(at: number, opts: DayOptions): number {
	return Math.floor((at - shift(opts)) / DAY_MS);
}

/** "YYYY-MM-DD" of a day number, for calendars and chart labels. */
export function dayKey(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch ms at which study day `day` (a dayNumber) begins. */
export function dayStart(day: number, opts: DayOptions): number {
	return day * DAY_MS + shift(opts);
}
