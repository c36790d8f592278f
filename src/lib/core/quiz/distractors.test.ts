import { describe, expect, test } from 'vitest';
import type { Question } from '../bank/schema';
import { questionSubject, textDistractors } from './distractors';
import { createRng } from './rng';

describe('questionSubject', () => {
	test.each([
		['Who was killed by the roadside bomb?', 'person'],
		['Which senior TTP leader was killed in August?', 'person'],
		['Which southern Pakistani province has a growing insurgency?', 'place'],
		['Where were the talks held?', 'place'],
		['Which organisation counted the attacks?', 'group'],
		['In which year was the first agreement signed?', 'time'],
		['What did the TTP declare?', undefined]
	])('%s → %s', (prompt, subject) => {
		expect(questionSubject(prompt)).toBe(subject);
	});
});

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
});
