import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureSet } from '../../src/lib/core/quiz/fixtures.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import { CliError } from './files.ts';
import { quizCommand, quizFromArgs } from './quiz-cli.ts';

let dir: string;
const set = fixtureSet(90, 'cli', 'cli');

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'quiz-cli-'));
	writeFileSync(join(dir, 'set.json'), JSON.stringify(set));
	writeFileSync(join(dir, 'broken.json'), '{"id": "x", "title": "X", "questions": [{"id": "a"}]}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: Record<string, string>, paths = [dir]) {
	const lines: string[] = [];
	const code = quizCommand(paths, args, {
		stdout: (s) => lines.push(s),
		stderr: (s) => lines.push(s)
	});
	return { code, text: lines.join('\n') };
}

describe('bank quiz', () => {
	it('prints the same quiz for the same seed, and the app’s quiz', () => {
		const a = run({ count: '12', seed: 'ab12cd' });
		expect(a.code).toBe(0);
		expect(run({ count: '12', seed: 'ab12cd' }).text).toBe(a.text);
		expect(run({ count: '12', seed: 'other' }).text).not.toBe(a.text);
		const app = generateQuiz([set], { count: 12, mode: 'exam', seed: 'ab12cd' });
		expect(JSON.parse(a.text)).toEqual(JSON.parse(JSON.stringify(app)));
	});

	it('filters by tags and types', () => {
		const { quiz } = quizFromArgs([dir], {
			count: '50',
			seed: 's',
			tags: 'people, places',
			types: 'mcq,short'
		});
		for (const it of quiz.items) expect(['mcq', 'short']).toContain(it.asked.originalType);
	});

	it('prints a paper quiz with an answer key', () => {
		const { text } = run({ count: '18', seed: 'paper', format: 'text' });
		expect(text).toMatch(/^Fixture cli\n18 questions · exam · seed PAPER/);
		expect(text).toMatch(/^1\. /m);
		expect(text).toMatch(/^ {3}A\. /m);
		expect(text).toContain('Answer key');
		expect(text).toMatch(/^18\. /m);
		expect(run({ count: '18', seed: 'paper', format: 'text' }).text).toBe(text);
	});

	it('rejects bad input with one clear line', () => {
		const bad: [Record<string, string>, RegExp][] = [
			[{ count: 'ten', seed: 's' }, /--count must be a whole number from 1 to 1000, got "ten"/],
			[{ count: '0', seed: 's' }, /--count must be/],
			[{ count: '2.5', seed: 's' }, /--count must be/],
			[{ seed: 's' }, /--count must be .* got nothing/],
			[{ count: '3' }, /--seed is required/],
			[{ count: '3', seed: 's', mode: 'test' }, /--mode must be exam or practice/],
			[{ count: '3', seed: 's', types: 'essay' }, /unknown type "essay"/],
			[{ count: '3', seed: 's', format: 'pdf' }, /unknown format "pdf"/],
			[{ count: '3', seed: 's', tags: 'nope' }, /no questions match tags nope/]
		];
		for (const [args, message] of bad) {
			expect(() => run(args)).toThrow(CliError);
			expect(() => run(args)).toThrow(message);
		}
		expect(() => run({ count: '3', seed: 's' }, [join(dir, 'missing')])).toThrow(/no such file/);
		expect(() => run({ count: '3', seed: 's' }, [join(dir, 'broken.json')])).toThrow(
			/broken\.json: question a, questions\[0\]\.type: missing/
		);
	});
});
