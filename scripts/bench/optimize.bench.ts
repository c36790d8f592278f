// The on-device optimiser (issue 17): how long fsrs-rs (fsrs-browser's WebAssembly, one
// thread, as in the Worker) takes to train on 10,000 answers and judge old against new,
// in Node; and what a student downloads the first time they press "Optimise": the
// Worker's JavaScript and the WebAssembly, as built.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadOptimizerInNode } from '../../src/lib/srs/optimize/node-wasm.ts';
import { simulateReviews } from '../../src/lib/srs/optimize/synthetic.ts';
import { optimizeFromLog } from '../../src/lib/srs/optimize/train.ts';
import type { Bench } from './types.ts';

const RUNS = 3;

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
	);
}

const bench: Bench = async ({ buildDir }) => {
	const sim = simulateReviews({
		seed: 'bench',
		start: Date.UTC(2025, 0, 6, 9),
		days: 200,
		newPerDay: 10,
		maxReviews: 10_000
	});
	if (sim.reviews.length !== 10_000) throw new Error(`simulated ${sim.reviews.length} answers`);
	const wasm = await loadOptimizerInNode();
	const log = console.log;
	console.log = () => {}; // fsrs-rs prints each epoch's loss
	const times: number[] = [];
	let better = true;
	try {
		for (let i = 0; i < RUNS; i++) {
			const r = optimizeFromLog(wasm, sim.reviews, null, { offsetMinutes: 0 }, () =>
				performance.now()
			);
			times.push(r.ms);
			better &&= r.better;
		}
	} finally {
		console.log = log;
	}
	if (!better) throw new Error('the trained parameters did not beat the defaults');
	times.sort((a, b) => a - b);

	// Everything the optimiser's Worker loads: its own chunks and the WebAssembly.
	const worker = files(join(buildDir, '_app/immutable/workers')).filter(
		(f) => !f.endsWith('.gz') && !f.endsWith('.br')
	);
	const size = (suffix: string) =>
		worker.reduce(
			(n, f) => n + (statSync(f + suffix, { throwIfNoEntry: false }) ?? statSync(f)).size,
			0
		);
	const kb = (n: number) => Math.round(n / 102.4) / 10;
	return [
		{ metric: 'srs.optimize_10k_ms', value: Math.round(times[Math.floor(RUNS / 2)]!), unit: 'ms' },
		{ metric: 'srs.optimizer_download_kb', value: kb(size('')), unit: 'KB' },
		{ metric: 'srs.optimizer_download_kb_gzip', value: kb(size('.gz')), unit: 'KB' },
		{ metric: 'srs.optimizer_download_kb_brotli', value: kb(size('.br')), unit: 'KB' }
	];
};

export default bench;
