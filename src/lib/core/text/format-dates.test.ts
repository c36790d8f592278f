import { describe, expect, it } from 'vitest';
import { backupCountsText, megabytes, percent, plural, shortDay } from './format';

describe('format', () => {
	it('says counts, sizes and shares plainly', () => {
		expect(plural(1, 'card')).toBe('1 card');
		expect(plural(1200, 'card')).toBe('1,200 cards');
		expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
		expect(megabytes(2000)).toBe('less than 0.1 MB');
		expect(megabytes(0)).toBe('0.0 MB');
		expect(megabytes(2048 * 1024 * 1024)).toBe('2,048 MB');
		expect(percent(0.876)).toBe('88%');
		expect(shortDay('2025-01-06', 'en-US')).toBe('Jan 6');
		expect(backupCountsText({ cards: 12, reviews: 1, sets: 0, attempts: 2 })).toBe(
			'12 cards, 1 review, 0 sets and 2 quiz results'
		);
	});
});
