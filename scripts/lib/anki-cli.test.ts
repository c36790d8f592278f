import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { main } from '../bank.ts';
import { legacyApkg, modernApkg } from '../../src/lib/core/bank/formats/anki/test-decks.ts';

async function run(...argv: string[]) {
	const stdout: string[] = [];
	const stderr: string[] = [];
	const code = await main(argv, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s) });
	return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'anki-cli-'));

describe('bank convert with Anki decks and Moodle XML', () => {
	it('converts an .apkg (either layout) to JSON, printing the counts', async () => {
		const SQL = await initSqlJs();
		for (const [name, bytes] of [
			['Old deck.apkg', legacyApkg(SQL)],
			['New deck.apkg', modernApkg(SQL)]
		] as const) {
			const input = join(dir, name);
			writeFileSync(input, bytes);
			const out = join(dir, `${name}.json`);
			const r = await run('convert', input, out);
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(/: 5 questions as json$/);
			expect(r.stderr).toContain('4 notes, 6 cards, 2 media files, 5 reviews in 3 deck(s)');
			const set = JSON.parse(readFileSync(out, 'utf8'));
			expect(set.title).toBe(name.replace('.apkg', ''));
			expect(set.questions.map((q: { type: string }) => q.type)).toEqual([
				'flashcard',
				'flashcard',
				'flashcard',
				'cloze',
				'flashcard'
			]);
		}
	});

	it('writes a set as .apkg and as Moodle XML, and reads both back', async () => {
		const json = join(dir, 'small.json');
		writeFileSync(
			json,
			JSON.stringify({
				id: 'small',
				title: 'Small',
				questions: [
					{ id: 'a', type: 'flashcard', prompt: 'Front', back: 'Back' },
					{ id: 'b', type: 'cloze', prompt: 'The {{c1::sky}} is blue' },
					{ id: 'c', type: 'mcq', prompt: 'Pick', options: ['x', 'y'], answer: 1 }
				]
			})
		);
		const apkg = join(dir, 'small.apkg');
		expect(await run('convert', json, apkg)).toMatchObject({
			code: 0,
			stdout: expect.stringMatching(/wrote .*small\.apkg: 3 notes as an Anki deck/)
		});
		const back = await run('convert', apkg, '-');
		expect(back.code).toBe(0);
		expect(JSON.parse(back.stdout).questions.map((q: { id: string }) => q.id)).toEqual([
			'a',
			'b',
			'c'
		]);

		const xml = join(dir, 'small.xml');
		expect(await run('convert', json, xml)).toMatchObject({ code: 0 });
		expect(readFileSync(xml, 'utf8')).toContain('<question type="cloze">');
		const fromXml = await run('convert', xml, '-', '--format', 'json');
		expect(JSON.parse(fromXml.stdout).questions.map((q: { id: string }) => q.id)).toEqual([
			'b',
			'c'
		]);
	});

	it('refuses a broken deck with one line and writes nothing', async () => {
		const input = join(dir, 'broken.apkg');
		writeFileSync(input, 'PK not really a zip at all, just text pretending');
		const out = join(dir, 'broken.json');
		const r = await run('convert', input, out);
		expect(r).toMatchObject({ code: 1, stdout: '' });
		expect(r.stderr).toMatch(/broken\.apkg: not a readable zip archive/);
		expect(existsSync(out)).toBe(false);
		expect(await run('convert', join(dir, 'missing.apkg'), out)).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/missing\.apkg: no such file or directory/)
		});
	});
});
