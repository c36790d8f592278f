// How the app reads an Anki deck: in a Web Worker (here), or in the same thread for tests
// and Node (inline-reader.ts). Both open bytes with choices, convert the open deck again
// with other choices, and replay history. Types only at the top, so this chunk stays tiny.
import type { Result } from '../../core/bank/problems';
import type {
	AnkiImportOptions,
	AnkiImported,
	QuestionHistory
} from '$lib/core/bank/formats/anki/convert';
import type { ReplayedHistory } from '$lib/core/bank/formats/anki/history';
import type { SrsSettings } from '../../core/srs/settings';

export type AnkiRequest =
	| {
			id: number;
			kind: 'read';
			/** The .apkg to open; absent to convert the open deck again. */
			bytes?: ArrayBuffer;
			options: AnkiImportOptions;
	  }
	| { id: number; kind: 'replay'; history: QuestionHistory[]; settings: SrsSettings };

/** A request before it gets its id (Omit distributed over the union). */
type RequestBody = AnkiRequest extends infer R
	? R extends AnkiRequest
		? Omit<R, 'id'>
		: never
	: never;

export type AnkiResponse =
	| { id: number; ok: true; result: Result<AnkiImported> | ReplayedHistory }
	| { id: number; ok: false; message: string };

export interface AnkiReader {
	/** Resolves to the conversion; rejects with a message a person can read. */
	read(bytes: Uint8Array | undefined, options: AnkiImportOptions): Promise<Result<AnkiImported>>;
	/** Replays review history through FSRS (years of reviews take a while). */
	replay(history: QuestionHistory[], settings: SrsSettings): Promise<ReplayedHistory>;
}

/** The app's reader: one worker, started on the first deck. */
export function workerReader(): AnkiReader {
	let worker: Worker | undefined;
	let next = 0;
	const waiting = new Map<number, (r: AnkiResponse) => void>();
	const start = () => {
		worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<AnkiResponse>) => {
			waiting.get(e.data.id)?.(e.data);
			waiting.delete(e.data.id);
		};
		worker.onerror = (e) => {
			e.preventDefault();
			for (const done of waiting.values())
				done({ id: -1, ok: false, message: 'the Anki reader stopped; try again' });
			waiting.clear();
			worker?.terminate();
			worker = undefined;
		};
		return worker;
	};
	const ask = <T>(request: RequestBody, transfer: Transferable[] = []) => {
		const id = next++;
		return new Promise<T>((resolve, reject) => {
			waiting.set(id, (r) => (r.ok ? resolve(r.result as T) : reject(new Error(r.message))));
			(worker ?? start()).postMessage({ ...request, id } as AnkiRequest, transfer);
		});
	};
	return {
		read(bytes, options) {
			const buffer = bytes ? (bytes.slice().buffer as ArrayBuffer) : undefined;
			return ask({ kind: 'read', bytes: buffer, options }, buffer ? [buffer] : []);
		},
		replay(history, settings) {
			return ask({ kind: 'replay', history, settings });
		}
	};
}
