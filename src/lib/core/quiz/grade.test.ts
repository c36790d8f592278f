import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectedResponse, gradeAnswer, initialResponse, matchText } from './grade';
import { parseNumber } from './normalize';
import { QUESTION_TYPES } from '../bank/schema';
import { fixtureQuestion } from './fixtures';
import { present } from './present';
import { createRng } from './rng';
import { FC_SEED } from '../fc-options';
import type { AskedQuestion, AskedMulti } from './types';

const base = { prompt: 'Q', originalType: 'short' as const };
const short = (...answers: string[]): AskedQuestion => ({ ...base, type: 'short', answers });

describe('text answers', () => {
	it('ignores case, punctuation, whitespace and diacritics', () => {
		const q = short('Tehreek-e-Taliban Pakistan');
		expect(gradeAnswer(q, 'tehreek e taliban  pakistan!').correct).toBe(true);
		expect(gradeAnswer(short('Peshawar'), '  PESHÁWAR. ').correct).toBe(true);
		expect(gradeAnswer(short('Øresund'), 'oresund').correct).toBe(true);
	});

	it('accepts listed variants', () => {
		const q = short('Tehrik-i-Taliban Pakistan', 'TTP');
		const g = gradeAnswer(q, 'ttp');
		expect(g).toMatchObject({ score: 1, correct: true, expected: 'Tehrik-i-Taliban Pakistan' });
	});

	it('forgives one typo in answers longer than five letters, and says so', () => {
		expect(gradeAnswer(short('Islamabad'), 'Islamabda')).toMatchObject({
			correct: true,
			typoForgiven: true
		});
		expect(gradeAnswer(short('Islamabad'), 'Islamabd').typoForgiven).toBe(true);
		expect(gradeAnswer(short('Islamabad'), 'Islamabadd').typoForgiven).toBe(true);
		expect(gradeAnswer(short('Islamabad'), 'Islambd').correct).toBe(false);
		// Five letters or fewer: a typo is a different word.
		expect(gradeAnswer(short('Swat'), 'Swot').correct).toBe(false);
		// Digits are not spelling.
		expect(gradeAnswer(short('June 2007'), 'June 2008').correct).toBe(false);
	});

	it('forgives a leading article on either side, but not a different answer', () => {
		expect(gradeAnswer(short('TTP'), 'the TTP').correct).toBe(true);
		expect(gradeAnswer(short('the Islamic State'), 'Islamic State').correct).toBe(true);
		expect(gradeAnswer(short('ceasefire'), 'a ceasefire').correct).toBe(true);
		expect(gradeAnswer(short('U.N.'), 'The UN').correct).toBe(true);
		expect(gradeAnswer(short('Kabul'), 'the').correct).toBe(false);
		expect(gradeAnswer(short('TTP'), 'the ISIS').correct).toBe(false);
		// With a forgiven article, one typo is still forgiven and said.
		expect(gradeAnswer(short('Islamabad'), 'the Islamabda')).toMatchObject({
			correct: true,
			typoForgiven: true
		});
	});

	it('reads numbers with scale words, months and ordinals', () => {
		const num = (answer: number, unit?: string): AskedQuestion => ({
			...base,
			type: 'numeric',
			answer,
			tolerance: 0,
			...(unit ? { unit } : {})
		});
		expect(gradeAnswer(num(23, 'million people'), '23 million').correct).toBe(true);
		expect(gradeAnswer(num(23, 'million people'), '23000000').correct).toBe(true);
		expect(gradeAnswer(num(8), 'August 8').correct).toBe(true);
		expect(gradeAnswer(num(8), '8th').correct).toBe(true);
		expect(gradeAnswer(num(2004), 'May 2004').correct).toBe(true);
		expect(gradeAnswer(num(23, 'million people'), '24 million').correct).toBe(false);
		expect(gradeAnswer(num(8), 'August').detail?.message).toBe('not a number');
	});

	it('rejects empty and wrong answers', () => {
		expect(gradeAnswer(short('Kabul'), '').score).toBe(0);
		expect(gradeAnswer(short('Kabul'), 'Kandahar').score).toBe(0);
		expect(gradeAnswer(short('Kabul'), null).score).toBe(0);
		expect(matchText('?', ['?']).correct).toBe(true);
	});

	it('accepts every answer a cloze blank lists', () => {
		const q: AskedQuestion = {
			...base,
			type: 'cloze',
			text: 'The TTP was {{c1::emboldened|encouraged}}.',
			blanks: [{ answer: 'emboldened', accepted: ['emboldened', 'encouraged'] }]
		};
		expect(gradeAnswer(q, ['encouraged']).correct).toBe(true);
		expect(gradeAnswer(q, ['emboldened']).correct).toBe(true);
		expect(gradeAnswer(q, ['frightened']).correct).toBe(false);
	});

	it('grades cloze blanks by share', () => {
		const q: AskedQuestion = {
			...base,
			type: 'cloze',
			text: 'The {{c1::TTP}} formed in {{c2::2007}}',
			blanks: [{ answer: 'TTP' }, { answer: '2007' }]
		};
		const g = gradeAnswer(q, ['ttp', '2008']);
		expect(g.score).toBe(0.5);
		expect(g.correct).toBe(false);
		expect(g.detail?.parts).toEqual([true, false]);
		expect(gradeAnswer(q, ['TTP', '2007']).correct).toBe(true);
	});
});

