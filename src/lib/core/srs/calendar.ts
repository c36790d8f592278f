// The study calendar's grid: GitHub-style columns of weeks, Monday on top, the last
// column holding today. Pure: the caller passes today's study-day number.
import { DAY_MS, dayKey } from './day';
import type { DayCount } from './stats';

export interface CalendarCell {
	/** "YYYY-MM-DD" */
	day: string;
	count: number;
	/** Column, 0 = oldest week. */
	week: number;
	/** Row, 0 = Monday. */
	weekday: number;
	/** 0 = no study, 1–4 = share of the busiest day, in quarters. */
	level: 0 | 1 | 2 | 3 | 4;
}

export interface CalendarGrid {
	cells: CalendarCell[];
	weeks: number;
	/** Study-day number of the first cell (a Monday). */
	firstDay: number;
	/** Columns where a month begins, for labels above the grid. */
	months: { week: number; day: string }[];
	/** Days with at least one answer, within the grid. */
	studiedDays: number;
	/** The day with the most answers in the grid, if any. */
	busiest: DayCount | undefined;
}

/** Monday = 0 … Sunday = 6. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
	return (((day + 3) % 7) + 7) % 7;
}

export function dayNumberOfKey(key: string): number {
	return Math.round(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
}

/** The first day a calendar of `weeks` columns ending with today's week shows. */
export function calendarStart(today: number, weeks: number): number {
	return today - weekdayOf(today) - 7 * (weeks - 1);
}

export function calendarGrid(days: readonly DayCount[], today: number, weeks = 12): CalendarGrid {
	const firstDay = calendarStart(today, weeks);
	const counts = new Map<number, number>();
	for (const d of days) counts.set(dayNumberOfKey(d.day), d.count);
	let max = 0;
	let busiest: DayCount | undefined;
	let studiedDays = 0;
	for (let d = firstDay; d <= today; d++) {
		const n = counts.get(d) ?? 0;
		if (n > 0) studiedDays++;
		if (n > max) {
			max = n;
			busiest = { day: dayKey(d), count: n };
		}
	}
	const cells: CalendarCell[] = [];
	const months: CalendarGrid['months'] = [];
	for (let d = firstDay; d <= today; d++) {
		const count = counts.get(d) ?? 0;
		const week = Math.floor((d - firstDay) / 7);
		const key = dayKey(d);
		if (key.endsWith('-01')) months.push({ week: d === firstDay ? 0 : week, day: key });
		const level =
			count === 0 ? 0 : (Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4);
		cells.push({ day: key, count, week, weekday: weekdayOf(d), level });
	}
	return { cells, weeks, firstDay, months, studiedDays, busiest };
}
