import { describe, expect, it } from 'vitest';
import { LIMITS } from '../schema';
import {
	checkText,
	decodeBytes,
	exportSet,
	formatFromFileName,
	importText,
	FORMATS
} from './index';
import { toPrintable } from './print';
import { everyTypeSet } from './test-fixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('formatFromFileName', () => {
	it('maps extensions, case-insensitively', () => {
		expect(
			['a.json', 'b.GIFT', 'c.txt', 'd.csv', 'e.tsv', 'f.docx', 'noext'].map(formatFromFileName)
		).toEqual(['json', 'gift', 'aiken', 'csv', 'tsv', undefined, undefined]);
	});
});

describe('decodeBytes', () => {
	it('accepts UTF-8 with and without BOM, and UTF-16 with BOM', () => {
		expect(decodeBytes(utf8('héllo'))).toEqual({ ok: true, value: 'héllo' });
		expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('héllo')]))).toEqual({
			ok: true,
			value: 'héllo'
		});
		const le = new Uint8Array([0xff, 0xfe, 0x68, 0, 0xe9, 0]);
		expect(decodeBytes(le)).toEqual({ ok: true, value: 'hé' });
		const be = new Uint8Array([0xfe, 0xff, 0, 0x68, 0, 0xe9]);
		expect(decodeBytes(be)).toEqual({ ok: true, value: 'hé' });
	});

	it('refuses Latin-1, binary, BOM-less UTF-16 and oversized input', () => {
		const message = (r: ReturnType<typeof decodeBytes>) => (r.ok ? '' : r.problems[0]!.message);
		expect(message(decodeBytes(new Uint8Array([0x68, 0xe9, 0x6c])))).toBe(
			'not UTF-8 text; save it as UTF-8 and try again'
		);
		expect(
			message(decodeBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0x14, 0x80, 0x81])))
		).toMatch(/binary/);
		expect(message(decodeBytes(new Uint8Array([0x68, 0, 0x69, 0, 0x6a, 0])))).toMatch(/UTF-16/);
		expect(message(decodeBytes(new Uint8Array(LIMITS.fileBytes + 1)))).toMatch(
			/^too large: 5\.0 MB/
		);
		expect(
			message(decodeBytes(utf8('a\u0001b\u0002c\u0003d\u0004e\u0005f\u0006g\u0007h\u0008i\u000ej')))
		).toMatch(/binary/);
	});
});

describe('importText / exportSet', () => {
	it('guards pasted text too', () => {
		expect(checkText('ok\ttext\n')).toBeUndefined();
		expect(checkText('a\u0000b')?.message).toMatch(/binary/);
		const big = 'x'.repeat(LIMITS.fileBytes + 1);
		const r = importText(big, 'gift');
		expect(r.ok ? '' : r.problems[0]!.message).toMatch(/^too large/);
	});

	it('rejects prototype keys in JSON', () => {
		const r = importText('{"id":"a","title":"t","questions":[],"__proto__":{"x":1}}', 'json');
		expect(r.ok ? '' : r.problems[0]!.message).toBe('the key "__proto__" is not allowed');
	});

	it('round-trips through every format that holds the whole set', () => {
		const set = everyTypeSet();
		const json = importText(exportSet(set, 'json').text, 'json');
		expect(json.ok && json.value.set).toEqual(set);
		for (const format of FORMATS) {
			const out = exportSet(set, format);
			const back = importText(out.text, format, { setId: 'x', title: 'X' });
			if (!back.ok) throw new Error(`${format}: ${JSON.stringify(back.problems)}`);
			expect(back.value.set.questions.length).toBeGreaterThan(0);
		}
		expect(exportSet(set, 'aiken').warnings.length).toBeGreaterThan(0);
	});

	it('keeps <script> as inert text in the data', () => {
		const r = importText('<script>alert(1)</script>\tback', 'tsv');
		expect(r.ok && r.value.set.questions[0]!.prompt).toBe('<script>alert(1)</script>');
	});
});

describe('toPrintable', () => {
	it('writes numbered questions and a matching answer key', () => {
		const { questions, answerKey } = toPrintable(everyTypeSet());
		expect(questions.startsWith('Every type\n\n1. Which is a prime')).toBe(true);
		expect(questions).toContain('6. Capital of France?\n   _______________');
		expect(questions).toContain('9. The [a group] formed in 2007.');
		expect(answerKey).toContain('1. A. 2\n');
		expect(answerKey).toContain('2. A. 2\n   C. 4\n');
		expect(answerKey).toContain('7. -2.5 ± 0.25 km\n');
		expect(answerKey).toContain('12. 1 → B. meow\n    2 → A. woof: loud');
		const list = toPrintable(everyTypeSet().questions.slice(3, 4));
		expect(list).toEqual({
			questions: '1. The sun is a star\n   (true or false)\n',
			answerKey: '1. True\n'
		});
	});
});
