import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Question, QuestionSet } from '../bank/schema';
import { generateQuiz, practiceWeight } from './generate';
import { expectedResponse, gradeAnswer } from './grade';
import { fixtureSet } from './fixtures';
import { isPositionalOption } from './present';
import { FC_SEED } from '../fc-options';
import type { QuizOptions } from './types';

const set = (id: string, questions: Question[], sourceText?: string): QuestionSet => ({
	id,
	version: 1,
	title: id,
	language: 'en',
	questions,
	...(sourceText ? { sourceText } : {})
});

const bank = fixtureSet(300, 'gen');
const exam = (seed: string, extra: Partial<QuizOptions> = {}): QuizOptions => ({
	count: 20,
	mode: 'exam',
	seed,
	...extra
});

describe('generateQuiz', () => {
	it('is deterministic for a seed, and seeds differ', () => {
		const a = generateQuiz([bank], exam('7KQ2MD'));
		expect(generateQuiz([bank], exam('7KQ2MD'))).toEqual(a);
		// Typed seeds are normalised.
		expect(generateQuiz([bank], exam(' 7kq2md '))).toEqual(a);
		expect(generateQuiz([bank], exam('OTHER')).items).not.toEqual(a.items);
		expect(a.items).toHaveLength(20);
		expect(a.available).toBe(300);
	});

	it('filters by tags (any of), types and difficulty', () => {
		const q = generateQuiz(
			[bank],
			exam('f', { count: 500, tags: ['PEOPLE'], types: ['mcq', 'short'], difficulty: [1, 2] })
		);
		expect(q.items.length).toBeGreaterThan(0);
		for (const it of q.items) {
			const orig = bank.questions.find((x) => x.id === it.questionId)!;
			expect(orig.tags).toContain('people');
			expect(['mcq', 'short']).toContain(orig.type);
			expect([1, 2]).toContain(orig.difficulty);
		}
		expect(q.items.length).toBe(q.available);
	});

	it('retries only the given questions', () => {
		const q = generateQuiz([bank], exam('r', { questionIds: ['q3', 'gen/q5', 'fixture/q7'] }));
		expect(q.items.map((i) => i.questionId).sort()).toEqual(['q3', 'q7']);
	});

	it('keeps bank order when asked not to shuffle', () => {
		const q = generateQuiz([bank], exam('o', { shuffleQuestions: false }));
		const idx = q.items.map((i) => Number(i.questionId.slice(1)));
		expect(idx).toEqual(idx.slice().sort((a, b) => a - b));
	});

	it('keeps only questions quoting the chosen paragraph', () => {
		const s = set(
			'p',
			[
				{
					id: 'a',
					type: 'truefalse',
					prompt: 'A',
					answer: true,
					source: { quote: 'first  paragraph' }
				},
				{ id: 'b', type: 'truefalse', prompt: 'B', answer: true, source: { quote: 'second one' } },
				{ id: 'c', type: 'truefalse', prompt: 'C', answer: false }
			],
			'The first paragraph.\n\nThe second one.'
		);
		expect(generateQuiz([s], exam('p', { paragraph: 1 })).items.map((i) => i.questionId)).toEqual([
			'b'
		]);
		expect(generateQuiz([s], exam('p', { paragraph: 0 })).items.map((i) => i.questionId)).toEqual([
			'a'
		]);
	});

	it('keeps positional options in place and shuffles the rest', () => {
		const q: Question = {
			id: 'm',
			type: 'mcq',
			prompt: 'Which?',
			options: ['Swat', 'Waziristan', 'All of the above'],
			answer: 2
		};
		expect(isPositionalOption('Both A and B')).toBe(true);
		expect(isPositionalOption('None of these')).toBe(true);
		expect(isPositionalOption('Bajaur')).toBe(false);
		const s = set('s', [
			q,
			{ ...q, id: 'n', options: ['x', 'y', 'z', 'w'], answer: 0 },
			{ ...q, id: 'k', options: ['x', 'y', 'z', 'w'], shuffle: false }
		]);
		const seen = new Set<string>();
		for (let i = 0; i < 20; i++) {
			for (const it of generateQuiz([s], exam(`s${i}`)).items) {
				if (it.asked.type !== 'mcq') throw new Error('mcq expected');
				if (it.questionId !== 'n')
					expect(it.asked.order).toEqual(it.asked.options.map((_, j) => j));
				else seen.add(it.asked.order.join());
				expect(it.asked.options[it.asked.answer]).toBe(
					it.questionId === 'm' ? 'All of the above' : it.questionId === 'n' ? 'x' : 'z'
				);
			}
		}
		expect(seen.size).toBeGreaterThan(3);
	});

	it('practice favours due and weak questions', () => {
		const progress = new Map(
			bank.questions.map((q, i) => [
				q.id,
				i < 30 ? { due: true, lapses: 3, stability: 1 } : { due: false, lapses: 0, stability: 90 }
			])
		);
		let weak = 0;
		for (let i = 0; i < 20; i++) {
			const q = generateQuiz([bank], { ...exam(`w${i}`), mode: 'practice' }, progress);
			weak += q.items.filter((it) => Number(it.questionId.slice(1)) < 30).length;
		}
		// 10% of the bank, weighted 10:1: uniform picking would give 10%.
		expect(weak / 400).toBeGreaterThan(0.35);
		expect(practiceWeight(undefined)).toBeGreaterThan(
			practiceWeight({ due: false, lapses: 0, stability: 100 })
		);
	});

	it('asks flashcards and short answers as multiple choice with same-kind distractors', () => {
		const names = [
			'Baitullah Mehsud',
			'Hakimullah Mehsud',
			'Noor Wali Mehsud',
			'Maulana Fazlullah',
			'Mullah Omar'
		];
		const years = ['2007', '2009', '2013', '2014', '2018'];
		const qs: Question[] = [
			...names.map((n, i): Question => ({
				id: `n${i}`,
				type: 'flashcard',
				prompt: `Leader ${i}?`,
				back: n,
				tags: ['people']
			})),
			...years.map((y, i): Question => ({
				id: `y${i}`,
				type: 'short',
				prompt: `Year ${i}?`,
				answers: [y],
				tags: ['dates']
			}))
		];
		const s = set('v', qs);
		let transformed = 0;
		for (let i = 0; i < 10; i++) {
			for (const it of generateQuiz([s], exam(`v${i}`)).items) {
				if (it.asked.type !== 'mcq') continue;
				transformed++;
				expect(it.asked.options).toHaveLength(4);
				expect(new Set(it.asked.options).size).toBe(4);
				const pool = it.questionId.startsWith('n') ? names : years;
				for (const o of it.asked.options) expect(pool).toContain(o);
				expect(gradeAnswer(it.asked, expectedResponse(it.asked)).correct).toBe(true);
			}
		}
		expect(transformed).toBeGreaterThan(10);
		// Flashcards in an exam are always asked as multiple choice when sound.
		const q = generateQuiz([s], exam('e', { types: ['flashcard'] }));
		expect(q.items.every((i) => i.asked.type === 'mcq')).toBe(true);
		// variety: false keeps every question as authored.
		const plain = generateQuiz([s], exam('e', { variety: false }));
		expect(plain.items.every((i) => i.asked.type === i.asked.originalType)).toBe(true);
	});

	it('keeps the original type when fewer than three good distractors exist', () => {
		const s = set('few', [
			{ id: 'a', type: 'flashcard', prompt: 'Who?', back: 'Baitullah Mehsud' },
			{ id: 'b', type: 'flashcard', prompt: 'When?', back: '2007' },
			{ id: 'c', type: 'flashcard', prompt: 'What?', back: 'a long peace process that failed' },
			{ id: 'd', type: 'flashcard', prompt: 'Who else?', back: 'Hakimullah Mehsud' }
		]);
		for (let i = 0; i < 10; i++)
			for (const it of generateQuiz([s], exam(`k${i}`)).items)
				expect(it.asked.type).toBe('flashcard');
	});

	it('asks numeric questions as multiple choice with nearby numbers from the bank', () => {
		const years = [2001, 2004, 2007, 2009, 2014, 1850];
		const s = set(
			'num',
			years.map((y, i) => ({
				id: `y${i}`,
				type: 'numeric',
				prompt: `Year ${i}?`,
				answer: y,
				tolerance: 0
			}))
		);
		let seen = 0;
		for (let i = 0; i < 10; i++)
			for (const it of generateQuiz([s], exam(`n${i}`)).items) {
				if (it.asked.type !== 'mcq') continue;
				seen++;
				expect(it.asked.options).not.toContain('1850');
				expect(it.asked.options.map(Number).every((n) => n > 1990)).toBe(true);
			}
		expect(seen).toBeGreaterThan(5);
	});
});

