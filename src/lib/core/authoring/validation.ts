// Inline validation for the editor, from the one schema: each question is checked through
// `parseSet` on its own (so one broken question never hides another's problems), the set
// fields likewise, and ids across the set here. Results are memoized per question, so a
// keystroke re-checks only the question it changed.
import { parseSet } from '$lib/core/bank/validate';
import type { Question, QuestionType } from '$lib/core/bank/schema';
import { headerInput, questionInput, type EditableQuestion, type EditableSet } from './editable';

export interface FieldProblem {
	/** Path relative to the question (`options[2]`) or the set (`source.title`). */
	path: string;
	/** Plain sentence naming the field: "Option 3: empty option". */
	text: string;
}

export interface EditorProblems {
	/** Problems with the set's own fields. */
	set: FieldProblem[];
	/** By question key. */
	questions: Map<string, FieldProblem[]>;
	total: number;
}

const SET_LABELS: Record<string, string> = {
	id: 'Set id',
	version: 'Version',
	title: 'Title',
	description: 'Description',
	language: 'Language',
	'source.title': 'Source title',
	'source.publisher': 'Publisher',
	'source.url': 'Source link',
	'source.date': 'Source date',
	sourceText: 'Source text'
};

function questionLabel(type: QuestionType, path: string): string {
	let m: RegExpExecArray | null;
	if (path === 'prompt')
		return type === 'cloze'
			? 'Text'
			: type === 'truefalse'
				? 'Statement'
				: type === 'flashcard'
					? 'Front'
					: 'Question';
	if ((m = /^options\[(\d+)\]$/.exec(path))) return `Option ${Number(m[1]) + 1}`;
	if ((m = /^items\[(\d+)\]$/.exec(path))) return `Item ${Number(m[1]) + 1}`;
	if ((m = /^pairs\[(\d+)\]\.(left|right)$/.exec(path)))
		return `Pair ${Number(m[1]) + 1}, ${m[2]} side`;
	if ((m = /^pairs\[(\d+)\]$/.exec(path))) return `Pair ${Number(m[1]) + 1}`;
	if ((m = /^tags(\[\d+\])?$/.exec(path))) return 'Tags';
	if (type === 'short' && (m = /^answers\[(\d+)\]$/.exec(path)))
		return `Answer ${Number(m[1]) + 1}`;
	if (path.startsWith('answers')) return type === 'short' ? 'Accepted answers' : 'Correct options';
	if (path === 'answer')
		return type === 'mcq' ? 'Correct option' : type === 'numeric' ? 'Answer' : 'Answer';
	const simple: Record<string, string> = {
		id: 'Id',
		options: 'Options',
		optionFeedback: 'Option feedback',
		items: 'Items',
		pairs: 'Pairs',
		back: 'Back',
		tolerance: 'Tolerance',
		unit: 'Unit',
		difficulty: 'Difficulty',
		answerKind: 'Answer kind',
		group: 'Sibling group',
		explanation: 'Explanation',
		'source.quote': 'Source quote',
		source: 'Source quote'
	};
	return simple[path] ?? path;
}

function friendly(type: QuestionType, path: string, message: string): string {
	if (message === 'missing') {
		if (type === 'mcq' && path === 'answer') return 'choose the correct option';
		if (type === 'numeric' && path === 'answer') return 'enter the answer as a number';
	}
	if (path === 'prompt' && message === 'empty prompt')
		return type === 'cloze' ? 'write the text with a blank' : 'empty';
	return message;
}

function relative(path: string): string {
	return path.replace(/^questions\[0\]\.?/, '');
}

/** Question fields that parseSet needs a set around; the header stands in for it. */
const HOST = { id: 'check', title: 'check' };

export class EditorValidator {
	/** By question key: the last input checked and its problems. One entry per question, so
	 * a keystroke in a set of any size re-checks one question (a size-capped memo keyed by
	 * content used to clear itself past 5,000 entries and re-check every question). */
	#memo = new Map<string, { input: string; list: FieldProblem[] }>();
	#sourceText = '';

	#question(key: string, input: Record<string, unknown>, type: QuestionType, sourceText: string) {
		const json = JSON.stringify(input);
		const hit = this.#memo.get(key);
		if (hit?.input === json) return hit.list;
		const result = parseSet({
			...HOST,
			...(sourceText.trim() ? { sourceText } : {}),
			questions: [input]
		});
		const list = result.ok
			? []
			: result.problems.map((p) => {
					const path = relative(p.path);
					return { path, text: `${questionLabel(type, path)}: ${friendly(type, path, p.message)}` };
				});
		this.#memo.set(key, { input: json, list });
		return list;
	}

	/** Records every question of a set known valid (stored after a whole-set check) as
	 * having no problems, so opening a large set does not check each one again. */
	trust(s: EditableSet): void {
		this.#sourceText = s.sourceText;
		for (const q of s.questions)
			this.#memo.set(q.key, { input: JSON.stringify(questionInput(q)), list: [] });
	}

	check(s: EditableSet): EditorProblems {
		if (s.sourceText !== this.#sourceText) {
			// Quotes are checked against the source text: a new text invalidates every answer.
			this.#memo.clear();
			this.#sourceText = s.sourceText;
		}
		const head = parseSet({ ...headerInput(s), questions: [] });
		const set = head.ok
			? []
			: head.problems.map((p) => ({
					path: p.path,
					text: `${SET_LABELS[p.path] ?? p.path}: ${p.message}`
				}));
		const questions = new Map<string, FieldProblem[]>();
		const seen = new Map<string, number>();
		let total = set.length;
		s.questions.forEach((q, i) => {
			let list = this.#question(q.key, questionInput(q), q.type, s.sourceText);
			const first = seen.get(q.id);
			if (first !== undefined)
				list = [...list, { path: 'id', text: `Id: the same as question ${first + 1}'s id` }];
			else seen.set(q.id, i);
			questions.set(q.key, list);
			total += list.length;
		});
		// Deleted questions leave the memo, so it never outgrows the set.
		if (this.#memo.size > s.questions.length)
			for (const key of this.#memo.keys()) if (!questions.has(key)) this.#memo.delete(key);
		return { set, questions, total };
	}
}

/** The question as the schema outputs it, for the preview; undefined while it has problems. */
export function previewQuestion(q: EditableQuestion): Question | undefined {
	const r = parseSet({ ...HOST, questions: [questionInput(q)] });
	return r.ok ? r.value.questions[0] : undefined;
}
