// The browser's side of the live classroom: a typed wrapper around HocuspocusProvider for
// the class screens. Load it only where it is used — `await import(
// '$lib/classroom/live/client')` — so Yjs and the provider never reach the home or study
// pages. Framework-free: sessions are Svelte stores (`subscribe`), so a screen can write
// `$student` or wrap one in a rune class. Documents and rules: ./protocol.ts.
//
// Offline: a student's answers go into their own Yjs document, which is also saved in the
// tab's storage; while the connection is down they wait there, and the provider delivers
// them when it returns (also after a reload: `resumeStudent`). `pending` counts answers
// the hub has not yet acknowledged, and the hub acknowledges only what is on its disk.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { QuizResponse } from '../../core/quiz/types';
import {
	docName,
	type Command,
	type CommandReply,
	type CreateSessionReply,
	type CreateSessionRequest,
	type GradedAnswer,
	type HubInfo,
	type JoinReply,
	type LeaderRow,
	type LiveState,
	type ReportData,
	type RevealedQuestion,
	type RosterEntry,
	type SessionInfo,
	type SessionSummary,
	type StudentAnswer,
	type StudentResult
} from '../../core/classroom/live/protocol';

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface HubClientOptions {
	/** Where the app is served, e.g. `location.origin + base` ("http://192.168.1.20:4173"). */
	baseUrl: string;
	/** The passphrase the hub printed, for creating sessions from a device other than the laptop. */
	passphrase?: string;
	fetch?: typeof fetch;
	/** A WebSocket class where the platform has none (Node 20 in tests: the `ws` package). */
	WebSocket?: unknown;
	/** Teacher secrets (kept across restarts): localStorage by default. */
	teacherStorage?: KeyValueStorage;
	/** The student's place in a session (kept for a reload): sessionStorage by default. */
	studentStorage?: KeyValueStorage;
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** An error from the hub, with its message written for people. */
export class HubError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

export const TEACHER_KEY = 'studydeck:live:teachers';
export const STUDENT_KEY = 'studydeck:live:student';

interface SavedStudent extends JoinReply {
	/** The student's own document (base64), so answers given offline survive a reload. */
	doc?: string;
}

function memoryStorage(): KeyValueStorage {
	const m = new Map<string, string>();
	return {
		getItem: (k) => m.get(k) ?? null,
		setItem: (k, v) => void m.set(k, v),
		removeItem: (k) => void m.delete(k)
	};
}

function toB64(u: Uint8Array): string {
	let s = '';
	for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode(...u.subarray(i, i + 8192));
	return btoa(s);
}
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export class HubClient {
	readonly baseUrl: string;
	readonly #fetch: typeof fetch;
	readonly #passphrase: string | undefined;
	readonly #WebSocket: unknown;
	readonly #teachers: KeyValueStorage;
	readonly #student: KeyValueStorage;

	constructor(o: HubClientOptions) {
		this.baseUrl = o.baseUrl.replace(/\/+$/, '');
		this.#fetch = o.fetch ?? globalThis.fetch.bind(globalThis);
		this.#passphrase = o.passphrase;
		this.#WebSocket = o.WebSocket;
		this.#teachers =
			o.teacherStorage ?? (typeof localStorage === 'undefined' ? memoryStorage() : localStorage);
		this.#student =
			o.studentStorage ??
			(typeof sessionStorage === 'undefined' ? memoryStorage() : sessionStorage);
	}

	get socketUrl(): string {
		return `${this.baseUrl.replace(/^http/, 'ws')}/hub/ws`;
	}

	async #call<T>(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	) {
		let res: Response;
		try {
			res = await this.#fetch(`${this.baseUrl}/hub/api/${path}`, {
				method,
				headers: {
					...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
					...(this.#passphrase ? { 'X-Hub-Passphrase': this.#passphrase } : {}),
					...headers
				},
				...(body !== undefined ? { body: JSON.stringify(body) } : {})
			});
		} catch {
			throw new HubError(
				0,
				'The class hub cannot be reached. Check that you are on the classroom Wi-Fi.'
			);
		}
		const data = (await res.json().catch(() => ({}))) as { error?: string };
		if (!res.ok) throw new HubError(res.status, data.error ?? `The hub answered ${res.status}.`);
		return data as T;
	}

	/** Whether a hub answers at baseUrl, and whether this device is the hub's laptop. */
	info(): Promise<HubInfo> {
		return this.#call<HubInfo>('GET', 'info');
	}

	// ---- teacher ---------------------------------------------------------------------------

	#secrets(): Record<string, string> {
		try {
			const raw = JSON.parse(this.#teachers.getItem(TEACHER_KEY) ?? '{}') as unknown;
			return raw && typeof raw === 'object' ? (raw as Record<string, string>) : {};
		} catch {
			return {};
		}
	}

	/** The teacher secret this device holds for a session, if it created it. */
	teacherSecret(sessionId: string): string | undefined {
		return this.#secrets()[sessionId];
	}

	/** Creates a session; this device keeps its secret and so controls it. */
	async createSession(request: CreateSessionRequest): Promise<CreateSessionReply> {
		const reply = await this.#call<CreateSessionReply>('POST', 'sessions', request);
		this.#teachers.setItem(
			TEACHER_KEY,
			JSON.stringify({ ...this.#secrets(), [reply.sessionId]: reply.teacherSecret })
		);
		return reply;
	}

	/** Every session on the hub, newest first (the laptop, or with the passphrase). */
	listSessions(): Promise<SessionSummary[]> {
		return this.#call<SessionSummary[]>('GET', 'sessions');
	}

	/** A session's answers and questions, for the report (see ../item-analysis.ts). */
	report(sessionId: string): Promise<ReportData> {
		const secret = this.teacherSecret(sessionId);
		return this.#call<ReportData>(
			'GET',
			`sessions/${encodeURIComponent(sessionId)}/report`,
			undefined,
			secret ? { 'X-Teacher-Secret': secret } : {}
		);
	}

	/** Takes an ended session off the hub's list (the hub keeps its data on disk). */
	async deleteSession(sessionId: string): Promise<void> {
		const secret = this.teacherSecret(sessionId);
		await this.#call<{ deleted: string }>(
			'DELETE',
			`sessions/${encodeURIComponent(sessionId)}`,
			undefined,
			secret ? { 'X-Teacher-Secret': secret } : {}
		);
	}

	/** Opens the live view of a session this device created. */
	teacher(sessionId: string): TeacherSession {
		const secret = this.teacherSecret(sessionId);
		if (!secret)
			throw new HubError(403, 'This device did not start that session, so it cannot run it.');
		return new TeacherSession(this.#socket(), sessionId, `t.${sessionId}.${secret}`);
	}

	// ---- student ---------------------------------------------------------------------------

	/** Joins by PIN; the place is kept in the tab so a reload resumes it. */
	async join(pin: string, name: string): Promise<StudentSession> {
		const reply = await this.#call<JoinReply>('POST', 'join', {
			pin: pin.replace(/\D/g, ''),
			name
		});
		this.#student.setItem(STUDENT_KEY, JSON.stringify(reply satisfies SavedStudent));
		return new StudentSession(this.#socket(), reply, undefined, this.#student);
	}

	/** The session this tab had joined, with any answers not yet delivered; null if none. */
	resumeStudent(): StudentSession | null {
		let saved: SavedStudent;
		try {
			saved = JSON.parse(this.#student.getItem(STUDENT_KEY) ?? 'null') as SavedStudent;
		} catch {
			return null;
		}
		if (!saved?.sessionId || !saved.studentId || !saved.token) return null;
		return new StudentSession(
			this.#socket(),
			saved,
			saved.doc ? fromB64(saved.doc) : undefined,
			this.#student
		);
	}

	#socket(): HocuspocusProviderWebsocket {
		return new HocuspocusProviderWebsocket({
			url: this.socketUrl,
			...(this.#WebSocket ? { WebSocketPolyfill: this.#WebSocket } : {}),
			// Classroom Wi-Fi drops for seconds, not hours: retry soon, forever.
			delay: 500,
			minDelay: 250,
			factor: 1.5,
			maxDelay: 5000,
			maxAttempts: 0
		});
	}
}

