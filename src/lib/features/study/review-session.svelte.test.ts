import { describe, expect, it, vi } from 'vitest';
import type { QuestionSet } from '$lib/core/bank/schema';
import {
	answerCard,
	dayNumber,
	dayStart,
	DEFAULT_SETTINGS,
	newCard,
	Rating,
	State,
	SUSPENDED_DUE,
	type Grade
} from '$lib/core/srs';
import {
	countReviews,
	dueCountsByDay,
	getCard,
	getSet,
	openDb,
	putCards,
	putSrsSettings,
	recordAnswer,
	type Db
} from '$lib/platform/storage';
import { ReviewSession, type ReviewSessionOptions } from './review-session.svelte';

// 2025-01-06 09:00 UTC, a Monday; the tests run in UTC (offset 0), day starts at 04:00.
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const UTC = { offsetMinutes: 0 };

function makeSet(id: string, n: number): QuestionSet {
	return {
		id,
		version: 1,
		title: `Set ${id}`,
		language: 'en',
		questions: Array.from({ length: n }, (_, i) => ({
			id: `q${i + 1}`,
			type: 'flashcard' as const,
			prompt: `Front ${id} ${i + 1}`,
			back: `Back ${id} ${i + 1}`
		}))
	};
}

const BIO = makeSet('bio', 5);

interface Harness {
	session: ReviewSession;
	db: Db;
	clock: { now: number };
	reported: unknown[];
	persisted: number[];
	scheduled: { fn: () => void; at: number }[];
}

async function harness(
	options: Partial<ReviewSessionOptions> & { clock?: { now: number }; db?: Db } = {}
): Promise<Harness> {
	const db = options.db ?? (await openDb());
	const clock = options.clock ?? { now: T0 };
	const reported: unknown[] = [];
	const persisted: number[] = [];
	const scheduled: Harness['scheduled'] = [];
	const session = new ReviewSession({
		setId: 'bio',
		open: async () => db,
		showError: (e) => {
			reported.push(e);
			return 'storage failed';
		},
		now: () => clock.now,
		offsetMinutes: () => 0,
		schedule: (fn, ms) => {
			const entry = { fn, at: clock.now + ms };
			scheduled.push(entry);
			return () => scheduled.splice(scheduled.indexOf(entry), 1);
		},
		persist: async (_db, now) => persisted.push(now),
		...options
	});
	return { session, db, clock, reported, persisted, scheduled };
}

async function rate(s: ReviewSession, rating: Grade) {
	s.reveal();
	expect(s.status).toBe('back');
	await s.answer(rating);
}

const shownId = (s: ReviewSession) => s.current?.card.id;

