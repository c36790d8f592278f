// The class report: every hand-in file read through the same gate as any import, every
// answer regraded from the quiz (a file's own scores are never trusted), and the files
// that need the teacher's eye flagged: duplicates, other quizzes, edits, unreadable ones.
import { fail, formatProblem, type Result } from '../bank/problems';
import type { QuestionSet } from '../bank/schema';
import { expectedText, gradeAnswer } from '../quiz/grade';
import type { AskedQuestion, Quiz, QuizResponse } from '../quiz/types';
import {
	checkCodeAgainstSet,
	classQuizFor,
	decodeClassQuiz,
	studentKey,
	type DecodedClassQuiz
} from './code';
import { decodeHandIn, quizHash, resultHash, type HandIn } from './handin';
import { shuffleForStudent } from './shuffle';
import { codeMeansQuiz } from './typed-code';

export type FlagKind = 'duplicate' | 'identical' | 'other-quiz' | 'edited' | 'score-mismatch';

export interface ReportFlag {
	kind: FlagKind;
	message: string;
}

export interface StudentAnswer {
	questionId: string;
	/** Regraded, 0..1. */
	score: number;
	correct: boolean;
	/** The response as the student saw it ("" when unanswered). */
	response: string;
}

export interface StudentRow {
	student: string;
	fileName: string;
	/** Regraded; undefined for a file made for another quiz. */
	points?: number;
	max: number;
	percent?: number;
	/** Per question, in the report's question order. */
	answers: StudentAnswer[];
	flags: ReportFlag[];
	/** Counted in the class statistics (one hand-in per student, this quiz only). */
	counted: boolean;
	finishedAt: string;
}

export interface QuestionStats {
	questionId: string;
	prompt: string;
	expected: string;
	/** Counted students who got full marks, as a share 0..1 (undefined with none counted). */
	shareCorrect?: number;
	meanScore?: number;
	/** The wrong answer given most often, as shown to students. */
	commonWrong?: { text: string; count: number };
}

export interface ClassReport {
	code: string;
	setId: string;
	setVersion: number;
	questions: QuestionStats[];
	students: StudentRow[];
	stats: { count: number; mean?: number; median?: number; min?: number; max?: number };
	unreadable: { name: string; reason: string }[];
}

