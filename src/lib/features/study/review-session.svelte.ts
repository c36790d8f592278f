// A flashcard review session (ARCHITECTURE.md "Routes" `/study/`): today's queue, the card on screen,
// answers, undo, and the counters. Time is read here (the clock is injectable for tests)
// and passed into the pure srs core; every read and write goes through src/lib/storage.
/* eslint-disable svelte/prefer-svelte-reactivity -- Maps, Sets and Dates here are private
   working values or one-off clock reads; what the UI reads is in $state fields. */
import { appDeps, type Deps } from '$lib/platform/deps';
import { MediaUrls } from '$lib/platform/media-urls.svelte';
import type { Catalog } from '$lib/platform/catalog/catalog';
import type { Question, QuestionOf, QuestionSet } from '$lib/core/bank/schema';
import { findQuote, paragraphs } from '$lib/core/bank/text';
import { siblingKey } from '$lib/core/bank/siblings';
import { requestPersistence } from '$lib/platform/pwa/persist';
import {
	answerCard,
	buildQueue,
	cardId,
	DAY_MS,
	dayNumber,
	newCard,
	previewIntervals,
	Rating,
	startOfDay,
	State,
	studiedSince,
	type Grade,
	type IntervalPreview,
	type QueueItem,
	type ReviewEntry,
	type SrsSettings,
	type AnswerResult,
	type StoredCard,
	type Workload
} from '$lib/core/srs';
// Direct modules rather than the storage barrel: the barrel's backup and check code would
// bring the schema validator (valibot) onto the study page's first load.
import { answerStoredCard, undoReview, type Recorded } from '$lib/platform/storage/answer';
import {
	cardIdsForSet,
	dueCards,
	getCard,
	learningDueBetween,
	nextDueAfter
} from '$lib/platform/storage/cards';
import type { Db } from '$lib/platform/storage/db';
import { replaceWithEasier, suspend, unsuspend } from '$lib/platform/storage/leeches';
import { reviewsSince } from '$lib/platform/storage/review-log';
import { getSet } from '$lib/platform/storage/sets';
import { getSrsSettings } from '$lib/platform/storage/settings';
import { dueCountsByDay } from '$lib/platform/storage/workload';

export type CardKind = 'new' | 'learning' | 'review';

export type SessionStatus =
	/** Reading today's queue. */
	| 'loading'
	/** A card's front is on screen. */
	| 'front'
	/** Its answer is shown, with the four rating buttons. */
	| 'back'
	/** Only learning cards are left, due later: "Next card in 4 min". */
	| 'waiting'
	/** Nothing left for now. */
	| 'done'
	/** The session could not start; `error` says why. */
	| 'error';

export interface ShownCard {
	card: StoredCard;
	question: Question;
	set: QuestionSet;
	kind: CardKind;
}

export interface SessionSummary {
	/** Answers given in this session (undone ones excluded). */
	studied: number;
	again: number;
	/** Time spent on cards, each capped at a minute as Anki does. */
	timeMs: number;
}

/** A card that just became a leech, shown once with its source (srs/leech.ts). */
export interface LeechNotice {
	card: StoredCard;
	question: Question;
	set: QuestionSet;
	/** 1-based paragraph of the set's source text holding the question's quote. */
	paragraph?: number;
	/** The question as a blank in its passage, when one can be made. */
	cloze?: QuestionOf<'cloze'>;
	/** What the student chose. */
	done?: { kind: 'suspended' } | { kind: 'easier'; setId: string; title: string };
	/** Why the choice could not be saved. */
	error?: string;
}

export interface ReviewSessionOptions extends Deps {
	/** Study one set; all given sets when absent. */
	setId?: string;
	/** Minutes west of UTC at `now`, as `Date.prototype.getTimezoneOffset`. */
	offsetMinutes?: (now: number) => number;
	/** Runs `fn` after `ms`; returns a cancel function. Tests pass a manual one. */
	schedule?: (fn: () => void, ms: number) => () => void;
	/** Called (not awaited) after the first answer of a session. */
	persist?: (db: Db, now: number) => Promise<unknown>;
}

