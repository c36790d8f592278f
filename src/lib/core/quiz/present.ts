// How one question is put to the student: option order, item order, and whether it is
// asked another way (as multiple choice). The result is a self-contained snapshot.
import { clozeBlanks, clozeMasked } from '../bank/cloze';
import type { Question, QuestionOf } from '../bank/schema';
import { answerKindOf } from '../bank/answer-kind';
import { numericDistractors, textDistractorSources } from './distractors';
import { formatNumber } from './normalize';
import { shuffle, type Rng } from './rng';
import type { AskedMcq, AskedQuestion, QuizMode } from './types';

/**
 * Options that refer to other options by position ("All of the above", "Both A and B")
 * only make sense in the authored order.
 */
const POSITIONAL =
	/\b(all|none|both|neither|any)\b.*\b(above|below|these|previous|preceding)\b|^\s*(both|neither)?\s*\(?[a-h]\)?\s*(,\s*\(?[a-h]\)?\s*)*(and|&|nor|or)\s+\(?[a-h]\)?\s*\.?$/i;

export function isPositionalOption(option: string): boolean {
	return POSITIONAL.test(option);
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * A shuffle in which no item stays in its own place (when there are 2+ items), so the
 * order a student is shown is worth nothing as an answer: leaving it untouched scores 0.
 * Rejection sampling keeps it uniform over derangements (about e ≈ 2.7 tries); a rotation
 * is the fallback that is always valid.
 */
export function derange(n: number, rng: Rng): number[] {
	if (n < 2) return identity(n);
	for (let tries = 0; tries < 40; tries++) {
		const order = shuffle(identity(n), rng);
		if (order.every((v, i) => v !== i)) return order;
	}
	return identity(n).map((i) => (i + 1) % n);
}

/** How likely an eligible question is asked as multiple choice instead. */
const VARIETY_CHANCE: Record<QuizMode, Record<'flashcard' | 'short' | 'numeric', number>> = {
	// An exam cannot trust self-grading, so flashcards become multiple choice whenever sound.
	exam: { flashcard: 1, short: 0.5, numeric: 0.5 },
	practice: { flashcard: 0.5, short: 0.5, numeric: 0.5 }
};

export interface Pools {
	/** The bank's flashcard and short questions (distractor candidates). */
	text: Question[];
	numeric: QuestionOf<'numeric'>[];
}

export interface PresentContext {
	mode: QuizMode;
	variety: boolean;
	/** Built on first call: most quizzes never need them. */
	pools: () => Pools;
}

function base(q: Question) {
	return {
		prompt: q.type === 'cloze' ? clozeMasked(q.prompt) : q.prompt,
		originalType: q.type,
		...(q.explanation ? { explanation: q.explanation } : {}),
		...(q.source ? { quote: q.source.quote } : {}),
		...(q.tags?.length ? { tags: q.tags.slice() } : {}),
		...(q.difficulty ? { difficulty: q.difficulty } : {}),
		...(q.rich ? { rich: { ...q.rich } } : {})
	};
}

function asMcq(q: Question, right: string, wrong: string[], rng: Rng): AskedMcq {
	const choices = [right, ...wrong];
	const order = shuffle(identity(choices.length), rng);
	return {
		type: 'mcq',
		...base(q),
		options: order.map((i) => choices[i]!),
		order,
		answer: order.indexOf(0)
	};
}

function transformed(q: Question, rng: Rng, ctx: PresentContext): AskedQuestion | undefined {
	if (!ctx.variety) return undefined;
	if (q.type !== 'flashcard' && q.type !== 'short' && q.type !== 'numeric') return undefined;
	// Always draw the coin, so a question's presentation does not depend on the pools.
	if (rng() >= VARIETY_CHANCE[ctx.mode][q.type]) return undefined;
	if (q.type === 'numeric') {
		const wrong = numericDistractors(q, ctx.pools().numeric, rng);
		if (!wrong) return undefined;
		const show = (n: number) => formatNumber(n) + (q.unit ? ` ${q.unit}` : '');
		return asMcq(q, show(q.answer), wrong.map(show), rng);
	}
	const sources = textDistractorSources(q, ctx.pools().text, rng);
	if (!sources) return undefined;
	// The last gate: a generated question whose options mix kinds (a province offered for
	// "Who…?") is not asked as multiple choice at all.
	const kind = answerKindOf(q);
	if (sources.some((o) => answerKindOf(o) !== kind)) return undefined;
	const answerOf = (o: Question) =>
		o.type === 'short' ? o.answers[0]! : o.type === 'flashcard' ? o.back : '';
	return asMcq(q, answerOf(q), sources.map(answerOf), rng);
}

/** The snapshot of how `q` is asked in this quiz; `rng` is the item's own generator. */
export function present(q: Question, rng: Rng, ctx: PresentContext): AskedQuestion {
	const other = transformed(q, rng, ctx);
	if (other) return other;
	switch (q.type) {
		case 'mcq':
		case 'multi': {
			const keep = q.shuffle === false || q.options.some(isPositionalOption);
			const order = keep ? identity(q.options.length) : shuffle(identity(q.options.length), rng);
			const shown = {
				...base(q),
				options: order.map((i) => q.options[i]!),
				order,
				...(q.optionFeedback
					? { optionFeedback: order.map((i) => q.optionFeedback![i] ?? '') }
					: {})
			};
			return q.type === 'mcq'
				? { type: 'mcq', ...shown, answer: order.indexOf(q.answer) }
				: {
						type: 'multi',
						...shown,
						answers: q.answers.map((a) => order.indexOf(a)).sort((a, b) => a - b)
					};
		}
		case 'truefalse':
			return { type: 'truefalse', ...base(q), answer: q.answer };
		case 'short':
			return { type: 'short', ...base(q), answers: q.answers.slice() };
		case 'numeric':
			return {
				type: 'numeric',
				...base(q),
				answer: q.answer,
				tolerance: q.tolerance,
				...(q.unit ? { unit: q.unit } : {})
			};
		case 'cloze':
			return {
				type: 'cloze',
				...base(q),
				text: q.prompt,
				blanks: clozeBlanks(q.prompt).map((b) => ({
					answer: b.answer,
					...(b.hint ? { hint: b.hint } : {}),
					...(b.accepted ? { accepted: b.accepted.slice() } : {})
				}))
			};
		case 'order': {
			const order = derange(q.items.length, rng);
			return { type: 'order', ...base(q), items: order.map((i) => q.items[i]!), order };
		}
		case 'match': {
			const order = derange(q.pairs.length, rng);
			const answer: number[] = new Array(q.pairs.length);
			order.forEach((pair, shown) => (answer[pair] = shown));
			return {
				type: 'match',
				...base(q),
				left: q.pairs.map((p) => p.left),
				right: order.map((i) => q.pairs[i]!.right),
				answer
			};
		}
		case 'flashcard':
			return { type: 'flashcard', ...base(q), back: q.back };
	}
}
