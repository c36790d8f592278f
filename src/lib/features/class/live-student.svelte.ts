// LiveStudent: a student's side of a live class session on /class/ (issue 12): a PIN (typed
// or from `?pin=`), a name, then the questions on the same QuizRunner and QuestionScreen as
// the quiz. Nothing is graded here: the runner's `save` hook sends an answer to the hub when
// the student moves on from a question (one answer per question; the live client keeps it in
// the tab and delivers it when the connection returns), and the results shown are the hub's.
// Self-paced: one runner over every question. Teacher-paced: one runner per question, made
// when the teacher opens it. The live client is loaded with import() (never on the home page).
import { hasResponse, initialResponse } from '$lib/core/quiz/grade';
import type { QuizItem, QuizResponse, ResolvedQuizOptions } from '$lib/core/quiz/types';
import type { SessionInfo, StudentResult } from '$lib/core/classroom/live/protocol';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import type { QuizRecord } from '$lib/features/quiz/record';
import { QuizRunner } from '$lib/features/quiz/quiz-runner.svelte';
import type {
	HubClient,
	HubClientOptions,
	StudentSession,
	StudentSnapshot
} from '$lib/platform/live/client';

export type LiveStudentPhase = 'loading' | 'join' | 'lobby' | 'question' | 'waiting' | 'done';

export interface LiveStudentDeps extends Deps {
	/** Where the hub is: the page's own origin and base by default. */
	hub?: HubClientOptions;
}

/** Shown for a PIN that is not six digits (before asking the hub). */
export function pinProblem(pin: string): string | undefined {
	const digits = pin.replace(/[\s-]/g, '');
	if (!digits) return 'Type the 6-digit PIN your teacher shows.';
	if (!/^\d{6}$/.test(digits)) return 'The PIN is 6 digits, like 482 913.';
	return undefined;
}

export class LiveStudent {
	readonly #deps: AppDeps;
	readonly #hubOptions: HubClientOptions | undefined;
	#hub: HubClient | undefined;
	#session: StudentSession | undefined;
	#unsubscribe: (() => void) | undefined;
	/** Question index → the runner answering it; the runner's index when last saved. */
	#lastIndex = 0;
	#runnerFor = -1;

	#phase = $state<'loading' | 'join' | 'live'>('loading');
	snap = $state.raw<StudentSnapshot | null>(null);
	runner = $state.raw<QuizRunner | null>(null);
	error = $state<string | null>(null);
	busy = $state(false);

	constructor(deps: LiveStudentDeps = {}) {
		this.#deps = appDeps(deps);
		this.#hubOptions = deps.hub;
	}

