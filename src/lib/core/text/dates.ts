// Small formatting helpers for the Stats and Settings screens. Dates here are study-day
// keys ("YYYY-MM-DD", from srs/day.ts), which name a calendar day, so they format in UTC.

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

/** "1 card", "2 cards". */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
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
