import { describe, expect, it } from 'vitest';
import { expectedResponse } from '../quiz/grade';
import type { Quiz, QuizResponse } from '../quiz/types';
import { classQuizFor, decodeClassQuiz, encodeClassQuiz, type DecodedClassQuiz } from './code';
import { classSet, fixedSet } from './fixtures';
import { createHandIn, handInText, type HandIn } from './handin';
import {
	buildClassReport,
	csvField,
	reportToCsv,
	responseText,
	type ClassReport
} from './class-results';

function decode(code: string): DecodedClassQuiz {
	const r = decodeClassQuiz(code);
	if (!r.ok) throw new Error(r.message);
	return r.value;
}

const fixed = fixedSet();
const code = decode(
	encodeClassQuiz({
		setId: 'fixed',
		setVersion: 1,
		seed: 'RPT1',
		shufflePerStudent: false,
		options: { count: 3, mode: 'exam' }
	})
);
const quiz = classQuizFor(code, fixed);

async function handIn(
	student: string,
	byId: Record<string, QuizResponse>,
	finishedAt = Date.UTC(2024, 4, 2, 10),
	c: DecodedClassQuiz = code,
	q: Quiz = quiz
): Promise<HandIn> {
	return createHandIn({
		code: c,
		quiz: q,
		responses: q.items.map((it) => byId[it.questionId]),
		student,
		startedAt: Date.UTC(2024, 4, 2, 9),
		finishedAt
	});
}

async function report(files: { name: string; text: string }[]): Promise<ClassReport> {
	const r = await buildClassReport(code.code, fixed, files);
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r.value;
}

const file = (name: string, h: HandIn) => ({ name, text: handInText(h) });

// Options shown in authored order (shuffle: false): capital 1 = Islamabad, 2 = Peshawar;
// letters A B E D with A and E right.
const amina = () => handIn('Amina', { capital: 1, ceasefire: true, letters: [0, 2] }); // 3/3
const bilal = () => handIn('Bilal', { capital: 2, ceasefire: false, letters: [0] }); // 0+0+0.5
const farah = () => handIn('Farah', { capital: 2, ceasefire: true, letters: [0, 1] }); // 0+1+0

