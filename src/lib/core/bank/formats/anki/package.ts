// The .apkg container: a zip holding one SQLite collection (plain `collection.anki2` /
// `collection.anki21`, or zstd-compressed `collection.anki21b`) and a media map. Every
// size is checked before anything is inflated, so a zip bomb or a huge file is refused
// with a message instead of eating the tab's memory. Pure: bytes in, bytes out.
import { unzipSync, zipSync } from 'fflate';
import { Decompress } from 'fzstd';
import { readMediaEntries } from './protobuf';
import { APKG_LIMITS } from './limits';
import { imageProblem, MEDIA_LIMITS } from '../../media';

export { APKG_LIMITS };

export class ApkgError extends Error {}

export type CollectionLayout = 'anki2' | 'anki21' | 'anki21b';

export interface ApkgContents {
	layout: CollectionLayout;
	/** The SQLite file, inflated. */
	sqlite: Uint8Array;
	/** Zip entry name → media file name (e.g. "0" → "cat.jpg"). */
	media: Map<string, string>;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const COLLECTIONS: Record<string, CollectionLayout> = {
	'collection.anki21b': 'anki21b',
	'collection.anki21': 'anki21',
	'collection.anki2': 'anki2'
};

/** Zstandard frames start with these four bytes (0xFD2FB528 little-endian). */
const isZstd = (b: Uint8Array) => b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd;

/** Inflates zstd data, stopping as soon as the output passes `limit` bytes. */
export function unzstd(data: Uint8Array, limit: number, what: string): Uint8Array {
	const chunks: Uint8Array[] = [];
	let total = 0;
	const stream = new Decompress((chunk) => {
		total += chunk.length;
		if (total > limit) throw new ApkgError(`${what} inflates to more than ${mb(limit)}`);
		chunks.push(chunk);
	});
	try {
		for (let i = 0; i < data.length; i += 65536)
			stream.push(data.subarray(i, i + 65536), i + 65536 >= data.length);
	} catch (e) {
		if (e instanceof ApkgError) throw e;
		throw new ApkgError(`${what} is damaged (zstd: ${(e as Error).message})`);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** Opens the zip and returns the collection and media map; throws ApkgError with a reason. */
export function readPackage(bytes: Uint8Array): ApkgContents {
	if (bytes.length > APKG_LIMITS.fileBytes)
		throw new ApkgError(
			`too large: ${mb(bytes.length)}; an Anki deck may be at most ${mb(APKG_LIMITS.fileBytes)}`
		);
	if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
		throw new ApkgError('not an Anki deck: an .apkg file is a zip archive, and this is not one');
	let found: CollectionLayout | undefined;
	const names: string[] = [];
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, {
			filter(file) {
				names.push(file.name);
				const layout = COLLECTIONS[file.name];
				const limit = layout
					? APKG_LIMITS.collectionBytes
					: file.name === 'media'
						? APKG_LIMITS.mediaMapBytes
						: 0;
				if (!limit) return false; // media files: counted from the map, never inflated
				if (file.originalSize > limit)
					throw new ApkgError(
						`${file.name} would inflate to ${mb(file.originalSize)}; the limit is ${mb(limit)}`
					);
				if (file.originalSize > Math.max(65536, file.size * APKG_LIMITS.maxRatio))
					throw new ApkgError(
						`${file.name} claims a compression ratio no real deck has (zip bomb?)`
					);
				if (layout && (!found || rank(layout) > rank(found))) found = layout;
				return true;
			}
		});
	} catch (e) {
		if (e instanceof ApkgError) throw e;
		throw new ApkgError(`not a readable zip archive (${(e as Error).message})`);
	}
	if (!found)
		throw new ApkgError(
			names.length
				? 'no Anki collection inside this zip (expected collection.anki2 or collection.anki21b)'
				: 'the zip archive is empty'
		);
	const name = Object.keys(COLLECTIONS).find((k) => COLLECTIONS[k] === found)!;
	let sqlite = files[name]!;
	if (found === 'anki21b' || isZstd(sqlite))
		sqlite = unzstd(sqlite, APKG_LIMITS.collectionBytes, name);
	const media = readMediaMap(files['media']);
	return { layout: found, sqlite, media };
}

const rank = (l: CollectionLayout) => (l === 'anki21b' ? 3 : l === 'anki21' ? 2 : 1);

/** The media map: JSON `{"0": "cat.jpg"}` in old decks, zstd protobuf in new ones. */
function readMediaMap(raw: Uint8Array | undefined): Map<string, string> {
	const map = new Map<string, string>();
	if (!raw || raw.length === 0) return map;
	if (isZstd(raw)) {
		const entries = readMediaEntries(unzstd(raw, APKG_LIMITS.mediaMapBytes, 'media map'));
		entries.forEach((name, i) => map.set(String(i), name));
		return map;
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder().decode(raw));
	} catch {
		throw new ApkgError('the media map is damaged (not JSON)');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new ApkgError('the media map is damaged (not an object)');
	for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') map.set(k, v);
	return map;
}

/** A legacy-layout .apkg (what every Anki version imports): the collection and a media map. */
export function writePackage(
	sqlite: Uint8Array,
	media: Record<string, Uint8Array> = {}
): Uint8Array {
	const map: Record<string, string> = {};
	const files: Record<string, Uint8Array> = { 'collection.anki2': sqlite };
	Object.entries(media).forEach(([name, data], i) => {
		map[String(i)] = name;
		files[String(i)] = data;
	});
	files['media'] = new TextEncoder().encode(JSON.stringify(map));
	return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2020, 0, 1)) });
}

