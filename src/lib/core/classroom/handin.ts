// The result file a student hands in at the end of a class quiz (as a file, or a QR code
// when small). The hashes are not security: anyone with the app can recompute them. They
// make a hand edit of a score, or a file from another quiz, show up in the class report.
import * as v from 'valibot';
import { parseJson, toJson } from '../bank/formats/json';
import { fail, type Result } from '../bank/problems';
import { gradeAnswer } from '../quiz/grade';
import type { Grade, Quiz, QuizResponse } from '../quiz/types';
import { hashOf, canonicalJson } from './canonical';
import type { DecodedClassQuiz } from './code';
import { fitsInQr, packPayload, unpackPayload } from './share';

export const HANDIN_FORMAT = 'studydeck-handin';
export const HANDIN_VERSION = 1;
/** Prefix of a hand-in inside a QR code, so a scan of anything else is told apart. */
export const HANDIN_QR_PREFIX = 'SDHANDIN1:';
const MAX_ANSWERS = 1000;
const MAX_TEXT = 4000;
export const STUDENT_MAX = 100;

const Response = v.union([
	v.null(),
	v.number(),
	v.boolean(),
	v.pipe(v.string(), v.maxLength(MAX_TEXT)),
	v.pipe(
		v.array(v.union([v.pipe(v.string(), v.maxLength(MAX_TEXT)), v.number(), v.null()])),
		v.maxLength(100)
	)
]);
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash'));
const time = v.pipe(v.string(), v.maxLength(40));

export const HandInSchema = v.strictObject({
	format: v.literal(HANDIN_FORMAT, 'not a Studydeck hand-in file'),
	version: v.literal(HANDIN_VERSION, 'made by a newer version of Studydeck'),
	code: v.pipe(v.string(), v.maxLength(500)),
	setId: v.pipe(v.string(), v.maxLength(64)),
	setVersion: v.pipe(v.number(), v.integer()),
	student: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'no student name'),
		v.maxLength(STUDENT_MAX)
	),
	answers: v.pipe(
		v.array(
			v.strictObject({
				questionId: v.pipe(v.string(), v.maxLength(64)),
				response: Response,
				score: v.number()
			})
		),
		v.maxLength(MAX_ANSWERS)
	),
	score: v.strictObject({ points: v.number(), max: v.number(), percent: v.number() }),
	quizHash: hex64,
	resultHash: hex64,
	startedAt: time,
	finishedAt: time
});

export type HandIn = v.InferOutput<typeof HandInSchema>;
export type HandInResponse = HandIn['answers'][number]['response'];

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The same for every student of a code, whatever their order: the code and the question ids. */
export function quizHash(code: string, quiz: Quiz): Promise<string> {
	return hashOf({
		code: code.replace(/-/g, ''),
		questions: quiz.items.map((it) => it.key).sort()
	});
}

/** Hash over everything in the file but itself. */
export function resultHash(
	h: Omit<HandIn, 'resultHash'> & { resultHash?: string }
): Promise<string> {
	const rest: Record<string, unknown> = { ...h };
	delete rest.resultHash;
	return hashOf(rest);
}

/** Why a typed name or ID cannot be used, or undefined when it can. */
export function studentNameProblem(student: string): string | undefined {
	const s = student.trim();
	if (!s) return 'Enter your name or student ID.';
	if (s.length > STUDENT_MAX) return `Keep your name under ${STUDENT_MAX} characters.`;
	return undefined;
}

/** A response as JSON holds it: undefined (unanswered) becomes null, arrays are copied. */
function storable(r: QuizResponse): HandInResponse {
	if (r === undefined || r === null) return null;
	if (Array.isArray(r))
		return r.map((x: unknown) => (typeof x === 'string' || typeof x === 'number' ? x : null));
	if (typeof r === 'number') return Number.isFinite(r) ? r : null;
	return r as string | boolean;
}

const iso = (t: number | Date | string) =>
	typeof t === 'string' ? t : new Date(typeof t === 'number' ? t : t.getTime()).toISOString();

export interface HandInInput {
	code: DecodedClassQuiz;
	/** The quiz as this student saw it (classQuizFor with their name). */
	quiz: Quiz;
	/** One per quiz item, in the quiz's order. */
	responses: readonly QuizResponse[];
	/** The session's grades; missing ones are graded here. */
	grades?: readonly (Grade | undefined)[];
	student: string;
	/** Epoch milliseconds, a Date or an ISO string. */
	startedAt: number | Date | string;
	finishedAt: number | Date | string;
}

export async function createHandIn(input: HandInInput): Promise<HandIn> {
	const problem = studentNameProblem(input.student);
	if (problem) throw new RangeError(problem);
	const answers = input.quiz.items.map((it, i) => {
		const response = input.responses[i];
		const grade = input.grades?.[i] ?? gradeAnswer(it.asked, response);
		return { questionId: it.questionId, response: storable(response), score: round3(grade.score) };
	});
	const points = round3(answers.reduce((s, a) => s + a.score, 0));
	const max = answers.length;
	const body: Omit<HandIn, 'resultHash'> = {
		format: HANDIN_FORMAT,
		version: HANDIN_VERSION,
		code: input.code.code,
		setId: input.code.setId,
		setVersion: input.code.setVersion,
		student: input.student.trim().replace(/\s+/g, ' '),
		answers,
		score: { points, max, percent: max ? Math.round((points / max) * 1000) / 10 : 0 },
		quizHash: await quizHash(input.code.code, input.quiz),
		startedAt: iso(input.startedAt),
		finishedAt: iso(input.finishedAt)
	};
	return { ...body, resultHash: await resultHash(body) };
}

/** The file's text: canonical two-space JSON like every Studydeck file. */
export function handInText(h: HandIn): string {
	return toJson(h);
}

/** e.g. `amina-khan-ttp-peace-talks-2024-05-02.studydeck-handin.json`. */
export function handInFileName(h: HandIn): string {
	const slug =
		h.student
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'student';
	const day = /^\d{4}-\d{2}-\d{2}/.exec(h.finishedAt)?.[0];
	return `${slug}-${h.setId}${day ? `-${day}` : ''}.studydeck-handin.json`;
}

/** The hand-in as QR text, or undefined when it is too big for one QR code. */
export function encodeHandInForQr(h: HandIn): string | undefined {
	const text = HANDIN_QR_PREFIX + packPayload(canonicalJson(h));
	return fitsInQr(text) ? text : undefined;
}

/** Reads a hand-in from its file text or its QR text; checks shape, not scores. */
export function decodeHandIn(text: string): Result<HandIn> {
	let json = text;
	const trimmed = text.trim();
	if (trimmed.startsWith(HANDIN_QR_PREFIX)) {
		const unpacked = unpackPayload(trimmed.slice(HANDIN_QR_PREFIX.length), 'QR code');
		if (!unpacked.ok) return unpacked;
		json = unpacked.value;
	}
	const parsed = parseJson(json);
	if (!parsed.ok) return parsed;
	const out = v.safeParse(HandInSchema, parsed.value, { abortPipeEarly: true });
	if (out.success) return { ok: true, value: out.output };
	const issue = out.issues[0];
	const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
	if (issue.path?.[0]?.key === 'format' || !parsed.value || typeof parsed.value !== 'object')
		return fail('not a Studydeck hand-in file');
	return fail(issue.message, { path });
}
