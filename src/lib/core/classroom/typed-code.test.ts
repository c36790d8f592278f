import { describe, expect, it } from 'vitest';
import { classQuizFor, encodeClassQuiz, type ClassQuizSpec } from './code';
import { classSet } from './fixtures';
import { buildClassReport } from './class-results';
import { createHandIn, handInText } from './handin';
import { encodeShortCode } from './short-code';
import { codeMeansQuiz, decodeTypedCode, sameClassQuiz } from './typed-code';
import { expectedResponse } from '../quiz/grade';

const set = classSet();
const spec: ClassQuizSpec = {
	setId: set.id,
	setVersion: set.version,
	options: { count: 4, mode: 'exam' },
	seed: 'K7Q2',
	shufflePerStudent: true
};
const SHORT = encodeShortCode(spec, set);
const LONG = encodeClassQuiz(spec);

describe('decodeTypedCode', () => {
	it('reads a short code typed any way, and a long code or join link', () => {
		const s = decodeTypedCode(` ${SHORT.toLowerCase().replace(/-/g, ' ')} `);
		expect(s).toMatchObject({ ok: true, kind: 'short', value: { code: SHORT, seed: 'K7Q2' } });
		expect(decodeTypedCode(LONG)).toMatchObject({ ok: true, kind: 'long', value: { code: LONG } });
		expect(decodeTypedCode(`http://x/class/?join=${SHORT}`)).toMatchObject({ kind: 'short' });
	});

	it('says what is wrong: length, characters, a typo, nothing typed', () => {
		const raw = SHORT.replace(/-/g, '');
		expect(decodeTypedCode(raw.slice(0, 11))).toMatchObject({
			ok: false,
			error: 'length',
			message: expect.stringMatching(/12 characters; this one has 11\..*missing/)
		});
		expect(decodeTypedCode(raw + 'Q')).toMatchObject({
			ok: false,
			error: 'length',
			message: expect.stringMatching(/12 characters; this one has 13/)
		});
		expect(decodeTypedCode(raw.slice(0, 11) + '!')).toMatchObject({
			ok: false,
			error: 'characters',
			message: expect.stringContaining('“!”')
		});
		const typo = raw.slice(0, 3) + (raw[3] === 'A' ? 'B' : 'A') + raw.slice(4);
		expect(decodeTypedCode(typo)).toMatchObject({
			ok: false,
			error: 'checksum',
			message: expect.stringMatching(/typo/)
		});
		expect(decodeTypedCode('  ')).toMatchObject({ ok: false, error: 'empty' });
	});
});

describe('codeMeansQuiz', () => {
	it('knows the short and the long code of one quiz, and nothing else', () => {
		expect(codeMeansQuiz(SHORT, spec)).toBe(true);
		expect(codeMeansQuiz(LONG, spec)).toBe(true);
		expect(codeMeansQuiz(SHORT, { ...spec, seed: 'K7Q3' })).toBe(false);
		expect(codeMeansQuiz(SHORT, { ...spec, setVersion: 2 })).toBe(false);
		expect(codeMeansQuiz(LONG, { ...spec, options: { count: 5, mode: 'exam' } })).toBe(false);
		expect(codeMeansQuiz('nonsense', spec)).toBe(false);
		expect(sameClassQuiz(spec, { ...spec, seed: 'k7q2' })).toBe(true);
	});

	it('lets a class report count a hand-in made from the other code of the quiz', async () => {
		const [viaShort, viaLong] = await Promise.all(
			[
				['Ana', SHORT],
				['Ben', LONG]
			].map(async ([student, code]) => {
				const quiz = classQuizFor(spec, set, student);
				const h = await createHandIn({
					code: { ...spec, code: code! },
					quiz,
					responses: quiz.items.map((it) => expectedResponse(it.asked)),
					student: student!,
					startedAt: 0,
					finishedAt: 1
				});
				return { name: `${student}.json`, text: handInText(h) };
			})
		);
		for (const code of [SHORT, LONG]) {
			const r = await buildClassReport({ ...spec, code }, set, [viaShort!, viaLong!]);
			if (!r.ok) throw new Error('no report');
			expect(r.value.students.map((s) => [s.student, s.counted, s.percent])).toEqual([
				['Ana', true, 100],
				['Ben', true, 100]
			]);
		}
		// A hand-in of another quiz is still refused.
		const other = encodeShortCode({ ...spec, seed: 'ZZZZ' }, set);
		const r = await buildClassReport({ ...spec, seed: 'ZZZZ', code: other }, set, [viaShort!]);
		expect(r.ok && r.value.students[0]!.flags[0]!.kind).toBe('other-quiz');
	});
});
