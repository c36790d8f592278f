// Where the editor leaves an unsaved edit when the page is hidden or closing.
/**
 * A synchronous place for the last unsaved edit when the page is hidden or closed: an
 * IndexedDB write started in pagehide is aborted when the document goes away (a reload,
 * a closed tab), so the editor also leaves the edit here and moves it to IndexedDB on the
 * next load. Default: localStorage.
 */
export interface EditorStash {
	get(id: string): string | null;
	set(id: string, value: string): void;
	remove(id: string): void;
}

const STASH_PREFIX = 'studydeck:unsaved-edit:';

export const localStash: EditorStash = {
	get: (id) => {
		try {
			return localStorage.getItem(STASH_PREFIX + id);
		} catch {
			return null;
		}
	},
	set: (id, value) => {
		try {
			localStorage.setItem(STASH_PREFIX + id, value);
		} catch {
			// Full or unavailable: the IndexedDB save started alongside is all there is.
		}
	},
	remove: (id) => {
		try {
			localStorage.removeItem(STASH_PREFIX + id);
		} catch {
			// Nothing to clean up.
		}
	}
};

/** An in-memory stash, for tests and where localStorage is missing. */
export function memoryStash(): EditorStash {
	const m = new Map<string, string>();
	return {
		get: (id) => m.get(id) ?? null,
		set: (id, v) => void m.set(id, v),
		remove: (id) => void m.delete(id)
	};
}
