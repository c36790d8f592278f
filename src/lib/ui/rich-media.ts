// How rich text finds the images it shows: the page on screen (study or quiz) registers
// its MediaSource (object URLs of stored images, platform/media-urls.svelte.ts), and
// ui/RichText.svelte reads it. A plain module slot rather than Svelte context: context
// would add its runtime to the chunk every page loads, the home page included, and only
// one study or quiz page is ever on screen. Without a source, images show their names.
import type { MediaSource } from '$lib/core/bank/media';

export type { MediaSource };

let current: MediaSource | undefined;

/** Registers the page's source; call the returned function when the page goes. */
export function provideMedia(source: MediaSource): () => void {
	current = source;
	return () => {
		if (current === source) current = undefined;
	};
}

export function useMedia(): MediaSource | undefined {
	return current;
}
