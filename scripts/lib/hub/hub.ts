// The classroom hub: Yjs documents served by Hocuspocus on the same HTTP server as the
// app (one address and port for phones), a small JSON API to create sessions and join
// by PIN, an fsynced log per document (scripts/lib/hub/store.ts), and optionally Redis
// so several hub processes share sessions. The document layout and who may open what
// are described in src/lib/core/classroom/live/protocol.ts.
//
// Trust: students only ever write their own student document, and every update to it
// is checked on a scratch copy before it is logged, applied or acknowledged; the hub
// grades answers with the app's own grader; the teacher is whoever holds the secret
// returned at creation; creating sessions needs the laptop itself or the passphrase.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { Hocuspocus } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import * as decoding from 'lib0/decoding';
import * as v from 'valibot';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { parseSet } from '../../../src/lib/core/bank/validate.ts';
import { formatProblem } from '../../../src/lib/core/bank/problems.ts';
import { generateQuiz } from '../../../src/lib/core/quiz/generate.ts';
import { expectedText, gradeAnswer } from '../../../src/lib/core/quiz/grade.ts';
import { randomSeed } from '../../../src/lib/core/quiz/rng.ts';
import type { QuestionType } from '../../../src/lib/core/bank/schema.ts';
import type { QuizItem } from '../../../src/lib/core/quiz/types.ts';
import { responseText } from '../../../src/lib/core/classroom/class-results.ts';
import {
	CommandSchema,
	CreateSessionSchema,
	JoinSchema,
	LIMITS,
	StudentAnswerSchema,
	answerKey,
	docName,
	parseDocName,
	redactAsked,
	type CommandReply,
	type CreateSessionReply,
	type GradedAnswer,
	type HubInfo,
	type JoinReply,
	type LeaderRow,
	type LiveState,
	type ReportData,
	type RevealedQuestion,
	type SessionInfo,
	type SessionSummary,
	type StudentResult
} from '../../../src/lib/core/classroom/live/protocol.ts';
import { FailureLimiter } from './rate-limit.ts';
import { DocStore } from './store.ts';

export interface HubOptions {
	/** Where class data is kept (created if missing). */
	dataDir: string;
	/** Share sessions with other hub processes through this Redis server. */
	redis?: { host: string; port: number };
	/** For creating sessions from another device; generated and kept in dataDir when absent. */
	passphrase?: string;
	/**
	 * Requests from 127.0.0.1/::1 may create sessions without the passphrase (the teacher's
	 * own laptop). Turn off behind a reverse proxy, where every request looks local.
	 */
	trustLoopback?: boolean;
	/** URL prefix the app is served under (BASE_PATH), e.g. "/studydeck". */
	base?: string;
	now?: () => number;
	/** One line per event worth a teacher's or an admin's attention; console by default. */
	log?: (line: string) => void;
	/** Log lines per second at most (a hostile client cannot flood the console); 20. */
	logPerSecond?: number;
}

interface Registered {
	id: string;
	pin: string;
	title: string;
	setId: string;
	mode: SessionInfo['mode'];
	createdAt: number;
	endedAt?: number;
	teacherHash: string;
	/** HMAC key for student tokens: any hub instance can check a token with it. */
	key: string;
	questions: number;
	students: number;
}

interface Live {
	reg: Registered;
	items: QuizItem[];
	index: Map<string, number>;
	info: SessionInfo;
	key: DirectConnection;
	pub: DirectConnection;
	teacher: DirectConnection;
	/** Done once answers left ungraded by a crash are graded. */
	reconciled?: Promise<void>;
}

/** What openDirectConnection returns (its exported type leaves out the document). */
interface DirectConnection {
	document: Y.Doc | null;
	disconnect(): Promise<void>;
}

type Role =
	| { role: 'teacher'; sid: string }
	| { role: 'student'; sid: string; stid: string }
	| { role: 'hub' };

