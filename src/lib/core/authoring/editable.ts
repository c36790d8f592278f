// The editor's own shape of a set: every field a form can hold, in any state (a half-typed
// number, an empty option, a question without a correct answer). It is what autosave
// stores as a draft; `toInput` turns it into schema input, and `parseSet` — the one gate
// (ARCHITECTURE.md "Layers") — says what is wrong and where. Pure: no DOM, no storage, no clock.
import {
	ANSWER_KINDS,
	QUESTION_TYPES,
	type AnswerKindName,
	type Question,
	type QuestionSet,
	type QuestionType
} from '$lib/core/bank/schema';
import { richFor } from '$lib/core/bank/rich-text';

export interface EditablePair {
	left: string;
	right: string;
}

export interface EditableQuestion {
	/** Stable id for keyed lists while the question id may repeat or be empty. Not saved. */
	key: string;
	id: string;
	type: QuestionType;
	prompt: string;
	/** mcq and multi. */
	options: string[];
	/** Per-option feedback carried over from imports; kept aligned with `options`. */
	optionFeedback: string[];
	/** Indexes of the correct options: the first one for mcq, all for multi. */
	correct: number[];
	/** "Keep options in this order" (schema `shuffle: false`). */
	keepOrder: boolean;
	/** truefalse. */
	truth: boolean;
	/** short: accepted answers, the first is shown. */
	answers: string[];
	/** numeric, as typed. */
	numAnswer: string;
	tolerance: string;
	unit: string;
	computed: boolean;
	/** order, in the correct order. */
	items: string[];
	pairs: EditablePair[];
	/** flashcard. */
	back: string;
	/** short, numeric and flashcard: what kind of thing the answer is; '' = read from the wording. */
	answerKind: AnswerKindName | '';
	/** Sibling group name; '' = none. */
	group: string;
	/** Comma-separated. */
	tags: string;
	/** 0 = not set. */
	difficulty: 0 | 1 | 2 | 3;
	explanation: string;
	quote: string;
	/** Formatted forms (schema `rich`), not edited here: kept while their text is unchanged. */
	rich?: Record<string, string>;
}

export interface EditableSet {
	id: string;
	version: number;
	title: string;
	description: string;
	language: string;
	sourceTitle: string;
	sourcePublisher: string;
	sourceUrl: string;
	sourceDate: string;
	sourceText: string;
	questions: EditableQuestion[];
}

let keys = 0;
/** A fresh list key; only needs to be unique within one page's life. */
export const newKey = () => `k${++keys}`;

export function blankQuestion(type: QuestionType, id: string): EditableQuestion {
	return {
		key: newKey(),
		id,
		type,
		prompt: '',
		options: type === 'multi' ? ['', '', ''] : ['', ''],
		optionFeedback: [],
		correct: type === 'mcq' ? [0] : [],
		keepOrder: false,
		truth: true,
		answers: [''],
		numAnswer: '',
		tolerance: '',
		unit: '',
		computed: false,
		items: ['', ''],
		pairs: [
			{ left: '', right: '' },
			{ left: '', right: '' }
		],
		back: '',
		answerKind: '',
		group: '',
		tags: '',
		difficulty: 0,
		explanation: '',
		quote: ''
	};
}

export function fromQuestion(q: Question): EditableQuestion {
	const e = blankQuestion(q.type, q.id);
	e.prompt = q.prompt;
	e.tags = (q.tags ?? []).join(', ');
	e.difficulty = q.difficulty ?? 0;
	e.explanation = q.explanation ?? '';
	e.quote = q.source?.quote ?? '';
	e.group = q.group ?? '';
	if (q.rich) e.rich = { ...q.rich };
	if (q.type === 'short' || q.type === 'numeric' || q.type === 'flashcard')
		e.answerKind = q.answerKind ?? '';
	switch (q.type) {
		case 'mcq':
		case 'multi':
			e.options = [...q.options];
			e.optionFeedback = q.options.map((_, i) => q.optionFeedback?.[i] ?? '');
			e.correct = q.type === 'mcq' ? [q.answer] : [...q.answers];
			e.keepOrder = q.shuffle === false;
			break;
		case 'truefalse':
			e.truth = q.answer;
			break;
		case 'short':
			e.answers = [...q.answers];
			break;
		case 'numeric':
			e.numAnswer = String(q.answer);
			e.tolerance = q.tolerance ? String(q.tolerance) : '';
			e.unit = q.unit ?? '';
			e.computed = q.computed ?? false;
			break;
		case 'order':
			e.items = [...q.items];
			break;
		case 'match':
			e.pairs = q.pairs.map((p) => ({ ...p }));
			break;
		case 'flashcard':
			e.back = q.back;
			break;
	}
	return e;
}

