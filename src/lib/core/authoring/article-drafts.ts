// Draft questions from any article: the NLP library (compromise, passed in so this module
// stays pure and testable, and so the library loads only when a teacher asks) finds
// people, places, organisations, numbers and dates; each becomes a cloze, a "how many"
// question or a true/false statement (a fact, or the fact with one name or number swapped
// for another of the same kind from the article). Every draft quotes its sentence
// verbatim, so it validates against the article as the set's source text.
import type { Question } from '$lib/core/bank/schema';
import { paragraphs } from '$lib/core/bank/text';

interface Offset {
	start: number;
	length: number;
}
interface JsonTerm {
	text: string;
	tags?: string[];
	offset?: Offset;
}
interface JsonItem {
	text: string;
	offset?: Offset;
	terms?: JsonTerm[];
	number?: { num?: number; prefix?: string; suffix?: string; unit?: string };
}
interface View {
	json(options?: object): JsonItem[];
}
/** The part of compromise's API used here (its default export fits). */
export interface NlpDoc extends View {
	sentences(): View;
	people(): View;
	places(): View;
	organizations(): View;
	numbers(): View;
	match(pattern: string): View;
}
export type Nlp = (text: string) => NlpDoc;

export type DraftKind = 'cloze' | 'numeric' | 'truefalse';
type EntityKind = 'person' | 'place' | 'org' | 'number' | 'date';

export interface ArticleDraft {
	/** Unique within one run. */
	key: string;
	kind: DraftKind;
	question: Question;
	/** Why it was made, for the teacher: "swapped 300 for 12". */
	note: string;
}

interface Entity {
	kind: EntityKind;
	/** Offsets in the paragraph. */
	start: number;
	end: number;
	text: string;
	/** For numbers: the value, when it is a plain count (no %, money, unit). */
	count?: number;
}

interface Sentence {
	text: string;
	start: number;
	end: number;
	entities: Entity[];
}

const JSON_OPTS = { offset: true, terms: { offset: true } };
const MIN_WORDS = 5;
const MAX_SENTENCE = 400;

/** Characters that would break cloze syntax or make a poor blank. */
const UNSAFE = /[{}]|::/;

