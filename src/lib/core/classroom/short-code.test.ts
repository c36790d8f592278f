import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALPHABET } from './base32';
import { classQuizFor, type ClassQuizSpec } from './code';
import { classSet } from './fixtures';
import {
	decodeShortCode,
	encodeShortCode,
	resolveShortCode,
	setFingerprint,
	shortCodeProblem
} from './short-code';

const set = classSet();
const spec: ClassQuizSpec = {
	setId: set.id,
	setVersion: set.version,
	options: { count: 5, mode: 'exam', timeLimitMinutes: 30 },
	seed: '7KQ2',
	shufflePerStudent: true
};

function decoded(code: string) {
	const r = decodeShortCode(code);
	if (!r.ok) throw new Error(r.message);
	return r.value;
}

describe('short class codes', () => {
	it('are 12 characters in three groups, and read back exactly', () => {
		const code = encodeShortCode(spec, set);
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(decoded(code.toLowerCase().replace(/-/g, ' '))).toEqual({
			code,
			fingerprint: setFingerprint(set),
			seed: '7KQ2',
			count: 5,
			mode: 'exam',
			timeLimitMinutes: 30,
			shufflePerStudent: true
		});
	});

	it('round-trip every option that fits', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 128 }),
				fc.boolean(),
				fc.integer({ min: 0, max: 63 }),
				fc.boolean(),
				fc.array(fc.constantFrom(...ALPHABET), { minLength: 4, maxLength: 4 }),
				(count, exam, minutes, shuffle, seed) => {
					const s: ClassQuizSpec = {
						...spec,
						options: {
							count,
							mode: exam ? 'exam' : 'practice',
							...(exam && minutes ? { timeLimitMinutes: minutes } : {})
						},
						seed: seed.join(''),
						shufflePerStudent: shuffle
					};
					const [match] = resolveShortCode(decoded(encodeShortCode(s, set)), [set]);
					const { code: _code, ...back } = match!.quiz;
					expect(back).toEqual(s);
				}
			)
		);
	});

	it('catch every one-character typo and every swap of neighbours', () => {
		const code = encodeShortCode(spec, set).replace(/-/g, '');
		for (let i = 0; i < code.length; i++) {
			for (const c of ALPHABET)
				if (c !== code[i])
					expect(decodeShortCode(code.slice(0, i) + c + code.slice(i + 1)).ok).toBe(false);
			if (i + 1 < code.length && code[i] !== code[i + 1]) {
				const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
				expect(decodeShortCode(swapped).ok).toBe(false);
			}
		}
	});

	it('say what is wrong with a code', () => {
		expect(decodeShortCode('7KQ2-MD4P')).toMatchObject({ ok: false, error: 'length' });
		expect(decodeShortCode('7KQ2-MD4P-XW3!')).toMatchObject({ ok: false, error: 'characters' });
	});

	it('give the same quiz as the long code on the student’s device', () => {
		const short = decoded(encodeShortCode(spec, set));
		const [match] = resolveShortCode(short, [classSet(2), set]);
		expect(match!.set).toBe(set);
		expect(classQuizFor(match!.quiz, set, 'Ana')).toEqual(classQuizFor(spec, set, 'Ana'));
		// Another version of the set does not match.
		expect(resolveShortCode(short, [classSet(2)])).toEqual([]);
	});

	it('refuse quizzes that do not fit, saying why', () => {
		expect(shortCodeProblem({ ...spec, options: { ...spec.options, tags: ['x'] } })).toMatch(
			/filters/
		);
		expect(shortCodeProblem({ ...spec, options: { ...spec.options, count: 129 } })).toMatch(/128/);
		expect(
			shortCodeProblem({ ...spec, options: { ...spec.options, timeLimitMinutes: 90 } })
		).toMatch(/63/);
		expect(shortCodeProblem({ ...spec, seed: '7KQ2MD' })).toMatch(/4-character seed/);
		expect(() => encodeShortCode({ ...spec, seed: '7KQ2MD' }, set)).toThrow(RangeError);
	});
});
