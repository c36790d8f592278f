// The live classroom's shared vocabulary: document names, what each Yjs document holds,
// the HTTP bodies, limits, and how a question is shown to a student without its answer.
// Pure (no DOM, no Node): the hub (scripts/lib/hub) and the browser client both use it.
//
// One session is four Yjs documents; who may open which is decided by the hub:
//   s/<sid>/public   read-only for the session's students and its teacher: the quiz as
//                    students see it (no answers), the state (phase, current question),
//                    the lobby (names), revealed answer distributions, the leaderboard.
//   s/<sid>/teacher  read-only, teacher only: the roster and every graded answer.
//   s/<sid>/st/<id>  one per student: that student writes `answers`; nobody else opens it.
//   s/<sid>/re/<id>  one per student, read-only for that student: their own `results`,
//                    which the hub derives from the teacher doc (so any hub can rebuild it).
//   s/<sid>/key      hub only: the quiz with its answers, for grading.
import * as v from 'valibot';
import { parseCloze } from '../../bank/cloze';
import type { AskedQuestion, QuizResponse } from '../../quiz/types';

export const DOC_PREFIX = 'studydeck/';
/** Session and student ids: 12 lowercase base32 characters (60 random bits). */
export const ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{12}$/;
export const PIN_PATTERN = /^\d{6}$/;

export const LIMITS = {
	/** One WebSocket frame; a student's whole answer doc stays far below this. */
	frameBytes: 256 * 1024,
	/** A student's document, everything they ever wrote included. */
	studentDocBytes: 512 * 1024,
	/** A typed answer (short, numeric, one cloze blank). */
	answerText: 1000,
	/** Entries in an answer list (multi, order, match, cloze). */
	answerList: 100,
	studentName: 60,
	students: 500,
	/** The set a teacher sends to create a session (as the app's own import limit). */
	createBytes: 5 * 1024 * 1024,
	questions: 200
} as const;

export const docName = {
	registry: () => `${DOC_PREFIX}registry`,
	key: (sid: string) => `${DOC_PREFIX}s/${sid}/key`,
	public: (sid: string) => `${DOC_PREFIX}s/${sid}/public`,
	teacher: (sid: string) => `${DOC_PREFIX}s/${sid}/teacher`,
	student: (sid: string, stid: string) => `${DOC_PREFIX}s/${sid}/st/${stid}`,
	results: (sid: string, stid: string) => `${DOC_PREFIX}s/${sid}/re/${stid}`
};

export type ParsedDocName =
	| { kind: 'registry' }
	| { kind: 'key' | 'public' | 'teacher'; sid: string }
	| { kind: 'student' | 'results'; sid: string; stid: string };

const DOC_RE = /^studydeck\/s\/([0-9a-z]{12})\/(key|public|teacher|(st|re)\/([0-9a-z]{12}))$/;

/** What a document name refers to, or undefined for a name the hub never serves. */
export function parseDocName(name: string): ParsedDocName | undefined {
	if (name === docName.registry()) return { kind: 'registry' };
	const m = DOC_RE.exec(name);
	if (!m || !ID_PATTERN.test(m[1]!) || (m[4] !== undefined && !ID_PATTERN.test(m[4]))) return;
	if (m[4] !== undefined)
		return { kind: m[3] === 'st' ? 'student' : 'results', sid: m[1]!, stid: m[4] };
	return { kind: m[2] as 'key' | 'public' | 'teacher', sid: m[1]! };
}

export type LiveMode = 'self' | 'teacher';
export type LivePhase = 'lobby' | 'running' | 'ended';

/** `public` doc, map `session`: fixed when the session is created. */
export interface SessionInfo {
	id: string;
	title: string;
	setId: string;
	setTitle: string;
	mode: LiveMode;
	speedBonus: boolean;
	leaderboard: boolean;
	createdAt: number;
	/** The questions as students see them: answers and explanations left out. */
	questions: ShownItem[];
}

export interface ShownItem {
	questionId: string;
	asked: AskedQuestion;
}

/** `public` doc, map `state`. */
export interface LiveState {
	phase: LivePhase;
	/** Teacher-paced: the question on the projector (index into questions). */
	current: number;
	/** Teacher-paced: the current question's answers are closed and its distribution shown. */
	revealed: boolean;
	/** Hub time the current question opened (speed bonus). */
	openedAt: number;
	endedAt?: number;
}

/** `public` doc, map `reveal`, keyed by question index: shown after "Reveal". */
export interface RevealedQuestion {
	questionId: string;
	expected: string;
	/** How many chose each answer, as shown (option text, or the typed answer). */
	counts: { text: string; count: number; correct: boolean }[];
	answered: number;
	correct: number;
}

export interface LeaderRow {
	name: string;
	points: number;
}

/** Student doc, map `answers`, keyed by questionId: written by the student only. */
export interface StudentAnswer {
	response: Exclude<QuizResponse, undefined>;
	/** Client clock, informative only: scores and speed use the hub's clock. */
	at: number;
}

/** Results doc, map `results`, keyed by questionId: written by the hub only. */
export interface StudentResult {
	score: number;
	correct: boolean;
	points: number;
	expected: string;
	explanation?: string;
	quote?: string;
	/** Teacher-paced: arrived after the question was revealed, so it does not count. */
	late?: boolean;
}

/** Teacher doc, map `students`, keyed by student id. */
export interface RosterEntry {
	name: string;
	joinedAt: number;
}

