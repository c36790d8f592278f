// Quality checks for the bundled "ttp-peace-talks" set. The set is loaded exactly as the
// CLI loads it (set.json + source.txt through assembleSet), and every rule loops over all
// questions, so a broken or careless edit to the data fails here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleSet, SET_FILE, SOURCE_FILE } from '../../src/lib/core/bank/load.ts';
import { clozeBlanks, clozeMasked } from '../../src/lib/core/bank/cloze.ts';
import { findQuote, foldForQuote, paragraphs } from '../../src/lib/core/bank/text.ts';
import { countByType } from '../../src/lib/core/bank/validate.ts';
import { promptKind } from '../../src/lib/core/bank/answer-kind.ts';
import type { Question, QuestionSet, QuestionType } from '../../src/lib/core/bank/schema.ts';

const dir = dirname(fileURLToPath(import.meta.url));
const json = readFileSync(join(dir, SET_FILE), 'utf8');
const sourceText = readFileSync(join(dir, SOURCE_FILE), 'utf8');
const result = assembleSet(json, sourceText);

function loaded(): QuestionSet {
	if (!result.ok) throw new Error(`set does not parse: ${JSON.stringify(result.problems)}`);
	return result.value;
}

const MIN_TOTAL = 90;
const MIN_BY_TYPE: Record<QuestionType, number> = {
	mcq: 15,
	truefalse: 10,
	short: 10,
	numeric: 8,
	cloze: 10,
	multi: 5,
	order: 3,
	match: 3,
	flashcard: 15
};
const MIN_CITATIONS_PER_PARAGRAPH = 3;
/** One sentence of the article feeds at most this many questions (the review found 9). */
const MAX_QUESTIONS_PER_SENTENCE = 4;
/**
 * Names every question of this set uses (the article's subject): a prompt naming them
 * gives nothing away. Any other answer shown in another question's prompt is a leak,
 * unless the two are siblings (same `group`), which a quiz does not ask together.
 */
const TOPIC_NAMES = ['TTP', 'Taliban', 'Afghan Taliban', 'Pakistan', 'Islamabad', 'ceasefire'];
/** The article's argument, not only its facts: each passage must be quoted by a question. */
const MUST_QUOTE = [
	'it is uncertain if the Taliban has been anything but self-serving in this process',
	'the ceasefire has not been strictly observed',
	'few details of the negotiations have emerged',
	'two days of indirect peace talks',
	'hold the TTP accountable',
	'reassessing their ambitions',
	'previously engaged in peace negotiations to no avail',
	'allegiance to and admiration'
];
const ALLOWED_TAGS = new Set([
	'actors',
	'demands',
	'violence',
	'timeline',
	'numbers',
	'motives',
	'economy',
	'history'
]);
/** Terms a student must know; each needs a glossary flashcard whose front names it. */
const GLOSSARY_TERMS = [
	'TTP',
	'FATA',
	'ISIS-K',
	'Haqqani Network',
	'Sirajuddin Haqqani',
	'Khyber Pakhtunkhwa',
	'Paktika',
	'Baluchistan',
	'Pakistan Institute for Conflict and Security Studies',
	'Omar Khalid Khorasani',
	'Molvi Faqir Muhammad'
];

