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
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_COUNT));
/** ts-fsrs never gives stability above 36,500 days. */
const stability = v.pipe(finite, v.minValue(0), v.maxValue(100_000));
const days = v.pipe(finite, v.minValue(0), v.maxValue(200_000));
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
const text = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const StoredCardSchema = v.pipe(
	v.strictObject({
		id: v.string(),
		setId: text,
		questionId: text,
		due: dueAt,
		stability,
		difficulty: v.pipe(finite, v.minValue(0), v.maxValue(10)),
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
		setId: text,
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
