import { describe, expect, it, vi } from 'vitest';
import * as validate from '$lib/core/bank/validate';
import { fromSet } from './editable';
import { EditorValidator } from './validation';
import type { QuestionSet } from '$lib/core/bank/schema';

// Counts the per-question checks the validator makes, with the real parser behind.
vi.mock('$lib/core/bank/validate', async (original) => {
	const real = await original<typeof validate>();
	return { ...real, parseSet: vi.fn(real.parseSet) };
});
const parseSet = vi.mocked(validate.parseSet);

const set = (n: number): QuestionSet => ({
	id: 'big',
	version: 1,
	title: 'Big',
	language: 'en',
	questions: Array.from({ length: n }, (_, i) => ({
		id: `f${i}`,
		type: 'flashcard' as const,
		prompt: `Front ${i}`,
		back: `Back ${i}`
	}))
});

describe('EditorValidator on a large set', () => {
	it('a keystroke re-checks only the question it changed, past 5,000 questions too', () => {
		const editable = fromSet(set(6_000));
		const validator = new EditorValidator();
		expect(validator.check(editable).total).toBe(0);
		for (let key = 0; key < 3; key++) {
			parseSet.mockClear();
			editable.questions[10]!.prompt += 'x';
			expect(validator.check(editable).total).toBe(0);
			// The header and the one edited question.
			expect(parseSet).toHaveBeenCalledTimes(2);
		}
		editable.questions[10]!.prompt = '';
		const problems = validator.check(editable);
		expect(problems.total).toBe(1);
		expect(problems.questions.get(editable.questions[10]!.key)?.[0]?.text).toMatch(/^Front:/);
	});

	it('a set known valid opens without checking each question, and edits are still checked', () => {
		const editable = fromSet(set(2_000));
		const validator = new EditorValidator();
		validator.trust(editable);
		parseSet.mockClear();
		expect(validator.check(editable).total).toBe(0);
		expect(parseSet).toHaveBeenCalledTimes(1); // the header only
		editable.questions[5]!.back = '';
		expect(validator.check(editable).total).toBe(1);
	});
});