/** Teacher doc, map `answers`, keyed by `${studentId}/${questionId}`. */
export interface GradedAnswer {
	student: string;
	questionId: string;
	index: number;
	response: Exclude<QuizResponse, undefined>;
	/** The response as people read it. */
	text: string;
	score: number;
	correct: boolean;
	/** Score plus any speed bonus; 0 when late. */
	points: number;
	/** Hub clock when the answer was graded. */
	at: number;
	late?: boolean;
}

export const answerKey = (stid: string, questionId: string) => `${stid}/${questionId}`;

// ---- HTTP bodies ----------------------------------------------------------------------

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const ResponseSchema = v.union([
	v.null(),
	v.pipe(v.number(), v.finite()),
	v.boolean(),
	text(LIMITS.answerText),
	v.pipe(
		v.array(v.union([text(LIMITS.answerText), v.pipe(v.number(), v.finite()), v.null()])),
		v.maxLength(LIMITS.answerList)
	)
]);

export const StudentAnswerSchema = v.strictObject({
	response: ResponseSchema,
	at: v.pipe(v.number(), v.finite())
});

export const CreateSessionSchema = v.strictObject({
	/** The question set, checked by the app's own parseSet on the hub. */
	set: v.unknown(),
	title: v.optional(text(200)),
	mode: v.picklist(['self', 'teacher']),
	count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.questions)),
	tags: v.optional(v.pipe(v.array(text(40)), v.maxLength(20))),
	types: v.optional(v.pipe(v.array(text(20)), v.maxLength(20))),
	difficulty: v.optional(v.pipe(v.array(v.picklist([1, 2, 3])), v.maxLength(3))),
	/** Same seed and set, same questions; the hub picks one when absent. */
	seed: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-Za-z]{1,16}$/))),
	speedBonus: v.optional(v.boolean()),
	leaderboard: v.optional(v.boolean())
});
export type CreateSessionRequest = v.InferInput<typeof CreateSessionSchema>;

export interface CreateSessionReply {
	sessionId: string;
	pin: string;
	/** Keep on the teacher's device: it is the only way to control the session. */
	teacherSecret: string;
	questions: number;
}

export const studentNameSchema = v.pipe(
	v.string('type your name'),
	v.trim(),
	v.minLength(1, 'type your name'),
	v.maxLength(LIMITS.studentName, `a name has at most ${LIMITS.studentName} characters`),
	v.check((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'a name cannot hold control characters')
);

export const JoinSchema = v.strictObject({
	pin: v.pipe(v.string(), v.regex(PIN_PATTERN, 'a PIN is 6 digits')),
	name: studentNameSchema
});

export interface JoinReply {
	sessionId: string;
	studentId: string;
	/** The student's key to their own answers; kept in the tab for a reload. */
	token: string;
	name: string;
}

export interface SessionSummary {
	id: string;
	pin: string;
	title: string;
	setId: string;
	mode: LiveMode;
	createdAt: number;
	endedAt?: number;
	students: number;
	questions: number;
}

/** Everything a report needs, from `GET /hub/api/sessions/<id>/report`. */
export interface ReportData {
	session: SessionSummary;
	/** With answers, explanations and quotes: only the teacher receives this. */
	questions: { questionId: string; asked: AskedQuestion }[];
	students: { id: string; name: string; joinedAt: number }[];
	answers: GradedAnswer[];
}

export interface HubInfo {
	hub: 'studydeck';
	version: 1;
	/** Whether this request may create sessions without a passphrase (it comes from the laptop). */
	local: boolean;
}

/** Teacher → hub over the public doc's stateless channel. */
export const CommandSchema = v.strictObject({
	id: v.pipe(v.number(), v.integer()),
	cmd: v.picklist(['start', 'next', 'previous', 'goto', 'reveal', 'end']),
	index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)))
});
export type Command = v.InferOutput<typeof CommandSchema>;
export interface CommandReply {
	id: number;
	ok: boolean;
	error?: string;
}

// ---- Showing a question without its answer ---------------------------------------------

/**
 * The question as a student's device receives it: the same shape as AskedQuestion (so
 * the question screen renders it unchanged) with every field that gives the answer away
 * replaced by a neutral value. Never grade with it: the hub grades, and sends each
 * student their own result.
 */
export function redactAsked(asked: AskedQuestion): AskedQuestion {
	const { explanation: _e, quote: _q, ...rest } = asked;
	const ident = (n: number) => Array.from({ length: n }, (_, i) => i);
	switch (rest.type) {
		case 'mcq': {
			const { optionFeedback: _f, ...r } = rest;
			return { ...r, order: ident(r.options.length), answer: -1 };
		}
		case 'multi': {
			const { optionFeedback: _f, ...r } = rest;
			return { ...r, order: ident(r.options.length), answers: [] };
		}
		case 'truefalse':
			return { ...rest, answer: false };
		case 'short':
			return { ...rest, answers: [] };
		case 'numeric':
			return { ...rest, answer: 0, tolerance: 0 };
		case 'cloze':
			return {
				...rest,
				// The markup stays (the screen draws blanks from it) with every answer emptied.
				text: parseCloze(rest.text)
					.map((p) => (p.kind === 'text' ? p.text : `{{c${p.n}::${p.hint ? `::${p.hint}` : ''}}}`))
					.join(''),
				blanks: rest.blanks.map((b) => (b.hint ? { answer: '', hint: b.hint } : { answer: '' }))
			};
		case 'order':
			return { ...rest, order: ident(rest.items.length) };
		case 'match':
			return { ...rest, answer: rest.left.map(() => -1) };
		case 'flashcard':
			// Self-graded by nature; the hub asks flashcards as multiple choice where it can.
			return rest;
	}
}
