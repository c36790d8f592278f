import { describe, expect, it } from 'vitest';
import { formatDuration, plural } from './format';

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

describe('plural', () => {
	it('counts', () => {
		expect(plural(1, 'card')).toBe('1 card');
		expect(plural(0, 'card')).toBe('0 cards');
		expect(plural(2, 'quiz', 'quizzes')).toBe('2 quizzes');
	});
});
