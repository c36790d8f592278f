// ClassQuizSession: a student's side of a class quiz on /class/: the code (typed, from a
// join link or a QR code), their name, one question per screen, and the hand-in file.
// Progress is kept in sessionStorage (this tab only): it survives a reload, is cheap to
// write on every answer, and a shared classroom device forgets it when the tab closes.
// When the quiz ends, every answer moves the question's spaced-repetition card and the
// quiz is stored as a finished attempt, as after a normal quiz.
import { database } from '$lib/app/database.svelte';
import { activity } from '$lib/pwa/activity.svelte';
import type { QuestionSet } from '$lib/bank/schema';
import { findSet } from '$lib/library/sets';
import { gradeAnswer, initialResponse } from '$lib/quiz/grade';
import type { Quiz, QuizItem, QuizMode, QuizResponse } from '$lib/quiz/types';
import { hasResponse } from '$lib/quizzing/quiz-session.svelte';
import { ratingFor } from '$lib/quizzing/rating';
import { toStored, type AttemptAnswer } from '$lib/quizzing/record';
import { answerCard, newCard } from '$lib/srs';
import { answerStoredCard, getSrsSettings, putAttempt, type Db } from '$lib/storage';
import { checkCodeAgainstSet, classQuizFor, decodeClassQuiz, type DecodedClassQuiz } from './code';
import {
	createHandIn,
	encodeHandInForQr,
	handInFileName,
	handInText,
	studentNameProblem,
	type HandIn
} from './handin';

export type ClassQuizPhase = 'loading' | 'join' | 'name' | 'question' | 'done';

/** Where the in-progress class quiz is kept (sessionStorage). */
export const CLASS_QUIZ_KEY = 'studydeck:class-quiz';

interface Saved {
	v: 1;
	code: string;
	student: string;
	startedAt: number;
	finishedAt?: number;
	index: number;
	answers: AttemptAnswer[];
	handIn?: HandIn;
	/** The answers have moved the spaced-repetition cards and the attempt is stored. */
	recorded?: boolean;
}

export interface ClassQuizDeps {
	now?: () => number;
	findSet?: (id: string) => Promise<QuestionSet | undefined>;
	/** sessionStorage by default; undefined keeps nothing. */
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
	open?: () => Promise<Db>;
	tickMs?: number;
}

export class ClassQuizSession {
	readonly #now: () => number;
	readonly #findSet: (id: string) => Promise<QuestionSet | undefined>;
	readonly #storage: ClassQuizDeps['storage'];
	readonly #open: () => Promise<Db>;
	readonly #tickMs: number;

	phase = $state<ClassQuizPhase>('loading');
	/** Why the code cannot be used: a typo, or a set this device lacks. */
	codeError = $state<{ kind: 'code' | 'missing' | 'version'; message: string } | null>(null);
	nameError = $state<string | null>(null);
	/** The quiz could not be kept for a reload (storage full or blocked). */
	notKept = $state(false);
	/** Progress (cards and the attempt) could not be saved; the hand-in is unaffected. */
	progressFailed = $state(false);
	/** The result file could not be made; the answers are kept and Finish can be pressed again. */
	finishFailed = $state(false);
	now = $state(0);

	#decoded = $state.raw<DecodedClassQuiz | null>(null);
	#set = $state.raw<QuestionSet | null>(null);
	#quiz = $state.raw<Quiz | null>(null);
	#student = $state('');
	#answers = $state<AttemptAnswer[]>([]);
	#index = $state(0);
	#startedAt = 0;
	#finishedAt = $state<number | null>(null);
	#handIn = $state.raw<HandIn | null>(null);
	#recorded = false;
	#finishing = false;
	#shownAt: number | null = null;
	#timer: ReturnType<typeof setInterval> | undefined;
	#endActivity: (() => void) | undefined;

	constructor(deps: ClassQuizDeps = {}) {
		this.#now = deps.now ?? Date.now;
		this.#findSet = deps.findSet ?? ((id) => findSet(fetch, id));
		this.#storage =
			'storage' in deps
				? deps.storage
				: typeof sessionStorage === 'undefined'
					? undefined
					: sessionStorage;
		this.#open = deps.open ?? (() => database.open());
		this.#tickMs = deps.tickMs ?? 1000;
		this.now = this.#now();
	}

