// A live session's report with hand-in files added (issue 12, item 6): students with no
// network did the same quiz offline (its code, see the teacher's live screen) and handed
// in a file. Every file is read through the hand-in gate and regraded by buildClassReport;
// a file of another quiz is refused with its reason; one student counts once (the hub's
// answers first, then the latest file).
import type { QuestionSet } from '../bank/schema';
import { buildClassReport, type HandInFile } from './class-results';
import { classQuizFor, studentKey, type DecodedClassQuiz } from './code';
import { decodeHandIn } from './handin';
import { analyseItems, liveInput, type ItemAnalysis } from './item-analysis';
import type { StudentInput } from './item-analysis';
import type { ReportData } from './live/protocol';
import { formatProblem } from '../bank/problems';

export type CodeResolver = (
	code: string
) => Promise<
	{ ok: true; decoded: DecodedClassQuiz; set: QuestionSet } | { ok: false; message: string }
>;

export interface HandInStatus {
	name: string;
	student?: string;
	status: 'counted' | 'not-counted' | 'refused';
	/** Why it is not counted or was refused. */
	reason?: string;
}

export interface MergedReport {
	analysis: ItemAnalysis;
	/** Hub rows first, then counted hand-ins (the order of analysis.students). */
	students: StudentInput[];
	files: HandInStatus[];
	/** The files worth keeping with the session: readable, of this quiz, not a copy. */
	kept: HandInFile[];
}

const sameIds = (a: readonly string[], b: readonly string[]) => {
	const x = [...a].sort();
	const y = [...b].sort();
	return x.length === y.length && x.every((id, i) => id === y[i]);
};

export async function mergeLiveReport(
	data: ReportData,
	files: readonly HandInFile[],
	resolve: CodeResolver
): Promise<MergedReport> {
	const live = liveInput(data);
	const sessionIds = data.questions.map((q) => q.questionId);
	const status = new Map<HandInFile, HandInStatus>();
	const groups = new Map<
		string,
		{ decoded: DecodedClassQuiz; set: QuestionSet; files: HandInFile[] }
	>();
	const refuse = (f: HandInFile, reason: string, student?: string) =>
		status.set(f, { name: f.name, status: 'refused', reason, ...(student ? { student } : {}) });

	for (const f of files) {
		const read = decodeHandIn(f.text);
		if (!read.ok) {
			refuse(f, read.problems.map(formatProblem).join('; '));
			continue;
		}
		const h = read.value;
		const other = `made for another quiz (code ${h.code}), not this session`;
		if (h.setId !== data.session.setId) {
			refuse(f, `${other}: it uses the set “${h.setId}”`, h.student);
			continue;
		}
		const found = await resolve(h.code);
		if (!found.ok) {
			refuse(f, `its quiz cannot be rebuilt here: ${found.message}`, h.student);
			continue;
		}
		if (
			!sameIds(
				classQuizFor(found.decoded, found.set).items.map((it) => it.questionId),
				sessionIds
			)
		) {
			refuse(f, `${other}: its questions are not this session’s`, h.student);
			continue;
		}
		const key = found.decoded.code.replace(/-/g, '');
		const g = groups.get(key) ?? { ...found, files: [] };
		g.files.push(f);
		groups.set(key, g);
	}

	const fromFiles: { input: StudentInput; finishedAt: string; file: HandInFile }[] = [];
	for (const g of groups.values()) {
		const r = await buildClassReport(g.decoded, g.set, g.files);
		if (!r.ok) {
			for (const f of g.files) refuse(f, r.problems.map((p) => p.message).join('; '));
			continue;
		}
		// Rows come in file order, unreadable files left out.
		const readable = g.files.filter((f) => !r.value.unreadable.some((u) => u.name === f.name));
		r.value.students.forEach((row, i) => {
			const f = readable[i]!;
			if (row.counted) {
				const input: StudentInput = {
					id: `file:${fromFiles.length}:${row.fileName}`,
					name: row.student,
					answers: new Map(
						row.answers.map((a) => [
							a.questionId,
							{ text: a.response, score: a.score, correct: a.correct }
						])
					),
					source: 'file'
				};
				fromFiles.push({ input, finishedAt: row.finishedAt, file: f });
			} else {
				const copy = row.flags.some((fl) => fl.kind === 'identical');
				status.set(f, {
					name: f.name,
					student: row.student,
					status: copy ? 'refused' : 'not-counted',
					reason: copy
						? 'already in this report (the same file)'
						: row.flags.map((fl) => fl.message).join('; ')
				});
			}
		});
		for (const u of r.value.unreadable) {
			const f = g.files.find((x) => x.name === u.name && !status.has(x));
			if (f) refuse(f, u.reason);
		}
	}

	// One row per student: the hub's answers, else the latest file.
	const onHub = new Set(live.students.map((s) => studentKey(s.name)));
	const latest = new Map<string, (typeof fromFiles)[number]>();
	for (const x of fromFiles) {
		const k = studentKey(x.input.name);
		if (onHub.has(k)) {
			status.set(x.file, {
				name: x.file.name,
				student: x.input.name,
				status: 'not-counted',
				reason: `${x.input.name} is in the live results already`
			});
			continue;
		}
		const prev = latest.get(k);
		if (!prev || x.finishedAt >= prev.finishedAt) {
			if (prev)
				status.set(prev.file, {
					name: prev.file.name,
					student: prev.input.name,
					status: 'not-counted',
					reason: `${prev.input.name} handed in a later file (${x.file.name})`
				});
			latest.set(k, x);
		} else
			status.set(x.file, {
				name: x.file.name,
				student: x.input.name,
				status: 'not-counted',
				reason: `${x.input.name} handed in a later file (${prev.file.name})`
			});
	}
	for (const x of latest.values())
		status.set(x.file, { name: x.file.name, student: x.input.name, status: 'counted' });

	const students = [...live.students, ...[...latest.values()].map((x) => x.input)];
	return {
		analysis: analyseItems(live.items, students),
		students,
		files: files.map(
			(f) => status.get(f) ?? { name: f.name, status: 'refused', reason: 'not read' }
		),
		kept: files.filter((f) => status.get(f)?.status !== 'refused')
	};
}