const HUB_ORIGIN = 'studydeck-hub';
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';
/** Sync (0), QueryAwareness (3), SyncReply (4), Stateless (5), Close (7), Auth (2). */
const ALLOWED_MESSAGES = new Set([0, 2, 3, 4, 5, 7]);
const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const SPEED_WINDOW_MS = 30_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newId = () => Array.from({ length: 12 }, () => ID_ALPHABET[randomInt(32)]).join('');
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export function isLoopback(address: string | undefined): boolean {
	return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

/** A passphrase people can type: four groups of four letters and digits. */
function newPassphrase(): string {
	return Array.from({ length: 4 }, () =>
		Array.from({ length: 4 }, () => ID_ALPHABET[randomInt(32)]).join('')
	).join('-');
}

export class ClassroomHub {
	readonly hocuspocus: Hocuspocus;
	readonly store: DocStore;
	readonly dataDir: string;
	readonly passphrase: string;
	readonly base: string;
	readonly #now: () => number;
	readonly #log: (line: string) => void;
	readonly #trustLoopback: boolean;
	readonly #logPerSecond: number;
	readonly #wss: WebSocketServer;
	readonly #pinFailures: FailureLimiter;
	readonly #pinFailuresAll: FailureLimiter;
	readonly #passFailures: FailureLimiter;
	readonly #lastWrite = new Map<string, Promise<void>>();
	readonly #live = new Map<string, Promise<Live>>();
	readonly #grading = new Map<string, Promise<void>>();
	readonly #inflight = new Map<string, Set<Uint8Array>>();
	#registry!: DirectConnection;
	#logged = { second: 0, count: 0, dropped: 0 };
	#sockets = new Set<WebSocket>();
	/** Counters for the bench and the tests. */
	readonly counters = { rejected: 0, answers: 0 };

	private constructor(options: HubOptions) {
		this.dataDir = options.dataDir;
		this.store = new DocStore(join(options.dataDir, 'docs'));
		this.base = (options.base ?? '').replace(/\/$/, '');
		this.#now = options.now ?? Date.now;
		this.#log = options.log ?? ((line) => console.warn(line));
		this.#trustLoopback = options.trustLoopback ?? true;
		this.#logPerSecond = options.logPerSecond ?? 20;
		this.passphrase = options.passphrase ?? this.#storedPassphrase();
		this.#pinFailures = new FailureLimiter(10, 60_000, this.#now);
		this.#pinFailuresAll = new FailureLimiter(200, 60_000, this.#now);
		this.#passFailures = new FailureLimiter(10, 60_000, this.#now);
		this.#wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.frameBytes });
		this.hocuspocus = new Hocuspocus({
			name: `studydeck-${process.pid}`,
			quiet: true,
			timeout: 30_000,
			debounce: 2000,
			maxDebounce: 10_000,
			extensions: options.redis
				? [
						new Redis({
							host: options.redis.host,
							port: options.redis.port,
							prefix: 'studydeck',
							options: { maxRetriesPerRequest: null, lazyConnect: false }
						})
					]
				: [],
			onAuthenticate: (p) => this.#authenticate(p),
			beforeHandleMessage: (p) => this.#beforeMessage(p),
			onStateless: (p) => this.#stateless(p),
			onLoadDocument: (p) => this.#loadDocument(p.documentName, p.document),
			afterLoadDocument: async (p) => this.#afterLoad(p.documentName, p.document),
			onChange: async (p) => this.#changed(p.documentName, p.document, p.transactionOrigin)
		});
	}

	async #open(name: string, context: object): Promise<DirectConnection> {
		return (await this.hocuspocus.openDirectConnection(
			name,
			context
		)) as unknown as DirectConnection;
	}

	static async start(options: HubOptions): Promise<ClassroomHub> {
		const hub = new ClassroomHub(options);
		hub.#registry = await hub.#open(docName.registry(), { role: 'hub' });
		// Every hub keeps the shared documents of every running session open, so with Redis
		// each holds (and logs to its own disk) a live copy, wherever the session began.
		const sessions = hub.#registry.document!.getMap('sessions');
		// Sessions left running for days are opened when someone uses them, not at start.
		const recent = hub.#now() - 24 * 3600_000;
		const follow = (sid: string) => {
			const reg = hub.#registered(sid);
			if (reg && reg.endedAt === undefined && reg.createdAt > recent)
				hub
					.#session(sid)
					.catch((e) => hub.#say(`hub: cannot open session ${sid}: ${(e as Error).message}`));
		};
		for (const sid of sessions.keys()) follow(sid);
		sessions.observe((e) => {
			for (const [sid, change] of e.changes.keys) if (change.action === 'add') follow(sid);
		});
		return hub;
	}

	#storedPassphrase(): string {
		const file = join(this.dataDir, 'hub.json');
		try {
			if (existsSync(file)) {
				const saved = JSON.parse(readFileSync(file, 'utf8')) as { passphrase?: unknown };
				if (typeof saved.passphrase === 'string' && saved.passphrase.length >= 8)
					return saved.passphrase;
			}
		} catch {
			this.#say(`hub: ${file} is unreadable; making a new passphrase`);
		}
		const passphrase = newPassphrase();
		writeFileSync(file, JSON.stringify({ passphrase }, null, '\t') + '\n', { mode: 0o600 });
		return passphrase;
	}

	/** Rate-limited logging: a hostile client cannot flood the teacher's console. */
	#say(line: string): void {
		const second = Math.floor(this.#now() / 1000);
		if (second !== this.#logged.second) {
			if (this.#logged.dropped)
				this.#log(`hub: (${this.#logged.dropped} more log lines dropped in one second)`);
			this.#logged = { second, count: 0, dropped: 0 };
		}
		if (++this.#logged.count > this.#logPerSecond) this.#logged.dropped++;
		else this.#log(line);
	}

	#reject(why: string, where: string): never {
		this.counters.rejected++;
		this.#say(`hub: rejected ${why} (${where})`);
		throw Object.assign(new Error(why), { reason: 'permission-denied' });
	}

	// ---- documents on disk -------------------------------------------------------------

	async #loadDocument(name: string, document: Y.Doc): Promise<void> {
		const { updates, cut } = await this.store.load(name);
		if (cut) this.#say(`hub: ${name}: cut ${cut} bytes of a torn write at the end of its log`);
		if (updates.length) {
			try {
				Y.applyUpdate(document, Y.mergeUpdates(updates), HUB_ORIGIN);
			} catch {
				// One bad entry must not lose the others: apply them one by one.
				for (const u of updates)
					try {
						Y.applyUpdate(document, u, HUB_ORIGIN);
					} catch (e) {
						this.#say(`hub: ${name}: skipped an unreadable log entry (${(e as Error).message})`);
					}
			}
		}
	}

	#afterLoad(name: string, document: Y.Doc): void {
		// Client updates were logged before they were applied (#beforeMessage); everything
		// else — the hub's own writes, updates from other hubs through Redis — is logged here.
		document.on('update', (update: Uint8Array, origin: unknown) => {
			if (isClientConnection(origin)) return;
			const p = this.store.append(name, update, () => Y.encodeStateAsUpdate(document));
			p.catch((e) => this.#say(`hub: could not write ${name}: ${(e as Error).message}`));
			this.#lastWrite.set(name, p);
		});
		const parsed = parseDocName(name);
		// Answers logged but not graded before a crash are graded now.
		if (parsed?.kind === 'student')
			void this.#gradeAll(parsed.sid, parsed.stid, document).catch((e) =>
				this.#say(`hub: grading ${name} failed: ${(e as Error).message}`)
			);
		// A student's results are derived from the teacher doc: any hub can rebuild them.
		if (parsed?.kind === 'results')
			void this.#session(parsed.sid)
				.then((live) => this.#fillResults(live, parsed.stid, document))
				.catch((e) => this.#say(`hub: results for ${name} failed: ${(e as Error).message}`));
	}

	/** Resolves when the hub's last write to `name` is on disk. */
	async #durable(name: string): Promise<void> {
		await this.#lastWrite.get(name)?.catch(() => {
			throw new HttpError(500, 'The hub could not save to disk. Check the laptop’s free space.');
		});
	}

	async #write(conn: DirectConnection, fn: (doc: Y.Doc) => void): Promise<void> {
		const doc = conn.document!;
		doc.transact(() => fn(doc), HUB_ORIGIN);
		await this.#durable((doc as Y.Doc & { name: string }).name);
	}

	// ---- who may open what ---------------------------------------------------------------

	#registered(sid: string): Registered | undefined {
		const raw = this.#registry.document!.getMap('sessions').get(sid);
		return raw && typeof raw === 'object' ? (raw as Registered) : undefined;
	}

	#studentMac(reg: Registered, stid: string): string {
		return createHmac('sha256', reg.key).update(`student:${stid}`).digest('base64url').slice(0, 32);
	}

	/** Parses a token: `t.<sid>.<secret>` (teacher) or `s.<sid>.<stid>.<mac>` (student). */
	#roleOf(token: string | undefined): Role | undefined {
		if (typeof token !== 'string' || token.length > 200) return;
		const [kind, sid, a, b] = token.split('.');
		if (!sid) return;
		const reg = this.#registered(sid);
		if (!reg) return;
		if (kind === 't' && a && sameSecret(sha256(a), reg.teacherHash))
			return { role: 'teacher', sid };
		if (kind === 's' && a && b && sameSecret(this.#studentMac(reg, a), b))
			return { role: 'student', sid, stid: a };
	}

	async #authenticate(p: {
		token: string;
		documentName: string;
		connectionConfig: { readOnly: boolean };
		requestHeaders: Record<string, unknown>;
	}): Promise<Role> {
		const doc = parseDocName(p.documentName);
		const role = this.#roleOf(p.token);
		if (!doc || doc.kind === 'registry' || doc.kind === 'key')
			this.#reject(`a request for document "${String(p.documentName).slice(0, 80)}"`, 'auth');
		if (!role || role.role === 'hub' || role.sid !== doc.sid)
			this.#reject(`a wrong or missing token for ${p.documentName}`, 'auth');
		if (doc.kind === 'public') p.connectionConfig.readOnly = true;
		else if (doc.kind === 'teacher') {
			if (role.role !== 'teacher') this.#reject(`a student asking for ${p.documentName}`, 'auth');
			p.connectionConfig.readOnly = true;
		} else if (doc.kind === 'student') {
			if (role.role !== 'student' || role.stid !== doc.stid)
				this.#reject(`a token for another student's answers (${p.documentName})`, 'auth');
			// Writable even after the end: answers that arrive late are kept, marked late.
			p.connectionConfig.readOnly = false;
		} else if (doc.kind === 'results') {
			if (role.role !== 'student' || role.stid !== doc.stid)
				this.#reject(`a token for another student's results (${p.documentName})`, 'auth');
			p.connectionConfig.readOnly = true;
		}
		return role;
	}

	async #beforeMessage(p: {
		documentName: string;
		document: Y.Doc;
		update: Uint8Array;
		connection: { readOnly: boolean };
		context: Role;
	}): Promise<void> {
		const d = decoding.createDecoder(p.update);
		decoding.readVarString(d);
		const type = decoding.readVarUint(d);
		if (!ALLOWED_MESSAGES.has(type)) this.#reject(`message type ${type}`, p.documentName);
		if (type === 5 && p.context.role !== 'teacher')
			this.#reject('a command from a student', p.documentName);
		if (type !== 0 && type !== 4) return;
		const step = decoding.readVarUint(d);
		if (step === 0) return; // SyncStep1: a state vector, asks for what it lacks.
		if (step !== 1 && step !== 2) this.#reject(`sync message ${step}`, p.documentName);
		if (p.connection.readOnly) return; // Hocuspocus refuses it and tells the client.
		const update = decoding.readVarUint8Array(d);
		const doc = parseDocName(p.documentName);
		if (doc?.kind !== 'student') this.#reject('a write to a read-only document', p.documentName);
		const live = await this.#session(doc.sid);
		// Updates checked but not applied yet (waiting for the disk) are part of the base:
		// a student's next answer builds on their previous one.
		let inflight = this.#inflight.get(p.documentName);
		if (!inflight) this.#inflight.set(p.documentName, (inflight = new Set()));
		const answers = this.#checkStudentUpdate(
			live,
			p.document,
			[...inflight],
			update,
			p.documentName
		);
		inflight.add(update);
		// Graded now, while the disk syncs: the teacher sees it without waiting for fsync.
		// Safe: if the hub dies before the sync, the student (never acknowledged) resends it.
		void this.#gradeAll(doc.sid, doc.stid, () => answers).catch((e) =>
			this.#say(`hub: grading ${p.documentName} failed: ${(e as Error).message}`)
		);
		try {
			await this.store.append(p.documentName, update, () => Y.encodeStateAsUpdate(p.document));
		} finally {
			// Hocuspocus applies it right after this hook resolves.
			setImmediate(() => {
				inflight.delete(update);
				if (!inflight.size) this.#inflight.delete(p.documentName);
			});
		}
	}

	/** Applies the update to a scratch copy and checks what the student's doc would become. */
	#checkStudentUpdate(
		live: Live,
		current: Y.Doc,
		inflight: Uint8Array[],
		update: Uint8Array,
		where: string
	): [string, unknown][] {
		const probe = new Y.Doc();
		const answers = probe.getMap('answers');
		Y.applyUpdate(probe, Y.encodeStateAsUpdate(current));
		for (const u of inflight) Y.applyUpdate(probe, u);
		try {
			Y.applyUpdate(probe, update);
		} catch {
			this.#reject('an unreadable update', where);
		}
		try {
			if (probe.store.pendingStructs || probe.store.pendingDs)
				this.#reject('an update with missing parts', where);
			for (const key of probe.share.keys())
				if (key !== 'answers') this.#reject(`a write to "${key.slice(0, 40)}"`, where);
			for (const [qid, value] of answers.entries()) {
				if (!live.index.has(qid))
					this.#reject(`an answer to unknown question "${qid.slice(0, 40)}"`, where);
				if (value instanceof Y.AbstractType || !v.is(StudentAnswerSchema, value))
					this.#reject(`a malformed answer to ${qid}`, where);
			}
			if (Y.encodeStateAsUpdate(probe).length > LIMITS.studentDocBytes)
				this.#reject('a student document over its size limit', where);
			return [...answers.entries()];
		} finally {
			probe.destroy();
		}
	}

	// ---- sessions --------------------------------------------------------------------------

	/** The session's documents, opened once per hub process and kept while it runs. */
	#session(sid: string): Promise<Live> {
		let p = this.#live.get(sid);
		if (!p) {
			p = this.#openSession(sid).then((live) => {
				live.reconciled = this.#reconcile(live).catch((e) =>
					this.#say(`hub: regrading session ${sid} failed: ${(e as Error).message}`)
				);
				return live;
			});
			this.#live.set(sid, p);
			p.catch(() => this.#live.delete(sid));
		}
		return p;
	}

	async #openSession(sid: string): Promise<Live> {
		const reg = this.#registered(sid);
		if (!reg) throw new HttpError(404, 'No such class session on this hub.');
		const ctx = { role: 'hub' };
		const key = await this.#open(docName.key(sid), ctx);
		const pub = await this.#open(docName.public(sid), ctx);
		const teacher = await this.#open(docName.teacher(sid), ctx);
		// With Redis, another hub may hold the session: wait for its state to arrive.
		await until(key.document!, () => key.document!.getMap('quiz').has('items'), 5000);
		await until(pub.document!, () => pub.document!.getMap('session').has('info'), 5000);
		const items = key.document!.getMap('quiz').get('items') as QuizItem[] | undefined;
		const info = pub.document!.getMap('session').get('info') as SessionInfo | undefined;
		if (!items || !info) {
			for (const c of [key, pub, teacher]) await c.disconnect();
			throw new HttpError(503, 'This session’s data has not reached this hub yet.');
		}
		return {
			reg,
			items,
			index: new Map(items.map((it, i) => [it.questionId, i])),
			info,
			key,
			pub,
			teacher
		};
	}

	/**
	 * Grades answers that reached a student's log but not the teacher's document (the hub
	 * acknowledges an answer once it is on disk, and grades it a moment later).
	 */
	async #reconcile(live: Live): Promise<void> {
		const sid = live.reg.id;
		for (const stid of [...live.teacher.document!.getMap('students').keys()]) {
			const conn = await this.#open(docName.student(sid, stid), { role: 'hub' });
			try {
				await this.#gradeAll(sid, stid, conn.document!);
			} finally {
				await conn.disconnect();
			}
		}
	}

	#state(live: Live): LiveState {
		return live.pub.document!.getMap('state').get('state') as LiveState;
	}

	async createSession(body: unknown): Promise<CreateSessionReply> {
		const req = v.safeParse(CreateSessionSchema, body);
		if (!req.success)
			throw new HttpError(400, `The session request is malformed: ${v.summarize(req.issues)}`);
		const r = req.output;
		const set = parseSet(r.set);
		if (!set.ok)
			throw new HttpError(
				400,
				`The set has problems: ${set.problems.slice(0, 5).map(formatProblem).join('; ')}`
			);
		const seed = r.seed ?? randomSeed(() => randomInt(1 << 30) / (1 << 30), 8);
		const quiz = generateQuiz([set.value], {
			count: r.count,
			// Exam presentation: flashcards are asked as multiple choice (no self-grading).
			mode: 'exam',
			seed,
			...(r.tags?.length ? { tags: r.tags } : {}),
			...(r.types?.length ? { types: r.types as QuestionType[] } : {}),
			...(r.difficulty?.length ? { difficulty: r.difficulty } : {})
		});
		if (!quiz.items.length)
			throw new HttpError(400, 'No question in this set matches those choices.');
		const sid = newId();
		const sessions = this.#registry.document!.getMap('sessions');
		const pins = this.#registry.document!.getMap('pins');
		let pin = '';
		for (let i = 0; i < 50 && (!pin || pins.has(pin)); i++)
			pin = String(randomInt(1e6)).padStart(6, '0');
		if (pins.has(pin)) throw new HttpError(503, 'No free PIN: end some sessions first.');
		const teacherSecret = randomBytes(24).toString('base64url');
		const now = this.#now();
		const info: SessionInfo = {
			id: sid,
			title: r.title?.trim() || set.value.title,
			setId: set.value.id,
			setTitle: set.value.title,
			mode: r.mode,
			speedBonus: r.speedBonus ?? false,
			leaderboard: r.leaderboard ?? false,
			createdAt: now,
			questions: quiz.items.map((it) => ({
				questionId: it.questionId,
				asked: redactAsked(it.asked)
			}))
		};
		const reg: Registered = {
			id: sid,
			pin,
			title: info.title,
			setId: info.setId,
			mode: r.mode,
			createdAt: now,
			teacherHash: sha256(teacherSecret),
			key: randomBytes(32).toString('hex'),
			questions: quiz.items.length,
			students: 0
		};
		const ctx = { role: 'hub' };
		const key = await this.#open(docName.key(sid), ctx);
		await this.#write(key, (d) => d.getMap('quiz').set('items', quiz.items));
		await key.disconnect();
		const pub = await this.#open(docName.public(sid), ctx);
		await this.#write(pub, (d) => {
			d.getMap('session').set('info', info);
			const state: LiveState = { phase: 'lobby', current: 0, revealed: false, openedAt: 0 };
			d.getMap('state').set('state', state);
		});
		await pub.disconnect();
		// Registered last: a session is listed only once its documents are on disk.
		await this.#write(this.#registry, () => {
			sessions.set(sid, reg);
			pins.set(pin, sid);
		});
		this.#say(
			`hub: session ${sid} (PIN ${pin}) created for “${info.title}”, ${quiz.items.length} questions`
		);
		return { sessionId: sid, pin, teacherSecret, questions: quiz.items.length };
	}

	async join(body: unknown, address: string): Promise<JoinReply> {
		const wait = Math.max(
			this.#pinFailures.blockedFor(address),
			this.#pinFailuresAll.blockedFor('*')
		);
		if (wait)
			throw new HttpError(429, `Too many wrong PINs. Try again in ${Math.ceil(wait / 1000)} s.`, {
				'Retry-After': String(Math.ceil(wait / 1000))
			});
		const req = v.safeParse(JoinSchema, body);
		if (!req.success)
			throw new HttpError(400, v.flatten(req.issues).nested?.name?.[0] ?? req.issues[0].message);
		const { pin, name } = req.output;
		const sid = this.#registry.document!.getMap('pins').get(pin) as string | undefined;
		const reg = sid ? this.#registered(sid) : undefined;
		if (!sid || !reg || reg.endedAt !== undefined) {
			this.#pinFailures.fail(address);
			this.#pinFailuresAll.fail('*');
			throw new HttpError(404, 'No class session has this PIN. Check it with your teacher.');
		}
		const live = await this.#session(sid);
		const lobby = live.pub.document!.getMap('lobby');
		const taken = [...lobby.values()].some((n) => String(n).toLowerCase() === name.toLowerCase());
		if (taken)
			throw new HttpError(
				409,
				`“${name}” has already joined. If that is not you, add your initial.`
			);
		if (lobby.size >= LIMITS.students) throw new HttpError(409, 'This class session is full.');
		const stid = newId();
		const now = this.#now();
		await this.#write(live.teacher, (d) => d.getMap('students').set(stid, { name, joinedAt: now }));
		await this.#write(live.pub, (d) => d.getMap('lobby').set(stid, name));
		await this.#write(this.#registry, (d) => {
			const cur = this.#registered(sid);
			if (cur) d.getMap('sessions').set(sid, { ...cur, students: cur.students + 1 });
		});
		return {
			sessionId: sid,
			studentId: stid,
			token: `s.${sid}.${stid}.${this.#studentMac(reg, stid)}`,
			name
		};
	}

	listSessions(): SessionSummary[] {
		const out: SessionSummary[] = [];
		for (const raw of this.#registry.document!.getMap('sessions').values())
			out.push(summary(raw as Registered));
		return out.sort((a, b) => b.createdAt - a.createdAt);
	}

	/**
	 * Takes an ended session off the list (its PIN is already free). Data safety: nothing is
	 * erased; the registry keeps it under `deleted` and its documents stay on disk, so a
	 * mistaken delete can be undone by hand. A running session must be ended first.
	 */
	async deleteSession(sid: string): Promise<{ deleted: string }> {
		const reg = this.#registered(sid);
		if (!reg) throw new HttpError(404, 'No such class session on this hub.');
		if (reg.endedAt === undefined)
			throw new HttpError(409, 'End the session before deleting it: students may still be in it.');
		await this.#write(this.#registry, (d) => {
			d.getMap('sessions').delete(sid);
			d.getMap('deleted').set(sid, { ...reg, deletedAt: this.#now() });
			if (d.getMap('pins').get(reg.pin) === sid) d.getMap('pins').delete(reg.pin);
		});
		this.#say(
			`hub: session ${sid} (“${reg.title}”) deleted from the list; its data stays in ${this.dataDir}`
		);
		return { deleted: sid };
	}

	async report(sid: string): Promise<ReportData> {
		const live = await this.#session(sid);
		await live.reconciled;
		const roster = live.teacher.document!.getMap('students');
		const answers = [...live.teacher.document!.getMap('answers').values()] as GradedAnswer[];
		return {
			session: summary(this.#registered(sid) ?? live.reg),
			questions: live.items.map((it) => ({ questionId: it.questionId, asked: it.asked })),
			students: [...roster.entries()].map(([id, s]) => ({
				id,
				...(s as { name: string; joinedAt: number })
			})),
			answers: answers.sort((a, b) => a.at - b.at)
		};
	}

	// ---- grading -----------------------------------------------------------------------------

	async #changed(name: string, document: Y.Doc, origin: unknown): Promise<void> {
		if (!isClientConnection(origin)) return;
		const parsed = parseDocName(name);
		if (parsed?.kind !== 'student') return;
		await this.#gradeAll(parsed.sid, parsed.stid, document).catch((e) =>
			this.#say(`hub: grading ${name} failed: ${(e as Error).message}`)
		);
	}

	/** Grades every answer in a student's doc that the teacher's doc does not hold yet. */
	#gradeAll(
		sid: string,
		stid: string,
		answers: Y.Doc | (() => Iterable<[string, unknown]>)
	): Promise<void> {
		// One student at a time, so an answer is never graded twice by overlapping runs.
		const key = `${sid}/${stid}`;
		const run = (this.#grading.get(key) ?? Promise.resolve())
			.catch(() => {})
			.then(() =>
				this.#grade(
					sid,
					stid,
					typeof answers === 'function' ? answers() : answers.getMap('answers').entries()
				)
			);
		this.#grading.set(key, run);
		void run
			.finally(() => {
				if (this.#grading.get(key) === run) this.#grading.delete(key);
			})
			.catch(() => {});
		return run;
	}

	async #grade(sid: string, stid: string, answers: Iterable<[string, unknown]>): Promise<void> {
		const live = await this.#session(sid);
		const graded = live.teacher.document!.getMap('answers');
		const fresh: [string, unknown][] = [];
		for (const [qid, value] of answers)
			if (!graded.has(answerKey(stid, qid))) fresh.push([qid, value]);
		if (!fresh.length) return;
		const state = this.#state(live);
		const now = this.#now();
		const rows: GradedAnswer[] = [];
		for (const [qid, value] of fresh) {
			const index = live.index.get(qid);
			if (index === undefined || !v.is(StudentAnswerSchema, value)) continue;
			const asked = live.items[index]!.asked;
			// The schema allows mixed lists; the grader reads any shape and never throws.
			const response = value.response as GradedAnswer['response'];
			const g = gradeAnswer(asked, response);
			const open =
				state.phase === 'running' &&
				(live.info.mode === 'self' || (state.current === index && !state.revealed));
			const bonus =
				open && g.correct && live.info.speedBonus && live.info.mode === 'teacher'
					? 0.5 * Math.max(0, 1 - (now - state.openedAt) / SPEED_WINDOW_MS)
					: 0;
			const row: GradedAnswer = {
				student: stid,
				questionId: qid,
				index,
				response,
				text: responseText(asked, response),
				score: round3(g.score),
				correct: g.correct,
				points: open ? round3(g.score + bonus) : 0,
				at: now,
				...(open ? {} : { late: true })
			};
			rows.push(row);
			this.counters.answers++;
		}
		await this.#write(live.teacher, (d) => {
			const map = d.getMap('answers');
			for (const row of rows)
				if (!map.has(answerKey(stid, row.questionId)))
					map.set(answerKey(stid, row.questionId), row);
		});
		await this.#sendResults(live, stid);
		if (live.info.leaderboard && live.info.mode === 'self') await this.#updateBoard(live);
	}

	/**
	 * What a student may know of their own answers: everything in self-paced mode; in
	 * teacher-paced mode, revealed questions and answers that came too late.
	 */
	#deserved(live: Live, stid: string): [string, StudentResult][] {
		const revealed = live.pub.document!.getMap('reveal');
		const out: [string, StudentResult][] = [];
		for (const a of live.teacher.document!.getMap('answers').values() as Iterable<GradedAnswer>) {
			if (a.student !== stid) continue;
			if (live.info.mode === 'self' || a.late || revealed.has(String(a.index)))
				out.push([a.questionId, resultOf(a, live.items[a.index]!.asked)]);
		}
		return out;
	}

	#fillResults(live: Live, stid: string, doc: Y.Doc): Promise<void> {
		const map = doc.getMap('results');
		const missing = this.#deserved(live, stid).filter(([qid]) => !map.has(qid));
		if (!missing.length) return Promise.resolve();
		doc.transact(() => {
			for (const [qid, r] of missing) map.set(qid, r);
		}, HUB_ORIGIN);
		return this.#durable((doc as Y.Doc & { name: string }).name);
	}

	async #sendResults(live: Live, stid: string): Promise<void> {
		const conn = await this.#open(docName.results(live.reg.id, stid), { role: 'hub' });
		try {
			await this.#fillResults(live, stid, conn.document!);
		} finally {
			await conn.disconnect();
		}
	}

	async #updateBoard(live: Live): Promise<void> {
		const points = new Map<string, number>();
		for (const a of live.teacher.document!.getMap('answers').values() as Iterable<GradedAnswer>)
			points.set(a.student, (points.get(a.student) ?? 0) + a.points);
		const lobby = live.pub.document!.getMap('lobby');
		const board: LeaderRow[] = [...points]
			.map(([id, p]) => ({ name: String(lobby.get(id) ?? '?'), points: round3(p) }))
			.sort((a, b) => b.points - a.points || a.name.localeCompare(b.name))
			.slice(0, 10);
		await this.#write(live.pub, (d) => d.getMap('state').set('leaderboard', board));
	}

	// ---- teacher commands ----------------------------------------------------------------

	async #stateless(p: {
		payload: string;
		documentName: string;
		connection: { context: Role; sendStateless: (s: string) => void };
	}): Promise<void> {
		const ctx = p.connection.context;
		let id = -1;
		try {
			let raw: unknown;
			try {
				raw = JSON.parse(p.payload);
			} catch {
				raw = undefined;
			}
			const cmd = v.safeParse(CommandSchema, raw);
			if (!cmd.success) this.#reject('a malformed command', p.documentName);
			id = cmd.output.id;
			const doc = parseDocName(p.documentName);
			if (ctx.role !== 'teacher' || doc?.kind !== 'public' || doc.sid !== ctx.sid)
				this.#reject('a command without the teacher’s secret', p.documentName);
			await this.command(ctx.sid, cmd.output.cmd, cmd.output.index);
			p.connection.sendStateless(JSON.stringify({ id, ok: true } satisfies CommandReply));
		} catch (e) {
			p.connection.sendStateless(
				JSON.stringify({ id, ok: false, error: (e as Error).message } satisfies CommandReply)
			);
		}
	}

	/** Runs a teacher's command (the stateless channel checked the teacher's secret). */
	async command(sid: string, cmd: string, index?: number): Promise<void> {
		const live = await this.#session(sid);
		const s = this.#state(live);
		const n = live.items.length;
		const teacherPaced = live.info.mode === 'teacher';
		const set = (next: LiveState) =>
			this.#write(live.pub, (d) => d.getMap('state').set('state', next));
		if (s.phase === 'ended') throw new Error('This session has ended.');
		switch (cmd) {
			case 'start':
				if (s.phase !== 'lobby') throw new Error('The session has already started.');
				return set({ ...s, phase: 'running', current: 0, revealed: false, openedAt: this.#now() });
			case 'reveal':
				if (!teacherPaced || s.phase !== 'running') throw new Error('Nothing to reveal now.');
				return this.#reveal(live, s);
			case 'next':
			case 'previous':
			case 'goto': {
				if (!teacherPaced || s.phase !== 'running')
					throw new Error('Only a teacher-paced session moves between questions.');
				const to =
					cmd === 'next' ? s.current + 1 : cmd === 'previous' ? s.current - 1 : (index ?? -1);
				if (to < 0 || to >= n) throw new Error(`There is no question ${to + 1}.`);
				if (!s.revealed) await this.#reveal(live, s);
				const revealed = live.pub.document!.getMap('reveal').has(String(to));
				return set({ ...this.#state(live), current: to, revealed, openedAt: this.#now() });
			}
			case 'end': {
				if (teacherPaced && s.phase === 'running' && !s.revealed) await this.#reveal(live, s);
				await set({ ...this.#state(live), phase: 'ended', endedAt: this.#now() });
				await this.#write(this.#registry, (d) => {
					const cur = this.#registered(sid);
					if (cur) d.getMap('sessions').set(sid, { ...cur, endedAt: this.#now() });
					d.getMap('pins').delete(live.reg.pin);
				});
				return;
			}
			default:
				throw new Error(`Unknown command ${cmd}.`);
		}
	}

	async #reveal(live: Live, s: LiveState): Promise<void> {
		const item = live.items[s.current]!;
		const rows = ([...live.teacher.document!.getMap('answers').values()] as GradedAnswer[]).filter(
			(a) => a.index === s.current && !a.late
		);
		const counts = new Map<string, { count: number; correct: boolean }>();
		if (item.asked.type === 'mcq' || item.asked.type === 'multi')
			item.asked.options.forEach((o, i) =>
				counts.set(o, {
					count: 0,
					correct:
						item.asked.type === 'mcq'
							? item.asked.answer === i
							: (item.asked as { answers: number[] }).answers.includes(i)
				})
			);
		if (item.asked.type === 'truefalse')
			for (const t of ['True', 'False'])
				counts.set(t, { count: 0, correct: (t === 'True') === item.asked.answer });
		for (const r of rows) {
			const key = r.text || '(no answer)';
			const c = counts.get(key) ?? { count: 0, correct: r.correct };
			c.count++;
			counts.set(key, c);
		}
		const revealed: RevealedQuestion = {
			questionId: item.questionId,
			expected: expectedText(item.asked),
			counts: [...counts].map(([text, c]) => ({ text, ...c })),
			answered: rows.length,
			correct: rows.filter((r) => r.correct).length
		};
		await this.#write(live.pub, (d) => {
			d.getMap('reveal').set(String(s.current), revealed);
			d.getMap('state').set('state', { ...s, revealed: true });
		});
		for (const r of rows) await this.#sendResults(live, r.student);
		if (live.info.leaderboard) await this.#updateBoard(live);
	}

	// ---- HTTP and WebSocket ----------------------------------------------------------------

	/** Handles `<base>/hub/…` requests; returns false for anything else (the app's files). */
	handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
		const url = new URL(req.url ?? '/', 'http://hub');
		const prefix = `${this.base}/hub/api/`;
		if (!url.pathname.startsWith(prefix)) return false;
		const path = url.pathname.slice(prefix.length);
		const address = this.#address(req);
		void this.#api(req, path, address)
			.then((body) => send(res, 200, body))
			.catch((e) => {
				if (e instanceof HttpError) send(res, e.status, { error: e.message }, e.headers);
				else {
					this.#say(`hub: ${req.method} ${path} failed: ${(e as Error).stack ?? e}`);
					send(res, 500, { error: 'The hub hit an error; it has been logged.' });
				}
			});
		return true;
	}

	/**
	 * Who is asking, for rate limits. Behind a reverse proxy every request comes from the
	 * proxy: then the address the proxy appended to X-Forwarded-For is the student's.
	 */
	#address(req: IncomingMessage): string {
		const remote = req.socket.remoteAddress ?? '?';
		const forwarded = req.headers['x-forwarded-for'];
		if (this.#trustLoopback || !isLoopback(remote) || typeof forwarded !== 'string') return remote;
		return forwarded.split(',').pop()!.trim() || remote;
	}

	#admin(req: IncomingMessage, address: string): void {
		if (this.#trustLoopback && isLoopback(req.socket.remoteAddress)) return;
		const wait = this.#passFailures.blockedFor(address);
		if (wait)
			throw new HttpError(
				429,
				`Too many wrong passphrases. Try again in ${Math.ceil(wait / 1000)} s.`
			);
		const given = req.headers['x-hub-passphrase'];
		if (typeof given === 'string' && sameSecret(given.trim().toLowerCase(), this.passphrase))
			return;
		if (given !== undefined) this.#passFailures.fail(address);
		throw new HttpError(
			403,
			'Only the hub’s laptop, or someone with the passphrase it printed, may do this.'
		);
	}

	async #api(req: IncomingMessage, path: string, address: string): Promise<unknown> {
		const method = req.method ?? 'GET';
		if (path === 'info' && method === 'GET')
			return {
				hub: 'studydeck',
				version: 1,
				local: this.#trustLoopback && isLoopback(address)
			} satisfies HubInfo;
		if (path === 'join' && method === 'POST') return this.join(await readJson(req, 4096), address);
		if (path === 'sessions' && method === 'POST') {
			this.#admin(req, address);
			return this.createSession(await readJson(req, LIMITS.createBytes));
		}
		if (path === 'sessions' && method === 'GET') {
			this.#admin(req, address);
			return this.listSessions();
		}
		const del = /^sessions\/([0-9a-z]{12})$/.exec(path);
		if (del && method === 'DELETE') {
			const reg = this.#registered(del[1]!);
			if (!reg) throw new HttpError(404, 'No such class session on this hub.');
			const secret = req.headers['x-teacher-secret'];
			if (!(typeof secret === 'string' && sameSecret(sha256(secret), reg.teacherHash)))
				this.#admin(req, address);
			return this.deleteSession(del[1]!);
		}
		const m = /^sessions\/([0-9a-z]{12})\/report$/.exec(path);
		if (m && method === 'GET') {
			const reg = this.#registered(m[1]!);
			if (!reg) throw new HttpError(404, 'No such class session on this hub.');
			const secret = req.headers['x-teacher-secret'];
			if (!(typeof secret === 'string' && sameSecret(sha256(secret), reg.teacherHash)))
				this.#admin(req, address);
			return this.report(m[1]!);
		}
		throw new HttpError(404, 'No such hub request.');
	}

	/** Takes WebSocket upgrades for `<base>/hub/ws`; returns false for other paths. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = (req.url ?? '').split('?')[0];
		if (path !== `${this.base}/hub/ws`) return false;
		if (this.#sockets.size >= 5000) {
			socket.destroy();
			return true;
		}
		this.#wss.handleUpgrade(req, socket, head, (ws) => {
			this.#sockets.add(ws);
			ws.once('close', () => this.#sockets.delete(ws));
			const guarded = this.#guard(ws, req.socket.remoteAddress ?? '?');
			ws.on('error', (e) => this.#say(`hub: connection error: ${e.message}`));
			this.hocuspocus.handleConnection(guarded as unknown as WebSocket, req);
		});
		return true;
	}

	/**
	 * Cheap checks ahead of Hocuspocus: frames that are not Yjs messages of an allowed kind,
	 * floods, and clients that open dozens of documents close the connection, and never
	 * reach Hocuspocus (which would print a stack trace for each).
	 */
	#guard(ws: WebSocket, address: string): GuardedSocket {
		const names = new Set<string>();
		let windowStart = this.#now();
		let count = 0;
		return new GuardedSocket(ws, (data) => {
			const now = this.#now();
			if (now - windowStart > 1000) {
				windowStart = now;
				count = 0;
			}
			let why = '';
			if (++count > 500) why = 'a message flood';
			else {
				try {
					const d = decoding.createDecoder(data);
					const name = decoding.readVarString(d);
					const type = decoding.readVarUint(d);
					names.add(name);
					if (names.size > 64) why = 'more than 64 documents on one connection';
					else if (!parseDocName(name)) why = `a message for "${name.slice(0, 60)}"`;
					else if (!ALLOWED_MESSAGES.has(type)) why = `message type ${type}`;
				} catch {
					why = 'an unreadable frame';
				}
			}
			if (!why) return true;
			this.counters.rejected++;
			this.#say(`hub: closed a connection from ${address}: ${why}`);
			ws.terminate();
			return false;
		});
	}

	/** Serve the hub on an existing HTTP server (the app's). */
	attach(server: Server): void {
		server.on('upgrade', (req, socket, head) => {
			if (!this.handleUpgrade(req, socket, head)) socket.destroy();
		});
	}

	stats() {
		return {
			documents: this.hocuspocus.getDocumentsCount(),
			connections: this.hocuspocus.getConnectionsCount(),
			...this.counters
		};
	}

	async close(): Promise<void> {
		for (const ws of this.#sockets) ws.terminate();
		for (const p of this.#live.values()) {
			const live = await p.catch(() => null);
			if (!live) continue;
			await live.key.disconnect();
			await live.pub.disconnect();
			await live.teacher.disconnect();
		}
		await this.#registry.disconnect();
		await this.hocuspocus.hooks('onDestroy', { instance: this.hocuspocus });
		this.#wss.close();
		await this.store.close();
	}
}

