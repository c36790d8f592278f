// A quiz as stored in the `attempts` store, in progress or finished. StoredAttempt has
// only generic `answers` and `questions` arrays (and backups validate it strictly), so
// the quiz-level facts ride on the first question snapshot (`questions[0].quiz`): the
// arrays keep one entry per question for every other reader. An attempt with
// `finishedAt === null` is a quiz in progress. Swap this encoding here, and only here,
// when StoredAttempt grows typed fields.
import type { StoredAttempt } from '$lib/platform/storage';
import type {
	Grade,
	QuizItem,
	QuizMode,
	QuizResponse,
	ResolvedQuizOptions
} from '$lib/core/quiz/types';

export interface AttemptAnswer {
	response: QuizResponse;
	/** Milliseconds the question was on screen, summed over visits. */
	ms: number;
	/** Graded (practice: at Check; exam: at the end). */
	grade?: Grade;
	/** The grade has been applied to the question's spaced-repetition card. */
	recorded?: boolean;
}

export interface QuizMeta {
	seed: string;
	mode: QuizMode;
	options: ResolvedQuizOptions;
	available: number;
	timeLimitMinutes?: number;
	/** The question on screen when last saved. */
	index: number;
}

export type AttemptQuestion = QuizItem & { quiz?: QuizMeta };
export type QuizAttempt = StoredAttempt<AttemptAnswer, AttemptQuestion>;

export interface QuizRecord {
	id: string;
	setId: string;
	startedAt: number;
	finishedAt: number | null;
	meta: QuizMeta;
	items: QuizItem[];
	answers: AttemptAnswer[];
}

/**
 * A flashcard answered by "How well did you know it?" is graded by the student, not the app:
 * shown as such and kept out of the score. A typed answer to a flashcard is graded.
 */
export function isSelfGraded(item: QuizItem, answer: AttemptAnswer | undefined): boolean {
	return item.asked.type === 'flashcard' && typeof answer?.response !== 'string';
}

/** Points the app graded (self-graded flashcards left out). */
export function scoreOf(items: readonly QuizItem[], answers: readonly AttemptAnswer[]): number {
	return answers.reduce(
		(sum, a, i) => sum + (items[i] && isSelfGraded(items[i], a) ? 0 : (a.grade?.score ?? 0)),
		0
	);
}

/** The most points the app can give: one per question it grades. */
export function maxScoreOf(items: readonly QuizItem[], answers: readonly AttemptAnswer[]): number {
	return items.filter((it, i) => !isSelfGraded(it, answers[i])).length;
}

export function toStored(r: QuizRecord): StoredAttempt {
	const questions: AttemptQuestion[] = r.items.map((item, i) =>
		i === 0 ? { ...item, quiz: r.meta } : item
	);
	// Plain data only: $state proxies cannot be structured-cloned into IndexedDB.
	const attempt: QuizAttempt = {
		id: r.id,
		setId: r.setId,
		startedAt: r.startedAt,
		finishedAt: r.finishedAt,
		score: scoreOf(r.items, r.answers),
		maxScore: maxScoreOf(r.items, r.answers),
		answers: r.answers,
		questions
	};
	return JSON.parse(JSON.stringify(attempt)) as StoredAttempt;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

/** A stored attempt read back as a quiz, or undefined when it is not one of ours. */
export function fromStored(a: StoredAttempt): QuizRecord | undefined {
	const first = a.questions[0];
	if (!isObject(first) || !isObject(first.quiz)) return undefined;
	const items = a.questions as AttemptQuestion[];
	if (!items.every((q) => isObject(q) && typeof q.key === 'string' && isObject(q.asked)))
		return undefined;
	const meta = first.quiz as unknown as QuizMeta;
	if (typeof meta.seed !== 'string' || (meta.mode !== 'practice' && meta.mode !== 'exam'))
		return undefined;
	const answers = items.map((_, i): AttemptAnswer => {
		const x = a.answers[i];
		return isObject(x)
			? {
					response: x.response as QuizResponse,
					ms: typeof x.ms === 'number' ? x.ms : 0,
					...(isObject(x.grade) ? { grade: x.grade as unknown as Grade } : {}),
					...(x.recorded === true ? { recorded: true } : {})
				}
			: { response: undefined, ms: 0 };
	});
	return {
		id: a.id,
		setId: a.setId,
		startedAt: a.startedAt,
		finishedAt: a.finishedAt,
		meta: { ...meta, index: Math.min(Math.max(0, meta.index | 0), items.length - 1) },
		items: items.map(({ quiz: _quiz, ...item }) => item),
		answers
	};
}
