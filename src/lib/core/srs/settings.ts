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
	/** FSRS-6 parameters trained on this student's reviews; null means the defaults. */
	parameters: number[] | null;
	/** Spread reviews over the days FSRS's fuzz allows, so no day spikes (workload.ts). */
	loadBalance: boolean;
	/** Work per weekday, Sunday first: 1 normal, 0.5 reduced, 0 as little as possible. */
	easyDays: number[];
	/** A break ("YYYY-MM-DD" study days, both included): reviews avoid it where they can. */
	vacation: Vacation | null;
	/** A study day shows one question of a fact (siblings) and leaves the rest for tomorrow. */
	burySiblings: boolean;
}

export interface Vacation {
	start: string;
	end: string;
}

/** FSRS-6 has 21 parameters; w[20] is the forgetting curve's decay. */
export const PARAMETER_COUNT = 21;
export const EASY_DAY_LEVELS = [1, 0.5, 0] as const;

export const DEFAULT_SETTINGS: Readonly<SrsSettings> = Object.freeze({
	desiredRetention: 0.9,
	newPerDay: 20,
	reviewsPerDay: 200,
	learningSteps: ['1m', '10m'] as StepUnit[],
	relearningSteps: ['10m'] as StepUnit[],
	maximumInterval: 36500,
	leechThreshold: 8,
	parameters: null,
	loadBalance: true,
	easyDays: [1, 1, 1, 1, 1, 1, 1],
	vacation: null,
	burySiblings: true
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

/** 21 finite numbers with a decay FSRS accepts, or null (defaults). */
function parameters(value: unknown): number[] | null {
	if (!Array.isArray(value) || value.length !== PARAMETER_COUNT) return null;
	if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
	const decay = value[PARAMETER_COUNT - 1] as number;
	return decay >= 0.1 && decay <= 0.8 ? (value as number[]).slice() : null;
}

function easyDays(value: unknown): number[] {
	if (!Array.isArray(value) || value.length !== 7) return [...DEFAULT_SETTINGS.easyDays];
	return value.map((n) =>
		(EASY_DAY_LEVELS as readonly unknown[]).includes(n) ? (n as number) : 1
	);
}

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

export function isDayKey(s: string): boolean {
	// Round-trips only for real dates: "2025-02-30" parses, but as March 2.
	const ms = Date.parse(`${s}T00:00:00Z`);
	return DAY_KEY.test(s) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
}

function vacation(value: unknown): Vacation | null {
	if (!value || typeof value !== 'object') return null;
	const { start, end } = value as Record<string, unknown>;
	if (typeof start !== 'string' || typeof end !== 'string') return null;
	if (!isDayKey(start) || !isDayKey(end) || end < start) return null;
	return { start, end };
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
		leechThreshold: clampNumber(o.leechThreshold, d.leechThreshold, L.leechThreshold, true),
		parameters: parameters(o.parameters),
		loadBalance: typeof o.loadBalance === 'boolean' ? o.loadBalance : d.loadBalance,
		burySiblings: typeof o.burySiblings === 'boolean' ? o.burySiblings : d.burySiblings,
		easyDays: easyDays(o.easyDays),
		vacation: vacation(o.vacation)
	};
}
