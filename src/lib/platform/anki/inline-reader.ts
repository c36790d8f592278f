// The Anki reader in the same thread, for tests and Node; the app uses the worker
// (reader.ts).
import type { SqlJsStatic } from 'sql.js';
import { openApkg, type AnkiCollection } from '$lib/core/bank/formats/anki/collection';
import { collectionToSets } from '$lib/core/bank/formats/anki/convert';
import { replayHistory } from '$lib/core/bank/formats/anki/history';
import type { AnkiReader } from './reader';

/** Same-thread reader (tests, Node). */
export function inlineReader(SQL: SqlJsStatic): AnkiReader {
	let col: AnkiCollection | undefined;
	return {
		async read(bytes, options) {
			if (bytes) {
				col = undefined;
				col = openApkg(bytes, SQL);
			}
			if (!col) throw new Error('no deck is open');
			return collectionToSets(col, options);
		},
		async replay(history, settings) {
			return replayHistory(history, settings);
		}
	};
}
