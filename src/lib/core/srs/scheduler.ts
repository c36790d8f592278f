// The FSRS scheduler: a thin, deterministic wrapper over ts-fsrs. `now` is always an
// argument (ARCHITECTURE.md "Layers") and fuzz is seeded by ts-fsrs from the review time and card
// state, so the same inputs always give the same schedule.
import { fsrs, createEmptyCard, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import {
	fromFsrsCard,
	isDueTime,
	isReviewTime,
	MAX_COUNT,
	toFsrsCard,
	type ReviewEntry,
	type StoredCard
} from './card';
import { formatInterval } from './format';
import { normalizeSettings, type SrsSettings } from './settings';

export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export const RATING_LABELS: Readonly<Record<Grade, string>> = {
	[Rating.Again]: 'Again',
	[Rating.Hard]: 'Hard',
	[Rating.Good]: 'Good',
	[Rating.Easy]: 'Easy'
};

export interface IntervalPreview {
	rating: Grade;
	/** Epoch ms the card would be due after this rating. */
	due: number;
	/** Anki-style "10m", "3d", "1.2mo". */
	label: string;
}

export interface AnswerResult {
	card: StoredCard;
	review: ReviewEntry;
	/** True when this answer made the card a leech (for a one-time notice). */
	becameLeech: boolean;
}

// Building an FSRS instance precomputes parameters; reuse it while settings are unchanged.
let cached: { key: string; f: FSRS } | undefined;

function scheduler(settings: SrsSettings): FSRS {
	const s = normalizeSettings(settings);
	const key = JSON.stringify(s);
	if (cached?.key !== key) {
		cached = {
			key,
			f: fsrs({
				request_retention: s.desiredRetention,
				maximum_interval: s.maximumInterval,
				enable_fuzz: true,
				enable_short_term: true,
				learning_steps: s.learningSteps,
				relearning_steps: s.relearningSteps
			})
		};
	}
	return cached.f;
}

/** A card for a question never studied; due immediately. Not stored until answered. */
export function newCard(questionId: string, setId: string, now: number): StoredCard {
	return fromFsrsCard(createEmptyCard(new Date(now)), { setId, questionId }, false);
}

/**
 * When an answer given at `now` counts as given. A clock that runs behind the card's last
 * review (a phone that was set ahead, then corrected; a backup from such a phone) would
 * make ts-fsrs throw "Invalid delta_t"; the answer is taken as given at that last review.
 */
export function reviewTime(card: StoredCard, now: number): number {
	if (!isReviewTime(now)) throw new RangeError(`not a usable clock reading: ${now}`);
	const last = card.last_review;
	return isReviewTime(last) && last > now ? last : now;
}

const fin = (n: unknown, min = 0): n is number =>
	typeof n === 'number' && Number.isFinite(n) && n >= min;
const whole = (n: unknown): n is number => fin(n) && Number.isInteger(n);

/**
 * A card the scheduler can work with. Restore and Check database refuse damaged cards,
 * but one stored by an older version may still hold NaN or an impossible date: its memory
 * state is then started again (counts and leech kept), instead of spreading NaN or
 * throwing on every answer. A sound card is returned unchanged.
 */
export function saneCard(card: StoredCard, at: number): StoredCard {
	const sound =
		isDueTime(card.due) &&
		fin(card.stability) &&
		fin(card.difficulty) &&
		card.difficulty <= 10 &&
		fin(card.elapsed_days) &&
		fin(card.scheduled_days) &&
		whole(card.learning_steps) &&
		whole(card.reps) &&
		whole(card.lapses) &&
		(card.last_review === undefined || isReviewTime(card.last_review)) &&
		(card.state === 0 || (card.stability > 0 && card.difficulty >= 1));
	if (sound) return card;
	const fresh = newCard(card.questionId, card.setId, at);
	return {
		...fresh,
		reps: whole(card.reps) ? card.reps : 0,
		lapses: whole(card.lapses) ? card.lapses : 0,
		leech: card.leech === true
	};
}

/** What each button would do, for labels like Anki's "1m · 10m · 1d · 3d". */
export function previewIntervals(
	card: StoredCard,
	now: number,
	settings: SrsSettings
): IntervalPreview[] {
	const s = normalizeSettings(settings);
	const at = reviewTime(card, now);
	const preview = scheduler(s).repeat(toFsrsCard(saneCard(card, at)), new Date(at));
	return GRADES.map((rating) => {
		const next = capInterval(preview[rating].card, at, s.maximumInterval);
		const due = next.due.getTime();
		// The interval the answer gives, from when it counts as given.
		return { rating, due, label: formatInterval(due - at) };
	});
}

/**
 * Applies one answer. The review entry keeps an exact copy of `card`, so undo restores it
 * bit for bit; ts-fsrs `rollback` is not used because it gets `due` wrong for early or
 * late reviews.
 */
export function answerCard(
	card: StoredCard,
	rating: Grade,
	now: number,
	settings: SrsSettings
): AnswerResult {
	const s = normalizeSettings(settings);
	const at = reviewTime(card, now);
	const input = saneCard(card, at);
	const result = scheduler(s).next(toFsrsCard(input), new Date(at), rating);
	const next = capInterval(result.card, at, s.maximumInterval);
	const log = result.log;
	const leech = input.leech || next.lapses >= s.leechThreshold;
	const stored = fromFsrsCard(next, card, leech);
	// A count at the limit restore accepts stays there, so an export is always restorable.
	stored.reps = Math.min(stored.reps, MAX_COUNT);
	stored.lapses = Math.min(stored.lapses, MAX_COUNT);
	stored.learning_steps = Math.min(stored.learning_steps, MAX_COUNT);
	const review: ReviewEntry = {
		cardId: stored.id,
		setId: card.setId,
		questionId: card.questionId,
		rating,
		state: input.state,
		reviewedAt: at,
		elapsedDays: log.elapsed_days,
		scheduledDays: next.scheduled_days,
		due: stored.due,
		// All fields are primitives, so a shallow copy is an exact snapshot.
		before: { ...card }
	};
	if (at !== now) review.clampedFrom = now;
	// Last line of defence: never hand storage a number it could not restore.
	const bad = Object.entries(stored).find(([, x]) => typeof x === 'number' && !Number.isFinite(x));
	if (bad || !isDueTime(stored.due))
		throw new RangeError(
			`scheduling ${card.id} gave ${bad ? bad[0] : 'due'} = ${bad?.[1] ?? stored.due}`
		);
	return { card: stored, review, becameLeech: leech && !card.leech };
}

const DAY_MS = 86_400_000;

/**
 * ts-fsrs can exceed `maximum_interval` by a few days (it forces Easy > Good > Hard after
 * clamping). The setting is a promise to the user, so enforce it here.
 */
function capInterval(card: Card, now: number, maximumInterval: number): Card {
	if (card.scheduled_days <= maximumInterval) return card;
	return {
		...card,
		scheduled_days: maximumInterval,
		due: new Date(now + maximumInterval * DAY_MS)
	};
}

export function isDue(card: StoredCard, now: number): boolean {
	return card.due <= now;
}

export function isLearning(card: StoredCard): boolean {
	return card.state === State.Learning || card.state === State.Relearning;
}
