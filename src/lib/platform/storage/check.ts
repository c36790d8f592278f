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
import type { IDBPObjectStore, IDBPTransaction } from 'idb';
import { DB_VERSION, type Db } from './db';
import { detailWeek } from './card-counts';
import { STORE_NAMES, type StoreName, type StoredSet, type StudydeckDB } from './schema';
import {
	addToTally,
	isEmptyTally,
	sameTally,
	tallyInto,
	tallySlot,
	type ReviewTally
} from '../../core/srs/tally-record';
import { countKeyOf, Span, type CardCount } from '../../core/srs/card-count';
import { countInto, countKey, sameCount } from '../../core/srs/count-cards';
import { SRS_SETTINGS_KEY } from './settings';
import { isReviewEntry, isStoredCard, ReviewEntrySchema, StoredCardSchema } from './validators';
import { scan } from './scan';
import type { CardPack, PackKey } from './card-packs';
import { packInPlace } from './packed-cards';
import { firstTallySlot } from './tallies';
import {
	pagedCount,
	pageKey,
	PAGE_SIZE,
	samePageKey,
	type PageKey,
	type ReviewPage
} from './review-pages';
import { pageOf, rewritePage } from './review-page-writes';

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
	/** Quarter hours whose stats totals disagreed with the log: recounted. */
	tallies: number;
	/** Card counts (Home's and Stats' running totals) that disagreed with the cards: recounted. */
	cardCounts: number;
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
			r.meta +
			r.tallies +
			r.cardCounts ===
		0
	);
}

/** Set id → question ids currently in that set. */
export type KnownQuestions = ReadonlyMap<string, ReadonlySet<string>>;

export interface CheckOptions {
	/** Sets not in the map are not judged. Judged once the repairs are written, so the
	 * sets can load while the check runs: a promise, or a function given the sets stored
	 * on this device (read in the check's own transaction). If it fails, no set is judged. */
	knownQuestionIds?:
		| KnownQuestions
		| Promise<KnownQuestions>
		| ((stored: readonly StoredSet[]) => KnownQuestions | Promise<KnownQuestions>);
	/**
	 * The card an answer produced (the scheduler applied to `entry.before`). Synchronous:
	 * it runs inside the check's transaction. Without it, damaged cards are only mended.
	 */
	replay?: (entry: ReviewEntry) => StoredCard;
	/** Called after each chunk read, and once at the start. */
	onProgress?: (progress: CheckProgress) => void;
	/** Aborting it rolls the whole check back: nothing is repaired. */
	signal?: AbortSignal;
	/** Records read per step; CHECK_CHUNK unless a test wants many steps. */
	chunk?: number;
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

/** What a check has read so far, in records (log entries, then cards). */
export interface CheckProgress {
	done: number;
	total: number;
}

/** A check stopped by the person (or a closed tab): its transaction was rolled back. */
export class CheckCancelledError extends Error {
	override name = 'CheckCancelledError';
	constructor() {
		super('The check was cancelled. Nothing was changed.');
	}
}

/** More log keys apart than any real device holds answers: past it, the progress bar's
 * total is counted rather than read from the first and last keys. */
const LOG_SPAN_MAX = 10_000_000;

/** Records read per step: big enough to be fast, small enough for a lively progress bar. */
export const CHECK_CHUNK = 5000;

type CheckTx = IDBPTransaction<
	StudydeckDB,
	(StoreName | 'reviewTallies' | 'cardCounts' | 'reviewPages' | 'cardPacks')[],
	'readwrite'
>;

/** Every record of a store in key order, `size` at a time, the next chunks read ahead. */
const chunks = {
	reviews: (tx: CheckTx, size: number) =>
		scan(tx.objectStore('reviews'), { size, numericKey: (r) => r.id! }),
	reviewPages: (tx: CheckTx, size: number) =>
		scan(tx.objectStore('reviewPages'), { size: Math.max(1, Math.round(size / PAGE_SIZE)) }),
	reviewTallies: (tx: CheckTx, size: number) =>
		scan(tx.objectStore('reviewTallies'), { size, numericKey: (t) => t.slot }),
	cards: (tx: CheckTx, size: number) => scan(tx.objectStore('cards'), { size })
};

/**
 * Exactly `sameTally(stored, right)` when `right` is a tally the check counted (whole
 * numbers only), and false where sameTally cannot read `stored`: plain comparisons
 * first, since nearly every stored tally is right, and sameTally (JSON of sorted entries)
 * decides whatever they do not accept.
 */
export function sameNumbers(stored: ReviewTally, right: ReviewTally): boolean {
	const sameList = (a: unknown, b: number[]) =>
		Array.isArray(a) && a.length === b.length && b.every((n, i) => a[i] === n);
	const sameRecord = <T>(a: unknown, b: Record<string, T>, same: (x: unknown, y: T) => boolean) => {
		if (!a || typeof a !== 'object' || Array.isArray(a)) return false;
		const keys = Object.keys(a);
		if (keys.length !== Object.keys(b).length) return false;
		return keys.every((k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], b[k]!));
	};
	const fast =
		stored.slot === right.slot &&
		stored.count === right.count &&
		stored.again === right.again &&
		sameList(stored.reviews, right.reviews) &&
		sameList(stored.passed, right.passed) &&
		sameRecord(stored.cards, right.cards, (x, y: number[]) => sameList(x, y)) &&
		sameRecord(stored.sets, right.sets, (x, y: number) => x === y);
	if (fast) return true;
	try {
		return sameTally(stored, right);
	} catch {
		return false; // not even readable (`cards: null`): recounted like any wrong tally
	}
}

