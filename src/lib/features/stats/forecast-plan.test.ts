import { describe, expect, it } from 'vitest';
import { dayKey, normalizeSettings } from '$lib/core/srs';
import { forecastPlan } from '$lib/features/stats/stats-data';
import { workloadSummary } from '$lib/features/stats/summaries';

const day0 = 20_096; // 2025-01-08, a Wednesday
const days = Array.from({ length: 10 }, (_, i) => ({
	day: dayKey(day0 + i),
	count: i === 5 ? 0 : 10 + i
}));

describe('the forecast plan', () => {
	it('marks break days and easy days', () => {
		const s = normalizeSettings({
			easyDays: [0, 1, 1, 1, 1, 1, 0.5], // Sunday minimum, Saturday reduced
			vacation: { start: dayKey(day0 + 5), end: dayKey(day0 + 6) }
		});
		expect(forecastPlan(days, s)).toEqual([
			null,
			null,
			null, // Wed–Fri
			'reduced', // Sat
			'minimum', // Sun
			'break', // Mon
			'break', // Tue
			null,
			null,
			null
		]);
	});

	it('says what the settings did, in words', () => {
		const s = normalizeSettings({
			easyDays: [0, 1, 1, 1, 1, 1, 1],
			vacation: { start: dayKey(day0 + 5), end: dayKey(day0 + 6) }
		});
		const text = workloadSummary(days, forecastPlan(days, s), s, 'en-US');
		expect(text).toBe(
			'Reviews are spread evenly: the busiest day has 19 cards. 1 easy day ahead gets fewer reviews. Break Jan 13 – Jan 14: 16 reviews planned in it.'
		);
		const off = normalizeSettings({ loadBalance: false });
		expect(workloadSummary(days, forecastPlan(days, off), off)).toBe(
			'Spreading reviews evenly is off.'
		);
	});
});
