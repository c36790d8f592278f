// A per-student reshuffle of a class quiz: the same questions, asked the same way, in
// the student's own order and option order, so neighbours' screens differ. It depends
// only on the quiz and the student key, so the report can rebuild any student's view.
import { derange, isPositionalOption } from '../quiz/present';
import { createRng, shuffle, type Rng } from '../quiz/rng';
import type { AskedQuestion, Quiz, QuizItem } from '../quiz/types';

const identity = (n: number) => Array.from({ length: n }, (_, i) => i);
const isIdentity = (a: readonly number[]) => a.every((v, i) => v === i);

/** A shuffled permutation of n; when `avoid(perm)` holds, rotated once (an n-cycle never returns). */
function permutation(n: number, rng: Rng, avoid?: (perm: number[]) => boolean): number[] {
	let perm = shuffle(identity(n), rng);
	for (let i = 0; avoid && n > 1 && i < n && avoid(perm); i++) perm = [...perm.slice(1), perm[0]!];
	return perm;
}

function reshuffle(asked: AskedQuestion, rng: Rng): AskedQuestion {
	switch (asked.type) {
		case 'mcq':
		case 'multi': {
			// Authored order was kept on purpose ("All of the above", `shuffle: false`); an
			// authored question shown in authored order is taken to be one of those.
			const authored = asked.originalType === 'mcq' || asked.originalType === 'multi';
			if (asked.options.some(isPositionalOption) || (authored && isIdentity(asked.order)))
				return asked;
			const perm = permutation(asked.options.length, rng);
			const moved = {
				options: perm.map((i) => asked.options[i]!),
				order: perm.map((i) => asked.order[i]!),
				...(asked.optionFeedback
					? { optionFeedback: perm.map((i) => asked.optionFeedback![i] ?? '') }
					: {})
			};
			return asked.type === 'mcq'
				? { ...asked, ...moved, answer: perm.indexOf(asked.answer) }
				: {
						...asked,
						...moved,
						answers: asked.answers.map((a) => perm.indexOf(a)).sort((a, b) => a - b)
					};
		}
		case 'order': {
			// As in any quiz, no item starts in its right place (see derange), so leaving the
			// list as shown scores 0: pick the student's order, then find each item's source.
			const target = derange(asked.items.length, rng);
			const perm = target.map((pos) => asked.order.indexOf(pos));
			return { ...asked, items: perm.map((i) => asked.items[i]!), order: target };
		}
		case 'match': {
			const perm = permutation(asked.right.length, rng, (p) =>
				asked.answer.every((a, i) => p.indexOf(a) === i)
			);
			return {
				...asked,
				right: perm.map((i) => asked.right[i]!),
				answer: asked.answer.map((a) => perm.indexOf(a))
			};
		}
		default:
			return asked;
	}
}

/** `quiz` reordered for one student; `key` is studentKey(name). */
export function shuffleForStudent(quiz: Quiz, key: string): Quiz {
	const base = `${quiz.seed}|student|${key}`;
	const items = shuffle(quiz.items, createRng(base)).map((it): QuizItem => ({
		...it,
		asked: reshuffle(it.asked, createRng(`${base}|${it.key}`))
	}));
	return { ...quiz, items };
}
