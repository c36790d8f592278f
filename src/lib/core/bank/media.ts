// Images stored with a set (ARCHITECTURE.md "Data"): which files are accepted and how
// large they may be. The type is read from the bytes, never from the file name, and only
// raster formats a browser shows inertly are kept: an SVG can carry scripts, and opened
// from an object URL it would run them with the app's origin, so it is refused.
import { megabytes } from '../text/format';

export const MEDIA_LIMITS = {
	/** One image. */
	imageBytes: 5 * 1024 * 1024,
	/** All images one import brings. */
	importBytes: 80 * 1024 * 1024
} as const;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'];

/** One image kept with a set. */
export interface MediaFile {
	setId: string;
	/** The file name the set's rich text uses in `<img src>`. */
	name: string;
	/** One of IMAGE_TYPES, read from the bytes. */
	type: string;
	bytes: Uint8Array;
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, s: string) =>
	starts(
		b,
		[...s].map((c) => c.charCodeAt(0)),
		at
	);

/** The image type the bytes are, or undefined when they are none we keep. */
export function imageType(b: Uint8Array): string | undefined {
	if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
	if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
	if (ascii(b, 4, 'ftypavif') || ascii(b, 4, 'ftypavis')) return 'image/avif';
	return undefined;
}

/** Why an image is not kept, in a sentence naming it; undefined when it is fine. */
export function imageProblem(name: string, bytes: Uint8Array): string | undefined {
	if (bytes.length > MEDIA_LIMITS.imageBytes)
		return `image "${name}" is ${megabytes(bytes.length)}; images over ${megabytes(MEDIA_LIMITS.imageBytes)} are not kept`;
	if (imageType(bytes)) return undefined;
	const head = new TextDecoder().decode(bytes.subarray(0, 256)).toLowerCase();
	if (head.includes('<svg') || head.includes('<?xml'))
		return `image "${name}" is an SVG drawing; SVG is not kept because it can carry scripts`;
	return `"${name}" is not a PNG, JPEG, GIF, WebP or AVIF image; not kept`;
}

/** Where the screens get a stored image's URL (platform/media-urls.svelte.ts makes them). */
export interface MediaSource {
	/** An object URL; undefined while loading; null when the set stores no such image. */
	url(setId: string, name: string): string | null | undefined;
}
