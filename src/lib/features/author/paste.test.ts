import { describe, expect, it } from 'vitest';
import { describePaste, pasteProblem, textDirection, utf8Length } from './paste';

describe('paste helpers', () => {
	it('counts UTF-8 bytes as the encoder does', () => {
		for (const s of ['', 'abc', 'aé€😀', 'وزن', '\u{1F600}'.repeat(3)])
			expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
	});

	it('refuses text over 5 MB, counting bytes not characters', () => {
		expect(pasteProblem('x'.repeat(5 * 1024 * 1024))).toBeUndefined();
		expect(pasteProblem('x'.repeat(5 * 1024 * 1024 + 1))).toMatch(/too large: 5\.0 MB/);
		// 2 million Arabic letters are 4 MB as UTF-8: over the limit with the rest.
		expect(pasteProblem('و'.repeat(2_700_000))).toMatch(/too large: 5\.1 MB/);
	});

	it('takes the direction from the first letter, ignoring digits and marks', () => {
		expect(textDirection('')).toBe('ltr');
		expect(textDirection('12. ما هي عاصمة فرنسا؟')).toBe('rtl');
		expect(textDirection('::q1:: שאלה')).toBe('ltr'); // "q" comes first
		expect(textDirection('— 3) Where?')).toBe('ltr');
	});

	it('describes a held paste', () => {
		expect(describePaste('a\nb\nc')).toBe('0.0 MB, 3 lines');
	});
});
