import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fixtureSet } from '../../quiz/fixtures';
import { generateQuiz } from '../../quiz/generate';
import { expectedText } from '../../quiz/grade';
import type { AskedQuestion } from '../../quiz/types';
import { JoinSchema, StudentAnswerSchema, docName, parseDocName, redactAsked } from './protocol';

const SID = 'abcdefghjkmn';
const STID = '0123456789ab';

describe('document names', () => {
	it('round-trip, and anything else is refused', () => {
		expect(parseDocName(docName.public(SID))).toEqual({ kind: 'public', sid: SID });
		expect(parseDocName(docName.teacher(SID))).toEqual({ kind: 'teacher', sid: SID });
		expect(parseDocName(docName.student(SID, STID))).toEqual({
			kind: 'student',
			sid: SID,
			stid: STID
		});
		expect(parseDocName(docName.results(SID, STID))).toEqual({
			kind: 'results',
			sid: SID,
			stid: STID
		});
		expect(parseDocName(docName.registry())).toEqual({ kind: 'registry' });
		for (const bad of [
			'',
			'studydeck/s/ABCDEFGHJKMN/public',
			`studydeck/s/${SID}/public/x`,
			`studydeck/s/${SID}/st/../../registry`,
			`studydeck/s/abcdefghijkl/public`, // "i" is not in the alphabet
			`studydeck/s/${SID}/st/${STID}x`
		])
			expect(parseDocName(bad)).toBeUndefined();
	});
});

describe('redactAsked', () => {
	const quiz = generateQuiz([fixtureSet(300, 'redact')], { count: 300, mode: 'exam', seed: 'R' });
	const byType = new Map<string, AskedQuestion>();
	for (const it of quiz.items) byType.set(it.asked.type, it.asked);

	it('covers every type that an exam asks', () => {
		expect([...byType.keys()].sort()).toEqual(
			['cloze', 'match', 'mcq', 'multi', 'numeric', 'order', 'short', 'truefalse'].sort()
		);
	});

	it.each([...byType.entries()])('leaves no answer in a %s question', (_type, asked) => {
		const shown = redactAsked(asked);
		expect(shown.type).toBe(asked.type);
		expect(shown.prompt).toBe(asked.prompt);
		expect(shown.explanation).toBeUndefined();
		expect(shown.quote).toBeUndefined();
		const text = JSON.stringify(shown);
		// The answer as shown to people appears nowhere but where the question itself shows it
		// (an option, an item): the key fields are gone or neutral.
		switch (shown.type) {
			case 'mcq':
				expect(shown.answer).toBe(-1);
				expect(shown.order).toEqual(shown.options.map((_, i) => i));
				expect(shown.optionFeedback).toBeUndefined();
				break;
			case 'multi':
				expect(shown.answers).toEqual([]);
				break;
			case 'short':
				expect(shown.answers).toEqual([]);
				expect(text).not.toContain(JSON.stringify(expectedText(asked)));
				break;
			case 'numeric':
				expect(shown.answer).toBe(0);
				break;
			case 'cloze':
				expect(shown.blanks.every((b) => b.answer === '')).toBe(true);
				for (const b of (asked as { blanks: { answer: string }[] }).blanks)
					expect(shown.text).not.toContain(`::${b.answer}`);
				expect(shown.blanks).toHaveLength((asked as { blanks: unknown[] }).blanks.length);
				break;
			case 'order':
				expect(shown.order).toEqual(shown.items.map((_, i) => i));
				break;
			case 'match':
				expect(shown.answer.every((x) => x === -1)).toBe(true);
				break;
			case 'truefalse':
				expect(shown.answer).toBe(false);
				break;
		}
	});
});

describe('schemas', () => {
	it('accepts answers of every shape the grader reads, and nothing else', () => {
		for (const response of [null, 2, true, 'Paris', ['a', 'b'], [2, 0, 1], [1, null]])
			expect(v.is(StudentAnswerSchema, { response, at: 1 })).toBe(true);
		for (const bad of [
			{ response: { x: 1 }, at: 1 },
			{ response: 'x'.repeat(1001), at: 1 },
			{ response: Array(101).fill(1), at: 1 },
			{ response: Infinity, at: 1 },
			{ response: 1, at: 1, score: 1 },
			{ response: 1 }
		])
			expect(v.is(StudentAnswerSchema, bad)).toBe(false);
	});

	it('trims names and refuses empty or control-character names', () => {
		expect(v.parse(JoinSchema, { pin: '012345', name: '  Ana  ' }).name).toBe('Ana');
		expect(v.is(JoinSchema, { pin: '012345', name: '   ' })).toBe(false);
		expect(v.is(JoinSchema, { pin: '012345', name: 'A\u202eB' })).toBe(false);
		expect(v.is(JoinSchema, { pin: '12345', name: 'Ana' })).toBe(false);
	});
});
