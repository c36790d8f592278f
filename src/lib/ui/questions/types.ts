import type { AskedQuestion, Grade, QuizResponse } from '$lib/core/quiz/types';

/** What every answer component gets: the question, the answer so far and, once checked, its grade. */
export interface AnswerProps<A extends AskedQuestion = AskedQuestion> {
	asked: A;
	response: QuizResponse;
	onresponse: (response: QuizResponse) => void;
	/** Checked (or finished): the answer can no longer change. */
	locked: boolean;
	/** Shown after Check: marks each part right or wrong. */
	grade?: Grade | undefined;
	/** Unique per question on screen, for ids and radio names. */
	uid: string;
}
