// The one dependency object every page-state class receives (ARCHITECTURE.md "Wiring"):
// the database, the clock, randomness, how a failure reaches the app-wide notice, and the
// catalog of sets. Classes take `deps: Deps = {}` as their last constructor argument and
// call `appDeps(deps)`: the browser's defaults fill whatever a test does not pass.
import type { Db } from '$lib/platform/storage/db';
import { database } from '$lib/platform/database.svelte';
import { createCatalog, type Catalog } from '$lib/platform/catalog/catalog';

export interface AppDeps {
	/** The device database, opened once on first use. */
	open(): Promise<Db>;
	/** Epoch milliseconds. */
	now(): number;
	/** Six numbers in [0, 1) for seeds and shuffles. */
	entropy(): number[];
	/** Shows a failure on the app-wide notice; returns the sentence shown. */
	showError(error: unknown): string;
	/** Every set, bundled and on this device. */
	catalog: Catalog;
}

/** Where a page's data stands: the one shape every page-state class shows its loading in. */
export type LoadState =
	{ kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

/** What a state class accepts: any part of AppDeps; the rest comes from the browser. */
export type Deps = Partial<AppDeps>;

export function cryptoEntropy(): number[] {
	return Array.from(crypto.getRandomValues(new Uint32Array(6)), (x) => x / 2 ** 32);
}

const open = () => database.open();
let catalog: Catalog | undefined;

/** Fills in the browser's defaults for whatever `deps` leaves out. */
export function appDeps(deps: Deps = {}): AppDeps {
	return {
		open: deps.open ?? open,
		now: deps.now ?? Date.now,
		entropy: deps.entropy ?? cryptoEntropy,
		showError: deps.showError ?? ((e) => database.showError(e)),
		catalog: deps.catalog ?? (catalog ??= createCatalog({ fetch: (...a) => fetch(...a), open }))
	};
}
