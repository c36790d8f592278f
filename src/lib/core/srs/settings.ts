// Study settings. Reading is lenient (clamp, fill defaults) because stored settings may
// come from an older version or a hand-edited backup; the scheduler must never throw.
import type { StepUnit } from 'ts-fsrs';

export interface SrsSettings {
	/** Target probability of recall when a card comes due (FSRS request_retention). */
	desiredRetention: number;
	newPerDay: number;
	reviewsPerDay: number;
	learningSteps: StepUnit[];
	relearningSteps: StepUnit[];
	/** Days. */
	maximumInterval: number;
	/** Lapses at which a card is flagged as a leech. */
	leechThreshold: number;
}

export const DEFAULT_SETTINGS: Readonly<SrsSettings> = Object.freeze({
	desiredRetention: 0.9,
	newPerDay: 20,
	reviewsPerDay: 200,
	learningSteps: ['1m', '10m'] as StepUnit[],
	relearningSteps: ['10m'] as StepUnit[],
	maximumInterval: 36500,
	leechThreshold: 8
});

/** Bounds for the settings form and for clamping. */
export const SETTINGS_LIMITS = {
	desiredRetention: { min: 0.7, max: 0.97 },
	newPerDay: { min: 0, max: 9999 },
	reviewsPerDay: { min: 0, max: 99999 },
	maximumInterval: { min: 1, max: 36500 },
	leechThreshold: { min: 1, max: 99 },
	steps: 10
} as const;

const STEP = /^\d+(\.\d+)?[mhd]$/;

function clampNumber(
	value: unknown,
	fallback: number,
	{ min, max }: { min: number; max: number },
	integer: boolean
): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
	const n = integer ? Math.round(value) : value;
	return Math.min(max, Math.max(min, n));
}

function steps(value: unknown, fallback: readonly StepUnit[]): StepUnit[] {
	if (!Array.isArray(value) || value.length > SETTINGS_LIMITS.steps) return [...fallback];
	const ok = value.every((s) => typeof s === 'string' && STEP.test(s) && parseFloat(s) > 0);
	return ok ? (value as StepUnit[]).slice() : [...fallback];
}

export function isStep(s: string): s is StepUnit {
	return STEP.test(s) && parseFloat(s) > 0;
}

/** Any input → valid settings: out-of-range numbers are clamped, junk takes the default. */
export function normalizeSettings(input: unknown): SrsSettings {
	const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const d = DEFAULT_SETTINGS;
	const L = SETTINGS_LIMITS;
	return {
		desiredRetention: clampNumber(
			o.desiredRetention,
			d.desiredRetention,
			L.desiredRetention,
			false
		),
		newPerDay: clampNumber(o.newPerDay, d.newPerDay, L.newPerDay, true),
		reviewsPerDay: clampNumber(o.reviewsPerDay, d.reviewsPerDay, L.reviewsPerDay, true),
		learningSteps: steps(o.learningSteps, d.learningSteps),
		relearningSteps: steps(o.relearningSteps, d.relearningSteps),
		maximumInterval: clampNumber(o.maximumInterval, d.maximumInterval, L.maximumInterval, true),
		leechThreshold: clampNumber(o.leechThreshold, d.leechThreshold, L.leechThreshold, true)
	};
}
