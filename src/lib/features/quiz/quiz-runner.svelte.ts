// QuizRunner: one quiz in progress, one question per screen, for both the quiz
// (/quiz/<set>/) and the class quiz (/class/). It owns the flow — the current question,
// the answer, Check / Next / Back / Finish, time on screen, the clock and the exam time
// limit — and nothing about where the quiz is kept: the owner passes `save`, called after
// every change, and `beforeFinish` for work that must succeed before the results show
// (the class quiz's hand-in). The quiz core it calls is pure; time is read here.
import { activity } from '$lib/platform/pwa/activity.svelte';
import { gradeAnswer, hasResponse, initialResponse } from '$lib/core/quiz/grade';
import {
	calibration,
	reaskPosition,
	shouldReask,
	type Calibration,
	type Confidence
} from '$lib/core/quiz/confidence';
import type { QuizItem, QuizMode, QuizResponse } from '$lib/core/quiz/types';
import {
	awaitsConfidence,
	isSelfGraded,
	maxScoreOf,
	scoreOf,
	type AttemptAnswer,
	type QuizRecord
} from './record';

export interface RunnerHooks {
	/** Keeps the record; called after every change. Its promise is returned to the caller. */
	save(record: QuizRecord): Promise<void> | void;
	/** Runs before the results show; a throw keeps the student on the questions. */
	beforeFinish?(record: QuizRecord): Promise<void>;
	/** Epoch ms; Date.now by default. */
	now?: () => number;
	/** Milliseconds between clock ticks (timer display, exam time limit). */
	tickMs?: number;
}

export class QuizRunner {
	/** The quiz as kept: items, answers, the question on screen, start and finish. */
	record: QuizRecord = $state() as QuizRecord;
	/** The clock, ticking while a question is on screen. */
	now = $state(0);
	/** The last finish failed in `beforeFinish`; the answers are kept and Finish can be retried. */
	finishFailed = $state(false);

	readonly #hooks: RunnerHooks;
	readonly #clock: () => number;
	#shownAt: number | null = null;
	#timer: ReturnType<typeof setInterval> | undefined;
	#endActivity: (() => void) | undefined;
	#finishing = false;

	constructor(record: QuizRecord, hooks: RunnerHooks) {
		this.record = record;
		this.#hooks = hooks;
		this.#clock = hooks.now ?? Date.now;
		this.now = this.#clock();
		if (!this.finished) this.#enter();
	}

	// ---- what is on screen -----------------------------------------------------------

