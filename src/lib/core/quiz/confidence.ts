// Confidence in a practice quiz ("Ask how sure I am"): after Check the student says Sure
// or Not sure before the app shows whether the answer was right, so the answer cannot
// sway the choice and calibration stays honest. The choice changes how the answer moves
// the question's card, and a confident mistake comes back later in the same quiz.
//
//   right + sure     → the rating a quiz gives anyway (Good, or Hard when slow)
//   right + not sure → Hard (the student got there but does not trust it)
//   wrong + sure     → Again, and asked once more REASK_GAP questions later (or at the end)
//   wrong + not sure → Again, no re-ask: the student knew they did not know, the feedback
//                      showed the answer, and FSRS brings the card back soon anyway
//
// A re-asked question is asked once only, scored never (the score counts first attempts)
// and left out of calibration (it was answered moments after seeing the answer); its
// answer is still a review of the card, like a relearning step in Anki.
import { Rating, type Grade as FsrsRating } from '$lib/core/srs/card';

export type Confidence = 'sure' | 'unsure';

/** Questions asked in between before a confident mistake comes back. */
export const REASK_GAP = 3;

export function isConfidence(x: unknown): x is Confidence {
	return x === 'sure' || x === 'unsure';
}

/**
 * The rating a graded answer gives the card once the student said how sure they were.
 * `base` is what the quiz gives without confidence (core/quiz/rating.ts), and stays when
 * the student was not asked.
 */
export function confidentRating(
	base: FsrsRating,
	correct: boolean,
	confidence: Confidence | undefined
): FsrsRating {
	if (confidence === undefined) return base;
	if (!correct) return Rating.Again;
	if (confidence === 'unsure') return Rating.Hard;
	return base;
}

/** A first attempt answered wrongly with confidence is asked again. */
export function shouldReask(a: {
	correct: boolean;
	confidence: Confidence | undefined;
	repeat?: boolean;
}): boolean {
	return !a.correct && a.confidence === 'sure' && !a.repeat;
}

/**
 * Where the repeat goes: REASK_GAP questions after the current one, or at the end when
 * fewer are left. `index` is the current question, `length` the questions in the quiz.
 */
export function reaskPosition(index: number, length: number): number {
	return Math.min(index + 1 + REASK_GAP, length);
}

export interface CalibrationRow {
	/** First attempts with this confidence. */
	answered: number;
	/** Of those, fully right. */
	right: number;
}

export interface Calibration {
	sure: CalibrationRow;
	unsure: CalibrationRow;
}

/** How often "Sure" and "Not sure" were right, over first attempts that have both. */
export function calibration(
	answers: readonly { correct?: boolean; confidence?: Confidence; repeat?: boolean }[]
): Calibration {
	const out: Calibration = { sure: { answered: 0, right: 0 }, unsure: { answered: 0, right: 0 } };
	for (const a of answers) {
		if (a.repeat || !a.confidence || a.correct === undefined) continue;
		const row = out[a.confidence];
		row.answered++;
		if (a.correct) row.right++;
	}
	return out;
}
