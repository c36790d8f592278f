// Test and bench helper: fsrs-browser's WebAssembly loaded in Node. Its wasm-bindgen-rayon
// helper listens for messages on `self` when imported; Node has neither, and the
// optimiser never starts its thread pool here, so inert stand-ins are enough.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FsrsOptimizer } from './train';

export async function loadOptimizerInNode(): Promise<FsrsOptimizer> {
	const g = globalThis as Record<string, unknown>;
	g.self ??= globalThis;
	g.addEventListener ??= () => {};
	const mod = await import('fsrs-browser');
	const wasm = createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm');
	await mod.default({ module_or_path: await readFile(wasm) });
	// The optimiser prints each epoch's loss; tests and the bench need only the result.
	return mod as unknown as FsrsOptimizer;
}
