// Class quiz codes: the teacher's set, options and seed packed into a few groups of
// Crockford base32 a student can type from a whiteboard ("7KQ2-MD4P-…"), plus a join
// link for a QR code. No server: every device regenerates the same quiz from the code.
import { QUESTION_TYPES, type QuestionSet, type QuestionType } from '../bank/schema';
import { utf8Bytes } from '../bank/formats/json';
import { generateQuiz } from '../quiz/generate';
import { normalizeSeed } from '../quiz/rng';
import { MAX_TIME_LIMIT_MINUTES, type Difficulty, type Quiz, type QuizMode } from '../quiz/types';
import { ALPHABET, BitReader, BitWriter, checkSymbols, symbolOf } from './base32';
import { shuffleForStudent } from './shuffle';

export const CODE_VERSION = 1;
/** Symbols per group when a code is shown: short enough to read aloud in one breath. */
export const GROUP = 4;
const MAX_SYMBOLS = 400;
const MIN_SYMBOLS = 10;
const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz._-';
const MAX_COUNT = 1000;
const MAX_MINUTES = MAX_TIME_LIMIT_MINUTES;
const MAX_TAGS = 20;
const MAX_TAG_BYTES = 160;

export interface ClassQuizOptions {
	count: number;
	mode: QuizMode;
	tags?: readonly string[];
	types?: readonly QuestionType[];
	difficulty?: readonly Difficulty[];
	/** Exam only. */
	timeLimitMinutes?: number;
}

export interface ClassQuizSpec {
	setId: string;
	setVersion: number;
	options: ClassQuizOptions;
	/** Crockford base32 (as from randomSeed); normalised like any typed seed. */
	seed: string;
	/** Each student gets the same questions in their own order (needs a name before starting). */
	shufflePerStudent: boolean;
}

export interface DecodedClassQuiz extends ClassQuizSpec {
	/** The code in its canonical, grouped form. */
	code: string;
}

export type CodeError = 'empty' | 'length' | 'characters' | 'checksum' | 'version' | 'malformed';

export type DecodeResult =
	{ ok: true; value: DecodedClassQuiz } | { ok: false; error: CodeError; message: string };

const TYPO = 'This code has a typo: check it and try again.';

function idBits(length: number): number {
	return (BigInt(ID_CHARS.length) ** BigInt(length) - 1n).toString(2).length;
}

function groups(symbols: readonly number[]): string {
	const s = symbols.map((d) => ALPHABET[d]).join('');
	return s.replace(new RegExp(`(.{${GROUP}})(?=.)`, 'g'), '$1-');
}

function assertSpec(spec: ClassQuizSpec, seed: string): void {
	const o = spec.options;
	const bad = (what: string) => {
		throw new RangeError(`class quiz: ${what}`);
	};
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(spec.setId)) bad(`invalid set id "${spec.setId}"`);
	if (!Number.isInteger(spec.setVersion) || spec.setVersion < 1 || spec.setVersion > 2 ** 31)
		bad('set version must be a whole number from 1');
	if (!Number.isInteger(o.count) || o.count < 1 || o.count > MAX_COUNT)
		bad(`count must be a whole number from 1 to ${MAX_COUNT}`);
	if (!seed || seed.length > 16 || [...seed].some((c) => !ALPHABET.includes(c)))
		bad('seed must be 1–16 base32 characters (digits and letters except I, L, O, U)');
	const t = o.timeLimitMinutes;
	if (t !== undefined && (!Number.isInteger(t) || t < 1 || t > MAX_MINUTES))
		bad(`time limit must be whole minutes from 1 to ${MAX_MINUTES}`);
	if ((o.tags?.length ?? 0) > MAX_TAGS) bad(`at most ${MAX_TAGS} tags`);
	for (const tag of o.tags ?? [])
		if (!tag || utf8Bytes(tag) > MAX_TAG_BYTES) bad(`tag "${tag}" is empty or too long`);
	for (const type of o.types ?? []) if (!QUESTION_TYPES.includes(type)) bad(`unknown type ${type}`);
	for (const d of o.difficulty ?? []) if (d !== 1 && d !== 2 && d !== 3) bad(`difficulty ${d}`);
}

/**
 * The code for a class quiz, e.g. `1A3G-…`. Throws a RangeError for options no code can
 * hold (the teacher's screen builds them, so this is a programming error).
 */
