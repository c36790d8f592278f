// The database check's fast record checks must never accept what the valibot schemas
// reject (isStoredCard and isReviewEntry are then exactly the schemas), and must accept
// the records the app really writes (or they would save nothing).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import {
	LATEST_DUE,
	LATEST_TIME,
	MAX_COUNT,
	SUSPENDED_DUE,
	type Grade,
	type ReviewEntry,
	type StoredCard
} from '../../core/srs/card';
import { suspendCard } from '../../core/srs/suspend';
import { fcOptions } from '../../core/fc-options';
import { answer, fresh, T0 } from './test-helpers';
import {
	fastChecks,
	isReviewEntry,
	isStoredCard,
	ReviewEntrySchema,
	StoredCardSchema
} from './validators';

const DAY = 86_400_000;
const DELETE = Symbol('delete');

/** Values at and just past every bound the schemas draw, and of every wrong type. */
const TRICKY: unknown[] = [
	DELETE,
	undefined,
	null,
	NaN,
	Infinity,
	-Infinity,
	-0,
	0,
	-1,
	0.5,
	1,
	1.5,
	2,
	3,
	4,
	5,
	10,
	10.000001,
	11,
	100_000,
	100_000.5,
	200_000,
	200_001,
	MAX_COUNT,
	MAX_COUNT + 1,
	LATEST_TIME,
	LATEST_TIME + 1,
	LATEST_DUE,
	LATEST_DUE + 1,
	SUSPENDED_DUE,
	1e300,
	'',
	'1',
	'bio',
	'q1',
	'bio/q1',
	'x'.repeat(200),
	'x'.repeat(201),
	true,
	false,
	{},
	[],
	[1, 2]
];

const CARD_FIELDS = [...Object.keys(StoredCardSchema.entries), 'extra'];
const REVIEW_FIELDS = [...Object.keys(ReviewEntrySchema.entries), 'extra'];

/** A card as the app writes it: answered a few times, maybe suspended. */
const cardArb = fc
	.record({
		question: fc.constantFrom('q1', 'q2', 'x'.repeat(200)),
		ratings: fc.array(fc.constantFrom<Grade>(1, 2, 3, 4), { maxLength: 6 }),
		gap: fc.integer({ min: 1, max: 40 }),
		suspended: fc.boolean()
	})
	.map(({ question, ratings, gap, suspended }) => {
		let card = fresh(question);
		const reviews: ReviewEntry[] = [];
		ratings.forEach((rating, i) => {
			const r = answer(card, rating, T0 + i * gap * DAY);
			reviews.push({ ...r.review, id: i + 1 });
			card = r.card;
		});
		return { card: suspended ? suspendCard(card) : card, reviews };
	});

type Edit = [path: string[], value: unknown];

function edited<T>(record: T, edits: Edit[]): unknown {
	const copy = structuredClone(record) as Record<string, unknown>;
	for (const [path, value] of edits) {
		let target = copy;
		for (const key of path.slice(0, -1)) {
			const next = target[key];
			if (!next || typeof next !== 'object') break;
			target = next as Record<string, unknown>;
		}
		const key = path.at(-1)!;
		if (value === DELETE) delete target[key];
		else target[key] = value;
	}
	return copy;
}

const edits = (fields: string[]) =>
	fc.array(
		fc.tuple(
			fc.oneof(
				fc.constantFrom(...fields).map((f) => [f]),
				fc.constantFrom(...CARD_FIELDS).map((f) => ['before', f])
			),
			fc.constantFrom(...TRICKY)
		),
		{ minLength: 1, maxLength: 3 }
	);

describe('fast record checks', () => {
	it('refuse a set id with a "/", which would make a card id read as another set’s', () => {
		const card = { ...fresh('c', 'a/b'), id: 'a/b/c' };
		expect(card.id).toBe('a/b/c');
		expect(isStoredCard(card)).toBe(false);
		expect(v.is(StoredCardSchema, card)).toBe(false);
		const review = { ...answer(fresh('c', 'a/b'), 3, T0).review, id: 1 };
		expect(isReviewEntry(review)).toBe(false);
		expect(v.is(ReviewEntrySchema, review)).toBe(false);
		// The same card in a set without one is fine.
		expect(isStoredCard(fresh('c', 'ab'))).toBe(true);
	});

	it('accept every card and log entry the app writes', () => {
		fc.assert(
			fc.property(cardArb, ({ card, reviews }) => {
				expect(fastChecks.card(card)).toBe(true);
				for (const r of reviews) expect(fastChecks.review(r)).toBe(true);
			}),
			fcOptions(200)
		);
	});

	/** Over damaged records: the fast check never accepts what the schema rejects, the
	 * whole check is exactly the schema, and most of the edits do damage. */
	function agreeOnDamage(
		damaged: fc.Arbitrary<unknown>,
		schema: v.GenericSchema,
		fast: (x: unknown) => boolean,
		whole: (x: unknown) => boolean
	) {
		let rejected = 0;
		fc.assert(
			fc.property(damaged, (x) => {
				const valid = v.is(schema, x);
				if (!valid) rejected++;
				if (fast(x)) expect(valid).toBe(true);
				expect(whole(x)).toBe(valid);
			}),
			fcOptions(3000)
		);
		expect(rejected).toBeGreaterThan(1500);
	}

	it('never accept a damaged card the schema rejects', () => {
		agreeOnDamage(
			fc.tuple(cardArb, edits(CARD_FIELDS)).map(([{ card }, changes]) =>
				edited(
					card,
					changes.map(([path, value]) => [path.slice(-1), value])
				)
			),
			StoredCardSchema,
			fastChecks.card,
			isStoredCard
		);
	});

	it('never accept a damaged log entry the schema rejects', () => {
		agreeOnDamage(
			fc
				.tuple(
					cardArb.filter((c) => c.reviews.length > 0),
					edits(REVIEW_FIELDS)
				)
				.map(([{ reviews }, changes]) => edited(reviews.at(-1)!, changes)),
			ReviewEntrySchema,
			fastChecks.review,
			isReviewEntry
		);
	});

	it('refuse what is not a record at all, and keys that are not ours', () => {
		const card: StoredCard = fresh('q1');
		for (const x of [null, undefined, 0, 'bio/q1', [], [card]]) {
			expect(isStoredCard(x)).toBe(false);
			expect(isReviewEntry(x)).toBe(false);
		}
		expect(isStoredCard({ ...card, extra: 1 })).toBe(false);
		expect(isStoredCard(Object.assign(Object.create({ inherited: 1 }), card))).toBe(false);
		expect(isStoredCard({ ...card, last_review: undefined })).toBe(true);
		// Sound on its own, but the snapshot is of another card.
		const entry = answer(card, 3, T0).review;
		expect(isReviewEntry(entry)).toBe(true);
		expect(fastChecks.review({ ...entry, before: fresh('q2') })).toBe(false);
		expect(isReviewEntry({ ...entry, before: fresh('q2') })).toBe(false);
	});
});
