// LiveTeacher: the teacher's side of a live class session on /class/ (issue 12): pick a set
// (bundled or own, from the catalog) and a mode, create the session on the classroom hub,
// then show the PIN, the join link and its QR, the lobby, the live grid (self-paced) or the
// projector view (teacher-paced), and the list of past sessions with each one's report.
// The live client and the item analysis are loaded with import(), only here.
import type { QuestionSet } from '$lib/core/bank/schema';
import type { LiveMode, ReportData, SessionSummary } from '$lib/core/classroom/live/protocol';
import type { ItemAnalysis } from '$lib/core/classroom/item-analysis';
import type { CatalogEntry } from '$lib/platform/catalog/catalog';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import type {
	HubClient,
	HubClientOptions,
	TeacherSession,
	TeacherSnapshot
} from '$lib/platform/live/client';
import type { HandInStatus } from '$lib/core/classroom/live-merge';
import type { StudentInput } from '$lib/core/classroom/item-analysis';
import { encodeClassQuiz, type ClassQuizSpec } from '$lib/core/classroom/code';
import { encodeShortCode, shortCodeProblem } from '$lib/core/classroom/short-code';
import { randomSeed } from '$lib/core/quiz/rng';
import { ReportStore, type SessionExtras } from '$lib/platform/live/report-store';
import type { KeyValueStorage } from '$lib/platform/live/client';
import { CLASS_SEED_LENGTH, qrDataUrl } from './class-run.svelte';
import { findClassQuiz } from './class-quiz.svelte';
import { readHandInFiles, type ReportFile } from './class-report.svelte';

export interface LiveReport {
	data: ReportData;
	analysis: ItemAnalysis;
	/** Hub rows, then counted hand-ins (as analysis.students). */
	students: StudentInput[];
	/** The hand-in files added to this report, each with what became of it. */
	files: HandInStatus[];
}

export type LiveTeacherView = 'loading' | 'nohub' | 'setup' | 'session' | 'report';

export interface LiveTeacherDeps extends Deps {
	hub?: HubClientOptions;
	/** The app's root as students reach it (origin + base). */
	baseUrl?: string;
	/** Where this device keeps each session's offline code and hand-ins (localStorage). */
	reportStorage?: KeyValueStorage;
}

/** The session the teacher page shows after a reload (this tab). */
export const LIVE_TEACHER_KEY = 'studydeck:live:teacher-open';

/** The class quiz code of a live session's questions: the hub used this set, seed and count. */
export function offlineCode(set: QuestionSet, seed: string, count: number): string {
	const spec: ClassQuizSpec = {
		setId: set.id,
		setVersion: set.version,
		seed,
		shufflePerStudent: false,
		// Exam, as the hub presents every live question (flashcards asked as multiple choice).
		options: { count, mode: 'exam' }
	};
	return shortCodeProblem(spec) ? encodeClassQuiz(spec) : encodeShortCode(spec, set);
}

export class LiveTeacher {
	readonly #deps: AppDeps;
	readonly #hubOptions: HubClientOptions | undefined;
	readonly #baseUrl: string | undefined;
	readonly #store: ReportStore;
	#hub: HubClient | undefined;
	#session: TeacherSession | undefined;
	#unsubscribe: (() => void) | undefined;

	view = $state<LiveTeacherView>('loading');
	/** Why the hub or a set could not be used (shown as it is). */
	problem = $state<string | null>(null);
	busy = $state(false);
	/** The hub's passphrase, typed on a device other than the laptop (kept in memory only). */
	passphrase = $state('');
	/** This page was opened on the laptop running the hub. */
	local = $state(false);
	choices = $state.raw<CatalogEntry[]>([]);
	setId = $state('');
	mode = $state<LiveMode>('self');
	count = $state(10);
	speedBonus = $state(false);
	leaderboard = $state(false);
	sessions = $state.raw<SessionSummary[]>([]);
	/** The running session: its PIN and live state. */
	pin = $state('');
	sessionId = $state('');
	snap = $state.raw<TeacherSnapshot | null>(null);
	report = $state.raw<LiveReport | null>(null);
	/** The same quiz as a class quiz code, for a student with no network (hand-in file). */
	offlineCode = $state<string | undefined>(undefined);
	/** Hand-in files being read into the report. */
	reading = $state(false);

	constructor(deps: LiveTeacherDeps = {}) {
		this.#deps = appDeps(deps);
		this.#hubOptions = deps.hub;
		this.#baseUrl = deps.baseUrl;
		this.#store = new ReportStore(deps.reportStorage);
	}

