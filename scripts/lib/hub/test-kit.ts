// Shared by the hub's tests and the classroom bench: a client wired for Node, a set, and
// waiting for a condition on a live session.
import WebSocket from 'ws';
import { HubClient, type HubClientOptions } from '../../../src/lib/platform/live/client.ts';
import { fixtureSet } from '../../../src/lib/core/quiz/fixtures.ts';
import { expectedResponse } from '../../../src/lib/core/quiz/grade.ts';
import type { AskedQuestion, QuizResponse } from '../../../src/lib/core/quiz/types.ts';

export function nodeClient(baseUrl: string, extra: Partial<HubClientOptions> = {}): HubClient {
	return new HubClient({ baseUrl, WebSocket, ...extra });
}

/** A set whose questions are all multiple choice or true/false: answers are easy to script. */
export function classroomSet(questions = 20) {
	return fixtureSet(questions * 3, 'hub', 'hub-set');
}

/** Waits until `ok()` holds, re-checking on every change of `source`; rejects after `ms`. */
export function waitFor<T>(
	source: { subscribe(fn: (v: T) => void): () => void },
	ok: (v: T) => boolean,
	ms = 15_000,
	what = 'a condition'
): Promise<T> {
	return new Promise((resolve, reject) => {
		let done = false;
		const timer = setTimeout(() => {
			done = true;
			stop();
			reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
		}, ms);
		const stop = source.subscribe((v) => {
			if (done || !ok(v)) return;
			done = true;
			clearTimeout(timer);
			// subscribe() calls back before it returns: unsubscribe once it has.
			queueMicrotask(() => stop());
			resolve(v);
		});
	});
}

/** Calls `read` every 100 ms until `ok` holds of its result; rejects after `ms`. */
export async function poll<T>(
	read: () => Promise<T>,
	ok: (v: T) => boolean,
	ms = 15_000,
	what = 'a condition'
): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await read();
		if (ok(v)) return v;
		if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The right answer, from the hub's report (students never see it). */
export function rightAnswer(asked: AskedQuestion): QuizResponse {
	return expectedResponse(asked);
}
