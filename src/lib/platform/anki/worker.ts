/// <reference lib="webworker" />
// Anki decks are opened and converted here, off the main thread: a 10,000-note deck takes
// far longer than the 200 ms a page may block (ARCHITECTURE.md "Performance budgets"). The worker keeps the last
// opened collection, so changing the preview's choices does not reread the file.
import { loadSql } from './load-sql';
import { openApkg, type AnkiCollection } from '$lib/core/bank/formats/anki/collection';
import { collectionToSets } from '$lib/core/bank/formats/anki/convert';
import { ApkgError } from '$lib/core/bank/formats/anki/package';
import type { AnkiRequest, AnkiResponse } from './reader';

let col: AnkiCollection | undefined;

const post = (r: AnkiResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(r);

self.onmessage = async (e: MessageEvent<AnkiRequest>) => {
	const request = e.data;
	const { id } = request;
	try {
		if (request.kind === 'replay') {
			// FSRS loads only when a person asks for the history.
			const { replayHistory } = await import('$lib/core/bank/formats/anki/history');
			post({ id, ok: true, result: replayHistory(request.history, request.settings) });
			return;
		}
		const { bytes, options } = request;
		if (bytes) {
			col = undefined;
			col = openApkg(new Uint8Array(bytes), await loadSql());
		}
		if (!col) throw new ApkgError('no deck is open');
		post({ id, ok: true, result: collectionToSets(col, options) });
	} catch (err) {
		post({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
	}
};