/** Learning cards are not limited by reviewsPerDay; room for them in the due query. */
const LEARNING_HEADROOM = 500;
/** Anki counts at most a minute per card, so a card left open over lunch does not count. */
const MAX_CARD_MS = 60_000;
/** A session waits for a card due within this long, rather than ending. */
const WAIT_AT_MOST_MS = 20 * 60_000;
/** How often the "Next card in …" label refreshes while waiting. */
const WAIT_TICK_MS = 15_000;

interface Undoable {
	cardId: string;
	timeMs: number;
	/** The review's key: undo takes back this tab's own answer, never another tab's. */
	key: number;
}

/** Why the last undo changed nothing, in words for the person. */
export const UNDO_NOTICES = {
	'answered-elsewhere':
		'Not undone: this card was answered again in another tab since, and undoing here would lose that answer. Both answers are kept.',
	gone: 'Not undone: that answer was already taken back in another tab.'
} as const;

/**
 * Today's totals from the review log, so a reloaded session counts what was studied before.
 * The log keeps no time per answer: each counts the gap since the previous one, capped.
 */
function summarize(entries: readonly ReviewEntry[]): SessionSummary {
	const sorted = [...entries].sort((a, b) => a.reviewedAt - b.reviewedAt);
	let timeMs = 0;
	for (let i = 1; i < sorted.length; i++)
		timeMs += Math.min(Math.max(0, sorted[i]!.reviewedAt - sorted[i - 1]!.reviewedAt), MAX_CARD_MS);
	return {
		studied: sorted.length,
		again: sorted.filter((e) => e.rating === Rating.Again).length,
		timeMs
	};
}

function kindOf(card: StoredCard): CardKind {
	if (card.state === State.New) return 'new';
	if (card.state === State.Review) return 'review';
	return 'learning';
}

function splitCardId(id: string): { setId: string; questionId: string } {
	const slash = id.indexOf('/');
	return { setId: id.slice(0, slash), questionId: id.slice(slash + 1) };
}

function itemId(item: QueueItem): string {
	return item.kind === 'new' ? item.questionId : item.card.id;
}

const defaultSchedule = (fn: () => void, ms: number) => {
	// Browsers overflow delays above 2^31-1 ms into "now"; waits here are at most a day.
	const t = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1));
	return () => clearTimeout(t);
};

export class ReviewSession {
	readonly setId: string | undefined;
	#open: () => Promise<Db>;
	#catalog: Catalog;
	#showError: (error: unknown) => string;
	#now: () => number;
	#offset: (now: number) => number;
	#schedule: (fn: () => void, ms: number) => () => void;
	#persist: (db: Db, now: number) => Promise<unknown>;

	#sets = new Map<string, { set: QuestionSet; questions: Map<string, Question> }>();
	#order: QuestionSet[] = [];
	#settings: SrsSettings | undefined;
	#dayEnd = 0;
	#shownAt = 0;
	#askedPersist = false;
	#history: Undoable[] = [];
	#cancelWait: (() => void) | undefined;
	#cancelTick: (() => void) | undefined;
	#destroyed = false;
	/** Cards due per study day (all sets), read as load balancing needs days. */
	#load = new Map<number, number>();
	#reading: Promise<boolean> = Promise.resolve(false);

	/** Today's remaining queue (learning first, then reviews with new cards mixed in). */
	#queue = $state.raw<QueueItem[]>([]);
	/** Cards answered in this session that are due again today (learning steps). */
	#pending = $state.raw<StoredCard[]>([]);
	#undoable = $state(0);

