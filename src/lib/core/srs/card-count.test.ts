// The card counts say what the cards say: the forecast and mastery drawn from them equal
// those drawn from the cards, and changing cards changes the counts as a recount would.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { State, type StoredCard } from './card';
import { newCard } from './scheduler';
import { fcOptions } from '../fc-options';
import { dueSlot, emptyCount, Span, WEEK_SLOTS, weekOf, type CardCount } from './card-count';
import { addCounts, cardCounts, countChanges, countKey, isEmptyCount } from './count-cards';
import { startOfDay } from './day';
import { dueForecast, forecastFromCounts, masteryFromCount, setMastery } from './stats';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 31, 12, 7);

const cardArb = fc
	.record({
		q: fc.integer({ min: 0, max: 40 }),
		set: fc.constantFrom('a', 'b'),
		state: fc.constantFrom(State.New, State.Learning, State.Review, State.Relearning),
		reps: fc.integer({ min: 0, max: 3 }),
		stability: fc.double({ min: 0, max: 60, noNaN: true }),
		due: fc.integer({ min: NOW - 40 * DAY, max: NOW + 40 * DAY })
	})
	.map(({ q, set, state, reps, stability, due }): StoredCard => ({
		...newCard(`q${q}`, set, 0),
		state,
		reps,
		stability,
		due
	}));
/** Cards with distinct ids, as a store holds them. */
const cardsArb = fc.uniqueArray(cardArb, { selector: (c) => c.id, maxLength: 60 });

const sorted = (counts: CardCount[]) =>
	[...counts].sort((a, b) => (countKey(a) < countKey(b) ? -1 : 1));

/** What storage's countsBefore reads: whole weeks before `from`'s week, then quarter hours
 * up to `until`; each card due before `until` in exactly one of them. */
const cover = (counts: CardCount[], from: number, until: number) =>
	counts.filter((c) =>
		c.span === Span.Week
			? c.slot < weekOf(from)
			: c.span === Span.Quarter && c.slot >= weekOf(from) * WEEK_SLOTS && c.slot < until
	);

describe('card counts', () => {
	it('give the forecast and mastery the cards give, in whole-quarter-hour timezones', () => {
		fc.assert(
			fc.property(
				cardsArb,
				fc.constantFrom(0, -330, 345, 600, -60),
				fc.constantFrom(0, 4),
				// Quarter-hour detail from some week up to today's (as a restore last week).
				fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
				(cards, offsetMinutes, rolloverHour, weeksBack) => {
					const opts = { offsetMinutes, rolloverHour, days: 30 };
					const start = startOfDay(NOW, opts);
					const detail = weeksBack === undefined ? -Infinity : weekOf(dueSlot(start)) - weeksBack;
					const counts = cardCounts(cards, detail);
					// No quarter hour before the detail week is stored; each card in its week.
					expect(counts.some((c) => c.span === Span.Quarter && weekOf(c.slot) < detail)).toBe(
						false
					);
					const read = cover(counts, dueSlot(start), dueSlot(start + 30 * DAY));
					expect(forecastFromCounts(read, NOW, opts)).toEqual(dueForecast(cards, NOW, opts));
					for (const set of ['a', 'b']) {
						const total =
							counts.find((c) => c.setId === set && c.span === Span.Total) ?? emptyCount(set);
						const mine = cards.filter((c) => c.setId === set);
						const due = setMastery(set, 30, mine, NOW).due;
						expect(masteryFromCount(total, 30, due)).toEqual(setMastery(set, 30, mine, NOW));
						expect(total.all).toBe(mine.length);
					}
				}
			),
			fcOptions(200)
		);
	});

	it('change as a recount would when cards are replaced, added and removed', () => {
		fc.assert(
			fc.property(cardsArb, cardsArb, fc.integer({ min: -6, max: 6 }), (before, after, k) => {
				const detail = weekOf(dueSlot(NOW)) + k;
				const ids = new Set([...before, ...after].map((c) => c.id));
				const find = (list: StoredCard[], id: string) => list.find((c) => c.id === id);
				const changes = [...ids].map((id) => [find(before, id), find(after, id)] as const);
				const applied = new Map(cardCounts(before, detail).map((c) => [countKey(c), { ...c }]));
				for (const change of countChanges(changes, detail)) {
					const c =
						applied.get(countKey(change)) ?? emptyCount(change.setId, change.span, change.slot);
					applied.set(countKey(change), addCounts(c, change));
				}
				const result = [...applied.values()].filter((c) => !isEmptyCount(c));
				expect(sorted(result)).toEqual(sorted(cardCounts(after, detail)));
			}),
			fcOptions(200)
		);
	});
});