describe('ReviewSession', () => {
	it('shows new cards in set order and saves each answer with its review', async () => {
		const { session, db, persisted } = await harness();
		await session.start([BIO, makeSet('other', 3)]);
		expect(session.status).toBe('front');
		expect(shownId(session)).toBe('bio/q1');
		expect(session.counts).toEqual({ new: 5, learning: 0, review: 0 });
		expect(session.progress).toEqual({ done: 0, total: 5 });

		session.reveal();
		expect(session.previews.map((p) => p.label)).toEqual(['1m', '6m', '10m', '8d']);
		await session.answer(Rating.Good);
		expect(await getCard(db, 'bio/q1')).toMatchObject({ state: State.Learning, reps: 1 });
		expect(await countReviews(db)).toBe(1);
		expect(shownId(session)).toBe('bio/q2');
		// q1 is learning now: due again in 10 minutes, still counted.
		expect(session.counts).toEqual({ new: 4, learning: 1, review: 0 });
		expect(session.progress).toEqual({ done: 1, total: 6 });
		expect(persisted).toEqual([T0]);

		await rate(session, Rating.Good);
		expect(persisted).toHaveLength(1); // asked once per session, never again
	});

	it('ignores answers before the reveal and rates only once at a time', async () => {
		const { session, db } = await harness();
		await session.start([BIO]);
		await session.answer(Rating.Good);
		expect(await countReviews(db)).toBe(0);
		session.reveal();
		await Promise.all([session.answer(Rating.Good), session.answer(Rating.Easy)]);
		expect(await countReviews(db)).toBe(1);
	});

	it('brings a learning card back when its step has passed, waiting if nothing else is left', async () => {
		const { session, clock, scheduled } = await harness();
		await session.start([makeSet('bio', 1)]);
		await rate(session, Rating.Again);
		expect(session.status).toBe('waiting');
		expect(session.waitUntil).toBe(T0 + MIN);
		expect(session.counts).toEqual({ new: 0, learning: 1, review: 0 });
		expect(scheduled.some((s) => s.at === T0 + MIN)).toBe(true);

		clock.now = T0 + MIN;
		const timer = scheduled.find((s) => s.at === T0 + MIN)!;
		scheduled.splice(scheduled.indexOf(timer), 1);
		timer.fn();
		await vi.waitFor(() => expect(session.status).toBe('front'));
		expect(shownId(session)).toBe('bio/q1');
		expect(session.current?.kind).toBe('learning');

		await rate(session, Rating.Good); // 10m step
		expect(session.status).toBe('waiting');
		expect(session.waitUntil).toBe(T0 + 11 * MIN);
		clock.now = T0 + 11 * MIN;
		await session.refresh();
		await rate(session, Rating.Good); // graduates: due in days
		expect(session.status).toBe('done');
		expect(session.nextDue).toBeGreaterThan(T0 + 20 * HOUR);
		expect(session.summary).toMatchObject({ studied: 3, again: 1 });
		expect(scheduled).toEqual([]); // no timers left behind
	});

	it('returns a learning card before other new cards once it is due', async () => {
		const { session, clock } = await harness();
		await session.start([BIO]);
		await rate(session, Rating.Again); // q1 due at +1m
		clock.now = T0 + 2 * MIN;
		await rate(session, Rating.Good); // q2
		expect(shownId(session)).toBe('bio/q1');
	});

	it('undo restores the exact card and shows it again, counts included', async () => {
		const { session, db, clock } = await harness();
		await session.start([BIO]);
		await rate(session, Rating.Good);
		const q1 = await getCard(db, 'bio/q1');
		clock.now = T0 + 30_000;
		await rate(session, Rating.Hard);
		expect(shownId(session)).toBe('bio/q3');
		expect(session.counts).toEqual({ new: 3, learning: 2, review: 0 });

		expect(session.canUndo).toBe(true);
		await session.undo();
		expect(shownId(session)).toBe('bio/q2');
		expect(session.status).toBe('front');
		expect(await getCard(db, 'bio/q2')).toBeUndefined(); // new again
		expect(session.counts).toEqual({ new: 4, learning: 1, review: 0 });
		expect(session.summary.studied).toBe(1);
		expect(await countReviews(db)).toBe(1);

		await session.undo();
		expect(shownId(session)).toBe('bio/q1');
		expect(session.counts).toEqual({ new: 5, learning: 0, review: 0 });
		expect(session.canUndo).toBe(false);
		expect(await countReviews(db)).toBe(0);

		// Answering again after undo continues in order, and the restored snapshot is exact.
		await rate(session, Rating.Good);
		expect(await getCard(db, 'bio/q1')).toEqual({
			...q1,
			due: q1!.due + 30_000,
			last_review: T0 + 30_000
		});
		expect(shownId(session)).toBe('bio/q2');
	});

	it('undo restores a reviewed card bit for bit', async () => {
		const db = await openDb();
		const first = answerCard(
			newCard('q1', 'bio', T0 - 5 * 24 * HOUR),
			Rating.Easy,
			T0 - 5 * 24 * HOUR,
			{
				...(await import('$lib/core/srs')).DEFAULT_SETTINGS
			}
		);
		await recordAnswer(db, first);
		expect(first.card.state).toBe(State.Review);
		const { session } = await harness({ db, clock: { now: first.card.due + HOUR } });
		await session.start([makeSet('bio', 1)]);
		expect(session.current?.kind).toBe('review');
		expect(session.counts).toEqual({ new: 0, learning: 0, review: 1 });
		await rate(session, Rating.Again);
		expect((await getCard(db, 'bio/q1'))?.lapses).toBe(1);
		await session.undo();
		expect(await getCard(db, 'bio/q1')).toStrictEqual(first.card);
		expect(session.current?.card).toStrictEqual(first.card);
		expect(session.summary).toEqual({ studied: 0, again: 0, timeMs: 0 });
	});

	it('balances load: a review lands on a quiet day, as the pure scheduler says', async () => {
		const db = await openDb();
		const settings = (await import('$lib/core/srs')).DEFAULT_SETTINGS;
		const first = answerCard(
			newCard('q1', 'bio', T0 - 5 * DAY),
			Rating.Easy,
			T0 - 5 * DAY,
			settings
		);
		await recordAnswer(db, first);
		const now = first.card.due + HOUR;
		const today = dayNumber(now, UTC);
		// Another set crowds every other day for ten weeks: 10 cards on each even day.
		const crowd = [];
		for (let d = today + 2; d <= today + 70; d += 2)
			for (let i = 0; i < 10; i++)
				crowd.push({
					...newCard(`c${d}-${i}`, 'other', now),
					state: State.Review,
					due: dayStart(d, UTC) + HOUR
				});
		await putCards(db, crowd);
		const { session } = await harness({ db, clock: { now } });
		await session.start([makeSet('bio', 1)]);
		await session.settled();
		session.reveal();
		const good = session.previews.find((p) => p.rating === Rating.Good)!;
		await session.answer(Rating.Good);
		const due = (await getCard(db, 'bio/q1'))!.due;
		expect(due).toBe(good.due);
		expect((dayNumber(due, UTC) - today) % 2).toBe(1);
		const counts = await dueCountsByDay(db, today, today + 80, UTC);
		const expected = answerCard(first.card, Rating.Good, now, settings, {
			...UTC,
			load: (d) => (d === dayNumber(due, UTC) ? counts.get(d)! - 1 : (counts.get(d) ?? 0))
		});
		expect(due).toBe(expected.card.due);
	});

	it('flags a leech once, with its passage, and suspends it or makes it a cloze', async () => {
		const set: QuestionSet = {
			...makeSet('bio', 2),
			sourceText: 'Cells have parts.\n\nThe mitochondria is the powerhouse of the cell.',
			questions: [
				{
					id: 'q1',
					type: 'short',
					prompt: 'What is the powerhouse of the cell?',
					answers: ['mitochondria'],
					source: { quote: 'The mitochondria is the powerhouse of the cell.' }
				},
				{ id: 'q2', type: 'flashcard', prompt: 'Front', back: 'Back' }
			]
		};
		const db = await openDb();
		const leechy = (id: string) => ({
			...newCard(id, 'bio', T0 - DAY),
			state: State.Review,
			stability: 2,
			difficulty: 9,
			reps: 20,
			lapses: 7,
			scheduled_days: 2,
			last_review: T0 - 2 * DAY,
			due: T0 - HOUR
		});
		await putCards(db, [leechy('q1'), leechy('q2')]);
		const { session } = await harness({ db });
		await session.start([set]);
		expect(shownId(session)).toBe('bio/q1');
		await rate(session, Rating.Again);
		const notice = session.leech!;
		expect(notice.card).toMatchObject({ id: 'bio/q1', lapses: 8, leech: true });
		expect(notice.paragraph).toBe(2);
		expect(notice.cloze?.prompt).toBe('The {{c1::mitochondria}} is the powerhouse of the cell.');

		// Undoing the answer takes the notice back with it; answering again brings it once.
		await session.undo();
		expect(session.leech).toBeUndefined();
		await rate(session, Rating.Again);
		expect(session.leech?.card.id).toBe('bio/q1');

		await session.makeLeechEasier();
		expect(session.leech?.done).toEqual({
			kind: 'easier',
			setId: 'bio-easier',
			title: 'Set bio: easier cards'
		});
		expect((await getCard(db, 'bio/q1'))!.due).toBe(SUSPENDED_DUE);
		const easier = (await getSet(db, 'bio-easier'))!;
		expect(easier.origin).toBe('authored');
		expect(easier.set.questions).toEqual([notice.cloze]);
		session.dismissLeech();

		// The next leech is suspended; undo brings it back; suspending again sticks.
		expect(shownId(session)).toBe('bio/q2');
		await rate(session, Rating.Again);
		expect(session.leech?.cloze).toBeUndefined(); // a flashcard has no quote to blank
		await session.suspendLeech();
		expect((await getCard(db, 'bio/q2'))!.due).toBe(SUSPENDED_DUE);
		await session.unsuspendLeech();
		expect((await getCard(db, 'bio/q2'))!.due).toBeLessThan(T0 + DAY);
		expect(session.leech?.done).toBeUndefined();
		await session.suspendLeech();
		// Neither comes back in this session: nothing is left to wait for.
		expect(session.counts).toEqual({ new: 0, learning: 0, review: 0 });
		expect(session.status).toBe('done');
		expect(session.nextDue).toBeUndefined();
	});

	it('respects the daily limits, counting what was studied earlier today', async () => {
		const db = await openDb();
		await putSrsSettings(db, { newPerDay: 3, reviewsPerDay: 1 });
		// Two new cards introduced at 08:00 today, and two review cards due.
		for (const q of ['q1', 'q2'])
			await recordAnswer(
				db,
				answerCard(newCard(q, 'bio', T0 - HOUR), Rating.Good, T0 - HOUR, {
					...(await import('$lib/core/srs')).DEFAULT_SETTINGS
				})
			);
		const set = makeSet('bio', 10);
		const { session } = await harness({ db, clock: { now: T0 + 2 * HOUR } });
		await session.start([set]);
		// q1, q2 are learning (due since 08:10); 1 new left today (3 − 2) out of 8 unstudied.
		expect(session.counts).toEqual({ new: 1, learning: 2, review: 0 });
		expect(session.newHeldBack).toBe(7);
		for (let i = 0; i < 3; i++) await rate(session, Rating.Easy);
		expect(session.status).toBe('done');
		// Today's totals come from the log: the two answers at 08:00 count too.
		expect(session.summary.studied).toBe(5);
	});

	it('caps reviews by reviewsPerDay', async () => {
		const db = await openDb();
		await putSrsSettings(db, { reviewsPerDay: 2 });
		const { DEFAULT_SETTINGS } = await import('$lib/core/srs');
		const old = T0 - 30 * 24 * HOUR;
		for (let i = 1; i <= 4; i++)
			await recordAnswer(
				db,
				answerCard(newCard(`q${i}`, 'bio', old), Rating.Easy, old, DEFAULT_SETTINGS)
			);
		const { session } = await harness({ db });
		await session.start([makeSet('bio', 4)]);
		expect(session.counts).toEqual({ new: 0, learning: 0, review: 2 });
	});

	it('starts a new study day at 4 am: the limits reset mid-session', async () => {
		const db = await openDb();
		await putSrsSettings(db, { newPerDay: 1 });
		const night = Date.UTC(2025, 0, 6, 3, 50); // 03:50: still Sunday's study day
		const { session, clock } = await harness({ db, clock: { now: night } });
		await session.start([BIO]);
		expect(session.counts.new).toBe(1);
		await rate(session, Rating.Easy);
		expect(session.status).toBe('done');
		expect(session.newHeldBack).toBe(4);

		clock.now = Date.UTC(2025, 0, 6, 4, 5); // Monday's study day
		await session.refresh();
		expect(session.status).toBe('front');
		expect(shownId(session)).toBe('bio/q2');
		expect(session.counts.new).toBe(1);
	});

	it('keeps the card on screen when saving fails, and the retry saves it', async () => {
		const db = await openDb();
		let fail = true;
		const { session, reported } = await harness({
			db,
			open: async () => {
				if (fail) throw new DOMException('full', 'QuotaExceededError');
				return db;
			}
		});
		// Starting needs the database: open once without failing.
		fail = false;
		await session.start([BIO]);
		fail = true;
		session.reveal();
		await session.answer(Rating.Good);
		expect(reported).toHaveLength(1);
		expect(session.saveError).toBe('storage failed');
		expect(session.status).toBe('back');
		expect(shownId(session)).toBe('bio/q1');
		expect(session.summary.studied).toBe(0);
		expect(await countReviews(db)).toBe(0);

		fail = false;
		await session.answer(Rating.Good);
		expect(session.saveError).toBeUndefined();
		expect(await countReviews(db)).toBe(1);
		expect(shownId(session)).toBe('bio/q2');
	});

	it('says why when the session cannot start', async () => {
		const { session } = await harness({
			open: () => Promise.reject(new Error('no db'))
		});
		await session.start([BIO]);
		expect(session.status).toBe('error');
		expect(session.error).toBe('storage failed');
	});

	it('two tabs answering at once lose no review and skip cards the other answered', async () => {
		const db = await openDb();
		const a = await harness({ db });
		const b = await harness({ db });
		await a.session.start([BIO]);
		await b.session.start([BIO]);
		// Both show q1; both answer it at once. Both answers are logged.
		a.session.reveal();
		b.session.reveal();
		await Promise.all([a.session.answer(Rating.Good), b.session.answer(Rating.Good)]);
		expect(await countReviews(db)).toBe(2);
		await rate(a.session, Rating.Good); // a: q2
		expect(shownId(a.session)).toBe('bio/q3');
		await rate(b.session, Rating.Good); // b: q2, on screen before a answered it
		expect(await countReviews(db)).toBe(4);
		// Both queues move on to q3 (neither answered it yet), and every answer is kept.
		expect(shownId(b.session)).toBe('bio/q3');
		await Promise.all([rate(a.session, Rating.Again), rate(b.session, Rating.Hard)]);
		expect(await countReviews(db)).toBe(6);
		expect(await getCard(db, 'bio/q3')).toBeDefined();
	});

	it('skips a queued card another tab answered before it came up', async () => {
		const db = await openDb();
		const a = await harness({ db });
		const b = await harness({ db });
		await a.session.start([BIO]);
		await b.session.start([BIO]);
		await rate(a.session, Rating.Good); // q1
		await rate(a.session, Rating.Good); // q2
		await rate(b.session, Rating.Good); // b: q1 (already on screen)
		expect(shownId(b.session)).toBe('bio/q3'); // q2 was answered in a: skipped
	});

	it('studies all sets when no set is given', async () => {
		const { session } = await harness({ setId: undefined });
		await session.start([makeSet('a', 2), makeSet('b', 2)]);
		expect(session.counts.new).toBe(4);
		const seen: string[] = [];
		while (session.status === 'front') {
			seen.push(shownId(session)!);
			await rate(session, Rating.Easy);
		}
		expect(seen).toEqual(['a/q1', 'a/q2', 'b/q1', 'b/q2']);
		expect(session.status).toBe('done');
	});

	it('a new session picks up the learning cards due later today and the day totals', async () => {
		const db = await openDb();
		const set = makeSet('bio', 3);
		const first = await harness({ db });
		await first.session.start([set]);
		await rate(first.session, Rating.Again); // q1: learning, due in a minute
		first.session.destroy();
		// A reload ten seconds later: q1 is not due yet, but it belongs to this session.
		const second = await harness({ db, clock: { now: T0 + 10_000 } });
		await second.session.start([set]);
		expect(second.session.counts).toEqual({ new: 2, learning: 1, review: 0 });
		expect(second.session.summary).toMatchObject({ studied: 1, again: 1 });
		second.clock.now += MIN;
		await rate(second.session, Rating.Easy); // q2
		expect(shownId(second.session)).toBe('bio/q1');
	});

	it('counts time per card, at most a minute each', async () => {
		const { session, clock } = await harness();
		await session.start([BIO]);
		clock.now += 20_000;
		await rate(session, Rating.Easy);
		clock.now += 10 * MIN;
		await rate(session, Rating.Easy);
		expect(session.summary.timeMs).toBe(80_000);
	});

	it('says when nothing is due and when the next card is', async () => {
		const db = await openDb();
		const { DEFAULT_SETTINGS } = await import('$lib/core/srs');
		const r = answerCard(newCard('q1', 'bio', T0), Rating.Easy, T0, DEFAULT_SETTINGS);
		await recordAnswer(db, r);
		const { session } = await harness({ db, clock: { now: T0 + HOUR } });
		await session.start([makeSet('bio', 1)]);
		expect(session.status).toBe('done');
		expect(session.nextDue).toBe(r.card.due);
		// The answer an hour ago was today's: the summary says so.
		expect(session.summary.studied).toBe(1);
	});
});

