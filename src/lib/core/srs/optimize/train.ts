// Training FSRS parameters with fsrs-rs compiled to WebAssembly (the fsrs-browser
// package), then judging old against new on the same answers. The WebAssembly module is
// passed in, so this runs the same in the optimiser's Worker, in Node tests and in the
// bench. Pure apart from the optimiser call itself.
import type { ReviewEntry } from '../card';
import type { DayOptions } from '../day';
import { DEFAULT_PARAMETERS, evaluateParameters, isBetter } from './evaluate';
import type { OptimizeResult } from './result';
import { cardHistories, countLongTermReviews, trainingArrays, type CardHistory } from './history';

/** The part of fsrs-browser's API used here. */
export interface FsrsOptimizer {
	Fsrs: new () => {
		computeParameters(
			ratings: Uint32Array,
			deltas: Uint32Array,
			lengths: Uint32Array,
			progress: undefined,
			enableShortTerm: boolean
		): Float32Array;
	};
}

export function trainParameters(wasm: FsrsOptimizer, histories: readonly CardHistory[]): number[] {
	const { ratings, deltas, lengths, items } = trainingArrays(histories);
	if (items === 0) throw new Error('No card has been answered twice yet: nothing to learn from.');
	// computeParameters takes the model by value: Rust frees it, so no free() here.
	const trained = new wasm.Fsrs().computeParameters(ratings, deltas, lengths, undefined, true);
	// Float32 → plain numbers, rounded as Anki shows them (4 decimals).
	return Array.from(trained, (w) => Math.round(w * 10_000) / 10_000);
}

export function optimizeFromLog(
	wasm: FsrsOptimizer,
	entries: readonly ReviewEntry[],
	current: readonly number[] | null,
	opts: DayOptions,
	clock: () => number = () => 0
): OptimizeResult {
	const t0 = clock();
	const histories = cardHistories(entries, opts);
	const parameters = trainParameters(wasm, histories);
	const before = evaluateParameters(histories, current ?? DEFAULT_PARAMETERS);
	const after = evaluateParameters(histories, parameters);
	return {
		reviews: entries.length,
		scored: countLongTermReviews(histories),
		parameters,
		current: before,
		trained: after,
		better: isBetter(after, before),
		ms: clock() - t0
	};
}

export { MIN_REVIEWS_TO_OPTIMIZE, type OptimizeResult } from './result';