/** The socket Hocuspocus sees: the real one, with refused frames filtered out. */
class GuardedSocket extends EventEmitter {
	readonly #ws: WebSocket;
	binaryType = 'nodebuffer';
	constructor(ws: WebSocket, accept: (data: Uint8Array) => boolean) {
		super();
		this.#ws = ws;
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (accept(bytes)) this.emit('message', data, isBinary);
		});
		ws.on('close', (code, reason) => this.emit('close', code, reason));
		ws.on('pong', (d) => this.emit('pong', d));
	}
	get readyState() {
		return this.#ws.readyState;
	}
	send(data: Uint8Array, cb?: (e?: Error) => void) {
		this.#ws.send(data, cb);
	}
	close(code?: number, reason?: string) {
		this.#ws.close(code, reason);
	}
	ping() {
		this.#ws.ping();
	}
	terminate() {
		this.#ws.terminate();
	}
}

function summary(r: Registered): SessionSummary {
	return {
		id: r.id,
		pin: r.pin,
		title: r.title,
		setId: r.setId,
		mode: r.mode,
		createdAt: r.createdAt,
		...(r.endedAt !== undefined ? { endedAt: r.endedAt } : {}),
		students: r.students,
		questions: r.questions
	};
}

function resultOf(row: GradedAnswer, asked: QuizItem['asked']): StudentResult {
	return {
		score: row.score,
		correct: row.correct,
		points: row.points,
		expected: expectedText(asked),
		...(asked.explanation ? { explanation: asked.explanation } : {}),
		...(asked.quote ? { quote: asked.quote } : {}),
		...(row.late ? { late: true } : {})
	};
}

