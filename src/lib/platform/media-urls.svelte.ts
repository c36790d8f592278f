// Object URLs for the images a page shows (core/bank/media.ts's MediaSource): each image is
// read from IndexedDB the first time it is asked for, and every URL is revoked when the
// page's state is destroyed, so a long study session does not hold freed images.
import type { MediaSource } from '../core/bank/media';
import type { Db } from './storage/db';
import { getMedia } from './storage/media';

export class MediaUrls implements MediaSource {
	#open: () => Promise<Db>;
	// Plain collections and one counter that templates read: svelte/reactivity's SvelteMap
	// would add its own chunk to the study page for this one use.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#urls = new Map<string, string | null>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#asked = new Set<string>();
	#loaded = $state(0);
	#made: string[] = [];
	#destroyed = false;

	constructor(open: () => Promise<Db>) {
		this.#open = open;
	}

	url(setId: string, name: string): string | null | undefined {
		const key = `${setId}/${name}`;
		void this.#loaded; // re-read when an image arrives
		const known = this.#urls.get(key);
		if (known !== undefined || this.#asked.has(key)) return known;
		this.#asked.add(key);
		void this.#load(key, setId, name);
		return undefined;
	}

	async #load(key: string, setId: string, name: string): Promise<void> {
		let url: string | null = null;
		try {
			const stored = await getMedia(await this.#open(), setId, name);
			if (stored && !this.#destroyed) {
				url = URL.createObjectURL(new Blob([stored.bytes as BlobPart], { type: stored.type }));
				this.#made.push(url);
			}
		} catch {
			// Unreadable: the name is shown instead, as for a missing image.
		}
		if (this.#destroyed) return;
		this.#urls.set(key, url);
		this.#loaded++;
	}

	/** Revokes every URL made; later requests show names. */
	destroy(): void {
		this.#destroyed = true;
		for (const url of this.#made) URL.revokeObjectURL(url);
		this.#made = [];
	}
}
