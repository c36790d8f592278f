// Cards due per study day, for load balancing (srs/workload.ts). Reads keys only, through
// the set+due indexes of each set with cards (stored and packed), over the few days a
// card's fuzz range spans.
import { dayNumber, dayStart, type DayOptions } from '../../core/srs/day';
import type { Db } from './db';
import { duesIn, readCards } from './cards';

/** Counts of cards due on each study day from `fromDay` to `toDay` (both included). */
export async function dueCountsByDay(
	db: Db,
	fromDay: number,
	toDay: number,
	opts: DayOptions
): Promise<Map<number, number>> {
	const out = new Map<number, number>();
	for (let d = fromDay; d <= toDay; d++) out.set(d, 0);
	// One offset for the whole window: a DST change inside it blurs an hour at one edge,
	// which load balancing can live with.
	const [from, to] = [dayStart(fromDay, opts), dayStart(toDay + 1, opts)];
	for (const due of await duesIn(readCards(db), undefined, { lo: from, hi: to, hiOpen: true })) {
		const day = dayNumber(due, opts);
		out.set(day, (out.get(day) ?? 0) + 1);
	}
	return out;
}
