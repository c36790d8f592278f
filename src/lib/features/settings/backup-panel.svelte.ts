// Settings → Your data: backup export and import, the database check, and erasing.
// Import is two steps: read and validate the file (nothing written), show what it holds,
// and only on confirmation replace everything in one transaction.
import {
	BackupCancelledError,
	BackupError,
	CheckCancelledError,
	countCards,
	countReviews,
	getMeta,
	isClean,
	setMeta,
	wipeDatabase,
	type BackupCounts,
	type BackupProgress,
	type CheckProgress,
	type CheckReport
} from '$lib/platform/storage';
import type { AppDeps } from '$lib/platform/deps';
import { backupFileName, FileTooLargeError, type TextFile } from '$lib/platform/files';
import { inPageBackupJobs, type BackupJobs } from './backup-jobs';
import type { BundledQuestionIds } from './check-run';

export type ImportState =
	| { kind: 'idle' }
	| { kind: 'reading'; name: string; progress?: BackupProgress }
	| { kind: 'invalid'; name: string; message: string; details: string[] }
	| {
			kind: 'preview';
			name: string;
			incoming: BackupCounts;
			/** What is on this device now and would be replaced. */
			current: { cards: number; reviews: number };
	  }
	| { kind: 'importing'; name: string; progress?: BackupProgress }
	| { kind: 'cancelled'; name: string }
	| { kind: 'done'; name: string; counts: BackupCounts }
	| { kind: 'failed'; message: string };

export type CheckState =
	| { kind: 'idle' }
	| { kind: 'running'; progress?: CheckProgress }
	| { kind: 'cancelled' }
	| { kind: 'done'; report: CheckReport; clean: boolean }
	| { kind: 'failed'; message: string };

export type EraseState =
	| { kind: 'idle' }
	| { kind: 'confirm' }
	| { kind: 'erasing' }
	| { kind: 'done' }
	| { kind: 'failed'; message: string };

export type ExportState =
	| { kind: 'idle' }
	| { kind: 'working' }
	| { kind: 'done'; name: string }
	| { kind: 'failed'; message: string };

/** Saves a named text file (a download in the browser). */
export type SaveFile = (name: string, text: string | Blob) => void;

export interface BackupPanelOptions {
	save: SaveFile;
	/** Where the long jobs run: a Worker in the browser, the page in tests. */
	jobs?: BackupJobs;
	/** Called after an import or erase replaced the data, so other panels reload. */
	onReplaced?: () => void | Promise<void>;
}

/** Turns a validation failure into one plain sentence plus the details behind it. */
export function describeImportError(e: unknown): { message: string; details: string[] } {
	if (e instanceof FileTooLargeError)
		return { message: `${e.message} Nothing was changed.`, details: [] };
	if (e instanceof BackupError) {
		const first = e.problems[0] ?? '';
		if (first.includes('invalid JSON'))
			return {
				message: 'This file is not a backup: it is not valid JSON. Nothing was changed.',
				details: e.problems.slice(0, 5)
			};
		if (first.startsWith('too large'))
			return { message: `This file is ${first}. Nothing was changed.`, details: [] };
		if (first === 'this is not a Studydeck backup')
			return {
				message:
					'This file is not a Studydeck backup. Choose a file made with Export. Nothing was changed.',
				details: []
			};
		if (first.startsWith('backup version'))
			return {
				message:
					'This backup was made by a version of Studydeck this one cannot read. Nothing was changed.',
				// The raw "backup version 99/undefined" is for developers, not students.
				details: []
			};
		return {
			message: 'This backup is damaged, so it cannot be restored. Nothing was changed.',
			details: e.problems.slice(0, 5)
		};
	}
	const text = e instanceof Error ? e.message : String(e);
	return { message: `The file could not be read (${text}). Nothing was changed.`, details: [] };
}

export const CHECK_LINES: readonly [keyof CheckReport, string, string][] = [
	[
		'rebuiltCards',
		'damaged card rebuilt from its answers',
		'damaged cards rebuilt from their answers'
	],
	['mendedCards', 'damaged card mended', 'damaged cards mended'],
	['invalidCards', 'damaged card removed', 'damaged cards removed'],
	['mendedReviews', 'damaged review mended', 'damaged reviews mended'],
	['invalidReviews', 'damaged review removed', 'damaged reviews removed'],
	['orphanReviews', 'review of a missing card removed', 'reviews of missing cards removed'],
	['orphanMedia', 'image of a deleted set removed', 'images of deleted sets removed'],
	['leechFlags', 'leech mark added', 'leech marks added'],
	['meta', 'setting or version record rewritten', 'settings or version records rewritten'],
	['tallies', 'quarter hour of stats recounted', 'quarter hours of stats recounted'],
	['cardCounts', 'card count recounted', 'card counts recounted']
];

export class BackupPanel {
	#deps: AppDeps;
	#options: BackupPanelOptions;
	#jobs: BackupJobs;

	#lastBackupAt = $state<number | undefined>();
	#export = $state<ExportState>({ kind: 'idle' });
	#import = $state<ImportState>({ kind: 'idle' });
	#check = $state<CheckState>({ kind: 'idle' });
	#erase = $state<EraseState>({ kind: 'idle' });

	constructor(deps: AppDeps, options: BackupPanelOptions) {
		this.#deps = deps;
		this.#options = options;
		this.#jobs = options.jobs ?? inPageBackupJobs(() => deps.open());
	}

	get lastBackupAt(): number | undefined {
		return this.#lastBackupAt;
	}
	get exportState(): ExportState {
		return this.#export;
	}
	get importState(): ImportState {
		return this.#import;
	}
	get checkState(): CheckState {
		return this.#check;
	}
	get eraseState(): EraseState {
		return this.#erase;
	}

