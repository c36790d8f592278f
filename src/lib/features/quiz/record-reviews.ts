// A graded quiz answer is a review like any other: it moves the question's spaced-
// repetition card (core/quiz/rating.ts says how). Shared by the quiz, which records each
// answer as it is graded, and the class quiz, which records them all at the end.
import { ratingFor } from '$lib/core/quiz/rating';
import { confidentRating } from '$lib/core/quiz/confidence';
import { answerCard, newCard, type SrsSettings } from '$lib/core/srs';
import { answerStoredCard, getSrsSettings, type Db } from '$lib/platform/storage';
import { awaitsConfidence, type QuizRecord } from './record';

/**
 * Records every graded answer not yet recorded, marking each as it is stored, so a retry
 * after a failure never reviews a card twice. `onEach` runs after each one (to persist
 * the mark). Returns the settings read, for the caller to keep.
 */
export async function recordReviews(
	db: Db,
	record: QuizRecord,
	now: number,
	options: { settings?: SrsSettings; onEach?: () => void } = {}
): Promise<SrsSettings | undefined> {
	const todo = record.items
		.map((item, i) => ({ item, a: record.answers[i]! }))
		// An answer waiting for Sure / Not sure moves its card once the student has said.
		.filter(({ item, a }) => a.grade && !a.recorded && !awaitsConfidence(record.meta, item, a));
	if (!todo.length) return options.settings;
	const settings = options.settings ?? (await getSrsSettings(db));
	for (const { item, a } of todo) {
		const rating = confidentRating(
			ratingFor(item.asked, a.response, a.grade!, a.ms),
			a.grade!.correct,
			a.confidence
		);
		// From the card as stored, in the answer's own transaction: a study tab open beside
		// the quiz may have answered it meanwhile (ARCHITECTURE.md "Data safety").
		await answerStoredCard(db, item.key, (stored) =>
			answerCard(stored ?? newCard(item.questionId, item.setId, now), rating, now, settings)
		);
		a.recorded = true;
		options.onEach?.();
	}
	return settings;
}
