// Runs an import's parse: in a Worker for large text (so the page never freezes), in the
// page for small text and where Workers do not exist (tests, the CLI use formats directly).
import type { Format, ImportOptions, Imported } from '$lib/core/bank/formats';
import type { Result } from '$lib/core/bank/problems';
import type { ParseRequest } from './import-worker';

/** Text above this many characters is parsed in a Worker. */
export const WORKER_MIN_CHARS = 100_000;

type Reply = { ok: true; result: Result<Imported> } | { ok: false; message: string };

async function inPage(text: string, format: Format, opts: ImportOptions) {
	const formats = await import('$lib/core/bank/formats');
	return formats.importText(text, format, opts);
}

export async function parseImport(
	text: string,
	format: Format,
	opts: ImportOptions
): Promise<Result<Imported>> {
	if (typeof Worker === 'undefined' || text.length < WORKER_MIN_CHARS)
		return inPage(text, format, opts);
	const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
	try {
		const reply = await new Promise<Reply | undefined>((resolve) => {
			worker.onmessage = (e: MessageEvent<Reply>) => resolve(e.data);
			// The worker script could not load (offline before it was ever fetched: the
			// service worker's precache list does not name worker files): parse here.
			worker.onerror = (e) => {
				e.preventDefault();
				resolve(undefined);
			};
			worker.postMessage({ text, format, opts } satisfies ParseRequest);
		});
		if (!reply) return inPage(text, format, opts);
		if (!reply.ok) throw new Error(reply.message);
		return reply.result;
	} finally {
		worker.terminate();
	}
}
