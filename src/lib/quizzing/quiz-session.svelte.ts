// QuizSession: the state of /quiz/<set>/ from setup through one question per screen to
// the results. Time and randomness are read here (the quiz core is pure). Every answer
// is saved as an in-progress attempt so a reload resumes the quiz; every graded answer
// moves the question's spaced-repetition card. A failed write is reported and retried on
// the next action: the answers stay in memory meanwhile, so nothing the student did is
// lost.
import { database } from '$lib/app/database.svelte';
import { activity } from '$lib/pwa/activity.svelte';
import type { QuestionSet, QuestionType } from '$lib/bank/schema';
import { generateQuiz } from '$lib/quiz/generate';
import { gradeAnswer, initialResponse } from '$lib/quiz/grade';
import { normalizeSeed, randomSeed } from '$lib/quiz/rng';
import type {
	AskedQuestion,
	Difficulty,
	ProgressMap,
	QuizItem,
	QuizMode,
	QuizOptions,
	QuizResponse
} from '$lib/quiz/types';
import { answerCard, newCard, type SrsSettings } from '$lib/srs';
import {
	answerStoredCard,
	cardsForSet,
	deleteAttempt,
	getSrsSettings,
	putAttempt,
	recentAttempts,
	type Db
} from '$lib/storage';
import { paragraphIndex, progressMap, setTags, setTypes } from './describe';
import { ratingFor } from './rating';
import { fromStored, scoreOf, toStored, type AttemptAnswer, type QuizRecord } from './record';

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
}

export interface Resumable {
	id: string;
	mode: QuizMode;
	startedAt: number;
	/** 0-based question on screen when it was left. */
	index: number;
	total: number;
}

export interface SessionDeps {
	/** Epoch ms; Date.now by default. */
	now?: () => number;
	/** Six numbers in [0, 1) for a seed; crypto.getRandomValues by default. */
	entropy?: () => number[];
	/** Milliseconds between clock ticks (timer display, exam time limit). */
	tickMs?: number;
}

export const DEFAULT_COUNT = 10;
const ACTIVITY = 'quiz';

function cryptoEntropy(): number[] {
	return Array.from(crypto.getRandomValues(new Uint32Array(6)), (x) => x / 2 ** 32);
}

/** Whether the student has given something to check. */
export function hasResponse(asked: AskedQuestion, r: QuizResponse): boolean {
	if (r === null || r === undefined) return false;
	if (typeof r === 'string') return r.trim().length > 0;
	if (Array.isArray(r)) {
		if (asked.type === 'order') return true;
		return (r as readonly unknown[]).some(
			(x) => (typeof x === 'string' && x.trim().length > 0) || typeof x === 'number'
		);
	}
	return true;
}

function positiveInt(value: string | null): number | undefined {
	if (value === null || !/^\d+$/.test(value.trim())) return undefined;
	return Number(value);
}

export interface ResultRow {
	item: QuizItem;
	answer: AttemptAnswer;
	/** 0-based paragraph the question cites, or -1. */
	paragraph: number;
}

export class QuizSession {
	readonly set: QuestionSet;
	/** Tags used in the set, for the topic checkboxes. */
	readonly tags: readonly string[];
	/** Question types present in the set. */
	readonly types: readonly QuestionType[];
	readonly #now: () => number;
	readonly #entropy: () => number[];
	readonly #tickMs: number;

	phase = $state<QuizPhase>('loading');
	setup = $state<QuizSetup>({
		count: DEFAULT_COUNT,
		tags: [],
		types: [],
		difficulty: [],
		mode: 'practice',
		timeLimitMinutes: null,
		seed: ''
	});
	resumable = $state<Resumable | null>(null);
	/** Why the last start failed (e.g. no questions match). */
	problem = $state<string | null>(null);
	/** Writes waiting to be retried after a storage failure. */
	unsaved = $state(false);
	/** The clock, ticking while a question is on screen. */
	now = $state(0);

	#record = $state<QuizRecord | null>(null);
	#progress: ProgressMap | undefined;
	#paragraphs: Map<string, number>;
	#settings: SrsSettings | undefined;
	#shownAt: number | null = null;
	#timer: ReturnType<typeof setInterval> | undefined;
	#endActivity: (() => void) | undefined;
	#sync: Promise<void> = Promise.resolve();

