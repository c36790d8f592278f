// Where a page gets its sets: bundled ones from the prerendered JSON endpoints (cached by
// the service worker for offline use), and sets authored or imported on this device from
// IndexedDB. A device set with a bundled set's id never hides the bundled one: the editor
// gives copies new ids.
import { browser } from '$app/environment';
import { resolve } from '$app/paths';
import { summarize, type SetSummary } from '$lib/core/bank/summary';
import type { QuestionSet } from '$lib/core/bank/schema';
import { database } from '$lib/platform/database.svelte';
import { getSet, listSets } from '$lib/platform/storage/sets';

type Fetch = typeof fetch;

export interface LibraryEntry extends SetSummary {
	origin: 'bundled' | 'authored' | 'imported';
}

export async function fetchSetIndex(fetch: Fetch): Promise<SetSummary[]> {
	const res = await fetch(resolve('/data/sets.json'));
	if (!res.ok) throw new Error(`Could not load the list of sets (HTTP ${res.status})`);
	return (await res.json()) as SetSummary[];
}

/** The bundled set with this id, or undefined when there is none. */
export async function fetchBundledSet(fetch: Fetch, id: string): Promise<QuestionSet | undefined> {
	// Ask the (small, cached) index first, so an unknown id costs no failing request.
	const index = await fetchSetIndex(fetch);
	if (!index.some((s) => s.id === id)) return undefined;
	const res = await fetch(resolve('/data/sets/[id].json', { id }));
	if (!res.ok) throw new Error(`Could not load the set "${id}" (HTTP ${res.status})`);
	return (await res.json()) as QuestionSet;
}

/** Sets stored on this device (authored or imported); none during prerendering. */
export async function deviceSets(): Promise<LibraryEntry[]> {
	if (!browser) return [];
	const stored = await listSets(await database.open());
	return stored
		.map((s) => ({ ...summarize(s.set), origin: s.origin }))
		.sort((a, b) => a.title.localeCompare(b.title));
}

export async function deviceSet(id: string): Promise<QuestionSet | undefined> {
	if (!browser) return undefined;
	return (await getSet(await database.open(), id))?.set;
}

/** A set by id from wherever it lives: bundled first, then this device. */
export async function findSet(fetch: Fetch, id: string): Promise<QuestionSet | undefined> {
	return (await fetchBundledSet(fetch, id)) ?? (await deviceSet(id));
}
