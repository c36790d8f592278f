// What an optimisation reports, apart from the code that computes it, so the Settings
// page can show it without loading the optimiser.

/**
 * About 1,000 answers, as the issue and Anki's manual suggest: with fewer, fsrs-rs mostly
 * keeps the defaults and a "better" figure would be noise.
 */
export const MIN_REVIEWS_TO_OPTIMIZE = 1000;

export interface Evaluation {
	logLoss: number;
	/** RMSE over bins of (interval, reviews so far, lapses so far), weighted by bin size. */
	rmse: number;
	/** Predictions scored: answers on a later day than the card's previous one. */
	reviews: number;
}

export interface OptimizeResult {
	/** Answers read from the log. */
	reviews: number;
	/** Of those, the ones the figures are computed on (a later day's answer). */
	scored: number;
	parameters: number[];
	current: Evaluation;
	trained: Evaluation;
	better: boolean;
	ms: number;
}
