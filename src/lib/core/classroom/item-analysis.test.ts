import { describe, expect, it } from 'vitest';
import type { AskedQuestion } from '../quiz/types';
import {
	analyseItems,
	itemAnalysisCsv,
	liveInput,
	mergeStudents,
	studentScoresCsv,
	type StudentInput
} from './item-analysis';
import type { ReportData } from './live/protocol';

const capital: AskedQuestion = {
	type: 'mcq',
	prompt: 'Capital of France?',
	originalType: 'mcq',
	options: ['Paris', 'Rome', 'Oslo'],
	order: [0, 1, 2],
	answer: 0,
	quote: 'Paris is the capital.'
};
const water: AskedQuestion = {
	type: 'truefalse',
	prompt: 'Water is wet',
	originalType: 'truefalse',
	answer: true
};
const items = [
	{ questionId: 'a', asked: capital },
	{ questionId: 'b', asked: water }
];

function student(id: string, a?: string, b?: string): StudentInput {
	const answers = new Map();
	if (a) answers.set('a', { text: a, score: a === 'Paris' ? 1 : 0, correct: a === 'Paris' });
	if (b) answers.set('b', { text: b, score: b === 'True' ? 1 : 0, correct: b === 'True' });
	return { id, name: id.toUpperCase(), answers };
}

// Worked by hand: totals 2, 1, 1, 0, 0; groups of round(0.27 × 5) = 1 student.
const five = [
	student('s1', 'Paris', 'True'),
	student('s2', 'Paris', 'False'),
	student('s3', 'Rome', 'True'),
	student('s4', 'Rome', 'False'),
	student('s5', 'Oslo')
];

describe('analyseItems', () => {
	it('computes facility, both discrimination indices and wrong-option counts', () => {
		const a = analyseItems(items, five);
		const [first, second] = a.items;
		expect(first).toMatchObject({
			questionId: 'a',
			facility: 0.4,
			discrimination: 1,
			// (M1 − M0) / s × √(pq) = (0.5 − 1/3) / 0.49 × 0.49
			pointBiserial: 0.167,
			answered: 5,
			quote: 'Paris is the capital.'
		});
		expect(first!.choices).toEqual([
			{ text: 'Paris', count: 2, correct: true },
			{ text: 'Rome', count: 2, correct: false },
			{ text: 'Oslo', count: 1, correct: false }
		]);
		expect(first!.wrong).toEqual([
			{ text: 'Rome', count: 2 },
			{ text: 'Oslo', count: 1 }
		]);
		expect(second).toMatchObject({
			questionId: 'b',
			facility: 0.4,
			unanswered: 1,
			expected: 'True'
		});
		expect(a.students.map((s) => s.points)).toEqual([2, 1, 1, 0, 0]);
		expect(a.students[0]!.percent).toBe(100);
	});

	it('puts the hardest question first', () => {
		const a = analyseItems(items, [student('x', 'Paris', 'False'), student('y', 'Paris', 'False')]);
		expect(a.items.map((i) => i.questionId)).toEqual(['b', 'a']);
		// Two students: too few for discrimination; no spread in the rest score: no correlation.
		expect(a.items[0]!.discrimination).toBeUndefined();
		expect(a.items[0]!.pointBiserial).toBeUndefined();
	});

	it('gives a question that the weaker students get right a negative discrimination', () => {
		const three = [...items, { questionId: 'c', asked: water }];
		const withC = (st: StudentInput, c: string): StudentInput => ({
			...st,
			answers: new Map([
				...st.answers,
				['c', { text: c, score: +(c === 'True'), correct: c === 'True' }]
			])
		});
		const a = analyseItems(three, [
			withC(student('p', 'Rome', 'True'), 'True'),
			withC(student('q', 'Rome', 'True'), 'True'),
			withC(student('r', 'Paris', 'False'), 'False'),
			withC(student('s', 'Paris', 'False'), 'False')
		]);
		const capitalStats = a.items.find((i) => i.questionId === 'a')!;
		expect(capitalStats.discrimination).toBe(-1);
		expect(capitalStats.pointBiserial).toBe(-1);
	});

	it('handles no students', () => {
		const a = analyseItems(items, []);
		expect(a.items[0]!.facility).toBeUndefined();
		expect(a.items[0]!.choices.map((c) => c.count)).toEqual([0, 0, 0]);
	});
});

describe('CSV', () => {
	it('has plain headers, one row per question, and neutralises formulas', () => {
		const a = analyseItems(
			[{ questionId: 'a', asked: { ...capital, prompt: '=HYPERLINK("x")' } }],
			five.map((s) => ({ ...s, answers: new Map([...s.answers].filter(([k]) => k === 'a')) }))
		);
		const lines = itemAnalysisCsv(a).trimEnd().split('\r\n');
		expect(lines[0]).toBe(
			'Question number,Question,Correct answer,Answered,Not answered,Percent correct,Discrimination (upper minus lower 27%),Point-biserial,Most chosen wrong answer,Times chosen,Source quote'
		);
		expect(lines[1]).toBe(`1,"'=HYPERLINK(""x"")",Paris,5,0,40,1,,Rome,2,Paris is the capital.`);
	});

	it('writes one row per student with a score per question', () => {
		const a = analyseItems(items, five);
		const lines = studentScoresCsv(a, five).trimEnd().split('\r\n');
		expect(lines[0]).toBe('Student,Points,Out of,Percent,Answered,From,Question 1,Question 2');
		expect(lines[1]).toBe('S1,2,2,100,2,,1,1');
		expect(lines[5]).toBe('S5,0,2,0,1,,0,0');
	});
});

it('reads the hub report, leaving out answers that came too late', () => {
	const data: ReportData = {
		session: {
			id: 'x',
			pin: '123456',
			title: 't',
			setId: 's',
			mode: 'teacher',
			createdAt: 0,
			students: 2,
			questions: 2
		},
		questions: items,
		students: [
			{ id: 'u1', name: 'Una', joinedAt: 0 },
			{ id: 'u2', name: 'Ravi', joinedAt: 0 }
		],
		answers: [
			{
				student: 'u1',
				questionId: 'a',
				index: 0,
				response: 0,
				text: 'Paris',
				score: 1,
				correct: true,
				points: 1,
				at: 1
			},
			{
				student: 'u2',
				questionId: 'a',
				index: 0,
				response: 1,
				text: 'Rome',
				score: 0,
				correct: false,
				points: 0,
				at: 2,
				late: true
			}
		]
	};
	const input = liveInput(data);
	expect(input.students.map((s) => s.answers.size)).toEqual([1, 0]);
	const merged = mergeStudents(input.students, [
		{ id: 'file:una.json', name: ' una ', answers: new Map(), source: 'file' },
		{ id: 'file:zoe.json', name: 'Zoe', answers: new Map(), source: 'file' }
	]);
	expect(merged.map((s) => s.name)).toEqual(['Una', 'Ravi', 'Zoe']);
});