	constructor(set: QuestionSet, deps: SessionDeps = {}) {
		this.set = set;
		this.#now = deps.now ?? Date.now;
		this.#entropy = deps.entropy ?? cryptoEntropy;
		this.#tickMs = deps.tickMs ?? 1000;
		this.#paragraphs = paragraphIndex(set);
		this.tags = setTags(set);
		this.types = setTypes(set);
		this.setup.seed = randomSeed(this.#entropy());
		this.now = this.#now();
	}

	// ---- setup --------------------------------------------------------------------

	/** How many questions the current filters leave ("24 questions match"). */
	readonly #available = $derived.by(
		() => generateQuiz([this.set], { ...this.#options(), count: 0 }).available
	);

	get available(): number {
		return this.#available;
	}

	/** Fills the setup from the URL, finds a quiz to resume and reads progress. */
	async load(params?: URLSearchParams): Promise<void> {
		const p = positiveInt(params?.get('paragraph') ?? null);
		if (p !== undefined) this.setup.paragraph = p;
		const seed = params?.get('seed');
		if (seed && normalizeSeed(seed)) this.setup.seed = normalizeSeed(seed).slice(0, 32);
		const count = positiveInt(params?.get('count') ?? null);
		if (count !== undefined && count > 0) this.setup.count = count;
		try {
			const db = await database.open();
			const [attempts, cards] = await Promise.all([
				recentAttempts(db, { limit: 20, setId: this.set.id }),
				cardsForSet(db, this.set.id)
			]);
			const progress = progressMap(cards, this.#now());
			this.#progress = progress;
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
			database.report(e);
		}
		this.phase = 'setup';
	}

	#pendingResume: QuizRecord | undefined;

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
		this.setup.seed = randomSeed(this.#entropy());
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
		const startedAt = this.#now();
		const discard = this.resumable?.id;
		this.resumable = null;
		this.#pendingResume = undefined;
		this.#record = {
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
				index: 0
			},
			items: quiz.items,
			answers: quiz.items.map((it) => ({ response: initialResponse(it.asked), ms: 0 }))
		};
		this.#enterQuestions();
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
		this.#record = r;
		this.#enterQuestions();
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

	#enterQuestions(): void {
		this.phase = 'question';
		this.now = this.#now();
		this.#shownAt = this.checked ? null : this.now;
		this.#endActivity ??= activity.begin(ACTIVITY);
		this.#startClock();
	}

	// ---- questions ----------------------------------------------------------------

	get mode(): QuizMode {
		return this.#record?.meta.mode ?? this.setup.mode;
	}

	get seed(): string {
		return this.#record?.meta.seed ?? normalizeSeed(this.setup.seed);
	}

	get items(): readonly QuizItem[] {
		return this.#record?.items ?? [];
	}

	get answers(): readonly AttemptAnswer[] {
		return this.#record?.answers ?? [];
	}

	get index(): number {
		return this.#record?.meta.index ?? 0;
	}

	get total(): number {
		return this.items.length;
	}

	get item(): QuizItem | undefined {
		return this.items[this.index];
	}

	get answer(): AttemptAnswer | undefined {
		return this.answers[this.index];
	}

	get isLast(): boolean {
		return this.index === this.total - 1;
	}

	/** Questions with any answer given, for "you answered 8 of 10" before finishing. */
	get answeredCount(): number {
		const r = this.#record;
		if (!r) return 0;
		return r.items.filter((it, i) => hasResponse(it.asked, r.answers[i]?.response)).length;
	}

	/** Practice: the current question has been checked and shows its feedback. */
	get checked(): boolean {
		return this.mode === 'practice' && this.answer?.grade !== undefined;
	}

	get canCheck(): boolean {
		const it = this.item;
		return !!it && !this.checked && hasResponse(it.asked, this.answer?.response);
	}

	/** 0-based paragraph the question cites, or -1. */
	paragraphOf(item: QuizItem): number {
		return this.#paragraphs.get(item.questionId) ?? -1;
	}

	/** Exam time left in ms, or undefined without a limit. */
	get remainingMs(): number | undefined {
		const r = this.#record;
		if (!r?.meta.timeLimitMinutes || r.meta.mode !== 'exam') return undefined;
		const end = (r.finishedAt ?? this.now) - r.startedAt;
		return Math.max(0, r.meta.timeLimitMinutes * 60_000 - end);
	}

	setResponse(response: QuizResponse): void {
		const a = this.answer;
		if (!a || this.checked || this.phase !== 'question') return;
		a.response = response;
	}

	/** Practice: grades the current answer and shows feedback. */
	check(): Promise<void> {
		const a = this.answer;
		const it = this.item;
		if (!a || !it || this.mode !== 'practice' || this.checked) return Promise.resolve();
		this.#leaveQuestion();
		a.grade = gradeAnswer(it.asked, a.response);
		return this.#queue();
	}

	/** To the next question (practice: after Check), or to the results after the last. */
	next(): Promise<void> {
		const r = this.#record;
		if (!r || this.phase !== 'question') return Promise.resolve();
		if (this.mode === 'practice' && !this.checked) return Promise.resolve();
		if (this.isLast) return this.finish();
		this.#leaveQuestion();
		r.meta.index++;
		this.#showQuestion();
		return this.#queue();
	}

	/** Exam: back to the previous question. */
	back(): Promise<void> {
		const r = this.#record;
		if (!r || this.mode !== 'exam' || this.index === 0 || this.phase !== 'question')
			return Promise.resolve();
		this.#leaveQuestion();
		r.meta.index--;
		this.#showQuestion();
		return this.#queue();
	}

	/** Grades everything still ungraded, stores the attempt and shows the results. */
	finish(): Promise<void> {
		const r = this.#record;
		if (!r || this.phase !== 'question') return Promise.resolve();
		this.#leaveQuestion();
		r.items.forEach((it, i) => {
			const a = r.answers[i]!;
			a.grade ??= gradeAnswer(it.asked, a.response);
		});
		r.finishedAt = this.#now();
		this.now = r.finishedAt;
		this.phase = 'results';
		this.#stopClock();
		this.#endActivity?.();
		this.#endActivity = undefined;
		return this.#queue();
	}

	#showQuestion(): void {
		this.now = this.#now();
		this.#shownAt = this.checked ? null : this.now;
	}

