// The FSRS scheduler: a thin, deterministic wrapper over ts-fsrs. `now` is always an
// argument (ARCHITECTURE.md "Layers") and fuzz is seeded by ts-fsrs from the review time and card
// state, so the same inputs always give the same schedule.
import {
	fsrs,
	createEmptyCard,
	Rating,
	State,
	type Card,
	type FSRS,
	type Grade,
	type RecordLogItem
} from 'ts-fsrs';
import {
	cardId,
	isDueTime,
	isReviewTime,
	MAX_COUNT,
	type ReviewEntry,
	type StoredCard
} from './card';
import { dayNumber } from './day';
import { formatInterval } from './format';
import { normalizeSettings, type SrsSettings } from './settings';
import { balancedInterval, balancing, type Workload } from './workload';

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
const cached = new Map<boolean, { key: string; f: FSRS }>();

/** `fuzz` false gives the plain interval, which load balancing then places itself. */
function scheduler(settings: SrsSettings, fuzz = true): FSRS {
	const s = normalizeSettings(settings);
	const key = JSON.stringify(s);
	const hit = cached.get(fuzz);
	if (hit?.key === key) return hit.f;
	const f = fsrs({
		request_retention: s.desiredRetention,
		maximum_interval: s.maximumInterval,
		enable_fuzz: fuzz,
		enable_short_term: true,
		learning_steps: s.learningSteps,
		relearning_steps: s.relearningSteps,
		...(s.parameters ? { w: s.parameters } : {})
	});
	cached.set(fuzz, { key, f });
	return f;
}

const DAY = 86_400_000;

/**
 * All four outcomes. With a workload, intervals of a day or more go through
 * `balancedInterval` instead of ts-fsrs's fuzz, then Hard < Good < Easy is kept as ts-fsrs
 * keeps it. Preview and answer both come from here, so the buttons never lie.
 */
function outcomes(
	card: StoredCard,
	now: number,
	s: SrsSettings,
	workload: Workload | undefined
): Record<Grade, RecordLogItem> {
	const balance = workload !== undefined && balancing(s);
	const preview = scheduler(s, !balance).repeat(toFsrsCard(card), new Date(now));
	const out = {} as Record<Grade, RecordLogItem>;
	let previous = 0;
	for (const g of GRADES) {
		const item = preview[g];
		const plain = item.card.scheduled_days;
		if (!balance || item.card.state !== State.Review || plain < 3) {
			out[g] = item;
			if (item.card.state === State.Review) previous = Math.max(previous, plain);
			continue;
		}
		let days = balancedInterval({
			interval: plain,
			elapsedDays: item.log.elapsed_days,
			now,
			// One pick per card and study day: the preview at reveal and the answer agree.
			seed: `${card.id}:${card.reps}:${dayNumber(now, workload)}:${g}`,
			settings: s,
			workload
		});
		if (g !== Rating.Again && days <= previous && !s.vacation) days = previous + 1;
		previous = Math.max(previous, days);
		out[g] = {
			log: item.log,
			card: { ...item.card, scheduled_days: days, due: new Date(now + days * DAY) }
		};
	}
	return out;
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
	settings: SrsSettings,
	workload?: Workload
): IntervalPreview[] {
	const s = normalizeSettings(settings);
	const at = reviewTime(card, now);
	const preview = outcomes(saneCard(card, at), at, s, workload);
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
	settings: SrsSettings,
	workload?: Workload
): AnswerResult {
	const s = normalizeSettings(settings);
	const at = reviewTime(card, now);
	const input = saneCard(card, at);
	const result =
		workload && balancing(s)
			? outcomes(input, at, s, workload)[rating]
			: scheduler(s).next(toFsrsCard(input), new Date(at), rating);
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

const DAY_MS = DAY;

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

// The ts-fsrs adapters live here, not in card.ts: Home imports card.ts, and nothing but the
// scheduler needs them (ARCHITECTURE.md "Performance budgets").
function toFsrsCard(card: StoredCard): Card {
	const out: Card = {
		due: new Date(card.due),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state
	};
	if (card.last_review !== undefined) out.last_review = new Date(card.last_review);
	return out;
}

/** `leech` is ours, not ts-fsrs's, so the caller decides it. */
function fromFsrsCard(
	card: Card,
	ids: { setId: string; questionId: string },
	leech: boolean
): StoredCard {
	const out: StoredCard = {
		id: cardId(ids.setId, ids.questionId),
		setId: ids.setId,
		questionId: ids.questionId,
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		leech
	};
	// Only set when present: an explicit `undefined` would survive structured clone but
	// not JSON, and backups must round-trip exactly.
	if (card.last_review) out.last_review = card.last_review.getTime();
	return out;
}
