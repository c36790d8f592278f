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

/** JSON.parse with limits, line numbers on syntax errors, and dangerous keys rejected. */
export function parseJson(text: string, maxBytes: number = LIMITS.fileBytes): Result<unknown> {
	const bytes = utf8Bytes(text);
	if (bytes > maxBytes) return fail(tooLargeMessage(bytes, maxBytes));
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
		// V8 quotes the whole input back ("… is not valid JSON"); keep just the reason.
		const clean = message
			.replace(/^JSON\.parse: /, '')
			.replace(/ in JSON at position \d+.*$/s, '')
			.replace(/, ".*" is not valid JSON$/s, '');
		const at = pos ? Number(pos[1]) : jsonErrorOffset(text);
		return fail(`invalid JSON: ${clean}`, at >= 0 ? { line: lineOf(text, at) } : {});
	}
	if (forbidden) return fail(`the key "${forbidden}" is not allowed`);
	return { ok: true, value };
}

/** Stable, readable canonical JSON: two-space indent and a final newline. */
export function toJson(value: unknown): string {
	return JSON.stringify(value, null, 2) + '\n';
}
