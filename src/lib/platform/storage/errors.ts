// Typed storage errors and the plain words a person sees for each (ARCHITECTURE.md "Data safety").

export class StorageError extends Error {
	override name = 'StorageError';
}

/** `indexedDB.open()` never answered (a wedged browser profile, a stuck other tab). */
export class DbTimeoutError extends StorageError {
	override name = 'DbTimeoutError';
	constructor(readonly timeoutMs: number) {
		super(`IndexedDB did not open within ${timeoutMs} ms`);
	}
}

/** IndexedDB is missing or refused (some private modes, disabled storage). */
export class DbUnavailableError extends StorageError {
	override name = 'DbUnavailableError';
}

/** The browser closed the connection: storage was cleared or the disk failed. */
export class DbTerminatedError extends StorageError {
	override name = 'DbTerminatedError';
}

/** A backup that failed validation; nothing was written. */
export class BackupError extends StorageError {
	override name = 'BackupError';
	constructor(readonly problems: string[]) {
		super(problems.slice(0, 3).join('; ') + (problems.length > 3 ? '; …' : ''));
	}
}

function nameOf(e: unknown): string {
	if (e && typeof e === 'object' && 'name' in e && typeof e.name === 'string') return e.name;
	return '';
}

/** Walks `cause` and transaction `error`s so a wrapped quota error is still recognised. */
function names(e: unknown): string[] {
	const out: string[] = [];
	let cur: unknown = e;
	for (let i = 0; i < 5 && cur; i++) {
		out.push(nameOf(cur));
		cur = (cur as { cause?: unknown }).cause;
	}
	return out;
}

export function isQuotaError(e: unknown): boolean {
	return names(e).includes('QuotaExceededError');
}

/** A sentence for the user: what happened, whether anything was saved, what to do. */
export function describeStorageError(e: unknown): string {
	const all = names(e);
	const has = (n: string) => all.includes(n);
	if (has('QuotaExceededError'))
		return 'Storage is full: the browser has no room left for Studydeck, so nothing was saved. Free some space on this device (or export a backup and remove sets you no longer use), then try again.';
	if (e instanceof DbTimeoutError)
		return 'Your saved progress did not open in time. Close other Studydeck tabs and reload; if it keeps happening, restart the browser.';
	if (e instanceof DbUnavailableError)
		return 'This browser does not let Studydeck save progress (private browsing or blocked storage). You can still study, but nothing will be kept.';
	if (e instanceof DbTerminatedError || has('InvalidStateError'))
		return 'The browser closed the progress database, perhaps because site data was cleared. Reload the page to continue.';
	if (e instanceof BackupError)
		return `This backup cannot be restored: ${e.message}. Nothing was changed.`;
	if (has('VersionError'))
		return 'Your progress was saved by a newer version of Studydeck. Reload the page to get it.';
	if (has('DataError') || has('DataCloneError'))
		return 'Studydeck tried to save something it should not have, so nothing was saved. Please report this.';
	if (has('AbortError')) return 'Saving was interrupted, so nothing was saved. Try again.';
	if (has('UnknownError'))
		return 'The browser could not read or write its storage (the disk may be full or failing). Nothing was saved. Restarting the browser often helps.';
	const message = e instanceof Error ? e.message : String(e);
	return `Something went wrong while saving: ${message}`;
}