type Listener<T> = (value: T) => void;

/** The parts both sides share: one WebSocket, several documents, a store contract. */
abstract class LiveSession<Snapshot> {
	readonly sessionId: string;
	protected readonly socket: HocuspocusProviderWebsocket;
	protected readonly providers: HocuspocusProvider[] = [];
	protected status: ConnectionStatus = 'connecting';
	/** The hub refused this device (a wrong token, or a session that no longer exists). */
	protected denied: string | null = null;
	readonly #listeners = new Set<Listener<Snapshot>>();
	#snapshot: Snapshot | null = null;
	#scheduled = false;

	constructor(socket: HocuspocusProviderWebsocket, sessionId: string) {
		this.socket = socket;
		this.sessionId = sessionId;
		socket.on('status', ({ status }: { status: string }) => {
			this.status =
				status === 'connected' ? 'online' : status === 'connecting' ? 'connecting' : 'offline';
			this.changed();
		});
	}

	protected open(name: string, token: string, document = new Y.Doc()): HocuspocusProvider {
		const provider = new HocuspocusProvider({
			websocketProvider: this.socket,
			name,
			token,
			document,
			awareness: null,
			onAuthenticationFailed: ({ reason }) => {
				this.denied =
					reason === 'permission-denied' ? 'The hub does not know this session any more.' : reason;
				this.changed();
			}
		});
		provider.attach();
		document.on('update', () => this.changed());
		// `synced` can flip after the last update has arrived: it is a change of its own.
		provider.on('synced', () => this.changed());
		this.providers.push(provider);
		return provider;
	}