	async #client(): Promise<HubClient> {
		if (this.#hub) return this.#hub;
		const live = await import('$lib/platform/live/client');
		const pass = this.passphrase.trim();
		this.#hub = new live.HubClient({
			...(this.#hubOptions ?? { baseUrl: this.baseUrl }),
			...(pass ? { passphrase: pass } : {})
		});
		return this.#hub;
	}

	get baseUrl(): string {
		return this.#baseUrl ?? (typeof location === 'undefined' ? '' : location.origin);
	}

	/** The link students open (the QR holds the same). */
	get joinUrl(): string {
		return `${this.baseUrl}/class/?pin=${this.pin}`;
	}
	get qr(): string | undefined {
		return this.pin ? qrDataUrl(this.joinUrl) : undefined;
	}
	/** The PIN as shown on the board: "482 913". */
	get pinShown(): string {
		return this.pin.replace(/^(\d{3})(\d{3})$/, '$1 $2');
	}

	async load(): Promise<void> {
		this.view = 'loading';
		try {
			const hub = await this.#client();
			const info = await hub.info();
			this.local = info.local;
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
			this.view = 'nohub';
			return;
		}
		try {
			this.choices = await this.#deps.catalog.list();
			this.setId ||= this.choices[0]?.id ?? '';
		} catch (e) {
			this.problem = 'The list of sets could not be read.';
			this.#deps.showError(e);
		}
		await this.refreshSessions();
		const open = this.#remembered();
		if (open && this.#hub?.teacherSecret(open.id)) {
			this.#open(open.id, open.pin);
			return;
		}
		this.view = 'setup';
	}

	/** Uses the passphrase just typed for every call to the hub from now on. */
	async usePassphrase(): Promise<void> {
		this.#hub = undefined;
		this.problem = null;
		await this.refreshSessions();
	}

	async refreshSessions(): Promise<void> {
		try {
			this.sessions = await (await this.#client()).listSessions();
		} catch (e) {
			this.sessions = [];
			if (e instanceof Error && 'status' in e) this.problem = e.message;
		}
	}

	/** Creates the session on the hub and opens its live view. */
	async create(): Promise<boolean> {
		this.problem = null;
		const choice = this.choices.find((c) => c.id === this.setId);
		if (!choice) {
			this.problem = 'Choose a set first.';
			return false;
		}
		this.busy = true;
		try {
			const set: QuestionSet | undefined = await this.#deps.catalog.get(choice.id);
			if (!set) {
				this.problem = `The set “${choice.title}” could not be loaded.`;
				return false;
			}
			const count = Math.min(Math.max(1, Math.floor(this.count) || 1), set.questions.length, 200);
			// Our seed, so the same questions exist as a class quiz code (no network needed).
			const seed = randomSeed(this.#deps.entropy(), CLASS_SEED_LENGTH);
			const hub = await this.#client();
			const reply = await hub.createSession({
				set,
				mode: this.mode,
				count,
				seed,
				speedBonus: this.mode === 'teacher' && this.speedBonus,
				leaderboard: this.leaderboard
			});
			this.#keep(reply.sessionId, { offlineCode: offlineCode(set, seed, count), handIns: [] });
			this.#open(reply.sessionId, reply.pin);
			return true;
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Opens the live view of a session this device runs. */
	#open(id: string, pin: string): void {
		this.#close();
		try {
			this.#session = this.#hub!.teacher(id);
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
			this.view = 'setup';
			return;
		}
		this.sessionId = id;
		this.pin = pin;
		this.offlineCode = this.#store.get(id).offlineCode;
		this.#remember({ id, pin });
		this.#unsubscribe = this.#session.subscribe((s) => (this.snap = s));
		this.view = 'session';
	}

	/** Opens a past or running session from the list. */
	async openSession(s: SessionSummary): Promise<void> {
		if (!s.endedAt && this.#hub?.teacherSecret(s.id)) this.#open(s.id, s.pin);
		else await this.openReport(s.id);
	}

	canRun(s: SessionSummary): boolean {
		return !s.endedAt && !!this.#hub?.teacherSecret(s.id);
	}

	async command(which: 'start' | 'reveal' | 'next' | 'previous' | 'end'): Promise<void> {
		const t = this.#session;
		if (!t) return;
		this.problem = null;
		this.busy = true;
		try {
			await t[which]();
			if (which === 'end') await this.refreshSessions();
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
		} finally {
			this.busy = false;
		}
	}

	async openReport(id: string): Promise<void> {
		this.problem = null;
		this.busy = true;
		try {
			const hub = await this.#client();
			const data = await hub.report(id);
			this.offlineCode = this.#store.get(id).offlineCode;
			this.report = await this.#merge(data, this.#store.get(id).handIns);
			this.view = 'report';
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
		} finally {
			this.busy = false;
		}
	}

	/** The hub's answers with these hand-in files, regraded and checked against the session. */
	async #merge(
		data: ReportData,
		files: readonly { name: string; text: string }[]
	): Promise<LiveReport & { kept: { name: string; text: string }[] }> {
		const { mergeLiveReport } = await import('$lib/core/classroom/live-merge');
		const m = await mergeLiveReport(data, files, async (code) => {
			const found = await findClassQuiz(code, this.#deps.catalog);
			return found.ok
				? { ok: true, decoded: found.decoded, set: found.set }
				: { ok: false, message: found.message };
		});
		return { data, analysis: m.analysis, students: m.students, files: m.files, kept: m.kept };
	}

	/**
	 * "Add hand-in files" on a saved session's report: students who had no network did the
	 * same quiz by its code and handed in a file. Kept on this device with the session.
	 */
	async addHandIns(list: Iterable<ReportFile>): Promise<void> {
		const r = this.report;
		if (!r) return;
		this.problem = null;
		this.reading = true;
		try {
			const { added, rejected } = await readHandInFiles(list);
			const id = r.data.session.id;
			const before = this.#store.get(id);
			const merged = await this.#merge(r.data, [...before.handIns, ...added]);
			const shown = merged.files.slice(before.handIns.length);
			this.report = {
				...merged,
				files: [
					...shown,
					...rejected.map((f) => ({ name: f.name, status: 'refused' as const, reason: f.reason }))
				]
			};
			this.#keep(id, { ...before, handIns: merged.kept }, true);
		} finally {
			this.reading = false;
		}
	}

	#keep(id: string, extras: SessionExtras, loud = false): void {
		try {
			this.#store.put(id, extras);
		} catch {
			if (loud)
				this.problem =
					'This browser could not keep the hand-in files (storage full or blocked): the report shows them now, but add them again after a reload.';
		}
	}

	/** The report's two CSV files (items, students). */
	async csv(kind: 'items' | 'students'): Promise<{ name: string; text: string } | undefined> {
		const r = this.report;
		if (!r) return undefined;
		const ia = await import('$lib/core/classroom/item-analysis');
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a file name, not state
		const date = new Date(r.data.session.createdAt).toISOString().slice(0, 10);
		const stem = `live-${r.data.session.pin}-${date}`;
		if (kind === 'items')
			return { name: `${stem}-questions.csv`, text: ia.itemAnalysisCsv(r.analysis) };
		return { name: `${stem}-students.csv`, text: ia.studentScoresCsv(r.analysis, r.students) };
	}

	/** The session whose "Delete" was pressed, waiting for the teacher to confirm. */
	confirmingDelete = $state<string | null>(null);

	/** First press of "Delete": asks (nothing is removed yet). */
	askDelete(id: string): void {
		this.problem = null;
		this.confirmingDelete = id;
	}

	/**
	 * Takes an ended session off the list, once confirmed. The hub keeps its data on disk
	 * (ARCHITECTURE.md "Data safety"); a running session must be ended first.
	 */
	async deleteSession(id: string): Promise<boolean> {
		if (this.confirmingDelete !== id) return false;
		this.busy = true;
		try {
			await (await this.#client()).deleteSession(id);
			this.confirmingDelete = null;
			await this.refreshSessions();
			return true;
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Back to the set choice and the list (the session keeps running on the hub). */
	async backToList(): Promise<void> {
		this.#close();
		this.#forget();
		this.report = null;
		this.view = 'setup';
		await this.refreshSessions();
	}

	/** Who answered what: one row per student, one cell per question. */
	get grid(): {
		id: string;
		name: string;
		cells: ('right' | 'wrong' | 'late' | 'none')[];
		points: number;
	}[] {
		const s = this.snap;
		if (!s?.info) return [];
		const qs = s.info.questions;
		return [...s.roster.entries()]
			.map(([id, r]) => {
				const row = s.grid.get(id);
				let points = 0;
				const cells = qs.map((q) => {
					const a = row?.get(q.questionId);
					if (!a) return 'none' as const;
					points += a.points;
					return a.late ? ('late' as const) : a.correct ? ('right' as const) : ('wrong' as const);
				});
				return { id, name: r.name, cells, points: Math.round(points * 10) / 10 };
			})
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** Teacher-paced: how many have answered the question on the projector. */
	get answeredNow(): number {
		const s = this.snap;
		const q = s?.info?.questions[s.state?.current ?? 0];
		if (!s || !q) return 0;
		let n = 0;
		for (const row of s.grid.values()) if (row.get(q.questionId)) n++;
		return n;
	}

	#remembered(): { id: string; pin: string } | undefined {
		try {
			const raw = sessionStorage.getItem(LIVE_TEACHER_KEY);
			const v = raw ? (JSON.parse(raw) as { id?: unknown; pin?: unknown }) : undefined;
			return typeof v?.id === 'string' && typeof v.pin === 'string'
				? { id: v.id, pin: v.pin }
				: undefined;
		} catch {
			return undefined;
		}
	}
	#remember(v: { id: string; pin: string }): void {
		try {
			sessionStorage.setItem(LIVE_TEACHER_KEY, JSON.stringify(v));
		} catch {
			// Not kept for a reload; the list of sessions still opens it.
		}
	}
	#forget(): void {
		try {
			sessionStorage.removeItem(LIVE_TEACHER_KEY);
		} catch {
			// Nothing kept.
		}
	}

	#close(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = undefined;
		this.#session?.destroy();
		this.#session = undefined;
		this.snap = null;
	}

	destroy(): void {
		this.#close();
	}
}
