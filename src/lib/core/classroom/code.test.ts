import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeAnswer, expectedResponse } from '../quiz/grade';
import { ALPHABET, BitWriter, checkSymbols } from './base32';
import {
	checkCodeAgainstSet,
	classQuizFor,
	classQuizUrl,
	decodeClassQuiz,
	encodeClassQuiz,
	type ClassQuizSpec
} from './code';
import { classSet } from './fixtures';
import { fcOptions } from '../fc-options';
import { QUESTION_TYPES } from '../bank/schema';

const spec: ClassQuizSpec = {
	setId: 'ttp-peace-talks',
	setVersion: 1,
	options: { count: 20, mode: 'exam', timeLimitMinutes: 30 },
	seed: '7KQ2MD',
	shufflePerStudent: true
};

function decoded(code: string) {
	const r = decodeClassQuiz(code);
	if (!r.ok) throw new Error(r.message);
	return r.value;
}

const fromSymbols = (symbols: number[]) =>
	[...symbols, ...checkSymbols(symbols)].map((d) => ALPHABET[d]).join('');

describe('class quiz codes', () => {
	it('round-trips, in groups of four Crockford letters', () => {
		const code = encodeClassQuiz(spec);
		expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-)*[0-9A-HJKMNP-TV-Z]{1,4}$/);
		expect(decoded(code)).toEqual({ ...spec, code });
		// Typical figures for the report: this set, 20 questions, a 6-letter seed.
		console.log(`code for ttp-peace-talks: ${code} (${code.replace(/-/g, '').length} symbols)`);
	});

	it('holds every option: filters, unicode tags, uppercase and 64-character ids', () => {
		const specs: ClassQuizSpec[] = [
			{ ...spec, options: { count: 5, mode: 'practice' }, shufflePerStudent: false },
			{
				setId: 'History_Set.V2',
				setVersion: 37,
				seed: 'Z',
				shufflePerStudent: false,
				options: {
					count: 999,
					mode: 'practice',
					tags: ['people', 'تاریخ', 'Ünïcode tag'],
					types: ['mcq', 'flashcard'],
					difficulty: [1, 3]
				}
			},
			{ ...spec, setId: 'a'.repeat(64), seed: 'ZZZZZZZZZZZZZZZZ' },
			{ ...spec, options: { count: 1, mode: 'exam', types: [...QUESTION_TYPES] } }
		];
		for (const s of specs) {
			const code = encodeClassQuiz(s);
			expect(decoded(code)).toEqual({ ...s, code });
		}
	});

	it('reads codes typed carelessly: lower case, no dashes, spaces, O/I/L for 0/1/1, a join link', () => {
		const code = encodeClassQuiz(spec);
		const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
		expect(decoded(sloppy).code).toBe(code);
		const url = classQuizUrl(code, 'https://studydeck.example/');
		expect(url).toBe(`https://studydeck.example/class/?join=${code}`);
		expect(decoded(url).code).toBe(code);
	});

	it('normalises the seed as generateQuiz does, and rejects options no code can hold', () => {
		expect(decoded(encodeClassQuiz({ ...spec, seed: ' ab1o ' })).seed).toBe('AB10');
		expect(() => encodeClassQuiz({ ...spec, seed: 'UU' })).toThrow(/seed/);
		expect(() => encodeClassQuiz({ ...spec, setId: 'bad id' })).toThrow(/set id/);
		expect(() => encodeClassQuiz({ ...spec, options: { count: 0, mode: 'exam' } })).toThrow(
			/count/
		);
	});

	it('says plainly what is wrong with a bad code', () => {
		const code = encodeClassQuiz(spec);
		const error = (input: string) => {
			const r = decodeClassQuiz(input);
			return r.ok ? 'ok' : `${r.error}: ${r.message}`;
		};
		expect(error('')).toMatch(/^empty: Enter the class quiz code/);
		expect(error(' - ')).toMatch(/^empty/);
		expect(error('7KQ2-MD4P')).toMatch(/^length: This code is too short/);
		expect(error(code + 'U')).toMatch(/^characters: .*“U”/);
		expect(error('7KQ2-MD4P-!?')).toMatch(/^characters: .*“!”, “\?”/);
		const typo = code.slice(0, 3) + (code[3] === 'X' ? 'Y' : 'X') + code.slice(4);
		expect(error(typo)).toBe('checksum: This code has a typo: check it and try again.');
		expect(error(code.replace(/-/g, '').slice(1))).toMatch(/^checksum/);
		// Checksums right, contents not: a newer version, a truncated field, a made-up code.
		const w = new BitWriter();
		w.write(2, 4);
		w.write(0, 60);
		expect(error(fromSymbols(w.symbols()))).toMatch(/^version: .*newer version/);
		// All zeros passes the checksum but is no code at all, not a newer one.
		const zeros = new BitWriter();
		zeros.write(0, 64);
		expect(error(fromSymbols(zeros.symbols()))).toBe(
			'malformed: This code is not a class quiz code. Check it and try again.'
		);
		const short = new BitWriter();
		// Version 1, no flags, count 1, set version 1, a 1-letter seed, a 64-letter id… cut off.
		for (const [value, width] of [
			[1, 4],
			[0, 5],
			[1, 5],
			[1, 5],
			[0, 4],
			[0, 5],
			[63, 6],
			[0, 20]
		])
			short.write(value!, width!);
		expect(error(fromSymbols(short.symbols()))).toMatch(/^length: .*missing/);
		expect(error(fromSymbols(Array(12).fill(9)))).toMatch(/^(malformed|version|length)/);
		expect(error('u'.repeat(500))).toMatch(/^characters: .*“u”/);
		expect(error('0'.repeat(500))).toMatch(/^length: This code is too long/);
	});

	it('never silently turns a one-character typo or a swap into another quiz', () => {
		const specArb = fc.record({
			setId: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/),
			setVersion: fc.integer({ min: 1, max: 500 }),
			seed: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{1,8}$/),
			shufflePerStudent: fc.boolean(),
			options: fc.record({
				count: fc.integer({ min: 1, max: 200 }),
				mode: fc.constantFrom('practice' as const, 'exam' as const)
			})
		});
		const typed = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz-!'.split(''));
		fc.assert(
			fc.property(specArb, fc.nat(), typed, fc.boolean(), (s, at, ch, swap) => {
				const code = encodeClassQuiz(s);
				const plain = code.replace(/-/g, '');
				const i = at % plain.length;
				let changed: string;
				if (swap && i + 1 < plain.length)
					changed = plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2);
				else changed = plain.slice(0, i) + ch + plain.slice(i + 1);
				const r = decodeClassQuiz(changed);
				// Either rejected, or the very same quiz (a swap of equal letters, o for 0…).
				if (r.ok) expect(r.value).toEqual({ ...s, code });
			}),
			fcOptions(3000)
		);
	});
});

