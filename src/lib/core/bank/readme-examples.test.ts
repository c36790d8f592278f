// The examples teachers copy from questions/README.md must stay valid.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseSet } from './validate';
import { QUESTION_TYPES } from './schema';

const readme = readFileSync(new URL('../../../../questions/README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
const questions = blocks.filter((b) => 'type' in b);
const setBlock = blocks.find((b) => 'questions' in b);

describe('questions/README.md', () => {
	test('shows one example of every question type', () => {
		// The formatting example repeats a type: it is about `rich`, not the type.
		const typed = questions.filter((q) => !('rich' in q));
		expect(typed.map((q) => q.type).sort()).toEqual([...QUESTION_TYPES].sort());
	});

	test('its set and question examples are valid together', () => {
		const result = parseSet({ ...setBlock, questions });
		expect(result.ok ? [] : result.problems).toEqual([]);
	});
});
