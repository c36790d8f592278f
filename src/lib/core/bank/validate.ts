// parseSet: the single gate every set passes — from a file, an import, the editor, a
// link. Schema first (valibot), then the rules a schema cannot say: unique ids, answers
// consistent with their type, and quotes found verbatim in the source text.
import * as v from 'valibot';
import { QuestionSchema, SetSchema, type Question, type QuestionSet } from './schema';
import { clozeBlanks } from './cloze';
import { kindProblem } from './answer-kind';
import { findQuote, paragraphs } from './text';
import type { Problem, Result } from './problems';

function pathOf(issue: v.BaseIssue<unknown>): string {
	let out = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
	}
	return out;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
	// valibot's default messages are verbose ("Invalid type: Expected …"); ours are set in
	// the schema. For unknown keys, say which key.
	if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.path?.length) {
		if (issue.received === 'undefined') return 'missing';
		const last = issue.path[issue.path.length - 1];
		return `unknown field "${String(last?.key)}"`;
	}
	if (issue.type === 'object' || issue.type === 'strict_object')
		return issue.received === 'undefined' ? 'missing' : 'must be an object';
	if (issue.received === 'undefined' && issue.kind === 'schema') return 'missing';
	return issue.message;
}

function questionIdAt(input: unknown, path: string): string | undefined {
	const m = /^questions\[(\d+)\]/.exec(path);
	if (!m || !input || typeof input !== 'object') return undefined;
	const questions = (input as { questions?: unknown }).questions;
	if (!Array.isArray(questions)) return undefined;
	const q = questions[Number(m[1])] as { id?: unknown } | undefined;
	return typeof q?.id === 'string' ? q.id : undefined;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function duplicates(list: readonly string[]): number[] {
	const seen = new Set<string>();
	const dup: number[] = [];
	list.forEach((s, i) => {
		const k = norm(s);
		if (seen.has(k)) dup.push(i);
		seen.add(k);
	});
	return dup;
}

/** Rules for one question that the schema cannot express. Paths are relative to it. */
export function questionProblems(q: Question): { path: string; message: string }[] {
	const out: { path: string; message: string }[] = [];
	const add = (path: string, message: string) => out.push({ path, message });
	switch (q.type) {
		case 'mcq':
		case 'multi': {
			for (const i of duplicates(q.options)) add(`options[${i}]`, 'the same as an earlier option');
			if (q.optionFeedback && q.optionFeedback.length > q.options.length)
				add('optionFeedback', 'more feedback entries than options');
			const answers = q.type === 'mcq' ? [q.answer] : q.answers;
			const key = q.type === 'mcq' ? 'answer' : 'answers';
			answers.forEach((a, i) => {
				if (a >= q.options.length)
					add(
						q.type === 'mcq' ? key : `${key}[${i}]`,
						`points to option ${a}, but there are only ${q.options.length} (counting from 0)`
					);
			});
			if (q.type === 'multi') {
				if (new Set(q.answers).size !== q.answers.length) add('answers', 'lists an option twice');
				else if (q.answers.length >= q.options.length)
					add('answers', 'every option is correct; leave at least one wrong option');
			}
			break;
		}
		case 'short':
			if (duplicates(q.answers).length) add('answers', 'lists the same answer twice');
			break;
		case 'cloze': {
			const blanks = clozeBlanks(q.prompt);
			if (blanks.length === 0) add('prompt', 'a cloze needs a blank such as {{c1::answer}}');
			blanks.forEach((b) => {
				if (!b.answer) add('prompt', `blank ${b.index + 1} is empty`);
				else if (b.accepted?.some((a) => !a))
					add('prompt', `blank ${b.index + 1} lists an empty answer between "|"`);
			});
			const stripped = q.prompt.replace(/\{\{c\d+::.*?\}\}/gs, '');
			if (/\{\{|\}\}/.test(stripped))
				add('prompt', 'a blank is not closed or not numbered; write {{c1::answer}}');
			break;
		}
		case 'order':
			for (const i of duplicates(q.items)) add(`items[${i}]`, 'the same as an earlier item');
			break;
		case 'match':
			for (const i of duplicates(q.pairs.map((p) => p.left)))
				add(`pairs[${i}].left`, 'the same as an earlier left side');
			for (const i of duplicates(q.pairs.map((p) => p.right)))
				add(`pairs[${i}].right`, 'the same as an earlier right side');
			break;
	}
	const wrongKind = kindProblem(q);
	if (wrongKind) add('answerKind', wrongKind);
	return out;
}

/** Rules across the whole set. */
function setProblems(set: QuestionSet): Problem[] {
	const out: Problem[] = [];
	const ids = new Map<string, number>();
	const paras = set.sourceText ? paragraphs(set.sourceText) : [];
	set.questions.forEach((q, i) => {
		const at = `questions[${i}]`;
		const first = ids.get(q.id);
		if (first !== undefined)
			out.push({
				path: `${at}.id`,
				questionId: q.id,
				message: `duplicate id; questions[${first}] has it already`
			});
		else ids.set(q.id, i);
		for (const p of questionProblems(q))
			out.push({ path: `${at}.${p.path}`, questionId: q.id, message: p.message });
		if (q.source?.quote) {
			if (!set.sourceText)
				out.push({
					path: `${at}.source.quote`,
					questionId: q.id,
					message: 'the set has no source text to quote from'
				});
			else if (findQuote(paras, q.source.quote) < 0)
				out.push({
					path: `${at}.source.quote`,
					questionId: q.id,
					message: 'not found verbatim in the source text (quotes must not span paragraphs)'
				});
		}
	});
	return out;
}

/** Validates anything (parsed JSON, editor state, an import) into a QuestionSet. */
export function parseSet(input: unknown): Result<QuestionSet> {
	// valibot takes a list for an object; a set file holding a list is a common mistake.
	if (Array.isArray(input))
		return { ok: false, problems: [{ path: '', message: 'must be an object, not a list' }] };
	const parsed = v.safeParse(SetSchema, input, { abortPipeEarly: true });
	if (!parsed.success) {
		const problems = parsed.issues.map((issue): Problem => {
			const path = pathOf(issue);
			const questionId = questionIdAt(input, path);
			return { path, message: messageOf(issue), ...(questionId ? { questionId } : {}) };
		});
		// Rules beyond the schema still run on the questions that did parse, so a teacher
		// sees every problem in one pass rather than one layer at a time.
		const questions = (input as { questions?: unknown } | null)?.questions;
		if (Array.isArray(questions))
			questions.forEach((raw, i) => {
				const q = v.safeParse(QuestionSchema, raw);
				if (q.success)
					for (const p of questionProblems(q.output))
						problems.push({
							path: `questions[${i}].${p.path}`,
							questionId: q.output.id,
							message: p.message
						});
			});
		return { ok: false, problems };
	}
	const problems = setProblems(parsed.output);
	return problems.length ? { ok: false, problems } : { ok: true, value: parsed.output };
}

/** Question count per type, for overviews and the bank tests. */
export function countByType(set: QuestionSet): Record<Question['type'], number> {
	const counts = {
		mcq: 0,
		multi: 0,
		truefalse: 0,
		short: 0,
		numeric: 0,
		cloze: 0,
		order: 0,
		match: 0,
		flashcard: 0
	};
	for (const q of set.questions) counts[q.type]++;
	return counts;
}
