import { describe, expect, it } from 'vitest';
import type { QuestionSet } from '../bank/schema';
import { parseSet } from '../bank/validate';
import { SUSPENDED_DUE, State } from './card';
import { newCard } from './scheduler';
import { dueForecast } from './stats';
import {
	easierCloze,
	easierSetId,
	isSuspended,
	suspendCard,
	unsuspendCard,
	withEasierCard
} from './leech';

const SET: QuestionSet = {
	id: 'talks',
	version: 1,
	title: 'Peace talks',
	language: 'en',
	sourceText:
		'The talks opened in June.\n\nFollowing two days of indirect peace talks hosted by the Afghan Taliban in Kabul in early June, the group declared a ceasefire.\n\nIt lasted 50 days.',
	questions: [
		{
			id: 'host',
			type: 'mcq',
			prompt: 'Who hosted the talks?',
			options: ['The United Nations', 'The Afghan Taliban'],
			answer: 1,
			source: { quote: 'hosted by the Afghan Taliban in Kabul' }
		},
		{
			id: 'city',
			type: 'short',
			prompt: 'In which city?',
			answers: ['kabul'],
			source: { quote: 'hosted by the Afghan Taliban in Kabul' }
		},
		{
			id: 'days',
			type: 'numeric',
			prompt: 'How many days?',
			answer: 50,
			tolerance: 0,
			source: { quote: 'It lasted 50 days.' }
		},
		{
			id: 'tf',
			type: 'truefalse',
			prompt: 'The talks were direct.',
			answer: false,
			source: { quote: 'indirect peace talks' }
		},
		{
			id: 'group',
			type: 'mcq',
			prompt: 'Which group hosted?',
			options: ['The Afghan government', 'Taliban leaders in Afghanistan'],
			answer: 1,
			source: { quote: 'hosted by the Afghan Taliban in Kabul' }
		},
		{ id: 'noquote', type: 'flashcard', prompt: 'Front', back: 'Back' }
	]
};
const q = (id: string) => SET.questions.find((x) => x.id === id)!;

describe('easierCloze', () => {
	it('blanks the right option inside its paragraph', () => {
		expect(easierCloze(q('host'), SET)).toEqual({
			id: 'host',
			type: 'cloze',
			prompt:
				'Following two days of indirect peace talks hosted by {{c1::the Afghan Taliban}} in Kabul in early June, the group declared a ceasefire.',
			explanation: 'Made easier from: Who hosted the talks?',
			source: { quote: 'hosted by the Afghan Taliban in Kabul' }
		});
	});

	it('keeps the passage’s own capitals and finds numbers', () => {
		expect(easierCloze(q('city'), SET)?.prompt).toContain('the Afghan Taliban in {{c1::Kabul}} in');
		expect(easierCloze(q('days'), SET)?.prompt).toBe('It lasted {{c1::50}} days.');
	});

	it('falls back to the longest word the answer and the quote share', () => {
		expect(easierCloze(q('group'), SET)?.prompt).toContain('the Afghan {{c1::Taliban}} in Kabul');
	});

	it('cannot blank a true/false statement or a question without a quote', () => {
		expect(easierCloze(q('tf'), SET)).toBeUndefined();
		expect(easierCloze(q('noquote'), SET)).toBeUndefined();
	});

	it('uses just the quote when the set has no source text', () => {
		expect(easierCloze(q('days'), { ...SET, sourceText: undefined })?.prompt).toBe(
			'It lasted {{c1::50}} days.'
		);
	});
});

describe('withEasierCard', () => {
	it('makes a valid device set that quotes its passages, and adds to it later', () => {
		const first = withEasierCard(SET, undefined, easierCloze(q('host'), SET)!);
		const parsed = parseSet(first);
		expect(parsed.ok).toBe(true);
		expect(first).toMatchObject({
			id: 'talks-easier',
			version: 1,
			title: 'Peace talks: easier cards'
		});
		const second = withEasierCard(SET, first, easierCloze(q('days'), SET)!);
		expect(second.questions.map((x) => x.id)).toEqual(['host', 'days']);
		expect(second.version).toBe(2);
		expect(second.sourceText?.split('\n\n')).toHaveLength(2);
		expect(parseSet(second).ok).toBe(true);
		// Making the same card easier again replaces it rather than doubling it.
		expect(withEasierCard(SET, second, easierCloze(q('days'), SET)!).questions).toHaveLength(2);
	});

	it('keeps set ids within the id limit', () => {
		expect(easierSetId('x'.repeat(64))).toHaveLength(64);
	});
});

describe('suspending', () => {
	it('parks the card beyond every date and restores its due exactly', () => {
		const card = { ...newCard('q', 's', 1000), state: State.Review, due: 123_456 };
		const s = suspendCard(card);
		expect(s.due).toBe(SUSPENDED_DUE);
		expect(isSuspended(s)).toBe(true);
		expect(suspendCard(s)).toBe(s);
		expect(unsuspendCard(s)).toEqual(card);
		expect(dueForecast([s], 0, { offsetMinutes: 0 }).every((d) => d.count === 0)).toBe(true);
	});
});
