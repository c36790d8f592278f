// A quiz as stored in the `attempts` store, in progress or finished. StoredAttempt has
// only generic `answers` and `questions` arrays (and backups validate it strictly), so
// the quiz-level facts ride on the first question snapshot (`questions[0].quiz`): the
// arrays keep one entry per question for every other reader. An attempt with
// `finishedAt === null` is a quiz in progress. Swap this encoding here, and only here,
// when StoredAttempt grows typed fields.
import type { StoredAttempt } from '$lib/platform/storage';
import { isConfidence, type Confidence } from '$lib/core/quiz/confidence';
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
	/** "Ask how sure I am": what the student said after Check (core/quiz/confidence.ts). */
	confidence?: Confidence;
	/**
	 * A question asked again after a sure but wrong answer: it sits in `items` once more,
	 * moves the card, and is left out of the score, "Retry missed" and calibration.
	 */
	repeat?: true;
}

export interface QuizMeta {
	seed: string;
	mode: QuizMode;
	options: ResolvedQuizOptions;
	available: number;
	timeLimitMinutes?: number;
	/** Practice only: ask Sure / Not sure after each graded answer. */
	confidence?: boolean;
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

/** Points the app graded (self-graded flashcards and repeats left out). */
export function scoreOf(items: readonly QuizItem[], answers: readonly AttemptAnswer[]): number {
	return answers.reduce(
		(sum, a, i) =>
			sum + ((items[i] && isSelfGraded(items[i], a)) || a.repeat ? 0 : (a.grade?.score ?? 0)),
		0
	);
}

/** The most points the app can give: one per question it grades, first attempts only. */
export function maxScoreOf(items: readonly QuizItem[], answers: readonly AttemptAnswer[]): number {
	return items.filter((it, i) => !isSelfGraded(it, answers[i]) && !answers[i]?.repeat).length;
}

/**
 * The graded answer waits for Sure / Not sure before it is shown or moves the card:
 * the quiz asks, the question is graded by the app, and the student has not said yet.
 */
export function awaitsConfidence(
	meta: Pick<QuizMeta, 'confidence' | 'mode'>,
	item: QuizItem,
	answer: AttemptAnswer | undefined
): boolean {
	return (
		meta.confidence === true &&
		meta.mode === 'practice' &&
		answer?.grade !== undefined &&
		answer.confidence === undefined &&
		!isSelfGraded(item, answer)
	);
}

/** Each question once, as first asked, with its second try when it was asked again. */
export function firstAttempts(
	items: readonly QuizItem[],
	answers: readonly AttemptAnswer[]
): { item: QuizItem; answer: AttemptAnswer; again?: AttemptAnswer }[] {
	const rows: { item: QuizItem; answer: AttemptAnswer; again?: AttemptAnswer }[] = [];
	const byKey = new Map<string, (typeof rows)[number]>();
	items.forEach((item, i) => {
		const answer = answers[i]!;
		const first = byKey.get(item.key);
		if (answer.repeat && first) {
			first.again = answer;
			return;
		}
		const row = { item, answer };
		byKey.set(item.key, row);
		rows.push(row);
	});
	return rows;
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
	const { confidence, ...withoutConfidence } = meta;
	const answers = items.map((_, i): AttemptAnswer => {
		const x = a.answers[i];
		return isObject(x)
			? {
					response: x.response as QuizResponse,
					ms: typeof x.ms === 'number' ? x.ms : 0,
					...(isObject(x.grade) ? { grade: x.grade as unknown as Grade } : {}),
					...(x.recorded === true ? { recorded: true } : {}),
					...(isConfidence(x.confidence) ? { confidence: x.confidence } : {}),
					...(x.repeat === true ? { repeat: true as const } : {})
				}
			: { response: undefined, ms: 0 };
	});
	return {
		id: a.id,
		setId: a.setId,
		startedAt: a.startedAt,
		finishedAt: a.finishedAt,
		meta: {
			...withoutConfidence,
			...(confidence === true ? { confidence } : {}),
			index: Math.min(Math.max(0, meta.index | 0), items.length - 1)
		},
		items: items.map(({ quiz: _quiz, ...item }) => item),
		answers
	};
}
