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
import { qrDataUrl } from './class-run.svelte';

export type LiveTeacherView = 'loading' | 'nohub' | 'setup' | 'session' | 'report';

export interface LiveTeacherDeps extends Deps {
	hub?: HubClientOptions;
	/** The app's root as students reach it (origin + base). */
	baseUrl?: string;
}

/** The session the teacher page shows after a reload (this tab). */
export const LIVE_TEACHER_KEY = 'studydeck:live:teacher-open';

export class LiveTeacher {
	readonly #deps: AppDeps;
	readonly #hubOptions: HubClientOptions | undefined;
	readonly #baseUrl: string | undefined;
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
	report = $state.raw<{ data: ReportData; analysis: ItemAnalysis } | null>(null);

	constructor(deps: LiveTeacherDeps = {}) {
		this.#deps = appDeps(deps);
		this.#hubOptions = deps.hub;
		this.#baseUrl = deps.baseUrl;
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
			const hub = await this.#client();
			const reply = await hub.createSession({
				set,
				mode: this.mode,
				count,
				speedBonus: this.mode === 'teacher' && this.speedBonus,
				leaderboard: this.leaderboard
			});
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
			const ia = await import('$lib/core/classroom/item-analysis');
			const { items, students } = ia.liveInput(data);
			this.report = { data, analysis: ia.analyseItems(items, students) };
			this.view = 'report';
		} catch (e) {
			this.problem = e instanceof Error ? e.message : String(e);
		} finally {
			this.busy = false;
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
		return {
			name: `${stem}-students.csv`,
			text: ia.studentScoresCsv(r.analysis, ia.liveInput(r.data).students)
		};
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
