// The author's list of sets: bundled ones (read-only, duplicate to edit) and the sets on
// this device, with new, duplicate and delete.
import { appDeps, type AppDeps, type Deps, type LoadState } from '$lib/platform/deps';
import type { SetOrigin } from '$lib/platform/catalog/catalog';
import type { SetSummary } from '$lib/core/bank/summary';
import type { QuestionSet } from '$lib/core/bank/schema';
import { parseSet } from '$lib/core/bank/validate';
import { formatProblem } from '$lib/core/bank/problems';
import { deleteSet, listSets, putSet, putSetCopy } from '$lib/platform/storage';
import { deleteDraft, draftIds } from '$lib/platform/storage/drafts';
import { slugify, uniqueId } from '$lib/core/authoring/ids';

export interface LibraryRow {
	id: string;
	title: string;
	description?: string;
	questionCount: number;
	origin: SetOrigin;
	/** Epoch ms of the last save (device sets). */
	updatedAt?: number;
	/** An invalid edit is waiting in the editor. */
	hasDraft: boolean;
}

/** A copy of `set` under a new, free id: "Copy of …", for editing. */
export function copyOf(set: QuestionSet, taken: Iterable<string>): QuestionSet {
	const title = `Copy of ${set.title}`.slice(0, 200);
	return { ...structuredClone(set), id: uniqueId(`${set.id}-copy`.slice(0, 60), taken), title };
}

export class AuthorLibrary {
	#deps: AppDeps;
	#rows = $state<LibraryRow[]>([]);
	/** The list: loading, ready, or failed with the sentence shown. */
	status = $state<LoadState>({ kind: 'loading' });

	constructor(deps: Deps = {}) {
		this.#deps = appDeps(deps);
	}

	get rows(): readonly LibraryRow[] {
		return this.#rows;
	}

	/** Every id in use, bundled or on this device. */
	get takenIds(): string[] {
		return this.#rows.map((r) => r.id);
	}

	async load(): Promise<void> {
		try {
			const db = await this.#deps.open();
			// The bundled index may be unreachable offline on a first visit; device sets still show.
			const [bundled, stored, drafts] = await Promise.all([
				this.#deps.catalog.bundled().catch(() => [] as SetSummary[]),
				listSets(db),
				draftIds(db)
			]);
			const withDraft = new Set(drafts); // eslint-disable-line svelte/prefer-svelte-reactivity -- a local lookup, not state
			const device = stored
				.map((s): LibraryRow => ({
					id: s.set.id,
					title: s.set.title,
					...(s.set.description ? { description: s.set.description } : {}),
					questionCount: s.set.questions.length,
					origin: s.origin,
					updatedAt: s.updatedAt,
					hasDraft: withDraft.has(s.set.id)
				}))
				.sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
			this.#rows = [
				...device,
				...bundled.map((b): LibraryRow => ({
					id: b.id,
					title: b.title,
					...(b.description ? { description: b.description } : {}),
					questionCount: b.questionCount,
					origin: 'bundled',
					hasDraft: false
				}))
			];
			this.status = { kind: 'ready' };
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	/** Creates a valid empty set titled `title`; returns its id. */
	async create(title: string): Promise<string> {
		const clean = title.trim();
		if (!clean) throw new Error('Give the set a title.');
		const set = parseSet({
			id: uniqueId(slugify(clean), this.takenIds),
			title: clean,
			questions: []
		});
		if (!set.ok) throw new Error(set.problems.map(formatProblem).join('; '));
		await putSet(await this.#deps.open(), set.value, 'authored', this.#deps.now());
		await this.load();
		return set.value.id;
	}

	/** A whole set by id (its last valid version), bundled or on this device. */
	get(id: string): Promise<QuestionSet | undefined> {
		return this.#deps.catalog.get(id);
	}

	/** Copies a bundled or device set (its last valid version) for editing; returns the new id. */
	async duplicate(id: string): Promise<string> {
		const db = await this.#deps.open();
		const source = await this.get(id);
		if (!source) throw new Error(`There is no set called "${id}" to copy.`);
		const copy = copyOf(source, this.takenIds);
		// The copy shows the same images, so it gets its own copies of them.
		await putSetCopy(db, copy, id, 'authored', this.#deps.now());
		await this.load();
		return copy.id;
	}

	/** Deletes a device set and its draft; its progress too only when asked. */
	async remove(id: string, withProgress: boolean): Promise<void> {
		const db = await this.#deps.open();
		await deleteSet(db, id, { withProgress });
		await deleteDraft(db, id);
		await this.load();
	}
}
