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
	it('converts a multi-deck .apkg (either layout) to one JSON file per deck, saying so', async () => {
		const SQL = await initSqlJs();
		for (const [name, bytes] of [
			['Old deck.apkg', legacyApkg(SQL)],
			['New deck.apkg', modernApkg(SQL)]
		] as const) {
			const input = join(dir, name);
			writeFileSync(input, bytes);
			const base = name.replace(' deck.apkg', '').toLowerCase();
			const out = join(dir, `${base}.json`);
			const r = await run('convert', input, out);
			expect(r.code).toBe(0);
			expect(r.stderr).toContain('4 notes, 6 cards, 2 media files, 5 reviews in 3 deck(s)');
			expect(r.stderr).toContain('1 image(s) are not written: a json file carries no images');
			expect(r.stdout).toMatch(/-world-capitals\.json: 2 questions as json/);
			expect(r.stdout).toContain(
				'holds 3 decks: wrote one file per deck (add --one-set for one set with the decks as tags)'
			);
			expect(existsSync(out)).toBe(false);
			const read = (deck: string) =>
				JSON.parse(readFileSync(join(dir, `${base}-${deck}.json`), 'utf8'));
			expect(read('world-capitals').title).toBe('World::Capitals');
			expect(read('German').questions.map((q: { prompt: string }) => q.prompt)).toEqual([
				'der Hund',
				'the dog'
			]);
			expect(read('world-biology').questions.map((q: { type: string }) => q.type)).toEqual([
				'cloze'
			]);
		}
	});

	it('merges the decks into one set with --one-set, and asks for a file before printing several', async () => {
		const SQL = await initSqlJs();
		const input = join(dir, 'Merged deck.apkg');
		writeFileSync(input, legacyApkg(SQL));
		const out = join(dir, 'merged.json');
		const r = await run('convert', input, out, '--one-set');
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/merged\.json: 5 questions as json$/);
		const set = JSON.parse(readFileSync(out, 'utf8'));
		expect(set.title).toBe('Merged deck');
		expect(set.questions.map((q: { type: string }) => q.type)).toEqual([
			'flashcard',
			'flashcard',
			'flashcard',
			'cloze',
			'flashcard'
		]);
		const printed = await run('convert', input, '-');
		expect(printed.code).toBe(1);
		expect(printed.stderr).toMatch(/holds 3 decks; give an output file .* or add --one-set/);
		const one = await run('convert', input, '-', '--one-set');
		expect(JSON.parse(one.stdout).questions).toHaveLength(5);
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
