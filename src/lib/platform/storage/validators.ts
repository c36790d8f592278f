// valibot schemas for stored values, used where data comes from outside (backup import)
// and by the database check. Typed against the TS interfaces so they cannot drift.
import * as v from 'valibot';
import {
	cardId,
	isDueTime,
	isReviewTime,
	MAX_COUNT,
	Rating,
	State,
	type ReviewEntry,
	type StoredCard
} from '../../core/srs/card';
import type { StoredAttempt } from './schema';

const finite = v.pipe(
	v.number(),
	v.check((n: number) => Number.isFinite(n), 'must be a finite number')
);
// Upper bounds are far above anything real use produces and low enough that arithmetic on
// them stays finite: a backup with 1e300 is refused rather than turned into NaN later.
/** ts-fsrs never gives stability above 36,500 days. */
const MAX_STABILITY = 100_000;
const MAX_DAYS = 200_000;
const MAX_DIFFICULTY = 10;
const MAX_TEXT = 200;
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_COUNT));
const stability = v.pipe(finite, v.minValue(0), v.maxValue(MAX_STABILITY));
const days = v.pipe(finite, v.minValue(0), v.maxValue(MAX_DAYS));
/** When something happened: 1970 (a reset clock) to the year 9999. */
const instant = v.pipe(
	v.number(),
	v.check(
		(t: number) => isReviewTime(t),
		'must be a date between 1970 and 9999 (epoch milliseconds)'
	)
);
const dueAt = v.pipe(
	v.number(),
	v.check((t: number) => isDueTime(t), 'must be a date between 1970 and 10099 (epoch milliseconds)')
);
const text = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT));
/** A card's set: a card id is `<set>/<question>`, found by its set from the first "/". */
const cardSet = v.pipe(text, v.excludes('/', 'a set id has no "/"'));

export const StoredCardSchema = v.pipe(
	v.strictObject({
		id: v.string(),
		setId: cardSet,
		questionId: text,
		due: dueAt,
		stability,
		difficulty: v.pipe(finite, v.minValue(0), v.maxValue(MAX_DIFFICULTY)),
		elapsed_days: days,
		scheduled_days: days,
		learning_steps: count,
		reps: count,
		lapses: count,
		state: v.picklist([State.New, State.Learning, State.Review, State.Relearning]),
		last_review: v.optional(instant),
		leech: v.boolean(),
		suspendedDue: v.optional(dueAt)
	}),
	v.check((c) => c.id === cardId(c.setId, c.questionId), 'id must be "<set>/<question>"'),
	// A studied card has a real memory state; a new one may have zeros.
	v.check(
		(c) => c.state === State.New || (c.stability > 0 && c.difficulty >= 1),
		'stability and difficulty out of range'
	)
);

export const ReviewEntrySchema = v.pipe(
	v.strictObject({
		id: v.optional(v.pipe(count, v.minValue(1))),
		cardId: v.string(),
		setId: cardSet,
		questionId: text,
		rating: v.picklist([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]),
		state: v.picklist([State.New, State.Learning, State.Review, State.Relearning]),
		reviewedAt: instant,
		clampedFrom: v.optional(instant),
		elapsedDays: days,
		scheduledDays: days,
		due: dueAt,
		before: StoredCardSchema
	}),
	v.check(
		(r) => r.cardId === cardId(r.setId, r.questionId) && r.before.id === r.cardId,
		'entry and its snapshot name different cards'
	)
);

// Fast checks for the database check's hot loop (hundreds of thousands of records): plain
// comparisons that accept only what the schemas accept, and valibot decides whatever they
// do not accept. validators.test.ts holds them to that on valid and damaged records.
const CARD_KEYS = new Set(Object.keys(StoredCardSchema.entries));
const REVIEW_KEYS = new Set(Object.keys(ReviewEntrySchema.entries));

const isText = (s: unknown): s is string =>
	typeof s === 'string' && s.length >= 1 && s.length <= MAX_TEXT;
const isIn = (n: unknown, max: number): n is number =>
	typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= max;
