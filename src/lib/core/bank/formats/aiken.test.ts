import { describe, expect, it } from 'vitest';
import { parseAiken, toAiken } from './aiken';
import { everyTypeSet } from './test-fixtures';

describe('parseAiken', () => {
	it('reads questions with A. and A) options', () => {
		const r = parseAiken(
			'What is the capital of France?\nA. Paris\nB. London\nANSWER: A\n\r\nTwo plus two?\r\nA) 3\r\nB) 4\r\nC) 5\r\nANSWER: B\r\n'
		);
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.value.set.questions).toEqual([
			{
				id: 'q-1',
				type: 'mcq',
				prompt: 'What is the capital of France?',
				options: ['Paris', 'London'],
				answer: 0
			},
			{ id: 'q-2', type: 'mcq', prompt: 'Two plus two?', options: ['3', '4', '5'], answer: 1 }
		]);
	});

	it('reports problems with lines and accepts nothing', () => {
		const r = parseAiken(
			'Good?\nA. yes\nB. no\nANSWER: A\n\nNo answer?\nA. x\nB. y\n\nBad letter?\nA. x\nB. y\nANSWER: D\n\nANSWER: A\n\nOne option?\nA. x\nANSWER: A\n\nSkips?\nA. x\nC. y\nANSWER: A'
		);
		if (r.ok) throw new Error('expected problems');
		expect(r.problems.map((p) => [p.line, p.message])).toEqual([
			[6, 'the question has no "ANSWER: <letter>" line'],
			[13, '"ANSWER: D" names no option; use a letter from A to B'],
			[15, '"ANSWER:" without a question before it'],
			[17, 'a question needs at least 2 options (A. …, B. …)'],
			[23, 'option C is out of order; expected B']
		]);
	});

	it('points duplicate options at the question line', () => {
		const r = parseAiken('\n\nDup?\nA. x\nB. x\nANSWER: A');
		expect(r.ok ? [] : r.problems).toContainEqual(expect.objectContaining({ line: 3 }));
	});
});

describe('toAiken', () => {
	it('writes mcq questions and lists every other question as skipped', () => {
		const set = everyTypeSet();
		const { text, skipped } = toAiken(set);
		expect(text).toContain('A. 2\nB. 4\nC. %50% of 8\nD. [html] <b>not html</b>\nANSWER: A');
		expect(skipped.filter((s) => /skipped/.test(s.message))).toHaveLength(set.questions.length - 1);
		expect(skipped[0]).toMatchObject({
			questionId: 'mcq-1',
			message: expect.stringMatching(/explanation/)
		});
		const back = parseAiken(text);
		if (!back.ok) throw new Error(JSON.stringify(back.problems));
		const mcq = set.questions[0]!;
		expect(back.value.set.questions[0]).toMatchObject({
			prompt: mcq.prompt,
			options: mcq.type === 'mcq' ? mcq.options : [],
			answer: 0
		});
	});
});
