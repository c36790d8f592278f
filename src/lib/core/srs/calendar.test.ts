import { describe, expect, it } from 'vitest';
import { dayKey } from './day';
import { calendarGrid, calendarStart, dayNumberOfKey, weekdayOf } from './calendar';

// 2025-01-08 is a Wednesday.
const WED = dayNumberOfKey('2025-01-08');

describe('calendarGrid', () => {
	it('numbers weekdays from Monday', () => {
		expect(weekdayOf(0)).toBe(3); // 1970-01-01, a Thursday
		expect(weekdayOf(WED)).toBe(2);
		expect(weekdayOf(dayNumberOfKey('2025-01-12'))).toBe(6); // Sunday
		expect(dayKey(WED)).toBe('2025-01-08');
	});

	it('starts on a Monday and ends today, in `weeks` columns', () => {
		const grid = calendarGrid([], WED, 12);
		expect(calendarStart(WED, 12)).toBe(WED - 2 - 77);
		expect(grid.cells[0]).toMatchObject({ week: 0, weekday: 0, level: 0 });
		expect(dayKey(grid.firstDay)).toBe('2024-10-21');
		const last = grid.cells.at(-1)!;
		expect(last).toMatchObject({ day: '2025-01-08', week: 11, weekday: 2 });
		expect(grid.cells).toHaveLength(77 + 3);
		expect(grid.studiedDays).toBe(0);
		expect(grid.busiest).toBeUndefined();
		expect(grid.months.map((m) => m.day)).toEqual(['2024-11-01', '2024-12-01', '2025-01-01']);
	});

	it('scales levels to the busiest day and ignores days outside the grid', () => {
		const grid = calendarGrid(
			[
				{ day: '2020-01-01', count: 999 },
				{ day: '2025-01-06', count: 1 },
				{ day: '2025-01-07', count: 20 },
				{ day: '2025-01-08', count: 11 }
			],
			WED
		);
		const level = (day: string) => grid.cells.find((c) => c.day === day)?.level;
		expect(level('2025-01-06')).toBe(1);
		expect(level('2025-01-07')).toBe(4);
		expect(level('2025-01-08')).toBe(3);
		expect(level('2025-01-05')).toBe(0);
		expect(grid.studiedDays).toBe(3);
		expect(grid.busiest).toEqual({ day: '2025-01-07', count: 20 });
	});
});
