// The one catalog of sets every page uses (ARCHITECTURE.md "Layers"): bundled sets from the
// prerendered JSON endpoints (cached by the service worker for offline use) and sets
// authored or imported on this device from IndexedDB.
// Rules, kept here and nowhere else:
// - a bundled set wins over a device set with the same id (the editor gives copies new ids);
// - when the bundled index cannot be fetched (offline before the worker cached it), lists
//   show this device's sets and `get` falls back to them; the error is raised only when
//   nothing answers for that id.
// Direct storage modules rather than the barrel keep valibot off the home page.
import { browser } from '$app/environment';
import { resolve } from '$app/paths';
import { summarize, type SetSummary } from '$lib/core/bank/summary';
import type { QuestionSet } from '$lib/core/bank/schema';
import { database } from '$lib/platform/database.svelte';
import type { Db, StoredSet } from '$lib/platform/storage/db';
import { getSet, listSets } from '$lib/platform/storage/sets';

type Fetch = typeof fetch;

export type SetOrigin = 'bundled' | StoredSet['origin'];

/** A set as lists show it: its summary and where it comes from. */
export interface CatalogEntry extends SetSummary {
	origin: SetOrigin;
}

export interface Catalog {
	/** The bundled sets' summaries; rejects when the index cannot be fetched. */
	bundled(): Promise<SetSummary[]>;
	/** Sets authored or imported on this device (none while prerendering). */
	device(): Promise<CatalogEntry[]>;
	/** Every set: bundled first, then this device's by title. */
	list(): Promise<CatalogEntry[]>;
	/** The bundled set with this id in full, or undefined when none is bundled. */
	bundledSet(id: string): Promise<QuestionSet | undefined>;
	/** One set in full from wherever it lives, or undefined when there is none. */
	get(id: string): Promise<QuestionSet | undefined>;
	/** Every set in full, in list order (studying all sets). */
	loadAll(): Promise<QuestionSet[]>;
}

/** Bundled first, then device sets by title; a device set never hides a bundled one. */
export function mergeSets(
	bundled: readonly SetSummary[],
	device: readonly CatalogEntry[]
): CatalogEntry[] {
	const ids = new Set(bundled.map((s) => s.id));
	const mine = device.filter((s) => !ids.has(s.id)).sort((a, b) => a.title.localeCompare(b.title));
	return [...bundled.map((s): CatalogEntry => ({ ...s, origin: 'bundled' })), ...mine];
}

export interface CatalogIo {
	fetch: Fetch;
	/** The device database; absent while prerendering (no device sets there). */
	open?: () => Promise<Db>;
}

export function createCatalog({ fetch, open }: CatalogIo): Catalog {
	let index: Promise<SetSummary[]> | undefined;
	const bundled = (): Promise<SetSummary[]> => {
		index ??= (async () => {
			const res = await fetch(resolve('/data/sets.json'));
			if (!res.ok) throw new Error(`Could not load the list of sets (HTTP ${res.status})`);
			return (await res.json()) as SetSummary[];
		})();
		// A failed fetch is not remembered: the next call tries again.
		index.catch(() => (index = undefined));
		return index;
	};
	const device = async (): Promise<CatalogEntry[]> =>
		open
			? (await listSets(await open())).map((s) => ({ ...summarize(s.set), origin: s.origin }))
			: [];
	const deviceSet = async (id: string): Promise<QuestionSet | undefined> =>
		open ? (await getSet(await open(), id))?.set : undefined;
	const bundledSet = async (id: string): Promise<QuestionSet> => {
		const res = await fetch(resolve('/data/sets/[id].json', { id }));
		if (!res.ok) throw new Error(`Could not load the set "${id}" (HTTP ${res.status})`);
		return (await res.json()) as QuestionSet;
	};

	async function get(id: string): Promise<QuestionSet | undefined> {
		let known: SetSummary[];
		try {
			known = await bundled();
		} catch (e) {
			// Offline without the index: this device's copy, if any, is the best answer.
			const mine = await deviceSet(id);
			if (mine) return mine;
			throw e;
		}
		// Ask the (small, cached) index first, so an unknown id costs no failing request.
		return known.some((s) => s.id === id) ? bundledSet(id) : deviceSet(id);
	}

	async function list(): Promise<CatalogEntry[]> {
		const [b, d] = await Promise.all([bundled().catch(() => [] as SetSummary[]), device()]);
		return mergeSets(b, d);
	}

	return {
		bundled,
		device,
		async bundledSet(id) {
			return (await bundled()).some((s) => s.id === id) ? bundledSet(id) : undefined;
		},
		list,
		get,
		async loadAll() {
			// Device sets are read once (not once to list and again to load): at 100,000
			// questions each read is seconds of decoding on the page.
			const [b, mine] = await Promise.all([
				bundled().catch(() => [] as SetSummary[]),
				open ? open().then(listSets) : []
			]);
			const byId = new Map(mine.map((s) => [s.set.id, s.set]));
			const entries = mergeSets(
				b,
				mine.map((s) => ({ ...summarize(s.set), origin: s.origin }))
			);
			const sets = await Promise.all(
				entries.map((s) =>
					s.origin === 'bundled' ? bundledSet(s.id).catch(() => undefined) : byId.get(s.id)
				)
			);
			return sets.filter((s): s is QuestionSet => s !== undefined);
		}
	};
}

/** The catalog for a route's `load` (SvelteKit's fetch; device sets only in the browser). */
export function routeCatalog(fetch: Fetch): Catalog {
	return createCatalog(browser ? { fetch, open: () => database.open() } : { fetch });
}
