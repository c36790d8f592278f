// Writing the review log's pages (./review-pages.ts says what they are): packing a
// restore's answers, and rewriting a page a set deletion or Check database changes. Apart
// from the readers, which Home and the study page load.
import type { ReviewEntry } from '../../core/srs/card';
import {
	PAGE_SIZE,
	pageKey,
	samePageKey,
	type PageKey,
	type PageStore,
	type ReviewPage
} from './review-pages';

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
	for (const e of entries) if (e.id !== undefined && e.id >= next) next = e.id + 1;
	// Already in id order (an export's): one pass of the sort.
	return entries
		.map((e) => (e.id === undefined ? { ...e, id: next++ } : e))
		.sort((a, b) => a.id! - b.id!);
}

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
	const same = page && samePageKey(pageKey(page), key);
	if (!same) await store.delete(key);
	if (page) await store.put(page);
}