	async load(): Promise<void> {
		try {
			this.#lastBackupAt = await getMeta(await this.#deps.open(), 'lastBackupAt');
		} catch (e) {
			this.#deps.showError(e);
		}
	}

	/** Writes the backup file, then records when (after reading, so the file itself is
	 * the data as it was: export → import → export stays byte-identical). */
	async exportNow(): Promise<void> {
		this.#export = { kind: 'working' };
		try {
			const db = await this.#deps.open();
			const text = await this.#jobs.exportText();
			const now = this.#deps.now();
			const name = backupFileName(now);
			this.#options.save(name, text);
			await setMeta(db, 'lastBackupAt', now);
			this.#lastBackupAt = now;
			this.#export = { kind: 'done', name };
		} catch (e) {
			this.#export = { kind: 'failed', message: this.#deps.showError(e) };
		}
	}

	/** Step 1 of import: read and validate the file, then show what it holds. */
	async choose(file: TextFile): Promise<void> {
		this.#import = { kind: 'reading', name: file.name };
		let counts: BackupCounts;
		try {
			counts = await this.#jobs.check(file, (progress) => {
				if (this.#import.kind === 'reading')
					this.#import = { kind: 'reading', name: file.name, progress };
			});
		} catch (e) {
			this.#import =
				e instanceof BackupCancelledError
					? { kind: 'idle' }
					: { kind: 'invalid', name: file.name, ...describeImportError(e) };
			return;
		}
		try {
			const db = await this.#deps.open();
			const [cards, reviews] = await Promise.all([countCards(db), countReviews(db)]);
			this.#import = {
				kind: 'preview',
				name: file.name,
				incoming: counts,
				current: { cards, reviews }
			};
		} catch (e) {
			this.#jobs.discard();
			this.#import = { kind: 'failed', message: this.#deps.showError(e) };
		}
	}

	/** Cancel: drops a file being read or waiting for confirmation, or stops a restore
	 * part-way, which writes nothing (the old data stays exactly as it was). */
	cancelImport(): void {
		const state = this.#import;
		if (state.kind === 'importing' || state.kind === 'reading') this.#jobs.cancel();
		else this.#jobs.discard();
		this.#import =
			state.kind === 'importing' ? { kind: 'cancelled', name: state.name } : { kind: 'idle' };
	}

	/** Step 2: replace everything with the file's data, or change nothing. */
	async confirmImport(): Promise<void> {
		const state = this.#import;
		if (state.kind !== 'preview') return;
		this.#import = { kind: 'importing', name: state.name };
		try {
			const counts = await this.#jobs.restore((progress) => {
				if (this.#import.kind === 'importing')
					this.#import = { kind: 'importing', name: state.name, progress };
			});
			this.#import = { kind: 'done', name: state.name, counts };
			await this.load();
			await this.#options.onReplaced?.();
		} catch (e) {
			if (e instanceof BackupCancelledError) {
				this.#import = { kind: 'cancelled', name: state.name };
				return;
			}
			this.#import =
				e instanceof BackupError
					? { kind: 'invalid', name: state.name, ...describeImportError(e) }
					: { kind: 'failed', message: this.#deps.showError(e) };
		}
	}

	/** Runs the check in the jobs' Worker (the page in tests), with progress. */
	async checkNow(): Promise<void> {
		if (this.#check.kind === 'running') return;
		this.#check = { kind: 'running' };
		try {
			// The bundled sets load here while the check reads the database in its Worker.
			const known = bundledQuestionIds(this.#deps);
			const report = await this.#jobs.checkDatabase(known, (progress) => {
				if (this.#check.kind === 'running') this.#check = { kind: 'running', progress };
			});
			this.#check = { kind: 'done', report, clean: isClean(report) };
		} catch (e) {
			if (e instanceof CheckCancelledError) this.#check = { kind: 'cancelled' };
			else this.#check = { kind: 'failed', message: this.#deps.showError(e) };
		}
	}

	/** Stops a running check; it repairs nothing (its one transaction rolls back). */
	cancelCheck(): void {
		if (this.#check.kind !== 'running') return;
		this.#jobs.cancelCheck();
		this.#check = { kind: 'cancelled' };
	}

	askErase(): void {
		this.#erase = { kind: 'confirm' };
	}

	cancelErase(): void {
		this.#erase = { kind: 'idle' };
	}

	async confirmErase(): Promise<void> {
		if (this.#erase.kind !== 'confirm') return;
		this.#erase = { kind: 'erasing' };
		try {
			await wipeDatabase(await this.#deps.open());
			this.#erase = { kind: 'done' };
			this.#check = { kind: 'idle' };
			await this.load();
			await this.#options.onReplaced?.();
		} catch (e) {
			this.#erase = { kind: 'failed', message: this.#deps.showError(e) };
		}
	}
}

/** The bundled sets' question ids, for the database check to report orphaned cards (it
 * reads the device's own sets itself). A set that cannot be fetched right now (offline) is
 * left out, so its cards are not judged. */
async function bundledQuestionIds(deps: AppDeps): Promise<BundledQuestionIds> {
	let sets: string[];
	try {
		sets = (await deps.catalog.bundled()).map((s) => s.id);
	} catch {
		return { sets: null, questions: [] };
	}
	const loaded = await Promise.all(
		sets.map((id) =>
			deps.catalog.bundledSet(id).then(
				(set) => set?.questions.map((q) => q.id),
				() => undefined
			)
		)
	);
	return {
		sets,
		questions: sets.flatMap((id, i) => {
			const ids = loaded[i];
			return ids ? [[id, ids] as [string, string[]]] : [];
		})
	};
}
