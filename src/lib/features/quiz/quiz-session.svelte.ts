// QuizSession: the state of /quiz/<set>/ from setup through the questions (a QuizRunner,
// shared with the class quiz) to the results. Every change is saved as an attempt so a
// reload resumes the quiz; every graded answer moves the question's spaced-repetition
// card. A failed write is reported and retried on the next action: the answers stay in
// memory meanwhile, so nothing the student did is lost.
import type { QuestionSet, QuestionType } from '$lib/core/bank/schema';
import { generateQuiz } from '$lib/core/quiz/generate';
import { initialResponse } from '$lib/core/quiz/grade';
import { normalizeSeed, randomSeed } from '$lib/core/quiz/rng';
import type {
	Difficulty,
	ProgressMap,
	QuizItem,
	QuizMode,
	QuizOptions
} from '$lib/core/quiz/types';
import type { SrsSettings } from '$lib/core/srs';
import {
	cardsForSet,
	deleteAttempt,
	getAttempt,
	putAttempt,
	recentAttempts,
	type Db
} from '$lib/platform/storage';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { MediaUrls } from '$lib/platform/media-urls.svelte';
import { paragraphIndex, progressMap, setTags, setTypes } from '$lib/core/quiz/describe';
import { firstAttempts, fromStored, toStored, type AttemptAnswer, type QuizRecord } from './record';
import { recordReviews } from './record-reviews';
import { QuizRunner } from './quiz-runner.svelte';

export type QuizPhase = 'loading' | 'setup' | 'question' | 'results';

export interface QuizSetup {
	count: number;
	tags: string[];
	types: QuestionType[];
	difficulty: Difficulty[];
	mode: QuizMode;
	/** Exam only; null or 0 for no limit. */
	timeLimitMinutes: number | null;
	seed: string;
	/** 0-based paragraph of the source text, from `?paragraph=`. */
	paragraph?: number;
	/** "Retry missed": just these questions. */
	questionIds?: string[];
	/** Practice: "Ask how sure I am" (off by default; never in an exam). */
	confidence: boolean;
}

export interface Resumable {
	id: string;
	mode: QuizMode;
	startedAt: number;
	/** 0-based question on screen when it was left. */
	index: number;
	total: number;
}

export interface SessionDeps extends Deps {
	/** Milliseconds between clock ticks (timer display, exam time limit). */
	tickMs?: number;
}

export const DEFAULT_COUNT = 10;
function positiveInt(value: string | null): number | undefined {
	if (value === null || !/^\d+$/.test(value.trim())) return undefined;
	return Number(value);
}

export interface ResultRow {
	item: QuizItem;
	answer: AttemptAnswer;
	/** The answer when the question was asked again (after a sure mistake). */
	again?: AttemptAnswer;
	/** 0-based paragraph the question cites, or -1. */
	paragraph: number;
}

export class QuizSession {
	readonly set: QuestionSet;
	/** Tags used in the set, for the topic checkboxes. */
	readonly tags: readonly string[];
	/** Question types present in the set. */
	readonly types: readonly QuestionType[];
	readonly #deps: AppDeps;
	readonly #tickMs: number | undefined;

	setup = $state<QuizSetup>({
		count: DEFAULT_COUNT,
		tags: [],
		types: [],
		difficulty: [],
		mode: 'practice',
		timeLimitMinutes: null,
		seed: '',
		confidence: false
	});
	resumable = $state<Resumable | null>(null);
	/** Why the last start failed (e.g. no questions match). */
	problem = $state<string | null>(null);
	/** The link named a seed: the setup shows it (it is otherwise folded away). */
	seedFromLink = $state(false);
	/** Writes waiting to be retried after a storage failure. */
	unsaved = $state(false);
	/** The quiz under way or finished; null during setup. */
	runner = $state.raw<QuizRunner | null>(null);

	#loaded = $state(false);
	#progress: ProgressMap | undefined;
	#paragraphs: Map<string, number>;
	#settings: SrsSettings | undefined;
	#pendingResume: QuizRecord | undefined;
	#sync: Promise<void> = Promise.resolve();

	/** The images questions show, as object URLs revoked on destroy. */
	readonly media: MediaUrls;

