// Test-only: a random review log with a fixed seed, for checking the review tallies
// (tally.ts) against the scan-based figures they replace. Not a real scheduler history:
// states, ratings and intervals are drawn independently, to reach every branch.
import { createRng } from '../quiz/rng';
import { Rating, State, type ReviewEntry } from './card';

const DAY = 86_400_000;
export const LOG_NOW = Date.UTC(2026, 2, 14, 17, 23, 41);
const NOW = LOG_NOW;

/** A random log over the last `days` days: answers in bursts, all states and ratings. */
export function randomLog(seed: string, n: number, days = 120): ReviewEntry[] {
	const rng = createRng(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
	const out: ReviewEntry[] = [];
	for (let i = 0; i < n; i++) {
		const setId = pick(['bio', 'chem', 'geo']);
		const questionId = `q${Math.floor(rng() * 40)}`;
		out.push({
			id: i + 1,
			cardId: `${setId}/${questionId}`,
			setId,
			questionId,
			rating: pick([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]),
			state: pick([State.New, State.Learning, State.Review, State.Review, State.Relearning]),
			// Some right on a quarter hour or a day boundary.
			reviewedAt:
				rng() < 0.1
					? Math.floor((NOW - rng() * days * DAY) / 900_000) * 900_000
					: Math.floor(NOW - rng() * days * DAY),
			elapsedDays: pick([0, 0.5, 3, 6.99, 7, 27, 28, 89.9, 90, 400, NaN]),
			scheduledDays: 1,
			due: NOW,
			before: {} as never
		});
	}
	return out.sort((a, b) => a.reviewedAt - b.reviewedAt);
}
