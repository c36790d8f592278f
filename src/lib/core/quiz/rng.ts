// Seeded randomness for quizzes. The same seed must give the same quiz on every device,
// so everything here is integer arithmetic (Math.imul, shifts) and IEEE-exact float
// operations; no Math.log/exp/pow, whose last bits may differ between JS engines.

/** A random source: each call returns a float in [0, 1). */
export type Rng = () => number;

/** cyrb128: hashes a string into four 32-bit seeds for sfc32. */
export function cyrb128(str: string): [number, number, number, number] {
	let h1 = 1779033703,
		h2 = 3144134277,
		h3 = 1013904242,
		h4 = 2773480762;
	for (let i = 0; i < str.length; i++) {
		const k = str.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: small, fast, and good enough for shuffling; 128 bits of state. */
export function sfc32(a: number, b: number, c: number, d: number): Rng {
	return () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

/** A generator fully determined by `seed`. */
export function createRng(seed: string): Rng {
	const [a, b, c, d] = cyrb128(seed);
	const rng = sfc32(a, b, c, d);
	// The first outputs of sfc32 correlate with the seed words; discard a few.
	for (let i = 0; i < 12; i++) rng();
	return rng;
}

/** A whole number in [0, n). */
export function randomInt(rng: Rng, n: number): number {
	return Math.floor(rng() * n);
}

/** A shuffled copy (Fisher–Yates); the input is left alone. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(rng, i + 1);
		const tmp = out[i]!;
		out[i] = out[j]!;
		out[j] = tmp;
	}
	return out;
}

/** One item chosen uniformly, or undefined for an empty list. */
export function pick<T>(items: readonly T[], rng: Rng): T | undefined {
	return items.length ? items[randomInt(rng, items.length)] : undefined;
}

/**
 * Crockford's base32 alphabet: no I, L, O or U, so a seed read aloud or copied from a
 * whiteboard is hard to get wrong.
 */
export const SEED_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short seed a person can type, e.g. "7KQ2MD". `entropy` supplies the randomness
 * (`Math.random`, or numbers from `crypto.getRandomValues` scaled to [0, 1)), so this
 * module never reaches for a global random source itself.
 */
export function randomSeed(entropy: (() => number) | readonly number[], length = 6): string {
	let out = '';
	for (let i = 0; i < length; i++) {
		const r = typeof entropy === 'function' ? entropy() : (entropy[i] ?? 0);
		const x = Number.isFinite(r) ? r - Math.floor(r) : 0;
		out += SEED_ALPHABET[Math.floor(x * 32) & 31];
	}
	return out;
}

/**
 * The canonical form of a typed seed: trimmed, upper case, and with the letters people
 * confuse with digits (O, I, L) read as those digits — so "ab1o" and "AB10" are the
 * same quiz.
 */
export function normalizeSeed(seed: string): string {
	return seed.trim().toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}
