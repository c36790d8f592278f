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

	test('a blank may list other accepted answers; the first is the one shown', () => {
		const alt = 'The TTP was {{c1::emboldened|encouraged | empowered::felt free}} to act.';
		expect(clozeBlanks(alt)[0]).toMatchObject({
			answer: 'emboldened',
			hint: 'felt free',
			accepted: ['emboldened', 'encouraged', 'empowered']
		});
		expect(clozeFilled(alt)).toBe('The TTP was emboldened to act.');
		expect(clozeMasked(alt)).toBe('The TTP was [felt free] to act.');
	});
});
