// Anki's review log replayed through our FSRS scheduler, answer by answer at the times they
// were given, so due dates and stability continue from where Anki left them. Manual
// reschedules (ease 0) and "rescheduled" entries are not answers and are skipped.
import type { ReviewEntry, StoredCard } from '../../../srs/card';
import { answerCard, newCard } from '../../../srs/scheduler';
import type { SrsSettings } from '../../../srs/settings';
import type { QuestionHistory } from './convert';

export interface ReplayedHistory {
	cards: StoredCard[];
	reviews: ReviewEntry[];
}

const isAnswer = (ease: number, type: number) => ease >= 1 && ease <= 4 && type <= 3;

/** Every question's history replayed; questions without answers are left out. */
export function replayHistory(
	history: readonly QuestionHistory[],
	settings: SrsSettings
): ReplayedHistory {
	const cards: StoredCard[] = [];
	const reviews: ReviewEntry[] = [];
	for (const h of history) {
		const answers = h.reviews.filter((r) => isAnswer(r.ease, r.type)).sort((a, b) => a.at - b.at);
		if (!answers.length) continue;
		let card = newCard(h.questionId, h.setId, answers[0]!.at);
		for (const r of answers) {
			const result = answerCard(card, r.ease as 1 | 2 | 3 | 4, r.at, settings);
			reviews.push(result.review);
			card = result.card;
		}
		cards.push(card);
	}
	return { cards, reviews };
}
