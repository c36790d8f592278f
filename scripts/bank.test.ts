// The bank CLI as a teacher meets it: every bad input is one clear line and a non-zero exit.
import { mkdtempSync, mkdirSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { main } from './bank.ts';

function run(...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = main(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'bank-cli-'));
const file = (name: string, text: string) => {
	const p = join(dir, name);
	mkdirSync(join(p, '..'), { recursive: true });
	writeFileSync(p, text);
	return p;
};

describe('bank check', () => {
	test('passes the bundled sets', () => {
		const r = run('check');
		expect(r.err).toBe('');
		expect(r.out).toMatch(/^ok: \d+ set\(s\), \d+ questions, no problems$/);
		expect(r.code).toBe(0);
	});

	test('names file, question and field for each problem', () => {
		const p = file(
			'broken/set.json',
			JSON.stringify({
				id: 'broken',
				title: 'Broken',
				questions: [{ id: 'q7', type: 'mcq', prompt: 'P', options: ['a', 'b'], answer: 4 }]
			})
		);
		const r = run('check', join(dir, 'broken'));
		expect(r.code).toBe(1);
		expect(r.err.split('\n')[0]).toBe(
			`${p}: question q7, questions[0].answer: points to option 4, but there are only 2 (counting from 0)`
		);
	});

	test.each([
		['a missing file', () => join(dir, 'nope.json'), /nope\.json: no such file or directory$/],
		['invalid JSON', () => file('bad.json', '{"id": "x",\n'), /bad\.json: line 2: invalid JSON/],
		[
			'wrong types',
			() => file('types.json', '{"id": 5, "title": [], "questions": {}}'),
			/types\.json: id: must be text/
		],
		['a binary file', () => file('bin.json', '\u0000\u0001PNG'), /binary file/],
		[
			'an empty directory',
			() => (mkdirSync(join(dir, 'empty'), { recursive: true }), join(dir, 'empty')),
			/no question set here/
		],
		[
			'a 50 MB file',
			() => {
				const p = file('huge.json', '');
				truncateSync(p, 50 * 1024 * 1024);
				return p;
			},
			/huge\.json: too large: 50\.0 MB, the limit is 5\.0 MB/
		]
	])('rejects %s with one line', (_name, make, message) => {
		const r = run('check', make());
		expect(r.code).toBe(1);
		expect(r.err.split('\n')[0]).toMatch(message);
		expect(r.err).not.toMatch(/\n\s+at /);
	});

	test('usage errors exit 2', () => {
		expect(run().code).toBe(2);
		expect(run('frobnicate').err).toMatch(/unknown command "frobnicate"/);
		expect(run('check', '--bogus').code).toBe(2);
	});
});

describe('bank export', () => {
	test('prints canonical JSON that checks clean again', () => {
		const r = run('export', 'questions/ttp-peace-talks', '--format', 'json');
		expect(r.code).toBe(0);
		const set = JSON.parse(r.out);
		expect(set.id).toBe('ttp-peace-talks');
		expect(set.sourceText).toBeTypeOf('string');
		const p = file('exported.json', r.out);
		expect(run('check', p).code).toBe(0);
	});

	test('rejects an unknown format', () => {
		expect(run('export', 'questions/ttp-peace-talks', '--format', 'docx').err).toMatch(
			/unknown format "docx"/
		);
	});
});

test('the real command prints no stack trace for a missing file', () => {
	const r = spawnSync('npx', ['tsx', 'scripts/bank.ts', 'check', 'missing-dir'], {
		encoding: 'utf8'
	});
	expect(r.status).toBe(1);
	expect(r.stderr.trim()).toBe('missing-dir: no such file or directory');
}, 20_000);
