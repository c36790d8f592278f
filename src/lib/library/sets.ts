// Where a page gets its sets: bundled ones from the prerendered JSON endpoints (cached by
// the service worker for offline use). Sets authored on the device join here later.
import { resolve } from '$app/paths';
import type { SetSummary } from '$lib/bank/load';
import type { QuestionSet } from '$lib/bank/schema';

type Fetch = typeof fetch;

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