	status = $state<SessionStatus>('loading');
	current = $state.raw<ShownCard | undefined>(undefined);
	previews = $state.raw<IntervalPreview[]>([]);
	/** A write is in flight: rating and undo buttons wait. */
	saving = $state(false);
	/** The last answer or undo could not be saved; the card stays so it can be retried. */
	saveError = $state<string | undefined>(undefined);
	/** Why the session could not start. */
	error = $state<string | undefined>(undefined);
	/** Why the last undo changed nothing (another tab got there first). */
	undoNotice = $state<string | undefined>(undefined);
	summary = $state<SessionSummary>({ studied: 0, again: 0, timeMs: 0 });
	/** When the session ended: the next card's due time, if any card is scheduled. */
	nextDue = $state<number | undefined>(undefined);
	/** Unstudied questions held back by today's new-card limit. */
	newHeldBack = $state(0);
	/** While waiting: when the next learning card is due. */
	waitUntil = $state<number | undefined>(undefined);
	/** The clock, refreshed while waiting so "Next card in …" counts down. */
	clock = $state(0);
	/** Shown once when an answer makes a card a leech. */
	leech = $state.raw<LeechNotice | undefined>(undefined);

	/** The images cards show, as object URLs revoked on destroy. */
	readonly media: MediaUrls;

	constructor(options: ReviewSessionOptions = {}) {
		this.setId = options.setId;
		const deps = appDeps(options);
		this.media = new MediaUrls(deps.open);
		this.#open = deps.open;
		this.#showError = deps.showError;
		this.#now = deps.now;
		this.#catalog = deps.catalog;
		this.#offset = options.offsetMinutes ?? ((now) => new Date(now).getTimezoneOffset());
		this.#schedule = options.schedule ?? defaultSchedule;
		this.#persist = options.persist ?? requestPersistence;
	}

