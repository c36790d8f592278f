// What the teacher's device keeps beside a live session the hub holds: the offline code of
// its quiz (for students with no network) and the hand-in files added to its report. In
// localStorage, next to the session's teacher secret (./client.ts): both belong to this
// device. The files are kept as their text and read through the hand-in gate on every
// rebuild, so a damaged entry is refused like any file, never trusted.
import type { HandInFile } from '$lib/core/classroom/class-results';
import type { KeyValueStorage } from './client';

export const REPORT_KEY_PREFIX = 'studydeck:live:report:';
/** Hand-ins are a few KB each; a class of 200 fits well under localStorage's ~5 MB. */
export const REPORT_MAX_FILES = 500;

export interface SessionExtras {
	/** The class quiz code of the session's questions (same seed and set). */
	offlineCode?: string;
	handIns: HandInFile[];
}

export class ReportStore {
	readonly #storage: KeyValueStorage | undefined;

	constructor(storage?: KeyValueStorage) {
		this.#storage = storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
	}

	get(sessionId: string): SessionExtras {
		try {
			const raw = this.#storage?.getItem(REPORT_KEY_PREFIX + sessionId);
			const v = raw ? (JSON.parse(raw) as Partial<SessionExtras>) : undefined;
			const files = Array.isArray(v?.handIns)
				? v.handIns.filter(
						(f): f is HandInFile => !!f && typeof f.name === 'string' && typeof f.text === 'string'
					)
				: [];
			return {
				handIns: files.slice(0, REPORT_MAX_FILES),
				...(typeof v?.offlineCode === 'string' ? { offlineCode: v.offlineCode } : {})
			};
		} catch {
			return { handIns: [] };
		}
	}

	/** Throws when the browser refuses (storage full or blocked): the caller says so. */
	put(sessionId: string, extras: SessionExtras): void {
		if (!this.#storage) throw new Error('This browser keeps nothing for this page.');
		if (extras.handIns.length > REPORT_MAX_FILES)
			throw new RangeError(`A report keeps at most ${REPORT_MAX_FILES} hand-in files.`);
		this.#storage.setItem(REPORT_KEY_PREFIX + sessionId, JSON.stringify(extras));
	}

	delete(sessionId: string): void {
		try {
			this.#storage?.removeItem(REPORT_KEY_PREFIX + sessionId);
		} catch {
			// Nothing kept.
		}
	}
}
