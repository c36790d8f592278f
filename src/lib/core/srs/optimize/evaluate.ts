// How well a set of FSRS parameters predicts a student's own answers: the two figures the
// srs-benchmark reports. Log loss scores each prediction; RMSE (bins) compares predicted
// and actual recall within groups of similar reviews. Lower is better for both. Pure.
import { FSRSAlgorithm, default_w, type FSRSState } from 'ts-fsrs';
import { Rating } from '../card';
import type { CardHistory } from './history';
import type { Evaluation } from './result';

export type { Evaluation } from './result';

export const DEFAULT_PARAMETERS: readonly number[] = default_w;

const EPS = 1e-4;

/** Interval buckets grow geometrically, as the benchmark's do: 1, 2, 3–4, 5–8, … days. */
function bin(deltaDays: number, reps: number, lapses: number): string {
	const interval = Math.ceil(Math.log2(deltaDays));
	return `${interval}:${Math.min(reps, 8)}:${Math.min(lapses, 4)}`;
}

export function evaluateParameters(
	histories: readonly CardHistory[],
	parameters: readonly number[] = DEFAULT_PARAMETERS
): Evaluation {
	const fsrs = new FSRSAlgorithm({ w: [...parameters], enable_short_term: true });
	let loss = 0;
	let n = 0;
	const bins = new Map<string, { p: number; y: number; n: number }>();
	for (const history of histories) {
		let state: FSRSState | null = null;
		let lapses = 0;
		for (let i = 0; i < history.length; i++) {
			const { rating, deltaDays } = history[i]!;
			if (state && i > 0 && deltaDays > 0) {
				const p = Math.min(
					1 - EPS,
					Math.max(EPS, fsrs.forgetting_curve(deltaDays, state.stability))
				);
				const y = rating === Rating.Again ? 0 : 1;
				loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
				n++;
				const key = bin(deltaDays, i, lapses);
				const b = bins.get(key) ?? { p: 0, y: 0, n: 0 };
				b.p += p;
				b.y += y;
				b.n++;
				bins.set(key, b);
				if (y === 0) lapses++;
			}
			state = fsrs.next_state(state, deltaDays, rating);
		}
	}
	let sq = 0;
	for (const b of bins.values()) sq += ((b.p - b.y) / b.n) ** 2 * b.n;
	return {
		logLoss: n ? loss / n : Number.NaN,
		rmse: n ? Math.sqrt(sq / n) : Number.NaN,
		reviews: n
	};
}

/** Better means a lower log loss: that is what the optimiser minimises and Anki compares. */
export function isBetter(trained: Evaluation, current: Evaluation): boolean {
	return trained.reviews > 0 && trained.logLoss < current.logLoss;
}