	constructor(set: QuestionSet, deps: SessionDeps = {}) {
		this.set = set;
		this.#deps = appDeps(deps);
		this.media = new MediaUrls(this.#deps.open);
		this.#tickMs = deps.tickMs;
		this.#paragraphs = paragraphIndex(set);
		this.tags = setTags(set);
		this.types = setTypes(set);
		this.setup.seed = randomSeed(this.#deps.entropy());
	}

	get phase(): QuizPhase {
		if (this.runner) return this.runner.finished ? 'results' : 'question';
		return this.#loaded ? 'setup' : 'loading';
	}

	// ---- setup --------------------------------------------------------------------

	/** How many questions the current filters leave ("24 questions match"). */
	readonly #available = $derived.by(
		() => generateQuiz([this.set], { ...this.#options(), count: 0 }).available
	);

	get available(): number {
		return this.#available;
	}

	/** The finished quiz on screen (its results), for the URL `?attempt=`; else undefined. */
	get attemptId(): string | undefined {
		return this.runner?.finished ? this.runner.record.id : undefined;
	}

	/**
	 * Fills the setup from the URL, finds a quiz to resume and reads progress. `?attempt=`
	 * reopens a finished quiz's results (from the lists of past quizzes, or Back).
	 */
	async load(params?: URLSearchParams): Promise<void> {
		const p = positiveInt(params?.get('paragraph') ?? null);
		if (p !== undefined) this.setup.paragraph = p;
		const seed = params?.get('seed');
		if (seed && normalizeSeed(seed)) {
			this.setup.seed = normalizeSeed(seed).slice(0, 32);
			this.seedFromLink = true;
		}
		const count = positiveInt(params?.get('count') ?? null);
		if (count !== undefined && count > 0) this.setup.count = count;
		try {
			const db = await this.#deps.open();
			const [attempts, cards] = await Promise.all([
				recentAttempts(db, { limit: 20, setId: this.set.id }),
				cardsForSet(db, this.set.id)
			]);
			this.#progress = progressMap(cards, this.#deps.now());
			const wanted = params?.get('attempt');
			if (wanted) {
				const stored = await getAttempt(db, wanted);
				const r = stored && stored.setId === this.set.id ? fromStored(stored) : undefined;
				if (r && r.finishedAt !== null) this.#run(r);
				else this.problem = 'That quiz is not on this device any more. Start a new one below.';
			}
			for (const a of attempts) {
				if (a.finishedAt !== null) continue;
				const r = fromStored(a);
				if (!r) continue;
				this.resumable = {
					id: r.id,
					mode: r.meta.mode,
					startedAt: r.startedAt,
					index: r.meta.index,
					total: r.items.length
				};
				this.#pendingResume = r;
				break;
			}
		} catch (e) {
			// Quizzes still work without saved progress; the user is told storage failed.
			this.#deps.showError(e);
		}
		this.#loaded = true;
	}

	#options(): QuizOptions {
		const s = this.setup;
		const limit = s.mode === 'exam' && s.timeLimitMinutes ? s.timeLimitMinutes : undefined;
		return {
			count: s.count,
			mode: s.mode,
			seed: s.seed || 'QUIZ',
			...(s.tags.length ? { tags: [...s.tags] } : {}),
			...(s.types.length ? { types: [...s.types] } : {}),
			...(s.difficulty.length ? { difficulty: [...s.difficulty] } : {}),
			...(limit ? { timeLimitMinutes: limit } : {}),
			...(s.paragraph !== undefined ? { paragraph: s.paragraph } : {}),
			...(s.questionIds ? { questionIds: [...s.questionIds] } : {})
		};
	}

	/** A fresh random seed in the setup. */
	newSeed(): void {
		this.setup.seed = randomSeed(this.#deps.entropy());
	}

	/** Generates the quiz and shows the first question. */
	start(): Promise<void> {
		this.problem = null;
		const count = Math.min(Math.max(1, Math.floor(this.setup.count) || 0), this.available);
		if (this.available === 0) {
			this.problem = 'No questions match these choices. Tick more topics, types or levels.';
			return Promise.resolve();
		}
		const quiz = generateQuiz(
			[this.set],
			{ ...this.#options(), count },
			this.setup.mode === 'practice' ? this.#progress : undefined
		);
		const startedAt = this.#deps.now();
		const discard = this.resumable?.id;
		this.resumable = null;
		this.#pendingResume = undefined;
		this.#run({
			id: `quiz-${this.set.id}-${startedAt.toString(36)}-${quiz.seed}`,
			setId: this.set.id,
			startedAt,
			finishedAt: null,
			meta: {
				seed: quiz.seed,
				mode: quiz.mode,
				options: quiz.options,
				available: quiz.available,
				...(quiz.timeLimitMinutes ? { timeLimitMinutes: quiz.timeLimitMinutes } : {}),
				...(quiz.mode === 'practice' && this.setup.confidence ? { confidence: true } : {}),
				index: 0
			},
			items: quiz.items,
			answers: quiz.items.map((it) => ({ response: initialResponse(it.asked), ms: 0 }))
		});
		return this.#queue(async (db) => {
			// Starting over replaces the quiz that was on offer to resume.
			if (discard) await deleteAttempt(db, discard);
		});
	}

