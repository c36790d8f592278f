// What /sets/<set>/ shows about the student's progress: mastery from the set's cards and
// the finished quizzes, newest first. Loaded in the browser after mount.
import { appDeps, type AppDeps, type Deps, type LoadState } from '$lib/platform/deps';
import type { QuestionSet } from '$lib/core/bank/schema';
import type { QuizMode } from '$lib/core/quiz/types';
import { cardsForSet, recentAttempts } from '$lib/platform/storage';
import { setMastery, type SetMastery } from '$lib/core/srs/stats';
import { fromStored } from '$lib/features/quiz/record';

export interface PastQuiz {
	id: string;
	startedAt: number;
	finishedAt: number;
	score: number;
	maxScore: number;
	percent: number;
	mode: QuizMode | undefined;
}

export const PAST_QUIZ_LIMIT = 20;

export class SetProgressPage {
	readonly #set: QuestionSet;
	readonly #deps: AppDeps;
	status = $state<LoadState>({ kind: 'loading' });
	mastery = $state<SetMastery | null>(null);
	quizzes = $state<PastQuiz[]>([]);
	/** A quiz left in progress, to offer on the page. */
	inProgress = $state(false);

	constructor(set: QuestionSet, deps: Deps = {}) {
		this.#set = set;
		this.#deps = appDeps(deps);
	}

	async load(): Promise<void> {
		try {
			const db = await this.#deps.open();
			const [cards, attempts] = await Promise.all([
				cardsForSet(db, this.#set.id),
				// In-progress attempts are few (one per set); ask for a little more than shown.
				recentAttempts(db, { limit: PAST_QUIZ_LIMIT + 5, setId: this.#set.id })
			]);
			this.mastery = setMastery(this.#set.id, this.#set.questions.length, cards, this.#deps.now());
			this.inProgress = attempts.some((a) => a.finishedAt === null);
			this.quizzes = attempts
				.filter((a): a is typeof a & { finishedAt: number } => a.finishedAt !== null)
				.slice(0, PAST_QUIZ_LIMIT)
				.map((a) => ({
					id: a.id,
					startedAt: a.startedAt,
					finishedAt: a.finishedAt,
					score: a.score,
					maxScore: a.maxScore,
					percent: a.maxScore > 0 ? Math.round((a.score / a.maxScore) * 100) : 0,
					mode: fromStored(a)?.meta.mode
				}));
			this.status = { kind: 'ready' };
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}
}