/**
 * The media files named in `names`, inflated from the .apkg, with a sentence for each one
 * that is missing, too large (checked before inflating), not an image we keep, or past
 * the import's total. Never throws on a damaged entry: that image is reported and skipped.
 */
export function readMediaFiles(
	bytes: Uint8Array,
	map: ReadonlyMap<string, string>,
	names: readonly string[]
): { files: Map<string, Uint8Array>; problems: string[] } {
	const problems: string[] = [];
	const files = new Map<string, Uint8Array>();
	const entryOf = new Map<string, string>();
	for (const [entry, name] of map) if (!entryOf.has(name)) entryOf.set(name, entry);
	const wanted = new Map<string, string>();
	for (const name of new Set(names)) {
		const entry = entryOf.get(name);
		if (entry === undefined) problems.push(`image "${name}" is not in the deck's media`);
		else wanted.set(entry, name);
	}
	if (!wanted.size) return { files, problems };
	let total = 0;
	let raw: Record<string, Uint8Array> = {};
	try {
		raw = unzipSync(bytes, {
			filter(file) {
				const name = wanted.get(file.name);
				if (name === undefined) return false;
				if (file.originalSize > MEDIA_LIMITS.imageBytes) {
					problems.push(
						`image "${name}" is ${mb(file.originalSize)}; images over ${mb(MEDIA_LIMITS.imageBytes)} are not kept`
					);
					return false;
				}
				if (file.originalSize > Math.max(65536, file.size * APKG_LIMITS.maxRatio)) {
					problems.push(`image "${name}" claims a compression ratio no real image has; not kept`);
					return false;
				}
				if (total + file.originalSize > MEDIA_LIMITS.importBytes) {
					problems.push(
						`image "${name}" is past the ${mb(MEDIA_LIMITS.importBytes)} of images one import may bring; not kept`
					);
					return false;
				}
				total += file.originalSize;
				return true;
			}
		});
	} catch (e) {
		problems.push(`the deck's images could not be read (${(e as Error).message}); none kept`);
		return { files, problems };
	}
	for (const [entry, data] of Object.entries(raw)) {
		const name = wanted.get(entry)!;
		// New decks store each media file zstd-compressed inside the zip.
		let image = data;
		try {
			if (isZstd(image)) image = unzstd(image, MEDIA_LIMITS.imageBytes, `image "${name}"`);
		} catch (e) {
			problems.push(`${(e as Error).message}; not kept`);
			continue;
		}
		const problem = imageProblem(name, image);
		if (problem) problems.push(problem);
		else files.set(name, image);
	}
	return { files, problems };
}
