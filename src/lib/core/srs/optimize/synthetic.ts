// Synthetic review logs for tests and the bench: a simulated student whose memory follows
// FSRS with KNOWN parameters answers cards that the app schedules with its own scheduler.
// An optimiser that works should recover parameters that predict this student better
// than the defaults do. Seeded and clock-free: the same options give the same log.
import { FSRSAlgorithm, type FSRSState } from 'ts-fsrs';
import { createRng } from '../../quiz/rng';
import { Rating, State, type Grade, type ReviewEntry, type StoredCard } from '../card';
import { answerCard, newCard } from '../scheduler';
import { DEFAULT_SETTINGS, type SrsSettings } from '../settings';
import { DEFAULT_PARAMETERS } from './evaluate';

const DAY = 86_400_000;

/** A student who forgets new cards fast and whose forgetting curve is steeper. */
export const FORGETFUL_STUDENT: readonly number[] = DEFAULT_PARAMETERS.map((w, i) =>
	i < 4 ? w * 0.3 : i === 20 ? 0.45 : w
);

export interface SimulationOptions {
	seed: string;
	/** Epoch ms of the first study session. */
	start: number;
	days: number;
	newPerDay: number;
	/** Stop once this many answers were given. */
	maxReviews?: number;
	/** The student's real memory. */
	truth?: readonly number[];
	/** How the app schedules (default settings unless given). */
	settings?: SrsSettings;
	setId?: string;
}

export interface Simulation {
	reviews: ReviewEntry[];
	cards: StoredCard[];
}

interface Sim {
	card: StoredCard;
	memory: FSRSState | null;
	lastDay: number;
	lastAt: number;
}

export function simulateReviews({
	seed,
	start,
	days,
	newPerDay,
	maxReviews = Infinity,
	truth = FORGETFUL_STUDENT,
	settings = DEFAULT_SETTINGS,
	setId = 'synthetic'
}: SimulationOptions): Simulation {
	const rng = createRng(seed);
	const memory = new FSRSAlgorithm({ w: [...truth], enable_short_term: true });
	const sims: Sim[] = [];
	const reviews: ReviewEntry[] = [];
	const pick = (weights: [Grade, number][]): Grade => {
		let u = rng();
		for (const [g, w] of weights) if ((u -= w) < 0) return g;
		return weights.at(-1)![0];
	};
	for (let day = 0; day < days && reviews.length < maxReviews; day++) {
		const sessionStart = start + day * DAY;
		const dayEnd = sessionStart + 12 * 3_600_000;
		for (let i = 0; i < newPerDay; i++) {
			const id = `q${sims.length}`;
			sims.push({ card: newCard(id, setId, sessionStart), memory: null, lastDay: day, lastAt: 0 });
		}
		let clock = sessionStart;
		for (;;) {
			let next: Sim | undefined;
			for (const s of sims)
				if (s.card.due < dayEnd && (!next || s.card.due < next.card.due)) next = s;
			if (!next || reviews.length >= maxReviews) break;
			clock = Math.max(clock + 10_000, next.card.due);
			if (clock >= dayEnd) break;
			const deltaDays = next.memory ? day - next.lastDay : 0;
			let rating: Grade;
			if (!next.memory) {
				rating = pick([
					[Rating.Again, 0.3],
					[Rating.Hard, 0.1],
					[Rating.Good, 0.5],
					[Rating.Easy, 0.1]
				]);
			} else {
				const elapsed = deltaDays > 0 ? deltaDays : (clock - next.lastAt) / DAY;
				const p = memory.forgetting_curve(elapsed, next.memory.stability);
				rating =
					rng() < p
						? pick([
								[Rating.Hard, 0.1],
								[Rating.Good, 0.8],
								[Rating.Easy, 0.1]
							])
						: Rating.Again;
			}
			const result = answerCard(next.card, rating, clock, settings);
			reviews.push(result.review);
			next.memory = memory.next_state(next.memory, deltaDays, rating);
			next.card = result.card;
			next.lastDay = day;
			next.lastAt = clock;
		}
	}
	reviews.forEach((r, i) => (r.id = i + 1));
	return { reviews, cards: sims.filter((s) => s.card.state !== State.New).map((s) => s.card) };
}
