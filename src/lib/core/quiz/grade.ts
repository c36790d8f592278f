// gradeAnswer: one response to one asked question → a score in [0, 1]. Pure and total:
// any response (including garbage from an old hand-in file) gets a grade, never a throw.
import { formatNumber, isOneEditApart, letterCount, normalizeAnswer } from './normalize';
import { readTypedNumber } from './typed-number';
import type {
	AskedCloze,
	AskedMatch,
	AskedMulti,
	AskedNumeric,
	AskedOrder,
	AskedQuestion,
	Grade,
	QuizResponse
} from './types';

/** Typo forgiveness starts above this many letters: "Swat" vs "Swot" is a different word. */
const TYPO_MIN_LETTERS = 6;

export interface TextMatch {
	correct: boolean;
	typoForgiven: boolean;
}

// A leading article is not part of the answer: "the TTP" = "TTP", "the Hague" = "Hague".
const LEADING_ARTICLE = /^(?:the|a|an)\s+(?=\S)/i;

/** An answer's comparable forms: as given, and without a leading article. */
function comparable(s: string): string[] {
	const t = s.trim();
	const bare = t.replace(LEADING_ARTICLE, '');
	// An answer made only of punctuation ("?", "—") normalises to nothing; compare it as typed.
	const forms = [normalizeAnswer(t) || t.toLowerCase()];
	if (bare !== t) forms.push(normalizeAnswer(bare) || bare.toLowerCase());
	return forms;
}

/**
 * Compares a typed answer with the accepted ones, ignoring case, diacritics, punctuation,
 * whitespace and a leading article ("the", "a", "an"); one typo is forgiven when the
 * answer has more than five letters and the typo is not in a digit (2007 vs 2008 is a
 * wrong answer, not a typo).
 */
export function matchText(response: string, accepted: readonly string[]): TextMatch {
	const typed = comparable(response).filter(Boolean);
	if (!typed.length) return { correct: false, typoForgiven: false };
	const forms = accepted.flatMap(comparable);
	if (typed.some((t) => forms.includes(t))) return { correct: true, typoForgiven: false };
	const digits = (s: string) => s.replace(/\D/g, '');
	for (const form of forms)
		for (const t of typed)
			if (
				letterCount(form) >= TYPO_MIN_LETTERS &&
				digits(form) === digits(t) &&
				isOneEditApart(form, t)
			)
				return { correct: true, typoForgiven: true };
	return { correct: false, typoForgiven: false };
}

const clamp01 = (x: number) => (x > 1 ? 1 : x > 0 ? x : 0);
const isIndex = (x: unknown, n: number): x is number =>
	typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;

function result(score: number, expected: string, extra: Partial<Grade> = {}): Grade {
	const s = clamp01(score);
	return { score: s, correct: s >= 1, expected, ...extra };
}

/** The right answer as people read it. */
export function expectedText(asked: AskedQuestion): string {
	switch (asked.type) {
		case 'mcq':
			return asked.options[asked.answer] ?? '';
		case 'multi':
			return asked.answers.map((i) => asked.options[i]).join('; ');
		case 'truefalse':
			return asked.answer ? 'True' : 'False';
		case 'short':
			return asked.answers[0] ?? '';
		case 'numeric':
			return (
				formatNumber(asked.answer) +
				(asked.unit ? ` ${asked.unit}` : '') +
				(asked.tolerance > 0 ? ` (± ${formatNumber(asked.tolerance)})` : '')
			);
		case 'cloze':
			return asked.blanks.map((b) => b.answer).join('; ');
		case 'order':
			return expectedOrder(asked)
				.map((i) => asked.items[i])
				.join(' → ');
		case 'match':
			return asked.left.map((l, i) => `${l} → ${asked.right[asked.answer[i]!]}`).join('; ');
		case 'flashcard':
			return asked.back;
	}
}

function expectedOrder(asked: AskedOrder): number[] {
	const out: number[] = new Array(asked.items.length);
	asked.order.forEach((pos, shown) => (out[pos] = shown));
	return out;
}

/** A response that gets full marks: what "Show answer" fills in, and what tests use. */
export function expectedResponse(asked: AskedQuestion): Exclude<QuizResponse, null | undefined> {
	switch (asked.type) {
		case 'mcq':
			return asked.answer;
		case 'multi':
			return asked.answers.slice();
		case 'truefalse':
			return asked.answer;
		case 'short':
			return asked.answers[0] ?? '';
		case 'numeric':
			return String(asked.answer);
		case 'cloze':
			return asked.blanks.map((b) => b.answer);
		case 'order':
			return expectedOrder(asked);
		case 'match':
			return asked.answer.slice();
		case 'flashcard':
			return 3;
	}
}

function gradeMulti(asked: AskedMulti, response: QuizResponse, expected: string): Grade {
	const n = asked.options.length;
	const ticked = new Set(Array.isArray(response) ? response.filter((x) => isIndex(x, n)) : []);
	const correct = new Set(asked.answers);
	let right = 0;
	let wrong = 0;
	const parts: boolean[] = [];
	for (let i = 0; i < n; i++) {
		if (ticked.has(i)) {
			if (correct.has(i)) right++;
			else wrong++;
		}
		parts.push(ticked.has(i) === correct.has(i));
	}
	// (right − wrong) / correct, with a wrong tick weighing at least correct/incorrect so
	// that ticking every option always nets 0, also when most options are correct.
	const c = correct.size;
	const penalty = Math.max(1, c / Math.max(1, n - c));
	return result(c ? (right - wrong * penalty) / c : 0, expected, { detail: { parts } });
}

