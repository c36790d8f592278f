// Crockford base32 digits and a two-symbol check over GF(32), for codes people type.
// The check is a Reed–Solomon style syndrome pair: any one or two wrong symbols (so any
// swap of two neighbours) within 31 symbols is always detected, and a random code passes
// by chance 1 time in 1024.
import { SEED_ALPHABET } from '../quiz/rng';

export const ALPHABET = SEED_ALPHABET;

/** Symbol value of a typed character, reading o as 0 and i, l as 1; -1 if not a digit. */
export function symbolOf(ch: string): number {
	const c = ch.toUpperCase().replace('O', '0').replace(/[IL]/, '1');
	return ALPHABET.indexOf(c);
}

// GF(2^5) with the primitive polynomial x^5 + x^2 + 1.
const EXP: number[] = [];
const LOG: number[] = new Array<number>(32).fill(0);
{
	let x = 1;
	for (let i = 0; i < 31; i++) {
		EXP.push(x);
		LOG[x] = i;
		x <<= 1;
		if (x & 32) x ^= 0b100101;
	}
}
const mul = (a: number, b: number) => (a && b ? EXP[(LOG[a]! + LOG[b]!) % 31]! : 0);

/** Two check symbols for `symbols`: Σ dᵢ·αⁱ and Σ dᵢ·α²ⁱ. */
export function checkSymbols(symbols: readonly number[]): [number, number] {
	let s1 = 0;
	let s2 = 0;
	symbols.forEach((d, i) => {
		s1 ^= mul(d, EXP[i % 31]!);
		s2 ^= mul(d, EXP[(2 * i) % 31]!);
	});
	return [s1, s2];
}

/** Writes fields MSB first; read back with BitReader. */
export class BitWriter {
	#bits: number[] = [];

	write(value: number, width: number): void {
		for (let i = width - 1; i >= 0; i--) this.#bits.push(Math.floor(value / 2 ** i) % 2);
	}

	/** Unsigned integer in groups of 4 bits, each preceded by a "more follows" bit. */
	uvar(value: number): void {
		const groups: number[] = [];
		let v = value;
		do {
			groups.unshift(v % 16);
			v = Math.floor(v / 16);
		} while (v > 0);
		groups.forEach((g, i) => {
			this.write(i < groups.length - 1 ? 1 : 0, 1);
			this.write(g, 4);
		});
	}

	bigint(value: bigint, width: number): void {
		for (let i = width - 1; i >= 0; i--) this.#bits.push(Number((value >> BigInt(i)) & 1n));
	}

	/** The bits as base32 symbols, the last one padded with zeros. */
	symbols(): number[] {
		const out: number[] = [];
		for (let i = 0; i < this.#bits.length; i += 5) {
			let s = 0;
			for (let j = 0; j < 5; j++) s = s * 2 + (this.#bits[i + j] ?? 0);
			out.push(s);
		}
		return out;
	}
}

export class BitReader {
	#bits: number[] = [];
	#pos = 0;

	constructor(symbols: readonly number[]) {
		for (const s of symbols) for (let j = 4; j >= 0; j--) this.#bits.push((s >> j) & 1);
	}

	/** Thrown when a field runs past the end: the code is too short. */
	static readonly END = 'end of code';

	read(width: number): number {
		let v = 0;
		for (let i = 0; i < width; i++) v = v * 2 + this.#bit();
		return v;
	}

	uvar(): number {
		let v = 0;
		for (let groups = 0; ; groups++) {
			// 8 groups hold 32 bits: more is a damaged code, not a number we wrote.
			if (groups >= 8) throw new RangeError('number too long');
			const more = this.#bit();
			const group = this.read(4);
			// A leading zero group is never written: one number, one spelling.
			if (groups === 0 && more && group === 0) throw new RangeError('non-canonical number');
			v = v * 16 + group;
			if (!more) return v;
		}
	}

	bigint(width: number): bigint {
		let v = 0n;
		for (let i = 0; i < width; i++) v = (v << 1n) | BigInt(this.#bit());
		return v;
	}

	/** Bits left after the last field; only the zero padding of the last symbol is allowed. */
	rest(): number[] {
		return this.#bits.slice(this.#pos);
	}

	#bit(): number {
		if (this.#pos >= this.#bits.length) throw new RangeError(BitReader.END);
		return this.#bits[this.#pos++]!;
	}
}
