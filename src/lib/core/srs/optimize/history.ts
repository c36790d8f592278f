// The review log as FSRS's optimiser reads it: per card, its ratings in order with the
// whole study days between them (0 for a second answer the same day). Pure.
import { State, type Grade, type ReviewEntry } from '../card';
import { dayNumber, type DayOptions } from '../day';

export interface HistoryReview {
	rating: Grade;
	/** Study days since the card's previous answer; 0 for its first answer. */
	deltaDays: number;
}

/** One card's answers, oldest first, starting with the very first one. */
export type CardHistory = HistoryReview[];

/**
 * Groups answers by card. A card whose first logged answer was not given to a new card
 * (the log was cut, say, by an older import) is left out: without its first rating FSRS
 * cannot know its starting memory, and guessing would teach the optimiser noise.
 */
export function cardHistories(entries: readonly ReviewEntry[], opts: DayOptions): CardHistory[] {
	const byCard = new Map<string, ReviewEntry[]>();
	for (const e of entries) {
		let list = byCard.get(e.cardId);
		if (!list) byCard.set(e.cardId, (list = []));
		list.push(e);
	}
	const out: CardHistory[] = [];
	for (const list of byCard.values()) {
		list.sort((a, b) => a.reviewedAt - b.reviewedAt);
		if (list[0]!.before.state !== State.New) continue;
		let previous: number | undefined;
		out.push(
			list.map((e) => {
				const day = dayNumber(e.reviewedAt, opts);
				const deltaDays = previous === undefined ? 0 : Math.max(0, day - previous);
				previous = day;
				return { rating: e.rating, deltaDays };
			})
		);
	}
	return out;
}

/** The optimiser's input: every prefix of every history that ends in a later answer. */
export interface TrainingArrays {
	ratings: Uint32Array;
	deltas: Uint32Array;
	/** Reviews per item; item i is the next `lengths[i]` entries of ratings and deltas. */
	lengths: Uint32Array;
	items: number;
}

/**
 * FSRS trains on "items": a card's answers up to and including the one to predict, as
 * Anki builds them for fsrs-rs. Only answers on a later day are predicted (a same-day
 * answer has recall 1 in the model, and fsrs-rs's loss would be infinite on a miss); the
 * same-day answers before them stay in the item and train the short-term parameters.
 */
export function trainingArrays(histories: readonly CardHistory[]): TrainingArrays {
	let total = 0;
	let items = 0;
	for (const h of histories)
		for (let n = 2; n <= h.length; n++) {
			if (h[n - 1]!.deltaDays === 0) continue;
			total += n;
			items++;
		}
	const ratings = new Uint32Array(total);
	const deltas = new Uint32Array(total);
	const lengths = new Uint32Array(items);
	let at = 0;
	let item = 0;
	for (const h of histories)
		for (let n = 2; n <= h.length; n++) {
			if (h[n - 1]!.deltaDays === 0) continue;
			for (let i = 0; i < n; i++) {
				ratings[at] = h[i]!.rating;
				deltas[at] = h[i]!.deltaDays;
				at++;
			}
			lengths[item++] = n;
		}
	return { ratings, deltas, lengths, items };
}

/** Answers that FSRS can be judged on: a later answer on another day. */
export function countLongTermReviews(histories: readonly CardHistory[]): number {
	let n = 0;
	for (const h of histories) for (let i = 1; i < h.length; i++) if (h[i]!.deltaDays > 0) n++;
	return n;
}
