import { describe, expect, test } from 'vitest';
import { parseNumber } from './normalize';

describe('parseNumber', () => {
	test.each([
		['1,200', 1200],
		['1 200', 1200],
		['1,234,567', 1234567],
		['-5', -5],
		['\u22125', -5],
		['3,14', 3.14],
		['0,5', 0.5],
		['1,00', 1],
		['1 234,5', 1234.5],
		['12,3456', 12.3456],
		['\uff11\uff12\uff10\uff10', 1200],
		['33 attacks', undefined],
		['abc', undefined],
		['1,2,3', undefined]
	])('%s → %s', (input, want) => {
		expect(parseNumber(input)).toBe(want);
	});

	test('a unit after the number is allowed', () => {
		expect(parseNumber('33 attacks', 'attacks')).toBe(33);
	});
});
