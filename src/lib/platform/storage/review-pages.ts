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
// nothing else does.
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

/** One page of `entries`, which have ids and are in id order (undefined when empty). */
export function pageOf(entries: ReviewEntry[]): ReviewPage | undefined {
	if (!entries.length) return undefined;
	let latest = 0;
	const sets = new Set<string>();
	for (const e of entries) {
		if (typeof e.reviewedAt === 'number' && e.reviewedAt > latest) latest = e.reviewedAt;
		sets.add(e.setId);
	}
	return { first: entries[0]!.id!, count: entries.length, latest, sets: [...sets], entries };
}

/** Pages of `entries` (with ids, in id order), PAGE_SIZE entries each. */
export function packReviews(entries: readonly ReviewEntry[]): ReviewPage[] {
	const pages: ReviewPage[] = [];
	for (let i = 0; i < entries.length; i += PAGE_SIZE)
		pages.push(pageOf(entries.slice(i, i + PAGE_SIZE))!);
	return pages;
}

/**
 * A backup's answers as they are stored: an entry without an id (a hand-made file) gets the
 * next one after every id in the file, in file order, so none can replace another, and the
 * whole is in id order.
 */
export function numberReviews(entries: readonly ReviewEntry[]): ReviewEntry[] {
	let next = 1;
	let sorted = true;
	let previous = 0;
	for (const e of entries) {
		if (e.id === undefined) continue;
		if (e.id >= next) next = e.id + 1;
		if (e.id < previous) sorted = false;
		previous = e.id;
	}
	const out = entries.map((e) => (e.id === undefined ? { ...e, id: next++ } : e));
	if (!sorted || out.some((e, i) => e !== entries[i])) out.sort((a, b) => a.id! - b.id!);
	return out;
}

/** What the readers need of the pages store: plain idb methods (any transaction). */
interface PageStore {
	getAllKeys(query?: IDBKeyRange | null): Promise<PageKey[]>;
	getAll(query?: IDBKeyRange | null): Promise<ReviewPage[]>;
	get(key: PageKey): Promise<ReviewPage | undefined>;
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

/** What rewriting pages needs: a readwrite pages store. */
interface WritablePageStore extends PageStore {
	put(value: ReviewPage): Promise<unknown>;
	delete(key: PageKey): Promise<unknown>;
}

/** Stores `entries` in place of the page under `key` (deleted when they are none). */
export async function rewritePage(
	store: WritablePageStore,
	key: PageKey,
	entries: ReviewEntry[]
): Promise<void> {
	const page = pageOf(entries);
	const same = page && pageKey(page).every((n, i) => n === key[i]);
	if (!same) await store.delete(key);
	if (page) await store.put(page);
}
