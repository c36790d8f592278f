// Test-only: AppDeps over a fresh fake-indexeddb database, a fixed clock, fixed entropy,
// recorded reports, and one "bundled" set served from memory through the real catalog.
import { describeStorageError, openDb, type Db } from '$lib/platform/storage';
import { createCatalog, type Catalog, type CatalogEntry } from '$lib/platform/catalog/catalog';
import { summarize } from '$lib/core/bank/summary';
import type { QuestionSet } from '$lib/core/bank/schema';
import type { AppDeps } from './deps';

export const NOW = Date.UTC(2025, 0, 8, 15, 0, 0);
export const BUNDLED = {
	id: 'ttp',
	version: 1,
	title: 'Peace talks',
	questionCount: 6
};
export const BUNDLED_QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];

export interface TestDeps extends AppDeps {
	reported: unknown[];
	db(): Promise<Db>;
}

/** A fetch that serves the bundled index and set from memory; `offline` fails every call. */
export function bundledFetch(state: { offline?: boolean } = {}): typeof fetch {
	return async (input) => {
		if (state.offline) throw new TypeError('Failed to fetch');
		const url = String(input);
		if (url.endsWith('/data/sets.json')) return Response.json([BUNDLED]);
		if (url.endsWith(`/data/sets/${BUNDLED.id}.json`))
			return Response.json({
				...BUNDLED,
				questions: BUNDLED_QUESTIONS.map((id) => ({ id, type: 'flashcard', prompt: id }))
			});
		return new Response('not found', { status: 404 });
	};
}

export function testDeps(now = NOW, network: { offline?: boolean } = {}): TestDeps {
	let db: Promise<Db> | undefined;
	const reported: unknown[] = [];
	const open = () => (db ??= openDb());
	return {
		reported,
		db: open,
		open,
		now: () => now,
		entropy: () => [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
		showError: (e) => {
			reported.push(e);
			return describeStorageError(e);
		},
		catalog: createCatalog({ fetch: bundledFetch(network), open })
	};
}

/** A catalog of the given sets, all "on this device", for tests that need no storage. */
export function memoryCatalog(
	sets: readonly QuestionSet[],
	origin: CatalogEntry['origin'] = 'imported'
): Catalog {
	const list = async () => sets.map((s): CatalogEntry => ({ ...summarize(s), origin }));
	const get = async (id: string) => sets.find((s) => s.id === id);
	return {
		bundled: async () =>
			origin === 'bundled' ? (await list()).map(({ origin: _, ...s }) => s) : [],
		bundledSet: async (id) => (origin === 'bundled' ? get(id) : undefined),
		device: async () => (origin === 'bundled' ? [] : list()),
		list,
		get,
		loadAll: async () => [...sets]
	};
}

/** Empty sets with these ids, for a catalog that only needs to know which ids exist. */
export function emptySets(ids: readonly string[]): QuestionSet[] {
	return ids.map((id) => ({ id, version: 1, title: id, language: 'en', questions: [] }));
}
