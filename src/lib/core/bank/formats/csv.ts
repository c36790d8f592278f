// Anki / Quizlet style delimited text (`front<TAB>back[<TAB>tags]`) in and out. Written by
// hand rather than with papaparse (~7 KB gzip): the RFC 4180 reader is small, and we need
// the source line of every record for our problems, plus Anki's `#key:value` header lines.
import type { Problem, Result } from '../problems';
import type { QuestionSet } from '../schema';
import { answerText, frontText } from './answer-text';
import {
	IdAllocator,
	cleanTags,
	htmlToText,
	normalizeNewlines,
	validateWithLines,
	type ImportOptions,
	type Imported
} from './shared';

export interface DelimitedOptions extends ImportOptions {
	/** One character; detected (tab, semicolon, comma) when not given. */
	separator?: string;
}

interface Row {
	fields: string[];
	/** 1-based line the record starts on (a quoted field may span lines). */
	line: number;
}

const NAMED_SEPARATORS: Record<string, string> = {
	tab: '\t',
	comma: ',',
	semicolon: ';',
	space: ' ',
	pipe: '|',
	colon: ':'
};

const SEPARATOR_NAMES: Record<string, string> = { '\t': 'Tab', ',': 'Comma', ';': 'Semicolon' };

const HEADERS: [string, string][] = [
	['front', 'back'],
	['term', 'definition'],
	['question', 'answer']
];

