import { describe, expect, it } from 'vitest';
import { clozeMasked } from '$lib/core/bank/cloze';
import type { Question, QuestionOf } from '$lib/core/bank/schema';
import {
	answerText,
	clozeSegments,
	frontOrder,
	matchRights,
	numericAnswer,
	orderItems,
	sourceParagraph
} from './present';

const join = (s: { text: string }[]) => s.map((x) => x.text).join('');

describe('clozeSegments', () => {
	const text = 'The {{c1::TTP::acronym}} formed in {{c2::2007}}.';
	it('front reads as clozeMasked, back as filled, blanks marked', () => {
		expect(join(clozeSegments(text, false))).toBe(clozeMasked(text));
		const back = clozeSegments(text, true);
		expect(join(back)).toBe('The TTP formed in 2007.');
		expect(back.filter((s) => s.blank).map((s) => s.text)).toEqual(['TTP', '2007']);
	});
});

describe('frontOrder', () => {
	it('is stable per seed and never the answer order', () => {
		for (let n = 2; n < 8; n++) {
			const items = Array.from({ length: n }, (_, i) => `item ${i}`);
			for (const seed of ['a', 'b', 'c', 'order-july-figures']) {
				const out = frontOrder(seed, items);
				expect(out).toEqual(frontOrder(seed, items));
				expect(out).not.toEqual(items);
				expect([...out].sort()).toEqual([...items].sort());
			}
		}
	});

	it('shuffles order items and match right sides', () => {
		const order: QuestionOf<'order'> = {
			id: 'o',
			type: 'order',
			prompt: 'p',
			items: ['1', '2', '3']
		};
		expect(orderItems(order)).not.toEqual(order.items);
		const match: QuestionOf<'match'> = {
			id: 'm',
			type: 'match',
			prompt: 'p',
			pairs: [
				{ left: 'a', right: 'A' },
				{ left: 'b', right: 'B' }
			]
		};
		expect(matchRights(match)).toEqual(['B', 'A']);
	});
});

describe('numericAnswer', () => {
	const q = (extra: Partial<QuestionOf<'numeric'>>): QuestionOf<'numeric'> => ({
		id: 'n',
		type: 'numeric',
		prompt: 'p',
		answer: 2007,
		tolerance: 0,
		...extra
	});
	it('shows unit and tolerance', () => {
		expect(numericAnswer(q({}))).toBe('2007');
		expect(numericAnswer(q({ answer: 12500, unit: 'fighters' }))).toBe('12,500 fighters');
		expect(numericAnswer(q({ answer: 4.5, tolerance: 0.5, unit: 'km' }))).toBe(
			'4.5 km (± 0.5 km accepted)'
		);
		expect(numericAnswer(q({ answer: 10000.5 }), 'de')).toBe('10.000,5');
		expect(numericAnswer(q({ answer: 7 }), 'not a tag!')).toBe('7');
	});
});

describe('sourceParagraph', () => {
	const set = { sourceText: 'First para.\n\nSecond “quoted” para here.\n\nThird.' };
	const q = (quote?: string): Question => ({
		id: 'q',
		type: 'flashcard',
		prompt: 'p',
		back: 'b',
		...(quote ? { source: { quote } } : {})
	});
	it('is 1-based and folds quote styles', () => {
		expect(sourceParagraph(set, q('Second "quoted" para'))).toBe(2);
		expect(sourceParagraph(set, q('Third.'))).toBe(3);
		expect(sourceParagraph(set, q('not there'))).toBeUndefined();
		expect(sourceParagraph(set, q())).toBeUndefined();
		expect(sourceParagraph({}, q('First'))).toBeUndefined();
	});
});

describe('answerText', () => {
	it('reads every type', () => {
		const cases: [Question, string][] = [
			[{ id: 'a', type: 'mcq', prompt: 'p', options: ['x', 'y'], answer: 1 }, 'y'],
			[{ id: 'a', type: 'multi', prompt: 'p', options: ['x', 'y', 'z'], answers: [0, 2] }, 'x; z'],
			[{ id: 'a', type: 'truefalse', prompt: 'p', answer: false }, 'False'],
			[{ id: 'a', type: 'short', prompt: 'p', answers: ['Kabul', 'kabul city'] }, 'Kabul'],
			[{ id: 'a', type: 'cloze', prompt: 'In {{c1::Kabul}}.' }, 'In Kabul.'],
			[{ id: 'a', type: 'order', prompt: 'p', items: ['x', 'y'] }, '1. x 2. y'],
			[
				{
					id: 'a',
					type: 'match',
					prompt: 'p',
					pairs: [
						{ left: 'a', right: 'A' },
						{ left: 'b', right: 'B' }
					]
				},
				'a: A; b: B'
			],
			[{ id: 'a', type: 'flashcard', prompt: 'p', back: 'back' }, 'back']
		];
		for (const [q, text] of cases) expect(answerText(q)).toBe(text);
	});
});
