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

/** Set id → the question ids in it, as a Worker message can carry it. */
export type KnownQuestionIds = [setId: string, questionIds: string[]][];

export async function runCheck(
	db: Db,
	known: KnownQuestionIds,
	options: { onProgress?: (p: CheckProgress) => void; signal?: AbortSignal } = {}
): Promise<CheckReport> {
	const settings = await getSrsSettings(db);
	return checkDatabase(db, {
		knownQuestionIds: new Map(known.map(([id, ids]) => [id, new Set(ids)])),
		replay: (e) => answerCard(e.before, e.rating, e.reviewedAt, settings).card,
		...options
	});
}
