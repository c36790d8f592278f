// Short human labels for intervals and waits. Pure; the UI composes the sentence.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function oneDecimal(n: number): string {
	const r = Math.round(n * 10) / 10;
	return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Anki-style button label: "1m", "10m", "2.5h", "1d", "3.2mo", "1.1y". */
export function formatInterval(ms: number): string {
	const t = Math.max(0, ms);
	if (t < HOUR) return `${Math.max(1, Math.round(t / MINUTE))}m`;
	if (t < DAY) return `${oneDecimal(t / HOUR)}h`;
	const days = t / DAY;
	if (days < 30) return `${Math.round(days)}d`;
	if (days < 365) return `${oneDecimal(days / 30)}mo`;
	return `${oneDecimal(days / 365)}y`;
}

/** For "Next review in …": "less than a minute", "5 min", "3 h", "2 days". */
export function formatWait(ms: number): string {
	if (ms < MINUTE) return 'less than a minute';
	if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
	if (ms < DAY) {
		const h = Math.round(ms / HOUR);
		return h >= 24 ? '1 day' : `${h} h`;
	}
	const d = Math.round(ms / DAY);
	return d === 1 ? '1 day' : `${d} days`;
}
