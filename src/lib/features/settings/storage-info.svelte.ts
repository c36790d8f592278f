// Settings → Storage: is our data kept (persistent storage), and how much room it takes.
import {
	askPersistence,
	requestPersistence,
	storageStatus,
	type StorageStatus
} from '$lib/platform/pwa/persist';
import type { AppDeps } from '$lib/platform/deps';

export interface PersistenceApi {
	status(): Promise<StorageStatus>;
	/** The app's one-time ask after first progress (src/lib/platform/pwa/persist.ts). */
	requestOnce(): Promise<string>;
	/** A direct ask, for when the user taps "Keep my data" after the one-time ask. */
	askAgain(): Promise<boolean>;
}

export function browserPersistence(deps: AppDeps): PersistenceApi {
	return {
		status: () => storageStatus(),
		requestOnce: async () => requestPersistence(await deps.open(), deps.now()),
		askAgain: () => askPersistence()
	};
}

export class StorageInfo {
	#api: PersistenceApi;
	#status = $state<StorageStatus | undefined>();
	#asking = $state(false);
	/** Set after "Keep my data" when the browser said no. */
	#refused = $state(false);

	constructor(api: PersistenceApi) {
		this.#api = api;
	}

	/** undefined while loading. */
	get current(): StorageStatus | undefined {
		return this.#status;
	}

	get asking(): boolean {
		return this.#asking;
	}

	get refused(): boolean {
		return this.#refused;
	}

	/** Share of the quota used, 0–1, or undefined when unknown. */
	get share(): number | undefined {
		const s = this.#status;
		if (!s || s.usage === null || !s.quota) return undefined;
		return Math.min(1, s.usage / s.quota);
	}

	async refresh(): Promise<void> {
		this.#status = await this.#api.status();
	}

	async keep(): Promise<void> {
		this.#asking = true;
		this.#refused = false;
		try {
			const outcome = await this.#api.requestOnce();
			// The one-time ask already happened (after the first answer): ask directly, since
			// the user asked for it now.
			if (outcome === 'asked-before') await this.#api.askAgain();
			await this.refresh();
			this.#refused = this.#status?.persisted === false;
		} finally {
			this.#asking = false;
		}
	}
}
