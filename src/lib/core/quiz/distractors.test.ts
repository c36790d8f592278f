import { describe, expect, test } from 'vitest';
import type { Question } from '../bank/schema';
import fc from 'fast-check';
import { answerKindOf } from '../bank/answer-kind';
import { numericDistractors, textDistractorSources, textDistractors } from './distractors';
import { FC_SEED } from '../fc-options';
import { createRng } from './rng';

describe('textDistractors', () => {
	const short = (id: string, prompt: string, answer: string): Question => ({
		id,
		type: 'short',
		prompt,
		answers: [answer],
		tags: ['actors']
	});
	const places = [
		short('p1', 'Which province borders Afghanistan in the north-west?', 'Khyber Pakhtunkhwa'),
		short('p2', 'Which province saw the roadside bomb?', 'Paktika'),
		short('p3', 'Which city hosted the talks?', 'Kabul'),
		short('p4', 'Which province has a growing insurgency?', 'Baluchistan')
	];
	const people = [
		short('w1', 'Who was the senior TTP leader killed on August 8?', 'Omar Khalid Khorasani'),
		short('w2', 'Who leads the Haqqani Network?', 'Sirajuddin Haqqani'),
		short('w3', 'Who was the TTP deputy head released from prison?', 'Molvi Faqir Muhammad'),
		short('w4', 'Who else was killed with Khorasani?', 'Hafiz Dawlat Khan')
	];
	const pool = [...places, ...people];

	test('a place is never offered people as wrong answers, for any seed', () => {
		const names = new Set(people.map((q) => (q as { answers: string[] }).answers[0]));
		for (let seed = 0; seed < 50; seed++) {
			const out = textDistractors(places[3] as never, pool, createRng(`s${seed}`));
			expect(out).toBeDefined();
			expect(out!.filter((d) => names.has(d))).toEqual([]);
		}
	});

	test('a "Who…" question is never offered a place, even one whose prompt says nothing', () => {
		// The audit's case: "What does the acronym FATA stand for?" reads as no kind at all,
		// and its answer was offered as a person. Declared kinds keep it out.
		const fata: Question = {
			...short(
				'f1',
				'What does the acronym FATA stand for?',
				'Federally Administered Tribal Areas'
			),
			answerKind: 'place'
		} as Question;
		const who = short('w0', 'Who is the Minister of the Interior?', 'Sirajuddin Haqqani');
		const mixed = [who, fata, ...people, ...places];
		for (let seed = 0; seed < 50; seed++) {
			const out = textDistractors(who as never, mixed, createRng(`w${seed}`));
			expect(out).toBeDefined();
			expect(out).not.toContain('Federally Administered Tribal Areas');
			for (const d of out!)
				expect(people.map((q) => (q as { answers: string[] }).answers[0])).toContain(d);
		}
	});

	test('"Name the…" is read as what it names', () => {
		const named = short(
			'n1',
			'Name the northwestern province the TTP wants troops out of.',
			'Swat'
		);
		const names = new Set(people.map((q) => (q as { answers: string[] }).answers[0]));
		for (let seed = 0; seed < 30; seed++) {
			const out = textDistractors(named as never, pool, createRng(`n${seed}`)) ?? [];
			expect(out.filter((d) => names.has(d))).toEqual([]);
		}
	});

	test('fewer than three answers of the same kind give no multiple choice', () => {
		// Only two other people in the pool: not enough for three distractors.
		const lone = { ...people[0]!, answerKind: 'person' } as Question;
		const pool2 = [lone, people[1]!, people[2]!, ...places];
		expect(textDistractors(lone as never, pool2, createRng('x'))).toBeUndefined();
	});
});

describe('numericDistractors', () => {
	const num = (id: string, answer: number, answerKind?: 'date' | 'number') =>
		({
			id,
			type: 'numeric',
			prompt: 'In what year?',
			answer,
			tolerance: 0,
			...(answerKind ? { answerKind } : {})
		}) as Question & { type: 'numeric' };

	test('a year is offered only years, a count only counts', () => {
		const years = [num('y1', 2004), num('y2', 2007), num('y3', 2021), num('y4', 2022)];
		// 2010 written as a plain count (say, 2010 attacks) must not pass for a year.
		const count = num('c1', 2010, 'number');
		for (let seed = 0; seed < 30; seed++) {
			const out = numericDistractors(years[0]!, [...years, count], createRng(`y${seed}`));
			expect(out).toBeDefined();
			expect(out).not.toContain(2010);
		}
	});
});

describe('textDistractorSources (property)', () => {
	const NAMES = ['Kabul', 'Paktika', 'Sirajuddin Haqqani', 'Omar Khorasani', 'Faqir Muhammad'];
	const MORE = [
		'Hafiz Dawlat Khan',
		'Baluchistan',
		'Swat Valley',
		'Mufti Swati',
		'North Waziristan'
	];
	const PROMPTS = [
		'Who led the group?',
		'Which province was it?',
		'Name the city of the talks.',
		'What does the acronym stand for?',
		'Which leader was killed?'
	];
	const KINDS = [undefined, 'person', 'place', 'organisation', 'group'] as const;
	const question = fc
		.record({
			prompt: fc.constantFrom(...PROMPTS),
			answer: fc.constantFrom(...NAMES, ...MORE),
			kind: fc.constantFrom(...KINDS)
		})
		.map(({ prompt, answer, kind }) => ({ prompt, answer, kind }));

	test('a "Who…" question is offered only people, for any pool and seed', () => {
		fc.assert(
			fc.property(fc.array(question, { minLength: 4, maxLength: 24 }), fc.string(), (raw, seed) => {
				const pool = raw.map(
					(r, i) =>
						({
							id: `q${i}`,
							type: 'short',
							prompt: r.prompt,
							answers: [r.answer],
							tags: ['t'],
							// A "who" question may not be declared a place: the validator refuses it.
							...(r.kind && !(/^who/i.test(r.prompt) && r.kind === 'place')
								? { answerKind: r.kind }
								: {})
						}) as Question
				);
				for (const q of pool) {
					if (!/^who/i.test(q.prompt) || answerKindOf(q) !== 'person') continue;
					const from = textDistractorSources(q as never, pool, createRng(seed)) ?? [];
					for (const o of from) expect(answerKindOf(o)).toBe('person');
				}
			}),
			{ seed: FC_SEED, numRuns: 300 }
		);
	});
});
