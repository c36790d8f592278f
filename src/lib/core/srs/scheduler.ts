// The FSRS scheduler: a thin, deterministic wrapper over ts-fsrs. `now` is always an
// argument (ARCHITECTURE.md "Layers") and fuzz is seeded by ts-fsrs from the review time and card
// state, so the same inputs always give the same schedule.
import { fsrs, createEmptyCard, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import { fromFsrsCard, toFsrsCard, type ReviewEntry, type StoredCard } from './card';
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

/** What each button would do, for labels like Anki's "1m · 10m · 1d · 3d". */
export function previewIntervals(
	card: StoredCard,
	now: number,
	settings: SrsSettings
): IntervalPreview[] {
	const s = normalizeSettings(settings);
	const preview = scheduler(s).repeat(toFsrsCard(card), new Date(now));
	return GRADES.map((rating) => {
		const next = capInterval(preview[rating].card, now, s.maximumInterval);
		const due = next.due.getTime();
		return { rating, due, label: formatInterval(due - now) };
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
	const result = scheduler(s).next(toFsrsCard(card), new Date(now), rating);
	const next = capInterval(result.card, now, s.maximumInterval);
	const log = result.log;
	const leech = card.leech || next.lapses >= s.leechThreshold;
	const stored = fromFsrsCard(next, card, leech);
	const review: ReviewEntry = {
		cardId: stored.id,
		setId: card.setId,
		questionId: card.questionId,
		rating,
		state: card.state,
		reviewedAt: now,
		elapsedDays: log.elapsed_days,
		scheduledDays: next.scheduled_days,
		due: stored.due,
		// All fields are primitives, so a shallow copy is an exact snapshot.
		before: { ...card }
	};
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