	get mode(): QuizMode {
		return this.record.meta.mode;
	}
	get seed(): string {
		return this.record.meta.seed;
	}
	get items(): readonly QuizItem[] {
		return this.record.items;
	}
	get answers(): readonly AttemptAnswer[] {
		return this.record.answers;
	}
	get index(): number {
		return this.record.meta.index;
	}
	get total(): number {
		return this.record.items.length;
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
	get finished(): boolean {
		return this.record.finishedAt !== null;
	}

	/** Questions with any answer given, for "you answered 8 of 10" before finishing. */
	get answeredCount(): number {
		return this.items.filter((it, i) => hasResponse(it.asked, this.answers[i]?.response)).length;
	}

	/** Practice: the current question has been checked and shows its feedback. */
	get checked(): boolean {
		return this.mode === 'practice' && this.answer?.grade !== undefined;
	}

	/** "Ask how sure I am" is on for this quiz (practice only). */
	get asksConfidence(): boolean {
		return this.record.meta.confidence === true && this.mode === 'practice';
	}

	/** Checked, but the student has yet to say Sure or Not sure: the grade stays hidden. */
	get awaitingConfidence(): boolean {
		const it = this.item;
		return !!it && !this.finished && awaitsConfidence(this.record.meta, it, this.answer);
	}

	/** Practice: the grade of the current question is on screen. */
	get revealed(): boolean {
		return this.checked && !this.awaitingConfidence;
	}

	get canCheck(): boolean {
		const it = this.item;
		return !!it && !this.checked && hasResponse(it.asked, this.answer?.response);
	}

	/** Exam time left in ms, or undefined without a limit. */
	get remainingMs(): number | undefined {
		const r = this.record;
		if (!r.meta.timeLimitMinutes || r.meta.mode !== 'exam') return undefined;
		const end = (r.finishedAt ?? this.now) - r.startedAt;
		return Math.max(0, r.meta.timeLimitMinutes * 60_000 - end);
	}

	// ---- results ---------------------------------------------------------------------

	/** Points scored (partial credit counts), out of `total`. */
	/** Points the app graded; self-graded flashcards are not scored. */
	get score(): number {
		return scoreOf(this.items, this.answers);
	}
	get maxScore(): number {
		return maxScoreOf(this.items, this.answers);
	}
	/** Flashcards the student graded ("How well did you know it?"). */
	get selfGraded(): number {
		return this.items.filter((it, i) => isSelfGraded(it, this.answers[i])).length;
	}
	/** How often "Sure" and "Not sure" were right (first attempts only). */
	get calibration(): Calibration {
		return calibration(
			this.answers.map((a) => ({
				...(a.grade ? { correct: a.grade.correct } : {}),
				...(a.confidence ? { confidence: a.confidence } : {}),
				...(a.repeat ? { repeat: true } : {})
			}))
		);
	}
	get percent(): number {
		return this.maxScore ? Math.round((this.score / this.maxScore) * 100) : 0;
	}
	get elapsedMs(): number {
		const r = this.record;
		return (r.finishedAt ?? this.now) - r.startedAt;
	}
	/** First attempts not fully right (a repeat is the same question again). */
	get missed(): QuizItem[] {
		return this.items.filter(
			(_, i) => !this.answers[i]?.repeat && !this.answers[i]?.grade?.correct
		);
	}

	// ---- actions ---------------------------------------------------------------------

	setResponse(response: QuizResponse): Promise<void> {
		const a = this.answer;
		if (!a || this.checked || this.finished) return Promise.resolve();
		a.response = response;
		return this.#save();
	}

	/** Practice: grades the current answer and shows feedback. */
	check(): Promise<void> {
		const a = this.answer;
		const it = this.item;
		if (!a || !it || this.mode !== 'practice' || this.checked || this.finished)
			return Promise.resolve();
		this.#leave();
		a.grade = gradeAnswer(it.asked, a.response);
		return this.#save();
	}

	/**
	 * Practice with "Ask how sure I am": the student's Sure / Not sure for the checked
	 * question, said once (the grade shows after it). A sure mistake on a first attempt
	 * puts the question in again a few questions on (core/quiz/confidence.ts).
	 */
	setConfidence(confidence: Confidence): Promise<void> {
		const a = this.answer;
		const it = this.item;
		if (!a || !it || !this.awaitingConfidence) return Promise.resolve();
		a.confidence = confidence;
		const correct = a.grade?.correct ?? false;
		if (shouldReask({ correct, confidence, ...(a.repeat ? { repeat: a.repeat } : {}) })) {
			const at = reaskPosition(this.index, this.total);
			const copy = $state.snapshot(it) as QuizItem;
			this.record.items.splice(at, 0, copy);
			this.record.answers.splice(at, 0, {
				response: initialResponse(copy.asked),
				ms: 0,
				repeat: true
			});
		}
		return this.#save();
	}

	/** To the next question (practice: after Check and, when asked, Sure / Not sure), or finishes after the last. */
	next(): Promise<void> {
		if (this.finished || (this.mode === 'practice' && !this.checked) || this.awaitingConfidence)
			return Promise.resolve();
		if (this.isLast) return this.finish();
		this.#move(1);
		return this.#save();
	}

	/** Exam: back to the previous question. */
	back(): Promise<void> {
		if (this.finished || this.mode !== 'exam' || this.index === 0) return Promise.resolve();
		this.#move(-1);
		return this.#save();
	}

	/** Grades everything still ungraded and ends the quiz. */
	async finish(): Promise<void> {
		const r = this.record;
		if (this.finished || this.#finishing) return;
		this.#finishing = true;
		this.#leave();
		this.#stopClock();
		// Practice keeps the grade shown at Check; an exam is graded as handed in.
		r.items.forEach((it, i) => {
			const a = r.answers[i]!;
			a.grade ??= gradeAnswer(it.asked, a.response);
		});
		r.finishedAt = this.#clock();
		this.now = r.finishedAt;
		try {
			await this.#hooks.beforeFinish?.(r);
		} catch {
			// The answers stay on screen and kept; Finish tries again.
			r.finishedAt = null;
			this.finishFailed = true;
			this.#finishing = false;
			this.#enter();
			return this.#save();
		}
		this.#finishing = false;
		this.finishFailed = false;
		this.#endActivity?.();
		this.#endActivity = undefined;
		return this.#save();
	}

	/** Advances the clock; an exam whose time is up finishes. */
	tick(): void {
		if (this.finished) return;
		this.now = this.#clock();
		if (this.remainingMs === 0) void this.finish();
	}

	/** The page is leaving: stop the clock and the busy mark (the record stays kept). */
	destroy(): void {
		this.#stopClock();
		this.#endActivity?.();
		this.#endActivity = undefined;
	}

	// ---- internals -------------------------------------------------------------------

	#save(): Promise<void> {
		return Promise.resolve(this.#hooks.save(this.record));
	}

	#enter(): void {
		this.now = this.#clock();
		this.#shownAt = this.checked ? null : this.now;
		// An app update waits while a quiz is on screen (ARCHITECTURE.md "Offline and updates").
		this.#endActivity ??= activity.begin('quiz');
		this.#stopClock();
		if (typeof setInterval !== 'undefined')
			this.#timer = setInterval(() => this.tick(), this.#hooks.tickMs ?? 1000);
	}

	#move(step: number): void {
		this.#leave();
		this.record.meta.index += step;
		this.now = this.#clock();
		this.#shownAt = this.checked ? null : this.now;
	}

	/** Adds the time on screen to the current answer. */
	#leave(): void {
		const a = this.answer;
		if (a && this.#shownAt !== null) a.ms += Math.max(0, this.#clock() - this.#shownAt);
		this.#shownAt = null;
	}

	#stopClock(): void {
		if (this.#timer !== undefined) clearInterval(this.#timer);
		this.#timer = undefined;
	}
}
