// Settings → "Fit the schedule to you": offers the optimiser once there are enough
// answers, runs it in a Worker, shows current against new on the student's own answers,
// applies the new parameters only when they predict better, and can go back.
import { MIN_REVIEWS_TO_OPTIMIZE, type OptimizeResult } from '$lib/core/srs/optimize/result';
import {
	applyParameters,
	countReviews,
	getOptimizerRecord,
	getSrsSettings,
	type OptimizerRecord
} from '$lib/platform/storage';
import type { AppDeps } from '$lib/platform/deps';

export interface OptimizeRequest {
	current: number[] | null;
	offsetMinutes: number;
}

export type Optimize = (request: OptimizeRequest) => Promise<OptimizeResult>;

export type OptimizerView =
	| { kind: 'loading' }
	| { kind: 'too-few'; reviews: number }
	| { kind: 'ready'; reviews: number }
	| { kind: 'running'; reviews: number }
	| { kind: 'result'; result: OptimizeResult }
	| { kind: 'error'; message: string };

/** The Worker (and its WebAssembly) load only when the student asks for them. */
const inWorker: Optimize = async (request) =>
	(await import('./optimizer-client')).optimizeInWorker(request);

export class OptimizerPanel {
	#deps: AppDeps;
	#optimize: Optimize;
	view = $state<OptimizerView>({ kind: 'loading' });
	/** Parameters in use: null means FSRS's defaults. */
	parameters = $state.raw<number[] | null>(null);
	/** What the last "Use the new parameters" did; present while it can be undone. */
	record = $state.raw<OptimizerRecord | undefined>(undefined);
	/** A write is in flight. */
	busy = $state(false);
	/** Said after applying or going back, for the status line. */
	message = $state('');

	constructor(deps: AppDeps, optimize: Optimize = inWorker) {
		this.#deps = deps;
		this.#optimize = optimize;
	}

	get minimum(): number {
		return MIN_REVIEWS_TO_OPTIMIZE;
	}

	async load(): Promise<void> {
		try {
			const db = await this.#deps.open();
			const [reviews, settings, record] = await Promise.all([
				countReviews(db),
				getSrsSettings(db),
				getOptimizerRecord(db)
			]);
			this.parameters = settings.parameters;
			this.record = record;
			this.view =
				reviews < MIN_REVIEWS_TO_OPTIMIZE
					? { kind: 'too-few', reviews }
					: { kind: 'ready', reviews };
		} catch (e) {
			this.view = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	async run(): Promise<void> {
		if (this.view.kind !== 'ready') return;
		this.view = { kind: 'running', reviews: this.view.reviews };
		this.message = '';
		const now = this.#deps.now();
		try {
			const result = await this.#optimize({
				current: this.parameters,
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off clock read
				offsetMinutes: new Date(now).getTimezoneOffset()
			});
			this.view = { kind: 'result', result };
		} catch (e) {
			this.view = {
				kind: 'error',
				message: `The optimiser stopped: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`
			};
		}
	}

	/** Applies the trained parameters; refuses when they do not predict better. */
	async apply(): Promise<void> {
		const view = this.view;
		if (view.kind !== 'result' || !view.result.better || this.busy) return;
		const r = view.result;
		const record: OptimizerRecord = {
			appliedAt: this.#deps.now(),
			reviews: r.reviews,
			previous: this.parameters,
			before: { logLoss: r.current.logLoss, rmse: r.current.rmse },
			after: { logLoss: r.trained.logLoss, rmse: r.trained.rmse }
		};
		if (await this.#write(r.parameters, record)) {
			this.message = 'Your schedule now uses the new parameters.';
			this.view = { kind: 'ready', reviews: r.reviews };
		}
	}

	/** Leaves the parameters as they are. */
	discard(): void {
		if (this.view.kind === 'result')
			this.view = { kind: 'ready', reviews: this.view.result.reviews };
	}

	/** Puts back the parameters in use before the last optimisation. */
	async revert(): Promise<void> {
		const record = this.record;
		if (!record || this.busy) return;
		if (await this.#write(record.previous, null))
			this.message =
				record.previous === null
					? 'Back to the default parameters.'
					: 'Back to your previous parameters.';
	}

	async #write(parameters: number[] | null, record: OptimizerRecord | null): Promise<boolean> {
		this.busy = true;
		try {
			await applyParameters(await this.#deps.open(), parameters, record);
			this.parameters = parameters;
			this.record = record ?? undefined;
			return true;
		} catch (e) {
			this.message = `Not changed. ${this.#deps.showError(e)}`;
			return false;
		} finally {
			this.busy = false;
		}
	}
}
