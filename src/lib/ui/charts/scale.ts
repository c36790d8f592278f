// Axis helpers shared by the SVG charts.

/** A round axis maximum ≥ `max` whose half is a whole number: 4, 10, 20, 40, 60, 100, … */
export function niceMax(max: number): number {
	if (!(max > 0)) return 4;
	const p = 10 ** Math.floor(Math.log10(max));
	for (const f of [1, 2, 4, 6, 8, 10]) {
		const m = f * p;
		if (m >= max && (m / 2) % 1 === 0) return m;
	}
	return 10 * p;
}
