// The projector shows what students need to answer every question type, and no answer.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { AskedQuestion } from '$lib/core/quiz/types';
import { redactAsked } from '$lib/core/classroom/live/protocol';
import ProjectorQuestion from './ProjectorQuestion.svelte';

const base = { prompt: 'P', originalType: 'mcq' } as const;
const html = (asked: AskedQuestion) =>
	render(ProjectorQuestion, { props: { asked: redactAsked(asked) } }).body;

describe('ProjectorQuestion', () => {
	it('draws each question type as students see it', () => {
		expect(html({ ...base, type: 'truefalse', originalType: 'truefalse', answer: true })).toMatch(
			/>True<\/li>.*>False<\/li>/s
		);
		const order = html({
			...base,
			type: 'order',
			originalType: 'order',
			items: ['Second', 'First'],
			order: [1, 0]
		});
		expect(order).toMatch(/Put these in order.*Second.*First/s);
		const match = html({
			...base,
			type: 'match',
			originalType: 'match',
			left: ['Paris', 'Rome'],
			right: ['Italy', 'France'],
			answer: [1, 0]
		});
		expect(match).toMatch(/Paris.*Rome.*Italy.*France/s);
		const cloze = html({
			...base,
			type: 'cloze',
			originalType: 'cloze',
			text: 'The capital is {{c1::Paris::city}}.',
			blanks: [{ answer: 'Paris', hint: 'city' }]
		});
		expect(cloze).toMatch(/The capital is .*blank 1.*\(city\).*\./s);
		expect(cloze).not.toContain('Paris');
		expect(
			html({
				...base,
				type: 'numeric',
				originalType: 'numeric',
				answer: 3,
				tolerance: 0,
				unit: 'km'
			})
		).toMatch(/type a number \(in km\)/);
		expect(
			html({ ...base, type: 'short', originalType: 'short', answers: ['Secret'] })
		).not.toContain('Secret');
		expect(
			html({
				...base,
				type: 'multi',
				originalType: 'multi',
				options: ['A1', 'B1'],
				order: [0, 1],
				answers: [0]
			})
		).toMatch(/Choose every right answer.*A1.*B1/s);
	});
});