/** The log entry with id `key`, in the store or in the page that holds it. */
async function entryById(
	reviews: CheckStore<'reviews'>,
	pages: CheckStore<'reviewPages'>,
	key: number
): Promise<ReviewEntry | undefined> {
	const loose = await reviews.get(key);
	if (loose) return loose;
	// The page with the greatest first id at or below `key`.
	const c = await pages.openCursor(IDBKeyRange.upperBound([key, Infinity, Infinity]), 'prev');
	return c?.value.entries.find((e) => e.id === key);
}

type CheckStore<N extends 'reviews' | 'reviewPages'> = IDBPObjectStore<
	StudydeckDB,
	(StoreName | 'reviewTallies' | 'cardCounts' | 'reviewPages' | 'cardPacks')[],
	N,
	'readwrite'
>;

/** Whether a stored page already is `right` (the same entries, key and sets). */
function samePage(page: ReviewPage, right: ReviewPage): boolean {
	return (
		page.entries.length === right.entries.length &&
		right.entries.every((e, i) => e === page.entries[i]) &&
		samePageKey(pageKey(page), pageKey(right)) &&
		Array.isArray(page.sets) &&
		page.sets.length === right.sets.length &&
		right.sets.every((s) => page.sets.includes(s))
	);
}

/**
 * One readwrite transaction over every store: the repairs are all written, or (on an
 * error, a cancel through `signal`, a closed tab) none of them.
 */