export function encodeClassQuiz(spec: ClassQuizSpec): string {
	const seed = normalizeSeed(spec.seed);
	assertSpec(spec, seed);
	const o = spec.options;
	const exam = o.mode === 'exam';
	const time = exam && o.timeLimitMinutes !== undefined;
	const tags = o.tags?.length ? o.tags : undefined;
	const types = o.types?.length ? o.types : undefined;
	const difficulty = o.difficulty?.length ? o.difficulty : undefined;
	const filters = !!(tags || types || difficulty);
	const packed = [...spec.setId].every((c) => ID_CHARS.includes(c));

	const w = new BitWriter();
	w.write(CODE_VERSION, 4);
	for (const flag of [spec.shufflePerStudent, exam, time, filters, !packed]) w.write(+flag, 1);
	w.uvar(o.count);
	w.uvar(spec.setVersion);
	w.write(seed.length - 1, 4);
	for (const c of seed) w.write(ALPHABET.indexOf(c), 5);
	w.write(spec.setId.length - 1, 6);
	if (packed) {
		let n = 0n;
		for (const c of spec.setId) n = n * BigInt(ID_CHARS.length) + BigInt(ID_CHARS.indexOf(c));
		w.bigint(n, idBits(spec.setId.length));
	} else for (const c of spec.setId) w.write(c.charCodeAt(0), 7);
	if (time) w.uvar(o.timeLimitMinutes!);
	if (filters) {
		w.write(
			QUESTION_TYPES.reduce((m, t, i) => m + (types?.includes(t) ? 2 ** i : 0), 0),
			QUESTION_TYPES.length
		);
		w.write(
			[1, 2, 3].reduce((m, d, i) => m + (difficulty?.includes(d as Difficulty) ? 1 << i : 0), 0),
			3
		);
		w.uvar(tags?.length ?? 0);
		for (const tag of tags ?? []) {
			const bytes = new TextEncoder().encode(tag);
			w.uvar(bytes.length);
			for (const b of bytes) w.write(b, 8);
		}
	}
	const symbols = w.symbols();
	return groups([...symbols, ...checkSymbols(symbols)]);
}

