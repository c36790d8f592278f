// A small set holding every question type and every field the text formats carry; the
// format tests round-trip it. Test-only: nothing in the app imports this.
import { parseSet } from '../validate';
import type { Question, QuestionSet } from '../schema';

export function everyTypeSet(): QuestionSet {
	const result = parseSet({
		id: 'every-type',
		title: 'Every type',
		questions: [
			{
				id: 'mcq-1',
				type: 'mcq',
				prompt: 'Which is a prime: {x} = 1 + 1? Use a ~tilde, #hash, colon: and back\\slash',
				options: ['2', '4', '%50% of 8', '[html] <b>not html</b>'],
				answer: 0,
				optionFeedback: ['yes', '', 'no, that is 4'],
				explanation: 'Two is the only even prime.\nSecond line.',
				tags: ['maths', 'two words'],
				difficulty: 2
			},
			{
				id: 'multi-1',
				type: 'multi',
				prompt: 'Pick the even numbers',
				options: ['2', '3', '4'],
				answers: [0, 2],
				optionFeedback: ['', 'odd'],
				tags: ['maths']
			},
			{
				id: 'multi-one',
				type: 'multi',
				prompt: 'Only one is right',
				options: ['a', 'b'],
				answers: [1]
			},
			{
				id: 'tf-1',
				type: 'truefalse',
				prompt: 'The sun is a star',
				answer: true,
				explanation: 'It is.'
			},
			{ id: 'tf-2', type: 'truefalse', prompt: 'Two = three', answer: false },
			{
				id: 'short-1',
				type: 'short',
				prompt: 'Capital of France?',
				answers: ['Paris', 'paris, France']
			},
			{
				id: 'numeric-1',
				type: 'numeric',
				prompt: 'How far (km)?',
				answer: -2.5,
				tolerance: 0.25,
				unit: 'km',
				explanation: 'About that.'
			},
			{ id: 'numeric-2', type: 'numeric', prompt: 'Year?', answer: 2007 },
			{
				id: 'cloze-1',
				type: 'cloze',
				prompt: 'The {{c1::TTP::a group}} formed in 2007.',
				explanation: 'Tehrik-i-Taliban Pakistan.'
			},
			{ id: 'cloze-end', type: 'cloze', prompt: 'The capital of France is {{c1::Paris}}' },
			{ id: 'order-1', type: 'order', prompt: 'Put in order', items: ['one', 'two', 'three'] },
			{
				id: 'match-1',
				type: 'match',
				prompt: 'Match the sounds',
				pairs: [
					{ left: 'cat', right: 'meow' },
					{ left: 'dog', right: 'woof: loud' }
				]
			},
			{
				id: 'Flash.Card_1',
				type: 'flashcard',
				prompt: 'Front <script>alert(1)</script>',
				back: 'Back = side',
				tags: ['cards']
			}
		]
	});
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

/** Drops trailing empty feedback entries, which carry nothing. */
export function normalized(q: Question): Question {
	if ((q.type === 'mcq' || q.type === 'multi') && q.optionFeedback) {
		const fb = [...q.optionFeedback];
		while (fb.length && !fb[fb.length - 1]) fb.pop();
		const { optionFeedback: _, ...rest } = q;
		return fb.length ? { ...rest, optionFeedback: fb } : (rest as Question);
	}
	return q;
}

/** The question fields GIFT carries (everything but source quotes and shuffle). */
export function giftFields(q: Question): Question {
	const { source: _s, ...rest } = normalized(q) as Question & { shuffle?: boolean };
	delete (rest as { shuffle?: boolean }).shuffle;
	return rest as Question;
}
