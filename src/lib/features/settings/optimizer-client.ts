// Starts the optimiser's Worker for one run and ends it after: the WebAssembly holds tens
// of megabytes while training, and nothing else needs it.
import type { OptimizeResult } from '$lib/core/srs/optimize/result';
import type { OptimizeRequest } from './optimizer-panel.svelte';
import type { OptimizeReply } from './optimizer.worker';

export function optimizeInWorker(request: OptimizeRequest): Promise<OptimizeResult> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./optimizer.worker.ts', import.meta.url), {
			type: 'module',
			name: 'optimizer'
		});
		worker.onmessage = (event: MessageEvent<OptimizeReply>) => {
			worker.terminate();
			if (event.data.type === 'result') resolve(event.data.result);
			else reject(new Error(event.data.message));
		};
		worker.onerror = (event) => {
			worker.terminate();
			// Offline before the optimiser was ever downloaded, or a browser without WebAssembly.
			reject(new Error(event.message || 'it could not be loaded (are you offline?)'));
		};
		worker.postMessage(request);
	});
}
