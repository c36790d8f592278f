// Synthetic question banks for tests and the benchmark: every type, plausible answer
// kinds (names, years, phrases, numbers with units), deterministic for a seed. Not used
// by the app.
import { QUESTION_TYPES, type Question, type QuestionSet } from '../bank/schema';
import { createRng, randomInt, type Rng } from './rng';

const FIRST = [
	'Amina',
	'Bilal',
	'Farah',
	'Hamza',
	'Imran',
	'Javed',
	'Khalid',
	'Nadia',
	'Omar',
	'Sana'
];
const LAST = ['Mehsud', 'Khan', 'Yusufzai', 'Afridi', 'Durrani', 'Baloch', 'Qureshi', 'Shah'];
const WORDS = [
	'ceasefire',
	'talks',
	'council',
	'border',
	'agreement',
	'tribal',
	'district',
	'army',
	'mediator',
	'prisoners',
	'release',
	'delegation'
];
export const FIXTURE_TAGS = ['history', 'people', 'places', 'numbers', 'talks', 'groups'];

const pick = <T>(list: readonly T[], rng: Rng) => list[randomInt(rng, list.length)]!;
const phrase = (rng: Rng, n: number) => Array.from({ length: n }, () => pick(WORDS, rng)).join(' ');
const name = (rng: Rng) => `${pick(FIRST, rng)} ${pick(LAST, rng)}`;

export function fixtureQuestion(i: number, type: Question['type'], rng: Rng): Question {
	const common = {
		id: `q${i}`,
		prompt: `Question ${i}: ${phrase(rng, 4)}?`,
		tags: [pick(FIXTURE_TAGS, rng), pick(FIXTURE_TAGS, rng)].filter(
			(t, j, a) => a.indexOf(t) === j
		),
		difficulty: (1 + randomInt(rng, 3)) as 1 | 2 | 3,
		explanation: `Because ${phrase(rng, 3)}.`
	};
	const distinct = (n: number, make: (k: number) => string) =>
		Array.from({ length: n }, (_, k) => `${make(k)} ${k + 1}`);
	switch (type) {
		case 'mcq':
			return {
				...common,
				type,
				options: distinct(4, () => phrase(rng, 2)),
				answer: randomInt(rng, 4)
			};
		case 'multi':
			return { ...common, type, options: distinct(5, () => phrase(rng, 2)), answers: [0, 2] };
		case 'truefalse':
			return { ...common, type, answer: rng() < 0.5 };
		case 'short': {
			const r = rng();
			const answer =
				r < 0.4 ? name(rng) : r < 0.7 ? String(1990 + randomInt(rng, 35)) : phrase(rng, 2);
			return { ...common, type, answers: [answer] };
		}
		case 'numeric':
			return rng() < 0.5
				? { ...common, type, answer: 1990 + randomInt(rng, 35), tolerance: 0 }
				: { ...common, type, answer: 10 + randomInt(rng, 900), tolerance: 1, unit: 'km' };
		case 'cloze':
			return {
				...common,
				type,
				prompt: `In {{c1::${1990 + randomInt(rng, 35)}}} the {{c2::${pick(WORDS, rng)}::noun}} met.`
			};
		case 'order':
			return { ...common, type, items: distinct(4, () => phrase(rng, 2)) };
		case 'match':
			return {
				...common,
				type,
				pairs: Array.from({ length: 4 }, (_, k) => ({
					left: `${name(rng)} ${k}`,
					right: `${phrase(rng, 1)} ${k}`
				}))
			};
		case 'flashcard':
			return { ...common, type, back: rng() < 0.5 ? name(rng) : phrase(rng, 3) };
	}
}

/** A valid set of `n` questions cycling through every type. */
export function fixtureSet(n: number, seed = 'fixture', id = 'fixture'): QuestionSet {
	const rng = createRng(seed);
	return {
		id,
		version: 1,
		title: `Fixture ${id}`,
		language: 'en',
		questions: Array.from({ length: n }, (_, i) =>
			fixtureQuestion(i, QUESTION_TYPES[i % QUESTION_TYPES.length]!, rng)
		)
	};
}
