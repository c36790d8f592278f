// The card counts (core/srs/card-count.ts) as Home and /stats/ read them: a few records
// per set instead of the cards. ./card-writes.ts keeps them in step with the cards.
import {
	COUNT_SLOT_MS,
	DETAIL_WEEK_META,
	dueSlot,
	emptyCount,
	Span,
	WEEK_SLOTS,
	weekOf,
	type CardCount
} from '../../core/srs/card-count';
import type { Db } from './db';
import { countSetDue, type CardsTx, type DueSpan } from './card-packs';

/** The first week with quarter-hour counts (card-count.ts DETAIL_WEEK_META). */
export async function detailWeek(meta: { get(key: string): Promise<unknown> }): Promise<number> {
	const week = await meta.get(DETAIL_WEEK_META);
	return typeof week === 'number' ? week : -Infinity;
}

/** Whether the counts have quarter-hour detail from `slot` on (false: the clock is set
 * back before they were built, and a reader must count the cards instead). */
export async function countsDetailFrom(db: Db, slot: number): Promise<boolean> {
	return weekOf(slot) >= (await detailWeek(db.transaction('meta').store));
}

/** Each set's count of all of its cards (an empty count for a set with none). */
export async function setTotals(
	db: Db,
	setIds: readonly string[]
): Promise<Map<string, CardCount>> {
	const tx = db.transaction('cardCounts');
	const totals = await Promise.all(setIds.map((id) => tx.store.get([id, Span.Total, 0])));
	return new Map(setIds.map((id, i) => [id, totals[i] ?? emptyCount(id)]));
}

/** The card counts store, in any transaction. */
interface CountStore {
	getAll(query: IDBKeyRange): Promise<CardCount[]>;
}

/**
 * A set's counts of every card due before the quarter hour `until`: whole weeks before the
 * week of `detailFrom`, then quarter hours. Cards due long ago cost a record a week; from
 * `detailFrom` on, each count's time is exact to the quarter hour (countStart).
 */
export async function countsBefore(
	store: CountStore,
	setId: string,
	detailFrom: number,
	until: number
): Promise<CardCount[]> {
	const week = weekOf(detailFrom);
	const range = (span: Span, from: number, to: number) =>
		IDBKeyRange.bound([setId, span, from], [setId, span, to], false, true);
	const [weeks, quarters] = await Promise.all([
		store.getAll(range(Span.Week, -Infinity, week)),
		until > week * WEEK_SLOTS ? store.getAll(range(Span.Quarter, week * WEEK_SLOTS, until)) : []
	]);
	return [...weeks, ...quarters];
}

/** How many of a set's cards due in `span` a count takes, read in `tx`. */
export type SpanCount = (tx: CardsTx, setId: string, span: DueSpan) => Promise<number>;

/**
 * Cards with `due <= now` in each set: the one count Home ("8 due") and Stats ("8 due
 * now") show, so the two always agree. Exactly as an index count would say: the counts of
 * the time before now's quarter hour, and an index count within it.
 */
export function dueBySet(
	db: Db,
	now: number,
	setIds: readonly string[]
): Promise<Record<string, number>> {
	return dueCounts(db, now, setIds, 'all', countSetDue);
}

/**
 * Cards with `due <= now` in each set, counted by `field` of the counts before now's
 * quarter hour and by `inSlot` within it: dueBySet, and ./studied-due.ts for the cards
 * ever studied (which reads cards, so Home does not download it).
 */
export async function dueCounts(
	db: Db,
	now: number,
	setIds: readonly string[],
	field: 'all' | 'studied',
	inSlot: SpanCount
): Promise<Record<string, number>> {
	const slot = dueSlot(now);
	const tx = db.transaction(['cardCounts', 'cards', 'cardPacks', 'meta']);
	// Before the counts' detail (a clock set back): the indexes alone, however long.
	const detailed = weekOf(slot) >= (await detailWeek(tx.objectStore('meta')));
	const counts = await Promise.all(
		setIds.map(async (id) => {
			const span = { lo: detailed ? slot * COUNT_SLOT_MS : -Infinity, hi: now };
			const [before, n] = await Promise.all([
				detailed ? countsBefore(tx.objectStore('cardCounts'), id, slot, slot) : [],
				inSlot(tx, id, span)
			]);
			return before.reduce((sum, c) => sum + c[field], n);
		})
	);
	return Object.fromEntries(setIds.map((id, i) => [id, counts[i]!]));
}
