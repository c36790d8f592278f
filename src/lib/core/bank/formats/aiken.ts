// Moodle's Aiken format: one-answer multiple choice only.
//
//   What is the capital of France?
//   A. Paris
//   B) London
//   ANSWER: A
//
// Aiken has no comments, ids, feedback or other types, so `toAiken` lists what it skipped.
import type { Problem, Result } from '../problems';
import type { QuestionSet } from '../schema';
import { letter } from './answer-text';
import {
	IdAllocator,
	normalizeNewlines,
	validateWithLines,
	type ImportOptions,
	type Imported
} from './shared';

const OPTION = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER:\s*(.*)$/i;

interface Draft {
	line: number;
	prompt: string[];
	options: string[];
}

export function parseAiken(text: string, opts: ImportOptions = {}): Result<Imported> {
	const problems: Problem[] = [];
	const questions: unknown[] = [];
	const at: number[] = [];
	const ids = new IdAllocator();
	let q: Draft | undefined;
	// After a problem, the rest of that question (up to a blank line) is not read.
	let skipping = false;
	const fail = (line: number, message: string) => {
		problems.push({ path: '', line, message });
		q = undefined;
		skipping = true;
	};
	normalizeNewlines(text)
		.split('\n')
		.forEach((raw, i) => {
			const line = i + 1;
			const t = raw.trim();
			if (!t) {
				// A blank line inside a question (after its options) means ANSWER is missing.
				if (q?.options.length) fail(q.line, 'the question has no "ANSWER: <letter>" line');
				skipping = false;
				return;
			}
			if (skipping) return;
			const answer = ANSWER.exec(t);
			const option = OPTION.exec(t);
			if (answer) {
				if (!q) return fail(line, '"ANSWER:" without a question before it');
				const key = answer[1]!.trim().toUpperCase();
				const index = key.length === 1 ? key.charCodeAt(0) - 65 : -1;
				if (q.options.length < 2)
					return fail(q.line, 'a question needs at least 2 options (A. …, B. …)');
				if (index < 0 || index >= q.options.length)
					return fail(
						line,
						`"ANSWER: ${answer[1]!.trim()}" names no option; use a letter from A to ${letter(q.options.length - 1)}`
					);
				questions.push({
					id: ids.claim(`q-${questions.length + 1}`, 'q'),
					type: 'mcq',
					prompt: q.prompt.join('\n'),
					options: q.options,
					answer: index
				});
				at.push(q.line);
				q = undefined;
			} else if (option && q?.prompt.length) {
				if (option[1]!.charCodeAt(0) - 65 !== q.options.length)
					return fail(
						line,
						`option ${option[1]} is out of order; expected ${letter(q.options.length)}`
					);
				q.options.push(option[2]!);
			} else if (q?.options.length) {
				fail(q.line, 'the question has no "ANSWER: <letter>" line');
			} else if (q) {
				q.prompt.push(t);
			} else {
				q = { line, prompt: [t], options: [] };
			}
		});
	if (q) fail(q.line, 'the question has no "ANSWER: <letter>" line');
	if (problems.length) return { ok: false, problems };
	return validateWithLines(
		{ id: opts.setId ?? 'imported', title: opts.title ?? 'Imported questions', questions },
		at,
		[]
	);
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/** Aiken text for the set's one-answer questions; every other question is listed as skipped. */
export function toAiken(set: QuestionSet): { text: string; skipped: Problem[] } {
	const skipped: Problem[] = [];
	const blocks: string[] = [];
	set.questions.forEach((q, i) => {
		const at = { path: `questions[${i}]`, questionId: q.id };
		if (q.type !== 'mcq') {
			skipped.push({ ...at, message: `${q.type} questions have no Aiken form; skipped` });
			return;
		}
		if (q.explanation || q.optionFeedback?.some(Boolean))
			skipped.push({
				...at,
				message: 'explanation and feedback are not carried by Aiken (question kept)'
			});
		blocks.push(
			[
				oneLine(q.prompt),
				...q.options.map((o, k) => `${letter(k)}. ${oneLine(o)}`),
				`ANSWER: ${letter(q.answer)}`
			].join('\n')
		);
	});
	return { text: blocks.length ? blocks.join('\n\n') + '\n' : '', skipped };
}
