// Property: any backup restore accepts, once studied and exported, gives a file restore
// accepts again, with every number finite. Hostile values (1e300, NaN-producing dates,
// huge counts) are mixed in rarely, so most generated backups are accepted and studied.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { cardId, LATEST_DUE, LATEST_TIME, type Grade, type StoredCard } from '../../core/srs/card';
import { answerCard, GRADES, newCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { fcOptions } from '../../core/fc-options';
import { openDb } from './db';
import { answerStoredCard } from './answer';
import { BACKUP_FORMAT, BACKUP_VERSION, exportBackup, importBackup, parseBackup } from './backup';
import { DB_VERSION } from './migrations';

const hostile = fc.oneof(
	fc.double(),
	fc.constantFrom(1e300, -1e300, 8.64e15 + 1, Number.MAX_VALUE, -0, 2 ** 53, 1e308)
);
/** Mostly a sane value, now and then a hostile one. */
const num = (sane: fc.Arbitrary<number>) =>
	fc.oneof({ arbitrary: sane, weight: 60 }, { arbitrary: hostile, weight: 1 });
const real = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const QUESTIONS = ['a', 'b', 'c', 'd'];

const cardArb = (questionId: string): fc.Arbitrary<StoredCard> =>
	fc
		.record({
			due: num(fc.integer({ min: 0, max: LATEST_DUE })),
			stability: num(real(0.01, 100_000)),
			difficulty: num(real(1, 10)),
			elapsed_days: num(real(0, 200_000)),
			scheduled_days: num(real(0, 200_000)),
			learning_steps: num(fc.integer({ min: 0, max: 5 })),
			reps: num(fc.integer({ min: 0, max: 1e9 })),
			lapses: num(fc.integer({ min: 0, max: 1e9 })),
			state: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<StoredCard['state']>,
			last_review: fc.option(num(fc.integer({ min: 0, max: LATEST_TIME })), { nil: undefined }),
			leech: fc.boolean()
		})
		.map(({ last_review, ...rest }) => ({
			id: cardId('bio', questionId),
			setId: 'bio',
			questionId,
			...rest,
			...(last_review === undefined ? {} : { last_review })
		}));

const backupArb = fc
	.subarray(QUESTIONS, { minLength: 1 })
	.chain((qs) => fc.tuple(...qs.map(cardArb)))
	.chain((cards) =>
		fc.record({
			cards: fc.constant(cards),
			reviews: fc.array(
				fc.record({
					card: fc.constantFrom(...cards),
					rating: fc.constantFrom<Grade>(...GRADES),
					reviewedAt: num(fc.integer({ min: 0, max: LATEST_TIME })),
					elapsedDays: num(real(0, 200_000)),
					due: num(fc.integer({ min: 0, max: LATEST_DUE }))
				}),
				{ maxLength: 4 }
			)
		})
	)
	.map(({ cards, reviews }) => ({
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: {
			cards,
			reviews: reviews.map((r, i) => ({
				id: i + 1,
				cardId: r.card.id,
				setId: r.card.setId,
				questionId: r.card.questionId,
				rating: r.rating,
				state: r.card.state,
				reviewedAt: r.reviewedAt,
				elapsedDays: r.elapsedDays,
				scheduledDays: 1,
				due: r.due,
				before: r.card
			})),
			attempts: [],
			sets: [],
			settings: [],
			meta: []
		}
	}));

function numbers(x: unknown, path = '', out: [string, number][] = []): [string, number][] {
	if (typeof x === 'number') out.push([path, x]);
	else if (x && typeof x === 'object')
		for (const [k, v] of Object.entries(x)) numbers(v, `${path}.${k}`, out);
	return out;
}

describe('backup property', () => {
	it('an accepted backup, studied once and exported, is accepted again and finite', async () => {
		let accepted = 0;
		await fc.assert(
			fc.asyncProperty(
				backupArb,
				fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
				fc.constantFrom<Grade>(...GRADES),
				async (backup, now, rating) => {
					// JSON as a file carries it: NaN and Infinity become null, -0 becomes 0.
					const text = JSON.stringify(backup);
					try {
						parseBackup(text);
					} catch {
						return; // refused: nothing to study
					}
					accepted++;
					globalThis.indexedDB = new IDBFactory();
					const db = await openDb();
					await importBackup(db, text);
					for (const q of QUESTIONS)
						await answerStoredCard(db, cardId('bio', q), (stored) =>
							answerCard(stored ?? newCard(q, 'bio', now), rating, now, DEFAULT_SETTINGS)
						);
					const exported = await exportBackup(db);
					db.close();
					const again = parseBackup(exported);
					for (const [path, n] of numbers(again)) expect(Number.isFinite(n), path).toBe(true);
				}
			),
			fcOptions(300)
		);
		// The generator must mostly produce backups restore accepts, or the property is empty.
		expect(accepted).toBeGreaterThan(100);
	}, 60_000);
});
