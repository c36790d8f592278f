// Canonical JSON (sorted keys, no spaces, undefined dropped) so every device serialises
// the same value to the same bytes, and SHA-256 over it via Web Crypto (Node 20 and
// browsers). Base64url for links and QR payloads.

export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const v = (value as Record<string, unknown>)[key];
			if (v !== undefined) out[key] = sortKeys(v);
		}
		return out;
	}
	return value;
}

/** Lower-case hex SHA-256 of the canonical JSON of `value`. */
export async function hashOf(value: unknown): Promise<string> {
	const bytes = new TextEncoder().encode(canonicalJson(value));
	// No `subtle` outside secure contexts (a classroom laptop on http://192.168.…): same hash in JS.
	const subtle = globalThis.crypto?.subtle;
	const digest = subtle
		? new Uint8Array(await subtle.digest('SHA-256', bytes))
		: (await import('./sha256')).sha256(bytes);
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
		for (let j = 0; j < chars; j++) out += B64[(n >> (18 - 6 * j)) & 63];
	}
	return out;
}

/** Decodes base64url (also plain base64, padding optional); undefined if not base64. */
export function fromBase64Url(text: string): Uint8Array | undefined {
	const s = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
	if (s.length % 4 === 1) return undefined;
	const out = new Uint8Array(Math.floor((s.length * 3) / 4));
	let o = 0;
	for (let i = 0; i < s.length; i += 4) {
		let n = 0;
		const chunk = s.slice(i, i + 4);
		for (let j = 0; j < 4; j++) {
			const c = j < chunk.length ? B64.indexOf(chunk[j]!) : 0;
			if (c < 0) return undefined;
			n = (n << 6) | c;
		}
		for (let j = 0; j < chunk.length - 1; j++) out[o++] = (n >> (16 - 8 * j)) & 255;
	}
	return out;
}