	get decoded(): DecodedClassQuiz | null {
		return this.#decoded;
	}
	get set(): QuestionSet | null {
		return this.#set;
	}
	get student(): string {
		return this.#student;
	}
	get mode(): QuizMode {
		return this.#decoded?.options.mode ?? 'exam';
	}
	get items(): readonly QuizItem[] {
		return this.#quiz?.items ?? [];
	}
	get total(): number {
		return this.items.length;
	}
	get index(): number {
		return this.#index;
	}
	get item(): QuizItem | undefined {
		return this.items[this.#index];
	}
	get answer(): AttemptAnswer | undefined {
		return this.#answers[this.#index];
	}
	get answers(): readonly AttemptAnswer[] {
		return this.#answers;
	}
	get isLast(): boolean {
		return this.#index === this.total - 1;
	}
	/** Practice: the current question has been checked and shows its feedback. */
	get checked(): boolean {
		return this.mode === 'practice' && this.answer?.grade !== undefined;
	}
	get canCheck(): boolean {
		const it = this.item;
		return !!it && !this.checked && hasResponse(it.asked, this.answer?.response);
	}
	get handIn(): HandIn | null {
		return this.#handIn;
	}
	/** Questions answered so far (shown before finishing an exam). */
	get answeredCount(): number {
		return this.items.filter((it, i) => hasResponse(it.asked, this.#answers[i]?.response)).length;
	}

	/** Exam time left in ms, or undefined without a limit. */
	get remainingMs(): number | undefined {
		const limit = this.#decoded?.options.timeLimitMinutes;
		if (!limit || this.mode !== 'exam' || !this.#quiz) return undefined;
		const end = (this.#finishedAt ?? this.now) - this.#startedAt;
		return Math.max(0, limit * 60_000 - end);
	}

	/** The hand-in as QR text, when it fits one QR code. */
	get handInQr(): string | undefined {
		return this.#handIn ? encodeHandInForQr(this.#handIn) : undefined;
	}

	/** The result file to download. */
	handInFile(): { name: string; text: string; mime: string } | undefined {
		const h = this.#handIn;
		return h
			? { name: handInFileName(h), text: handInText(h), mime: 'application/json' }
			: undefined;
	}

	// ---- joining ------------------------------------------------------------------

	/** Picks up a class quiz this tab was in the middle of; otherwise shows the join form. */
	async restore(): Promise<void> {
		const saved = this.#read();
		if (saved) {
			const ok = await this.join(saved.code);
			if (ok && this.#set && this.#decoded) {
				this.#student = saved.student;
				this.#quiz = classQuizFor(this.#decoded, this.#set, saved.student);
				if (saved.answers.length === this.#quiz.items.length) {
					this.#answers = saved.answers;
					this.#index = Math.min(Math.max(0, saved.index | 0), this.total - 1);
					this.#startedAt = saved.startedAt;
					this.#recorded = saved.recorded === true;
					if (saved.finishedAt !== undefined && saved.handIn) {
						this.#finishedAt = saved.finishedAt;
						this.#handIn = saved.handIn;
						this.phase = 'done';
						if (!this.#recorded) await this.#recordProgress();
					} else this.#enterQuestions();
					return;
				}
			}
			this.#forget();
		}
		this.codeError = null;
		this.phase = 'join';
	}

	/** Reads a code or join link; on success asks for the student's name. */
	async join(input: string): Promise<boolean> {
		this.codeError = null;
		const d = decodeClassQuiz(input);
		if (!d.ok) {
			this.codeError = { kind: 'code', message: d.message };
			this.phase = 'join';
			return false;
		}
		let set: QuestionSet | undefined;
		try {
			set = await this.#findSet(d.value.setId);
		} catch {
			// An unreadable set list is the same, for the student, as a missing set.
			set = undefined;
		}
		const check = checkCodeAgainstSet(d.value, set);
		if (!check.ok) {
			this.codeError = { kind: check.error, message: check.message };
			this.phase = 'join';
			return false;
		}
		this.#decoded = d.value;
		this.#set = set!;
		this.phase = 'name';
		return true;
	}

	/** Back to the code form (before starting). */
	changeCode(): void {
		if (this.phase !== 'name') return;
		this.#decoded = null;
		this.#set = null;
		this.phase = 'join';
	}

	/** Starts the quiz for this name (it keys the per-student order). */
	begin(name: string): boolean {
		const d = this.#decoded;
		const set = this.#set;
		if (!d || !set || this.phase !== 'name') return false;
		const problem = studentNameProblem(name);
		this.nameError = problem ?? null;
		if (problem) return false;
		this.#student = name.trim().replace(/\s+/g, ' ');
		const quiz = classQuizFor(d, set, this.#student);
		this.#quiz = quiz;
		this.#answers = quiz.items.map((it) => ({ response: initialResponse(it.asked), ms: 0 }));
		this.#index = 0;
		this.#startedAt = this.#now();
		this.#finishedAt = null;
		this.#handIn = null;
		this.#recorded = false;
		this.#enterQuestions();
		this.#save();
		return true;
	}

	#enterQuestions(): void {
		this.phase = 'question';
		this.now = this.#now();
		this.#shownAt = this.checked ? null : this.now;
		this.#endActivity ??= activity.begin('quiz');
		this.#stopClock();
		if (typeof setInterval !== 'undefined')
			this.#timer = setInterval(() => this.tick(), this.#tickMs);
	}

	// ---- questions ----------------------------------------------------------------

	setResponse(response: QuizResponse): void {
		const a = this.answer;
		if (!a || this.checked || this.phase !== 'question') return;
		a.response = response;
		this.#save();
	}

	/** Practice: grades the current answer and shows feedback. */
	check(): void {
		const a = this.answer;
		const it = this.item;
		if (!a || !it || this.mode !== 'practice' || this.checked || this.phase !== 'question') return;
		this.#leaveQuestion();
		a.grade = gradeAnswer(it.asked, a.response);
		this.#save();
	}

	/** The next question, or the end after the last. */
	async next(): Promise<void> {
		if (this.phase !== 'question') return;
		if (this.mode === 'practice' && !this.checked) return;
		if (this.isLast) return this.finish();
		this.#leaveQuestion();
		this.#index++;
		this.#shown();
	}

	/** Exam: back to the previous question. */
	back(): void {
		if (this.phase !== 'question' || this.mode !== 'exam' || this.#index === 0) return;
		this.#leaveQuestion();
		this.#index--;
		this.#shown();
	}

	#shown(): void {
		this.now = this.#now();
		this.#shownAt = this.checked ? null : this.now;
		this.#save();
	}

	#leaveQuestion(): void {
		const a = this.answer;
		if (a && this.#shownAt !== null) a.ms += Math.max(0, this.#now() - this.#shownAt);
		this.#shownAt = null;
	}

	/** Advances the clock; an exam whose time is up finishes. */
	tick(): void {
		if (this.phase !== 'question') return;
		this.now = this.#now();
		if (this.remainingMs === 0) void this.finish();
	}

	/** Grades every answer, makes the hand-in and saves the student's progress. */
	async finish(): Promise<void> {
		const quiz = this.#quiz;
		const d = this.#decoded;
		if (!quiz || !d || this.phase !== 'question' || this.#finishing) return;
		this.#finishing = true;
		this.#leaveQuestion();
		this.#stopClock();
		quiz.items.forEach((it, i) => {
			const a = this.#answers[i]!;
			// Practice keeps the grade shown at Check; an exam is graded as handed in.
			if (this.mode === 'exam' || !a.grade) a.grade = gradeAnswer(it.asked, a.response);
		});
		const finishedAt = this.#now();
		this.#finishedAt = finishedAt;
		this.now = finishedAt;
		try {
			this.#handIn = await createHandIn({
				code: d,
				quiz,
				responses: this.#answers.map((a) => a.response),
				grades: this.#answers.map((a) => a.grade),
				student: this.#student,
				startedAt: this.#startedAt,
				finishedAt
			});
		} catch {
			// The answers stay on screen and saved; "Finish quiz" tries again.
			this.#finishedAt = null;
			this.finishFailed = true;
			this.#finishing = false;
			this.#save();
			this.#enterQuestions();
			return;
		}
		this.#finishing = false;
		this.finishFailed = false;
		this.phase = 'done';
		this.#endActivity?.();
		this.#endActivity = undefined;
		this.#save();
		await this.#recordProgress();
	}

	/** Forgets this class quiz (after handing in) and shows the join form. */
	leave(): void {
		this.#stopClock();
		this.#endActivity?.();
		this.#endActivity = undefined;
		this.#forget();
		this.#decoded = null;
		this.#set = null;
		this.#quiz = null;
		this.#answers = [];
		this.#index = 0;
		this.#handIn = null;
		this.#finishedAt = null;
		this.codeError = null;
		this.nameError = null;
		this.phase = 'join';
	}

	/** The page is leaving: stop the clock and the busy mark (progress stays saved). */
	destroy(): void {
		this.#stopClock();
		this.#endActivity?.();
		this.#endActivity = undefined;
	}

	#stopClock(): void {
		if (this.#timer !== undefined) clearInterval(this.#timer);
		this.#timer = undefined;
	}

	// ---- storage ------------------------------------------------------------------

	#read(): Saved | undefined {
		try {
			const raw = this.#storage?.getItem(CLASS_QUIZ_KEY);
			if (!raw) return undefined;
			const s = JSON.parse(raw) as Saved;
			if (
				s?.v !== 1 ||
				typeof s.code !== 'string' ||
				typeof s.student !== 'string' ||
				typeof s.startedAt !== 'number' ||
				!Array.isArray(s.answers)
			)
				return undefined;
			return s;
		} catch {
			return undefined;
		}
	}

	#save(): void {
		const d = this.#decoded;
		if (!d || !this.#storage) return;
		const saved: Saved = {
			v: 1,
			code: d.code,
			student: this.#student,
			startedAt: this.#startedAt,
			index: this.#index,
			answers: this.#answers,
			...(this.#finishedAt !== null ? { finishedAt: this.#finishedAt } : {}),
			...(this.#handIn ? { handIn: this.#handIn } : {}),
			...(this.#recorded ? { recorded: true } : {})
		};
		try {
			this.#storage.setItem(CLASS_QUIZ_KEY, JSON.stringify(saved));
			this.notKept = false;
		} catch {
			// The quiz goes on in memory; the student is told a reload would lose it.
			this.notKept = true;
		}
	}

	#forget(): void {
		try {
			this.#storage?.removeItem(CLASS_QUIZ_KEY);
		} catch {
			// Nothing to forget.
		}
	}

	/** Moves each question's card and stores the finished attempt; once per class quiz. */
	async #recordProgress(): Promise<void> {
		const quiz = this.#quiz;
		if (!quiz || this.#recorded || this.#finishedAt === null) return;
		try {
			const db = await this.#open();
			const settings = await getSrsSettings(db);
			const now = this.#now();
			for (const [i, it] of quiz.items.entries()) {
				const a = this.#answers[i]!;
				// Marked one by one: a retry after a failure never reviews a card twice.
				if (a.recorded) continue;
				const rating = ratingFor(it.asked, a.response, a.grade!, a.ms);
				// From the card as stored, in the answer's own transaction (DESIGN.md §4).
				await answerStoredCard(db, it.key, (stored) =>
					answerCard(stored ?? newCard(it.questionId, it.setId, now), rating, now, settings)
				);
				a.recorded = true;
				this.#save();
			}
			await putAttempt(
				db,
				toStored({
					id: `class-${quiz.items[0]?.setId ?? 'set'}-${this.#startedAt.toString(36)}-${quiz.seed}`,
					setId: this.#decoded!.setId,
					startedAt: this.#startedAt,
					finishedAt: this.#finishedAt,
					meta: {
						seed: quiz.seed,
						mode: quiz.mode,
						options: quiz.options,
						available: quiz.available,
						...(quiz.timeLimitMinutes ? { timeLimitMinutes: quiz.timeLimitMinutes } : {}),
						index: this.#index
					},
					items: quiz.items,
					answers: this.#answers
				})
			);
			this.#recorded = true;
			this.progressFailed = false;
			this.#save();
		} catch (e) {
			this.progressFailed = true;
			database.report(e);
		}
	}
}