describe('checkCodeAgainstSet', () => {
	const set = classSet(3);
	const code = decoded(encodeClassQuiz({ ...spec, setId: 'class-demo', setVersion: 3 }));

	it('accepts the same set and version', () => {
		expect(checkCodeAgainstSet(code, set)).toEqual({ ok: true });
	});

	it('names the missing set and the version difference', () => {
		expect(checkCodeAgainstSet(code, undefined)).toEqual({
			ok: false,
			error: 'missing',
			message:
				'This quiz uses the set with id “class-demo”, which is not on this device. Ask your teacher for the set file or link.'
		});
		expect(checkCodeAgainstSet({ ...code, setVersion: 4 }, set)).toEqual({
			ok: false,
			error: 'version',
			message:
				"Your copy of this set is version 3; the class quiz uses version 4. Get the teacher's copy."
		});
	});
});

describe('classQuizFor', () => {
	const set = classSet();
	const code = decoded(
		encodeClassQuiz({
			setId: set.id,
			setVersion: 1,
			seed: 'K7Q2M4',
			shufflePerStudent: true,
			options: { count: 8, mode: 'exam' }
		})
	);
	const ids = (q: ReturnType<typeof classQuizFor>) => q.items.map((it) => it.questionId);

	it('gives every student the same questions, each in their own deterministic order', () => {
		const base = classQuizFor(code, set);
		const amina = classQuizFor(code, set, 'Amina Khan');
		const bilal = classQuizFor(code, set, 'Bilal');
		expect(classQuizFor(code, set, '  amina   KHAN ')).toEqual(amina);
		expect(ids(amina).sort()).toEqual(ids(base).sort());
		expect(ids(bilal).sort()).toEqual(ids(base).sort());
		expect(ids(amina)).not.toEqual(ids(bilal));
		for (const quiz of [amina, bilal]) {
			for (const it of quiz.items) {
				const same = base.items.find((b) => b.questionId === it.questionId)!;
				expect(it.asked.type).toBe(same.asked.type);
				expect(it.asked.prompt).toBe(same.asked.prompt);
				// The same options, maybe in another order, and the right answer still right.
				if ('options' in it.asked && 'options' in same.asked)
					expect([...it.asked.options].sort()).toEqual([...same.asked.options].sort());
				expect(gradeAnswer(it.asked, expectedResponse(it.asked)).score).toBe(1);
				if (it.asked.type === 'mcq' && 'options' in same.asked)
					expect(it.asked.options[it.asked.answer]).toBe(
						same.asked.type === 'mcq' ? same.asked.options[same.asked.answer] : undefined
					);
			}
		}
		// "All of the above" stays last for everyone.
		const both = amina.items.find((it) => it.questionId === 'both')!.asked;
		expect(both.type === 'mcq' && both.options[2]).toBe('All of the above');
	});

	it('gives everyone the same quiz when the code does not shuffle per student', () => {
		const plain = { ...code, shufflePerStudent: false };
		expect(classQuizFor(plain, set, 'Amina')).toEqual(classQuizFor(plain, set, 'Bilal'));
	});

	it('applies the filters in the code', () => {
		const q = classQuizFor(
			{ ...code, options: { count: 10, mode: 'practice', tags: ['PLACES', 'talks'] } },
			set
		);
		expect(ids(q).sort()).toEqual(['capital', 'ceasefire']);
	});
});
