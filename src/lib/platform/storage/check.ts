// Finds and repairs inconsistencies a crash, an old bug or a hand-edited backup could
// leave behind. Repairs keep the user's history: a damaged log entry is mended when its
// snapshot is sound, a damaged or missing card is rebuilt from its latest answer, and only
// what cannot be trusted or rebuilt is removed. A second run finds nothing.
import * as v from 'valibot';
import { normalizeSettings } from '../../core/srs/settings';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import {
	isDueTime,
	isReviewTime,
	MAX_COUNT,
	State,
	type ReviewEntry,
	type StoredCard
} from '../../core/srs/card';
import { DB_VERSION, type Db } from './db';
import { STORE_NAMES } from './schema';
import { SRS_SETTINGS_KEY } from './settings';
import { ReviewEntrySchema, StoredCardSchema } from './validators';

export interface CheckReport {
	/** Cards with invalid fields that could be neither rebuilt nor mended: deleted, so the
	 * question is new again. */
	invalidCards: number;
	/** Damaged cards rebuilt from their latest answer in the log. */
	rebuiltCards: number;
	/** Damaged cards with no usable answer to rebuild from: impossible dates replaced,
	 * a damaged memory state started again; counts and leech mark kept. */
	mendedCards: number;
	/** Log entries with invalid fields that could not be mended: deleted. */
	invalidReviews: number;
	/** Log entries with impossible numbers (NaN days, a date past 9999) mended. */
	mendedReviews: number;
	/** Log entries whose card no longer exists and could not be rebuilt: deleted. */
	orphanReviews: number;
	/** Images whose set is gone (nothing can show them): deleted. */
	orphanMedia: number;
	/** Cards whose leech flag disagrees with their lapses: fixed. */
	leechFlags: number;
	/** Settings or schema version stored wrong: rewritten. */
	meta: number;
	/** Cards of known sets whose question no longer exists: counted, kept (the question
	 * may come back in a later version of the set). */
	unknownQuestions: number;
}

export function isClean(r: CheckReport): boolean {
	return (
		r.invalidCards +
			r.rebuiltCards +
			r.mendedCards +
			r.invalidReviews +
			r.mendedReviews +
			r.orphanReviews +
			r.orphanMedia +
			r.leechFlags +
			r.meta ===
		0
	);
}

export interface CheckOptions {
	/** set id → question ids currently in that set; sets not in the map are not judged. */
	knownQuestionIds?: ReadonlyMap<string, ReadonlySet<string>>;
	/**
	 * The card an answer produced (the scheduler applied to `entry.before`). Synchronous:
	 * it runs inside the check's transaction. Without it, damaged cards are only mended.
	 */
	replay?: (entry: ReviewEntry) => StoredCard;
}

const finiteIn = (n: unknown, max: number): n is number =>
	typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= max;
const countOk = (n: unknown): n is number => finiteIn(n, MAX_COUNT) && Number.isInteger(n);

/**
 * A damaged card made valid without the scheduler: impossible dates are dropped or
 * replaced by its last sane one; when its memory state is damaged too, that starts again
 * as a new card's. Reps, lapses and the leech mark stay. Undefined when even its identity
 * is broken.
 */
export function mendCard(card: StoredCard): StoredCard | undefined {
	if (!card || typeof card !== 'object') return undefined;
	const last = isReviewTime(card.last_review) ? card.last_review : undefined;
	const ids = { id: card.id, setId: card.setId, questionId: card.questionId };
	const counts = {
		reps: countOk(card.reps) ? card.reps : 0,
		lapses: countOk(card.lapses) ? card.lapses : 0,
		leech: card.leech === true
	};
	const due = isDueTime(card.due) ? card.due : (last ?? 0);
	const dated = (c: StoredCard) => {
		if (last !== undefined) c.last_review = last;
		return v.is(StoredCardSchema, c) ? c : undefined;
	};
	const kept = dated({
		...ids,
		due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		state: card.state,
		...counts
	});
	return (
		kept ??
		dated({
			...ids,
			due,
			stability: 0,
			difficulty: 0,
			elapsed_days: 0,
			scheduled_days: 0,
			learning_steps: 0,
			state: State.New,
			...counts
		})
	);
}

/** A log entry with impossible numbers mended, when its snapshot can be trusted or mended. */
export function mendReview(entry: ReviewEntry): ReviewEntry | undefined {
	if (!entry || typeof entry !== 'object') return undefined;
	const before = v.is(StoredCardSchema, entry.before) ? entry.before : mendCard(entry.before);
	if (!before) return undefined;
	const reviewedAt = isReviewTime(entry.reviewedAt)
		? entry.reviewedAt
		: (before.last_review ?? (isReviewTime(before.due) ? before.due : undefined));
	if (reviewedAt === undefined) return undefined;
	const mended: ReviewEntry = {
		...entry,
		before,
		reviewedAt,
		elapsedDays: finiteIn(entry.elapsedDays, 200_000) ? entry.elapsedDays : 0,
		scheduledDays: finiteIn(entry.scheduledDays, 200_000) ? entry.scheduledDays : 0,
		due: isDueTime(entry.due) ? entry.due : reviewedAt
	};
	if (entry.clampedFrom !== undefined && !isReviewTime(entry.clampedFrom))
		delete mended.clampedFrom;
	return v.is(ReviewEntrySchema, mended) ? mended : undefined;
}

