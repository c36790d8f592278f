// Every set for `/study/` (all sets): bundled ones from the prerendered JSON (cached by
// the service worker) and this device's. A device set with a bundled id never hides the
// bundled one (src/lib/library/sets.ts).
import type { QuestionSet } from '$lib/core/bank/schema';
import {
	deviceSet,
	deviceSets,
	fetchBundledSet,
	fetchSetIndex
} from '$lib/platform/catalog/catalog';

export async function loadAllSets(fetch: typeof globalThis.fetch): Promise<QuestionSet[]> {
	const index = await fetchSetIndex(fetch);
	const bundled = (await Promise.all(index.map((s) => fetchBundledSet(fetch, s.id)))).filter(
		(s): s is QuestionSet => s !== undefined
	);
	const ids = new Set(bundled.map((s) => s.id));
	const mine = (await deviceSets()).filter((s) => !ids.has(s.id));
	const device = (await Promise.all(mine.map((s) => deviceSet(s.id)))).filter(
		(s): s is QuestionSet => s !== undefined
	);
	return [...bundled, ...device];
}
