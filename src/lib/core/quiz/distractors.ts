// Wrong answers for asking a flashcard, short or numeric question as multiple choice.
// A distractor must be of the same kind as the answer — the same declared or inferred
// answer kind (a person for a person, see bank/answer-kind.ts) and the same form (a year
// for a year, a name for a name, a phrase of similar length for a phrase) — or the right
// option stands out and the question tests nothing. Pools are scanned only for the
// questions actually asked, from a seeded offset, stopping once enough good candidates
// are found.
import { answerKindOf } from '../bank/answer-kind';
import type { AnswerKindName, Question, QuestionOf } from '../bank/schema';
import { isOneEditApart, normalizeAnswer, parseNumber } from './normalize';
import { randomInt, shuffle, type Rng } from './rng';

/** How many distractors a transformed question shows (with the answer: four options). */
export const DISTRACTORS = 3;
/** Enough candidates of the best tier to choose among; scanning stops there. */
const ENOUGH = 12;

export type AnswerKind = 'number' | 'date' | 'name' | 'text';

interface AnswerInfo {
	text: string;
	norm: string;
	kind: AnswerKind;
	/** Declared or inferred; undefined only matches undefined. */
	answerKind: AnswerKindName | undefined;
	value?: number;
	words: number;
	tags: Set<string>;
}

// Questions are immutable once parsed, so their derived answer facts are memoised.
const infoCache = new WeakMap<Question, AnswerInfo | null>();

const MONTHS =
	/\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
// Words that stay lower case inside names: "Tehreek-e-Taliban", "Ahmad bin Ali", "Ali ul Haq".
const NAME_PARTICLES = new Set([
	'of',
	'the',
	'and',
	'de',
	'del',
	'da',
	'di',
	'e',
	'bin',
	'ibn',
	'al',
	'el',
	'ul',
	'van',
	'von',
	'la',
	'le',
	'y'
]);

export function answerKind(text: string): { kind: AnswerKind; value?: number } {
	const t = text.trim();
	const value = parseNumber(t.replace(/\s*%$/, ''));
	if (value !== undefined) return { kind: 'number', value };
	if (
		/^\d{4}-\d{2}(-\d{2})?$/.test(t) ||
		(MONTHS.test(t) && /\b\d{4}\b/.test(t)) ||
		/^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(t)
	)
		return { kind: 'date' };
	const words = t.split(/\s+/);
	if (
		words.length <= 6 &&
		/^\p{Lu}/u.test(t) &&
		words.every((w) => /^[\p{Lu}\d]/u.test(w) || NAME_PARTICLES.has(w.toLowerCase()))
	)
		return { kind: 'name' };
	return { kind: 'text' };
}

function info(q: Question): AnswerInfo | null {
	let v = infoCache.get(q);
	if (v !== undefined) return v;
	const text = q.type === 'flashcard' ? q.back : q.type === 'short' ? q.answers[0] : undefined;
	if (text === undefined) v = null;
	else {
		const k = answerKind(text);
		v = {
			text,
			norm: normalizeAnswer(text),
			kind: k.kind,
			answerKind: answerKindOf(q),
			...(k.value !== undefined ? { value: k.value } : {}),
			words: text.trim().split(/\s+/).length,
			tags: new Set((q.tags ?? []).map((t) => t.toLowerCase()))
		};
	}
	infoCache.set(q, v);
	return v;
}

const isYear = (n: number) => Number.isInteger(n) && n >= 1000 && n <= 2100;

/** Two numbers are plausible alternatives: same sign and integer-ness, similar size. */
function nearbyNumber(answer: number, other: number): boolean {
	if (isYear(answer)) return isYear(other) && Math.abs(other - answer) <= 60;
	if (Number.isInteger(answer) !== Number.isInteger(other)) return false;
	if (Math.sign(answer) !== Math.sign(other)) return false;
	const a = Math.abs(answer);
	const b = Math.abs(other);
	if (a === 0 || b === 0) return a + b <= 10;
	return Math.max(a, b) / Math.min(a, b) <= 10;
}

function similarLength(a: AnswerInfo, b: AnswerInfo): boolean {
	const la = a.text.length;
	const lb = b.text.length;
	// Three words apart for names and phrases; for sentence-long flashcard backs, a third
	// of the longer one (two descriptions of 17 and 24 words read alike).
	const slack = Math.max(3, Math.floor(Math.max(a.words, b.words) / 3));
	return lb <= la * 2 + 4 && la <= lb * 2 + 4 && Math.abs(a.words - b.words) <= slack;
}

function sharesTag(a: Set<string>, b: Set<string>): boolean {
	for (const t of a) if (b.has(t)) return true;
	return false;
}