/** RFC 4180 records: quoted fields may hold the separator, `""` and new lines. */
function records(text: string, sep: string, firstLine: number): { rows: Row[]; error?: Problem } {
	const rows: Row[] = [];
	const n = text.length;
	let i = 0;
	let line = firstLine;
	while (i < n) {
		const start = line;
		const fields: string[] = [];
		for (;;) {
			let field = '';
			if (text[i] === '"') {
				i++;
				for (;;) {
					if (i >= n)
						return {
							rows,
							error: {
								path: '',
								line: start,
								message: 'a quoted field is not closed (a " is missing)'
							}
						};
					const c = text[i]!;
					if (c === '"') {
						if (text[i + 1] === '"') {
							field += '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (c === '\n') line++;
					field += c;
					i++;
				}
			}
			// Unquoted text (or stray text after a closing quote, kept as Excel does).
			let end = i;
			while (end < n && text[end] !== sep && text[end] !== '\n') end++;
			field += text.slice(i, end);
			i = end;
			fields.push(field);
			if (text[i] === sep) {
				i++;
				continue;
			}
			break;
		}
		if (text[i] === '\n') {
			i++;
			line++;
		}
		rows.push({ fields, line: start });
	}
	return { rows };
}

const isHeader = (fields: string[]) => {
	const names = fields.map((f) => f.trim().toLowerCase());
	return HEADERS.some(([a, b]) => names[0] === a && names[1] === b);
};

function detectSeparator(body: string): string | undefined {
	const head = body.split('\n').slice(0, 20);
	const sample = head.join('\n');
	const candidates = ['\t', ';', ','];
	const firstLine = head[0] ?? '';
	for (const sep of candidates) if (isHeader(firstLine.split(sep))) return sep;
	let best: string | undefined;
	let bestRows = 0;
	for (const sep of candidates) {
		const rows = records(sample, sep, 1).rows.filter((r) => r.fields.some((f) => f.trim()));
		const counts = new Set(rows.map((r) => r.fields.length));
		const usable = rows.filter((r) => r.fields.length >= 2).length;
		// A tab in every row settles it; otherwise the separator that splits rows alike.
		if (usable && counts.size === 1) return sep;
		if (usable > bestRows) [best, bestRows] = [sep, usable];
	}
	return best;
}

/** Reads Anki/Quizlet exports into flashcards: prompt = front, back = back, tags. */
export function parseDelimited(text: string, opts: DelimitedOptions = {}): Result<Imported> {
	const warnings: Problem[] = [];
	const lines = normalizeNewlines(text).split('\n');
	let separator = opts.separator;
	let html = false;
	let deck: string | undefined;
	let globalTags: string[] = [];
	const special = new Map<string, number>();
	let columnNames: string[] | undefined;
	let headerLines = 0;
	for (const raw of lines) {
		const m = /^#([a-z ]+):(.*)$/i.exec(raw);
		if (!m) break;
		headerLines++;
		const key = m[1]!.trim().toLowerCase();
		const value = m[2]!.trim();
		if (key === 'separator') separator ??= NAMED_SEPARATORS[value.toLowerCase()] ?? value;
		else if (key === 'html') html = value.toLowerCase() === 'true';
		else if (key === 'tags') globalTags = value.split(/\s+/);
		else if (key === 'deck') deck = value;
		else if (key === 'columns')
			columnNames = value.split(/\t|,|;/).map((c) => c.trim().toLowerCase());
		else if (/^(tags|guid|notetype|deck) column$/.test(key) && /^\d+$/.test(value))
			special.set(key.split(' ')[0]!, Number(value) - 1);
		else if (key !== 'notetype')
			warnings.push({ path: '', line: headerLines, message: `the header "#${m[1]}" is not used` });
	}
	const body = lines.slice(headerLines).join('\n');
	separator ??= detectSeparator(body);
	if (!separator || separator.length !== 1)
		return {
			ok: false,
			problems: [
				{ path: '', message: 'could not tell the separator; use one front<TAB>back pair per line' }
			]
		};
	const sep = separator;
	const { rows, error } = records(body, sep, headerLines + 1);
	if (error) return { ok: false, problems: [error] };
	const data = rows.filter((r) => r.fields.some((f) => f.trim()));
	if (data[0] && !columnNames && isHeader(data[0].fields))
		columnNames = data.shift()!.fields.map((f) => f.trim().toLowerCase());
	const tagsAt =
		special.get('tags') ?? (columnNames?.includes('tags') ? columnNames.indexOf('tags') : 2);
	const skip = new Set([...special.values(), tagsAt]);
	const sepName = SEPARATOR_NAMES[sep]?.toLowerCase() ?? `"${sep}"`;

	const problems: Problem[] = [];
	const ids = new IdAllocator();
	const questions: unknown[] = [];
	const at: number[] = [];
	let extraWarned = false;
	const clean = (s: string) => (html ? htmlToText(s) : s).trim();
	data.forEach((row, n) => {
		const cols = row.fields.flatMap((f, i) => (skip.has(i) ? [] : [f]));
		const [front = '', back = ''] = cols.map(clean);
		if (!front || !back) {
			problems.push({
				path: '',
				line: row.line,
				message: `needs a front and a back separated by ${sepName === 'tab' ? 'a tab' : `a ${sepName}`}`
			});
			return;
		}
		if (cols.length > 2 && !extraWarned) {
			extraWarned = true;
			warnings.push({
				path: '',
				line: row.line,
				message: 'columns after the front and back are not used'
			});
		}
		const rawTags = (row.fields[tagsAt] ?? '').trim();
		const tags = cleanTags([...globalTags, ...(rawTags ? rawTags.split(/\s+/) : [])], (m) =>
			warnings.push({ path: '', line: row.line, message: m })
		);
		questions.push({
			id: ids.claim(`q-${n + 1}`, `q-${n + 1}`),
			type: 'flashcard',
			prompt: front,
			back,
			...(tags ? { tags } : {})
		});
		at.push(row.line);
	});
	if (problems.length) return { ok: false, problems };
	return validateWithLines(
		{ id: opts.setId ?? 'imported', title: opts.title ?? deck ?? 'Imported cards', questions },
		at,
		warnings
	);
}

function quote(field: string, sep: string): string {
	return field.includes(sep) || /["\n\r]|^\s|\s$|^#/.test(field)
		? `"${field.replace(/"/g, '""')}"`
		: field;
}

/** Every question as front/back text, with the header lines Anki reads. */
export function toDelimited(set: QuestionSet, separator: string = '\t'): string {
	const hasTags = set.questions.some((q) => q.tags?.length);
	const name = SEPARATOR_NAMES[separator] ?? separator;
	const head = [`#separator:${name}`, '#html:false', ...(hasTags ? ['#tags column:3'] : [])];
	const rows = set.questions.map((q) => {
		const fields = [frontText(q), answerText(q)];
		if (hasTags) fields.push((q.tags ?? []).map((t) => t.replace(/\s+/g, '_')).join(' '));
		return fields.map((f) => quote(f, separator)).join(separator);
	});
	return [...head, ...rows].join('\n') + '\n';
}
