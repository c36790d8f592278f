import { describe, expect, it } from 'vitest';
import { count, formatClock, formatDuration, formatPoints, plural } from './format';

describe('count and plural', () => {
	it('group thousands the same way everywhere', () => {
		expect(count(98_117)).toBe('98,117');
		expect(count(0)).toBe('0');
		expect(plural(18_980, 'question')).toBe('18,980 questions');
		expect(plural(1, 'question')).toBe('1 question');
	});
});

describe('formatDuration', () => {
	it('reads naturally', () => {
		expect(formatDuration(0)).toBe('0 s');
		expect(formatDuration(45_400)).toBe('45 s');
		expect(formatDuration(4 * 60_000 + 10_000)).toBe('4 min');
		expect(formatDuration(60 * 60_000)).toBe('1 h');
		expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
		expect(formatDuration(-5)).toBe('0 s');
	});
});

describe('formatClock', () => {
	it('shows a countdown as a clock', () => {
		expect(formatClock(245_000)).toBe('4:05');
		expect(formatClock(3_723_000)).toBe('1:02:03');
		expect(formatClock(-1)).toBe('0:00');
	});
});

describe('formatPoints', () => {
	it('rounds partial credit to two decimals', () => {
		expect(formatPoints(2.5000001)).toBe('2.5');
	});
});