	/** Continues the quiz left in progress. */
	resume(): Promise<void> {
		const r = this.#pendingResume;
		if (!r) return Promise.resolve();
		this.#pendingResume = undefined;
		this.resumable = null;
		this.#run(r);
		// A graded answer whose card update was lost in the reload is applied now.
		return this.#queue();
	}

	/** Throws away the quiz left in progress. */
	discard(): Promise<void> {
		const id = this.resumable?.id;
		this.resumable = null;
		this.#pendingResume = undefined;
		if (!id) return Promise.resolve();
		return this.#queue(async (db) => deleteAttempt(db, id));
	}

	#run(record: QuizRecord): void {
		this.runner?.destroy();
		this.runner = new QuizRunner(record, {
			save: () => this.#queue(),
			now: this.#deps.now,
			...(this.#tickMs ? { tickMs: this.#tickMs } : {})
		});
	}

	// ---- questions and results -----------------------------------------------------

	get mode(): QuizMode {
		return this.runner?.mode ?? this.setup.mode;
	}

	get seed(): string {
		return this.runner?.seed ?? normalizeSeed(this.setup.seed);
	}

	/** 0-based paragraph the question cites, or -1. */
	paragraphOf(item: QuizItem): number {
		return this.#paragraphs.get(item.questionId) ?? -1;
	}

	get rows(): ResultRow[] {
		const r = this.runner;
		if (!r) return [];
		return firstAttempts(r.items, r.answers).map((row) => ({
			...row,
			paragraph: this.paragraphOf(row.item)
		}));
	}

	/** A new quiz of just the questions missed, in the same mode. */
	retryMissed(): Promise<void> {
		const ids = (this.runner?.missed ?? []).map((it) => it.key);
		if (!ids.length) return Promise.resolve();
		const mode = this.mode;
		const confidence = this.runner?.asksConfidence ?? this.setup.confidence;
		this.#close();
		this.setup = {
			...this.setup,
			mode,
			count: ids.length,
			tags: [],
			types: [],
			difficulty: [],
			questionIds: ids,
			seed: randomSeed(this.#deps.entropy()),
			confidence
		};
		delete this.setup.paragraph;
		return this.start();
	}

	/** Back to the setup for another quiz. */
	newQuiz(): void {
		this.#close();
		delete this.setup.questionIds;
		delete this.setup.paragraph;
		this.setup.seed = randomSeed(this.#deps.entropy());
		this.problem = null;
	}

	#close(): void {
		this.runner?.destroy();
		this.runner = null;
	}

	/** Stops the clock and the busy mark (the page is leaving). Unsaved work is retried. */
	destroy(): Promise<void> {
		this.runner?.destroy();
		this.media.destroy();
		return this.#sync;
	}

	// ---- storage ------------------------------------------------------------------

	/**
	 * Runs storage work one step at a time, in order: `extra` first, then the card
	 * updates not yet applied, then the attempt. A failure is reported and leaves the
	 * data in memory for the next call to retry.
	 */
	#queue(extra?: (db: Db) => Promise<unknown>): Promise<void> {
		this.#sync = this.#sync.then(async () => {
			try {
				const db = await this.#deps.open();
				if (extra) await extra(db);
				const record = this.runner?.record;
				if (record) {
					this.#settings = await recordReviews(db, record, this.#deps.now(), {
						...(this.#settings ? { settings: this.#settings } : {})
					});
					await putAttempt(db, toStored(record));
				}
				this.unsaved = false;
			} catch (e) {
				this.unsaved = true;
				this.#deps.showError(e);
			}
		});
		return this.#sync;
	}
}
