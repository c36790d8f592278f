// What a flashcard shows, derived from a question. Pure, so it is tested without a DOM and
// the front and back of every question type read the same wherever they appear.
import { parseCloze } from '$lib/core/bank/cloze';
import type { Question, QuestionOf, QuestionSet } from '$lib/core/bank/schema';
import { findQuote, paragraphs } from '$lib/core/bank/text';
import { createRng, shuffle } from '$lib/core/quiz/rng';

export interface ClozeSegment {
	text: string;
	/** A blank: masked on the front, highlighted on the back. */
	blank: boolean;
}

/**
 * The cloze prompt as segments. On the front a blank reads exactly as `clozeMasked` writes
 * it ("[hint]" or "[…]"); on the back it holds the answer.
 */
export function clozeSegments(prompt: string, revealed: boolean): ClozeSegment[] {
	return parseCloze(prompt).map((p) =>
		p.kind === 'text'
			? { text: p.text, blank: false }
			: { text: revealed ? p.answer : p.hint ? `[${p.hint}]` : '[…]', blank: true }
	);
}

/**
 * A stable shuffle for showing `items` on the front: the same question always shows the
 * same order (seeded by its id), and never the answer order itself when another exists.
 */
export function frontOrder<T>(seed: string, items: readonly T[]): T[] {
	if (items.length < 2) return items.slice();
	const out = shuffle(items, createRng(`card:${seed}`));
	if (out.every((x, i) => x === items[i])) out.push(out.shift()!);
	return out;
}

/** Right-hand sides of a match question, shuffled for the front. */
export function matchRights(q: QuestionOf<'match'>): string[] {
	return frontOrder(
		q.id,
		q.pairs.map((p) => p.right)
	);
}

/** Items of an order question, shuffled for the front. */
export function orderItems(q: QuestionOf<'order'>): string[] {
	return frontOrder(q.id, q.items);
}

/**
 * "1", "2", … for options: the one convention of study and quiz, and the digit key that
 * picks the option in both.
 */
export function optionLabel(i: number): string {
	return String(i + 1);
}

export function formatNumber(n: number, language = 'en'): string {
	try {
		// "2007" is usually a year: group digits only from five digits up, as style guides do.
		return n.toLocaleString(language, {
			maximumFractionDigits: 10,
			useGrouping: Math.abs(n) >= 10_000
		});
	} catch {
		return String(n); // an unknown language tag
	}
}

/** "2007", "33 attacks", "4.5 km (± 0.5 km accepted)". */
export function numericAnswer(q: QuestionOf<'numeric'>, language = 'en'): string {
	const unit = q.unit ? ` ${q.unit}` : '';
	const main = `${formatNumber(q.answer, language)}${unit}`;
	return q.tolerance > 0
		? `${main} (± ${formatNumber(q.tolerance, language)}${unit} accepted)`
		: main;
}

/** The 1-based paragraph of the source text that holds the question's quote, if any. */
export function sourceParagraph(
	set: Pick<QuestionSet, 'sourceText'>,
	q: Question
): number | undefined {
	const quote = q.source?.quote;
	if (!quote || !set.sourceText) return undefined;
	const i = findQuote(paragraphs(set.sourceText), quote);
	return i < 0 ? undefined : i + 1;
}

/** A short plain-text answer, for screen-reader announcements and summaries. */
export function answerText(q: Question, language = 'en'): string {
	switch (q.type) {
		case 'mcq':
			return q.options[q.answer] ?? '';
		case 'multi':
			return q.answers.map((i) => q.options[i]).join('; ');
		case 'truefalse':
			return q.answer ? 'True' : 'False';
		case 'short':
			return q.answers[0] ?? '';
		case 'numeric':
			return numericAnswer(q, language);
		case 'cloze':
			return clozeSegments(q.prompt, true)
				.map((s) => s.text)
				.join('');
		case 'order':
			return q.items.map((item, i) => `${i + 1}. ${item}`).join(' ');
		case 'match':
			return q.pairs.map((p) => `${p.left}: ${p.right}`).join('; ');
		case 'flashcard':
			return q.back;
	}
}