export function fromSet(set: QuestionSet): EditableSet {
	return {
		id: set.id,
		version: set.version,
		title: set.title,
		description: set.description ?? '',
		language: set.language,
		sourceTitle: set.source?.title ?? '',
		sourcePublisher: set.source?.publisher ?? '',
		sourceUrl: set.source?.url ?? '',
		sourceDate: set.source?.date ?? '',
		sourceText: set.sourceText ?? '',
		questions: set.questions.map(fromQuestion)
	};
}

/** A number as a teacher types it: "1.5", "1,5" (decimal comma), "4,500" or "4 500". */
export function parseNumber(text: string): number | string {
	let s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
	if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
	else if (/^[-+]?\d*,\d+$/.test(s)) s = s.replace(',', '.');
	if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return text; // the schema says "must be a number"
	return Number(s);
}

/** Comma-separated tags → a list (empty entries dropped). */
export const splitTags = (tags: string) =>
	tags
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);

const given = (s: string) => s.trim() !== '';

/** One question as schema input. Optional fields left empty are omitted, not sent blank. */
export function questionInput(q: EditableQuestion): Record<string, unknown> {
	const out: Record<string, unknown> = { id: q.id, type: q.type, prompt: q.prompt };
	switch (q.type) {
		case 'mcq':
		case 'multi': {
			out.options = [...q.options];
			if (q.type === 'mcq') {
				if (q.correct.length) out.answer = q.correct[0];
			} else out.answers = [...q.correct].sort((a, b) => a - b);
			const feedback = q.options.map((_, i) => q.optionFeedback[i] ?? '');
			while (feedback.length && !given(feedback[feedback.length - 1]!)) feedback.pop();
			if (feedback.length) out.optionFeedback = feedback;
			if (q.keepOrder) out.shuffle = false;
			break;
		}
		case 'truefalse':
			out.answer = q.truth;
			break;
		case 'short':
			out.answers = [...q.answers];
			break;
		case 'numeric':
			if (given(q.numAnswer)) out.answer = parseNumber(q.numAnswer);
			if (given(q.tolerance)) out.tolerance = parseNumber(q.tolerance);
			if (given(q.unit)) out.unit = q.unit;
			if (q.computed) out.computed = true;
			break;
		case 'order':
			out.items = [...q.items];
			break;
		case 'match':
			out.pairs = q.pairs.map((p) => ({ left: p.left, right: p.right }));
			break;
		case 'flashcard':
			out.back = q.back;
			break;
	}
	if ((q.type === 'short' || q.type === 'numeric' || q.type === 'flashcard') && q.answerKind)
		out.answerKind = q.answerKind;
	if (given(q.explanation)) out.explanation = q.explanation;
	if (given(q.quote)) out.source = { quote: q.quote };
	if (given(q.group)) out.group = q.group.trim();
	const tags = splitTags(q.tags);
	if (tags.length) out.tags = tags;
	if (q.difficulty) out.difficulty = q.difficulty;
	// A formatted form goes back only while it says what its edited text says.
	const texts: Record<string, string> = {
		prompt: q.prompt,
		back: q.type === 'flashcard' ? q.back : '',
		explanation: q.explanation
	};
	const rich = Object.fromEntries(
		Object.entries(q.rich ?? {}).filter(
			([k, html]) => texts[k] !== undefined && richFor(texts[k], html) !== undefined
		)
	);
	if (Object.keys(rich).length) out.rich = rich;
	return out;
}