/** Case-, whitespace- and quote-style-insensitive form used for containment checks. */
const norm = (s: string) => foldForQuote(s).toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `needle` occurs in `hay` as a whole phrase (not inside a longer word or number). */
function containsPhrase(hay: string, needle: string): boolean {
	const n = norm(needle);
	if (!n) return false;
	return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`, 'u').test(norm(hay));
}

/** The answer texts a student could read off the prompt if the prompt gave them away. */
function answerTexts(q: Question): string[] {
	switch (q.type) {
		case 'mcq':
			return [q.options[q.answer]!];
		case 'multi':
			return q.answers.map((i) => q.options[i]!);
		case 'short':
			return q.answers;
		case 'numeric':
			return [String(q.answer)];
		case 'flashcard':
			return [q.back];
		case 'cloze':
			return clozeBlanks(q.prompt).map((b) => b.answer);
		default:
			return [];
	}
}

/** The article's sentences (abbreviations such as "U.N." and "U.S." are followed by lower case). */
const sentences = (paragraph: string) => paragraph.split(/(?<=[.!?][”"’]?)\s+(?=[A-Z“"])/);

/** Indices of the sentences of `paragraph` that `quote` overlaps. */
function sentencesQuoted(paragraph: string, quote: string): number[] {
	const fold = (s: string) => foldForQuote(s).replace(/\s+/g, ' ').trim();
	const para = fold(paragraph);
	const start = para.indexOf(fold(quote));
	if (start < 0) return [];
	const end = start + fold(quote).length;
	const out: number[] = [];
	let from = 0;
	sentences(paragraph).forEach((s, i) => {
		const a = para.indexOf(fold(s), from);
		const b = a + fold(s).length;
		from = b;
		if (start < b && end > a) out.push(i);
	});
	return out;
}

/** The one answer a question shows as right (for leaks and duplicates). */
function primaryAnswer(q: Question): string | undefined {
	switch (q.type) {
		case 'mcq':
			return q.options[q.answer];
		case 'short':
			return q.answers[0];
		case 'numeric':
			return `${q.answer} ${q.unit ?? ''}`.trim();
		case 'cloze':
			return clozeBlanks(q.prompt)
				.map((b) => b.answer)
				.join(' / ');
		case 'flashcard':
			return q.back;
		default:
			return undefined;
	}
}

/** Like containsPhrase, but a hyphen joins words: "ISIS" is not inside "ISIS-K". */
function showsWord(hay: string, needle: string): boolean {
	const n = norm(needle).replace(/^(the|a|an) /, '');
	return new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(n)}(?![\\p{L}\\p{N}-])`, 'u').test(
		norm(hay)
	);
}

/** The prompt as the student sees it before answering. */
const shownPrompt = (q: Question) => (q.type === 'cloze' ? clozeMasked(q.prompt) : q.prompt);

/** Every text a student sees except the quote (where the article's own typos may stay). */
function ownTexts(q: Question): string[] {
	const texts = [q.id, q.prompt, q.explanation ?? '', ...(q.tags ?? [])];
	switch (q.type) {
		case 'mcq':
		case 'multi':
			texts.push(...q.options, ...(q.optionFeedback ?? []).map((f) => f ?? ''));
			break;
		case 'short':
			texts.push(...q.answers);
			break;
		case 'numeric':
			texts.push(q.unit ?? '');
			break;
		case 'order':
			texts.push(...q.items);
			break;
		case 'match':
			texts.push(...q.pairs.flatMap((p) => [p.left, p.right]));
			break;
		case 'flashcard':
			texts.push(q.back);
			break;
	}
	return texts;
}

