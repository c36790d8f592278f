// How numbers, durations and days read on every screen, defined once. Pure.
// Day keys ("YYYY-MM-DD", from core/srs/day.ts) name a calendar day, so they format in UTC.

// Counts are in count.ts so Home, which shows only counts, loads nothing else from here.
import { plural } from './count';
export { count, plural } from './count';

/** Time spent, for the session summary: "45 s", "4 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
	const s = Math.round(Math.max(0, ms) / 1000);
	if (s < 60) return `${s} s`;
	const min = Math.round(s / 60);
	if (min < 60) return `${min} min`;
	const h = Math.floor(min / 60);
	const rest = min % 60;
	return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** A countdown as a clock: "4:05", "1:02:03" (the exam timer). */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Points with at most two decimals: partial credit shows as 2.5, not 2.5000001. */
export function formatPoints(points: number): string {
	return String(Math.round(points * 100) / 100);
}

/** "Jan 6" for a day key. */
export function shortDay(key: string, locale?: string): string {
	return new Date(`${key}T00:00:00Z`).toLocaleDateString(locale, {
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	});
}

/** "Mon, Jan 6" for a day key. */
export function longDay(key: string, locale?: string): string {
	return new Date(`${key}T00:00:00Z`).toLocaleDateString(locale, {
		weekday: 'short',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	});
}

/** Megabytes with one decimal below 10 MB, whole above: "0.4 MB", "1,024 MB". */
export function megabytes(bytes: number): string {
	if (bytes > 0 && bytes < 0.05 * 1024 * 1024) return 'less than 0.1 MB';
	const mb = bytes / 1024 / 1024;
	const digits = mb < 10 ? 1 : 0;
	return `${mb.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} MB`;
}

/** "87%" (whole percent). */
export function percent(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** "12 cards, 40 reviews, 1 set and 2 quiz results". */
export function backupCountsText(c: {
	cards: number;
	reviews: number;
	sets: number;
	attempts: number;
}): string {
	const parts = [
		plural(c.cards, 'card'),
		plural(c.reviews, 'review'),
		plural(c.sets, 'set'),
		plural(c.attempts, 'quiz result')
	];
	return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
