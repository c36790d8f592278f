import { encode } from 'uqr';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { fixtureSet } from '../quiz/fixtures';
import { classQuizUrl, encodeClassQuiz } from './code';
import { toBase64Url, fromBase64Url } from './canonical';
import {
	decodeSetLink,
	encodeSetLink,
	fitsInQr,
	LINK_MAX_CHARS,
	packPayload,
	QR_MAX_BYTES,
	qrSvg
} from './share';
import { classSet } from './fixtures';
import { formatProblem } from '../bank/problems';

const PAGE = 'https://studydeck.example/class/';

function messages(r: ReturnType<typeof decodeSetLink>): string {
	return r.ok ? 'ok' : r.problems.map(formatProblem).join('; ');
}

describe('set links', () => {
	it('round-trips a realistic set through the link, validated like an import', () => {
		const set = classSet();
		const link = encodeSetLink(set, PAGE + '#old');
		if (!link.ok) throw new Error('too big');
		expect(link.url.startsWith(PAGE + '#set=')).toBe(true);
		expect(link.bytes).toBe(link.url.length);
		expect(decodeSetLink(link.url)).toEqual({ ok: true, value: set });
		expect(decodeSetLink(new URL(link.url).hash)).toEqual({ ok: true, value: set });
		expect(fitsInQr(link.url)).toBe(true);
		console.log(`class-demo (8 questions) link: ${link.bytes} bytes`);
	});

	it('round-trips a 40-question fixture when it fits, and says so when a set is too big', () => {
		const small = fixtureSet(40, 'share');
		const link = encodeSetLink(small, PAGE);
		console.log(`fixture of 40 questions: ${link.bytes} bytes, ok ${link.ok}`);
		if (link.ok) expect(decodeSetLink(link.url)).toEqual({ ok: true, value: small });
		const big = encodeSetLink(fixtureSet(2000, 'share'), PAGE);
		expect(big).toMatchObject({ ok: false, reason: 'too-big', limit: LINK_MAX_CHARS });
		expect(!big.ok && big.bytes).toBeGreaterThan(LINK_MAX_CHARS);
	});

	it('stops inflating a zip bomb at 5 MB', () => {
		const bomb = packPayload(' '.repeat(12 * 1024 * 1024));
		expect(bomb.length).toBeLessThan(20_000);
		const started = performance.now();
		expect(messages(decodeSetLink(`${PAGE}#set=${bomb}`))).toMatch(
			/more than 5 MB; it was not opened/
		);
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('rejects damaged, tampered, foreign and dangerous payloads', () => {
		const link = encodeSetLink(classSet(), PAGE);
		if (!link.ok) throw new Error('too big');
		const payload = link.url.split('#set=')[1]!;
		// Change one byte in the middle of the compressed data.
		const bytes = fromBase64Url(payload)!;
		for (const at of [10, Math.floor(bytes.length / 2), bytes.length - 2]) {
			const copy = bytes.slice();
			copy[at] = copy[at]! ^ 0x20;
			expect(messages(decodeSetLink('#set=' + toBase64Url(copy)))).toMatch(
				/damaged|not allowed|invalid/
			);
		}
		expect(messages(decodeSetLink('#set=' + payload.slice(0, -30)))).toMatch(
			/damaged or incomplete/
		);
		expect(messages(decodeSetLink('#set=' + payload.replace(/^./, 'C')))).toMatch(/newer version/);
		expect(messages(decodeSetLink('#set=!!!'))).toMatch(/damaged/);
		expect(messages(decodeSetLink('#set='))).toMatch(/holds no set/);
		expect(messages(decodeSetLink('#set=' + packPayload('{"__proto__": {"x": 1}}')))).toMatch(
			/the key "__proto__" is not allowed/
		);
		expect(messages(decodeSetLink('#set=' + packPayload('{"id": "x", "questions": 3}')))).toMatch(
			/title: missing/
		);
	});
});

describe('QR codes', () => {
	it('draws a join link as an SVG that a scanner reads back', () => {
		const url = classQuizUrl(
			encodeClassQuiz({
				setId: 'ttp-peace-talks',
				setVersion: 1,
				seed: '7KQ2MD',
				shufflePerStudent: false,
				options: { count: 20, mode: 'exam' }
			}),
			'https://studydeck.example'
		);
		const r = qrSvg(url);
		expect(r.ok && r.svg.startsWith('<svg')).toBe(true);
		// Same matrix as the SVG, rasterised for jsQR.
		const qr = encode(url, { ecc: 'L', border: 4 });
		const scale = 4;
		const size = qr.size * scale;
		const rgba = new Uint8ClampedArray(size * size * 4);
		for (let y = 0; y < size; y++)
			for (let x = 0; x < size; x++) {
				const dark = qr.data[Math.floor(y / scale)]![Math.floor(x / scale)];
				rgba.fill(dark ? 0 : 255, (y * size + x) * 4, (y * size + x) * 4 + 3);
				rgba[(y * size + x) * 4 + 3] = 255;
			}
		expect(jsQR(rgba, size, size)?.data).toBe(url);
	});

	it('says when text is too long for a QR code', () => {
		expect(fitsInQr('a'.repeat(QR_MAX_BYTES))).toBe(true);
		expect(qrSvg('a'.repeat(QR_MAX_BYTES)).ok).toBe(true);
		expect(fitsInQr('a'.repeat(QR_MAX_BYTES + 1))).toBe(false);
		expect(qrSvg('é'.repeat(1500))).toMatchObject({
			ok: false,
			reason: 'too-long',
			bytes: 3000,
			message: expect.stringMatching(/Too long for a QR code: 3000 bytes/)
		});
	});
});
