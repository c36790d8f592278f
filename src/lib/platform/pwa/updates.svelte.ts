// Service-worker registration and the update flow (ARCHITECTURE.md "Offline and updates"), through workbox-window.
// A new version installs in the background and waits; the page offers "Reload", and the
// worker takes over only when the user taps it outside a review or a quiz.
import { base } from '$app/paths';
import { activity } from './activity.svelte';

const OFFLINE_NOTE_KEY = 'studydeck.offline-ready-shown';

type WorkboxLike = {
	messageSkipWaiting(): void;
	addEventListener(type: 'controlling', listener: () => void): void;
};

class Updates {
	/** A new version is installed and waiting for the user. */
	waiting = $state(false);
	/** The app just became usable offline for the first time on this device. */
	offlineReady = $state(false);
	/** Registration failed (e.g. a private window); the app still works online. */
	error = $state<string | null>(null);
	#wb: WorkboxLike | undefined;
	#applying = false;

	/** True when "Reload" may be offered now. */
	get canApply(): boolean {
		return this.waiting && !activity.busy;
	}

	async register(): Promise<void> {
		if (this.#wb || !('serviceWorker' in navigator)) return;
		try {
			const { Workbox } = await import('workbox-window');
			const wb = new Workbox(`${base}/service-worker.js`, { scope: `${base}/` });
			wb.addEventListener('waiting', () => (this.waiting = true));
			wb.addEventListener('installed', (event) => {
				if (!event.isUpdate && !localStorage.getItem(OFFLINE_NOTE_KEY)) {
					localStorage.setItem(OFFLINE_NOTE_KEY, String(Date.now()));
					this.offlineReady = true;
				}
			});
			this.#wb = wb;
			await wb.register();
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		}
	}

	/** Applies the waiting version: the new worker takes over and the page reloads. */
	apply(): void {
		if (!this.canApply || !this.#wb || this.#applying) return;
		this.#applying = true;
		this.#wb.addEventListener('controlling', () => location.reload());
		this.#wb.messageSkipWaiting();
	}

	dismissOfflineReady(): void {
		this.offlineReady = false;
	}
}

export const updates = new Updates();