function gradeNumeric(asked: AskedNumeric, response: QuizResponse, expected: string): Grade {
	const value =
		typeof response === 'number'
			? response
			: typeof response === 'string'
				? readTypedNumber(response, asked.unit)
				: undefined;
	if (value === undefined || !Number.isFinite(value))
		return result(0, expected, {
			detail: {
				message: typeof response === 'string' && response.trim() ? 'not a number' : 'no answer'
			}
		});
	// A hair of slack so 0.1 + 0.2 style float error never fails an exact answer.
	const slack = asked.tolerance + 1e-9 * Math.max(1, Math.abs(asked.answer));
	return result(Math.abs(value - asked.answer) <= slack ? 1 : 0, expected);
}

function gradeCloze(asked: AskedCloze, response: QuizResponse, expected: string): Grade {
	const typed = Array.isArray(response) ? response : typeof response === 'string' ? [response] : [];
	let right = 0;
	let typo = false;
	const parts = asked.blanks.map((b, i) => {
		const t = typed[i];
		const m =
			typeof t === 'string'
				? matchText(t, b.accepted ?? [b.answer])
				: { correct: false, typoForgiven: false };
		if (m.correct) right++;
		typo ||= m.typoForgiven;
		return m.correct;
	});
	const n = asked.blanks.length;
	return result(n ? right / n : 0, expected, {
		...(typo ? { typoForgiven: true } : {}),
		detail: { parts }
	});
}

function gradeOrder(asked: AskedOrder, response: QuizResponse, expected: string): Grade {
	const n = asked.items.length;
	const placed = Array.isArray(response) ? response : [];
	const want = expectedOrder(asked);
	const used = new Set<number>();
	const parts = want.map((shown, pos) => {
		const got = placed[pos];
		if (!isIndex(got, n) || used.has(got)) return false;
		used.add(got);
		// Compare text, not index: equal items are interchangeable.
		return (
			got === shown || normalizeAnswer(asked.items[got]!) === normalizeAnswer(asked.items[shown]!)
		);
	});
	return result(n ? parts.filter(Boolean).length / n : 0, expected, { detail: { parts } });
}

function gradeMatch(asked: AskedMatch, response: QuizResponse, expected: string): Grade {
	const n = asked.left.length;
	const chosen = Array.isArray(response) ? response : [];
	const parts = asked.answer.map((want, i) => {
		const got = chosen[i];
		if (!isIndex(got, asked.right.length)) return false;
		return got === want || asked.right[got] === asked.right[want];
	});
	return result(n ? parts.filter(Boolean).length / n : 0, expected, { detail: { parts } });
}

/** Grades one response. Unanswered (`null`/`undefined`) or unreadable scores 0. */
export function gradeAnswer(asked: AskedQuestion, response: QuizResponse): Grade {
	const expected = expectedText(asked);
	switch (asked.type) {
		case 'mcq':
			return result(response === asked.answer ? 1 : 0, expected);
		case 'multi':
			return gradeMulti(asked, response, expected);
		case 'truefalse':
			return result(response === asked.answer ? 1 : 0, expected);
		case 'short': {
			if (typeof response !== 'string') return result(0, expected);
			const m = matchText(response, asked.answers);
			return result(m.correct ? 1 : 0, expected, m.typoForgiven ? { typoForgiven: true } : {});
		}
		case 'numeric':
			return gradeNumeric(asked, response, expected);
		case 'cloze':
			return gradeCloze(asked, response, expected);
		case 'order':
			return gradeOrder(asked, response, expected);
		case 'match':
			return gradeMatch(asked, response, expected);
		case 'flashcard': {
			if (typeof response === 'string') {
				const m = matchText(response, [asked.back]);
				return result(m.correct ? 1 : 0, expected, m.typoForgiven ? { typoForgiven: true } : {});
			}
			// Self-graded: Again is a miss; Hard, Good and Easy are recalled (as FSRS counts them).
			const recalled = response === true || response === 2 || response === 3 || response === 4;
			return result(recalled ? 1 : 0, expected);
		}
	}
}

/**
 * The response a question starts with: order as shown (a derangement, so it scores 0
 * until the student moves something), match and cloze empty.
 */
export function initialResponse(asked: AskedQuestion): QuizResponse {
	switch (asked.type) {
		case 'order':
			return asked.items.map((_, i) => i);
		case 'match':
			return asked.left.map(() => null);
		case 'cloze':
			return asked.blanks.map(() => '');
		default:
			return undefined;
	}
}

/** Whether the student has given something to check. */
export function hasResponse(asked: AskedQuestion, r: QuizResponse): boolean {
	if (r === null || r === undefined) return false;
	if (typeof r === 'string') return r.trim().length > 0;
	if (Array.isArray(r)) {
		if (asked.type === 'order') return true;
		return (r as readonly unknown[]).some(
			(x) => (typeof x === 'string' && x.trim().length > 0) || typeof x === 'number'
		);
	}
	return true;
}
