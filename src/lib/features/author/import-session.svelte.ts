// One import, from a file, a drop or a paste: read → preview (what will be imported,
// warnings, line-numbered errors) → the teacher presses Import. Nothing is written before
// that, and only a whole valid set is. The format readers load lazily (ARCHITECTURE.md "Performance budgets").
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { LIMITS, type Question, type QuestionSet } from '$lib/core/bank/schema';
import { countByType } from '$lib/core/bank/validate';
import { formatProblem } from '$lib/core/bank/problems';
import { listSets } from '$lib/platform/storage';
import { saveSetClearingDraft } from '$lib/platform/storage/drafts';
import type { Format } from '$lib/core/bank/formats';
import { slugify, uniqueId } from '$lib/core/authoring/ids';
import { parseImport } from './parse-import';
import type { AnkiReader } from '$lib/platform/anki/reader';
import { APKG_LIMITS } from '$lib/core/bank/formats/anki/limits';
import type { ApkgPreview, QuestionHistory } from '$lib/core/bank/formats/anki/convert';
import type { MediaFile } from '$lib/core/bank/media';
import { getSrsSettings } from '$lib/platform/storage/settings';
import { saveImportedSets } from '$lib/platform/storage/imported-sets';

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

/** An Anki deck's own choices: one set or one per deck, and whether to bring its history. */
export interface AnkiChoice {
	counts: ApkgPreview;
	mode: 'single' | 'decks';
	history: boolean;
	/** The sets that will be written (one, or one per deck). */
	sets: QuestionSet[];
	/** Questions that have Anki reviews to replay. */
	withHistory: number;
	/** Images the questions show that will be stored with them. */
	images: number;
}

export interface ImportPreview {
	set: QuestionSet;
	/** Present for an Anki deck. */
	anki?: AnkiChoice;
	/** Question count per type, only the types present. */
	counts: [Question['type'], number][];
	warnings: string[];
	/** Where the set came from, for the heading: a file name or "pasted text". */
	from: string;
	format: Format | 'apkg';
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

/** AppDeps plus the import's own seams: text → set (large text is parsed in a Worker), and
 * the Anki deck reader (in a worker too), loaded on the first .apkg. */
export interface ImportDeps extends Deps {
	parse?: typeof parseImport;
	anki?: () => Promise<AnkiReader>;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A file as the session needs it (a File, or bytes with a name in tests). */
export interface ImportFile {
	name: string;
	size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

export class ImportSession {
	#deps: AppDeps;
	#parse: typeof parseImport;
	#ankiReader: () => Promise<AnkiReader>;
	// Raw: stages are replaced whole, and the set must reach IndexedDB as plain data (a proxy cannot be cloned).
	stage = $state.raw<ImportStage>({ kind: 'idle' });

	constructor(deps: ImportDeps = {}) {
		this.#deps = appDeps(deps);
		this.#parse = deps.parse ?? parseImport;
		this.#ankiReader =
			deps.anki ?? (async () => (await import('$lib/platform/anki/reader')).workerReader());
	}

	async #bundledIds(): Promise<string[]> {
		return (await this.#deps.catalog.bundled()).map((s) => s.id);
	}

	reset(): void {
		this.stage = { kind: 'idle' };
		this.#anki = undefined;
	}

	async readFile(file: ImportFile): Promise<void> {
		const from = file.name || 'the file';
		this.stage = { kind: 'reading', from };
		this.#anki = undefined;
		if (/\.apkg$/i.test(file.name.trim())) return this.#readApkg(file, from);
		const formats = await import('$lib/core/bank/formats');
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
		this.#anki = undefined;
		await this.#read(text, format, 'pasted text', 'Pasted questions');
	}

