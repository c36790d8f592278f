// The question type behind each answer, for retention by type on /stats/: the review log
// keeps card ids only, and a question's type lives in its set.
import type { Catalog } from '$lib/platform/catalog/catalog';
import type { QuestionType } from '$lib/core/bank/schema';
import { State, type ReviewEntry } from '$lib/core/srs';

/**
 * Card id → question type for every set with an answer to a learned card among `entries`.
 * A set that cannot be read now (offline, deleted) is skipped: its answers show as of
 * unknown type rather than failing the page.
 */
export async function typesOfReviewed(
	catalog: Pick<Catalog, 'get'>,
	entries: readonly ReviewEntry[]
): Promise<Map<string, QuestionType>> {
	const setIds = new Set<string>();
	for (const e of entries) if (e.state === State.Review) setIds.add(e.setId);
	return typesOfSets(catalog, setIds);
}

/** Card id → question type for the questions of these sets (as typesOfReviewed; an id
 * listed twice is read once). */
export async function typesOfSets(
	catalog: Pick<Catalog, 'get'>,
	setIds: Iterable<string>
): Promise<Map<string, QuestionType>> {
	const out = new Map<string, QuestionType>();
	const sets = await Promise.all(
		[...new Set(setIds)].map((id) => catalog.get(id).catch(() => undefined))
	);
	for (const set of sets)
		for (const q of set?.questions ?? []) out.set(`${set!.id}/${q.id}`, q.type);
	return out;
}
