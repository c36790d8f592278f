import { describe, expect, test } from 'vitest';
import { answerKindOf, inferAnswerKind, kindProblem, promptKind } from './answer-kind';
import { parseSet } from './validate';
import type { Question } from './schema';

describe('promptKind', () => {
	test.each([
		['Who was killed by the roadside bomb?', 'person'],
		['Which senior TTP leader was killed in August?', 'person'],
		['Which southern Pakistani province has a growing insurgency?', 'place'],
		['Where were the talks held?', 'place'],
		['Which organisation counted the attacks?', 'organisation'],
		['With which group does Pakistan want the TTP to sever its ties?', 'group'],
		['In which year was the first agreement signed?', 'date'],
		['How many attacks were there in July?', 'number'],
		['Name the former TTP deputy head released by the Taliban.', 'person'],
		['Name the northwestern Pakistani province from whose former tribal regions…', 'place'],
		['What did the TTP declare?', undefined],
		['What does the acronym FATA stand for?', undefined]
	])('%s → %s', (prompt, kind) => {
		expect(promptKind(prompt)).toBe(kind);
	});
});

describe('inferAnswerKind', () => {
	const card = (back: string): Question => ({ id: 'c', type: 'flashcard', prompt: 'X', back });
	test('reads a flashcard back that starts by saying what the front is', () => {
		expect(inferAnswerKind(card('An eastern Afghan province where a bomb exploded.'))).toBe(
			'place'
		);
		expect(inferAnswerKind(card('A senior TTP leader killed by a roadside bomb.'))).toBe('person');
		expect(inferAnswerKind(card('Tehrik-i-Taliban Pakistan: an umbrella group of factions.'))).toBe(
			'group'
		);
		expect(inferAnswerKind(card('Signed in May 2004; its ceasefire lasted 50 days.'))).toBe(
			undefined
		);
	});

	test('a number question is a date when it is a year without a unit', () => {
		const n = (answer: number, unit?: string): Question => ({
			id: 'n',
			type: 'numeric',
			prompt: 'Q',
			answer,
			tolerance: 0,
			...(unit ? { unit } : {})
		});
		expect(inferAnswerKind(n(2007))).toBe('date');
		expect(inferAnswerKind(n(2007, 'people'))).toBe('number');
		expect(inferAnswerKind(n(33))).toBe('number');
	});

	test('a declared kind wins over the wording', () => {
		const q: Question = {
			id: 's',
			type: 'short',
			prompt: 'Who published the report?',
			answers: ['U.N.'],
			answerKind: 'organisation'
		};
		expect(answerKindOf(q)).toBe('organisation');
		expect(answerKindOf({ ...q, answerKind: undefined } as Question)).toBe('person');
	});
});

describe('kindProblem (the validator)', () => {
	const short = (prompt: string, answerKind: string) =>
		({ id: 's', type: 'short', prompt, answers: ['x'], answerKind }) as Question;
	test('refuses a kind the prompt contradicts', () => {
		expect(kindProblem(short('Which province saw the bomb?', 'person'))).toMatch(/place/);
		expect(kindProblem(short('Where were the talks?', 'group'))).toMatch(/answer kind is "group"/);
	});
	test('accepts what the prompt allows', () => {
		expect(kindProblem(short('Who published the report?', 'organisation'))).toBeUndefined();
		expect(kindProblem(short('Which group mediated?', 'organisation'))).toBeUndefined();
		expect(kindProblem(short('What kind of aid?', 'concept'))).toBeUndefined();
	});
	test('a number question is a number or a date', () => {
		const q = {
			id: 'n',
			type: 'numeric',
			prompt: 'Q',
			answer: 3,
			tolerance: 0,
			answerKind: 'place'
		};
		expect(kindProblem(q as Question)).toMatch(/number or a date/);
	});
	test('parseSet names the field, and rejects an unknown kind', () => {
		const set = (q: object) => ({ id: 's', title: 'T', questions: [q] });
		const bad = parseSet(
			set({
				id: 'a',
				type: 'short',
				prompt: 'Which city?',
				answers: ['Kabul'],
				answerKind: 'person'
			})
		);
		expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['questions[0].answerKind']);
		const unknown = parseSet(
			set({ id: 'a', type: 'short', prompt: 'Q?', answers: ['Kabul'], answerKind: 'planet' })
		);
		expect(unknown.ok ? '' : unknown.problems[0]!.message).toMatch(/answerKind must be one of/);
		const mcq = parseSet(
			set({
				id: 'a',
				type: 'mcq',
				prompt: 'Q?',
				options: ['a', 'b'],
				answer: 0,
				answerKind: 'place'
			})
		);
		expect(mcq.ok ? '' : mcq.problems[0]!.message).toMatch(/unknown field "answerKind"/);
	});
	test('a group name is checked like an id', () => {
		const set = (group: unknown) => ({
			id: 's',
			title: 'T',
			questions: [{ id: 'a', type: 'truefalse', prompt: 'Q', answer: true, group }]
		});
		expect(parseSet(set('ttp-formed')).ok).toBe(true);
		const bad = parseSet(set('two words'));
		expect(bad.ok ? '' : bad.problems[0]!.path).toBe('questions[0].group');
	});
});