	/** Remaining cards by kind, the one on screen included (Anki's three numbers). */
	get counts(): { new: number; learning: number; review: number } {
		const out = { new: 0, learning: this.#pending.length, review: 0 };
		for (const item of this.#queue) out[item.kind]++;
		if (this.current) out[this.current.kind]++;
		return out;
	}

	get remaining(): number {
		const c = this.counts;
		return c.new + c.learning + c.review;
	}

	/** Answers so far against answers so far plus what is left. */
	get progress(): { done: number; total: number } {
		return { done: this.summary.studied, total: this.summary.studied + this.remaining };
	}

	get canUndo(): boolean {
		return this.#undoable > 0 && !this.saving && this.status !== 'loading';
	}

	/** A card is on screen: an app update must wait (ARCHITECTURE.md "Offline and updates"). */
	get active(): boolean {
		return this.status === 'front' || this.status === 'back';
	}

	/**
	 * Builds today's queue from `sets` (one set, or all for `/study/`) and shows a card.
	 * `sets` may be a loader; its failure (say, offline before the sets were cached) is shown.
	 */
	/** Starts on the given sets, or on every set in the catalog. */
	async start(
		sets: readonly QuestionSet[] | (() => Promise<readonly QuestionSet[]>) = () =>
			this.#catalog.loadAll()
	): Promise<void> {
		this.status = 'loading';
		let list: readonly QuestionSet[];
		try {
			list = typeof sets === 'function' ? await sets() : sets;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
			this.status = 'error';
			return;
		}
		this.#order = list.filter((s) => this.setId === undefined || s.id === this.setId);
		for (const set of this.#order)
			this.#sets.set(set.id, { set, questions: new Map(set.questions.map((q) => [q.id, q])) });
		try {
			const db = await this.#open();
			this.#settings = await getSrsSettings(db);
			await this.#refill(db, this.#now(), true);
			await this.#advance(db, true);
		} catch (e) {
			this.error = this.#showError(e);
			this.status = 'error';
		}
	}

	reveal(): void {
		if (this.status !== 'front' || !this.current || !this.#settings) return;
		// Preview at reveal time, as Anki does: the time spent on the front counts.
		const card = this.current.card;
		const now = this.#now();
		this.previews = previewIntervals(card, now, this.#settings, this.#workload(now));
		this.status = 'back';
		// Days not read yet (rare: #show reads them ahead): read, then label again.
		this.#reading = this.#readLoad(card, now).then((changed) => {
			if (changed && this.current?.card === card && this.status === 'back' && this.#settings)
				this.previews = previewIntervals(card, now, this.#settings, this.#workload(now));
			return changed;
		});
	}

	/** Settles once the day counts for the card on screen are read (for tests). */
	async settled(): Promise<void> {
		await this.#reading;
	}

	/** Load balancing's view of the days ahead; `missing` collects days not read yet. */
	#workload(now: number, missing?: Set<number>): Workload {
		return {
			offsetMinutes: this.#offset(now),
			load: (day) => {
				const n = this.#load.get(day);
				if (n === undefined) missing?.add(day);
				return n ?? 0;
			}
		};
	}

	/** Reads the due counts of the days `card` could land on; true if any were new. */
	async #readLoad(card: StoredCard, now: number): Promise<boolean> {
		const settings = this.#settings;
		if (!settings) return false;
		const missing = new Set<number>();
		previewIntervals(card, now, settings, this.#workload(now, missing));
		if (missing.size === 0) return false;
		try {
			const days = [...missing];
			const counts = await dueCountsByDay(
				await this.#open(),
				Math.min(...days),
				Math.max(...days),
				{ offsetMinutes: this.#offset(now) }
			);
			for (const [day, n] of counts) if (!this.#load.has(day)) this.#load.set(day, n);
			return true;
		} catch {
			return false; // balancing without counts still spreads by fuzz; never block a review
		}
	}

	/** Saves the rating and moves on; on a storage error the card stays for a retry. */
	async answer(rating: Grade): Promise<void> {
		const shown = this.current;
		if (this.status !== 'back' || !shown || !this.#settings || this.saving) return;
		this.saving = true;
		this.saveError = undefined;
		this.undoNotice = undefined;
		const now = this.#now();
		const settings = this.#settings;
		const { setId, questionId, id } = shown.card;
		await this.#readLoad(shown.card, now);
		const workload = this.#workload(now);
		let db: Db;
		let result: Recorded<AnswerResult>;
		try {
			db = await this.#open();
			// Computed from the card as stored when the answer is saved: another tab may have
			// answered it since this one was shown (ARCHITECTURE.md "Data safety").
			result = await answerStoredCard(db, id, (stored) =>
				answerCard(stored ?? newCard(questionId, setId, now), rating, now, settings, workload)
			);
		} catch (e) {
			this.saveError = this.#showError(e);
			this.saving = false;
			return;
		}
		const spent = Math.min(Math.max(0, now - this.#shownAt), MAX_CARD_MS);
		this.summary = {
			studied: this.summary.studied + 1,
			again: this.summary.again + (rating === Rating.Again ? 1 : 0),
			timeMs: this.summary.timeMs + spent
		};
		this.#countDue(result.card.due, now, +1);
		this.#history.push({ cardId: shown.card.id, timeMs: spent, key: result.key });
		this.#undoable = this.#history.length;
		if (!this.#askedPersist) {
			this.#askedPersist = true;
			// Fire and forget: persistence must never hold up an answer.
			void this.#persist(db, now).catch(() => {});
		}
		// Due again before the study day ends (a learning step): it comes back this session.
		if (result.card.due < this.#dayEnd) this.#addPending(result.card);
		if (result.becameLeech) await this.#noticeLeech(shown, result.card);
		this.current = undefined;
		this.saving = false;
		await this.#step(db);
	}

	/** Takes back the last answer: the card returns exactly as it was, at the front. */
	async undo(): Promise<void> {
		const mine = this.#history.at(-1);
		if (!this.canUndo || !mine) return;
		this.saving = true;
		this.saveError = undefined;
		this.undoNotice = undefined;
		let db: Db;
		let outcome: Awaited<ReturnType<typeof undoReview>>;
		try {
			db = await this.#open();
			outcome = await undoReview(db, mine.key);
		} catch (e) {
			this.saveError = this.#showError(e);
			this.saving = false;
			return;
		}
		this.saving = false;
		// Taken back or not, this answer leaves the undo list: either it is gone, or it is
		// no longer the card's latest and undoing it would lose another tab's answer.
		this.#history.pop();
		this.#undoable = this.#history.length;
		if (outcome.status !== 'undone') {
			this.undoNotice = UNDO_NOTICES[outcome.status];
			return;
		}
		const undone = outcome;
		const { review } = undone;
		this.#countDue(review.due, review.reviewedAt, -1);
		if (this.leech?.card.id === review.cardId) this.leech = undefined;
		this.summary = {
			studied: Math.max(0, this.summary.studied - 1),
			again: Math.max(0, this.summary.again - (review.rating === Rating.Again ? 1 : 0)),
			timeMs: Math.max(0, this.summary.timeMs - mine.timeMs)
		};
		const id = review.cardId;
		this.#pending = this.#pending.filter((c) => c.id !== id);
		const rest = this.#queue.filter((item) => itemId(item) !== id);
		// The card on screen goes back to the front of the queue, behind the undone one.
		const shown = this.current;
		if (shown && shown.card.id !== id) rest.unshift(this.#itemFor(shown.card, shown.kind));
		this.#queue = rest;
		this.#stopWaiting();
		const card = undone.card ?? newCard(review.questionId, review.setId, this.#now());
		if (!this.#show(card, kindOf(card))) await this.#step(db);
	}

	async #noticeLeech(shown: ShownCard, card: StoredCard): Promise<void> {
		// Loaded only now: leeches are rare, and the study path stays small.
		const { easierCloze } = await import('$lib/core/srs/leech');
		const quote = shown.question.source?.quote;
		const i =
			quote && shown.set.sourceText ? findQuote(paragraphs(shown.set.sourceText), quote) : -1;
		this.leech = {
			card,
			question: shown.question,
			set: shown.set,
			...(i >= 0 ? { paragraph: i + 1 } : {}),
			...((c) => (c ? { cloze: c } : {}))(easierCloze(shown.question, shown.set))
		};
	}

	/** Takes the leech out of reviews; it keeps its memory and can come back. */
	async suspendLeech(): Promise<void> {
		const notice = this.leech;
		if (!notice || notice.done) return;
		try {
			await suspend(await this.#open(), notice.card.id);
			await this.#drop(notice.card.id);
			this.leech = { ...notice, done: { kind: 'suspended' } };
		} catch (e) {
			this.leech = { ...notice, error: this.#showError(e) };
		}
	}

	/** Undoes "Suspend": the card returns to reviews when it is due. */
	async unsuspendLeech(): Promise<void> {
		const notice = this.leech;
		if (notice?.done?.kind !== 'suspended') return;
		try {
			const card = await unsuspend(await this.#open(), notice.card.id);
			if (card && card.due < this.#dayEnd) this.#addPending(card);
			this.leech = { ...notice, done: undefined };
		} catch (e) {
			this.leech = { ...notice, error: this.#showError(e) };
		}
	}

	/** Suspends the leech and adds its cloze to the set of easier cards, together. */
	async makeLeechEasier(): Promise<void> {
		const notice = this.leech;
		if (!notice?.cloze || notice.done) return;
		try {
			const [{ withEasierCard, easierSetId }, { parseSet }] = await Promise.all([
				import('$lib/core/srs/leech'),
				import('$lib/core/bank/validate')
			]);
			const db = await this.#open();
			const existing = (await getSet(db, easierSetId(notice.set.id)))?.set;
			const parsed = parseSet(withEasierCard(notice.set, existing, notice.cloze));
			if (!parsed.ok) {
				this.leech = { ...notice, error: 'An easier card could not be made from this passage.' };
				return;
			}
			await replaceWithEasier(db, notice.card.id, parsed.value, this.#now());
			await this.#drop(notice.card.id);
			this.leech = {
				...notice,
				done: { kind: 'easier', setId: parsed.value.id, title: parsed.value.title }
			};
		} catch (e) {
			this.leech = { ...notice, error: this.#showError(e) };
		}
	}

	dismissLeech(): void {
		this.leech = undefined;
	}

	/** A card suspended mid-session leaves the queue and the learning steps. */
	async #drop(id: string): Promise<void> {
		this.#pending = this.#pending.filter((c) => c.id !== id);
		this.#queue = this.#queue.filter((item) => itemId(item) !== id);
		// Waiting for it ("Next card in 10 min")? Then look again: there may be nothing left.
		if (this.status === 'waiting') await this.#step(await this.#open());
	}

	/** Stops timers; call when the page is left. */
	destroy(): void {
		this.#destroyed = true;
		this.#stopWaiting();
		this.media.destroy();
	}

	/** Keeps the read day counts true after an answer (+1) or its undo (−1). */
	#countDue(due: number, at: number, delta: number): void {
		const day = dayNumber(due, { offsetMinutes: this.#offset(at) });
		const n = this.#load.get(day);
		if (n !== undefined) this.#load.set(day, Math.max(0, n + delta));
	}

	#itemFor(card: StoredCard, kind: CardKind): QueueItem {
		return kind === 'new' ? { kind: 'new', questionId: card.id } : { kind, card };
	}

	#addPending(card: StoredCard): void {
		const next = this.#pending.filter((c) => c.id !== card.id);
		next.push(card);
		next.sort((a, b) => a.due - b.due);
		this.#pending = next;
	}

	async #step(db: Db): Promise<void> {
		try {
			await this.#advance(db, false);
		} catch (e) {
			this.error = this.#showError(e);
			this.status = 'error';
		}
	}

	/**
	 * Reads today's counts and due cards and rebuilds the queue, with the learning cards due
	 * later today (so a reload keeps them). `initial`: the totals come from today's log too.
	 */
	async #refill(db: Db, now: number, initial = false): Promise<void> {
		const settings = this.#settings!;
		const dayStart = startOfDay(now, { offsetMinutes: this.#offset(now) });
		this.#dayEnd = dayStart + DAY_MS;
		const today = await reviewsSince(db, dayStart);
		const mine = this.setId === undefined ? today : today.filter((e) => e.setId === this.setId);
		const studied = studiedSince(mine, dayStart);
		if (initial) this.summary = summarize(mine);
		const reviewRoom = Math.max(0, settings.reviewsPerDay - studied.reviews);
		const newRoom = Math.max(0, settings.newPerDay - studied.new);
		const due = (
			await dueCards(db, { now, limit: reviewRoom + LEARNING_HEADROOM, setId: this.setId })
		).filter((c) => this.#questionOf(c.id));
		const bury = settings.burySiblings ? this.#burier(mine) : undefined;
		const dueToday = bury
			? due
					.filter((c) => c.state !== State.Review && bury(c.id))
					.concat(due.filter((c) => c.state === State.Review && bury(c.id)))
			: due;
		// New questions in the sets' order. Ids are card ids, so all-sets sessions stay unambiguous.
		const newIds: string[] = [];
		let unstudied = 0;
		for (const set of this.#order) {
			const known = new Set(await cardIdsForSet(db, set.id));
			for (const q of set.questions) {
				const id = cardId(set.id, q.id);
				if (known.has(id)) continue;
				unstudied++;
				if (newIds.length < newRoom && (!bury || bury(id))) newIds.push(id);
			}
		}
		this.newHeldBack = Math.max(0, unstudied - newIds.length);
		const { items } = buildQueue({
			due: dueToday,
			newQuestionIds: newIds,
			studiedToday: studied,
			limits: settings
		});
		const queued = new Set(items.map(itemId));
		// Storage is the truth for learning steps: this tab's, an earlier page's, another tab's.
		const later = await learningDueBetween(db, now, this.#dayEnd, this.setId);
		const pending = new Map(this.#pending.map((c) => [c.id, c]));
		for (const c of later) pending.set(c.id, c);
		this.#pending = [...pending.values()]
			.filter((c) => !queued.has(c.id) && this.#questionOf(c.id))
			.sort((a, b) => a.due - b.due);
		this.#queue = items;
	}

	/**
	 * One question per fact a day (siblings, `core/bank/siblings.ts`), as Anki buries: a card
	 * studied today keeps its steps and its siblings wait for tomorrow. The returned test is
	 * asked in queue order (learning, reviews, new): the first card of each fact is today's.
	 */
	#burier(today: readonly ReviewEntry[]): (id: string) => boolean {
		const keyOf = (id: string) => {
			const found = this.#questionOf(id);
			return found ? siblingKey(found.set.id, found.question) : id;
		};
		const studied = new Set(today.map((e) => e.cardId));
		const taken = new Set([...studied].map(keyOf));
		return (id) => {
			if (studied.has(id)) return true;
			const key = keyOf(id);
			if (taken.has(key)) return false;
			taken.add(key);
			return true;
		};
	}

	/** Shows the next card: a learning card whose step has passed, else the queue's head. */
	async #advance(db: Db, fresh: boolean): Promise<void> {
		this.#stopWaiting();
		for (;;) {
			if (this.#destroyed) return;
			const now = this.#now();
			if (now >= this.#dayEnd) {
				// A new study day began mid-session: its limits and due cards apply now.
				await this.#refill(db, now);
				fresh = true;
			}
			const pendingHead = this.#pending[0];
			let item: QueueItem | undefined;
			if (pendingHead && pendingHead.due <= now) {
				this.#pending = this.#pending.slice(1);
				item = { kind: 'learning', card: pendingHead };
			} else if (this.#queue.length > 0) {
				item = this.#queue[0];
				this.#queue = this.#queue.slice(1);
			}
			if (item) {
				if (await this.#showItem(db, item, now)) return;
				continue;
			}
			if (!fresh) {
				// Cards may have come due meanwhile (or been answered in another tab): ask storage.
				await this.#refill(db, now);
				fresh = true;
				continue;
			}
			this.current = undefined;
			if (this.#pending.length > 0) {
				this.#wait(db, this.#pending[0]!.due, now);
				return;
			}
			// A card from an earlier session due in a few minutes (a learning step) is worth
			// waiting for, as with this session's own; anything later ends the session.
			const next = await nextDueAfter(db, now, this.setId);
			if (next !== undefined && next < this.#dayEnd && next - now <= WAIT_AT_MOST_MS) {
				this.#wait(db, next, now);
				return;
			}
			this.nextDue = next;
			this.clock = now;
			this.status = 'done';
			return;
		}
	}

	/** Shows a queued card as storage has it now; false when it is no longer due. */
	async #showItem(db: Db, item: QueueItem, now: number): Promise<boolean> {
		const id = itemId(item);
		const stored = await getCard(db, id);
		let card: StoredCard;
		if (item.kind === 'new') {
			const { setId, questionId } = splitCardId(id);
			card = stored ?? newCard(questionId, setId, now);
		} else {
			if (!stored) return false; // undone elsewhere: it is a new card again, for a later refill
			card = stored;
		}
		// Answered in another tab since the queue was built: not due here any more.
		if (card.due > now) return false;
		return this.#show(card, item.kind);
	}

	#show(card: StoredCard, kind: CardKind): boolean {
		const found = this.#questionOf(card.id);
		if (!found) return false;
		this.current = { card, kind, ...found };
		this.previews = [];
		this.#shownAt = this.#now();
		this.status = 'front';
		// While the front is read, read the days this card could land on.
		this.#reading = this.#readLoad(card, this.#shownAt);
		return true;
	}

	#questionOf(id: string): { set: QuestionSet; question: Question } | undefined {
		const { setId, questionId } = splitCardId(id);
		const entry = this.#sets.get(setId);
		const question = entry?.questions.get(questionId);
		return entry && question ? { set: entry.set, question } : undefined;
	}

	#wait(db: Db, until: number, now: number): void {
		this.waitUntil = until;
		this.clock = now;
		this.status = 'waiting';
		this.#cancelWait = this.#schedule(() => {
			this.#cancelWait = undefined;
			void this.#step(db);
		}, until - now);
		const tick = () => {
			this.clock = this.#now();
			this.#cancelTick = this.#schedule(tick, WAIT_TICK_MS);
		};
		this.#cancelTick = this.#schedule(tick, WAIT_TICK_MS);
	}

	#stopWaiting(): void {
		this.#cancelWait?.();
		this.#cancelTick?.();
		this.#cancelWait = this.#cancelTick = undefined;
		this.waitUntil = undefined;
	}

	/** Fires the wait timer now (tests, and a "Check again" after the page was asleep). */
	async refresh(): Promise<void> {
		if (this.status !== 'waiting' && this.status !== 'done') return;
		await this.#step(await this.#open());
	}
}
