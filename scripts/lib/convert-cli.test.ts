import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../bank.ts';

function run(...argv: string[]) {
	const stdout: string[] = [];
	const stderr: string[] = [];
	const code = main(argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) });
	return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'convert-'));
const file = (name: string, text: string | Uint8Array) => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};

// A set directory of our own, so the test does not depend on the bundled sets.
const setDir = mkdtempSync(join(tmpdir(), 'convert-set-'));
writeFileSync(
	join(setDir, 'set.json'),
	JSON.stringify({
		id: 'tiny',
		title: 'Tiny',
		questions: [
			{ id: 'a', type: 'mcq', prompt: 'Pick', options: ['x', 'y'], answer: 1 },
			{ id: 'b', type: 'cloze', prompt: 'The {{c1::TTP}} formed in 2007' }
		]
	})
);

describe('bank convert / export', () => {
	it('converts GIFT to JSON and back, by extension', () => {
		const gift = file('My Quiz.gift', '::a::Sky is blue {T}\n\n::b::Two {=2 ~3}\n');
		const json = join(dir, 'out.json');
		expect(run('convert', gift, json)).toMatchObject({
			code: 0,
			stdout: expect.stringMatching(/wrote .*2 questions as json/)
		});
		const set = JSON.parse(readFileSync(json, 'utf8'));
		expect(set).toMatchObject({
			id: 'my-quiz',
			title: 'My Quiz',
			questions: [{ id: 'a' }, { id: 'b' }]
		});
		const back = run('convert', json, '-', '--format', 'gift');
		expect(back.code).toBe(0);
		expect(back.stdout).toContain('::a::Sky is blue {TRUE}');
	});

	it('exports a bundled set in every format', () => {
		for (const format of ['json', 'gift', 'aiken', 'csv', 'tsv']) {
			const r = run('export', setDir, '--format', format);
			expect(r.code, `${format}: ${r.stderr}`).toBe(0);
			expect(r.stdout.length).toBeGreaterThan(0);
		}
		expect(run('export', setDir).stdout).toMatch(/^\{/);
	});

	it('prints warnings but succeeds', () => {
		const gift = file('w.gift', '::a::Essay {}\n\n::b::Ok {T}');
		const r = run('convert', gift, '-', '--format', 'json');
		expect(r.code).toBe(0);
		expect(r.stderr).toMatch(/^warning: .*w\.gift: line 1: question "a": an essay/);
	});

	it('fails with one clear line per problem on bad input', () => {
		const bad = file('bad.gift', '::a::Open {=x ~y\n');
		expect(run('convert', bad, join(dir, 'x.json'))).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/bad\.gift: line 1: "\{" is not closed$/)
		});
		const latin = file('latin.csv', new Uint8Array([0x68, 0xe9, 0x2c, 0x78]));
		expect(run('convert', latin, '-', '--format', 'json').stderr).toMatch(/not UTF-8 text/);
		expect(run('convert', bad)).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/^convert takes/)
		});
		expect(run('convert', bad, '-')).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/needs --format/)
		});
		expect(run('convert', bad, join(dir, 'x.doc'))).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/unknown file type/)
		});
		expect(run('convert', bad, join(dir, 'x.json'), '--format', 'csv').stderr).toMatch(
			/does not match/
		);
		expect(run('convert', bad, bad).stderr).toMatch(/overwrite the input/);
		expect(run('convert', join(dir, 'missing.gift'), '-', '--format', 'json').stderr).toMatch(
			/no such file/
		);
		expect(run('export', setDir, '--format', 'xml')).toMatchObject({
			code: 1,
			stderr: 'unknown format "xml"; supported: json, gift, aiken, csv, tsv, moodle'
		});
	});
});
