// Check database as Settings runs it, on the page (tests) or in the backup Worker: a
// damaged or missing card is rebuilt by replaying its latest answer with the stored
// settings, so the history it has is kept.
import { answerCard } from '$lib/core/srs';
import {
	checkDatabase,
	getSrsSettings,
	type CheckProgress,
	type CheckReport,
	type Db
} from '$lib/platform/storage';

/**
 * The bundled sets' question ids, as the page fetched them (a Worker message can carry
 * it): `sets` null when the list of bundled sets could not be fetched (offline), and a
 * bundled set left out of `questions` when it could not be. The device's own sets are read
 * by the check, in its own transaction: the page could not read them while that
 * transaction holds the database.
 */
export interface BundledQuestionIds {
	sets: string[] | null;
	questions: [setId: string, questionIds: string[]][];
}

/** Nothing known: no set is judged. */
export const NO_BUNDLED: BundledQuestionIds = { sets: null, questions: [] };

/**
 * Set id → the question ids in it, as the catalog shows the sets: a bundled set wins over
 * a device set with the same id (platform/catalog/catalog.ts). A set that cannot be read
 * right now is left out, so its cards are not judged.
 */
export function knownQuestions(
	bundled: BundledQuestionIds,
	device: readonly { id: string; questionIds: readonly string[] }[]
): Map<string, Set<string>> {
	const known = new Map(bundled.questions.map(([id, ids]) => [id, new Set(ids)]));
	const shadowed = new Set(bundled.sets ?? []);
	for (const s of device) if (!shadowed.has(s.id)) known.set(s.id, new Set(s.questionIds));
	return known;
}

export async function runCheck(
	db: Db,
	/** May still be loading: the check only needs it at the end. */
	bundled: Promise<BundledQuestionIds>,
	options: { onProgress?: (p: CheckProgress) => void; signal?: AbortSignal } = {}
): Promise<CheckReport> {
	const settings = await getSrsSettings(db);
	return checkDatabase(db, {
		knownQuestionIds: async (stored) =>
			knownQuestions(
				await bundled,
				stored.map(({ set }) => ({ id: set.id, questionIds: set.questions.map((q) => q.id) }))
			),
		replay: (e) => answerCard(e.before, e.rating, e.reviewedAt, settings).card,
		...options
	});
}
