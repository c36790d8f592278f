// ClassQuizSession: a student's side of a class quiz on /class/: the code (typed, from a
// join link or a QR code), their name, the questions (a QuizRunner, shared with the quiz)
// and the hand-in file. Progress is kept in sessionStorage (this tab only): it survives a
// reload, is cheap to write on every answer, and a shared classroom device forgets it when
// the tab closes. When the quiz ends, every answer moves the question's spaced-repetition
// card and the quiz is stored as a finished attempt, as after a normal quiz.
import type { QuestionSet } from '$lib/core/bank/schema';
import { initialResponse } from '$lib/core/quiz/grade';
import type { Quiz, QuizItem, QuizMode } from '$lib/core/quiz/types';
import { putAttempt } from '$lib/platform/storage';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { toStored, type AttemptAnswer, type QuizRecord } from '$lib/features/quiz/record';
import { recordReviews } from '$lib/features/quiz/record-reviews';
import { QuizRunner } from '$lib/features/quiz/quiz-runner.svelte';
import { checkCodeAgainstSet, classQuizFor, type DecodedClassQuiz } from '$lib/core/classroom/code';
import { decodeTypedCode } from '$lib/core/classroom/typed-code';
import { resolveShortCode, setFingerprint } from '$lib/core/classroom/short-code';
import type { Catalog } from '$lib/platform/catalog/catalog';
import {
	createHandIn,
	encodeHandInForQr,
	handInFileName,
	handInText,
	studentNameProblem,
	type HandIn
} from '$lib/core/classroom/handin';

export type FoundQuiz =
	| { ok: true; decoded: DecodedClassQuiz; set: QuestionSet; kind: 'long' | 'short' }
	| {
			ok: false;
			kind: 'code' | 'missing' | 'version' | 'several';
			message: string;
			/** The set a long code names (a short code names none). */
			setId?: string;
	  };

/**
 * The class quiz a typed code (short or long) or join link means on this device, with its
 * set; or why it cannot be used, in words that say what to do.
 */
export async function findClassQuiz(input: string, catalog: Catalog): Promise<FoundQuiz> {
	const t = decodeTypedCode(input);
	if (!t.ok) return { ok: false, kind: 'code', message: t.message };
	if (t.kind === 'long') {
		let set: QuestionSet | undefined;
		try {
			set = await catalog.get(t.value.setId);
		} catch {
			// An unreadable set list is the same, for the student, as a missing set.
			set = undefined;
		}
		const check = checkCodeAgainstSet(t.value, set);
		return check.ok
			? { ok: true, decoded: t.value, set: set!, kind: 'long' }
			: { ok: false, kind: check.error, message: check.message, setId: t.value.setId };
	}
	// A short code names its set by a fingerprint of id and version: look among this device's.
	const missing: FoundQuiz = {
		ok: false,
		kind: 'missing',
		message:
			'No set on this device matches this code. A short code works only when the set is on the device already (the sets that come with Studydeck are): scan your teacher’s QR code, which brings the set, or ask for the set link or file, then enter the code again.'
	};
	let entries;
	try {
		entries = (await catalog.list()).filter((e) => setFingerprint(e) === t.value.fingerprint);
	} catch {
		return missing;
	}
	const sets: QuestionSet[] = [];
	for (const e of entries) {
		const set = await catalog.get(e.id).catch(() => undefined);
		if (set) sets.push(set);
	}
	const found = resolveShortCode(t.value, sets);
	if (found.length > 1)
		return {
			ok: false,
			kind: 'several',
			message: `This code fits more than one set on this device (${found.map((f) => `“${f.set.title}”`).join(', ')}). Ask your teacher for the long code or the QR code.`
		};
	const [one] = found;
	return one ? { ok: true, decoded: one.quiz, set: one.set, kind: 'short' } : missing;
}

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

export interface ClassQuizDeps extends Deps {
	/** sessionStorage by default; undefined keeps nothing. */
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
	tickMs?: number;
}

export class ClassQuizSession {
	readonly #deps: AppDeps;
	readonly #storage: ClassQuizDeps['storage'];
	readonly #tickMs: number | undefined;

	#phase = $state<'loading' | 'join' | 'name'>('loading');
	/** Why the code cannot be used: a typo, or a set this device lacks. */
	codeError = $state<{
		kind: 'code' | 'missing' | 'version' | 'several';
		message: string;
	} | null>(null);
	nameError = $state<string | null>(null);
	/** The quiz could not be kept for a reload (storage full or blocked). */
	notKept = $state(false);
	/** Progress (cards and the attempt) could not be saved; the hand-in is unaffected. */
	progressFailed = $state(false);
	/** The questions, once the student has started. */
	runner = $state.raw<QuizRunner | null>(null);

	#decoded = $state.raw<DecodedClassQuiz | null>(null);
	#set = $state.raw<QuestionSet | null>(null);
	#quiz = $state.raw<Quiz | null>(null);
	#student = $state('');
	#handIn = $state.raw<HandIn | null>(null);
	#recorded = false;

	constructor(deps: ClassQuizDeps = {}) {
		this.#deps = appDeps(deps);
		this.#storage =
			'storage' in deps
				? deps.storage
				: typeof sessionStorage === 'undefined'
					? undefined
					: sessionStorage;
		this.#tickMs = deps.tickMs;
	}

