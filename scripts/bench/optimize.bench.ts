// The on-device optimiser (issue 17): how long fsrs-rs (fsrs-browser's WebAssembly, one
// thread, as in the Worker) takes to train on 10,000 answers and judge old against new,
// in Node and in Chromium's Worker through the Settings page; and what a student downloads the first time they press "Optimise": the
// Worker's JavaScript and the WebAssembly, as built.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.ts';
import { CHROMIUM_FLAGS } from '../../tests/e2e/chromium.ts';
import { syntheticBackup } from '../../src/lib/platform/storage/backup-fixture.ts';
import { loadOptimizerInNode } from '../../src/lib/core/srs/optimize/node-wasm.ts';
import { simulateReviews } from '../../src/lib/core/srs/optimize/synthetic.ts';
import { optimizeFromLog } from '../../src/lib/core/srs/optimize/train.ts';
import type { Bench } from './types.ts';

const RUNS = 3;

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
	);
}

/**
 * In the built app: import 10,000 answers, press "Optimise my schedule", and read the
 * Worker's own timing (train + both evaluations) and the time from click to figures
 * (which adds loading the WebAssembly and reading the log from IndexedDB).
 */
async function inWorker(buildDir: string, chromiumPath: string) {
	const server = await startServer({ dir: buildDir, port: 0 });
	const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
	try {
		const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
		const backup = syntheticBackup({ now: Date.now(), setId: 'bench', reviews: 10_000 });
		await page.goto(`${server.url}settings/`);
		await page.locator('#new-per-day:enabled').waitFor();
		await page.getByLabel('Choose a backup file to import (.json)').setInputFiles({
			name: 'bench.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(backup))
		});
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByText('Restored').waitFor({ timeout: 120_000 });
		const button = page.getByRole('button', { name: 'Optimise my schedule' });
		await button.waitFor();
		const t = Date.now();
		await button.click();
		await page.getByTestId('train-seconds').waitFor({ timeout: 300_000 });
		const total = Date.now() - t;
		const train = Number(await page.getByTestId('train-seconds').textContent()) * 1000;
		return { train, total };
	} finally {
		await browser.close();
		await server.close();
	}
}

const bench: Bench = async ({ buildDir, chromiumPath }) => {
	const sim = simulateReviews({
		seed: 'bench',
		start: Date.UTC(2025, 0, 6, 9),
		days: 200,
		newPerDay: 10,
		maxReviews: 10_000
	});
	if (sim.reviews.length !== 10_000) throw new Error(`simulated ${sim.reviews.length} answers`);
	// fsrs-rs prints each epoch's loss (console.info): silenced, so the bench prints only
	// its JSON lines.
	const { log, info, debug } = console;
	console.log = console.info = console.debug = () => {};
	const times: number[] = [];
	let better = true;
	try {
		const wasm = await loadOptimizerInNode();
		for (let i = 0; i < RUNS; i++) {
			const r = optimizeFromLog(wasm, sim.reviews, null, { offsetMinutes: 0 }, () =>
				performance.now()
			);
			times.push(r.ms);
			better &&= r.better;
		}
	} finally {
		Object.assign(console, { log, info, debug });
	}
	if (!better) throw new Error('the trained parameters did not beat the defaults');
	times.sort((a, b) => a - b);

	// Everything the optimiser's Worker loads: its own chunks and the WebAssembly.
	const workerFiles = files(join(buildDir, '_app/immutable/workers')).filter(
		(f) => !f.endsWith('.gz') && !f.endsWith('.br')
	);
	const size = (suffix: string) =>
		workerFiles.reduce(
			(n, f) => n + (statSync(f + suffix, { throwIfNoEntry: false }) ?? statSync(f)).size,
			0
		);
	const kb = (n: number) => Math.round(n / 102.4) / 10;
	const worker = await inWorker(buildDir, chromiumPath);
	return [
		{ metric: 'srs.optimize_10k_ms', value: Math.round(times[Math.floor(RUNS / 2)]!), unit: 'ms' },
		{ metric: 'srs.optimize_10k_worker_ms', value: Math.round(worker.train), unit: 'ms' },
		{ metric: 'srs.optimize_10k_click_to_result_ms', value: worker.total, unit: 'ms' },
		{ metric: 'srs.optimizer_download_kb', value: kb(size('')), unit: 'KB' },
		{ metric: 'srs.optimizer_download_kb_gzip', value: kb(size('.gz')), unit: 'KB' },
		{ metric: 'srs.optimizer_download_kb_brotli', value: kb(size('.br')), unit: 'KB' }
	];
};

export default bench;
