import { describe, expect, test } from 'vitest';
import { parseSet } from './validate';
import { formatProblem } from './problems';

const set = (questions: unknown[], extra: object = {}) => ({
	id: 'demo',
	title: 'Demo',
	questions,
	...extra
});

function problems(input: unknown): string[] {
	const r = parseSet(input);
	return r.ok ? [] : r.problems.map(formatProblem);
}

describe('parseSet', () => {
	test('accepts a minimal set and fills defaults', () => {
		const r = parseSet(set([{ id: 'a', type: 'truefalse', prompt: 'Sky is blue', answer: true }]));
		expect(r.ok && r.value).toMatchObject({ version: 1, language: 'en' });
	});

	test('names the question and field of a schema problem', () => {
		expect(
			problems(set([{ id: 'q1', type: 'mcq', prompt: 'P', options: ['a', ' '], answer: 0 }]))
		).toEqual(['question q1, questions[0].options[1]: empty option']);
	});

	test('reports unknown fields, wrong types and missing fields', () => {
		expect(
			problems(
				set([
					{ id: 'q1', type: 'truefalse', prompt: 'P', answer: 'yes', colour: 1 },
					{ id: 'q2', type: 'short', prompt: 'P' },
					{ id: 'q3', type: 'essay', prompt: 'P' }
				])
			)
		).toEqual([
			'question q1, questions[0].answer: answer must be true or false',
			'question q1, questions[0].colour: unknown field "colour"',
			'question q2, questions[1].answers: missing',
			'question q3, questions[2].type: type must be one of mcq, multi, truefalse, short, numeric, cloze, order, match, flashcard'
		]);
	});

	test('checks answers against their type', () => {
		expect(
			problems(
				set([
					{ id: 'm', type: 'mcq', prompt: 'P', options: ['a', 'A '], answer: 2 },
					{ id: 'x', type: 'multi', prompt: 'P', options: ['a', 'b'], answers: [0, 1] },
					{ id: 'n', type: 'numeric', prompt: 'P', answer: 3, tolerance: -1 },
					{ id: 'c', type: 'cloze', prompt: 'No blank here' },
					{ id: 'c2', type: 'cloze', prompt: 'Open {{c1::blank' },
					{ id: 'o', type: 'order', prompt: 'P', items: ['one'] },
					{
						id: 't',
						type: 'match',
						prompt: 'P',
						pairs: [
							{ left: 'a', right: '1' },
							{ left: 'a', right: '2' }
						]
					}
				])
			)
		).toEqual([
			'question n, questions[2].tolerance: tolerance must be 0 or more',
			'question o, questions[5].items: needs at least 2 items',
			'question m, questions[0].options[1]: the same as an earlier option',
			'question m, questions[0].answer: points to option 2, but there are only 2 (counting from 0)',
			'question x, questions[1].answers: every option is correct; leave at least one wrong option',
			'question c, questions[3].prompt: a cloze needs a blank such as {{c1::answer}}',
			'question c2, questions[4].prompt: a cloze needs a blank such as {{c1::answer}}',
			'question c2, questions[4].prompt: a blank is not closed or not numbered; write {{c1::answer}}',
			'question t, questions[6].pairs[1].left: the same as an earlier left side'
		]);
	});

	test('rejects duplicate ids', () => {
		const q = { id: 'same', type: 'flashcard', prompt: 'F', back: 'B' };
		expect(problems(set([q, { ...q, prompt: 'G' }]))).toEqual([
			'question same, questions[1].id: duplicate id; questions[0] has it already'
		]);
	});

	test('finds quotes verbatim, ignoring whitespace and quote style, within one paragraph', () => {
		const sourceText = 'The group’s “grievances” were\nheard.\n\nSecond paragraph here.';
		const q = (quote: string) => ({
			id: 'q',
			type: 'truefalse',
			prompt: 'P',
			answer: true,
			source: { quote }
		});
		expect(problems(set([q(`group's "grievances" were heard`)], { sourceText }))).toEqual([]);
		expect(problems(set([q('grievances were heard')], { sourceText }))).toEqual([
			'question q, questions[0].source.quote: not found verbatim in the source text (quotes must not span paragraphs)'
		]);
		expect(problems(set([q('heard. Second paragraph')], { sourceText }))).toHaveLength(1);
		expect(problems(set([q('heard.')]))).toEqual([
			'question q, questions[0].source.quote: the set has no source text to quote from'
		]);
	});

	test('rejects a set that is not an object or has no questions', () => {
		expect(problems(null)).toEqual(['must be an object']);
		expect(problems({ id: 'x', title: 't' })).toEqual(['questions: missing']);
		expect(problems([])).toEqual(['must be an object, not a list']);
	});
});

test('reserved names cannot be ids', () => {
	expect(problems(set([{ id: 'constructor', type: 'flashcard', prompt: 'F', back: 'B' }]))).toEqual(
		['question constructor, questions[0].id: this name is reserved; choose another id']
	);
});