describe('numbers', () => {
	const q: AskedQuestion = { ...base, type: 'numeric', answer: 1000, tolerance: 0, unit: 'km' };

	it('reads thousands separators, signs and units', () => {
		for (const s of ['1000', '1,000', '1 000', '1\u00a0000', '+1000', '1000 km', '1000.0'])
			expect(gradeAnswer(q, s).correct, s).toBe(true);
		expect(parseNumber('-1,234.5')).toBe(-1234.5);
		expect(parseNumber('\u22123')).toBe(-3);
		expect(parseNumber('.5')).toBe(0.5);
	});

	it('rejects garbage', () => {
		for (const s of ['', 'abc', '1.000,5', '10 00', '1000x', '--1', '1e', '.', '½'])
			expect(parseNumber(s), s).toBeUndefined();
		expect(gradeAnswer(q, 'lots').detail?.message).toBe('not a number');
	});

	it('honours the tolerance', () => {
		const t: AskedQuestion = { ...base, type: 'numeric', answer: 3.5, tolerance: 0.25 };
		expect(gradeAnswer(t, '3.7').correct).toBe(true);
		expect(gradeAnswer(t, '3.8').correct).toBe(false);
		expect(gradeAnswer(t, '3.8').expected).toBe('3.5 (± 0.25)');
		expect(gradeAnswer({ ...t, answer: 0.3, tolerance: 0 }, String(0.1 + 0.2)).correct).toBe(true);
	});
});

describe('choices', () => {
	const multi: AskedMulti = {
		...base,
		type: 'multi',
		options: ['a', 'b', 'c', 'd'],
		order: [0, 1, 2, 3],
		answers: [0, 2]
	};

	it('mcq and truefalse are exact', () => {
		const mcq: AskedQuestion = {
			...base,
			type: 'mcq',
			options: ['x', 'y'],
			order: [1, 0],
			answer: 1
		};
		expect(gradeAnswer(mcq, 1)).toMatchObject({ score: 1, expected: 'y' });
		expect(gradeAnswer(mcq, 0).score).toBe(0);
		const tf: AskedQuestion = { ...base, type: 'truefalse', answer: false };
		expect(gradeAnswer(tf, false).correct).toBe(true);
		expect(gradeAnswer(tf, 'false').correct).toBe(false);
	});

	it('multi gives partial credit and nothing for ticking everything', () => {
		expect(gradeAnswer(multi, [0, 2]).score).toBe(1);
		expect(gradeAnswer(multi, [0]).score).toBe(0.5);
		expect(gradeAnswer(multi, [0, 1]).score).toBe(0);
		expect(gradeAnswer(multi, [0, 1, 2]).score).toBe(0.5);
		expect(gradeAnswer(multi, [0, 1, 2, 3]).score).toBe(0);
		// Most options correct: ticking all still nets 0.
		expect(gradeAnswer({ ...multi, answers: [0, 1, 2] }, [0, 1, 2, 3]).score).toBe(0);
	});

	it('order scores the share of items in place', () => {
		const q: AskedQuestion = { ...base, type: 'order', items: ['b', 'a', 'c'], order: [1, 0, 2] };
		expect(gradeAnswer(q, [1, 0, 2]).score).toBe(1);
		expect(gradeAnswer(q, [0, 1, 2]).score).toBeCloseTo(1 / 3);
		// An item placed twice counts only where it was first placed.
		expect(gradeAnswer(q, [2, 2, 2]).score).toBe(0);
		expect(gradeAnswer(q, [1, 1, 2]).score).toBeCloseTo(2 / 3);
		expect(
			gradeAnswer(
				q,
				q.items.map((_, i) => i)
			).expected
		).toBe('a → b → c');
	});

	it('match scores per pair', () => {
		const q: AskedQuestion = {
			...base,
			type: 'match',
			left: ['Kabul', 'Islamabad'],
			right: ['Pakistan', 'Afghanistan'],
			answer: [1, 0]
		};
		expect(gradeAnswer(q, [1, 0]).score).toBe(1);
		expect(gradeAnswer(q, [1, null]).score).toBe(0.5);
		expect(gradeAnswer(q, [0, 1]).score).toBe(0);
	});

	it('flashcards are self-graded, or typed', () => {
		const q: AskedQuestion = { ...base, type: 'flashcard', back: 'Baitullah Mehsud' };
		expect(gradeAnswer(q, 1).score).toBe(0);
		for (const r of [2, 3, 4, true]) expect(gradeAnswer(q, r).score).toBe(1);
		expect(gradeAnswer(q, false).score).toBe(0);
		expect(gradeAnswer(q, 'baitulah mehsud')).toMatchObject({ correct: true, typoForgiven: true });
	});
});

