import { describe, expect, it } from 'vitest';
import { calendarGrid, dayNumberOfKey } from '$lib/core/srs/calendar';
import {
	calendarSummary,
	forecastSummary,
	retentionSummary,
	retentionVerdict,
	reviewsSummary,
	versusTarget
} from './summaries';

describe('chart summaries', () => {
	it('say the totals, today and the busiest day', () => {
		const days = [
			{ day: '2025-01-06', count: 4, again: 1 },
			{ day: '2025-01-07', count: 0, again: 0 },
			{ day: '2025-01-08', count: 1, again: 0 }
		];
		expect(reviewsSummary(days, 'en-US')).toBe(
			'Answers per day, last 3 days: 5 answers in all, 1 today. Busiest day Jan 6, 4 answers.'
		);
		expect(reviewsSummary([{ day: '2025-01-08', count: 0, again: 0 }])).toBe(
			'Answers per day, last 1 days: 0 answers in all, 0 today.'
		);
		expect(forecastSummary(days)).toBe(
			'Cards coming due, next 3 days: 4 cards today, 5 cards in the next 7 days, 5 cards in all.'
		);
	});

	it('say retention against the target, or that there is too little to tell', () => {
		const r = { reviews: 40, passed: 30, retention: 0.75, desired: 0.9 };
		expect(retentionSummary(r)).toBe(
			'True retention 75%: 30 of 40 reviews remembered. Target 90%.'
		);
		expect(retentionVerdict(r)).toMatch(/^Below your target/);
		expect(retentionVerdict({ ...r, retention: 0.92, passed: 37 })).toBe('Close to your target.');
		expect(retentionVerdict({ ...r, reviews: 5 })).toMatch(/Too few/);
		expect(retentionSummary({ reviews: 0, passed: 0, retention: null, desired: 0.9 })).toMatch(
			/^Not enough reviews yet/
		);
	});

	it('describe the calendar', () => {
		const grid = calendarGrid(
			[
				{ day: '2025-01-07', count: 3 },
				{ day: '2025-01-08', count: 1 }
			],
			dayNumberOfKey('2025-01-08')
		);
		expect(calendarSummary(grid, 2, false, 'en-US')).toBe(
			'Study calendar, last 12 weeks: studied on 2 of 80 days. Streak: 2 days. Busiest day Jan 7, 3 answers.'
		);
		expect(calendarSummary(grid, 80, true, 'en-US')).toMatch(/Streak: at least 80 days/);
	});
});

describe('versusTarget', () => {
	const cell = (reviews: number, passed: number) => ({
		reviews,
		passed,
		retention: reviews ? passed / reviews : null
	});

	it('judges a row only with enough answers, in whole points', () => {
		expect(versusTarget(cell(0, 0), 0.9)).toBe('None yet');
		expect(versusTarget(cell(3, 3), 0.9)).toBe('Too few');
		expect(versusTarget(cell(19, 10), 0.9)).toBe('Too few');
		expect(versusTarget(cell(20, 18), 0.9)).toBe('On target');
		expect(versusTarget(cell(20, 19), 0.9)).toBe('+5 points');
		expect(versusTarget(cell(100, 89), 0.9)).toBe('−1 point');
		expect(versusTarget(cell(40, 30), 0.85)).toBe('−10 points');
	});
});
