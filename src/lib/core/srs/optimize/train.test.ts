import { beforeAll, describe, expect, it } from 'vitest';
import { cardHistories } from './history';
import { DEFAULT_PARAMETERS, evaluateParameters } from './evaluate';
import { loadOptimizerInNode } from './node-wasm';
import { FORGETFUL_STUDENT, simulateReviews } from './synthetic';
import { optimizeFromLog, trainParameters, type FsrsOptimizer } from './train';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const UTC = { offsetMinutes: 0 };

let wasm: FsrsOptimizer;
beforeAll(async () => {
	wasm = await loadOptimizerInNode();
});

describe('trainParameters on a synthetic student', () => {
	// A student whose memory follows FSRS with known, non-default parameters.
	const sim = simulateReviews({
		seed: 'train',
		start: T0,
		days: 90,
		newPerDay: 12,
		maxReviews: 6000
	});
	const histories = cardHistories(sim.reviews, UTC);
	// Held out by card: the trained parameters never saw these answers.
	const train = histories.filter((_, i) => i % 5 !== 0);
	const test = histories.filter((_, i) => i % 5 === 0);

	it('beats the defaults on held-out reviews', { timeout: 60_000 }, () => {
		const trained = trainParameters(wasm, train);
		expect(trained).toHaveLength(21);
		const defaults = evaluateParameters(test, DEFAULT_PARAMETERS);
		const mine = evaluateParameters(test, trained);
		const truth = evaluateParameters(test, FORGETFUL_STUDENT);
		console.log({ reviews: sim.reviews.length, defaults, mine, truth });
		expect(mine.reviews).toBeGreaterThan(300);
		expect(mine.logLoss).toBeLessThan(defaults.logLoss);
		expect(mine.rmse).toBeLessThan(defaults.rmse);
		// The known parameters are the floor; training gets most of the way there.
		expect(mine.logLoss - truth.logLoss).toBeLessThan((defaults.logLoss - truth.logLoss) / 2);
	});

	it('reports both evaluations and says the new parameters are better', () => {
		let t = 0;
		const r = optimizeFromLog(wasm, sim.reviews, null, UTC, () => (t += 5));
		expect(r.reviews).toBe(sim.reviews.length);
		expect(r.better).toBe(true);
		expect(r.trained.logLoss).toBeLessThan(r.current.logLoss);
		expect(r.current).toEqual(evaluateParameters(histories, DEFAULT_PARAMETERS));
		expect(r.ms).toBe(5);
	});

	it('does not call parameters that fit worse better', () => {
		// Judged against the truth itself, trained parameters cannot win by much, if at all.
		const r = optimizeFromLog(wasm, sim.reviews, FORGETFUL_STUDENT, UTC);
		expect(r.better).toBe(r.trained.logLoss < r.current.logLoss);
	});

	it('refuses a log with no second answers', () => {
		const firsts = sim.reviews.filter((e) => e.before.reps === 0);
		expect(() => optimizeFromLog(wasm, firsts, null, UTC)).toThrow(/answered twice/);
	});
});
