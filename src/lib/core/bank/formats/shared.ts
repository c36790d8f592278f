// Helpers shared by the text importers (GIFT, Aiken, CSV): ids that are valid and safe,
// tags that cannot become dangerous keys, and validation problems pointed at lines.
import { LIMITS, type QuestionSet } from '../schema';
import { parseSet } from '../validate';
import type { Problem, Result } from '../problems';
import { FORBIDDEN_KEYS } from './json';

/** What a text import yields: a whole valid set, plus what could not be carried over. */
export interface Imported {
	set: QuestionSet;
	warnings: Problem[];
}

export interface ImportOptions {
	/** The new set's id (default "imported"). */
	setId?: string;
	/** The new set's title (default "Imported questions"). */
	title?: string;
}

const VALID_ID = /^[a-z0-9][a-z0-9._-]*$/i;

export const isForbiddenKey = (s: string) => FORBIDDEN_KEYS.has(s.trim().toLowerCase());

/** Normalizes line ends so line numbers count "\n" only. */
export const normalizeNewlines = (text: string) =>
	text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/**
 * A valid id from a free-text name: kept exactly when it already is one (so our own ids
 * survive a round trip), otherwise lower-cased with other characters folded to "-".
 */
export function slugify(name: string): string {
	const trimmed = name.trim();
	if (VALID_ID.test(trimmed) && trimmed.length <= LIMITS.idLength) return trimmed;
	return trimmed
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9._-]+/g, '-')
		.replace(/^[^a-z0-9]+/, '')
		.slice(0, LIMITS.idLength)
		.replace(/[^a-z0-9]+$/, '');
}

/** Hands out unique ids; names that would be prototype keys get a "q-" prefix. */
export class IdAllocator {
	#taken = new Set<string>();

	/** Marks ids as used without handing them out (e.g. ids already in a set). */
	reserve(ids: Iterable<string>): void {
		for (const id of ids) this.#taken.add(id.toLowerCase());
	}

	claim(wanted: string, fallback: string): string {
		let base = slugify(wanted) || fallback;
		if (isForbiddenKey(base)) base = `q-${base}`;
		let id = base;
		for (let n = 2; this.#taken.has(id.toLowerCase()); n++) {
			const suffix = `-${n}`;
			id = base.slice(0, LIMITS.idLength - suffix.length) + suffix;
		}
		this.#taken.add(id.toLowerCase());
		return id;
	}
}

/** Drops empty and prototype-named tags and repeats; reports the dangerous ones. */
export function cleanTags(
	tags: readonly string[],
	warn: (message: string) => void
): string[] | undefined {
	const out: string[] = [];
	for (const raw of tags) {
		const tag = raw.trim();
		if (!tag) continue;
		if (isForbiddenKey(tag)) {
			warn(`the tag "${tag}" is not allowed; left out`);
			continue;
		}
		if (!out.includes(tag)) out.push(tag);
	}
	return out.length ? out : undefined;
}

/**
 * Validates an assembled set; a problem inside `questions[i]` gets the line that question
 * started on, so a teacher can find it in the file.
 */
export function validateWithLines(
	input: unknown,
	lines: readonly number[],
	warnings: Problem[]
): Result<Imported> {
	const result = parseSet(input);
	if (result.ok) return { ok: true, value: { set: result.value, warnings } };
	return {
		ok: false,
		problems: result.problems.map((p) => {
			const m = /^questions\[(\d+)\]/.exec(p.path);
			const line = m ? lines[Number(m[1])] : undefined;
			return line !== undefined && p.line === undefined ? { ...p, line } : p;
		})
	};
}

/** A short label for a question in messages: its title, else the start of its text. */
export function label(title: string | undefined, text: string): string {
	const s = (title || text).replace(/\s+/g, ' ').trim();
	return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Plain text from HTML without interpreting it: tags dropped, a few entities decoded. */
export function htmlToText(html: string): string {
	return decodeEntities(
		html
			.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<br\s*\/?>/gi, '\n')
			.replace(/<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
			.replace(/<\/?[a-z][^>]*>/gi, '')
	)
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n');
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0'
};

function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
		const code =
			name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
		const ok = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
		return ok ? String.fromCodePoint(code) : '\ufffd';
	});
}
