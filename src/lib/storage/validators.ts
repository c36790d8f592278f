// valibot schemas for stored values, used where data comes from outside (backup import)
// and by the database check. Typed against the TS interfaces so they cannot drift.
import * as v from 'valibot';
import { cardId, Rating, State, type ReviewEntry, type StoredCard } from '../srs/card';
import type { StoredAttempt } from './schema';

const finite = v.pipe(
	v.number(),
	v.check((n: number) => Number.isFinite(n), 'must be a finite number')
);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const text = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const StoredCardSchema = v.pipe(
	v.strictObject({
		id: v.string(),
		setId: text,
		questionId: text,
		due: finite,
		stability: v.pipe(finite, v.minValue(0)),
		difficulty: v.pipe(finite, v.minValue(0), v.maxValue(10)),
		elapsed_days: v.pipe(finite, v.minValue(0)),
		scheduled_days: v.pipe(finite, v.minValue(0)),
		learning_steps: count,
		reps: count,
		lapses: count,
		state: v.picklist([State.New, State.Learning, State.Review, State.Relearning]),
		last_review: v.optional(finite),
		leech: v.boolean(),
		suspendedDue: v.optional(finite)
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
		reviewedAt: finite,
		elapsedDays: v.pipe(finite, v.minValue(0)),
		scheduledDays: v.pipe(finite, v.minValue(0)),
		due: finite,
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
	startedAt: finite,
	finishedAt: v.nullable(finite),
	score: finite,
	maxScore: finite,
	answers: v.array(v.unknown()),
	questions: v.array(v.unknown())
});

export const StoredSetWrapperSchema = v.strictObject({
	set: v.unknown(),
	updatedAt: finite,
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
