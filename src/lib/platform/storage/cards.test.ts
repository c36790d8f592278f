// Reads across sets go set by set through the set+due index (the cards have no other):
// each must give exactly what one pass over every card would, in the same order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOptions } from '../../core/fc-options';
import { State, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import { suspendCard } from '../../core/srs/suspend';
import { dayNumber } from '../../core/srs/day';
import { openDb } from './db';
import { putCards } from './card-writes';
import { byDue, cardSetIds, countDue, dueCards, learningDueBetween, nextDueAfter } from './cards';
import { cardsDueBetween } from './reschedule';
import { countSuspended, unsuspendAll } from './leeches';
import { dueCountsByDay } from './workload';
import { DAY, fresh, T0 } from './test-helpers';

// Set ids that sort around each other's cards: "a-b/…" < "a/…" < "ab/…".
const SETS = ['a', 'a-b', 'ab', 'b'];
const STATES = [State.New, State.Learning, State.Review, State.Relearning];

const cardArb = fc.record({
	set: fc.constantFrom(...SETS),
	q: fc.integer({ min: 0, max: 30 }),
	// Whole hours over ten days around T0, so equal due times (ties) are common.
	hour: fc.integer({ min: -120, max: 120 }),
	state: fc.constantFrom(...STATES),
	suspended: fc.boolean()
});

describe('cards across sets', () => {
	it('are read set by set exactly as one pass over every card would read them', async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(cardArb, { maxLength: 60 }),
				fc.integer({ min: 1, max: 12 }),
				async (specs, limit) => {
					const db = await openDb({ name: `cards-${run++}` });
					const byId = new Map<string, StoredCard>();
					for (const s of specs) {
						const card: StoredCard = {
							...fresh(`q${s.q}`, s.set),
							state: s.state,
							due: T0 + s.hour * 3_600_000
						};
						byId.set(card.id, s.suspended ? suspendCard(card) : card);
					}
					const all = [...byId.values()];
					await putCards(db, all);
					const sorted = [...all].sort(byDue);
					const now = T0;
					const end = T0 + 2 * DAY;

					expect(await cardSetIds(db.transaction('cards').store)).toEqual(
						[...new Set(all.map((c) => c.setId))].sort((x, y) => (`${x}/` < `${y}/` ? -1 : 1))
					);
					const due = sorted.filter((c) => c.due <= now);
					expect(await dueCards(db, { now, limit })).toEqual(due.slice(0, limit));
					expect(await countDue(db, now)).toBe(due.length);
					expect(await learningDueBetween(db, now, end)).toEqual(
						sorted.filter(
							(c) =>
								c.due > now &&
								c.due < end &&
								(c.state === State.Learning || c.state === State.Relearning)
						)
					);
					expect(await nextDueAfter(db, now)).toBe(
						sorted.find((c) => c.due > now && c.due < SUSPENDED_DUE)?.due
					);
					expect(await cardsDueBetween(db, now - DAY, end)).toEqual(
						sorted.filter((c) => c.due >= now - DAY && c.due < end)
					);
					const opts = { offsetMinutes: 0 };
					const from = dayNumber(now, opts);
					const counts = await dueCountsByDay(db, from, from + 3, opts);
					for (let d = from; d <= from + 3; d++)
						expect(counts.get(d)).toBe(
							all.filter((c) => c.due < SUSPENDED_DUE && dayNumber(c.due, opts) === d).length
						);
					const suspended = all.filter((c) => c.due === SUSPENDED_DUE).length;
					expect(await countSuspended(db)).toBe(suspended);
					expect(await unsuspendAll(db)).toBe(suspended);
					expect(await countSuspended(db)).toBe(0);
					db.close();
				}
			),
			fcOptions(40)
		);
	});
});
