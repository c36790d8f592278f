import { describe, expect, test } from 'vitest';
import { findQuote, foldForQuote, paragraphs } from './text';

describe('text', () => {
	test('splits paragraphs on blank lines, any line ending', () => {
		expect(paragraphs('One\r\n\r\nTwo\nstill two\n \n\nThree\n')).toEqual([
			'One',
			'Two\nstill two',
			'Three'
		]);
	});

	test('folds curly quotes, dashes and whitespace', () => {
		expect(foldForQuote('“It’s”\u2014 done\n now')).toBe('"It\'s"- done now');
	});

	test('locates the paragraph of a quote', () => {
		const paras = ['Alpha beta.', 'Gamma “delta”.'];
		expect(findQuote(paras, 'gamma')).toBe(-1);
		expect(findQuote(paras, 'Gamma "delta"')).toBe(1);
		expect(findQuote(paras, '   ')).toBe(-1);
	});
});
