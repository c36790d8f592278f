// Small synthetic sets for the classroom tests. Not used by the app.
import { parseSet } from '../bank/validate';
import type { QuestionSet, QuestionSetInput } from '../bank/schema';

export function validSet(input: QuestionSetInput): QuestionSet {
	const r = parseSet(input);
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r.value;
}

/** One question of every shape the class quiz reshuffles, plus ones it leaves alone. */
export function classSet(version = 1): QuestionSet {
	return validSet({
		id: 'class-demo',
		version,
		title: 'Class demo',
		questions: [
			{
				id: 'capital',
				type: 'mcq',
				prompt: 'Capital of Pakistan?',
				options: ['Kabul', 'Islamabad', 'Peshawar', 'Quetta'],
				answer: 1,
				tags: ['places']
			},
			{
				id: 'both',
				type: 'mcq',
				prompt: 'Which apply?',
				options: ['Rivers', 'Mountains', 'All of the above'],
				answer: 2
			},
			{
				id: 'ceasefire',
				type: 'truefalse',
				prompt: 'A ceasefire was announced.',
				answer: true,
				tags: ['talks'],
				difficulty: 1
			},
			{
				id: 'provinces',
				type: 'multi',
				prompt: 'Which are provinces of Pakistan?',
				options: ['Punjab', 'Kandahar', 'Sindh', 'Herat', 'Balochistan'],
				answers: [0, 2, 4]
			},
			{
				id: 'steps',
				type: 'order',
				prompt: 'Put in order.',
				items: ['Talks begin', 'Ceasefire', 'Agreement', 'Collapse']
			},
			{
				id: 'pairs',
				type: 'match',
				prompt: 'Match city and country.',
				pairs: [
					{ left: 'Kabul', right: 'Afghanistan' },
					{ left: 'Lahore', right: 'Pakistan' },
					{ left: 'Tehran', right: 'Iran' }
				]
			},
			{
				id: 'year',
				type: 'numeric',
				prompt: 'In which year did the TTP form?',
				answer: 2007,
				tags: ['history']
			},
			{
				id: 'leader',
				type: 'cloze',
				prompt: 'The TTP was led by {{c1::Noor Wali Mehsud}}.',
				tags: ['people']
			}
		]
	});
}

/** Three questions whose presentation is fixed (no shuffles, no variety): for hand-computed reports. */
export function fixedSet(): QuestionSet {
	return validSet({
		id: 'fixed',
		version: 1,
		title: 'Fixed, for the report test',
		questions: [
			{
				id: 'capital',
				type: 'mcq',
				prompt: 'Capital of Pakistan?',
				options: ['Kabul', 'Islamabad', 'Peshawar', 'Quetta'],
				answer: 1,
				shuffle: false
			},
			{ id: 'ceasefire', type: 'truefalse', prompt: 'A ceasefire was announced.', answer: true },
			{
				id: 'letters',
				type: 'multi',
				prompt: 'Which are vowels?',
				options: ['A', 'B', 'E', 'D'],
				answers: [0, 2],
				shuffle: false
			}
		]
	});
}