	async #read(text: string, format: Format, from: string, title: string): Promise<void> {
		this.stage = { kind: 'reading', from };
		let result: Awaited<ReturnType<typeof parseImport>>;
		try {
			result = await this.#parse(text, format, { setId: slugify(title, 'imported'), title });
		} catch (e) {
			this.#fail(from, [
				`the text could not be read: ${e instanceof Error ? e.message : String(e)}`
			]);
			return;
		}
		if (!result.ok) {
			this.#fail(from, result.problems.map(formatProblem));
			return;
		}
		const { set, warnings } = result.value;
		let clash: ImportPreview['clash'] = 'none';
		try {
			const [bundled, device] = await Promise.all([
				this.#bundledIds().catch(() => [] as string[]),
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

	#reader: Promise<AnkiReader> | undefined;
	#anki:
		{ from: string; title: string; history: QuestionHistory[]; media: MediaFile[] } | undefined;

	async #readApkg(file: ImportFile, from: string): Promise<void> {
		// Refuse before reading a huge file into memory.
		if (file.size > APKG_LIMITS.fileBytes) {
			this.#fail(from, [
				`too large: ${mb(file.size)}; an Anki deck may be at most ${mb(APKG_LIMITS.fileBytes)}`
			]);
			return;
		}
		let reader: AnkiReader;
		try {
			reader = await (this.#reader ??= this.#ankiReader());
		} catch {
			this.#reader = undefined;
			this.#fail(from, [
				'the Anki reader could not load; connect to the internet once and try again'
			]);
			return;
		}
		const title = file.name.replace(/\.apkg$/i, '').trim() || 'Anki deck';
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			this.#anki = { from, title, history: [], media: [] };
			await this.#convert(reader, bytes, { mode: 'single', history: false });
		} catch (e) {
			this.#anki = undefined;
			this.#fail(from, [e instanceof Error ? e.message : String(e)]);
		}
	}

	/** Re-reads the open Anki deck with other choices; nothing is written. */
	async setAnkiOptions(choice: { mode?: 'single' | 'decks'; history?: boolean }): Promise<void> {
		if (!this.#anki || !this.#reader) return;
		const current = this.stage.kind === 'preview' ? this.stage.preview.anki : undefined;
		try {
			await this.#convert(await this.#reader, undefined, {
				mode: choice.mode ?? current?.mode ?? 'single',
				history: choice.history ?? current?.history ?? false
			});
		} catch (e) {
			this.#fail(this.#anki.from, [e instanceof Error ? e.message : String(e)]);
		}
	}

	async #convert(
		reader: AnkiReader,
		bytes: Uint8Array | undefined,
		{ mode, history }: { mode: 'single' | 'decks'; history: boolean }
	): Promise<void> {
		const open = this.#anki;
		if (!open) return;
		const result = await reader.read(bytes, {
			mode,
			setId: slugify(open.title, 'anki'),
			title: open.title
		});
		if (!result.ok) {
			this.#fail(open.from, result.problems.map(formatProblem));
			return;
		}
		const { sets, preview, history: entries, media } = result.value;
		open.history = entries;
		open.media = media;
		const first = sets[0]!.set;
		const clash = mode === 'single' ? await this.#clash(first.id) : 'none';
		if (clash === undefined) return;
		const all = sets.map((s) => s.set);
		const totals = all.map(countByType);
		const counts = (Object.keys(totals[0]!) as Question['type'][])
			.map((t): [Question['type'], number] => [t, totals.reduce((n, c) => n + c[t], 0)])
			.filter(([, n]) => n > 0);
		this.stage = {
			kind: 'preview',
			preview: {
				set: first,
				anki: {
					counts: preview,
					mode,
					history,
					sets: all,
					withHistory: entries.length,
					images: media.length
				},
				counts,
				warnings: sets.flatMap((s) => s.warnings).map(formatProblem),
				from: open.from,
				format: 'apkg',
				clash
			}
		};
	}

	async #clash(id: string): Promise<ImportPreview['clash'] | undefined> {
		try {
			const [bundled, device] = await Promise.all([
				this.#bundledIds().catch(() => [] as string[]),
				this.#deps.open().then(listSets)
			]);
			if (bundled.includes(id)) return 'bundled';
			if (device.some((s) => s.set.id === id)) return 'device';
			return 'none';
		} catch (e) {
			this.#fail(this.#anki?.from ?? 'the file', [
				`could not check the sets on this device: ${String(e)}`
			]);
			return undefined;
		}
	}

	/** Writes an Anki deck's sets (and, if chosen, its replayed history) in one transaction. */
	async #confirmAnki(
		preview: ImportPreview & { anki: AnkiChoice },
		as: 'new' | 'replace' | 'copy'
	) {
		const db = await this.#deps.open();
		const taken = [
			...(await this.#bundledIds().catch(() => [] as string[])),
			...(await listSets(db)).map((s) => s.set.id)
		];
		// Decks always arrive as new sets; a single set follows the clash choice.
		const rename = preview.anki.mode === 'decks' || as === 'copy';
		const sets = preview.anki.sets.map((set) => {
			const id = rename ? uniqueId(set.id, taken) : set.id;
			taken.push(id);
			return id === set.id ? set : { ...set, id };
		});
		const newId = (old: string) =>
			sets[preview.anki.sets.findIndex((s) => s.id === old)]?.id ?? old;
		let progress: Parameters<typeof saveImportedSets>[2] = { cards: [], reviews: [] };
		if (preview.anki.history && this.#anki && this.#reader) {
			const entries = this.#anki.history.map((h) => ({ ...h, setId: newId(h.setId) }));
			progress = await (await this.#reader).replay(entries, await getSrsSettings(db));
		}
		const media = (this.#anki?.media ?? []).map((m) => ({ ...m, setId: newId(m.setId) }));
		await saveImportedSets(db, sets, progress, this.#deps.now(), media);
		const count = sets.reduce((n, s) => n + s.questions.length, 0);
		const title = sets.length === 1 ? sets[0]!.title : `${sets.length} sets from ${preview.from}`;
		this.stage = { kind: 'done', id: sets[0]!.id, title, count };
		this.#anki = undefined;
		return sets[0]!.id;
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
		if (preview.anki?.mode !== 'decks') {
			if (preview.clash === 'bundled' && as !== 'copy') return undefined;
			if (preview.clash === 'device' && as === 'new') return undefined;
		}
		this.stage = { kind: 'saving' };
		try {
			if (preview.anki) return await this.#confirmAnki({ ...preview, anki: preview.anki }, as);
			const db = await this.#deps.open();
			let set = preview.set;
			if (as === 'copy') {
				const taken = [
					...(await this.#bundledIds().catch(() => [] as string[])),
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
