// One door for every import and export: the guards all formats share (size, binary
// content, encoding), then dispatch by format. The authoring page loads this lazily.
import { LIMITS, type QuestionSet } from '../schema';
import { parseSet } from '../validate';
import { fail, type Problem, type Result } from '../problems';
import { parseJson, toJson, tooLargeMessage, utf8Bytes } from './json';
import { giftExportWarnings, parseGift, toGift } from './gift';
import { parseAiken, toAiken } from './aiken';
import { parseDelimited, toDelimited } from './csv';
import { parseMoodleXml, toMoodleXml } from './moodle';
import type { ImportOptions, Imported } from './shared';

export type { ImportOptions, Imported } from './shared';

export const FORMATS = ['json', 'gift', 'aiken', 'csv', 'tsv', 'moodle'] as const;
export type Format = (typeof FORMATS)[number];

const EXTENSIONS: Record<string, Format> = {
	json: 'json',
	gift: 'gift',
	txt: 'aiken',
	csv: 'csv',
	tsv: 'tsv',
	xml: 'moodle'
};

export const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

/** The format a file name implies (`.txt` is Aiken, as Moodle names it), if any. */
export function formatFromFileName(name: string): Format | undefined {
	const m = /\.([a-z0-9]+)$/i.exec(name.trim());
	return m ? EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

export const EXTENSION_OF: Record<Format, string> = {
	json: '.json',
	gift: '.gift',
	aiken: '.txt',
	csv: '.csv',
	tsv: '.tsv',
	moodle: '.xml'
};

const BINARY = 'this looks like a binary file, not text';
const NOT_UTF8 = 'not UTF-8 text; save it as UTF-8 and try again';

/** Counts control characters other than tab, new line, carriage return and form feed. */
function looksBinary(text: string): boolean {
	const sample = text.length > 65536 ? text.slice(0, 65536) : text;
	let controls = 0;
	for (let i = 0; i < sample.length; i++) {
		const c = sample.charCodeAt(i);
		if (c === 0) return true;
		if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127) controls++;
	}
	return controls > Math.max(8, sample.length / 100);
}

/** Size and binary guards for text that arrives already decoded (a paste, a string). */
export function checkText(text: string): Problem | undefined {
	const bytes = utf8Bytes(text);
	if (bytes > LIMITS.fileBytes) return { path: '', message: tooLargeMessage(bytes) };
	if (looksBinary(text)) return { path: '', message: BINARY };
	return undefined;
}

/**
 * File bytes → text: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else is
 * refused rather than guessed (a Latin-1 guess would silently garble accents).
 */
export function decodeBytes(bytes: Uint8Array): Result<string> {
	if (bytes.length > LIMITS.fileBytes) return fail(tooLargeMessage(bytes.length));
	let encoding = 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
	else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
	else if (bytes.includes(0)) {
		// UTF-16 without a BOM has a zero in every other byte of plain Latin text.
		let zeros = 0;
		for (let i = 0; i < Math.min(bytes.length, 512); i++) if (bytes[i] === 0) zeros++;
		return fail(
			zeros > Math.min(bytes.length, 512) / 3
				? 'this looks like UTF-16 text without a byte-order mark; save it as UTF-8'
				: BINARY
		);
	}
	let text: string;
	try {
		// TextDecoder drops the BOM itself (ignoreBOM defaults to false).
		text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch {
		return fail(encoding === 'utf-8' ? NOT_UTF8 : `not valid ${encoding.toUpperCase()} text`);
	}
	const problem = checkText(text);
	return problem ? { ok: false, problems: [problem] } : { ok: true, value: text };
}

/** Text in any supported format → a whole valid set, or the problems (with lines). */
export function importText(
	text: string,
	format: Format,
	opts: ImportOptions = {}
): Result<Imported> {
	const guard = checkText(text);
	if (guard) return { ok: false, problems: [guard] };
	const result = parseFormat(text, format, opts);
	// An empty, comment-only or header-only file parses to nothing: that is a mistake
	// (the wrong file, a failed export), never a set worth importing.
	if (result.ok && result.value.set.questions.length === 0)
		return fail(text.trim() ? `no questions found: ${NO_QUESTIONS[format]}` : 'the file is empty');
	return result;
}

const NO_QUESTIONS: Record<Format, string> = {
	json: 'its "questions" list is empty',
	gift: 'the text holds only comments, categories or blank lines',
	aiken: 'an Aiken question is a line of text, its options as "A) …" lines, then "ANSWER: A"',
	csv: 'there is no row after the header',
	tsv: 'there is no row after the header',
	moodle: 'the quiz holds no question elements'
};

function parseFormat(text: string, format: Format, opts: ImportOptions): Result<Imported> {
	switch (format) {
		case 'json': {
			const parsed = parseJson(text);
			if (!parsed.ok) return parsed;
			const set = parseSet(parsed.value);
			return set.ok ? { ok: true, value: { set: set.value, warnings: [] } } : set;
		}
		case 'gift':
			return parseGift(text, opts);
		case 'aiken':
			return parseAiken(text, opts);
		case 'csv':
			return parseDelimited(text, opts);
		case 'tsv':
			return parseDelimited(text, { ...opts, separator: '\t' });
		case 'moodle':
			return parseMoodleXml(text, opts);
	}
}

export interface Exported {
	text: string;
	/** What the format could not carry (questions skipped, details lost). */
	warnings: Problem[];
}

export function exportSet(set: QuestionSet, format: Format): Exported {
	switch (format) {
		case 'json':
			return { text: toJson(set), warnings: [] };
		case 'gift':
			return { text: toGift(set), warnings: giftExportWarnings(set) };
		case 'aiken': {
			const { text, skipped } = toAiken(set);
			return { text, warnings: skipped };
		}
		case 'csv':
			return { text: toDelimited(set, ','), warnings: [] };
		case 'tsv':
			return { text: toDelimited(set, '\t'), warnings: [] };
		case 'moodle':
			return toMoodleXml(set);
	}
}
