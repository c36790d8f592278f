import { describe, expect, it } from 'vitest';
import { niceMax } from './scale';

describe('niceMax', () => {
	it('rounds up to a value with a whole-number half', () => {
		expect([0, 1, 3, 5, 9, 11, 37, 150, 999].map(niceMax)).toEqual([
			4, 2, 4, 6, 10, 20, 40, 200, 1000
		]);
	});
});