describe('ReviewSession.start with a loader', () => {
	it('loads the sets, and says why when they cannot be loaded', async () => {
		const ok = await harness();
		await ok.session.start(async () => [BIO]);
		expect(ok.session.status).toBe('front');
		const bad = await harness();
		await bad.session.start(() => Promise.reject(new Error('Could not load the list of sets')));
		expect(bad.session.status).toBe('error');
		expect(bad.session.error).toBe('Could not load the list of sets');
		expect(bad.reported).toEqual([]);
	});
});

describe('ReviewSession waiting for a card from an earlier session', () => {
	it('waits for a learning card due in a few minutes instead of ending', async () => {
		const db = await openDb();
		const { DEFAULT_SETTINGS } = await import('$lib/core/srs');
		const r = answerCard(newCard('q1', 'bio', T0), Rating.Again, T0, DEFAULT_SETTINGS);
		await recordAnswer(db, r);
		const { session, clock } = await harness({ db, clock: { now: T0 + 10_000 } });
		await session.start([makeSet('bio', 1)]);
		expect(session.status).toBe('waiting');
		expect(session.waitUntil).toBe(T0 + MIN);
		clock.now = T0 + MIN;
		await session.refresh();
		expect(session.status).toBe('front');
		expect(session.current?.kind).toBe('learning');
	});
});