	protected abstract build(): Snapshot;

	/** Coalesces a burst of updates into one snapshot for subscribers. */
	protected changed(): void {
		this.#snapshot = null;
		if (this.#scheduled || !this.#listeners.size) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			const s = this.current;
			for (const l of this.#listeners) l(s);
		});
	}

	/** The latest state as a plain, immutable object. */
	get current(): Snapshot {
		return (this.#snapshot ??= this.build());
	}

	/** Svelte store contract: called now and after every change; returns the unsubscribe. */
	subscribe(listener: Listener<Snapshot>): () => void {
		this.#listeners.add(listener);
		listener(this.current);
		return () => this.#listeners.delete(listener);
	}

	/** Closes the connection (the hub keeps everything). */
	destroy(): void {
		for (const p of this.providers) p.destroy();
		this.socket.destroy();
		this.#listeners.clear();
	}
}

function publicParts(doc: Y.Doc) {
	const info = (doc.getMap('session').get('info') as SessionInfo | undefined) ?? null;
	const state = doc.getMap('state');
	const reveal = new Map<number, RevealedQuestion>();
	for (const [k, r] of doc.getMap('reveal').entries()) reveal.set(Number(k), r as RevealedQuestion);
	return {
		info,
		state: (state.get('state') as LiveState | undefined) ?? null,
		leaderboard: (state.get('leaderboard') as LeaderRow[] | undefined) ?? [],
		lobby: [...doc.getMap('lobby').values()].map(String).sort((a, b) => a.localeCompare(b)),
		reveal
	};
}

export interface StudentSnapshot {
	connection: ConnectionStatus;
	/** Everything from the hub has arrived at least once (false while offline from the start). */
	synced: boolean;
	denied: string | null;
	name: string;
	/** Questions without their answers; grade nothing locally. */
	info: SessionInfo | null;
	state: LiveState | null;
	lobby: string[];
	reveal: ReadonlyMap<number, RevealedQuestion>;
	leaderboard: LeaderRow[];
	answers: ReadonlyMap<string, StudentAnswer>;
	results: ReadonlyMap<string, StudentResult>;
	/** Answers given but not yet safe on the hub's disk. */
	pending: number;
}

export class StudentSession extends LiveSession<StudentSnapshot> {
	readonly studentId: string;
	readonly name: string;
	readonly #public: HocuspocusProvider;
	readonly #own: HocuspocusProvider;
	readonly #results: HocuspocusProvider;
	readonly #storage: KeyValueStorage;
	readonly #saved: SavedStudent;
	#pending = 0;

	constructor(
		socket: HocuspocusProviderWebsocket,
		joined: JoinReply,
		ownState: Uint8Array | undefined,
		storage: KeyValueStorage
	) {
		super(socket, joined.sessionId);
		this.studentId = joined.studentId;
		this.name = joined.name;
		this.#storage = storage;
		this.#saved = { ...joined };
		const own = new Y.Doc();
		if (ownState) Y.applyUpdate(own, ownState);
		// Answers restored from the tab count as pending until the hub acknowledges them.
		this.#pending = own.getMap('answers').size;
		this.#public = this.open(docName.public(joined.sessionId), joined.token);
		this.#own = this.open(docName.student(joined.sessionId, joined.studentId), joined.token, own);
		this.#results = this.open(docName.results(joined.sessionId, joined.studentId), joined.token);
		this.#own.on('unsyncedChanges', ({ number }: { number: number }) => {
			if (number === 0) this.#pending = 0;
			this.changed();
		});
		own.on('update', () => this.#keep());
	}

	/** Saves the student's own document in the tab, so a reload loses no answer. */
	#keep(): void {
		try {
			this.#storage.setItem(
				STUDENT_KEY,
				JSON.stringify({ ...this.#saved, doc: toB64(Y.encodeStateAsUpdate(this.#own.document)) })
			);
		} catch {
			// Storage full or blocked: the answer still travels while the connection holds.
		}
	}

