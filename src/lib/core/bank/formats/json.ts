// Canonical JSON in and out. Parsing rejects prototype-polluting keys and oversized input
// before anything else sees the data.
import { LIMITS } from '../schema';
import { fail, type Result } from '../problems';
import { jsonErrorOffset } from './json-error';

/** Keys that could reach an object's prototype; never allowed as keys, ids or tags. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
	'__proto__',
	'constructor',
	'prototype'
]);

/** Size of a string as UTF-8 bytes, without allocating the encoded copy. */
export function utf8Bytes(s: string): number {
	let bytes = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

export function tooLargeMessage(bytes: number, max: number = LIMITS.fileBytes): string {
	const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
	return `too large: ${mb(bytes)}, the limit is ${mb(max)}`;
}

function lineOf(text: string, position: number): number {
	let line = 1;
	for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/** No question set nests more than a few levels; a deeper file is broken or hostile. */
export const MAX_JSON_DEPTH = 100;

/** Offset where nesting first goes deeper than `max`, or -1. One pass, no recursion. */
function tooDeepAt(text: string, max: number): number {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92)
				i++; // backslash: skip the escaped character
			else if (c === 34) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 91 || c === 123) {
			if (++depth > max) return i;
		} else if (c === 93 || c === 125) depth--;
	}
	return -1;
}

/**
 * V8's message without any of the input: it quotes the start of the text back
 * (`Unexpected token 'h', "hello worl"... is not valid JSON`), which in an error list
 * looks like the app's own words. The line number says where.
 */
function cleanJsonMessage(message: string): string {
	const m = message
		.replace(/^JSON\.parse: /, '')
		.replace(/,\s*".*$/s, '')
		.replace(/ (in JSON )?at position \d+.*$/s, '');
	if (/^Unexpected token/.test(m)) return 'unexpected character';
	if (/^Unexpected end of JSON input/.test(m)) return 'the text ends before the JSON does';
	return m.charAt(0).toLowerCase() + m.slice(1);
}

/** JSON.parse with limits, line numbers on syntax errors, and dangerous keys rejected. */
export function parseJson(text: string, maxBytes: number = LIMITS.fileBytes): Result<unknown> {
	const bytes = utf8Bytes(text);
	if (bytes > maxBytes) return fail(tooLargeMessage(bytes, maxBytes));
	if (!text.trim()) return fail('invalid JSON: the file is empty');
	// The reviver below and the error locator recurse: refuse deep nesting first, or a
	// crafted file ends in "Maximum call stack size exceeded".
	const deep = tooDeepAt(text, MAX_JSON_DEPTH);
	if (deep >= 0)
		return fail(`nested more than ${MAX_JSON_DEPTH} levels deep; a question set never is`, {
			line: lineOf(text, deep)
		});
	let forbidden: string | undefined;
	let value: unknown;
	try {
		value = JSON.parse(text, function (key, val) {
			if (FORBIDDEN_KEYS.has(key) && Object.hasOwn(this as object, key)) forbidden ??= key;
			return val;
		});
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const pos = /position (\d+)/.exec(message);
		const at = pos ? Number(pos[1]) : jsonErrorOffset(text);
		return fail(
			`invalid JSON: ${cleanJsonMessage(message)}`,
			at >= 0 ? { line: lineOf(text, at) } : {}
		);
	}
	if (forbidden) return fail(`the key "${forbidden}" is not allowed`);
	return { ok: true, value };
}

/** Stable, readable canonical JSON: two-space indent and a final newline. */
export function toJson(value: unknown): string {
	return JSON.stringify(value, null, 2) + '\n';
}
