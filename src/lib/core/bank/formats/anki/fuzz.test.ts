// Random bytes, truncated and bit-flipped decks: the importer either reads a deck or
// throws ApkgError with a message. Any other exception is a crash and fails the test.
import fc from 'fast-check';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApkg } from './collection';
import { collectionToSets } from './convert';
import { ApkgError } from './package';
import { legacyApkg, modernApkg } from './test-decks';

let SQL: SqlJsStatic;
let decks: Uint8Array[];
beforeAll(async () => {
	SQL = await initSqlJs();
	decks = [legacyApkg(SQL), modernApkg(SQL)];
});

/** 'ok', or 'error' for a clean refusal; anything else thrown propagates. */
function attempt(bytes: Uint8Array): 'ok' | 'error' {
	try {
		const col = openApkg(bytes, SQL);
		collectionToSets(col);
		return 'ok';
	} catch (e) {
		if (e instanceof ApkgError && e.message.length > 10) return 'error';
		throw e;
	}
}

describe('the .apkg importer on hostile input', () => {
	it('never crashes on random bytes, with or without a zip signature', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), (bytes, zipMagic) => {
				if (zipMagic && bytes.length >= 4) bytes.set([0x50, 0x4b, 0x03, 0x04]);
				expect(attempt(bytes)).toBe('error');
			}),
			{ numRuns: 300 }
		);
	});

	it('never crashes on a truncated deck', () => {
		fc.assert(
			fc.property(fc.nat(1), fc.double({ min: 0, max: 1, noNaN: true }), (which, cut) => {
				const deck = decks[which]!;
				const end = Math.floor(deck.length * cut);
				expect(attempt(deck.subarray(0, end))).toBe(end === deck.length ? 'ok' : 'error');
			}),
			{ numRuns: 150 }
		);
	});

	it('never crashes on a deck with flipped bytes', () => {
		let refused = 0;
		fc.assert(
			fc.property(
				fc.nat(1),
				fc.array(
					fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })),
					{
						minLength: 1,
						maxLength: 8
					}
				),
				(which, flips) => {
					const deck = decks[which]!.slice();
					for (const [where, xor] of flips) {
						const i = Math.min(deck.length - 1, Math.floor(where * deck.length));
						deck[i] = deck[i]! ^ xor;
					}
					if (attempt(deck) === 'error') refused++;
				}
			),
			{ numRuns: 200 }
		);
		// Most flips land in compressed data or headers and are refused, not misread.
		expect(refused).toBeGreaterThan(0);
	});
});