export async function checkDatabase(
	db: Db,
	options: CheckOptions | KnownQuestions = {}
): Promise<CheckReport> {
	const {
		knownQuestionIds,
		replay,
		onProgress,
		signal,
		chunk = CHECK_CHUNK
	}: CheckOptions = options instanceof Map
		? { knownQuestionIds: options }
		: (options as CheckOptions);
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
		tallies: 0,
		cardCounts: 0,
		unknownQuestions: 0
	};
	const tx = db.transaction(
		[...STORE_NAMES, 'reviewTallies', 'cardCounts', 'reviewPages', 'cardPacks'],
		'readwrite'
	);
	// tx.done rejects when a cancel aborts it; the caller gets CheckCancelledError instead.
	tx.done.catch(() => {});
	// Read first, turned into objects while the database reads the log.
	const storedSets = tx.objectStore('sets').getAll();
	storedSets.catch(() => {}); // a cancel's abort, reported as CheckCancelledError
	const knownLater = (async () =>
		typeof knownQuestionIds === 'function'
			? knownQuestionIds(await storedSets)
			: knownQuestionIds)().catch(() => undefined);
	// The progress bar's total without counting the stores (a count walks every key: 0.2 s
	// at 250,000 answers). The log's keys number its entries in order, so its first and last
	// bound their number; the cards are what their running counts say. The cards' part is
	// made exact once the log is read; the bar never shows more done than its total.
	const [firstReview, lastReview, countRecords, paged] = await Promise.all([
		tx.objectStore('reviews').openKeyCursor(),
		tx.objectStore('reviews').openKeyCursor(null, 'prev'),
		tx.objectStore('cardCounts').getAll(),
		pagedCount(tx.objectStore('reviewPages'))
	]);
	const cardsAbout = countRecords.reduce(
		(n, c) => (c.span === Span.Total && countOk(c.all) ? n + c.all : n),
		0
	);
	const span = firstReview && lastReview ? Math.max(0, lastReview.key - firstReview.key + 1) : 0;
	// Keys far apart (a hand-made backup) would promise a bar of billions: counted instead.
	const logAbout = (span > LOG_SPAN_MAX ? await tx.objectStore('reviews').count() : span) + paged;
	const progress = { done: 0, total: logAbout + cardsAbout };
	const step = (n: number) => {
		if (signal?.aborted) {
			tx.abort();
			throw new CheckCancelledError();
		}
		progress.done += n;
		progress.total = Math.max(progress.total, progress.done);
		onProgress?.({ ...progress });
	};
	step(0);
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

	// The log first: each card's latest sound answer is what a damaged card is rebuilt from
	// (kept by key and read again in the rare case it is needed, so the entries themselves
	// die young), and the stats totals are counted as the log goes by.
	const reviews = tx.objectStore('reviews');
	const pages = tx.objectStore('reviewPages');
	const latest = new Map<string, number>();
	// The tallies the log makes, from the first slot kept on (a restore keeps recent ones).
	const want = new Map<number, ReviewTally>();
	const firstSlot = await firstTallySlot(tx.objectStore('meta'));
	const tallied = (entries: ReviewEntry[]) =>
		tallyInto(
			want,
			entries.filter((e) => tallySlot(e.reviewedAt) >= firstSlot)
		);
	/** A sound entry (mended if need be), or undefined when it must go. */
	const sound = (entry: ReviewEntry, key: number): ReviewEntry | undefined => {
		if (isReviewEntry(entry)) return entry;
		const mended = mendReview({ ...entry, id: key });
		if (mended) report.mendedReviews++;
		else report.invalidReviews++;
		return mended;
	};
	// The pages first: their ids are below the store's (./review-pages.ts). A page that
	// changes is rewritten once the pages are read, so the scan never meets it again.
	const rewrites: [PageKey, ReviewEntry[]][] = [];
	for await (const values of chunks.reviewPages(tx, chunk)) {
		for (const page of values) {
			// A page is only ever written whole, but it is checked as closely as the store.
			if (!Array.isArray(page.entries)) report.invalidReviews++;
			const entries: ReviewEntry[] = Array.isArray(page.entries) ? page.entries : [];
			const kept: ReviewEntry[] = [];
			for (const entry of entries) {
				const key: unknown = entry && typeof entry === 'object' ? entry.id : undefined;
				if (typeof key !== 'number' || !Number.isSafeInteger(key) || key < 1) {
					report.invalidReviews++;
					continue;
				}
				const ok = sound(entry, key);
				if (!ok) continue;
				latest.set(ok.cardId, key);
				kept.push(ok);
			}
			tallied(kept);
			const right = pageOf(kept);
			if (!right || !samePage(page, right)) rewrites.push([pageKey(page), kept]);
			step(entries.length);
		}
	}
	for (const [key, entries] of rewrites) await rewritePage(pages, key, entries);
	for await (const values of chunks.reviews(tx, chunk)) {
		const kept: ReviewEntry[] = [];
		for (const entry of values) {
			// The store's key path: the key is the entry's own id.
			const key = entry.id!;
			const ok = sound(entry, key);
			if (!ok) await reviews.delete(key);
			else if (ok !== entry) await reviews.put(ok);
			if (!ok) continue;
			// Keys grow with time, so the last one seen per card is its latest.
			latest.set(ok.cardId, key);
			kept.push(ok);
		}
		tallied(kept);
		step(values.length);
	}
	progress.total = progress.done + cardsAbout;
	const latestEntry = async (cardId: string) => {
		const key = latest.get(cardId);
		return key === undefined || !replay ? undefined : entryById(reviews, pages, key);
	};

	const cards = tx.objectStore('cards');
	const cardIds = new Set<string>();
	// The card counts as the cards stand after the repairs, for the recount at the end.
	const counts = new Map<string, CardCount>();
	// Set id → the question ids of its cards, for the unknown questions (a report only).
	const questionsOf = new Map<string, string[]>();
	const week = await detailWeek(tx.objectStore('meta'));
	/** A card read (its key is its id), or undefined when it must go; `put` stores a
	 * repaired card. Counts what it keeps. */
	const checkCard = async (
		card: StoredCard,
		key: string,
		put: (card: StoredCard) => Promise<unknown>
	): Promise<StoredCard | undefined> => {
		if (!isStoredCard(card)) {
			const fixed = rebuild(await latestEntry(key), replay);
			const mended = fixed ?? mendCard(card);
			if (!mended) {
				report.invalidCards++;
				return undefined;
			}
			if (fixed) report.rebuiltCards++;
			else report.mendedCards++;
			card = mended;
			await put(card);
		}
		// Leech is sticky once set (the user may have chosen to keep studying it); only a
		// missing flag is repaired.
		if (!card.leech && card.lapses >= settings.leechThreshold) {
			report.leechFlags++;
			card = { ...card, leech: true };
			await put(card);
		}
		cardIds.add(card.id);
		countInto(counts, card, week);
		const questions = questionsOf.get(card.setId);
		if (questions) questions.push(card.questionId);
		else questionsOf.set(card.setId, [card.questionId]);
		return card;
	};
	for await (const values of chunks.cards(tx, chunk)) {
		for (const card of values) {
			// The store's key path: the key is the card's own id.
			const key = card.id;
			if (!(await checkCard(card, key, (c) => cards.put(c)))) await cards.delete(key);
		}
		step(values.length);
	}
	// The packs (./card-packs.ts), after the store: a card in both is the store's. A pack
	// that is not exactly as a restore packs it, or holds a card that needed a repair, is
	// unpacked: its sound cards go to the store, where any card may be.
	const packs = tx.objectStore('cardPacks');
	const [allPacks, packKeys]: [unknown[], PackKey[]] = await Promise.all([
		packs.getAll(),
		packs.getAllKeys()
	]);
	for (const [i, value] of allPacks.entries()) {
		const pack = value as Partial<CardPack> | null;
		const listed: unknown[] = Array.isArray(pack?.cards) ? pack.cards : [];
		const next = allPacks[i + 1] as Partial<CardPack> | null;
		let unpack = !packInPlace(pack, next?.setId === pack?.setId ? next?.lo : undefined);
		const kept: StoredCard[] = [];
		for (const raw of listed) {
			const card = raw as StoredCard;
			const key = raw && typeof raw === 'object' ? card.id : undefined;
			if (typeof key !== 'string' || cardIds.has(key)) {
				report.invalidCards++;
				unpack = true;
				continue;
			}
			const ok = await checkCard(card, key, async () => (unpack = true));
			if (ok) kept.push(ok);
			else unpack = true;
		}
		if (unpack) {
			await packs.delete(packKeys[i]!);
			for (const card of kept) await cards.put(card);
		}
		step(listed.length);
	}
	// Answers to a card that is gone: rebuild the card from the latest, so the history
	// still counts; only when that is impossible do they go, and off the totals with them.
	const orphans = new Set<string>();
	for (const id of latest.keys()) {
		if (cardIds.has(id)) continue;
		const card = rebuild(await latestEntry(id), replay);
		if (card && card.id === id) {
			report.rebuiltCards++;
			await cards.put(card);
			countInto(counts, card, week);
			continue;
		}
		orphans.add(id);
	}
	const dropOrphan = (entry: ReviewEntry) => {
		report.orphanReviews++;
		const tally = want.get(tallySlot(entry.reviewedAt));
		if (!tally) return; // before the first slot kept
		addToTally(tally, entry, -1);
		if (isEmptyTally(tally)) want.delete(tally.slot);
	};
	for (const id of orphans)
		for (const entry of await reviews.index('by-card').getAll(id)) {
			dropOrphan(entry);
			await reviews.delete(entry.id!);
		}
	// Rare (a card lost with no sound answer to rebuild it from): the pages are read again.
	if (orphans.size)
		for (const page of await pages.getAll()) {
			const kept = page.entries.filter((e) => !orphans.has(e.cardId));
			if (kept.length === page.entries.length) continue;
			page.entries.filter((e) => orphans.has(e.cardId)).forEach(dropOrphan);
			await rewritePage(pages, pageKey(page), kept);
		}
	// Images of a set that is gone: deleteSet takes them along, so these are leftovers
	// (an interrupted older version, a restore of a hand-edited backup).
	const setIds = new Set((await storedSets).map((s) => s.set.id));
	for (let c = await tx.objectStore('media').openCursor(); c; c = await c.continue()) {
		if (!setIds.has(c.value.setId)) {
			report.orphanMedia++;
			await c.delete();
		}
	}

	// The stats totals, recounted from the log as repaired: what is stored and right is
	// taken off `want`, and what is left of `want` is written.
	const tallies = tx.objectStore('reviewTallies');
	const storedSlots = new Set<number>();
	for await (const stored of chunks.reviewTallies(tx, chunk)) {
		for (const t of stored) {
			storedSlots.add(t.slot);
			const right = want.get(t.slot);
			if (right && sameNumbers(t, right)) want.delete(t.slot);
			else {
				report.tallies++;
				if (!right) await tallies.delete(t.slot);
			}
		}
	}
	for (const t of want.values()) {
		if (!storedSlots.has(t.slot)) report.tallies++;
		await tallies.put(t);
	}
	// Home's and the Stats screen's card counts, recounted from the cards as repaired.
	const countStore = tx.objectStore('cardCounts');
	const storedCounts = new Set<string>();
	// As read at the start: nothing before this writes a count.
	for (const c of countRecords) {
		const k = countKey(c);
		storedCounts.add(k);
		const right = counts.get(k);
		if (right && sameCount(c, right)) {
			counts.delete(k);
			continue;
		}
		report.cardCounts++;
		if (!right) await countStore.delete(countKeyOf(c));
	}
	for (const [k, c] of counts) {
		if (!storedCounts.has(k)) report.cardCounts++;
		await countStore.put(c);
	}
	step(0);
	await tx.done;
	// Judged after the transaction, so the sets can still be loading while it runs.
	const known = await knownLater;
	for (const [setId, ids] of questionsOf) {
		const inSet = known?.get(setId);
		if (inSet) for (const id of ids) if (!inSet.has(id)) report.unknownQuestions++;
	}
	return report;
}
