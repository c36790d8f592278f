import { describe, expect, test } from 'vitest';
import { readTypedNumber } from './typed-number';

describe('readTypedNumber', () => {
	test.each([
		// The answer kept in millions (unit "million people"): every way of writing 23 million.
		['23', 'million people', 23],
		['23 million', 'million people', 23],
		['23 Million people', 'million people', 23],
		['almost 23 million', 'million people', 23],
		['23,000,000', 'million people', 23],
		['23000000', 'million people', 23],
		// A day of the month, a year with its month, ordinals.
		['August 8', undefined, 8],
		['8 August', undefined, 8],
		['8th', undefined, 8],
		['the 8th of August', undefined, 8],
		['May 2004', undefined, 2004],
		// Units, hedges, number words.
		['780 prisoners', 'prisoners', 780],
		['780 prisoner', 'prisoners', 780],
		['about 780', 'prisoners', 780],
		['fifty days', 'days', 50],
		['twelve', undefined, 12],
		['2.5 million', undefined, 2_500_000],
		['1,200', undefined, 1200]
	])('%s (unit %s) → %s', (typed, unit, value) => {
		expect(readTypedNumber(typed, unit)).toBe(value);
	});

	test.each([
		['August'],
		['8 August 2022'],
		['a lot'],
		[''],
		['less than fifty'],
		['2007 or 2008']
	])('%s is not one number', (typed) => {
		expect(readTypedNumber(typed, 'days')).toBeUndefined();
	});
});