describe('ttp-peace-talks set', () => {
	it('parses through assembleSet with no problems', () => {
		expect(result.ok ? [] : result.problems).toEqual([]);
		expect(loaded().id).toBe('ttp-peace-talks');
		expect(loaded().sourceText).toBeTruthy();
	});

	it('source.txt holds only the article body (no title line, no page furniture)', () => {
		const set = loaded();
		const paras = paragraphs(sourceText);
		// The article body is nine paragraphs (title line and "Daily Dose" furniture left out).
		expect(paras.length).toBe(9);
		expect(paras[0]).toMatch(/^Following two days of indirect peace talks/);
		expect(sourceText).not.toContain('Daily Dose');
		expect(sourceText).not.toContain('View Archive');
		expect(sourceText).not.toContain(set.title);
	});

	it(`has at least ${MIN_TOTAL} questions`, () => {
		expect(loaded().questions.length).toBeGreaterThanOrEqual(MIN_TOTAL);
	});

	it('meets the minimum count for every question type', () => {
		const counts = countByType(loaded());
		for (const [type, min] of Object.entries(MIN_BY_TYPE)) {
			expect(counts[type as QuestionType], `${type} questions`).toBeGreaterThanOrEqual(min);
		}
	});

	it('has distinct, lowercase, descriptive ids', () => {
		const ids = loaded().questions.map((q) => q.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id, id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
	});

	it('quotes every question verbatim from a single paragraph', () => {
		const set = loaded();
		const paras = paragraphs(set.sourceText!);
		const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
		for (const q of set.questions) {
			const quote = q.source?.quote;
			expect(quote, `${q.id} has a source quote`).toBeTruthy();
			const at = findQuote(paras, quote!);
			expect(at, `${q.id}: quote found in the source`).toBeGreaterThanOrEqual(0);
			// Stricter than findQuote: the same characters, curly quotes and dashes included.
			expect(collapse(paras[at]!).includes(collapse(quote!)), `${q.id}: quote is exact`).toBe(true);
		}
	});

	it(`cites every paragraph of the source in at least ${MIN_CITATIONS_PER_PARAGRAPH} questions`, () => {
		const set = loaded();
		const paras = paragraphs(set.sourceText!);
		const cited = paras.map(() => 0);
		for (const q of set.questions) {
			const at = q.source?.quote ? findQuote(paras, q.source.quote) : -1;
			if (at >= 0) cited[at]!++;
		}
		cited.forEach((n, i) => {
			expect(n, `paragraph ${i + 1} citations`).toBeGreaterThanOrEqual(MIN_CITATIONS_PER_PARAGRAPH);
		});
	});

	it('never gives the answer away in the prompt', () => {
		for (const q of loaded().questions) {
			const shown = shownPrompt(q);
			for (const answer of answerTexts(q)) {
				expect(containsPhrase(shown, answer), `${q.id}: prompt contains "${answer}"`).toBe(false);
			}
		}
	});

	it('has distinct options in every mcq and multi question', () => {
		for (const q of loaded().questions) {
			if (q.type !== 'mcq' && q.type !== 'multi') continue;
			const options = q.options.map(norm);
			expect(new Set(options).size, `${q.id} options`).toBe(options.length);
			expect(q.options.length, `${q.id} option count`).toBeGreaterThanOrEqual(3);
			expect(q.options.length, `${q.id} option count`).toBeLessThanOrEqual(5);
		}
	});

	it('varies the position of the correct mcq option', () => {
		const positions = loaded()
			.questions.filter((q) => q.type === 'mcq')
			.map((q) => q.answer);
		const share = (i: number) => positions.filter((p) => p === i).length / positions.length;
		expect(new Set(positions).size).toBeGreaterThanOrEqual(3);
		for (const p of new Set(positions)) expect(share(p), `answer index ${p}`).toBeLessThan(0.5);
	});

	it('balances true and false statements', () => {
		const answers = loaded()
			.questions.filter((q) => q.type === 'truefalse')
			.map((q) => q.answer);
		const trueShare = answers.filter(Boolean).length / answers.length;
		expect(trueShare).toBeGreaterThanOrEqual(0.35);
		expect(trueShare).toBeLessThanOrEqual(0.65);
	});

	it('takes numeric answers from the quote, or shows the arithmetic when computed', () => {
		for (const q of loaded().questions) {
			if (q.type !== 'numeric') continue;
			const digits = new RegExp(`(?<![\\d.,])${escapeRegExp(String(q.answer))}(?![\\d])`);
			if (q.computed) {
				const ex = q.explanation ?? '';
				expect(digits.test(ex), `${q.id}: explanation shows ${q.answer}`).toBe(true);
				expect(ex, `${q.id}: explanation shows the arithmetic`).toMatch(/\d\s*[+\-−×÷*/]\s*\d/);
			} else {
				expect(digits.test(q.source?.quote ?? ''), `${q.id}: ${q.answer} in its quote`).toBe(true);
			}
		}
	});

	it('keeps the article typo "TPP" inside quotes only', () => {
		const set = loaded();
		const tpp = /\bTPP\b/;
		for (const text of [set.title, set.description ?? '', set.source?.title ?? ''])
			expect(text).not.toMatch(tpp);
		for (const q of set.questions)
			for (const text of ownTexts(q)) expect(text, `${q.id}: "${text}"`).not.toMatch(tpp);
	});

	it('tags, grades and explains every question', () => {
		for (const q of loaded().questions) {
			expect(q.tags?.length, `${q.id} tags`).toBeGreaterThan(0);
			for (const tag of q.tags ?? [])
				expect(ALLOWED_TAGS.has(tag), `${q.id}: tag ${tag}`).toBe(true);
			expect([1, 2, 3], `${q.id} difficulty`).toContain(q.difficulty);
			expect(q.explanation?.trim(), `${q.id} explanation`).toBeTruthy();
		}
	});

	it('has a glossary flashcard for every term a student must know', () => {
		const fronts = loaded()
			.questions.filter((q) => q.type === 'flashcard')
			.map((q) => q.prompt);
		for (const term of GLOSSARY_TERMS)
			expect(
				fronts.some((front) => containsPhrase(front, term)),
				`flashcard for ${term}`
			).toBe(true);
	});

	it(`feeds no sentence of the article into more than ${MAX_QUESTIONS_PER_SENTENCE} questions`, () => {
		const set = loaded();
		const paras = paragraphs(set.sourceText!);
		// The splitter itself: the nine paragraphs hold 36 sentences.
		expect(paras.flatMap(sentences).length).toBe(36);
		const uses = new Map<string, string[]>();
		for (const q of set.questions) {
			const at = findQuote(paras, q.source!.quote);
			const hit = sentencesQuoted(paras[at]!, q.source!.quote);
			expect(hit.length, `${q.id}: quote maps to a sentence`).toBeGreaterThan(0);
			for (const i of hit) {
				const key = `paragraph ${at + 1}, sentence ${i + 1}`;
				uses.set(key, [...(uses.get(key) ?? []), q.id]);
			}
		}
		for (const [key, ids] of uses)
			expect(ids.length, `${key}: ${ids.join(', ')}`).toBeLessThanOrEqual(
				MAX_QUESTIONS_PER_SENTENCE
			);
	});

	it('quotes the article’s argument: thesis, the broken ceasefire, the secretive talks', () => {
		const quotes = loaded().questions.map((q) => norm(q.source?.quote ?? ''));
		for (const passage of MUST_QUOTE)
			expect(
				quotes.some((q) => q.includes(norm(passage))),
				`a question quotes "${passage}"`
			).toBe(true);
		// The title's question, answered in one select-all item.
		const gains = loaded().questions.find(
			(q) => q.type === 'multi' && /taliban gains/i.test(q.prompt)
		);
		expect(gains?.type === 'multi' && gains.answers.length).toBeGreaterThanOrEqual(3);
	});

	it('declares the answer kind of every question asked as generated multiple choice', () => {
		for (const q of loaded().questions) {
			if (q.type !== 'short' && q.type !== 'numeric' && q.type !== 'flashcard') continue;
			expect(q.answerKind, `${q.id} answerKind`).toBeTruthy();
			// A declared kind agrees with a prompt that says what it asks for.
			const asked = q.type === 'short' ? promptKind(q.prompt) : undefined;
			if (asked && !/^who/i.test(q.prompt)) expect(q.answerKind, q.id).toBe(asked);
		}
	});

	it('groups siblings: every group has at least two questions', () => {
		const groups = new Map<string, string[]>();
		for (const q of loaded().questions)
			if (q.group) groups.set(q.group, [...(groups.get(q.group) ?? []), q.id]);
		for (const [group, ids] of groups)
			expect(ids.length, `group ${group}: ${ids.join(', ')}`).toBeGreaterThanOrEqual(2);
	});

	it('never shows one question’s answer in the prompt of another, siblings aside', () => {
		const questions = loaded().questions;
		const topic = new Set(TOPIC_NAMES.map(norm));
		const leaks: string[] = [];
		for (const b of questions) {
			const answer = b.type === 'flashcard' ? undefined : primaryAnswer(b);
			if (!answer || topic.has(norm(answer).replace(/^(the|a|an) /, ''))) continue;
			for (const a of questions) {
				if (a === b || (a.group !== undefined && a.group === b.group)) continue;
				if (showsWord(shownPrompt(a), answer))
					leaks.push(`${a.id} shows "${answer}", the answer to ${b.id}`);
			}
		}
		expect(leaks).toEqual([]);
	});

	it('has no duplicate questions', () => {
		const questions = loaded().questions;
		const words = (s: string) => new Set(norm(s).match(/[\p{L}\p{N}]+/gu) ?? []);
		const seen = new Map<string, string>();
		for (const q of questions) {
			// The same type asking for the same answer is the same question.
			const answer = q.type === 'truefalse' ? q.prompt : primaryAnswer(q);
			if (answer !== undefined) {
				const key = `${q.type}|${norm(answer)}`;
				expect(seen.get(key), `${q.id} duplicates ${seen.get(key)}`).toBeUndefined();
				seen.set(key, q.id);
			}
		}
		// And no two prompts share nearly all their words.
		for (let i = 0; i < questions.length; i++)
			for (let j = i + 1; j < questions.length; j++) {
				const a = words(shownPrompt(questions[i]!));
				const b = words(shownPrompt(questions[j]!));
				const shared = [...a].filter((w) => b.has(w)).length;
				const jaccard = shared / (a.size + b.size - shared);
				expect(jaccard, `${questions[i]!.id} ~ ${questions[j]!.id}`).toBeLessThan(0.75);
			}
	});
});
