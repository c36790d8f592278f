// One import, from a file, a drop or a paste: read → preview (what will be imported,
// warnings, line-numbered errors) → the teacher presses Import. Nothing is written before
// that, and only a whole valid set is. The format readers load lazily (DESIGN.md §6).
import { database } from '$lib/app/database.svelte';
import { fetchSetIndex } from '$lib/library/sets';
import { LIMITS, type Question, type QuestionSet } from '$lib/bank/schema';
import { countByType } from '$lib/bank/validate';
import { formatProblem } from '$lib/bank/problems';
import { listSets, type Db } from '$lib/storage';
import { saveSetClearingDraft } from '$lib/storage/drafts';
import type { Format } from '$lib/bank/formats';
import { slugify, uniqueId } from './ids';

export type ImportFormat = Format;

export const FORMAT_LABELS: Record<Format, string> = {
	json: 'Studydeck JSON',
	gift: 'Moodle GIFT',
	aiken: 'Aiken (.txt)',
	csv: 'CSV (comma-separated)',
	tsv: 'TSV (tab-separated)',
	moodle: 'Moodle XML'
};

/** What the file input accepts. */
export const ACCEPT = '.json,.gift,.txt,.csv,.tsv,.xml,.apkg';

export interface ImportPreview {
	set: QuestionSet;
	/** Question count per type, only the types present. */
	counts: [Question['type'], number][];
	warnings: string[];
	/** Where the set came from, for the heading: a file name or "pasted text". */
	from: string;
	format: Format;
	/** The id is in use: on this device (may replace) or by a bundled set (copy only). */
	clash: 'none' | 'device' | 'bundled';
}

export type ImportStage =
	| { kind: 'idle' }
	| { kind: 'reading'; from: string }
	| { kind: 'problems'; from: string; problems: string[] }
	| { kind: 'preview'; preview: ImportPreview }
	| { kind: 'saving' }
	| { kind: 'done'; id: string; title: string; count: number };

export interface ImportDeps {
	open: () => Promise<Db>;
	now: () => number;
	bundledIds: () => Promise<string[]>;
}

const defaults = (): ImportDeps => ({
	open: () => database.open(),
	now: () => Date.now(),
	bundledIds: async () => (await fetchSetIndex(fetch)).map((s) => s.id)
});

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A file as the session needs it (a File, or bytes with a name in tests). */
export interface ImportFile {
	name: string;
	size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

export class ImportSession {
	#deps: ImportDeps;
	// Raw: stages are replaced whole, and the set must reach IndexedDB as plain data (a proxy cannot be cloned).
	stage = $state.raw<ImportStage>({ kind: 'idle' });

	constructor(deps: Partial<ImportDeps> = {}) {
		this.#deps = { ...defaults(), ...deps };
	}

	reset(): void {
		this.stage = { kind: 'idle' };
	}

	async readFile(file: ImportFile): Promise<void> {
		const from = file.name || 'the file';
		this.stage = { kind: 'reading', from };
		const formats = await import('$lib/bank/formats');
		const format = formats.formatFromFileName(file.name);
		if (!format) {
			this.#fail(from, [
				`"${file.name}" is not a file Studydeck can read: choose a .json, .gift, .txt (Aiken), .csv, .tsv, .xml (Moodle) or .apkg (Anki) file.`
			]);
			return;
		}
		// Refuse before reading a huge file into memory.
		if (file.size > LIMITS.fileBytes) {
			this.#fail(from, [`too large: ${mb(file.size)}, the limit is ${mb(LIMITS.fileBytes)}`]);
			return;
		}
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await file.arrayBuffer());
		} catch {
			this.#fail(from, ['the file could not be read; try again, or paste its text instead']);
			return;
		}
		const text = formats.decodeBytes(bytes);
		if (!text.ok) {
			this.#fail(from, text.problems.map(formatProblem));
			return;
		}
		const base = file.name.replace(/\.[a-z0-9]+$/i, '').trim() || 'Imported questions';
		await this.#read(text.value, format, from, base);
	}

	async readText(text: string, format: Format): Promise<void> {
		if (!text.trim()) {
			this.#fail('pasted text', ['nothing to import: paste the questions first']);
			return;
		}
		await this.#read(text, format, 'pasted text', 'Pasted questions');
	}

	async #read(text: string, format: Format, from: string, title: string): Promise<void> {
		this.stage = { kind: 'reading', from };
		const formats = await import('$lib/bank/formats');
		const result = formats.importText(text, format, { setId: slugify(title, 'imported'), title });
		if (!result.ok) {
			this.#fail(from, result.problems.map(formatProblem));
			return;
		}
		const { set, warnings } = result.value;
		let clash: ImportPreview['clash'] = 'none';
		try {
			const [bundled, device] = await Promise.all([
				this.#deps.bundledIds().catch(() => [] as string[]),
				this.#deps.open().then(listSets)
			]);
			if (bundled.includes(set.id)) clash = 'bundled';
			else if (device.some((s) => s.set.id === set.id)) clash = 'device';
		} catch (e) {
			this.#fail(from, [`could not check the sets on this device: ${String(e)}`]);
			return;
		}
		this.stage = {
			kind: 'preview',
			preview: {
				set,
				counts: Object.entries(countByType(set)).filter(([, n]) => n > 0) as [
					Question['type'],
					number
				][],
				warnings: warnings.map(formatProblem),
				from,
				format,
				clash
			}
		};
	}

	#fail(from: string, problems: string[]): void {
		this.stage = { kind: 'problems', from, problems };
	}

	/**
	 * Writes the previewed set. `as: 'copy'` stores it under a new id; `'replace'` overwrites
	 * the device set with the same id (its progress stays: it is keyed by question id).
	 */
	async confirm(as: 'new' | 'replace' | 'copy' = 'new'): Promise<string | undefined> {
		if (this.stage.kind !== 'preview') return undefined;
		const { preview } = this.stage;
		if (preview.clash === 'bundled' && as !== 'copy') return undefined;
		if (preview.clash === 'device' && as === 'new') return undefined;
		this.stage = { kind: 'saving' };
		try {
			const db = await this.#deps.open();
			let set = preview.set;
			if (as === 'copy') {
				const taken = [
					...(await this.#deps.bundledIds().catch(() => [] as string[])),
					...(await listSets(db)).map((s) => s.set.id)
				];
				set = { ...set, id: uniqueId(set.id, taken) };
			}
			await saveSetClearingDraft(db, set, 'imported', this.#deps.now());
			this.stage = { kind: 'done', id: set.id, title: set.title, count: set.questions.length };
			return set.id;
		} catch (e) {
			this.stage = { kind: 'preview', preview };
			throw e;
		}
	}
}
