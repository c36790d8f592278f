// Wording for the study screens. Pure.

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

/** "1 card", "3 cards". */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}
