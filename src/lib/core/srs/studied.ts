// What a student has studied today, counted from the log. Apart from queue.ts because Home
// needs only this, and every module Home imports goes into the chunk each page loads.
import { State, type ReviewEntry } from './card';

export interface StudiedToday {
	/** New cards introduced today (first answers). */
	new: number;
	/** Answers to cards in the Review state today. */
	reviews: number;
}

/** Counts today's answers from the log (`since` = `startOfDay(now, …)`). */
export function studiedSince(entries: readonly ReviewEntry[], since: number): StudiedToday {
	const out = { new: 0, reviews: 0 };
	for (const e of entries) {
		if (e.reviewedAt < since) continue;
		if (e.before.state === State.New && e.before.reps === 0) out.new++;
		else if (e.state === State.Review) out.reviews++;
	}
	return out;
}