/** The link a QR code holds; opening it fills in the code. */
export function classQuizUrl(code: string, baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/class/?join=${encodeURIComponent(code)}`;
}

/** The code inside a join link, or the text itself when it is not a link. */
export function codeFromInput(input: string): string {
	const m = /[?&#]join=([^&#\s]*)/.exec(input);
	if (!m) return input;
	try {
		return decodeURIComponent(m[1]!);
	} catch {
		return m[1]!;
	}
}

/** Reads a typed code (any case, with or without dashes and spaces) or a join link. */
export function decodeClassQuiz(input: string): DecodeResult {
	const fail = (error: CodeError, message: string): DecodeResult => ({ ok: false, error, message });
	const text = codeFromInput(input).replace(/[\s\-–—]+/g, '');
	if (!text) return fail('empty', 'Enter the class quiz code your teacher gave you.');
	const wrong = [...text].filter((c) => symbolOf(c) < 0);
	if (wrong.length)
		return fail(
			'characters',
			`This code has characters that codes never use: ${[...new Set(wrong)].map((c) => `“${c}”`).join(', ')}. Codes use digits and letters except I, L, O and U.`
		);
	const all = [...text].map(symbolOf);
	if (all.length < MIN_SYMBOLS)
		return fail(
			'length',
			`This code is too short: it has ${all.length} characters. Check it and try again.`
		);
	if (all.length > MAX_SYMBOLS)
		return fail('length', 'This code is too long to be a class quiz code. Check it and try again.');
	const data = all.slice(0, -2);
	const [c1, c2] = checkSymbols(data);
	if (c1 !== all[all.length - 2] || c2 !== all[all.length - 1]) return fail('checksum', TYPO);

	const r = new BitReader(data);
	try {
		const version = r.read(4);
		// Version 0 was never issued: an all-zero code is made up, not from the future.
		if (version === 0)
			return fail('malformed', 'This code is not a class quiz code. Check it and try again.');
		if (version !== CODE_VERSION)
			return fail(
				'version',
				'This code comes from a newer version of Studydeck. Update the app (reload it while online) or ask your teacher for a new code.'
			);
		const [shufflePerStudent, exam, time, filters, raw] = [0, 0, 0, 0, 0].map(
			() => r.read(1) === 1
		) as [boolean, boolean, boolean, boolean, boolean];
		if (time && !exam) throw new RangeError('time limit outside an exam');
		const count = r.uvar();
		const setVersion = r.uvar();
		const seedLength = r.read(4) + 1;
		let seed = '';
		for (let i = 0; i < seedLength; i++) seed += ALPHABET[r.read(5)];
		const idLength = r.read(6) + 1;
		let setId = '';
		if (raw) for (let i = 0; i < idLength; i++) setId += String.fromCharCode(r.read(7));
		else {
			let n = r.bigint(idBits(idLength));
			const base = BigInt(ID_CHARS.length);
			for (let i = 0; i < idLength; i++) {
				setId = ID_CHARS[Number(n % base)] + setId;
				n /= base;
			}
			if (n !== 0n) throw new RangeError('set id out of range');
		}
		const options: ClassQuizOptions = { count, mode: exam ? 'exam' : 'practice' };
		if (time) options.timeLimitMinutes = r.uvar();
		if (filters) {
			const typeMask = r.read(QUESTION_TYPES.length);
			const diffMask = r.read(3);
			const types = QUESTION_TYPES.filter((_, i) => Math.floor(typeMask / 2 ** i) % 2);
			const difficulty = ([1, 2, 3] as const).filter((_, i) => (diffMask >> i) & 1);
			const tags: string[] = [];
			const tagCount = r.uvar();
			if (tagCount > MAX_TAGS) throw new RangeError('too many tags');
			for (let i = 0; i < tagCount; i++) {
				const len = r.uvar();
				if (len > MAX_TAG_BYTES) throw new RangeError('tag too long');
				const bytes = Uint8Array.from({ length: len }, () => r.read(8));
				tags.push(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
			}
			if (!types.length && !difficulty.length && !tags.length) throw new RangeError('no filters');
			if (types.length) options.types = types;
			if (difficulty.length) options.difficulty = difficulty;
			if (tags.length) options.tags = tags;
		}
		const rest = r.rest();
		const spec: ClassQuizSpec = { setId, setVersion, options, seed, shufflePerStudent };
		// Only a canonical code is valid: anything else was not written by encodeClassQuiz.
		if (rest.length >= 5 || rest.some((b) => b !== 0)) throw new RangeError('trailing data');
		assertSpec(spec, seed);
		return { ok: true, value: { ...spec, code: groups(all) } };
	} catch (e) {
		if (e instanceof RangeError && e.message === BitReader.END)
			return fail(
				'length',
				'This code is too short: a part of it is missing. Check it and try again.'
			);
		return fail('malformed', 'This code is not a class quiz code. Check it and try again.');
	}
}

export type SetCheck = { ok: true } | { ok: false; error: 'missing' | 'version'; message: string };

/** Whether this device holds the set the code asks for, in the same version. */
export function checkCodeAgainstSet(
	decoded: ClassQuizSpec,
	set: QuestionSet | undefined
): SetCheck {
	// The code holds the set's id, not its title; a device without the set cannot know it.
	if (!set || set.id !== decoded.setId)
		return {
			ok: false,
			error: 'missing',
			message: `This quiz uses the set with id “${decoded.setId}”, which is not on this device. Ask your teacher for the set file or link.`
		};
	if (set.version !== decoded.setVersion)
		return {
			ok: false,
			error: 'version',
			message: `Your copy of this set is version ${set.version}; the class quiz uses version ${decoded.setVersion}. Get the teacher's copy.`
		};
	return { ok: true };
}

/** The key a per-student shuffle and the report both derive from a typed name or ID. */
export function studentKey(student: string): string {
	return student.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The class quiz as every student sees it: the same questions for all (generateQuiz on
 * the code's seed). With `shufflePerStudent` and a `student`, their order and option
 * order are shuffled for that student, deterministically.
 */
export function classQuizFor(decoded: ClassQuizSpec, set: QuestionSet, student?: string): Quiz {
	const o = decoded.options;
	const quiz = generateQuiz([set], {
		count: o.count,
		mode: o.mode,
		seed: decoded.seed,
		...(o.tags ? { tags: o.tags } : {}),
		...(o.types ? { types: o.types } : {}),
		...(o.difficulty ? { difficulty: o.difficulty } : {}),
		...(o.timeLimitMinutes !== undefined ? { timeLimitMinutes: o.timeLimitMinutes } : {})
	});
	return decoded.shufflePerStudent && student !== undefined && studentKey(student)
		? shuffleForStudent(quiz, studentKey(student))
		: quiz;
}
