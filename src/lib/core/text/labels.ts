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

export const DIFFICULTY_LABELS = { 1: 'Easy', 2: 'Medium', 3: 'Hard' } as const;

/** "4:05", "1:02:03". */
export function formatDuration(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Points with at most two decimals: partial credit shows as 2.5, not 2.5000001. */
export function formatPoints(points: number): string {
	return String(Math.round(points * 100) / 100);
}
