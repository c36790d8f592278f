// ClassReportSession: the teacher's class report on /class/: the class code, then the
// students' result files (picked or dropped, any number, in any order). Every file is
// size-checked and read as UTF-8 here, then buildClassReport regrades it. Files are kept
// in memory only: they stay on the teacher's disk, and adding them again rebuilds the
// same report.
import type { QuestionSet } from '$lib/core/bank/schema';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import type { DecodedClassQuiz } from '$lib/core/classroom/code';
import { findClassQuiz } from './class-quiz.svelte';
import {
	buildClassReport,
	reportToCsv,
	type ClassReport,
	type HandInFile
} from '$lib/core/classroom/class-results';

/** A hand-in file is a few KB; anything over this is not one. */
export const HANDIN_FILE_MAX_BYTES = 1024 * 1024;

/** A file as the report needs it (a File, or bytes with a name in tests). */
export interface ReportFile {
	name: string;
	size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

export interface RejectedFile {
	name: string;
	reason: string;
}

/** Reads chosen files as text: too large or not UTF-8 is refused with its reason. */
export async function readHandInFiles(
	list: Iterable<ReportFile>
): Promise<{ added: HandInFile[]; rejected: RejectedFile[] }> {
	const added: HandInFile[] = [];
	const rejected: RejectedFile[] = [];
	for (const file of list) {
		const name = file.name || 'unnamed file';
		if (file.size > HANDIN_FILE_MAX_BYTES) {
			rejected.push({
				name,
				reason: `too large for a result file (${(file.size / 1024 / 1024).toFixed(1)} MB; result files are a few KB, at most 1 MB)`
			});
			continue;
		}
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
			added.push({ name, text });
		} catch (e) {
			rejected.push({
				name,
				reason:
					e instanceof TypeError
						? 'not a text file (not UTF-8): choose the .studydeck-handin.json file'
						: 'the file could not be read; try adding it again'
			});
		}
	}
	return { added, rejected };
}

export class ClassReportSession {
	readonly #deps: AppDeps;

	codeError = $state<string | null>(null);
	/** The report could not be built (e.g. the set is missing). */
	problem = $state<string | null>(null);
	reading = $state(false);
	files = $state.raw<HandInFile[]>([]);
	/** Files refused before reading: too large, not text. */
	rejected = $state.raw<RejectedFile[]>([]);
	report = $state.raw<ClassReport | null>(null);

	#decoded = $state.raw<DecodedClassQuiz | null>(null);
	#set: QuestionSet | null = null;

	constructor(deps: Deps = {}) {
		this.#deps = appDeps(deps);
	}

	get decoded(): DecodedClassQuiz | null {
		return this.#decoded;
	}

	get setTitle(): string | undefined {
		return this.#set?.title;
	}

	/** Reads the class code (typed, pasted or a join link) and finds its set on this device. */
	async setCode(input: string): Promise<boolean> {
		this.codeError = null;
		const found = await findClassQuiz(input, this.#deps.catalog);
		if (!found.ok) {
			this.codeError =
				found.kind === 'missing'
					? `This code is for ${found.setId ? `the set with id “${found.setId}”` : 'a set'}, which is not on this device. Open the report on the device that made the code, or import the set first.`
					: found.message;
			return false;
		}
		this.#decoded = found.decoded;
		this.#set = found.set;
		this.report = null;
		await this.#rebuild();
		return true;
	}

	/** Another class code: forgets the code, keeps nothing else. */
	changeCode(): void {
		this.#decoded = null;
		this.#set = null;
		this.files = [];
		this.rejected = [];
		this.report = null;
		this.problem = null;
	}

	async addFiles(list: Iterable<ReportFile>): Promise<void> {
		this.reading = true;
		const { added, rejected } = await readHandInFiles(list);
		this.files = [...this.files, ...added];
		this.rejected = [...this.rejected, ...rejected];
		await this.#rebuild();
		this.reading = false;
	}

	/** Starts over with no files (same code). */
	clearFiles(): void {
		this.files = [];
		this.rejected = [];
		void this.#rebuild();
	}

	async #rebuild(): Promise<void> {
		const d = this.#decoded;
		const set = this.#set;
		if (!d || !set) return;
		const r = await buildClassReport(d, set, this.files);
		if (r.ok) {
			this.report = r.value;
			this.problem = null;
		} else {
			this.report = null;
			this.problem = r.problems.map((p) => p.message).join('; ');
		}
	}

	/** The report as a CSV download. */
	csvFile(): { name: string; text: string; mime: string } | undefined {
		const r = this.report;
		if (!r) return undefined;
		return {
			name: `class-report-${r.code}.csv`,
			text: reportToCsv(r),
			mime: 'text/csv;charset=utf-8'
		};
	}
}
