// How typed answers are compared: forgiving about everything that is not the answer
// itself (case, accents, punctuation, spacing), strict about the rest.

// Letters NFD does not decompose, folded so "Øresund" = "Oresund" and "Straße" = "Strasse".
const FOLD: Record<string, string> = {
	ø: 'o',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	æ: 'ae',
	œ: 'oe',
	ß: 'ss',
	ı: 'i'
};

/**
 * The comparable form of a typed answer: lower case, diacritics stripped (NFD, then
 * combining marks removed), punctuation, symbols and whitespace removed.
 */
export function normalizeAnswer(s: string): string {
	return s
		.normalize('NFD')
		.toLowerCase()
		.replace(/[øłđðþæœßı]/g, (c) => FOLD[c] ?? c)
		.replace(/[\p{M}\p{P}\p{S}\p{Z}\s]+/gu, '');
}

/** Letters in a string (any script). */
export function letterCount(s: string): number {
	let n = 0;
	for (const _ of s.matchAll(/\p{L}/gu)) n++;
	return n;
}

/**
 * True when `a` and `b` differ by exactly one edit: an insertion, a deletion, a
 * substitution, or a swap of two neighbours (Damerau–Levenshtein distance 1).
 */
export function isOneEditApart(a: string, b: string): boolean {
	if (a === b) return false;
	const x = Array.from(a);
	const y = Array.from(b);
	if (Math.abs(x.length - y.length) > 1) return false;
	let i = 0;
	while (i < x.length && i < y.length && x[i] === y[i]) i++;
	const rest = (p: string[], from: number, q: string[], from2: number) =>
		p.slice(from).join('') === q.slice(from2).join('');
	if (x.length === y.length) {
		if (rest(x, i + 1, y, i + 1)) return true; // substitution
		return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && rest(x, i + 2, y, i + 2); // transposition
	}
	return x.length > y.length ? rest(x, i + 1, y, i) : rest(x, i, y, i + 1);
}

// Digits, optional thousands groups separated by "," or a space (incl. no-break and thin
// spaces), optional decimals and exponent. "1,000", "1 000", "1000.5", "-3", ".5", "2e6".
const NUMBER =
	/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/**
 * Reads a typed number, or returns undefined for anything else. A trailing `unit` (or
 * "%") may be typed too. Unicode minus and typographic spaces are accepted.
 */
export function parseNumber(input: string, unit?: string): number | undefined {
	// NFKC turns full-width digits (１２００) into ASCII ones.
	let s = input
		.normalize('NFKC')
		.trim()
		.replace(/\u2212/g, '-');
	if (unit) {
		const u = unit.trim().toLowerCase();
		if (u && s.toLowerCase().endsWith(u)) s = s.slice(0, s.length - u.length).trim();
	}
	if (s.endsWith('%') && unit?.trim() === '%') s = s.slice(0, -1).trim();
	s = s.replace(/^([+-])\s+/, '$1');
	// A decimal comma ("3,14", "1 234,5"), unless it could be a thousands comma ("1,200").
	const comma = /^([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)),(\d+)$/.exec(s);
	if (comma && (comma[2]!.length !== 3 || /[ \u00a0\u202f]/.test(comma[1]!)))
		s = `${comma[1]}.${comma[2]}`;
	if (!/\d/.test(s) || !NUMBER.test(s)) return undefined;
	const n = Number(s.replace(/[, \u00a0\u202f]/g, ''));
	return Number.isFinite(n) ? n : undefined;
}

/** A number as people write it: "1,000", "0.25", "-3". */
export function formatNumber(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	if (Math.abs(n) >= 1e15 || (n !== 0 && Math.abs(n) < 1e-6)) return String(n);
	const [int, frac] = String(Math.abs(n)).split('.');
	const grouped = int!.length > 4 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int!;
	return (n < 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
}