	protected build(): StudentSnapshot {
		const own = this.#own.document;
		return {
			connection: this.status,
			synced: this.#public.isSynced,
			denied: this.denied,
			name: this.name,
			...publicParts(this.#public.document),
			answers: new Map(own.getMap('answers').entries()) as Map<string, StudentAnswer>,
			results: new Map(this.#results.document.getMap('results').entries()) as Map<
				string,
				StudentResult
			>,
			pending: this.#pending
		};
	}

	/**
	 * Sends an answer. One answer per question: returns false (and sends nothing) if this
	 * question was answered already, or is not in the session. Works offline.
	 */
	submitAnswer(questionId: string, response: QuizResponse, now: number = Date.now()): boolean {
		const answers = this.#own.document.getMap('answers');
		const info = publicParts(this.#public.document).info;
		if (answers.has(questionId)) return false;
		if (info && !info.questions.some((q) => q.questionId === questionId)) return false;
		const entry: StudentAnswer = {
			response: (response ?? null) as StudentAnswer['response'],
			at: now
		};
		this.#pending++;
		answers.set(questionId, entry);
		return true;
	}

	/** Forgets this session in the tab (after the end screen) and disconnects. */
	leave(): void {
		this.#storage.removeItem(STUDENT_KEY);
		this.destroy();
	}
}

export interface TeacherSnapshot {
	connection: ConnectionStatus;
	synced: boolean;
	denied: string | null;
	info: SessionInfo | null;
	state: LiveState | null;
	lobby: string[];
	reveal: ReadonlyMap<number, RevealedQuestion>;
	leaderboard: LeaderRow[];
	/** Student id → name and join time. */
	roster: ReadonlyMap<string, RosterEntry>;
	/** Student id → question id → graded answer: the live grid. */
	grid: ReadonlyMap<string, ReadonlyMap<string, GradedAnswer>>;
	answerCount: number;
}

export class TeacherSession extends LiveSession<TeacherSnapshot> {
	readonly #public: HocuspocusProvider;
	readonly #teacher: HocuspocusProvider;
	readonly #waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
	#nextId = 1;
	/** Kept up to date answer by answer (copy-on-write), not rebuilt: 60 × 20 answers stay cheap. */
	#grid: ReadonlyMap<string, ReadonlyMap<string, GradedAnswer>> = new Map();

	constructor(socket: HocuspocusProviderWebsocket, sessionId: string, token: string) {
		super(socket, sessionId);
		this.#public = this.open(docName.public(sessionId), token);
		this.#teacher = this.open(docName.teacher(sessionId), token);
		const answers = this.#teacher.document.getMap('answers');
		answers.observe((e) => {
			const grid = new Map(this.#grid);
			for (const key of e.keysChanged) {
				const a = answers.get(key) as GradedAnswer | undefined;
				if (!a) continue;
				const row = new Map(grid.get(a.student));
				row.set(a.questionId, a);
				grid.set(a.student, row);
			}
			this.#grid = grid;
		});
		this.#public.on('stateless', ({ payload }: { payload: string }) => {
			let reply: CommandReply;
			try {
				reply = JSON.parse(payload) as CommandReply;
			} catch {
				return;
			}
			const w = this.#waiting.get(reply.id);
			if (!w) return;
			this.#waiting.delete(reply.id);
			if (reply.ok) w.resolve();
			else w.reject(new HubError(409, reply.error ?? 'The hub refused that.'));
		});
	}

	protected build(): TeacherSnapshot {
		const t = this.#teacher.document;
		return {
			connection: this.status,
			synced: this.#public.isSynced && this.#teacher.isSynced,
			denied: this.denied,
			...publicParts(this.#public.document),
			roster: new Map(t.getMap('students').entries()) as Map<string, RosterEntry>,
			grid: this.#grid,
			answerCount: t.getMap('answers').size
		};
	}

	/** Calls `listener` with each graded answer as it arrives (not those already there). */
	onAnswer(listener: (answer: GradedAnswer) => void): () => void {
		const map = this.#teacher.document.getMap('answers');
		const observer = (e: Y.YMapEvent<unknown>) => {
			for (const [key, change] of e.changes.keys)
				if (change.action === 'add') listener(map.get(key) as GradedAnswer);
		};
		map.observe(observer);
		return () => map.unobserve(observer);
	}

	#command(cmd: Command['cmd'], index?: number): Promise<void> {
		const id = this.#nextId++;
		return new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiting.delete(id);
				reject(new HubError(0, 'The hub did not answer. Check the connection and try again.'));
			}, 10_000);
			this.#waiting.set(id, {
				resolve: () => (clearTimeout(timer), resolve()),
				reject: (e) => (clearTimeout(timer), reject(e))
			});
			this.#public.sendStateless(
				JSON.stringify({ id, cmd, ...(index !== undefined ? { index } : {}) })
			);
		});
	}

	/** Lobby → running (both modes). */
	start = () => this.#command('start');
	/** Teacher-paced: close the current question and show its answer distribution. */
	reveal = () => this.#command('reveal');
	/** Teacher-paced: reveal the current question if needed, then open the next. */
	next = () => this.#command('next');
	previous = () => this.#command('previous');
	goTo = (index: number) => this.#command('goto', index);
	/** Ends the session: answers close, the PIN is freed, the report stays. */
	end = () => this.#command('end');
}
