// What a student types (or a QR code holds) in "Join a class quiz": a short code of 12
// characters (./short-code.ts, for sets already on the device) or a long code (./code.ts,
// which names the set). One reader for both, with one message per mistake, so the join
// form and the class report treat them alike.
import { normalizeSeed } from '../quiz/rng';
import { symbolOf } from './base32';
import {
	codeFromInput,
	decodeClassQuiz,
	type ClassQuizSpec,
	type CodeError,
	type DecodedClassQuiz
} from './code';
import { decodeShortCode, setFingerprint, SHORT_CODE_LENGTH, type ShortCode } from './short-code';

export type TypedCode =
	| { ok: true; kind: 'long'; value: DecodedClassQuiz }
	| { ok: true; kind: 'short'; value: ShortCode }
	| { ok: false; error: CodeError; message: string };

const TYPO = 'This code has a typo: check each character against the board and try again.';

/** Reads a typed code of either kind (any case, dashes and spaces ignored) or a join link. */
export function decodeTypedCode(input: string): TypedCode {
	const text = codeFromInput(input).replace(/[\s\-–—]+/g, '');
	const n = text.length;
	const long = (): TypedCode => {
		const d = decodeClassQuiz(text);
		return d.ok ? { ok: true, kind: 'long', value: d.value } : d;
	};
	// Empty input and stray characters: the long reader says it for both kinds.
	if (!n || [...text].some((c) => symbolOf(c) < 0)) return long();
	if (n === SHORT_CODE_LENGTH) {
		const s = decodeShortCode(text);
		if (s.ok) return { ok: true, kind: 'short', value: s.value };
		if (s.error === 'version') return s;
		// A (very) short long code is 12 characters too; otherwise it is a typo.
		const l = long();
		return l.ok ? l : { ok: false, error: 'checksum', message: TYPO };
	}
	if (n < SHORT_CODE_LENGTH)
		return {
			ok: false,
			error: 'length',
			message: `A class code has ${SHORT_CODE_LENGTH} characters; this one has ${n}. Check it against the board: a character is missing.`
		};
	const l = long();
	if (l.ok || n > SHORT_CODE_LENGTH + 4) return l;
	return {
		ok: false,
		error: 'length',
		message: `A short class code has ${SHORT_CODE_LENGTH} characters; this one has ${n}. Check it against the board: a character was typed twice?`
	};
}

const same = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
	(a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);

/** Whether two class quiz specs make the same quiz (same set version, seed and options). */
export function sameClassQuiz(a: ClassQuizSpec, b: ClassQuizSpec): boolean {
	const o = a.options;
	const p = b.options;
	return (
		a.setId === b.setId &&
		a.setVersion === b.setVersion &&
		normalizeSeed(a.seed) === normalizeSeed(b.seed) &&
		a.shufflePerStudent === b.shufflePerStudent &&
		o.count === p.count &&
		o.mode === p.mode &&
		(o.timeLimitMinutes ?? 0) === (p.timeLimitMinutes ?? 0) &&
		same(o.tags, p.tags) &&
		same(o.types, p.types) &&
		same(o.difficulty, p.difficulty)
	);
}

/**
 * Whether a code (long or short, as a hand-in file holds it) means this class quiz: a
 * teacher's board may show the short code while the QR code holds the long one.
 */
export function codeMeansQuiz(code: string, spec: ClassQuizSpec): boolean {
	const t = decodeTypedCode(code);
	if (!t.ok) return false;
	if (t.kind === 'long') return sameClassQuiz(t.value, spec);
	const s = t.value;
	return (
		s.fingerprint === setFingerprint({ id: spec.setId, version: spec.setVersion }) &&
		sameClassQuiz(
			{
				setId: spec.setId,
				setVersion: spec.setVersion,
				seed: s.seed,
				shufflePerStudent: s.shufflePerStudent,
				options: {
					count: s.count,
					mode: s.mode,
					...(s.timeLimitMinutes ? { timeLimitMinutes: s.timeLimitMinutes } : {})
				}
			},
			spec
		)
	);
}