	get phase(): ClassQuizPhase {
		if (this.runner) return this.runner.finished && this.#handIn ? 'done' : 'question';
		return this.#phase;
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
		return this.runner?.items ?? [];
	}
	get answers(): readonly AttemptAnswer[] {
		return this.runner?.answers ?? [];
	}
	get handIn(): HandIn | null {
		return this.#handIn;
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
				const quiz = classQuizFor(this.#decoded, this.#set, saved.student);
				if (saved.answers.length === quiz.items.length) {
					this.#quiz = quiz;
					this.#recorded = saved.recorded === true;
					const done = saved.finishedAt !== undefined && saved.handIn !== undefined;
					if (done) this.#handIn = saved.handIn!;
					this.#run(
						this.#record(quiz, {
							startedAt: saved.startedAt,
							finishedAt: done ? saved.finishedAt! : null,
							index: Math.min(Math.max(0, saved.index | 0), quiz.items.length - 1),
							answers: saved.answers
						})
					);
					if (done && !this.#recorded) await this.#recordProgress();
					return;
				}
			}
			this.#forget();
		}
		this.codeError = null;
		this.#phase = 'join';
	}

	/** Reads a code or join link; on success asks for the student's name. */
	async join(input: string): Promise<boolean> {
		this.codeError = null;
		const found = await findClassQuiz(input, this.#deps.catalog);
		if (!found.ok) {
			this.codeError = { kind: found.kind, message: found.message };
			this.#phase = 'join';
			return false;
		}
		this.#decoded = found.decoded;
		this.#set = found.set;
		this.#phase = 'name';
		return true;
	}

	/** Back to the code form (before starting). */
	changeCode(): void {
		if (this.phase !== 'name') return;
		this.#decoded = null;
		this.#set = null;
		this.#phase = 'join';
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
		this.#handIn = null;
		this.#recorded = false;
		this.#run(
			this.#record(quiz, {
				startedAt: this.#deps.now(),
				finishedAt: null,
				index: 0,
				answers: quiz.items.map((it) => ({ response: initialResponse(it.asked), ms: 0 }))
			})
		);
		this.#save();
		return true;
	}

	#record(
		quiz: Quiz,
		at: Pick<QuizRecord, 'startedAt' | 'finishedAt' | 'answers'> & { index: number }
	): QuizRecord {
		return {
			id: `class-${quiz.items[0]?.setId ?? 'set'}-${at.startedAt.toString(36)}-${quiz.seed}`,
			setId: this.#decoded!.setId,
			startedAt: at.startedAt,
			finishedAt: at.finishedAt,
			meta: {
				seed: quiz.seed,
				mode: quiz.mode,
				options: quiz.options,
				available: quiz.available,
				...(quiz.timeLimitMinutes ? { timeLimitMinutes: quiz.timeLimitMinutes } : {}),
				index: at.index
			},
			items: quiz.items,
			answers: at.answers
		};
	}

	#run(record: QuizRecord): void {
		this.runner?.destroy();
		this.runner = new QuizRunner(record, {
			save: (r) => {
				this.#save();
				// Once handed in, the answers move the cards and the attempt is stored.
				if (r.finishedAt !== null && this.#handIn) return this.#recordProgress();
			},
			beforeFinish: (r) => this.#makeHandIn(r),
			now: this.#deps.now,
			...(this.#tickMs ? { tickMs: this.#tickMs } : {})
		});
	}

	/** The hand-in is made before the results show; then the progress is recorded. */
	async #makeHandIn(r: QuizRecord): Promise<void> {
		const quiz = this.#quiz;
		const d = this.#decoded;
		if (!quiz || !d || r.finishedAt === null) throw new Error('No class quiz to hand in');
		this.#handIn = await createHandIn({
			code: d,
			quiz,
			responses: r.answers.map((a) => a.response),
			grades: r.answers.map((a) => a.grade),
			student: this.#student,
			startedAt: r.startedAt,
			finishedAt: r.finishedAt
		});
	}

	/** Forgets this class quiz (after handing in) and shows the join form. */
	leave(): void {
		this.runner?.destroy();
		this.runner = null;
		this.#forget();
		this.#decoded = null;
		this.#set = null;
		this.#quiz = null;
		this.#handIn = null;
		this.codeError = null;
		this.nameError = null;
		this.#phase = 'join';
	}

	/** The page is leaving: stop the clock and the busy mark (progress stays saved). */
	destroy(): void {
		this.runner?.destroy();
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
		const r = this.runner?.record;
		if (!d || !r || !this.#storage) return;
		const saved: Saved = {
			v: 1,
			code: d.code,
			student: this.#student,
			startedAt: r.startedAt,
			index: r.meta.index,
			answers: r.answers,
			...(r.finishedAt !== null && this.#handIn ? { finishedAt: r.finishedAt } : {}),
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
		const r = this.runner?.record;
		if (!r || this.#recorded || r.finishedAt === null) return;
		try {
			const db = await this.#deps.open();
			await recordReviews(db, r, this.#deps.now(), { onEach: () => this.#save() });
			await putAttempt(db, toStored(r));
			this.#recorded = true;
			this.progressFailed = false;
			this.#save();
		} catch (e) {
			this.progressFailed = true;
			this.#deps.showError(e);
		}
	}
}