describe('generateQuiz properties', () => {
	const banks = [fixtureSet(60, 'p1', 'p1'), fixtureSet(40, 'p2', 'p2')];
	const optionsArb = fc.record({
		count: fc.integer({ min: 0, max: 120 }),
		mode: fc.constantFrom('practice' as const, 'exam' as const),
		seed: fc.string(),
		tags: fc.option(fc.subarray(['history', 'people', 'places', 'numbers']), { nil: undefined }),
		difficulty: fc.option(fc.subarray([1, 2, 3] as const), { nil: undefined }),
		shuffleQuestions: fc.boolean(),
		variety: fc.boolean()
	});
	const progressArb = fc.option(
		fc.array(
			fc.record({
				i: fc.nat(59),
				due: fc.boolean(),
				lapses: fc.nat(10),
				stability: fc.double({ min: 0, max: 400, noNaN: true })
			})
		),
		{ nil: undefined }
	);

	it('is deterministic, never repeats a question and never exceeds the count', () => {
		fc.assert(
			fc.property(optionsArb, progressArb, (options, prog) => {
				const progress = prog && new Map(prog.map((p) => [`q${p.i}`, p]));
				const a = generateQuiz(banks, options, progress);
				expect(generateQuiz(banks, options, progress)).toEqual(a);
				expect(a.items.length).toBeLessThanOrEqual(options.count);
				expect(a.items.length).toBe(Math.min(options.count, a.available));
				expect(new Set(a.items.map((i) => i.key)).size).toBe(a.items.length);
				for (const it of a.items)
					expect(gradeAnswer(it.asked, expectedResponse(it.asked)).correct).toBe(true);
			}),
			{ seed: FC_SEED, numRuns: 60 }
		);
	});
});

describe('siblings', () => {
	const tf = (id: string, extra: Partial<Question>): Question =>
		({ id, type: 'truefalse', prompt: `Is ${id} so?`, answer: true, ...extra }) as Question;
	const s = set('sib', [
		tf('a1', { group: 'a' }),
		tf('a2', { group: 'a' }),
		tf('a3', { group: 'a' }),
		tf('b1', { source: { quote: 'The same passage.' } }),
		tf('b2', { source: { quote: 'the  same passage.' } }),
		tf('c', {}),
		tf('d', {})
	]);

	it('never asks two questions of one group or one quote', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 8 }), (seed) => {
				const quiz = generateQuiz([s], { count: 10, mode: 'practice', seed });
				const ids = quiz.items.map((it) => it.questionId);
				expect(quiz.available).toBe(4);
				expect(ids).toHaveLength(4);
				expect(ids.filter((id) => id.startsWith('a'))).toHaveLength(1);
				expect(ids.filter((id) => id.startsWith('b'))).toHaveLength(1);
			}),
			{ seed: FC_SEED, numRuns: 50 }
		);
	});
});
