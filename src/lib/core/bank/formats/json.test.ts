import { describe, expect, test } from 'vitest';
import { parseJson, utf8Bytes } from './json';
import { formatProblem } from '../problems';

const err = (text: string, max?: number) => {
	const r = parseJson(text, max);
	return r.ok ? null : r.problems.map(formatProblem);
};

describe('parseJson', () => {
	test('parses valid JSON', () => {
		expect(parseJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
	});

	test('gives the line of a syntax error', () => {
		expect(err('{\n  "a": 1,\n  "b": }')).toEqual(['line 3: invalid JSON: unexpected character']);
		expect(err('{"a":\n')).toEqual(['line 2: invalid JSON: the text ends before the JSON does']);
	});

	test('never quotes the input back', () => {
		for (const text of ['hello world, not json', '<!doctype html><p>secret', '{"a":1} trailing'])
			for (const p of err(text) ?? []) {
				expect(p).not.toMatch(/hello|doctype|secret|trailing|"/);
				expect(p).toMatch(/^line 1: invalid JSON: /);
			}
	});

	test('refuses deep nesting with a plain message, not a stack overflow', () => {
		const deep = '{"questions":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}';
		expect(err(deep)).toEqual([
			'line 1: nested more than 100 levels deep; a question set never is'
		]);
		// Brackets inside strings do not count.
		expect(parseJson(JSON.stringify({ a: '['.repeat(500) })).ok).toBe(true);
	});

	test('an empty or blank file says so', () => {
		expect(err('')).toEqual(['invalid JSON: the file is empty']);
		expect(err(' \n\t ')).toEqual(['invalid JSON: the file is empty']);
	});

	test.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s anywhere', (key) => {
		expect(err(`{"questions":[{"${key}":{"polluted":true}}]}`)).toEqual([
			`the key "${key}" is not allowed`
		]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('refuses input over the size limit before parsing it', () => {
		expect(err('"' + 'x'.repeat(2000) + '"', 1024)).toEqual([
			'too large: 0.0 MB, the limit is 0.0 MB'
		]);
	});

	test('counts UTF-8 bytes', () => {
		expect(utf8Bytes('aé€😀')).toBe(1 + 2 + 3 + 4);
	});
});

describe('jsonErrorOffset', async () => {
	const { jsonErrorOffset } = await import('./json-error');
	test.each([
		['{"a":1}', -1],
		['[1, 2, {"b": [true, false, null, "x\\u0041"]}]', -1],
		['{"a":1,}', 7],
		['{"a" 1}', 5],
		['[1 2]', 3],
		['"unterminated', 13],
		['{"a":01}', 6],
		['{"a":1} x', 8],
		['', 0]
	])('%s → %i', (text, offset) => {
		expect(jsonErrorOffset(text)).toBe(offset);
	});
});
