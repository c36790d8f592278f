// How rich text finds the images it shows: the page's state owns a MediaSource (object
// URLs of stored images, platform/media-urls.svelte.ts) and puts it in the component
// context; ui/RichText.svelte reads it. Without one, images show their file names.
import { getContext, setContext } from 'svelte';
import type { MediaSource } from '$lib/core/bank/media';

export type { MediaSource };

const KEY = Symbol('media');

export function provideMedia(source: MediaSource): void {
	setContext(KEY, source);
}

export function useMedia(): MediaSource | undefined {
	return getContext<MediaSource | undefined>(KEY);
}
