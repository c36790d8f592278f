import { describe, expect, test } from 'vitest';
import { clozeBlanks, clozeFilled, clozeMasked } from './cloze';

describe('cloze', () => {
	const text = 'The {{c1::TTP::acronym}} formed in {{c2::2007}}.';

	test('finds blanks with their numbers and hints', () => {
		expect(clozeBlanks(text)).toEqual([
			{ kind: 'blank', index: 0, n: 1, answer: 'TTP', hint: 'acronym' },
			{ kind: 'blank', index: 1, n: 2, answer: '2007' }
		]);
	});

	test('masks and fills', () => {
		expect(clozeMasked(text)).toBe('The [acronym] formed in […].');
		expect(clozeFilled(text)).toBe('The TTP formed in 2007.');
	});
});
