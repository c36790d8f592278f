// Item analysis for a class session: per question, how many got it right (facility), how
// well it separates stronger from weaker students (discrimination: upper − lower 27 %, and
// the point-biserial correlation with the rest of the test), and which wrong answers were
// chosen how often. Pure: the live hub's report and hand-in reports both feed it.
import { expectedText } from '../quiz/grade';
import type { AskedQuestion } from '../quiz/types';
import type { ReportData } from './live/protocol';
import { csvField, type ClassReport } from './class-results';
import { studentKey } from './code';

export interface ItemInput {
	questionId: string;
	/** The question with its answer (the teacher's copy). */
	asked: AskedQuestion;
}

export interface AnswerInput {
	/** The response as people read it ("" for none), e.g. the option's text. */
	text: string;
	/** 0..1. */
	score: number;
	correct: boolean;
}

export interface StudentInput {
	id: string;
	name: string;
	/** Keyed by question id; a missing question is unanswered (scores 0). */
	answers: ReadonlyMap<string, AnswerInput>;
	/** Where the row came from, for a report that merges hub results with hand-in files. */
	source?: 'hub' | 'file';
}

export interface ChoiceCount {
	text: string;
	count: number;
	correct: boolean;
}

export interface ItemStats {
	questionId: string;
	/** Position in the session (0-based). */
	index: number;
	prompt: string;
	expected: string;
	/** The source quote, to link the question to the text it tests. */
	quote?: string;
	answered: number;
	unanswered: number;
	/** Share of all students with full marks, 0..1 (undefined with no students). */
	facility?: number;
	meanScore?: number;
	/** Upper 27 % facility minus lower 27 % facility, −1..1 (needs 4+ students). */
	discrimination?: number;
	/** Correlation of this item's score with the rest of the test (needs 3+ students and spread). */
	pointBiserial?: number;
	/** Every option for multiple choice and true/false (also those nobody chose); else what was typed. */
	choices: ChoiceCount[];
	/** Wrong answers only, most chosen first. */
	wrong: { text: string; count: number }[];
}

export interface StudentTotal {
	id: string;
	name: string;
	points: number;
	max: number;
	percent: number;
	answered: number;
	source?: 'hub' | 'file';
}

