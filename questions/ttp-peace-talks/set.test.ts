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
});
