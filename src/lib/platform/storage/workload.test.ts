import { describe, expect, it } from 'vitest';
import { dayNumber, dayStart } from '../../core/srs/day';
import { openDb } from './db';
import { putCards } from './card-writes';
import { dueCountsByDay } from './workload';
import { fresh, T0 } from './test-helpers';

describe('dueCountsByDay', () => {
	it('counts cards per study day in the window, by the local rollover, zero-filled', async () => {
		const db = await openDb();
		const opts = { offsetMinutes: -120 }; // UTC+2, day starts 04:00 local = 02:00 UTC
		const today = dayNumber(T0, opts);
		const at = (day: number, ms: number) => dayStart(day, opts) + ms;
		await putCards(db, [
			{ ...fresh('a'), due: at(today + 1, 0) }, // first instant of the day
			{ ...fresh('b'), due: at(today + 1, 86_400_000 - 1) }, // last instant
			{ ...fresh('c'), due: at(today + 2, 0) },
			{ ...fresh('d'), due: at(today + 5, 1000) }, // outside the window
			{ ...fresh('e'), due: at(today, 1000) } // before it
		]);
		const counts = await dueCountsByDay(db, today + 1, today + 3, opts);
		expect([...counts]).toEqual([
			[today + 1, 2],
			[today + 2, 1],
			[today + 3, 0]
		]);
	});
});