	get phase(): LiveStudentPhase {
		const s = this.snap;
		if (this.#phase !== 'live') return this.#phase;
		if (!s?.info || !s.state) return 'loading';
		if (s.state.phase === 'lobby') return 'lobby';
		if (s.state.phase === 'ended') return 'done';
		if (this.runner && !this.runner.finished) return 'question';
		if (s.info.mode === 'self') return 'done';
		return 'waiting';
	}

	get info(): SessionInfo | null {
		return this.snap?.info ?? null;
	}

	/** Teacher-paced: the question on the projector (0-based). */
	get current(): number {
		return this.snap?.state?.current ?? 0;
	}

	/** Hub results, in the order of the questions. */
	get results(): { index: number; prompt: string; result?: StudentResult; sent: boolean }[] {
		const s = this.snap;
		if (!s?.info) return [];
		return s.info.questions.map((q, index) => ({
			index,
			prompt: q.asked.prompt,
			...(s.results.get(q.questionId) ? { result: s.results.get(q.questionId)! } : {}),
			sent: s.answers.has(q.questionId)
		}));
	}

	get points(): number {
		let p = 0;
		for (const r of this.snap?.results.values() ?? []) p += r.points;
		return Math.round(p * 10) / 10;
	}

	/** "Answers will be sent when the connection returns". */
	get waitingToSend(): boolean {
		const s = this.snap;
		return !!s && (s.pending > 0 || s.connection !== 'online');
	}

	async #client(): Promise<HubClient> {
		if (this.#hub) return this.#hub;
		const live = await import('$lib/platform/live/client');
		const { base } = await import('$app/paths');
		this.#hub = new live.HubClient(this.#hubOptions ?? { baseUrl: location.origin + base });
		return this.#hub;
	}

	/** A session this tab had joined comes back after a reload; otherwise the join form. */
	async start(): Promise<void> {
		try {
			const hub = await this.#client();
			const s = hub.resumeStudent();
			if (s) return this.#attach(s);
		} catch {
			// No client (offline page): the form says what to do.
		}
		this.#phase = 'join';
	}

	async join(pin: string, name: string): Promise<boolean> {
		const problem = pinProblem(pin);
		if (problem) {
			this.error = problem;
			return false;
		}
		if (!name.trim()) {
			this.error = 'Type your name, as your teacher will see it.';
			return false;
		}
		this.busy = true;
		this.error = null;
		try {
			const hub = await this.#client();
			this.#attach(await hub.join(pin, name.trim()));
			return true;
		} catch (e) {
			this.error =
				e instanceof Error && 'status' in e
					? e.message
					: 'The class hub cannot be reached. Check that you are on the classroom Wi-Fi.';
			return false;
		} finally {
			this.busy = false;
		}
	}

	#attach(s: StudentSession): void {
		this.#session = s;
		this.#phase = 'live';
		this.#unsubscribe = s.subscribe((snap) => {
			this.snap = snap;
			this.#follow(snap);
		});
	}

	/** Makes the runner the session needs now (all questions, or the teacher's current one). */
	#follow(s: StudentSnapshot): void {
		if (!s.info || s.state?.phase !== 'running') {
			if (s.state?.phase === 'ended') this.#stopRunner();
			return;
		}
		const info = s.info;
		if (info.mode === 'self') {
			if (this.#runnerFor !== -2) this.#run(info, 0, info.questions.length, s);
			return;
		}
		const i = s.state.current;
		if (this.#runnerFor !== i) this.#run(info, i, i + 1, s);
		// Revealed: answering is closed; an answer not sent stays unsent.
		if (s.state.revealed && this.runner && !this.runner.finished) this.#stopRunner();
	}

	#run(info: SessionInfo, from: number, to: number, s: StudentSnapshot): void {
		this.runner?.destroy();
		this.#runnerFor = info.mode === 'self' ? -2 : from;
		const shown = info.questions.slice(from, to);
		const items: QuizItem[] = shown.map((q) => ({
			key: `${info.setId}/${q.questionId}`,
			setId: info.setId,
			questionId: q.questionId,
			asked: q.asked
		}));
		const sent = (q: { questionId: string }) => s.answers.get(q.questionId);
		// Self-paced: back on the first question not yet sent (a reload resumes there).
		const firstOpen = Math.max(
			0,
			shown.findIndex((q) => !sent(q))
		);
		const allSent = shown.every((q) => sent(q));
		const record: QuizRecord = {
			id: `live-${info.id}`,
			setId: info.setId,
			startedAt: this.#deps.now(),
			finishedAt: allSent ? this.#deps.now() : null,
			meta: {
				seed: info.id,
				mode: 'exam',
				options: { count: items.length, mode: 'exam' } as ResolvedQuizOptions,
				available: items.length,
				index: allSent ? 0 : firstOpen
			},
			items,
			answers: shown.map((q) => ({
				response: (sent(q)?.response as QuizResponse | undefined) ?? initialResponse(q.asked),
				ms: 0
			}))
		};
		this.#lastIndex = record.meta.index;
		this.runner = new QuizRunner(record, {
			save: (r) => this.#save(r),
			beforeFinish: async (r) => {
				for (let i = 0; i < r.items.length; i++) this.#send(r, i);
			},
			now: this.#deps.now
		});
	}

	/** After every change: an answer already sent cannot change; leaving a question sends it. */
	#save(r: QuizRecord): void {
		const i = r.meta.index;
		const sentHere = this.snap?.answers.get(r.items[i]?.questionId ?? '');
		if (sentHere && r.answers[i]) r.answers[i].response = sentHere.response as QuizResponse;
		if (i !== this.#lastIndex) this.#send(r, this.#lastIndex);
		this.#lastIndex = i;
	}

	#send(r: QuizRecord, i: number): void {
		const item = r.items[i];
		const response = r.answers[i]?.response;
		if (!item || !this.#session || !hasResponse(item.asked, response)) return;
		this.#session.submitAnswer(item.questionId, response, this.#deps.now());
	}

	/** Whether this question's answer has been sent (self-paced grid of sent answers). */
	sent(questionId: string): boolean {
		return this.snap?.answers.has(questionId) ?? false;
	}

	#stopRunner(): void {
		this.runner?.destroy();
		this.runner = null;
	}

	/** After the end screen: forget the session in this tab. */
	leave(): void {
		this.#unsubscribe?.();
		this.#session?.leave();
		this.#session = undefined;
		this.#stopRunner();
		this.#runnerFor = -1;
		this.snap = null;
		this.#phase = 'join';
	}

	destroy(): void {
		this.#unsubscribe?.();
		this.#session?.destroy();
		this.runner?.destroy();
	}
}
