// A question as a front and a back in plain text: for flashcard exports (Anki, Quizlet)
// and printed answer keys, where every type has to become words.
import { clozeFilled, clozeMasked } from '../cloze';
import type { Question } from '../schema';

export const letter = (i: number) => String.fromCharCode(65 + i);

/** The question side: the prompt, with the options or items a student chooses from. */
export function frontText(q: Question): string {
	switch (q.type) {
		case 'mcq':
		case 'multi':
			return [q.prompt, ...q.options.map((o, i) => `${letter(i)}. ${o}`)].join('\n');
		case 'truefalse':
			return `${q.prompt}\n(true or false)`;
		case 'cloze':
			return clozeMasked(q.prompt);
		case 'order':
			return [q.prompt, ...sortedCopy(q.items).map((item, i) => `${letter(i)}. ${item}`)].join(
				'\n'
			);
		case 'match':
			return [
				q.prompt,
				...q.pairs.map((p, i) => `${i + 1}. ${p.left}`),
				...sortedCopy(q.pairs.map((p) => p.right)).map((r, i) => `${letter(i)}. ${r}`)
			].join('\n');
		default:
			return q.prompt;
	}
}

/** The answer side, in words. Letters refer to the lists `frontText` shows. */
export function answerText(q: Question): string {
	switch (q.type) {
		case 'mcq':
			return `${letter(q.answer)}. ${q.options[q.answer] ?? ''}`;
		case 'multi':
			return q.answers.map((i) => `${letter(i)}. ${q.options[i] ?? ''}`).join('\n');
		case 'truefalse':
			return q.answer ? 'True' : 'False';
		case 'short':
			return q.answers.length > 1
				? `${q.answers[0]} (also accepted: ${q.answers.slice(1).join('; ')})`
				: (q.answers[0] ?? '');
		case 'numeric':
			return `${q.answer}${q.tolerance ? ` ± ${q.tolerance}` : ''}${q.unit ? ` ${q.unit}` : ''}`;
		case 'cloze':
			return clozeFilled(q.prompt);
		case 'order': {
			const shown = sortedCopy(q.items);
			return q.items
				.map((item, i) => `${i + 1}. ${letter(shown.indexOf(item))}. ${item}`)
				.join('\n');
		}
		case 'match': {
			const rights = sortedCopy(q.pairs.map((p) => p.right));
			return q.pairs
				.map((p, i) => `${i + 1} → ${letter(rights.indexOf(p.right))}. ${p.right}`)
				.join('\n');
		}
		case 'flashcard':
			return q.back;
	}
}

/**
 * A fixed scrambled order for printing (no randomness in bank/): alphabetical, or reversed
 * when alphabetical happens to be the answer itself.
 */
function sortedCopy(list: readonly string[]): string[] {
	const sorted = [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return sorted.every((s, i) => s === list[i]) && list.length > 1 ? sorted.reverse() : sorted;
}
