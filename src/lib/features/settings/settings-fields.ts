// Validation for the study settings form: text in, a number or a plain sentence out.
import { SETTINGS_LIMITS } from '$lib/core/srs';

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const WHOLE = /^\d+$/;

export function parseWholeNumber(text: string, { min, max }: { min: number; max: number }): Parsed {
	const t = text.trim();
	const message = `Enter a whole number from ${min} to ${max}`;
	if (!WHOLE.test(t)) return { ok: false, message };
	const n = Number(t);
	return n >= min && n <= max ? { ok: true, value: n } : { ok: false, message };
}

/** Desired retention as a whole percent ("90") → 0.9. */
export function parseRetentionPercent(text: string): Parsed {
	const { min, max } = SETTINGS_LIMITS.desiredRetention;
	const lo = Math.round(min * 100);
	const hi = Math.round(max * 100);
	const r = parseWholeNumber(text, { min: lo, max: hi });
	return r.ok
		? { ok: true, value: r.value / 100 }
		: { ok: false, message: `Choose from ${lo}% to ${hi}%` };
}
