import { error } from '@sveltejs/kit';
import type { QuestionSet } from '$lib/core/bank/schema';
import { routeCatalog } from './catalog';

/** Loads a set for a page, or fails the page with a plain 404. */
export async function loadSetOr404(
	fetch: typeof globalThis.fetch,
	id: string
): Promise<QuestionSet> {
	const set = await routeCatalog(fetch).get(id);
	if (!set) error(404, `There is no set called "${id}" on this device.`);
	return set;
}