describe('buildClassReport', () => {
	it('regrades three students and aggregates them (figures worked out by hand)', async () => {
		const r = await report([
			file('amina.json', await amina()),
			file('bilal.json', await bilal()),
			file('farah.json', await farah())
		]);
		expect(r.unreadable).toEqual([]);
		expect(r.students.map((s) => [s.student, s.points, s.percent, s.counted, s.flags])).toEqual([
			['Amina', 3, 100, true, []],
			['Bilal', 0.5, 16.7, true, []],
			['Farah', 1, 33.3, true, []]
		]);
		// (100 + 16.7 + 33.3) / 3 = 50; the middle of 16.7, 33.3, 100 is 33.3.
		expect(r.stats).toEqual({ count: 3, mean: 50, median: 33.3, min: 16.7, max: 100 });
		const q = Object.fromEntries(r.questions.map((s) => [s.questionId, s]));
		expect(q.capital).toMatchObject({
			shareCorrect: 1 / 3,
			meanScore: 0.333,
			expected: 'Islamabad',
			commonWrong: { text: 'Peshawar', count: 2 }
		});
		expect(q.ceasefire).toMatchObject({
			shareCorrect: 2 / 3,
			commonWrong: { text: 'False', count: 1 }
		});
		// Bilal's "A" (half marks) and Farah's "A; B" (none) are both wrong, once each: the
		// tie goes to the first alphabetically.
		expect(q.letters).toMatchObject({
			shareCorrect: 1 / 3,
			meanScore: 0.5,
			commonWrong: { text: 'A', count: 1 }
		});
	});

	it('flags duplicates, identical files, other quizzes, edits and unreadable files', async () => {
		const a = await amina();
		const aLater = await handIn('  amina ', { capital: 2 }, Date.UTC(2024, 4, 2, 11));
		const b = await bilal();
		const edited: HandIn = { ...b, score: { points: 3, max: 3, percent: 100 } };
		const editedAnswers: HandIn = {
			...(await farah()),
			answers: (await farah()).answers.map((x) => ({ ...x, score: 1 }))
		};
		const otherCode = decode(
			encodeClassQuiz({ ...code, seed: 'OTHER', options: { count: 2, mode: 'exam' } })
		);
		const other = await handIn('Omar', {}, undefined, otherCode, classQuizFor(otherCode, fixed));
		const r = await report([
			file('a1.json', a),
			file('a1 copy.json', a),
			file('a2.json', aLater),
			file('b.json', edited),
			file('f.json', editedAnswers),
			file('omar.json', other),
			{ name: 'notes.txt', text: 'hello' },
			{ name: 'evil.json', text: '{"__proto__": {"admin": true}}' },
			{ name: 'set.json', text: JSON.stringify(fixed) }
		]);
		const flags = Object.fromEntries(
			r.students.map((s) => [s.fileName, s.flags.map((f) => f.kind)])
		);
		expect(flags).toEqual({
			'a1.json': ['duplicate'],
			'a1 copy.json': ['identical'],
			'a2.json': ['duplicate'],
			'b.json': ['edited', 'score-mismatch'],
			'f.json': ['edited', 'score-mismatch'],
			'omar.json': ['other-quiz']
		});
		const row = (name: string) => r.students.find((s) => s.fileName === name)!;
		// The later of Amina's two files counts; the edited score is ignored (regraded 0.5).
		expect(row('a1.json').counted).toBe(false);
		expect(row('a2.json')).toMatchObject({ counted: true, points: 0, percent: 0 });
		expect(row('a2.json').flags[0]!.message).toMatch(
			/more than once \(also a1\.json\); this, the latest, is counted/
		);
		expect(row('b.json')).toMatchObject({ counted: true, points: 0.5 });
		expect(row('b.json').flags[1]!.message).toBe('the file says 3/3; regraded it is 0.5/3');
		expect(row('omar.json').counted).toBe(false);
		expect(row('omar.json').points).toBeUndefined();
		expect(row('omar.json').flags[0]!.message).toMatch(/another quiz/);
		expect(r.stats.count).toBe(3);
		expect(r.unreadable.map((u) => u.name)).toEqual(['notes.txt', 'evil.json', 'set.json']);
		expect(r.unreadable[0]!.reason).toMatch(/invalid JSON/);
		expect(r.unreadable[1]!.reason).toMatch(/"__proto__" is not allowed/);
		expect(r.unreadable[2]!.reason).toMatch(/not a Studydeck hand-in file/);
	});

	it('regrades per-student shuffles with each student’s own option order', async () => {
		const set = classSet();
		const shuffled = decode(
			encodeClassQuiz({
				setId: set.id,
				setVersion: 1,
				seed: 'SHFT',
				shufflePerStudent: true,
				options: { count: 8, mode: 'exam' }
			})
		);
		const files = [];
		for (const student of ['Amina', 'Bilal', 'Farah', 'Hamza']) {
			const q = classQuizFor(shuffled, set, student);
			const h = await createHandIn({
				code: shuffled,
				quiz: q,
				responses: q.items.map((it) => expectedResponse(it.asked)),
				student,
				startedAt: 0,
				finishedAt: 1
			});
			files.push(file(student, h));
		}
		const r = await buildClassReport(shuffled, set, files);
		if (!r.ok) throw new Error('report failed');
		expect(r.value.students.map((s) => [s.percent, s.flags])).toEqual(Array(4).fill([100, []]));
		// Base quiz given instead of the set: the same result.
		const again = await buildClassReport(shuffled.code, classQuizFor(shuffled, set), files);
		expect(again).toEqual(r);
	});

	it('refuses a report for a set that does not match the code', async () => {
		const r = await buildClassReport(code.code, classSet(), []);
		expect(r.ok).toBe(false);
		expect(await buildClassReport('nonsense', fixed, [])).toMatchObject({ ok: false });
	});
});

describe('reportToCsv', () => {
	it('quotes per RFC 4180 and defuses formulas', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('Khan, Amina')).toBe('"Khan, Amina"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField(-1)).toBe('-1');
		expect(csvField(undefined)).toBe('');
	});

	it('writes a header and one row per student with a column per question', async () => {
		const r = await report([
			file(
				'a.json',
				await handIn('Khan, "Amina"', { capital: 1, ceasefire: true, letters: [0, 2] })
			),
			file('b.json', await bilal())
		]);
		const ids = r.questions.map((q) => q.questionId);
		const lines = reportToCsv(r).split('\r\n');
		expect(lines).toEqual([
			`Student,File,Points,Max,Percent,Counted,Flags,${ids.map((id, i) => `Q${i + 1} ${id}`).join(',')}`,
			`"Khan, ""Amina""",a.json,3,3,100,yes,,1,1,1`,
			`Bilal,b.json,0.5,3,16.7,yes,,${ids.map((id) => ({ capital: 0, ceasefire: 0, letters: 0.5 })[id]).join(',')}`,
			''
		]);
	});
});

describe('responseText', () => {
	it('an untouched match or cloze reads as no answer', () => {
		const match = {
			type: 'match',
			originalType: 'match',
			prompt: 'Match',
			left: ['A', 'B'],
			right: ['1', '2'],
			answer: [0, 1]
		} as const;
		expect(responseText(match as never, [null, null])).toBe('');
		expect(responseText(match as never, [1, null])).toBe('A → 2; B → ');
		const cloze = {
			type: 'cloze',
			originalType: 'cloze',
			prompt: '',
			text: 'x {{c1::y}}',
			blanks: [{ answer: 'y' }]
		} as const;
		expect(responseText(cloze as never, ['  '])).toBe('');
	});
});