const MONTH =
	/\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|(mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/**
 * A fact worth asking about: numbers and dates hold digits ("two", "second", "decades"
 * and "a year ago" are too loose to blank or swap); names are short and plain.
 */
function usable(kind: EntityKind, text: string): boolean {
	if (text.length < 2 || UNSAFE.test(text)) return false;
	if (kind === 'number') return /\d/.test(text);
	if (kind === 'date') return /\d/.test(text) || MONTH.test(text);
	return text.split(/\s+/).length <= 4 && !/[()[\]\u2014\u2013"\u201c\u201d]/.test(text);
}

function spanOf(item: JsonItem): { start: number; end: number } | undefined {
	const terms = item.terms?.filter((t) => t.offset) ?? [];
	const first = terms[0]?.offset;
	const last = terms[terms.length - 1]?.offset;
	if (!first || !last) return undefined;
	return { start: first.start, end: last.start + last.length };
}

function entities(doc: NlpDoc, para: string): Entity[] {
	const out: Entity[] = [];
	const add = (kind: EntityKind, items: JsonItem[]) => {
		for (const item of items) {
			const span = spanOf(item);
			if (!span) continue;
			const start = span.start;
			let end = span.end;
			let text = para.slice(start, end);
			// "Pakistan's government": the name is "Pakistan".
			const possessive = /['\u2019]s$/.exec(text);
			if (possessive && kind !== 'number' && kind !== 'date') {
				end -= 2;
				text = text.slice(0, -2);
			}
			text = text.trim();
			if (!usable(kind, text)) continue;
			// Dates first: "2022" in "March 2022" is a date, not a number.
			if (out.some((e) => start < e.end && e.start < end)) continue;
			const entity: Entity = { kind, start, end, text };
			if (kind === 'number') {
				const tags = item.terms?.flatMap((t) => t.tags ?? []) ?? [];
				if (tags.includes('Year') || tags.includes('Date')) entity.kind = 'date';
				const n = item.number;
				const plain =
					typeof n?.num === 'number' &&
					Number.isFinite(n.num) &&
					!n.prefix &&
					!n.suffix &&
					!n.unit &&
					!tags.includes('Money') &&
					!tags.includes('Percent') &&
					!tags.includes('Ordinal') &&
					!tags.includes('Fraction');
				if (plain && entity.kind === 'number') entity.count = n!.num;
			}
			out.push(entity);
		}
	};
	add('date', doc.match('#Date+').json(JSON_OPTS));
	add('number', doc.numbers().json(JSON_OPTS));
	add('person', doc.people().json(JSON_OPTS));
	add('org', doc.organizations().json(JSON_OPTS));
	add('place', doc.places().json(JSON_OPTS));
	return out.sort((a, b) => a.start - b.start);
}

function sentencesOf(nlp: Nlp, para: string): Sentence[] {
	const doc = nlp(para);
	const found = entities(doc, para);
	const out: Sentence[] = [];
	for (const item of doc.sentences().json({ offset: true })) {
		if (!item.offset) continue;
		const raw = para.slice(item.offset.start, item.offset.start + item.offset.length);
		const lead = raw.length - raw.trimStart().length;
		const text = raw.trim();
		const start = item.offset.start + lead;
		const end = start + text.length;
		if (text.split(/\s+/).length < MIN_WORDS || text.length > MAX_SENTENCE) continue;
		if (/[{}]/.test(text)) continue;
		out.push({
			text,
			start,
			end,
			entities: found
				.filter((e) => e.start >= start && e.end <= end)
				.map((e) => ({ ...e, start: e.start - start, end: e.end - start }))
		});
	}
	return out;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

const replaceAt = (text: string, e: Entity, by: string) =>
	text.slice(0, e.start) + by + text.slice(e.end);

/** A statement or question ends with its own mark. */
const asQuestion = (s: string) => s.replace(/[\s.!;:,]+$/, '') + '?';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The noun counted by a number: "300 fighters" → "fighters". */
function countedNoun(sentence: string, e: Entity): string | undefined {
	const m = /^\s+([a-z][a-z-]{2,30})\b/.exec(sentence.slice(e.end));
	const word = m?.[1];
	if (!word || /^(percent|per|and|or|of|to|in|on|at|the|a|an|times)$/.test(word)) return undefined;
	return word;
}

/**
 * Another value of the same kind from the article, the next one in reading order, that
 * the sentence does not already mention.
 */
function partner(e: Entity, sentence: string, pool: readonly Entity[]): Entity | undefined {
	const same = pool.filter(
		(o) =>
			o.kind === e.kind &&
			// A year swaps with a year, "June 2022" with another full date.
			/^\d{4}$/.test(o.text) === /^\d{4}$/.test(e.text) &&
			!norm(sentence).includes(norm(o.text)) &&
			norm(o.text) !== norm(e.text) &&
			!norm(o.text).includes(norm(e.text)) &&
			!norm(e.text).includes(norm(o.text))
	);
	if (!same.length) return undefined;
	const i = pool.indexOf(e);
	return same.find((o) => pool.indexOf(o) > i) ?? same[0];
}

const CLOZE_ORDER: readonly EntityKind[] = ['date', 'number', 'person', 'org', 'place'];

export interface DraftOptions {
	/** At most this many drafts (default 40). */
	max?: number;
}

/** Draft questions for an article; deterministic for the same text. */
export function makeDrafts(nlp: Nlp, article: string, options: DraftOptions = {}): ArticleDraft[] {
	const max = options.max ?? 40;
	const sentences = paragraphs(article).flatMap((p) => sentencesOf(nlp, p));
	const pool: Entity[] = sentences.flatMap((s) => s.entities);
	const made: Record<DraftKind, number> = { cloze: 0, numeric: 0, truefalse: 0 };
	const drafts: ArticleDraft[] = [];
	let falseNext = true;

	for (const s of sentences) {
		if (drafts.length >= max) break;
		if (!s.entities.length) continue;
		const source = { quote: s.text };
		const candidates: (() => Omit<ArticleDraft, 'key'>)[] = [];
		const byKind = new Map<DraftKind, () => Omit<ArticleDraft, 'key'>>();

		const counted = s.entities.find((e) => e.count !== undefined && countedNoun(s.text, e));
		if (counted) {
			byKind.set('numeric', () => {
				const noun = countedNoun(s.text, counted)!;
				let prompt = replaceAt(s.text, counted, 'how many');
				if (counted.start === 0) prompt = capitalize(prompt);
				return {
					kind: 'numeric',
					note: `the figure ${counted.text}`,
					question: {
						id: '',
						type: 'numeric',
						prompt: asQuestion(prompt),
						answer: counted.count!,
						tolerance: 0,
						unit: noun,
						source
					}
				};
			});
		}

		const swap = CLOZE_ORDER.flatMap((k) => s.entities.filter((e) => e.kind === k))
			.map((e) => ({ e, other: partner(e, s.text, pool) }))
			.find((x) => x.other);
		if (swap?.other) {
			const { e, other } = swap;
			byKind.set('truefalse', () => {
				const isFalse = falseNext;
				falseNext = !falseNext;
				const statement = isFalse ? replaceAt(s.text, e, other.text) : s.text;
				return {
					kind: 'truefalse',
					note: isFalse ? `swapped ${e.text} for ${other.text}` : 'as written',
					question: {
						id: '',
						type: 'truefalse',
						prompt: statement,
						answer: !isFalse,
						...(isFalse ? { explanation: `The source says ${e.text}, not ${other.text}.` } : {}),
						source
					}
				};
			});
		}

		const blank = CLOZE_ORDER.map((k) => s.entities.find((e) => e.kind === k)).find(Boolean);
		if (blank) {
			byKind.set('cloze', () => ({
				kind: 'cloze',
				note: `blank on ${blank.text}`,
				question: {
					id: '',
					type: 'cloze',
					prompt: replaceAt(s.text, blank, `{{c1::${blank.text}}}`),
					source
				}
			}));
		}

		// One draft per sentence, the kind made least so far: a varied list.
		const kinds = (['numeric', 'truefalse', 'cloze'] as const).filter((k) => byKind.has(k));
		kinds.sort((a, b) => made[a] - made[b]);
		const pick = kinds[0];
		if (!pick) continue;
		candidates.push(byKind.get(pick)!);
		for (const make of candidates) {
			const draft = make();
			made[draft.kind]++;
			const key = `draft-${drafts.length + 1}`;
			drafts.push({ ...draft, key, question: { ...draft.question, id: key } as Question });
		}
	}
	return drafts;
}
