// Persistent storage (ARCHITECTURE.md "Data safety"): browsers may evict IndexedDB under storage pressure
// unless the site is granted persistence. We ask once, right after the first real progress
// (a saved answer), because Chromium grants more readily to a site the person has used and
// asking on first visit would be noise. Settings shows the outcome via `storageStatus()`.
import { getMeta, setMeta } from '$lib/platform/storage/meta';
import type { Db } from '$lib/platform/storage/db';

export type PersistOutcome =
	/** The browser granted persistence (or had already). */
	| 'granted'
	/** The browser said no; Settings explains what that means. */
	| 'denied'
	/** No StorageManager (old browser, insecure context): nothing to ask. */
	| 'unsupported'
	/** Asked before (firstProgressAt is set): never ask twice. */
	| 'asked-before';

export interface StorageStatus {
	/** null when the browser cannot tell. */
	persisted: boolean | null;
	/** Bytes used and available to this site; null when unknown. */
	usage: number | null;
	quota: number | null;
}

type Manager = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

function manager(): Partial<Manager> | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

let last: PersistOutcome | undefined;

/** What the last `requestPersistence()` in this page got; undefined before one ran. */
export function lastPersistOutcome(): PersistOutcome | undefined {
	return last;
}

/**
 * Marks the first progress (meta `firstProgressAt`) and, that first time only, asks the
 * browser to keep our storage. Never throws: persistence is a nicety and must never get
 * in the way of saving an answer. Call it without awaiting.
 */
export async function requestPersistence(
	db: Db,
	now: number,
	storage: Partial<Manager> | undefined = manager()
): Promise<PersistOutcome> {
	try {
		if ((await getMeta(db, 'firstProgressAt')) !== undefined) return (last = 'asked-before');
		await setMeta(db, 'firstProgressAt', now);
		if (typeof storage?.persist !== 'function') return (last = 'unsupported');
		if (typeof storage.persisted === 'function' && (await storage.persisted()))
			return (last = 'granted');
		return (last = (await storage.persist()) ? 'granted' : 'denied');
	} catch {
		return (last = 'denied');
	}
}

/** Asks the browser now, whatever happened before: the user tapped "Keep my data". */
export async function askPersistence(
	storage: Partial<Manager> | undefined = manager()
): Promise<boolean> {
	if (typeof storage?.persist !== 'function') return false;
	try {
		return (last = (await storage.persist()) ? 'granted' : 'denied') === 'granted';
	} catch {
		return false;
	}
}

/** Whether storage is persistent and how much is used, for the Settings page. */
export async function storageStatus(
	storage: Partial<Manager> | undefined = manager()
): Promise<StorageStatus> {
	const out: StorageStatus = { persisted: null, usage: null, quota: null };
	try {
		if (typeof storage?.persisted === 'function') out.persisted = await storage.persisted();
	} catch {
		// Unknown stays null.
	}
	try {
		if (typeof storage?.estimate === 'function') {
			const e = await storage.estimate();
			out.usage = typeof e.usage === 'number' ? e.usage : null;
			out.quota = typeof e.quota === 'number' ? e.quota : null;
		}
	} catch {
		// Unknown stays null.
	}
	return out;
}