	/** Adds the time on screen to the current answer. */
	#leaveQuestion(): void {
		const a = this.answer;
		if (a && this.#shownAt !== null) a.ms += Math.max(0, this.#now() - this.#shownAt);
		this.#shownAt = null;
	}

	#startClock(): void {
		this.#stopClock();
		if (typeof setInterval === 'undefined') return;
		this.#timer = setInterval(() => this.tick(), this.#tickMs);
	}

	#stopClock(): void {
		if (this.#timer !== undefined) clearInterval(this.#timer);
		this.#timer = undefined;
	}

	/** Advances the clock; an exam whose time is up finishes. */
	tick(): void {
		if (this.phase !== 'question') return;
		this.now = this.#now();
		if (this.remainingMs === 0) void this.finish();
	}

	// ---- results ------------------------------------------------------------------

	get finished(): boolean {
		return this.#record?.finishedAt != null;
	}

	/** Points scored (partial credit counts), out of `total`. */
	get score(): number {
		return scoreOf(this.answers);
	}

	get percent(): number {
		return this.total ? Math.round((this.score / this.total) * 100) : 0;
	}

	get elapsedMs(): number {
		const r = this.#record;
		return r ? (r.finishedAt ?? this.now) - r.startedAt : 0;
	}

	get rows(): ResultRow[] {
		return this.items.map((item, i) => ({
			item,
			answer: this.answers[i]!,
			paragraph: this.paragraphOf(item)
		}));
	}

	get missed(): QuizItem[] {
		return this.items.filter((_, i) => !this.answers[i]?.grade?.correct);
	}

	/** A new quiz of just the questions missed, in the same mode. */
	retryMissed(): Promise<void> {
		const ids = this.missed.map((it) => it.key);
		if (!ids.length) return Promise.resolve();
		const mode = this.mode;
		this.#record = null;
		this.setup = {
			...this.setup,
			mode,
			count: ids.length,
			tags: [],
			types: [],
			difficulty: [],
			questionIds: ids,
			seed: randomSeed(this.#entropy())
		};
		delete this.setup.paragraph;
		return this.start();
	}

	/** Back to the setup for another quiz. */
	newQuiz(): void {
		this.#record = null;
		delete this.setup.questionIds;
		delete this.setup.paragraph;
		this.setup.seed = randomSeed(this.#entropy());
		this.problem = null;
		this.phase = 'setup';
	}

	/** Stops the clock and the busy mark (the page is leaving). Unsaved work is retried. */
	destroy(): Promise<void> {
		this.#stopClock();
		this.#endActivity?.();
		this.#endActivity = undefined;
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
				const db = await database.open();
				if (extra) await extra(db);
				await this.#applyCards(db);
				if (this.#record) await putAttempt(db, toStored(this.#record));
				this.unsaved = false;
			} catch (e) {
				this.unsaved = true;
				database.report(e);
			}
		});
		return this.#sync;
	}

	async #applyCards(db: Db): Promise<void> {
		const r = this.#record;
		if (!r) return;
		const todo = r.items
			.map((item, i) => ({ item, a: r.answers[i]! }))
			.filter(({ a }) => a.grade && !a.recorded);
		if (!todo.length) return;
		const settings = (this.#settings ??= await getSrsSettings(db));
		const now = this.#now();
		for (const { item, a } of todo) {
			const rating = ratingFor(item.asked, a.response, a.grade!, a.ms);
			// From the card as stored, in the answer's own transaction: a study tab open
			// beside the quiz may have answered it meanwhile (DESIGN.md §4).
			await answerStoredCard(db, item.key, (stored) =>
				answerCard(stored ?? newCard(item.questionId, item.setId, now), rating, now, settings)
			);
			a.recorded = true;
		}
	}
}