export interface ItemAnalysis {
	students: StudentTotal[];
	/** Hardest first (lowest facility), ties in session order. */
	items: ItemStats[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function correlation(xs: readonly number[], ys: readonly number[]): number | undefined {
	const mx = mean(xs);
	const my = mean(ys);
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < xs.length; i++) {
		const dx = xs[i]! - mx;
		const dy = ys[i]! - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx < 1e-12 || syy < 1e-12) return undefined;
	return sxy / Math.sqrt(sxx * syy);
}

function optionTexts(asked: AskedQuestion): { text: string; correct: boolean }[] | undefined {
	switch (asked.type) {
		case 'mcq':
			return asked.options.map((text, i) => ({ text, correct: i === asked.answer }));
		case 'truefalse':
			return [
				{ text: 'True', correct: asked.answer },
				{ text: 'False', correct: !asked.answer }
			];
		default:
			return undefined;
	}
}

export function analyseItems(
	items: readonly ItemInput[],
	students: readonly StudentInput[]
): ItemAnalysis {
	const max = items.length;
	const scores = students.map((s) => items.map((it) => s.answers.get(it.questionId)?.score ?? 0));
	const totals = scores.map((row) => row.reduce((a, b) => a + b, 0));
	const totalsOut: StudentTotal[] = students.map((s, i) => ({
		id: s.id,
		name: s.name,
		points: round3(totals[i]!),
		max,
		percent: max ? Math.round((totals[i]! / max) * 1000) / 10 : 0,
		answered: items.filter((it) => s.answers.get(it.questionId)?.text).length,
		...(s.source ? { source: s.source } : {})
	}));

	// Upper and lower groups by total score; ties broken by input order, so stable.
	const order = students.map((_, i) => i).sort((a, b) => totals[b]! - totals[a]! || a - b);
	const g = Math.max(1, Math.round(students.length * 0.27));
	const upper = order.slice(0, g);
	const lower = order.slice(-g);

	const stats = items.map((it, q): ItemStats => {
		const answers = students.map((s) => s.answers.get(it.questionId));
		const correct = answers.map((a) => (a?.correct ? 1 : 0));
		const answered = answers.filter((a) => a?.text).length;
		const out: ItemStats = {
			questionId: it.questionId,
			index: q,
			prompt: it.asked.prompt,
			expected: expectedText(it.asked),
			...(it.asked.quote ? { quote: it.asked.quote } : {}),
			answered,
			unanswered: students.length - answered,
			choices: [],
			wrong: []
		};
		const listed = optionTexts(it.asked);
		const counts = new Map<string, ChoiceCount>(
			(listed ?? []).map((o) => [o.text, { text: o.text, count: 0, correct: o.correct }])
		);
		for (const a of answers) {
			if (!a?.text) continue;
			const c = counts.get(a.text) ?? { text: a.text, count: 0, correct: a.correct };
			c.count++;
			counts.set(a.text, c);
		}
		out.choices = [...counts.values()];
		if (!listed) out.choices.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
		out.wrong = out.choices
			.filter((c) => !c.correct && c.count > 0)
			.map(({ text, count }) => ({ text, count }))
			.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
		if (!students.length) return out;
		out.facility = round3(mean(correct));
		out.meanScore = round3(mean(scores.map((row) => row[q]!)));
		if (students.length >= 4)
			out.discrimination = round3(
				mean(upper.map((i) => correct[i]!)) - mean(lower.map((i) => correct[i]!))
			);
		if (students.length >= 3) {
			const item = scores.map((row) => row[q]!);
			const rest = totals.map((t, i) => t - item[i]!);
			const r = correlation(item, rest);
			if (r !== undefined) out.pointBiserial = round3(r);
		}
		return out;
	});
	stats.sort((a, b) => (a.facility ?? 1) - (b.facility ?? 1) || a.index - b.index);
	return { students: totalsOut, items: stats };
}

/** The live hub's report as analysis input. */
export function liveInput(data: ReportData): { items: ItemInput[]; students: StudentInput[] } {
	const byStudent = new Map<string, Map<string, AnswerInput>>();
	for (const a of data.answers) {
		if (a.late) continue;
		let m = byStudent.get(a.student);
		if (!m) byStudent.set(a.student, (m = new Map()));
		m.set(a.questionId, { text: a.text, score: a.score, correct: a.correct });
	}
	return {
		items: data.questions,
		students: data.students.map((s) => ({
			id: s.id,
			name: s.name,
			answers: byStudent.get(s.id) ?? new Map(),
			source: 'hub' as const
		}))
	};
}

/** Counted hand-in files (src/lib/core/classroom/class-results.ts) as analysis input. */
export function handInInput(report: ClassReport): StudentInput[] {
	return report.students
		.filter((s) => s.counted)
		.map((s) => ({
			id: `file:${s.fileName}`,
			name: s.student,
			answers: new Map(
				s.answers.map((a) => [
					a.questionId,
					{ text: a.response, score: a.score, correct: a.correct }
				])
			),
			source: 'file' as const
		}));
}

/**
 * Hub rows and hand-in rows together: a student who is in both (same name, as
 * studentKey compares them) is counted once, from the hub.
 */
export function mergeStudents(
	hub: readonly StudentInput[],
	files: readonly StudentInput[]
): StudentInput[] {
	const seen = new Set(hub.map((s) => studentKey(s.name)));
	return [...hub, ...files.filter((s) => !seen.has(studentKey(s.name)))];
}

const pct = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 10);

/** One row per question, hardest first, with plain column headers. */
export function itemAnalysisCsv(a: ItemAnalysis): string {
	const header = [
		'Question number',
		'Question',
		'Correct answer',
		'Answered',
		'Not answered',
		'Percent correct',
		'Discrimination (upper minus lower 27%)',
		'Point-biserial',
		'Most chosen wrong answer',
		'Times chosen',
		'Source quote'
	];
	const rows = a.items.map((it) => [
		it.index + 1,
		it.prompt,
		it.expected,
		it.answered,
		it.unanswered,
		pct(it.facility),
		it.discrimination,
		it.pointBiserial,
		it.wrong[0]?.text,
		it.wrong[0]?.count,
		it.quote
	]);
	return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One row per student with a column per question (in session order). */
export function studentScoresCsv(a: ItemAnalysis, students: readonly StudentInput[]): string {
	const items = [...a.items].sort((x, y) => x.index - y.index);
	const header = [
		'Student',
		'Points',
		'Out of',
		'Percent',
		'Answered',
		'From',
		...items.map((it) => `Question ${it.index + 1}`)
	];
	const rows = a.students.map((t, i) => [
		t.name,
		t.points,
		t.max,
		t.percent,
		t.answered,
		t.source === 'file' ? 'hand-in file' : t.source === 'hub' ? 'live' : '',
		...items.map((it) => students[i]!.answers.get(it.questionId)?.score ?? 0)
	]);
	return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
