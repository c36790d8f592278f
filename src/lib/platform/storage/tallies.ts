// The review tallies (core/srs/tally.ts) as stored: one record per quarter hour with
// answers. Every write to the log changes them in ITS OWN transaction, so the totals can
// never disagree with the log (ARCHITECTURE.md "Data safety"); a restore, the v3 migration
// and Check database rebuild them from the log.
import type { IDBPObjectStore, StoreNames } from 'idb';
import {
	addToTally,
	emptyTally,
	isEmptyTally,
	readTallyFrom,
	tallySlot,
	TALLY_FROM_META,
	TALLY_MS,
	type ReviewTally
} from '../../core/srs/tally-record';
import type { ReviewEntry } from '../../core/srs/card';
import type { Db } from './db';
import type { StudydeckDB } from './schema';

type TallyStore = IDBPObjectStore<
	StudydeckDB,
	ArrayLike<StoreNames<StudydeckDB>>,
	'reviewTallies',
	'readwrite' | 'versionchange'
>;

/** What the tallies read of meta: the first slot with tallies. */
interface MetaStore {
	get(key: string): Promise<unknown>;
}

/** The first slot with tallies (TALLY_FROM_META), in any transaction over meta. */
export async function firstTallySlot(meta: MetaStore): Promise<number> {
	return readTallyFrom(await meta.get(TALLY_FROM_META));
}

/** The first moment with tallies (-Infinity: the whole log). */
export async function talliesFrom(db: Db): Promise<number> {
	return (await firstTallySlot(db.transaction('meta').store)) * TALLY_MS;
}

/**
 * Adds answers to their tallies (`sign` −1 takes them off), inside the caller's
 * transaction, which must hold `meta` too: answers before the first slot with tallies
 * (TALLY_FROM_META) change none. Entries sharing a slot are read and written once.
 */
export async function changeTallies(
	store: TallyStore,
	entries: readonly ReviewEntry[],
	sign: 1 | -1
): Promise<void> {
	if (!entries.length) return;
	const from = await firstTallySlot(store.transaction.objectStore('meta'));
	const bySlot = new Map<number, ReviewEntry[]>();
	for (const e of entries) {
		const slot = tallySlot(e.reviewedAt);
		if (slot < from) continue;
		const list = bySlot.get(slot);
		if (list) list.push(e);
		else bySlot.set(slot, [e]);
	}
	await Promise.all(
		[...bySlot].map(async ([slot, list]) => {
			const tally = (await store.get(slot)) ?? emptyTally(slot);
			for (const e of list) addToTally(tally, e, sign);
			await (isEmptyTally(tally) ? store.delete(slot) : store.put(tally));
		})
	);
}

/** The tallies of answers from `from` on, oldest first: `from` must start a quarter hour
 * (a study day's start does) to take in no earlier answer. */
export function talliesSince(db: Db, from: number): Promise<ReviewTally[]> {
	return db.getAll('reviewTallies', IDBKeyRange.lowerBound(tallySlot(from)));
}

export function allTallies(db: Db): Promise<ReviewTally[]> {
	return db.getAll('reviewTallies');
}
