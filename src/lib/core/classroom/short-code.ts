// Short class quiz codes for a room with no network at all: 12 characters a student can
// copy from a board ("7KQ2-MD4P-XW3A"), 10 of data and 2 of check (any one or two wrong
// characters, and any swap of neighbours, are caught). Instead of the set's id, the code
// holds a 13-bit fingerprint of the set's id and version, which the student's device
// matches against the sets it holds. Quizzes with tag/type/difficulty filters, more than
// 128 questions or a time limit over 63 minutes do not fit: use the long code (./code.ts).
import type { QuestionSet } from '../bank/schema';
import { cyrb128, normalizeSeed } from '../quiz/rng';
import { ALPHABET, BitReader, BitWriter, checkSymbols, symbolOf } from './base32';
import type { ClassQuizSpec, DecodedClassQuiz } from './code';

export const SHORT_CODE_LENGTH = 12;
const DATA_SYMBOLS = 10;
const SHORT_VERSION = 2;
const FINGERPRINT_BITS = 13;
const SEED_SYMBOLS = 4;
export const SHORT_MAX_COUNT = 128;
export const SHORT_MAX_MINUTES = 63;

export interface ShortCode {
	/** Canonical form, grouped by four: "7KQ2-MD4P-XW3A". */
	code: string;
	fingerprint: number;
	seed: string;
	count: number;
	mode: 'practice' | 'exam';
	timeLimitMinutes?: number;
	shufflePerStudent: boolean;
}

export type ShortDecode =
	| { ok: true; value: ShortCode }
	| { ok: false; error: 'length' | 'characters' | 'checksum' | 'version'; message: string };

/** The fingerprint a short code holds for a set: its id and version, hashed to 13 bits. */
export function setFingerprint(set: Pick<QuestionSet, 'id' | 'version'>): number {
	return cyrb128(`${set.id}@${set.version}`)[0] & ((1 << FINGERPRINT_BITS) - 1);
}

/** Whether a class quiz fits a short code; the reason when it does not. */
export function shortCodeProblem(spec: ClassQuizSpec): string | undefined {
	const o = spec.options;
	if (o.tags?.length || o.types?.length || o.difficulty?.length)
		return 'A short code cannot hold filters (tags, types, difficulty).';
	if (o.count > SHORT_MAX_COUNT) return `A short code holds at most ${SHORT_MAX_COUNT} questions.`;
	if ((o.timeLimitMinutes ?? 0) > SHORT_MAX_MINUTES)
		return `A short code holds a time limit of at most ${SHORT_MAX_MINUTES} minutes.`;
	const seed = normalizeSeed(spec.seed);
	if (seed.length !== SEED_SYMBOLS || [...seed].some((c) => !ALPHABET.includes(c)))
		return `A short code needs a ${SEED_SYMBOLS}-character seed (randomSeed(…, ${SEED_SYMBOLS})).`;
}

const grouped = (s: string) => s.replace(/(.{4})(?=.)/g, '$1-');

/** The short code for a class quiz; throws a RangeError if it does not fit (see shortCodeProblem). */
export function encodeShortCode(
	spec: ClassQuizSpec,
	set: Pick<QuestionSet, 'id' | 'version'>
): string {
	const problem = shortCodeProblem(spec);
	if (problem) throw new RangeError(problem);
	if (set.id !== spec.setId || set.version !== spec.setVersion)
		throw new RangeError('the set is not the one the class quiz is for');
	const w = new BitWriter();
	w.write(SHORT_VERSION, 2);
	w.write(+spec.shufflePerStudent, 1);
	w.write(+(spec.options.mode === 'exam'), 1);
	w.write(spec.options.count - 1, 7);
	w.write(spec.options.mode === 'exam' ? (spec.options.timeLimitMinutes ?? 0) : 0, 6);
	for (const c of normalizeSeed(spec.seed)) w.write(ALPHABET.indexOf(c), 5);
	w.write(setFingerprint(set), FINGERPRINT_BITS);
	const data = w.symbols();
	return grouped([...data, ...checkSymbols(data)].map((d) => ALPHABET[d]).join(''));
}

/** Reads a typed short code (any case, dashes and spaces ignored). */
export function decodeShortCode(input: string): ShortDecode {
	const text = input.replace(/[\s\-–—]+/g, '');
	const wrong = [...text].filter((c) => symbolOf(c) < 0);
	if (wrong.length)
		return {
			ok: false,
			error: 'characters',
			message: `This code has characters that codes never use: ${[...new Set(wrong)].map((c) => `“${c}”`).join(', ')}.`
		};
	if (text.length !== SHORT_CODE_LENGTH)
		return {
			ok: false,
			error: 'length',
			message: `A short code has ${SHORT_CODE_LENGTH} characters; this one has ${text.length}.`
		};
	const all = [...text].map(symbolOf);
	const data = all.slice(0, DATA_SYMBOLS);
	const [c1, c2] = checkSymbols(data);
	if (c1 !== all[DATA_SYMBOLS] || c2 !== all[DATA_SYMBOLS + 1])
		return {
			ok: false,
			error: 'checksum',
			message: 'This code has a typo: check it and try again.'
		};
	const r = new BitReader(data);
	if (r.read(2) !== SHORT_VERSION)
		return {
			ok: false,
			error: 'version',
			message: 'This code comes from a newer version of Studydeck. Update the app.'
		};
	const shufflePerStudent = r.read(1) === 1;
	const exam = r.read(1) === 1;
	const count = r.read(7) + 1;
	const minutes = r.read(6);
	let seed = '';
	for (let i = 0; i < SEED_SYMBOLS; i++) seed += ALPHABET[r.read(5)];
	const fingerprint = r.read(FINGERPRINT_BITS);
	return {
		ok: true,
		value: {
			code: grouped(all.map((d) => ALPHABET[d]).join('')),
			fingerprint,
			seed,
			count,
			mode: exam ? 'exam' : 'practice',
			...(exam && minutes ? { timeLimitMinutes: minutes } : {}),
			shufflePerStudent
		}
	};
}

/**
 * The class quiz a short code means on this device, from the sets it holds. Several sets
 * can share a fingerprint (1 in 8192): then the caller asks the student which one.
 */
export function resolveShortCode(
	short: ShortCode,
	sets: readonly QuestionSet[]
): { quiz: DecodedClassQuiz; set: QuestionSet }[] {
	return sets
		.filter((s) => setFingerprint(s) === short.fingerprint)
		.map((set) => ({
			set,
			quiz: {
				code: short.code,
				setId: set.id,
				setVersion: set.version,
				seed: short.seed,
				shufflePerStudent: short.shufflePerStudent,
				options: {
					count: short.count,
					mode: short.mode,
					...(short.timeLimitMinutes !== undefined
						? { timeLimitMinutes: short.timeLimitMinutes }
						: {})
				}
			}
		}));
}
