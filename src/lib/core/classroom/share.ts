// Sharing a set with no internet: the whole set deflated into a link's fragment (which
// never leaves the device, so a link works from a file, a chat or a QR code with no
// server), and QR codes as SVG. Opening a link goes through parseJson and parseSet, the
// same gate as any import.
import { deflateSync, Inflate, strToU8 } from 'fflate';
import { renderSVG } from 'uqr';
import { parseJson, utf8Bytes } from '../bank/formats/json';
import { fail, type Result } from '../bank/problems';
import { LIMITS, type QuestionSet } from '../bank/schema';
import { parseSet } from '../bank/validate';
import { cyrb128 } from '../quiz/rng';
import { canonicalJson, fromBase64Url, toBase64Url } from './canonical';

/** Longest link we hand out: browsers take more, but chat apps and mail clients cut links. */
export const LINK_MAX_CHARS = 8000;
/** Bytes a QR code holds at most (version 40, low error correction, binary mode). */
export const QR_MAX_BYTES = 2953;
/** Inflated size a link may claim; inflating stops past it (a zip bomb never fills memory). */
export const INFLATED_MAX_BYTES = LIMITS.fileBytes;
const PAYLOAD_VERSION = 1;

export type SetLinkResult =
	| { ok: true; url: string; bytes: number }
	| { ok: false; reason: 'too-big'; bytes: number; limit: number };

function checksum(bytes: Uint8Array): number {
	// cyrb128 hashes UTF-16 code units; latin1 decoding maps bytes to units one to one.
	let s = '';
	for (let i = 0; i < bytes.length; i += 8192)
		s += String.fromCharCode(...bytes.subarray(i, i + 8192));
	return cyrb128(s)[0];
}

/** Payload: version byte, raw deflate (level 9), then a 32-bit checksum of the JSON bytes. */
export function packPayload(json: string): string {
	const raw = strToU8(json);
	const deflated = deflateSync(raw, { level: 9 });
	const out = new Uint8Array(deflated.length + 5);
	out[0] = PAYLOAD_VERSION;
	out.set(deflated, 1);
	new DataView(out.buffer).setUint32(out.length - 4, checksum(raw));
	return toBase64Url(out);
}

/** Inflates at most `max` bytes; fed in small slices so one slice cannot blow past it. */
function inflateLimited(data: Uint8Array, max: number): Uint8Array | 'too-big' | 'damaged' {
	const chunks: Uint8Array[] = [];
	let total = 0;
	let over = false;
	const inflater = new Inflate((chunk) => {
		total += chunk.length;
		if (total > max) over = true;
		else chunks.push(chunk);
	});
	try {
		// Deflate expands at most ~1032:1, so a 1 KB slice yields at most ~1 MB.
		for (let i = 0; i < data.length && !over; i += 1024)
			inflater.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
	} catch {
		return 'damaged';
	}
	if (over) return 'too-big';
	const out = new Uint8Array(total);
	let o = 0;
	for (const c of chunks) {
		out.set(c, o);
		o += c.length;
	}
	return out;
}

/** Reads a payload made by packPayload into its JSON text. */
export function unpackPayload(text: string, what: string): Result<string> {
	const damaged = `This ${what} is damaged or incomplete. Copy the whole ${what} again.`;
	if (text.length > (LIMITS.fileBytes * 4) / 3) return fail(`This ${what} is too large to open.`);
	const bytes = fromBase64Url(text.trim());
	if (!bytes || bytes.length < 6) return fail(damaged);
	if (bytes[0] !== PAYLOAD_VERSION)
		return fail(
			`This ${what} comes from a newer version of Studydeck. Update the app and try again.`
		);
	const inflated = inflateLimited(bytes.subarray(1, bytes.length - 4), INFLATED_MAX_BYTES);
	if (inflated === 'too-big')
		return fail(
			`This ${what} holds more than ${INFLATED_MAX_BYTES / 1024 / 1024} MB; it was not opened.`
		);
	if (inflated === 'damaged') return fail(damaged);
	const sum = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(
		bytes.length - 4
	);
	if (sum !== checksum(inflated)) return fail(damaged);
	try {
		return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
	} catch {
		return fail(damaged);
	}
}

/**
 * A link that carries the whole set, or why it cannot (then share the file instead).
 * `pageUrl` is the page that imports it, e.g. `https://…/class/`.
 */
export function encodeSetLink(
	set: QuestionSet,
	pageUrl: string,
	limit: number = LINK_MAX_CHARS
): SetLinkResult {
	const url = `${pageUrl.split('#')[0]}#set=${packPayload(canonicalJson(set))}`;
	const bytes = utf8Bytes(url);
	return bytes > limit ? { ok: false, reason: 'too-big', bytes, limit } : { ok: true, url, bytes };
}

/** The set in a link, a fragment (`#set=…`) or a bare payload, validated like any import. */
export function decodeSetLink(urlOrFragment: string): Result<QuestionSet> {
	const m = /(?:^|[#&])set=([^&#\s]*)/.exec(urlOrFragment.trim());
	const payload = m ? m[1]! : urlOrFragment.trim();
	if (!payload) return fail('This link holds no set.');
	const json = unpackPayload(payload, 'link');
	if (!json.ok) return json;
	const parsed = parseJson(json.value);
	return parsed.ok ? parseSet(parsed.value) : parsed;
}

/** Whether `text` fits one QR code (binary mode, low error correction). */
export function fitsInQr(text: string): boolean {
	return utf8Bytes(text) <= QR_MAX_BYTES;
}

export type QrResult =
	| { ok: true; svg: string }
	| { ok: false; reason: 'too-long'; bytes: number; limit: number; message: string };

/** A QR code for `text` as an SVG string (black on white, a quiet zone of 4 modules). */
export function qrSvg(text: string, pixelSize = 8): QrResult {
	const bytes = utf8Bytes(text);
	const tooLong: QrResult = {
		ok: false,
		reason: 'too-long',
		bytes,
		limit: QR_MAX_BYTES,
		message: `Too long for a QR code: ${bytes} bytes, a QR code holds at most ${QR_MAX_BYTES}. Share the file instead.`
	};
	if (bytes > QR_MAX_BYTES) return tooLong;
	try {
		return { ok: true, svg: renderSVG(text, { ecc: 'L', border: 4, pixelSize }) };
	} catch {
		return tooLong;
	}
}
