// What each question type and difficulty is called on screen, defined once. Pure.
import type { QuestionType } from '$lib/core/bank/schema';

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
