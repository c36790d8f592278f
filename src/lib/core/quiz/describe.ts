// Plain-text views of quiz data for the screens: a student's answer as words, which
// paragraph a question cites, and how well a set is known. Pure.
import { findQuote, paragraphs } from '$lib/core/bank/text';
import type { QuestionSet } from '$lib/core/bank/schema';
import type { QuestionType } from '$lib/core/bank/schema';
import type {
	AskedQuestion,
	ProgressMap,
	QuestionProgress,
	QuizResponse
} from '$lib/core/quiz/types';
import type { StoredCard } from '$lib/core/srs';

const NO_ANSWER = 'No answer';
const RATING_WORDS = ['', 'Again', 'Hard', 'Good', 'Easy'];

/** The student's answer as people read it ("No answer" when there is none). */
export function responseText(asked: AskedQuestion, response: QuizResponse): string {
	if (response === null || response === undefined) return NO_ANSWER;
	const list = Array.isArray(response) ? (response as readonly unknown[]) : undefined;
	switch (asked.type) {
		case 'mcq':
			return typeof response === 'number' ? (asked.options[response] ?? NO_ANSWER) : NO_ANSWER;
		case 'multi': {
			const ticked = (list ?? []).filter((i): i is number => typeof i === 'number');
			return ticked.length
				? ticked
						.slice()
						.sort((a, b) => a - b)
						.map((i) => asked.options[i] ?? '?')
						.join('; ')
				: 'Nothing ticked';
		}
		case 'truefalse':
			return typeof response === 'boolean' ? (response ? 'True' : 'False') : NO_ANSWER;
		case 'short':
		case 'numeric':
			return typeof response === 'string' && response.trim() ? response.trim() : NO_ANSWER;
		case 'cloze':
			return list && list.some((t) => typeof t === 'string' && t.trim())
				? list.map((t) => (typeof t === 'string' && t.trim() ? t.trim() : '…')).join('; ')
				: NO_ANSWER;
		case 'order':
			return list
				? list.map((i) => (typeof i === 'number' ? (asked.items[i] ?? '?') : '?')).join(' → ')
				: NO_ANSWER;
		case 'match':
			return list && list.some((i) => typeof i === 'number')
				? asked.left
						.map((l, i) => {
							const r = list[i];
							return `${l} → ${typeof r === 'number' ? (asked.right[r] ?? '?') : '…'}`;
						})
						.join('; ')
				: NO_ANSWER;
		case 'flashcard':
			if (typeof response === 'number') return RATING_WORDS[response] ?? NO_ANSWER;
			if (typeof response === 'boolean') return response ? 'Knew it' : 'Did not know';
			return typeof response === 'string' && response.trim() ? response.trim() : NO_ANSWER;
	}
}

/** For each question id, the 0-based paragraph its quote lies in (-1: none). */
export function paragraphIndex(set: QuestionSet): Map<string, number> {
	const out = new Map<string, number>();
	const paras = set.sourceText ? paragraphs(set.sourceText) : [];
	for (const q of set.questions) out.set(q.id, q.source ? findQuote(paras, q.source.quote) : -1);
	return out;
}

export interface ReaderParagraph {
	text: string;
	/** How many questions cite this paragraph. */
	questions: number;
}

/** The source text split into paragraphs, each with how many questions cite it. */
export function readerParagraphs(set: QuestionSet): ReaderParagraph[] {
	if (!set.sourceText) return [];
	const paras = paragraphs(set.sourceText);
	const counts = new Array<number>(paras.length).fill(0);
	for (const q of set.questions) {
		if (!q.source) continue;
		const i = findQuote(paras, q.source.quote);
		if (i >= 0) counts[i]!++;
	}
	return paras.map((text, i) => ({ text, questions: counts[i]! }));
}

/** Tags used in a set, sorted, for the topic checkboxes. */
export function setTags(set: QuestionSet): string[] {
	return [...new Set(set.questions.flatMap((q) => q.tags ?? []))].sort((a, b) =>
		a.localeCompare(b)
	);
}

/** Question types present in a set, in first-seen order. */
export function setTypes(set: QuestionSet): QuestionType[] {
	return [...new Set(set.questions.map((q) => q.type))];
}

/** What practice needs to favour due and weak questions, keyed by question id. */
export function progressMap(cards: readonly StoredCard[], now: number): ProgressMap {
	const out = new Map<string, QuestionProgress>();
	for (const c of cards)
		out.set(c.questionId, {
			due: c.due <= now,
			lapses: c.lapses,
			...(c.reps > 0 ? { stability: c.stability } : {})
		});
	return out;
}
