// Deleting a set, with its progress if asked: the stats tallies and card counts change with
// it. Apart from ./sets.ts, which the home page reads, so that page does not download them.
import type { Db } from './db';
import { setCards } from './cards';
import { setPacks } from './card-packs';
import { changeTallies } from './tallies';
import { deleteSetCounts } from './card-writes';
import { pageKey } from './review-pages';
import { rewritePage } from './review-page-writes';

/**
 * Deletes a set, its images and, if asked, its progress (cards and review log) in the
 * same transaction. Progress is kept by default so re-importing the set brings it back.
 */
export async function deleteSet(
	db: Db,
	id: string,
	{ withProgress = false }: { withProgress?: boolean } = {}
): Promise<void> {
	const tx = db.transaction(
		[
			'sets',
			'cards',
			'cardPacks',
			'reviews',
			'reviewPages',
			'media',
			'reviewTallies',
			'cardCounts',
			'meta'
		],
		'readwrite'
	);
	const work: Promise<unknown>[] = [tx.objectStore('sets').delete(id)];
	// Its images go with it: nothing else can show them (re-importing brings them back).
	for (const k of await tx.objectStore('media').index('by-set').getAllKeys(id))
		work.push(tx.objectStore('media').delete(k));
	if (withProgress) {
		const loose = await tx.objectStore('reviews').index('by-set').getAll(id);
		for (const r of loose) work.push(tx.objectStore('reviews').delete(r.id!));
		const reviews = [...loose];
		const pages = tx.objectStore('reviewPages');
		for (const page of await pages.index('by-set').getAll(id)) {
			reviews.push(...page.entries.filter((e) => e.setId === id));
			const kept = page.entries.filter((e) => e.setId !== id);
			work.push(rewritePage(pages, pageKey(page), kept));
		}
		work.push(tx.objectStore('cards').delete(setCards(id)));
		work.push(tx.objectStore('cardPacks').delete(setPacks(id)));
		// Every card of the set goes, so every count of it does.
		work.push(deleteSetCounts(tx, id));
		work.push(changeTallies(tx.objectStore('reviewTallies'), reviews, -1));
	}
	await Promise.all([...work, tx.done]);
}
