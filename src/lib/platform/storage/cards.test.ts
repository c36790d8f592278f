// Reads across sets go set by set through the set+due indexes of the store and the packs
// (./card-packs.ts): each must give exactly what one pass over every card would, in the
// same order, wherever each card is kept.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fcOptions } from '../../core/fc-options';
import { State, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import { suspendCard, unsuspendCard } from '../../core/srs/suspend';
import { dayNumber } from '../../core/srs/day';
import { openDb, type Db } from './db';
import { putCards } from './card-writes';
import {
	byDue,
	cardIdsForSet,
	cardSetIdsIn,
	cardsForSet,
	countCards,
	countDue,
	dueCards,
	getCards,
	learningDueBetween,
	nextDueAfter,
	readCards
} from './cards';
import { packCards } from './packed-cards';
import { cardsDueBetween } from './reschedule';
import { countSuspended, unsuspendAll } from './leeches';
import { dueCountsByDay } from './workload';
import { allCards, cardCountsNow, DAY, fresh, T0 } from './test-helpers';

// Set ids that sort around each other's cards: "a-b/…" < "a/…" < "ab/…".
const SETS = ['a', 'a-b', 'ab', 'b'];
const STATES = [State.New, State.Learning, State.Review, State.Relearning];

const cardArb = fc.record({
	set: fc.constantFrom(...SETS),
	q: fc.integer({ min: 0, max: 30 }),
	// Whole hours over ten days around T0, so equal due times (ties) are common.
	hour: fc.integer({ min: -120, max: 120 }),
	state: fc.constantFrom(...STATES),
	suspended: fc.boolean(),
	// Packed, as a restore writes cards (./card-packs.ts), or in the store.
	paged: fc.boolean()
});

/** Stores `all` (with their counts), then moves those `paged` says into packs of `size`. */
async function storeSome(
	db: Db,
	all: StoredCard[],
	paged: (c: StoredCard) => boolean,
	size: number
) {
	await putCards(db, all);
	const packed = all.filter(paged);
	const tx = db.transaction(['cards', 'cardPacks'], 'readwrite');
	await Promise.all([
		...packed.map((c) => tx.objectStore('cards').delete(c.id)),
		...packCards(packed, size).map((p) => tx.objectStore('cardPacks').put(p)),
		tx.done
	]);
}

describe('cards across sets', () => {
	it('are read set by set exactly as one pass over every card would read them', async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(cardArb, { maxLength: 60 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 4 }),
				async (specs, limit, packSize) => {
					const db = await openDb({ name: `cards-${run++}` });
					const byId = new Map<string, StoredCard>();
					const paged = new Set<string>();
					for (const s of specs) {
						const card: StoredCard = {
							...fresh(`q${s.q}`, s.set),
							state: s.state,
							due: T0 + s.hour * 3_600_000
						};
						byId.set(card.id, s.suspended ? suspendCard(card) : card);
						if (s.paged) paged.add(card.id);
						else paged.delete(card.id);
					}
					const all = [...byId.values()];
					await storeSome(db, all, (c) => paged.has(c.id), packSize);
					const inId = [...all].sort((a, b) => (a.id < b.id ? -1 : 1));
					const sorted = [...all].sort(byDue);
					const now = T0;
					const end = T0 + 2 * DAY;

					const tx = readCards(db);
					const setIds = [...new Set(inId.map((c) => c.setId))];
					expect(await cardSetIdsIn(tx)).toEqual(setIds);
					const due = sorted.filter((c) => c.due <= now);
					expect(await dueCards(db, { now, limit })).toEqual(due.slice(0, limit));
					expect(await countDue(db, now)).toBe(due.length);
					for (const setId of [...setIds, 'none']) {
						const ofSet = (c: StoredCard) => c.setId === setId;
						expect(await dueCards(db, { now, limit, setId })).toEqual(
							due.filter(ofSet).slice(0, limit)
						);
						expect(await countDue(db, now, setId)).toBe(due.filter(ofSet).length);
						expect(await cardsForSet(db, setId)).toEqual(inId.filter(ofSet));
						expect(await cardIdsForSet(db, setId)).toEqual(inId.filter(ofSet).map((c) => c.id));
						expect(await countCards(db, setId)).toBe(inId.filter(ofSet).length);
					}
					expect(await countCards(db)).toBe(all.length);
					const ids = [...inId.map((c) => c.id), 'a/none', 'none/q1', 'no-slash'];
					expect(await getCards(db, ids)).toEqual([...inId, undefined, undefined, undefined]);
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
					// Each card written left its pack: stored once, and counted once.
					const after = all.map((c) => (c.due === SUSPENDED_DUE ? unsuspendCard(c) : c));
					expect(await allCards(db)).toEqual(after.sort((a, b) => (a.id < b.id ? -1 : 1)));
					const packedIds = (await db.getAll('cardPacks')).flatMap((p) => p.cards.map((c) => c.id));
					expect(packedIds.sort()).toEqual(
						inId.filter((c) => paged.has(c.id) && c.due !== SUSPENDED_DUE).map((c) => c.id)
					);
					const cardCounts = await cardCountsNow(db);
					expect(cardCounts.stored).toEqual(cardCounts.expected);
					db.close();
				}
			),
			fcOptions(40)
		);
	});
});
