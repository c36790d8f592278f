// The optimiser's Worker (ARCHITECTURE.md "Performance budgets": long work off the main thread). It reads the
// review log itself, so even 250,000 answers never cross or block the page, trains with
// fsrs-browser's WebAssembly on this one thread (no thread pool: that would need
// SharedArrayBuffer, which a plain static host without COOP/COEP headers cannot give),
// and posts back both evaluations. Loaded only from Settings, by OptimizerPanel.
/// <reference lib="webworker" />
import init from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { openDb } from '$lib/platform/storage/db';
import { reviewsSince } from '$lib/platform/storage/review-log';
import { optimizeFromLog, type FsrsOptimizer } from '$lib/core/srs/optimize/train';
import * as fsrsBrowser from 'fsrs-browser';

export interface OptimizeRequest {
	/** The database to read; the app's own unless a test says otherwise. */
	dbName?: string;
	current: number[] | null;
	offsetMinutes: number;
}

export type OptimizeReply =
	| { type: 'result'; result: import('$lib/core/srs/optimize/result').OptimizeResult }
	| { type: 'error'; message: string };

const post = (reply: OptimizeReply) => postMessage(reply);

onmessage = async (event: MessageEvent<OptimizeRequest>) => {
	const { dbName, current, offsetMinutes } = event.data;
	try {
		await init({ module_or_path: wasmUrl });
		const db = await openDb(dbName ? { name: dbName } : {});
		let entries;
		try {
			entries = await reviewsSince(db, 0);
		} finally {
			db.close();
		}
		const result = optimizeFromLog(
			fsrsBrowser as unknown as FsrsOptimizer,
			entries,
			current,
			{ offsetMinutes },
			() => performance.now()
		);
		post({ type: 'result', result });
	} catch (e) {
		post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
	}
};