export interface HandInFile {
	name: string;
	text: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

const RATINGS: Record<number, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** A response as people read it, in the student's own option order. */
export function responseText(asked: AskedQuestion, r: QuizResponse): string {
	if (r === null || r === undefined || r === '') return '';
	// A match or cloze left untouched is no answer, not " → ; … → ".
	if (
		Array.isArray(r) &&
		(r as readonly unknown[]).every((x) => x === null || (typeof x === 'string' && !x.trim()))
	)
		return '';
	const list = Array.isArray(r) ? (r as readonly unknown[]) : undefined;
	const at = (xs: readonly string[], i: unknown) => (typeof i === 'number' ? (xs[i] ?? '?') : '?');
	switch (asked.type) {
		case 'mcq':
			return at(asked.options, r);
		case 'multi':
			return list ? list.map((i) => at(asked.options, i)).join('; ') : '?';
		case 'truefalse':
			return r === true ? 'True' : r === false ? 'False' : '?';
		case 'short':
		case 'numeric':
			return typeof r === 'string' || typeof r === 'number' ? String(r).trim() : '?';
		case 'cloze':
			return list ? list.map((x) => (typeof x === 'string' ? x : '')).join('; ') : String(r);
		case 'order':
			return list ? list.map((i) => at(asked.items, i)).join(' → ') : '?';
		case 'match':
			return list
				? asked.left
						.map((l, i) => `${l} → ${list[i] === null ? '' : at(asked.right, list[i])}`)
						.join('; ')
				: '?';
		case 'flashcard':
			if (typeof r === 'string') return r.trim();
			if (typeof r === 'boolean') return r ? 'Recalled' : 'Forgot';
			return typeof r === 'number' ? (RATINGS[r] ?? '?') : '?';
	}
}

function median(sorted: readonly number[]): number | undefined {
	const n = sorted.length;
	if (!n) return undefined;
	return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

const isSet = (x: Quiz | QuestionSet): x is QuestionSet => 'questions' in x;
const sameCode = (a: string, b: string) =>
	a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase();

/**
 * Reads and regrades every hand-in. `quizOrSet` is the teacher's set (preferred) or the
 * quiz generated from the code with no student (classQuizFor without a name).
 */
export async function buildClassReport(
	code: string | DecodedClassQuiz,
	quizOrSet: Quiz | QuestionSet,
	files: readonly HandInFile[]
): Promise<Result<ClassReport>> {
	let decoded: DecodedClassQuiz;
	if (typeof code === 'string') {
		const d = decodeClassQuiz(code);
		if (!d.ok) return fail(d.message);
		decoded = d.value;
	} else decoded = code;
	let base: Quiz;
	if (isSet(quizOrSet)) {
		const check = checkCodeAgainstSet(decoded, quizOrSet);
		if (!check.ok) return fail(check.message);
		base = classQuizFor(decoded, quizOrSet);
	} else base = quizOrSet;
	const expectedQuizHash = await quizHash(decoded.code, base);

	const unreadable: ClassReport['unreadable'] = [];
	const students: StudentRow[] = [];
	const byResultHash = new Map<string, string>();
	const keys: string[] = [];

	for (const file of files) {
		const read = decodeHandIn(file.text);
		if (!read.ok) {
			unreadable.push({ name: file.name, reason: read.problems.map(formatProblem).join('; ') });
			continue;
		}
		const h = read.value;
		const flags: ReportFlag[] = [];
		const row: StudentRow = {
			student: h.student,
			fileName: file.name,
			max: base.items.length,
			answers: [],
			flags,
			counted: true,
			finishedAt: h.finishedAt
		};
		students.push(row);
		keys.push(studentKey(h.student));

		const first = byResultHash.get(h.resultHash);
		if (first !== undefined) {
			flags.push({
				kind: 'identical',
				message: `a copy of ${first} (same answers, name and result hash)`
			});
			row.counted = false;
		} else byResultHash.set(h.resultHash, file.name);

		// The short and the long code of one quiz are the same quiz (hashed with its own code).
		const alike = sameCode(h.code, decoded.code) || codeMeansQuiz(h.code, decoded);
		const hash = sameCode(h.code, decoded.code) ? expectedQuizHash : await quizHash(h.code, base);
		if (!alike || h.quizHash !== hash) {
			flags.push({
				kind: 'other-quiz',
				message: alike
					? 'made for a different version of this quiz (another copy of the set?)'
					: `made for another quiz (code ${h.code})`
			});
			row.counted = false;
			continue;
		}
		if ((await resultHash(h)) !== h.resultHash)
			flags.push({ kind: 'edited', message: 'the file was changed after it was handed in' });
		regrade(row, h, base, decoded.shufflePerStudent);
	}

	// Two different files from one student: show both, count the later one.
	const groups = new Map<string, number[]>();
	students.forEach((s, i) => {
		if (s.flags.some((f) => f.kind === 'identical' || f.kind === 'other-quiz')) return;
		const list = groups.get(keys[i]!) ?? [];
		list.push(i);
		groups.set(keys[i]!, list);
	});
	for (const list of groups.values()) {
		if (list.length < 2) continue;
		const latest = list.reduce((a, b) =>
			students[b]!.finishedAt >= students[a]!.finishedAt ? b : a
		);
		for (const i of list) {
			const others = list.filter((j) => j !== i).map((j) => students[j]!.fileName);
			students[i]!.flags.push({
				kind: 'duplicate',
				message: `${students[i]!.student} handed in more than once (also ${others.join(', ')})${i === latest ? '; this, the latest, is counted' : '; not counted'}`
			});
			if (i !== latest) students[i]!.counted = false;
		}
	}

	const counted = students.filter((s) => s.counted);
	const questions: QuestionStats[] = base.items.map((it, q) => {
		const stat: QuestionStats = {
			questionId: it.questionId,
			prompt: it.asked.prompt,
			expected: expectedText(it.asked)
		};
		if (!counted.length) return stat;
		const answers = counted.map((s) => s.answers[q]!);
		stat.shareCorrect = answers.filter((a) => a.correct).length / answers.length;
		stat.meanScore = round3(answers.reduce((sum, a) => sum + a.score, 0) / answers.length);
		const wrong = new Map<string, number>();
		for (const a of answers)
			if (!a.correct && a.response) wrong.set(a.response, (wrong.get(a.response) ?? 0) + 1);
		let best: { text: string; count: number } | undefined;
		for (const [text, count] of [...wrong].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
			if (!best || count > best.count) best = { text, count };
		if (best) stat.commonWrong = best;
		return stat;
	});

	const percents = counted.map((s) => s.percent!).sort((a, b) => a - b);
	const stats: ClassReport['stats'] = { count: percents.length };
	if (percents.length) {
		stats.mean = round1(percents.reduce((a, b) => a + b, 0) / percents.length);
		stats.median = round1(median(percents)!);
		stats.min = percents[0];
		stats.max = percents[percents.length - 1];
	}
	return {
		ok: true,
		value: {
			code: decoded.code,
			setId: decoded.setId,
			setVersion: decoded.setVersion,
			questions,
			students,
			stats,
			unreadable
		}
	};
}

function regrade(row: StudentRow, h: HandIn, base: Quiz, perStudent: boolean): void {
	const mine = perStudent ? shuffleForStudent(base, studentKey(h.student)) : base;
	const asked = new Map(mine.items.map((it) => [it.questionId, it.asked]));
	const given = new Map<string, HandIn['answers'][number]>();
	for (const a of h.answers) if (!given.has(a.questionId)) given.set(a.questionId, a);
	let points = 0;
	let fileMismatch = false;
	row.answers = base.items.map((it) => {
		const a = given.get(it.questionId);
		const q = asked.get(it.questionId)!;
		const response = (a?.response ?? null) as QuizResponse;
		const grade = gradeAnswer(q, response);
		const score = round3(grade.score);
		points += score;
		if (a && Math.abs(a.score - score) > 0.0015) fileMismatch = true;
		return {
			questionId: it.questionId,
			score,
			correct: grade.correct,
			response: responseText(q, response)
		};
	});
	row.points = round3(points);
	row.percent = row.max ? round1((row.points / row.max) * 100) : 0;
	if (fileMismatch || Math.abs(h.score.points - row.points) > 0.0015 || h.score.max !== row.max)
		row.flags.push({
			kind: 'score-mismatch',
			message: `the file says ${h.score.points}/${h.score.max}; regraded it is ${row.points}/${row.max}`
		});
}

const FORMULA = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180); text that a spreadsheet would run as a formula gets a leading '. */
export function csvField(value: string | number | undefined): string {
	if (value === undefined) return '';
	let s = String(value);
	if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as CSV: a header, then one row per hand-in with a score column per question. */
export function reportToCsv(report: ClassReport): string {
	const header = [
		'Student',
		'File',
		'Points',
		'Max',
		'Percent',
		'Counted',
		'Flags',
		...report.questions.map((q, i) => `Q${i + 1} ${q.questionId}`)
	];
	const rows = report.students.map((s) => [
		s.student,
		s.fileName,
		s.points,
		s.max,
		s.percent,
		s.counted ? 'yes' : 'no',
		s.flags.map((f) => f.message).join('; '),
		...report.questions.map((_, i) => s.answers[i]?.score)
	]);
	return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
