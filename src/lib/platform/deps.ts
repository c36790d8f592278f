// What the Stats and Settings state classes need from the outside world, passed in so
// unit tests can give them a fresh database, a fixed clock and no network.
import { database } from '$lib/platform/database.svelte';
import { fetchBundledSet, fetchSetIndex } from '$lib/platform/catalog/catalog';
import { summarize, type SetSummary } from '$lib/core/bank/summary';
import { listSets, type Db } from '$lib/platform/storage';

export interface KnownSet extends SetSummary {
	origin: 'bundled' | 'authored' | 'imported';
}

export interface InsightsDeps {
	open(): Promise<Db>;
	now(): number;
	/** Shows a storage failure to the user (the app-wide notice); returns the sentence. */
	report(error: unknown): string;
	/** Bundled sets, from the prerendered index. */
	bundledSets(): Promise<SetSummary[]>;
	/** Question ids of one bundled set, or undefined when it cannot be loaded. */
	bundledQuestionIds(id: string): Promise<string[] | undefined>;
}

export const browserDeps: InsightsDeps = {
	open: () => database.open(),
	now: () => Date.now(),
	report: (e) => database.report(e),
	bundledSets: () => fetchSetIndex(fetch),
	bundledQuestionIds: async (id) => (await fetchBundledSet(fetch, id))?.questions.map((q) => q.id)
};

/** Bundled sets first, then sets authored or imported on this device (a device set with a
 * bundled id never hides the bundled one). A failing index leaves the device sets. */
export async function knownSets(deps: InsightsDeps, db: Db): Promise<KnownSet[]> {
	const [bundled, stored] = await Promise.all([
		deps.bundledSets().catch(() => [] as SetSummary[]),
		listSets(db)
	]);
	const ids = new Set(bundled.map((s) => s.id));
	const device = stored
		.filter((s) => !ids.has(s.set.id))
		.map((s): KnownSet => ({ ...summarize(s.set), origin: s.origin }))
		.sort((a, b) => a.title.localeCompare(b.title));
	return [...bundled.map((s): KnownSet => ({ ...s, origin: 'bundled' })), ...device];
}

/** Set id → question ids, for the database check to report orphaned cards. */
export async function knownQuestionIds(
	deps: InsightsDeps,
	db: Db
): Promise<Map<string, Set<string>>> {
	const [bundled, stored] = await Promise.all([
		deps.bundledSets().catch(() => [] as SetSummary[]),
		listSets(db)
	]);
	const out = new Map<string, Set<string>>();
	for (const s of stored) out.set(s.set.id, new Set(s.set.questions.map((q) => q.id)));
	// Bundled sets win over a stored one with the same id, as everywhere else.
	await Promise.all(
		bundled.map(async (s) => {
			const ids = await deps.bundledQuestionIds(s.id).catch(() => undefined);
			if (ids) out.set(s.id, new Set(ids));
			else out.delete(s.id); // unknown right now (offline): do not judge it
		})
	);
	return out;
}