function rebuild(entry: ReviewEntry | undefined, replay: CheckOptions['replay']) {
	if (!entry || !replay) return undefined;
	try {
		const card = replay(entry);
		return v.is(StoredCardSchema, card) ? card : undefined;
	} catch {
		return undefined;
	}
}

export async function checkDatabase(
	db: Db,
	options: CheckOptions | ReadonlyMap<string, ReadonlySet<string>> = {}
): Promise<CheckReport> {
	const { knownQuestionIds, replay }: CheckOptions =
		options instanceof Map ? { knownQuestionIds: options } : (options as CheckOptions);
	const report: CheckReport = {
		invalidCards: 0,
		rebuiltCards: 0,
		mendedCards: 0,
		invalidReviews: 0,
		mendedReviews: 0,
		orphanReviews: 0,
		orphanMedia: 0,
		leechFlags: 0,
		meta: 0,
		unknownQuestions: 0
	};
	const tx = db.transaction([...STORE_NAMES], 'readwrite');
	const settingsStore = tx.objectStore('settings');
	const storedSettings = await settingsStore.get(SRS_SETTINGS_KEY);
	const settings = normalizeSettings(storedSettings ?? DEFAULT_SETTINGS);
	// A field added since the settings were saved is not damage: only stored values count.
	const damaged =
		storedSettings !== undefined &&
		(typeof storedSettings !== 'object' ||
			storedSettings === null ||
			Object.entries(storedSettings).some(
				([k, v]) =>
					JSON.stringify(v) !== JSON.stringify((settings as unknown as Record<string, unknown>)[k])
			));
	if (damaged) {
		report.meta++;
		await settingsStore.put(settings, SRS_SETTINGS_KEY);
	}
	if ((await tx.objectStore('meta').get('schemaVersion')) !== DB_VERSION) {
		report.meta++;
		await tx.objectStore('meta').put(DB_VERSION, 'schemaVersion');
	}

	// The log first: each card's latest sound answer is what a damaged card is rebuilt from.
	const latest = new Map<string, ReviewEntry>();
	for (let c = await tx.objectStore('reviews').openCursor(); c; c = await c.continue()) {
		let entry = c.value;
		if (!v.is(ReviewEntrySchema, entry) || entry.id !== c.key) {
			const mended = mendReview({ ...entry, id: c.key });
			if (!mended) {
				report.invalidReviews++;
				await c.delete();
				continue;
			}
			report.mendedReviews++;
			await c.update(mended);
			entry = mended;
		}
		// Keys grow with time, so the last one seen per card is its latest.
		latest.set(entry.cardId, entry);
	}

	const cardIds = new Set<string>();
	for (let c = await tx.objectStore('cards').openCursor(); c; c = await c.continue()) {
		let card = c.value;
		if (!v.is(StoredCardSchema, card) || c.key !== card.id) {
			const fixed = c.key === card?.id ? rebuild(latest.get(card.id), replay) : undefined;
			const mended = fixed ?? (c.key === card?.id ? mendCard(card) : undefined);
			if (!mended) {
				report.invalidCards++;
				await c.delete();
				continue;
			}
			if (fixed) report.rebuiltCards++;
			else report.mendedCards++;
			await c.update(mended);
			card = mended;
		}
		cardIds.add(card.id);
		const known = knownQuestionIds?.get(card.setId);
		if (known && !known.has(card.questionId)) report.unknownQuestions++;
		// Leech is sticky once set (the user may have chosen to keep studying it); only a
		// missing flag is repaired.
		if (!card.leech && card.lapses >= settings.leechThreshold) {
			report.leechFlags++;
			await c.update({ ...card, leech: true });
		}
	}

	// Answers to a card that is gone: rebuild the card from the latest, so the history
	// still counts; only when that is impossible do they go.
	for (const [id, entry] of latest) {
		if (cardIds.has(id)) continue;
		const card = rebuild(entry, replay);
		if (card && card.id === id) {
			report.rebuiltCards++;
			await tx.objectStore('cards').put(card);
			cardIds.add(id);
		}
	}
	for (let c = await tx.objectStore('reviews').openCursor(); c; c = await c.continue()) {
		if (!cardIds.has(c.value.cardId)) {
			report.orphanReviews++;
			await c.delete();
		}
	}
	// Images of a set that is gone: deleteSet takes them along, so these are leftovers
	// (an interrupted older version, a restore of a hand-edited backup).
	const setIds = new Set(await tx.objectStore('sets').getAllKeys());
	for (let c = await tx.objectStore('media').openCursor(); c; c = await c.continue()) {
		if (!setIds.has(c.value.setId)) {
			report.orphanMedia++;
			await c.delete();
		}
	}
	await tx.done;
	return report;
}
