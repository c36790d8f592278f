// Shows the iOS 7-day storage note once, after the student's first real progress.
import { database } from '$lib/platform/database.svelte';
import { getMeta } from '$lib/platform/storage/meta';
import { isIosSafariTab } from './ios';

const SHOWN_KEY = 'studydeck.ios-note-shown';

class IosNote {
	visible = $state(false);

	/** Cheap when not on iOS; otherwise one meta read. Called after each navigation. */
	async check(): Promise<void> {
		if (this.visible || localStorage.getItem(SHOWN_KEY)) return;
		const standalone = matchMedia('(display-mode: standalone)').matches;
		if (!isIosSafariTab(navigator as Navigator & { standalone?: boolean }, standalone)) return;
		try {
			const first = await getMeta(await database.open(), 'firstProgressAt');
			if (first === undefined) return;
		} catch {
			return; // storage trouble is reported elsewhere
		}
		localStorage.setItem(SHOWN_KEY, String(Date.now()));
		this.visible = true;
	}

	dismiss(): void {
		this.visible = false;
	}
}

export const iosNote = new IosNote();
