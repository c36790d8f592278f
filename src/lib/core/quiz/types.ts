// The shapes shared by quiz generation, grading and (later) the quiz screens and the
// `attempts` store. An AskedQuestion is a self-contained snapshot: a result can be
// reviewed months later even if the set was edited or deleted.
import type { QuestionType } from '../bank/schema';

export type QuizMode = 'practice' | 'exam';

/** The longest exam time limit, in minutes (a school day). */
export const MAX_TIME_LIMIT_MINUTES = 24 * 60;
export type Difficulty = 1 | 2 | 3;

export interface QuizOptions {
	/** How many questions at most; fewer when fewer match. */
	count: number;
	mode: QuizMode;
	/** Any string; typed seeds are normalised (see normalizeSeed), so "ab10" = "AB1O". */
	seed: string;
	/** Keep questions having any of these tags (case-insensitive). */
	tags?: readonly string[];
	/** Keep questions of these authored types. */
	types?: readonly QuestionType[];
	/** Keep questions of these difficulties; a question without one counts as 2. */
	difficulty?: readonly Difficulty[];
	/** Exam only: recorded on the quiz for the screen's timer. */
	timeLimitMinutes?: number;
	/** Keep questions whose quote lies in paragraph `paragraph` (0-based) of the source text. */
	paragraph?: number;
	/** Keep only these questions ("Retry missed"): plain ids or `setId/questionId` keys. */
	questionIds?: readonly string[];
	/** Shuffle question order (default true); false keeps the bank's order. */
	shuffleQuestions?: boolean;
	/** Sometimes ask a flashcard, short or numeric question as multiple choice (default true). */
	variety?: boolean;
}

/** What the scheduler knows about one question, as plain input (quiz never reads storage). */
export interface QuestionProgress {
	due: boolean;
	lapses: number;
	/** FSRS stability in days, when the card has been reviewed. */
	stability?: number;
}

/** Keyed by question id, or wholly by `setId/questionId` keys when ids collide across sets. */
export type ProgressMap = ReadonlyMap<string, QuestionProgress>;

interface AskedBase {
	/** The prompt as shown. For cloze, the text with blanks masked. */
	prompt: string;
	/** The question's authored type; differs from `type` when asked another way. */
	originalType: QuestionType;
	explanation?: string;
	quote?: string;
	tags?: string[];
	difficulty?: Difficulty;
	/** The question's formatted texts (bank `rich`); shown only where they match the plain ones. */
	rich?: { prompt?: string; back?: string; explanation?: string };
}

export interface AskedMcq extends AskedBase {
	type: 'mcq';
	/** Options in the order shown. */
	options: string[];
	/**
	 * `order[shown]` = index of that option in the authored question's `options`. For a
	 * question asked another way, index 0 is the correct answer and 1… the distractors.
	 */
	order: number[];
	/** Index (in shown order) of the correct option. */
	answer: number;
	/** Feedback per shown option ("" for none), when the author gave some. */
	optionFeedback?: string[];
}

export interface AskedMulti extends AskedBase {
	type: 'multi';
	options: string[];
	order: number[];
	/** Shown indices of the correct options, ascending. */
	answers: number[];
	optionFeedback?: string[];
}

export interface AskedTrueFalse extends AskedBase {
	type: 'truefalse';
	answer: boolean;
}

export interface AskedShort extends AskedBase {
	type: 'short';
	/** answers[0] is shown as the answer; the rest are accepted variants. */
	answers: string[];
}

export interface AskedNumeric extends AskedBase {
	type: 'numeric';
	answer: number;
	tolerance: number;
	unit?: string;
}

export interface AskedCloze extends AskedBase {
	type: 'cloze';
	/** The authored text with its `{{c1::…}}` markup, for rendering blanks in place. */
	text: string;
	/** Every blank in text order; all are asked at once. */
	blanks: { answer: string; hint?: string; accepted?: string[] }[];
}

export interface AskedOrder extends AskedBase {
	type: 'order';
	/** Items in the (shuffled) order shown. */
	items: string[];
	/** `order[shown]` = that item's correct position. */
	order: number[];
}

export interface AskedMatch extends AskedBase {
	type: 'match';
	/** Left sides, as authored. */
	left: string[];
	/** Right sides, shuffled. */
	right: string[];
	/** `answer[i]` = shown index of the right side that belongs to left[i]. */
	answer: number[];
}

export interface AskedFlashcard extends AskedBase {
	type: 'flashcard';
	back: string;
}

export type AskedQuestion =
	| AskedMcq
	| AskedMulti
	| AskedTrueFalse
	| AskedShort
	| AskedNumeric
	| AskedCloze
	| AskedOrder
	| AskedMatch
	| AskedFlashcard;

export interface QuizItem {
	/** `setId/questionId`: unique within a quiz, stable across set versions. */
	key: string;
	setId: string;
	questionId: string;
	asked: AskedQuestion;
}

export interface Quiz {
	/** The normalised seed; regenerating with it and `options` gives this quiz again. */
	seed: string;
	mode: QuizMode;
	timeLimitMinutes?: number;
	/** The options as resolved (defaults filled in), for "same quiz again" and hand-ins. */
	options: ResolvedQuizOptions;
	/** How many questions matched the filters (before `count`). */
	available: number;
	items: QuizItem[];
}

export type ResolvedQuizOptions = Omit<QuizOptions, 'shuffleQuestions' | 'variety'> & {
	shuffleQuestions: boolean;
	variety: boolean;
};

/** Self-rating for a flashcard, as in Anki/FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type FlashcardRating = 1 | 2 | 3 | 4;

/**
 * A student's answer, by the type asked:
 * mcq `number` (shown index) · multi `number[]` (shown indices ticked) · truefalse
 * `boolean` · short / numeric `string` · cloze `string[]` (one per blank) · order
 * `number[]` (shown indices in the student's order) · match `(number | null)[]` (shown
 * right index per left) · flashcard `FlashcardRating | boolean`, or `string` if typed.
 * `null`/`undefined` is unanswered.
 */
export type QuizResponse =
	| number
	| boolean
	| string
	| readonly string[]
	| readonly number[]
	| readonly (number | null)[]
	| null
	| undefined;

export interface Grade {
	/** 0..1. */
	score: number;
	/** Full marks (a forgiven typo still counts). */
	correct: boolean;
	/** Right but for one typo: say "correct — check the spelling". */
	typoForgiven?: boolean;
	/** The right answer, for display. */
	expected: string;
	detail?: GradeDetail;
}

export interface GradeDetail {
	/** Per blank (cloze), per position (order), per left side (match) or per shown option (multi: ticked or not as it should be). */
	parts?: boolean[];
	/** Why a response could not be read, e.g. "not a number". */
	message?: string;
}
