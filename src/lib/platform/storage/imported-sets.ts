// Sets imported together with their review history (an Anki deck): the sets, their cards
// and their review log in ONE readwrite transaction, so an import is all there or not at
// all (ARCHITECTURE.md "Data safety"). Callers validate the sets first, as for every stored set.
import type { QuestionSet } from '../../core/bank/schema';
import type { ReviewEntry, StoredCard } from '../../core/srs/card';
import type { MediaFile } from '../../core/bank/media';
import type { Db } from './db';
import { changeTallies } from './tallies';
import { writeCards } from './card-writes';

export async function saveImportedSets(
	db: Db,
	sets: readonly QuestionSet[],
	progress: { cards: readonly StoredCard[]; reviews: readonly ReviewEntry[] },
	now: number,
	media: readonly MediaFile[] = []
): Promise<void> {
	const tx = db.transaction(
		[
			'sets',
			'drafts',
			'cards',
			'cardPacks',
			'reviews',
			'media',
			'reviewTallies',
			'cardCounts',
			'meta'
		],
		'readwrite'
	);
	const work: Promise<unknown>[] = [];
	try {
		const store = tx.objectStore('media');
		// A re-imported set gets exactly the images it now shows, no stale ones.
		const old = await Promise.all(sets.map((s) => store.index('by-set').getAllKeys(s.id)));
		for (const k of old.flat()) work.push(store.delete(k));
		for (const set of sets) {
			work.push(tx.objectStore('sets').put({ set, origin: 'imported', updatedAt: now }));
			work.push(tx.objectStore('drafts').delete(set.id));
		}
		for (const m of media)
			work.push(
				store.put({
					id: `${m.setId}/${m.name}`,
					setId: m.setId,
					name: m.name,
					type: m.type,
					bytes: m.bytes
				})
			);
		work.push(writeCards(tx, { put: progress.cards }));
		for (const review of progress.reviews) {
			// The store assigns the key; a stray `id` would be rejected.
			const entry = { ...review };
			delete entry.id;
			work.push(tx.objectStore('reviews').add(entry));
		}
		work.push(changeTallies(tx.objectStore('reviewTallies'), progress.reviews, 1));
	} catch (e) {
		// A bad record throws synchronously; without an abort, what was queued would commit.
		// The queued requests then fail with AbortError: expected, and not to be left unhandled.
		for (const p of work) p.catch(() => undefined);
		try {
			tx.abort();
		} catch {
			// writeCards aborted it already
		}
		await tx.done.catch(() => undefined);
		throw e;
	}
	// A failed request aborts the transaction; tx.done carries that error.
	await Promise.all([...work.map((p) => p.catch(() => undefined)), tx.done]);
}
