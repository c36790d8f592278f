// Moodle GIFT in and out. The reader follows Moodle's own importer (qformat_gift) so a
// file that imports there imports here, but it is stricter where Moodle silently guesses
// (an answer without = or ~, a second {…}); what our schema cannot hold (essays,
// descriptions, partial credit) is reported per question as a warning, never dropped
// silently. Our own extras ride in comments Moodle ignores:
//   // [tag:x] [type:cloze|order|flashcard] [unit:km] [computed:true] [hint:…]
//   [difficulty:2] [kind:person] (answer kind) [group:x] (siblings)
// (`[tag:…]` and `[id:…]` are Moodle's own comment tokens).
import { LIMITS, type Question, type QuestionSet } from '../schema';
import { clozeBlanks, parseCloze } from '../cloze';
import type { Problem, Result } from '../problems';
import {
	IdAllocator,
	cleanTags,
	htmlToText,
	label,
	normalizeNewlines,
	validateWithLines,
	type ImportOptions,
	type Imported
} from './shared';

// ---------------------------------------------------------------------------- escapes

// Escaped characters become private-use placeholders first, so every later split can use
// plain string search and still never split on an escaped "~" or "}".
const ESCAPABLE = '\\:#={}~n';
const PLACEHOLDER_BASE = 0xe000;
const RESTORED = ['\\', ':', '#', '=', '{', '}', '~', '\n'];

