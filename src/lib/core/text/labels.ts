// What each question type and difficulty is called on screen, defined once. Pure.
import type { QuestionType } from '$lib/core/bank/schema';
import type { AgeBucket } from '$lib/core/srs/retention';

export const TYPE_LABELS: Record<QuestionType, string> = {
	mcq: 'Multiple choice',
	multi: 'Several answers',
	truefalse: 'True or false',
	short: 'Short answer',
	numeric: 'Number',
	cloze: 'Fill in the blanks',
	order: 'Put in order',
	match: 'Match pairs',
	flashcard: 'Flashcard'
};

/** What the student is asked to do, shown above a question of each type. */
export const TYPE_INSTRUCTIONS: Record<QuestionType, string> = {
	mcq: 'Choose one',
	multi: 'Choose all that apply',
	truefalse: 'True or false?',
	short: 'Short answer',
	numeric: 'Number',
	cloze: 'Fill in the blanks',
	order: 'Put in order',
	match: 'Match the pairs',
	flashcard: 'Recall'
};

export const DIFFICULTY_LABELS = { 1: 'Easy', 2: 'Medium', 3: 'Hard' } as const;

/** Retention by days since the previous answer (core/srs/retention.ts). */
export const AGE_LABELS: Record<AgeBucket, string> = {
	week: 'Under 1 week',
	month: '1–4 weeks',
	quarter: '1–3 months',
	older: 'Over 3 months'
};