/**
 * Up to three distractors for a flashcard or short question, or undefined when fewer
 * than three good ones exist. `pool` holds the bank's flashcard and short questions.
 */
export function textDistractors(
	q: QuestionOf<'flashcard'> | QuestionOf<'short'>,
	pool: readonly Question[],
	rng: Rng
): string[] | undefined {
	return textDistractorSources(q, pool, rng)?.map((o) => info(o)!.text);
}

/** As textDistractors, but the questions whose answers are offered (to check their kinds). */
export function textDistractorSources(
	q: QuestionOf<'flashcard'> | QuestionOf<'short'>,
	pool: readonly Question[],
	rng: Rng
): Question[] | undefined {
	const me = info(q);
	if (!me || me.text.length > 200 || pool.length < DISTRACTORS + 1) return undefined;
	const accepted = (q.type === 'short' ? q.answers : [q.back]).map(normalizeAnswer);
	const prompt = normalizeAnswer(q.prompt);
	const seen = new Set<string>(accepted);
	const byTag: Question[] = [];
	const byType: Question[] = [];
	const start = randomInt(rng, pool.length);
	for (let i = 0; i < pool.length && byTag.length < ENOUGH; i++) {
		const other = pool[(start + i) % pool.length]!;
		if (other === q) continue;
		const o = info(other);
		if (!o || !o.norm || seen.has(o.norm)) continue;
		const tagged = sharesTag(me.tags, o.tags);
		if (!tagged && (other.type !== q.type || byType.length >= ENOUGH)) continue;
		if (o.kind !== me.kind || o.answerKind !== me.answerKind) continue;
		if (me.kind === 'number') {
			if (me.value === undefined || o.value === undefined || !nearbyNumber(me.value, o.value))
				continue;
		} else if (!similarLength(me, o)) continue;
		// Not a near-spelling of the answer, and not given away by the prompt.
		// (2007 and 2008 are one edit apart too, but for numbers and dates that is the point.)
		const words = me.kind === 'name' || me.kind === 'text';
		if (words && accepted.some((a) => isOneEditApart(a, o.norm))) continue;
		if (o.norm.length > 2 && prompt.includes(o.norm)) continue;
		seen.add(o.norm);
		(tagged ? byTag : byType).push(other);
	}
	return choose(byTag, byType, rng);
}

function choose<T>(best: T[], next: T[], rng: Rng): T[] | undefined {
	if (best.length + next.length < DISTRACTORS) return undefined;
	const out = shuffle(best, rng).slice(0, DISTRACTORS);
	if (out.length < DISTRACTORS) out.push(...shuffle(next, rng).slice(0, DISTRACTORS - out.length));
	return out;
}

const unitOf = (q: QuestionOf<'numeric'>) => (q.unit ?? '').trim().toLowerCase();

/**
 * Three other answers from the bank's numeric questions with the same unit and a nearby
 * value (a year within 60 years, otherwise within a factor of ten), each clearly outside
 * the tolerance. Undefined when the bank has fewer than three.
 */
export function numericDistractors(
	q: QuestionOf<'numeric'>,
	pool: readonly QuestionOf<'numeric'>[],
	rng: Rng
): number[] | undefined {
	if (pool.length < DISTRACTORS + 1) return undefined;
	const unit = unitOf(q);
	const kind = answerKindOf(q);
	const tags = new Set((q.tags ?? []).map((t) => t.toLowerCase()));
	const gap = Math.max(q.tolerance * 2, 1e-9 * Math.max(1, Math.abs(q.answer)));
	const taken = [q.answer];
	const byTag: number[] = [];
	const other: number[] = [];
	const start = randomInt(rng, pool.length);
	for (let i = 0; i < pool.length && byTag.length < ENOUGH; i++) {
		const o = pool[(start + i) % pool.length]!;
		if (o === q || unitOf(o) !== unit || !nearbyNumber(q.answer, o.answer)) continue;
		if (answerKindOf(o) !== kind) continue;
		if (taken.some((t) => Math.abs(t - o.answer) <= gap)) continue;
		const tagged = (o.tags ?? []).some((t) => tags.has(t.toLowerCase()));
		if (!tagged && other.length >= ENOUGH) continue;
		taken.push(o.answer);
		(tagged ? byTag : other).push(o.answer);
	}
	if (byTag.length + other.length < DISTRACTORS) return undefined;
	const out = shuffle(byTag, rng).slice(0, DISTRACTORS);
	if (out.length < DISTRACTORS) out.push(...shuffle(other, rng).slice(0, DISTRACTORS - out.length));
	return out;
}