/** The set fields only (no questions), as schema input. */
export function headerInput(s: EditableSet): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: s.id,
		version: s.version,
		title: s.title,
		language: s.language || 'en'
	};
	if (given(s.description)) out.description = s.description;
	if ([s.sourceTitle, s.sourcePublisher, s.sourceUrl, s.sourceDate].some(given)) {
		const source: Record<string, string> = { title: s.sourceTitle };
		if (given(s.sourcePublisher)) source.publisher = s.sourcePublisher;
		if (given(s.sourceUrl)) source.url = s.sourceUrl;
		if (given(s.sourceDate)) source.date = s.sourceDate;
		out.source = source;
	}
	if (given(s.sourceText)) out.sourceText = s.sourceText;
	return out;
}

export function setInput(s: EditableSet): Record<string, unknown> {
	return { ...headerInput(s), questions: s.questions.map(questionInput) };
}

// ------------------------------------------------------------------------ reading drafts

const isObj = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' ? x : '');
const strs = (x: unknown) => (Array.isArray(x) ? x.map(str) : []);

/**
 * A stored draft back into an EditableSet, tolerating anything (an older editor's draft, a
 * damaged record): unknown fields are dropped, missing ones take their blank value.
 * Undefined when it is not a draft at all.
 */
export function readDraft(value: unknown): EditableSet | undefined {
	if (!isObj(value) || typeof value.id !== 'string' || !Array.isArray(value.questions))
		return undefined;
	const questions: EditableQuestion[] = [];
	for (const raw of value.questions) {
		if (!isObj(raw)) continue;
		const type = (QUESTION_TYPES as readonly unknown[]).includes(raw.type)
			? (raw.type as QuestionType)
			: 'flashcard';
		const q = blankQuestion(type, str(raw.id));
		q.prompt = str(raw.prompt);
		if (Array.isArray(raw.options)) q.options = strs(raw.options);
		q.optionFeedback = strs(raw.optionFeedback);
		q.correct = Array.isArray(raw.correct)
			? raw.correct.filter((n): n is number => Number.isInteger(n) && n >= 0)
			: q.correct;
		q.keepOrder = raw.keepOrder === true;
		q.truth = raw.truth !== false;
		if (Array.isArray(raw.answers)) q.answers = strs(raw.answers);
		q.numAnswer = str(raw.numAnswer);
		q.tolerance = str(raw.tolerance);
		q.unit = str(raw.unit);
		q.computed = raw.computed === true;
		if (Array.isArray(raw.items)) q.items = strs(raw.items);
		if (Array.isArray(raw.pairs))
			q.pairs = raw.pairs.map((p) => ({
				left: isObj(p) ? str(p.left) : '',
				right: isObj(p) ? str(p.right) : ''
			}));
		q.back = str(raw.back);
		q.answerKind = (ANSWER_KINDS as readonly unknown[]).includes(raw.answerKind)
			? (raw.answerKind as AnswerKindName)
			: '';
		q.group = str(raw.group);
		q.tags = str(raw.tags);
		q.difficulty = ([1, 2, 3] as unknown[]).includes(raw.difficulty)
			? (raw.difficulty as 1 | 2 | 3)
			: 0;
		q.explanation = str(raw.explanation);
		q.quote = str(raw.quote);
		if (isObj(raw.rich))
			q.rich = Object.fromEntries(
				Object.entries(raw.rich).filter((e): e is [string, string] => typeof e[1] === 'string')
			);
		questions.push(q);
	}
	return {
		id: value.id,
		version: typeof value.version === 'number' ? value.version : 1,
		title: str(value.title),
		description: str(value.description),
		language: str(value.language) || 'en',
		sourceTitle: str(value.sourceTitle),
		sourcePublisher: str(value.sourcePublisher),
		sourceUrl: str(value.sourceUrl),
		sourceDate: str(value.sourceDate),
		sourceText: str(value.sourceText),
		questions
	};
}
