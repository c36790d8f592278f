import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	createRng,
	normalizeSeed,
	pick,
	randomInt,
	randomSeed,
	SEED_ALPHABET,
	shuffle
} from './rng';
import { FC_SEED } from '../fc-options';

describe('createRng', () => {
	it('gives the same stream for the same seed, on any run', () => {
		const a = createRng('AB12CD');
		const b = createRng('AB12CD');
		const xs = Array.from({ length: 5 }, () => a());
		expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
		// Pinned values: if these change, every shared quiz seed changes meaning.
		expect(createRng('seed')().toFixed(8)).toMatchInlineSnapshot(`"0.24098468"`);
	});

	it('gives different streams for different seeds', () => {
		expect(createRng('a')()).not.toBe(createRng('b')());
	});

	it('stays in [0, 1) and is roughly uniform', () => {
		const rng = createRng('uniform');
		const buckets = new Array(10).fill(0);
		for (let i = 0; i < 10_000; i++) {
			const x = rng();
			expect(x).toBeGreaterThanOrEqual(0);
			expect(x).toBeLessThan(1);
			buckets[Math.floor(x * 10)]++;
		}
		for (const b of buckets) expect(b).toBeGreaterThan(850);
	});
});

describe('shuffle and pick', () => {
	it('shuffle is a permutation and leaves its input alone', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.string(), (xs, seed) => {
				const copy = xs.slice();
				const out = shuffle(xs, createRng(seed));
				expect(xs).toEqual(copy);
				expect(out.slice().sort()).toEqual(copy.slice().sort());
			}),
			{ seed: FC_SEED }
		);
	});

	it('pick returns a member, or undefined for nothing', () => {
		const rng = createRng('p');
		expect(pick([], rng)).toBeUndefined();
		expect(['x', 'y']).toContain(pick(['x', 'y'], rng));
		expect(randomInt(rng, 1)).toBe(0);
	});
});

describe('seeds', () => {
	it('randomSeed makes short typable seeds from the caller’s entropy', () => {
		expect(randomSeed([0, 0.5, 0.99, 0.1, 0.2, 0.3])).toBe('0GZ369');
		const s = randomSeed(createRng('e'));
		expect(s).toHaveLength(6);
		for (const c of s) expect(SEED_ALPHABET).toContain(c);
	});

	it('normalizeSeed forgives case, spaces and look-alike letters', () => {
		expect(normalizeSeed(' ab1o cd ')).toBe('AB10CD');
		expect(normalizeSeed('il0')).toBe(normalizeSeed('110'));
	});
});
