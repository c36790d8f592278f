// Test-only fixtures for storage tests.
import type { QuestionSet } from '../../core/bank/schema';
import { answerCard, newCard, type AnswerResult } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import type { Grade, StoredCard } from '../../core/srs/card';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
export const DAY = 86_400_000;

export function answer(card: StoredCard, rating: Grade, now: number): AnswerResult {
	return answerCard(card, rating, now, DEFAULT_SETTINGS);
}

export function fresh(questionId: string, setId = 'bio', now = T0): StoredCard {
	return newCard(questionId, setId, now);
}

export const SAMPLE_SET: QuestionSet = {
	id: 'bio',
	version: 1,
	title: 'Cells',
	language: 'en',
	questions: [
		{ id: 'q1', type: 'flashcard', prompt: 'Powerhouse of the cell?', back: 'Mitochondria' }
	]
};