function protect(text: string): string {
	return text
		.replace(/[\ue000-\ue007]/g, '\ufffd')
		.replace(/\\([\\:#={}~n])/g, (_, c: string) =>
			String.fromCharCode(PLACEHOLDER_BASE + ESCAPABLE.indexOf(c))
		);
}

const restore = (text: string) =>
	text.replace(/[\ue000-\ue007]/g, (c) => RESTORED[c.charCodeAt(0) - PLACEHOLDER_BASE]!);

/** Escapes GIFT's special characters (and new lines) in one piece of text. */
export function escapeGift(text: string): string {
	const escaped = text
		.replace(/\r\n?/g, '\n')
		.replace(/[\\:#={}~]/g, (c) => `\\${c}`)
		.replace(/\n/g, '\\n');
	// A leading "[html]" would be read as a format marker: say it is plain text.
	return /^\s*\[(html|plain|markdown|moodle)\]/i.test(escaped) ? `[plain]${escaped}` : escaped;
}

// ---------------------------------------------------------------------------- reading

type TextFormat = 'plain' | 'html' | 'markdown' | 'moodle';

function splitFormat(text: string, inherited: TextFormat): { format: TextFormat; text: string } {
	const m = /^\s*\[(html|plain|markdown|moodle)\]/i.exec(text);
	if (!m) return { format: inherited, text };
	return { format: m[1]!.toLowerCase() as TextFormat, text: text.slice(m[0].length) };
}

/** Protected GIFT text → our plain text. HTML is reduced to its text, never interpreted. */
function toText(raw: string, format: TextFormat, trim = true): string {
	const own = splitFormat(raw, format);
	const text = restore(own.format === 'html' ? htmlToText(own.text) : own.text);
	return trim ? text.trim() : text;
}

interface Block {
	/** 1-based line of the question's first non-comment line. */
	line: number;
	comments: string;
	text: string;
}

function blocks(text: string): Block[] {
	const out: Block[] = [];
	let comments: string[] = [];
	let body: string[] = [];
	let first = 0;
	const flush = () => {
		const joined = body.join('\n').trim();
		if (joined) out.push({ line: first, comments: comments.join('\n'), text: joined });
		comments = [];
		body = [];
		first = 0;
	};
	const lines = text.split('\n');
	lines.forEach((line, i) => {
		const t = line.trim();
		if (!t) return flush();
		if (t.startsWith('//')) return void comments.push(t);
		if (!first) first = i + 1;
		body.push(line);
	});
	flush();
	return out;
}

interface Tokens {
	id?: string;
	tags: string[];
	type?: string;
	unit?: string;
	hint?: string;
	computed?: boolean;
	difficulty?: number;
	kind?: string;
	group?: string;
}

function commentTokens(comments: string): Tokens {
	const tokens: Tokens = { tags: [] };
	for (const m of comments.matchAll(
		/\[(id|tag|type|unit|hint|computed|difficulty|kind|group):((?:\\\]|[^\]\n])*)\]/g
	)) {
		const value = m[2]!.replace(/\\\]/g, ']').trim();
		if (!value) continue;
		if (m[1] === 'tag') tokens.tags.push(value);
		else if (m[1] === 'id') tokens.id ??= value;
		else if (m[1] === 'type') tokens.type ??= value.toLowerCase();
		else if (m[1] === 'unit') tokens.unit ??= value;
		else if (m[1] === 'hint') tokens.hint ??= value;
		else if (m[1] === 'computed') tokens.computed ??= value === 'true';
		else if (m[1] === 'kind') tokens.kind ??= value.toLowerCase();
		else if (m[1] === 'group') tokens.group ??= value;
		else if (/^[123]$/.test(value)) tokens.difficulty ??= Number(value);
	}
	return tokens;
}

/** Moodle category path → tags: each segment, without `$course$`-style roots and "top". */
function categoryTags(path: string): string[] {
	return path
		.replace(/\/\//g, '\ue00f' /* a literal "/" */)
		.split('/')
		.map((s) => restore(s.replace(/\ue00f/g, '/')).trim())
		.filter((s) => s && !/^\$\w+\$$/.test(s) && s.toLowerCase() !== 'top');
}

interface Answer {
	text: string;
	weight: number;
	feedback: string;
}

class GiftError extends Error {}

/** Splits `=a#f ~%50%b` into answers; anything before the first marker is an error. */
function markedAnswers(
	body: string,
	markers: RegExp,
	defaultWeight: (m: string) => number
): Answer[] {
	const parts = body.split(markers);
	const lead = parts.shift()!.trim();
	if (lead) throw new GiftError(`"${restore(lead)}" has no = (right) or ~ (wrong) before it`);
	const marks = body.match(markers) ?? [];
	return parts.map((part, i) => {
		let text = part.trim();
		let weight = defaultWeight(marks[i]!);
		const w = /^%(-?\d+(?:\.\d*)?)%/.exec(text);
		if (w) {
			weight = Number(w[1]);
			if (weight > 100 || weight < -100)
				throw new GiftError(`weight ${w[1]}% is outside -100%…100%`);
			text = text.slice(w[0].length);
		}
		const hash = text.indexOf('#');
		const feedback = hash >= 0 ? text.slice(hash + 1) : '';
		return { text: hash >= 0 ? text.slice(0, hash) : text, weight, feedback };
	});
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const tidy = (n: number) => Number(n.toPrecision(12));

function parseNumber(s: string, what: string): number {
	const t = restore(s).trim();
	if (!NUMBER.test(t)) throw new GiftError(`${what} "${t}" is not a number`);
	return Number(t);
}

type Draft = Record<string, unknown> & { type: Question['type'] };

interface Parsed {
	name?: string;
	line: number;
	question: Draft;
}

/** Explanation from general feedback, else the first per-answer feedback; warns on the rest. */
function explanationFrom(
	general: string,
	candidates: string[],
	warn: (m: string) => void
): string | undefined {
	const rest = [...new Set(candidates.filter(Boolean))];
	const explanation = general || rest.shift();
	if (rest.length)
		warn(`per-answer feedback kept only as the explanation; not kept: "${rest.join('", "')}"`);
	return explanation || undefined;
}

function readQuestion(
	block: Block,
	categoryTagList: string[],
	warn: (message: string, title: string) => void
): Parsed | undefined {
	let text = protect(block.text);
	let name: string | undefined;
	if (text.startsWith('::')) {
		const end = text.indexOf('::', 2);
		if (end < 0)
			throw new GiftError('the title is not closed; write ::title:: before the question');
		name = restore(text.slice(2, end)).trim();
		text = text.slice(end + 2).trim();
	}
	const open = text.indexOf('{');
	const close = text.indexOf('}');
	const title = label(name, restore(text.replace(/\{[^}]*\}?/, '').slice(0, 80)));
	const note = (m: string) => warn(m, title);
	if (open < 0 && close < 0) {
		note('a description (no answers) cannot be held; skipped');
		return undefined;
	}
	if (open >= 0 && close < 0) throw new GiftError('"{" is not closed');
	if (open < 0 || close < open) throw new GiftError('"}" without an opening "{"');
	let answers = text.slice(open + 1, close);
	if (answers.includes('{')) throw new GiftError('"{" inside the answers is not closed');
	const afterText = text.slice(close + 1);
	if (/[{}]/.test(afterText))
		throw new GiftError('a question holds one {…}; escape other braces as \\{ and \\}');
	const head = splitFormat(text.slice(0, open), 'moodle');
	const format = head.format;
	const before = toText(head.text, format, false);
	const after = toText(afterText, format, false);
	const missingWord = afterText.trim() !== '';
	const prompt = (blank: string) => (before + blank + after).trim();

	let general = '';
	const gf = answers.lastIndexOf('####');
	if (gf >= 0) {
		general = toText(answers.slice(gf + 4), format);
		answers = answers.slice(0, gf);
	}
	answers = answers.replace(/\n/g, ' ').trim();
	const tokens = commentTokens(block.comments);
	const tags = cleanTags([...categoryTagList, ...tokens.tags], note);
	const common = (explanation: string | undefined) => ({
		...(explanation ? { explanation } : {}),
		...(tags ? { tags } : {}),
		...(tokens.difficulty ? { difficulty: tokens.difficulty } : {}),
		...(tokens.group ? { group: tokens.group } : {})
	});
	const shown = prompt(missingWord ? '_____' : '');
	const txt = (s: string) => toText(s, format);
	let question: Draft;

	if (answers === '') {
		note('an essay question (empty {}) cannot be held; skipped');
		return undefined;
	} else if (answers[0] === '#') {
		question = numeric(answers.slice(1), txt, general, note, shown, common);
		if (tokens.unit) question.unit = tokens.unit;
		if (tokens.computed) question.computed = true;
	} else if (answers.includes('~')) {
		question = choice(answers, txt, general, note, shown, common);
	} else if (answers.includes('=') && answers.includes('->')) {
		question = matching(answers, txt, general, note, shown, common, tokens.type === 'order');
	} else {
		const hash = answers.indexOf('#');
		const tf = (hash > 0 ? answers.slice(0, hash) : answers).trim().toUpperCase();
		if (['T', 'TRUE', 'F', 'FALSE'].includes(tf)) {
			const [, wrong = '', right = ''] = answers.split('#');
			question = {
				id: '',
				type: 'truefalse',
				prompt: shown,
				answer: tf[0] === 'T',
				...common(explanationFrom(general, [txt(wrong), txt(right)], note))
			};
		} else {
			const list = markedAnswers(answers, /=/g, () => 100);
			const accepted = list.filter((a) => a.weight === 100);
			const partial = list.filter((a) => a.weight !== 100);
			if (!accepted.length) throw new GiftError('no answer is fully correct (=answer or %100%)');
			if (partial.length)
				note(
					`answers with partial or no credit cannot be held; left out: "${partial.map((a) => txt(a.text)).join('", "')}"`
				);
			const variants = accepted.map((a) => txt(a.text));
			if (variants.some((v) => !v)) throw new GiftError('an answer is empty');
			const explanation = explanationFrom(
				general,
				accepted.map((a) => txt(a.feedback)),
				note
			);
			const one = variants.length === 1 ? variants[0]! : undefined;
			const hint = tokens.hint ? `::${tokens.hint}` : '';
			// A missing word with several right answers is a cloze listing them: {{c1::a|b}}.
			const blank = variants.some((v) => v.includes('|')) ? undefined : variants.join('|');
			const clozeSafe = blank && !/::|\{\{|\}\}/.test(before + blank + after + (tokens.hint ?? ''));
			if (tokens.type === 'flashcard' && one) {
				question = { id: '', type: 'flashcard', prompt: shown, back: one, ...common(explanation) };
			} else if (clozeSafe && (missingWord || tokens.type === 'cloze')) {
				question = {
					id: '',
					type: 'cloze',
					prompt: prompt(`{{c1::${blank}${hint}}}`),
					...common(explanation)
				};
			} else {
				question = {
					id: '',
					type: 'short',
					prompt: shown,
					answers: variants,
					...common(explanation)
				};
			}
		}
	}
	if (tokens.type && tokens.type !== question.type)
		note(`the comment says [type:${tokens.type}], but the answers make it ${question.type}`);
	// The schema checks the value; only these types carry an answer kind.
	if (tokens.kind && ['short', 'numeric', 'flashcard'].includes(question.type))
		question.answerKind = tokens.kind;
	return { name: name || tokens.id, line: block.line, question };
}

type Common = (explanation: string | undefined) => Record<string, unknown>;
type Txt = (s: string) => string;
type Note = (m: string) => void;

function choice(
	answers: string,
	txt: Txt,
	general: string,
	note: Note,
	prompt: string,
	common: Common
): Draft {
	const list = markedAnswers(answers, /[=~]/g, (m) => (m === '=' ? 100 : 0));
	if (list.length < 2) throw new GiftError('a multiple-choice question needs at least 2 answers');
	const options = list.map((a) => txt(a.text));
	if (options.some((o) => !o)) throw new GiftError('an answer is empty');
	const feedback = list.map((a) => txt(a.feedback));
	while (feedback.length && !feedback[feedback.length - 1]) feedback.pop();
	const extra = {
		...common(general || undefined),
		...(feedback.length ? { optionFeedback: feedback } : {})
	};
	const positive = list.flatMap((a, i) => (a.weight > 0 ? [i] : []));
	const full = list.flatMap((a, i) => (a.weight === 100 ? [i] : []));
	const negative = list.some((a) => a.weight < 0);
	if (!positive.length) throw new GiftError('no answer is marked right (=answer or ~%50%answer)');
	if (full.length === 1 && !negative) {
		if (positive.length > 1)
			note(
				`partial credit cannot be held; counted as wrong: "${positive
					.filter((i) => i !== full[0])
					.map((i) => options[i])
					.join('", "')}"`
			);
		return { id: '', type: 'mcq', prompt, options, answer: full[0]!, ...extra };
	}
	if (full.length > 1 && !negative)
		note(
			'several answers are fully right in a one-answer question; imported as "select all that apply"'
		);
	return { id: '', type: 'multi', prompt, options, answers: positive, ...extra };
}

function numeric(
	answers: string,
	txt: Txt,
	general: string,
	note: Note,
	prompt: string,
	common: Common
): Draft {
	let body = answers;
	const candidates: string[] = [];
	const tilde = body.indexOf('~');
	if (tilde >= 0) {
		const wrong = body.slice(tilde + 1).replace(/^\s*%[^%]*%/, '');
		const hash = wrong.indexOf('#');
		candidates.push(txt(hash >= 0 ? wrong.slice(hash + 1) : ''));
		body = body.slice(0, tilde);
	}
	// `{#5:0.5}` is one answer without "="; `{#=5:0.5 =%50%4:1}` lists several.
	const list = markedAnswers(body.includes('=') ? body : `=${body}`, /=/g, () => 100);
	if (!list.length || list.every((a) => !a.text.trim())) throw new GiftError('no numeric answer');
	const values = list.map((a) => {
		const t = a.text.trim();
		if (t === '*') return undefined;
		const range = t.indexOf('..');
		if (range > 0) {
			const min = parseNumber(t.slice(0, range), 'minimum');
			const max = parseNumber(t.slice(range + 2), 'maximum');
			if (min > max) throw new GiftError(`the range ${t} runs backwards`);
			return { answer: tidy((min + max) / 2), tolerance: tidy((max - min) / 2) };
		}
		const colon = t.indexOf(':');
		if (colon > 0) {
			const tolerance = Math.abs(parseNumber(t.slice(colon + 1), 'tolerance'));
			return { answer: parseNumber(t.slice(0, colon), 'answer'), tolerance };
		}
		return { answer: parseNumber(t, 'answer'), tolerance: 0 };
	});
	const first = list.findIndex((a, i) => a.weight === 100 && values[i]);
	if (first < 0) throw new GiftError('no numeric answer is fully correct');
	if (list.length > 1)
		note(
			`several numeric answers; kept only the first fully correct one (${restore(list[first]!.text.trim())})`
		);
	const explanation = explanationFrom(general, [txt(list[first]!.feedback), ...candidates], note);
	return { id: '', type: 'numeric', prompt, ...values[first]!, ...common(explanation) };
}

function matching(
	answers: string,
	txt: Txt,
	general: string,
	note: Note,
	prompt: string,
	common: Common,
	asOrder: boolean
): Draft {
	const list = markedAnswers(answers, /=/g, () => 100);
	const pairs: { left: string; right: string }[] = [];
	const feedback: string[] = [];
	for (const a of list) {
		const arrow = a.text.indexOf('->');
		if (arrow < 0) throw new GiftError(`"${txt(a.text)}" needs "->" between the two sides`);
		const left = txt(a.text.slice(0, arrow));
		const right = txt(a.text.slice(arrow + 2));
		if (!right) throw new GiftError(`"${left}" has nothing after "->"`);
		if (!left)
			note(`an extra right-hand answer with no question cannot be held; left out: "${right}"`);
		else pairs.push({ left, right });
		feedback.push(txt(a.feedback));
	}
	const explanation = explanationFrom(general, feedback, note);
	if (asOrder) {
		const positions = pairs.map((p) => Number(p.right));
		const sorted = [...positions].sort((a, b) => a - b);
		if (sorted.every((n, i) => n === i + 1)) {
			const items: string[] = [];
			pairs.forEach((p, i) => (items[positions[i]! - 1] = p.left));
			return { id: '', type: 'order', prompt, items, ...common(explanation) };
		}
	}
	return { id: '', type: 'match', prompt, pairs, ...common(explanation) };
}

/** Reads GIFT text into a complete, validated set, or the problems with their lines. */
export function parseGift(text: string, opts: ImportOptions = {}): Result<Imported> {
	const problems: Problem[] = [];
	const warnings: Problem[] = [];
	const parsed: (Parsed & { n: number })[] = [];
	let category: string[] = [];
	let n = 0;
	for (const block of blocks(normalizeNewlines(text))) {
		const protectedText = protect(block.text);
		if (/^\$CATEGORY:/i.test(protectedText)) {
			category = categoryTags(protectedText.slice('$CATEGORY:'.length));
			continue;
		}
		n++;
		try {
			const q = readQuestion(block, category, (message, title) =>
				warnings.push({ path: '', line: block.line, message: `question "${title}": ${message}` })
			);
			if (q) parsed.push({ ...q, n });
		} catch (e) {
			if (!(e instanceof GiftError)) throw e;
			problems.push({ path: '', line: block.line, message: e.message });
		}
	}
	if (problems.length) return { ok: false, problems };
	if (parsed.length > LIMITS.questions)
		return {
			ok: false,
			problems: [{ path: 'questions', message: `at most ${LIMITS.questions} questions` }]
		};
	// Named questions claim their ids first, so an unnamed "q-3" never takes a title's id.
	const ids = new IdAllocator();
	for (const p of parsed) if (p.name) p.question.id = ids.claim(p.name, `q-${p.n}`);
	for (const p of parsed) if (!p.name) p.question.id = ids.claim(`q-${p.n}`, `q-${p.n}`);
	return validateWithLines(
		{
			id: opts.setId ?? 'imported',
			title: opts.title ?? 'Imported questions',
			questions: parsed.map((p) => p.question)
		},
		parsed.map((p) => p.line),
		warnings
	);
}

// ---------------------------------------------------------------------------- writing

const num = (n: number) => String(n);

function percent(n: number): string {
	return String(Math.round(n * 100000) / 100000);
}

function answerLine(marker: string, option: string, feedback: string | undefined): string {
	// An option that itself starts with "%" gets an explicit weight so it is not read as one.
	const mark =
		option.startsWith('%') && !marker.includes('%')
			? `${marker}%${marker === '=' ? 100 : 0}%`
			: marker;
	return `${mark}${escapeGift(option)}${feedback ? `#${escapeGift(feedback)}` : ''}`;
}

interface Written {
	/** Already escaped question text (before the answers, for a missing word). */
	text: string;
	answers: string[];
	explanation: string | undefined;
	/** One answer per line, for choices and pairs. */
	list?: boolean;
	/** Missing word: the escaped text after the answers; the answers sit where the blank is. */
	after?: string;
}

function write(head: string, w: Written): string {
	const gf = w.explanation ? `####${escapeGift(w.explanation)}` : '';
	if (w.list)
		return `${head}${w.text} {\n${w.answers.map((a) => `\t${a}`).join('\n')}${gf ? `\n\t${gf}` : ''}\n}`;
	const inner = [...w.answers, gf].filter(Boolean).join(' ');
	if (w.after !== undefined) return `${head}${w.text}{${inner}}${w.after}`;
	return `${head}${w.text} {${inner}}`;
}

/** The GIFT for one question (after a comment line with our extras, when it has any). */
function questionToGift(q: Question, id: string): string {
	const tokens: string[] = [];
	const token = (name: string, value: string) =>
		tokens.push(`[${name}:${value.replace(/\]/g, '\\]')}]`);
	for (const t of q.tags ?? []) token('tag', t);
	if (q.type === 'cloze' || q.type === 'order' || q.type === 'flashcard') token('type', q.type);
	if (q.type === 'numeric' && q.unit) token('unit', q.unit);
	if (q.type === 'numeric' && q.computed) token('computed', 'true');
	const hint = q.type === 'cloze' ? clozeBlanks(q.prompt)[0]?.hint : undefined;
	if (hint && clozeBlanks(q.prompt).length === 1) token('hint', hint);
	if (q.difficulty) token('difficulty', String(q.difficulty));
	if ((q.type === 'short' || q.type === 'numeric' || q.type === 'flashcard') && q.answerKind)
		token('kind', q.answerKind);
	if (q.group) token('group', q.group);
	const head = `${tokens.length ? `// ${tokens.join(' ')}\n` : ''}::${id}::`;
	const base = { text: escapeGift(q.prompt), explanation: q.explanation };
	switch (q.type) {
		case 'mcq':
			return write(head, {
				...base,
				list: true,
				answers: q.options.map((o, i) =>
					answerLine(i === q.answer ? '=' : '~', o, q.optionFeedback?.[i])
				)
			});
		case 'multi': {
			// Moodle's "multiple answers": right ones share 100%, a wrong one costs it all.
			const right = `~%${percent(100 / q.answers.length)}%`;
			return write(head, {
				...base,
				list: true,
				answers: q.options.map((o, i) =>
					answerLine(q.answers.includes(i) ? right : '~%-100%', o, q.optionFeedback?.[i])
				)
			});
		}
		case 'truefalse':
			return write(head, { ...base, answers: [q.answer ? 'TRUE' : 'FALSE'] });
		case 'short':
			return write(head, { ...base, answers: q.answers.map((a) => `=${escapeGift(a)}`) });
		case 'numeric':
			return write(head, {
				...base,
				answers: [`#${num(q.answer)}${q.tolerance ? `:${num(q.tolerance)}` : ''}`]
			});
		case 'flashcard':
			// GIFT has no flashcard: a short answer is the nearest thing Moodle can ask.
			return write(head, { ...base, answers: [`=${escapeGift(q.back)}`] });
		case 'match':
			return write(head, {
				...base,
				list: true,
				answers: q.pairs.map((p) => `=${escapeGift(p.left)} -> ${escapeGift(p.right)}`)
			});
		case 'order':
			// GIFT has no ordering type: matching each item to its position is the same
			// exercise in Moodle, and [type:order] brings it back as an order question here.
			return write(head, {
				...base,
				list: true,
				answers: q.items.map((item, i) => `=${escapeGift(item)} -> ${i + 1}`)
			});
		case 'cloze': {
			// One blank: Moodle's "missing word" short answer, the answer where the blank was.
			const parts = parseCloze(q.prompt);
			const i = parts.findIndex((p) => p.kind === 'blank');
			const blank = parts[i];
			const plain = (list: typeof parts) =>
				escapeGift(list.map((p) => (p.kind === 'text' ? p.text : p.answer)).join(''));
			if (!blank || blank.kind !== 'blank') return write(head, { ...base, answers: [] });
			return write(head, {
				text: plain(parts.slice(0, i)),
				answers: (blank.accepted ?? [blank.answer]).map((a) => `=${escapeGift(a)}`),
				explanation: q.explanation,
				after: plain(parts.slice(i + 1)).replace(/^\[plain\]/, '')
			});
		}
	}
}

/**
 * Cloze questions with several blanks become one missing-word question per cloze number
 * (Anki's own reading: c1 and c2 are separate cards), the other numbers shown filled in.
 */
function splitCloze(q: Extract<Question, { type: 'cloze' }>): Question[] {
	const numbers = [...new Set(clozeBlanks(q.prompt).map((b) => b.n))];
	if (numbers.length <= 1 && clozeBlanks(q.prompt).length <= 1) return [q];
	return numbers.map((n, k) => {
		let first = true;
		const prompt = parseCloze(q.prompt)
			.map((p) => {
				if (p.kind === 'text') return p.text;
				if (p.n !== n) return p.answer;
				if (first) {
					first = false;
					return `{{c1::${p.answer}}}`;
				}
				return '_____';
			})
			.join('');
		return { ...q, id: k === 0 ? q.id : `${q.id}-c${n}`, prompt };
	});
}

/** What GIFT cannot carry from a set: say it before a teacher relies on the file. */
export function giftExportWarnings(set: QuestionSet): Problem[] {
	const out: Problem[] = [];
	set.questions.forEach((q, i) => {
		const at = { path: `questions[${i}]`, questionId: q.id };
		if (q.type === 'cloze') {
			const blanks = clozeBlanks(q.prompt);
			if (blanks.length > 1)
				out.push({
					...at,
					message: `cloze with ${blanks.length} blanks written as one missing-word question per blank number`
				});
			if (blanks.length > 1 && blanks.some((b) => b.hint))
				out.push({
					...at,
					message: 'hints of a cloze with several blanks are not carried by GIFT'
				});
		}
		if ((q.type === 'mcq' || q.type === 'multi') && q.shuffle === false)
			out.push({ ...at, message: '"keep options in order" is not carried by GIFT' });
		if (q.type === 'match' && q.pairs.some((p) => p.left.includes('->')))
			out.push({ ...at, message: 'a left side holding "->" will be split there by Moodle' });
	});
	return out;
}

/** Writes a set as GIFT that Moodle imports; `parseGift` reads it back to the same questions. */
export function toGift(set: QuestionSet): string {
	const header = `// ${set.title.replace(/\s+/g, ' ')}\n// ${set.questions.length} questions, exported from Studydeck (set ${set.id})\n`;
	const taken = new Set(set.questions.map((q) => q.id));
	const parts = set.questions.flatMap((q) => {
		const list = q.type === 'cloze' ? splitCloze(q) : [q];
		return list.map((one, k) => {
			let id = one.id;
			if (k > 0) for (let n = 2; taken.has(id); n++) id = `${one.id}-${n}`;
			taken.add(id);
			return questionToGift(one, id);
		});
	});
	return `${header}\n${parts.join('\n\n')}\n`;
}
