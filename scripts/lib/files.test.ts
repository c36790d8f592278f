// The CLI reads files with a hard byte cap: /dev/zero, FIFOs and growing files cannot make
// it hang or eat memory; it decodes text as the browser importer does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

const dir = mkdtempSync(join(tmpdir(), 'files-'));
const file = (name: string, data: string | Uint8Array) => {
	const path = join(dir, name);
	writeFileSync(path, data);
	return path;
};

const SET = {
	id: 'utf16',
	title: 'Ünïcödé',
	questions: [{ id: 'a', type: 'truefalse', prompt: 'Wasser ist nass — وزن', answer: true }]
};

describe('reading files with a cap', () => {
	it('refuses a symlink to /dev/zero at once instead of reading forever', () => {
		const link = join(dir, 'zero.gift');
		symlinkSync('/dev/zero', link);
		const r = run('convert', link, '-', '--format', 'json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/zero\.gift: not a regular file/);
	});

	it('refuses a FIFO without waiting for a writer', () => {
		const fifo = join(dir, 'pipe.json');
		execFileSync('mkfifo', [fifo]);
		const r = run('check', fifo);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/pipe\.json: not a regular file/);
	});

	it('reads UTF-16 JSON with a byte-order mark, as the browser does', () => {
		const text = JSON.stringify(SET);
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const r = run('convert', file('utf16.json', le), '-', '--format', 'json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout).title).toBe('Ünïcödé');
	});

	it.each([
		['empty.gift', '', /empty\.gift: the file is empty/],
		['comments.gift', '// only a comment\n$CATEGORY: x\n', /no questions found/],
		['blank.txt', '\n\n   \n', /blank\.txt: the file is empty/],
		['header.csv', 'front,back\n', /header\.csv: no questions found: there is no row after/],
		['anki.tsv', '#separator:tab\n#html:false\n', /no questions found/]
	])('refuses %s rather than making a 0-question set', (name, text, message) => {
		const r = run('convert', file(name, text), '-', '--format', 'json');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(message);
		expect(r.stdout).toBe('');
	});
});