/** A Hocuspocus client Connection (as a transaction origin), as opposed to the hub or Redis. */
function isClientConnection(origin: unknown): boolean {
	return (
		origin !== REDIS_ORIGIN &&
		typeof origin === 'object' &&
		origin !== null &&
		'socketId' in origin &&
		'webSocket' in origin
	);
}

function until(doc: Y.Doc, ready: () => boolean, ms: number): Promise<void> {
	if (ready()) return Promise.resolve();
	return new Promise((resolve) => {
		const check = () => {
			if (!ready()) return;
			done();
		};
		const done = () => {
			clearTimeout(timer);
			doc.off('update', check);
			resolve();
		};
		const timer = setTimeout(done, ms);
		doc.on('update', check);
	});
}

function send(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
) {
	if (res.headersSent) return;
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		...headers
	});
	res.end(JSON.stringify(body));
}

function readJson(req: IncomingMessage, max: number): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const type = req.headers['content-type'] ?? '';
		if (!/^application\/json\b/.test(type)) {
			reject(new HttpError(415, 'Send JSON (Content-Type: application/json).'));
			req.resume();
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > max) {
				// Drain the rest without keeping it, so the client still gets the answer.
				req.removeAllListeners('data');
				req.removeAllListeners('end');
				req.resume();
				reject(new HttpError(413, `The request is over ${Math.round(max / 1024)} KB.`));
			} else chunks.push(c);
		});
		req.on('end', () => {
			try {
				resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			} catch {
				reject(new HttpError(400, 'The request is not valid JSON.'));
			}
		});
		req.on('error', reject);
	});
}
