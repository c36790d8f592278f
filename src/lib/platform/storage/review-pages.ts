// The review log's packed part (since v6): a restore writes its answers as pages of
// PAGE_SIZE entries instead of one record each. In Chromium every IndexedDB record costs
// about 60 µs to write whatever its size, and each index adds to it: 250,000 answers
// written one by one took 21 s, as 500 pages 0.7 s (issue 15).
//
// The log is the `reviews` store (one record per answer, as answers and imports write it)
// together with these pages. Only a restore writes pages, and it empties `reviews` and
// moves its key generator past the last paged id, so every paged id is below every id in
// `reviews`: the log in id order is the pages in key order, then `reviews`. Set deletion
// and Check database rewrite a page (a new key when its count or latest time changes);
// nothing else does. This module reads them; ./review-page-writes.ts packs and rewrites
// them, apart, so Home and the study page do not download that part.
import type { ReviewEntry } from '../../core/srs/card';

/** Answers per page: small enough that rewriting one (a set deleted) is quick. */
export const PAGE_SIZE = 500;

export interface ReviewPage {
	/** The id of its first entry; entries are in id order. */
	first: number;
	count: number;
	/** The latest `reviewedAt` among its entries (0 when none is a number). */
	latest: number;
	/** The sets it has answers of (index 'by-set', multiEntry). */
	sets: string[];
	entries: ReviewEntry[];
}

/** The store's key path: a page's key says what a reader needs to skip it unread. */
export const PAGE_KEY_PATH = ['first', 'count', 'latest'];
export type PageKey = [first: number, count: number, latest: number];

export const pageKey = (p: ReviewPage): PageKey => [p.first, p.count, p.latest];

export const samePageKey = (a: PageKey, b: PageKey): boolean => a.every((n, i) => n === b[i]);

/** What the readers need of the pages store: plain idb methods (any transaction). */
export interface PageStore {
	getAllKeys(query?: IDBKeyRange | null): Promise<PageKey[]>;
	getAll(query?: IDBKeyRange | null): Promise<ReviewPage[]>;
	get(key: PageKey): Promise<ReviewPage | undefined>;
}

/** The pages store with its by-set index (any transaction). */
export interface PageStoreBySet extends PageStore {
	index(name: 'by-set'): { getAllKeys(query: string): Promise<PageKey[]> };
}

/** The page holding the latest paged answer (in `setId`, if given), and where in it. */
export async function lastPaged(
	store: PageStoreBySet,
	setId: string | undefined
): Promise<{ key: PageKey; page: ReviewPage; at: number } | undefined> {
	const keys =
		setId === undefined ? await pageKeys(store) : await store.index('by-set').getAllKeys(setId);
	const key = keys.at(-1);
	const page = key && (await store.get(key));
	if (!key || !page) return undefined;
	const at = page.entries.findLastIndex((e) => setId === undefined || e.setId === setId);
	return at < 0 ? undefined : { key, page, at };
}

/** The keys of every page, in id order: one read, no entries. */
export function pageKeys(store: PageStore): Promise<PageKey[]> {
	return store.getAllKeys();
}

/** How many answers the pages hold, from their keys alone. */
export async function pagedCount(store: PageStore): Promise<number> {
	return (await pageKeys(store)).reduce((n, [, count]) => n + count, 0);
}

/** The paged answers from `from` (inclusive) to `to` (exclusive): reads only the pages
 * whose latest answer is at or after `from`. */
export async function pagedSince(
	store: PageStore,
	from: number,
	to: number
): Promise<ReviewEntry[]> {
	const keys = (await pageKeys(store)).filter(([, , latest]) => latest >= from);
	const pages = await Promise.all(keys.map((k) => store.get(k)));
	const out: ReviewEntry[] = [];
	for (const p of pages)
		for (const e of p?.entries ?? []) if (e.reviewedAt >= from && e.reviewedAt < to) out.push(e);
	return out;
}

/** Index order of the log's by-time reads: time, then id. */
export const byTime = (a: ReviewEntry, b: ReviewEntry) =>
	a.reviewedAt - b.reviewedAt || a.id! - b.id!;
