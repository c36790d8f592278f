// How a graded quiz answer moves the question's spaced-repetition card. A quiz answer is
// a review like any other: wrong → Again, right → Good, right but slow → Hard (the
// student got there, but not fluently). A flashcard self-graded 1–4 keeps its own rating.
//
// "Slow" is more than three times a per-type norm for reading and answering; the norm
// grows with the parts to fill (blanks, items, pairs), so a long matching question is not
// called slow for its length. A plain multiple-choice question is slow after 30 s.
import { Rating, type Grade as FsrsRating } from '$lib/core/srs';
import type { AskedQuestion, Grade, QuizResponse } from '$lib/core/quiz/types';

/** Seconds a fluent student needs, per type (per part where there are parts). */
const NORM_SECONDS = {
	truefalse: 8,
	mcq: 10,
	short: 10,
	numeric: 10,
	multi: 15,
	flashcard: 10,
	cloze: 10, // per blank
	order: 6, // per item
	match: 6 // per pair
} as const;

export const SLOW_FACTOR = 3;

/** Milliseconds after which a right answer counts as slow (Hard). */
export function slowAfterMs(asked: AskedQuestion): number {
	const parts =
		asked.type === 'cloze'
			? asked.blanks.length
			: asked.type === 'order'
				? asked.items.length
				: asked.type === 'match'
					? asked.left.length
					: 1;
	return SLOW_FACTOR * NORM_SECONDS[asked.type] * Math.max(1, parts) * 1000;
}

export function ratingFor(
	asked: AskedQuestion,
	response: QuizResponse,
	grade: Grade,
	ms: number
): FsrsRating {
	if (asked.type === 'flashcard' && typeof response === 'number' && response >= 1 && response <= 4)
		return response as FsrsRating;
	if (!grade.correct) return Rating.Again;
	return ms > slowAfterMs(asked) ? Rating.Hard : Rating.Good;
}