const isCardSet = (s: unknown): s is string => isText(s) && !s.includes('/');
const isCount = (n: unknown): n is number => isIn(n, MAX_COUNT) && Number.isInteger(n);
const isState = (s: unknown) =>
	s === State.New || s === State.Learning || s === State.Review || s === State.Relearning;
/** Every enumerable key (own or inherited, as valibot's strictObject reads them) is known. */
function onlyKeys(o: object, known: ReadonlySet<string>): boolean {
	for (const key in o) if (!known.has(key)) return false;
	return true;
}

function fastCard(x: unknown): boolean {
	if (!x || typeof x !== 'object') return false;
	const c = x as Record<keyof StoredCard, unknown>;
	return (
		typeof c.id === 'string' &&
		isCardSet(c.setId) &&
		isText(c.questionId) &&
		isDueTime(c.due) &&
		isIn(c.stability, MAX_STABILITY) &&
		isIn(c.difficulty, MAX_DIFFICULTY) &&
		isIn(c.elapsed_days, MAX_DAYS) &&
		isIn(c.scheduled_days, MAX_DAYS) &&
		isCount(c.learning_steps) &&
		isCount(c.reps) &&
		isCount(c.lapses) &&
		isState(c.state) &&
		(c.last_review === undefined || isReviewTime(c.last_review)) &&
		typeof c.leech === 'boolean' &&
		(c.suspendedDue === undefined || isDueTime(c.suspendedDue)) &&
		c.id === cardId(c.setId, c.questionId) &&
		(c.state === State.New || (c.stability > 0 && c.difficulty >= 1)) &&
		onlyKeys(c, CARD_KEYS)
	);
}

function fastReview(x: unknown): boolean {
	if (!x || typeof x !== 'object') return false;
	const r = x as Record<keyof ReviewEntry, unknown>;
	return (
		(r.id === undefined || (isCount(r.id) && r.id >= 1)) &&
		typeof r.cardId === 'string' &&
		isCardSet(r.setId) &&
		isText(r.questionId) &&
		(r.rating === Rating.Again ||
			r.rating === Rating.Hard ||
			r.rating === Rating.Good ||
			r.rating === Rating.Easy) &&
		isState(r.state) &&
		isReviewTime(r.reviewedAt) &&
		(r.clampedFrom === undefined || isReviewTime(r.clampedFrom)) &&
		isIn(r.elapsedDays, MAX_DAYS) &&
		isIn(r.scheduledDays, MAX_DAYS) &&
		isDueTime(r.due) &&
		fastCard(r.before) &&
		r.cardId === cardId(r.setId, r.questionId) &&
		(r.before as StoredCard).id === r.cardId &&
		onlyKeys(r, REVIEW_KEYS)
	);
}

/** Exactly `v.is(StoredCardSchema, x)`, about ten times faster on a sound card. */
export const isStoredCard = (x: unknown): boolean => fastCard(x) || v.is(StoredCardSchema, x);

/** Exactly `v.is(ReviewEntrySchema, x)`, about ten times faster on a sound entry. */
export const isReviewEntry = (x: unknown): boolean => fastReview(x) || v.is(ReviewEntrySchema, x);

/** For validators.test.ts: the fast checks alone, which must never accept more. */
export const fastChecks = { card: fastCard, review: fastReview };

export const StoredAttemptSchema = v.strictObject({
	id: text,
	setId: text,
	startedAt: instant,
	finishedAt: v.nullable(instant),
	score: finite,
	maxScore: finite,
	answers: v.array(v.unknown()),
	questions: v.array(v.unknown())
});

export const StoredSetWrapperSchema = v.strictObject({
	set: v.unknown(),
	updatedAt: instant,
	origin: v.picklist(['authored', 'imported'])
});

export const KeyValueSchema = v.strictObject({ key: text, value: v.unknown() });

export function issuePath(issue: v.BaseIssue<unknown>): string {
	let out = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
	}
	return out;
}

// Compile-time proof that each schema accepts exactly the stored type (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
	Same<v.InferOutput<typeof StoredCardSchema>, StoredCard>,
	Same<v.InferOutput<typeof ReviewEntrySchema>, ReviewEntry>,
	Same<v.InferOutput<typeof StoredAttemptSchema>, StoredAttempt>
] = [true, true, true];
void proofs;