describe('ReviewSession with two tabs on one card', () => {
	it('counts both answers and undoes only its own, saying why when it cannot', async () => {
		const a = await harness();
		const b = await harness({ db: a.db, clock: a.clock });
		await a.session.start([BIO]);
		await b.session.start([BIO]);
		expect(shownId(a.session)).toBe('bio/q1');
		expect(shownId(b.session)).toBe('bio/q1');

		await rate(a.session, Rating.Good);
		a.clock.now += 1000;
		// B still shows q1 as new; its answer builds on A's, not on what B showed.
		await rate(b.session, Rating.Easy);
		expect((await getCard(a.db, 'bio/q1'))?.reps).toBe(2);
		expect(await countReviews(a.db)).toBe(2);

		await a.session.undo();
		expect(a.session.undoNotice).toMatch(/answered again in another tab/);
		expect(await countReviews(a.db)).toBe(2);
		expect(a.session.canUndo).toBe(false);

		await b.session.undo();
		expect(b.session.undoNotice).toBeUndefined();
		expect(shownId(b.session)).toBe('bio/q1');
		expect((await getCard(a.db, 'bio/q1'))?.reps).toBe(1);
	});

	it('saves an answer when the clock is behind the card’s last review', async () => {
		const { session, db, reported } = await harness();
		const later = T0 + 3 * 24 * HOUR;
		const ahead = answerCard(newCard('q1', 'bio', later), Rating.Again, later, DEFAULT_SETTINGS);
		// Due now, but last answered "in 3 days" (a phone set ahead, then corrected).
		await recordAnswer(db, { ...ahead, card: { ...ahead.card, due: T0 - MIN } });
		await session.start([BIO]);
		expect(shownId(session)).toBe('bio/q1');
		await rate(session, Rating.Good);
		expect(reported).toEqual([]);
		expect(session.saveError).toBeUndefined();
		const card = await getCard(db, 'bio/q1');
		expect(card?.reps).toBe(2);
		expect(card?.last_review).toBe(later);
	});
});