// Asked questions of every type, as generated from random fixture questions.
const askedArb = fc
	.tuple(fc.constantFrom(...QUESTION_TYPES), fc.string(), fc.nat(1000))
	.map(([type, seed, i]) => {
		const q = fixtureQuestion(i, type, createRng(seed));
		return present(q, createRng(seed + '!'), {
			mode: 'exam',
			variety: false,
			pools: () => ({ text: [], numeric: [] })
		});
	});

const responseArb: fc.Arbitrary<unknown> = fc.oneof(
	fc.constant(null),
	fc.boolean(),
	fc.integer({ min: -2, max: 8 }),
	fc.string(),
	fc.array(fc.string(), { maxLength: 4 }),
	fc.array(fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(null)), { maxLength: 6 })
);

describe('grading properties', () => {
	it('score is always in [0, 1], whatever the response', () => {
		fc.assert(
			fc.property(askedArb, responseArb, (asked, response) => {
				const g = gradeAnswer(asked, response as never);
				expect(g.score).toBeGreaterThanOrEqual(0);
				expect(g.score).toBeLessThanOrEqual(1);
				expect(g.correct).toBe(g.score === 1);
			}),
			{ seed: FC_SEED }
		);
	});

	it('the expected answer always grades correct', () => {
		fc.assert(
			fc.property(askedArb, (asked) => {
				const g = gradeAnswer(asked, expectedResponse(asked));
				expect(g).toMatchObject({ score: 1, correct: true });
				expect(g.typoForgiven).toBeUndefined();
			}),
			{ seed: FC_SEED }
		);
	});

	it('an accepted text answer stays correct with case, accents, punctuation and spaces added', () => {
		const accents = ['\u0301', '\u0308', '\u0327'];
		fc.assert(
			fc.property(
				fc.string({ minLength: 1 }).filter((s) => /\p{L}|\d/u.test(s)),
				fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
				(answer, noise) => {
					const chars = Array.from(answer.normalize('NFC'));
					let typed = '';
					chars.forEach((c, i) => {
						const n = noise[i % noise.length]!;
						typed +=
							(n % 2 ? c.toUpperCase() : c.toLowerCase()) + (n % 3 === 0 ? accents[n % 3]! : '');
						if (n % 5 === 0) typed += n % 2 ? ' ' : ',';
					});
					typed = `  ${typed}.! `;
					const q = short(answer);
					expect(gradeAnswer(q, typed).score).toBe(gradeAnswer(q, answer).score);
				}
			),
			{ seed: FC_SEED }
		);
	});

	it('ticking every option of a multi question scores 0', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 12 }), fc.string(), (n, seed) => {
				const rng = createRng(seed);
				const answers = Array.from({ length: n }, (_, i) => i).filter(() => rng() < 0.5);
				if (answers.length === 0) answers.push(0);
				if (answers.length === n) answers.pop();
				const q: AskedMulti = {
					...base,
					type: 'multi',
					options: answers.map(String),
					order: [],
					answers
				};
				q.options = Array.from({ length: n }, (_, i) => `o${i}`);
				expect(
					gradeAnswer(
						q,
						q.options.map((_, i) => i)
					).score
				).toBe(0);
			}),
			{ seed: FC_SEED }
		);
	});
});

describe('initialResponse', () => {
	it('an untouched order or match question scores 0, for every seed', () => {
		for (const n of [2, 3, 4, 7]) {
			const q = {
				id: 'o',
				type: 'order',
				prompt: 'Order them',
				items: Array.from({ length: n }, (_, i) => `item ${i}`)
			} as const;
			const m = {
				id: 'm',
				type: 'match',
				prompt: 'Match',
				pairs: Array.from({ length: n }, (_, i) => ({ left: `L${i}`, right: `R${i}` }))
			} as const;
			for (let seed = 0; seed < 200; seed++) {
				for (const question of [q, m]) {
					const asked = present(question as never, createRng(`${n}-${seed}`), {
						mode: 'practice',
						variety: false,
						pools: () => {
							throw new Error('not needed without variety');
						}
					});
					expect(gradeAnswer(asked, initialResponse(asked)).score).toBe(0);
				}
			}
		}
	});
});
