import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashOf } from './canonical';
import { sha256 } from './sha256';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256 (for pages without crypto.subtle)', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('matches node:crypto for lengths around the block edges and non-ASCII text', () => {
		for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
			const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
			expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
		}
		const text = new TextEncoder().encode('Amina Khan — آمنہ ✓');
		expect(hex(sha256(text))).toBe(createHash('sha256').update(text).digest('hex'));
	});

	it('hashOf gives the same hash with and without Web Crypto', async () => {
		const value = { student: 'Amina', answers: [1, 'x', null], score: { points: 2.5 } };
		const withSubtle = await hashOf(value);
		vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) });
		expect(globalThis.crypto.subtle).toBeUndefined();
		expect(await hashOf(value)).toBe(withSubtle);
	});
});
