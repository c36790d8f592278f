import { describe, expect, it } from 'vitest';
import { Rating, type ReviewEntry } from '../../core/srs/card';
import { answerCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { openDb } from './db';
import {
	CheckCancelledError,
	checkDatabase,
	isClean,
	sameNumbers,
	type CheckProgress
} from './check';
import { allTallies } from './tallies';
import { sameTally, tallyEntries, type ReviewTally } from '../../core/srs/tally-record';
import fc from 'fast-check';
import { fcOptions } from '../../core/fc-options';
import { getCard } from './cards';
import { recordAnswer } from './reviews';
import { countReviews, reviewsForCard } from './review-log';
import { answer, cardCountsNow, fresh, loggedTallies, SAMPLE_SET, T0 } from './test-helpers';
import { emptyCount, Span } from '../../core/srs/card-count';
import { StoredCardSchema } from './validators';
import { suspend } from './leeches';
import * as v from 'valibot';

const DAY = 86_400_000;

const replay = (e: ReviewEntry) =>
	answerCard(e.before, e.rating, e.reviewedAt, DEFAULT_SETTINGS).card;

describe('checkDatabase', () => {
	it('repairs what it finds, keeps every answer, and a second run finds nothing', async () => {
		const db = await openDb();
		const a = answer(fresh('a'), Rating.Good, T0);
		const b = answer(fresh('b'), Rating.Good, T0);
		const c = answer(fresh('c'), Rating.Good, T0);
		await recordAnswer(db, a);
		await recordAnswer(db, b);
		await recordAnswer(db, c);
		// Corruptions: NaN due, a card whose log entry is gone, a missing leech flag, a
		// broken log entry, bad settings and a wrong schema version.
		await db.put('cards', { ...a.card, due: NaN });
		await db.put('cards', { ...c.card, lapses: 9 });
		await db.add('reviews', { ...b.review, reviewedAt: Infinity });
		await db.put('settings', { desiredRetention: 2 }, 'srs');
		await db.put('meta', 0, 'schemaVersion');
		await db.put('cardCounts', { ...emptyCount('gone', Span.Quarter, 5), all: 1 });
		const total = (await db.get('cardCounts', ['bio', Span.Total, 0]))!;
		await db.put('cardCounts', { ...total, all: total.all + 1 });

		const report = await checkDatabase(db, new Map([['bio', new Set(['a', 'c'])]]));
		expect(report).toEqual({
			invalidCards: 0,
			rebuiltCards: 0,
			mendedCards: 1, // a: no scheduler given; its due date becomes its last review
			invalidReviews: 0,
			mendedReviews: 1, // b's second entry: its time comes from its snapshot
			orphanReviews: 0,
			orphanMedia: 0,
			leechFlags: 1,
			meta: 2,
			tallies: 1, // b's second entry was written straight to the log, not counted
			cardCounts: 2, // a count of no card, and a set total off by one
			unknownQuestions: 1 // bio/b
		});
		expect(await getCard(db, 'bio/a')).toEqual({ ...a.card, due: a.card.last_review });
		expect((await getCard(db, 'bio/c'))?.leech).toBe(true);
		expect(await countReviews(db)).toBe(4);
		const counts = await cardCountsNow(db);
		expect(counts.stored).toEqual(counts.expected);
		const again = await checkDatabase(db);
		expect(isClean(again)).toBe(true);
		expect(again.unknownQuestions).toBe(0);
		db.close();
	});

	it('rebuilds a poisoned card and a missing one from their latest answers', async () => {
		const db = await openDb();
		// What one answer to a card restored with last_review 1e300 stored before the fix.
		const first = answer(fresh('p'), Rating.Good, T0);
		await recordAnswer(db, first);
		const poisoned = { ...first.card, last_review: 1e300 };
		await recordAnswer(db, {
			card: { ...poisoned, stability: NaN, elapsed_days: NaN, reps: 2 },
			review: { ...first.review, before: poisoned, elapsedDays: NaN, reviewedAt: T0 + 1 }
		});
		// A card whose row was lost while its answers stayed.
		const lost = answer(fresh('l'), Rating.Easy, T0);
		await recordAnswer(db, lost);
		await db.delete('cards', 'bio/l');

		const report = await checkDatabase(db, { replay });
		expect(report).toMatchObject({
			rebuiltCards: 2,
			mendedReviews: 1,
			invalidCards: 0,
			invalidReviews: 0,
			orphanReviews: 0
		});
		const p = await getCard(db, 'bio/p');
		expect(v.is(StoredCardSchema, p)).toBe(true);
		expect(await reviewsForCard(db, 'bio/p')).toHaveLength(2);
		expect(await getCard(db, 'bio/l')).toEqual(lost.card);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('leaves settings saved before newer fields existed, and suspended cards, alone', async () => {
		const db = await openDb();
		const a = answer(fresh('a'), Rating.Good, T0);
		await recordAnswer(db, a);
		await suspend(db, a.card.id);
		const older = {
			desiredRetention: 0.85,
			newPerDay: 10,
			reviewsPerDay: 100,
			learningSteps: ['1m', '10m'],
			relearningSteps: ['10m'],
			maximumInterval: 365,
			leechThreshold: 8
		};
		await db.put('settings', older, 'srs');
		expect(isClean(await checkDatabase(db))).toBe(true);
		expect(await db.get('settings', 'srs')).toEqual(older);
		expect((await getCard(db, 'bio/a'))?.suspendedDue).toBe(a.card.due);
		db.close();
	});

	it('judges unknown questions by sets still loading, and judges none if they fail to', async () => {
		const db = await openDb();
		for (const q of ['a', 'b', 'c']) await recordAnswer(db, answer(fresh(q), Rating.Good, T0));
		let loaded!: (known: Map<string, Set<string>>) => void;
		const known = new Promise<Map<string, Set<string>>>((resolve) => (loaded = resolve));
		const check = checkDatabase(db, { knownQuestionIds: known });
		// The whole check waits for the sets only at its end.
		setTimeout(() => loaded(new Map([['bio', new Set(['a'])]])), 20);
		expect((await check).unknownQuestions).toBe(2);

		// Given a function, it is handed the sets stored on this device.
		const set = { ...SAMPLE_SET, questions: [{ ...SAMPLE_SET.questions[0]!, id: 'b' }] };
		await db.put('sets', { set, updatedAt: T0, origin: 'authored' });
		const byStored = await checkDatabase(db, {
			knownQuestionIds: (stored) =>
				new Map(stored.map((s) => [s.set.id, new Set(s.set.questions.map((q) => q.id))]))
		});
		expect(byStored.unknownQuestions).toBe(2); // a and c

		const failing = Promise.reject(new Error('offline'));
		const report = await checkDatabase(db, { knownQuestionIds: failing });
		expect(report.unknownQuestions).toBe(0);
		expect(isClean(report)).toBe(true);
		db.close();
	});

	it('gives the progress bar a true total even when log keys lie far apart', async () => {
		const db = await openDb();
		const a = answer(fresh('a'), Rating.Good, T0);
		await recordAnswer(db, a);
		// A later answer to the same card under a key far from the first (a hand-made backup).
		const later = answer(a.card, Rating.Good, T0 + DAY);
		await recordAnswer(db, later);
		const [, second] = await db.getAll('reviews');
		await db.delete('reviews', second!.id!);
		await db.put('reviews', { ...second!, id: 50_000_000 });
		const seen: CheckProgress[] = [];
		expect(isClean(await checkDatabase(db, { onProgress: (p) => seen.push(p) }))).toBe(true);
		// Two answers and one card, not fifty million.
		expect(Math.max(...seen.map((p) => p.total))).toBe(3);
		db.close();
	});

	it('reads in chunks with progress, and a cancelled check repairs nothing', async () => {
		const db = await openDb();
		const answers = ['a', 'b', 'c', 'd', 'e'].map((q) => answer(fresh(q), Rating.Good, T0));
		for (const a of answers) await recordAnswer(db, a);
		// Damage spread over several chunks: the last card and the middle log entry.
		await db.put('cards', { ...answers[4]!.card, due: NaN });
		const middle = (await db.getAllKeys('reviews'))[2]!;
		await db.put('reviews', { ...(await db.get('reviews', middle))!, elapsedDays: NaN });
		const stored = async () =>
			JSON.stringify([await db.getAll('cards'), await db.getAll('reviews')]);
		const damaged = await stored();

		const controller = new AbortController();
		const seen: CheckProgress[] = [];
		const cancelled = checkDatabase(db, {
			replay,
			chunk: 2,
			signal: controller.signal,
			onProgress: (p) => {
				seen.push(p);
				if (p.done >= 4) controller.abort();
			}
		});
		await expect(cancelled).rejects.toBeInstanceOf(CheckCancelledError);
		expect(await stored()).toBe(damaged);

		seen.length = 0;
		const report = await checkDatabase(db, { replay, chunk: 2, onProgress: (p) => seen.push(p) });
		expect(report).toMatchObject({ rebuiltCards: 1, mendedReviews: 1 });
		// 5 log entries and 5 cards, two at a time: 0, 2, 4, 5, then the cards.
		expect(seen.map((p) => p.done)).toEqual([0, 2, 4, 5, 7, 9, 10, 10]);
		expect(seen.every((p) => p.total === 10)).toBe(true);
		expect(isClean(await checkDatabase(db, { replay, chunk: 2 }))).toBe(true);
		db.close();
	});

	it('removes the answers of a card that is gone for good, and takes them off the totals', async () => {
		const db = await openDb();
		// Two cards answered in the same quarter hour and one later: the gone card shares a
		// tally with a kept one, and has one of its own.
		const a = answer(fresh('a'), Rating.Good, T0);
		const g = answer(fresh('g'), Rating.Again, T0 + 60_000);
		const g2 = answer(g.card, Rating.Good, T0 + 3 * DAY);
		for (const x of [a, g, g2]) await recordAnswer(db, x);
		await db.delete('cards', 'bio/g');

		// No scheduler to rebuild it with: its answers cannot be kept.
		const report = await checkDatabase(db);
		expect(report).toMatchObject({ orphanReviews: 2, rebuiltCards: 0, tallies: 2 });
		expect(await reviewsForCard(db, 'bio/g')).toEqual([]);
		expect(await allTallies(db)).toEqual(await loggedTallies(db));
		expect((await allTallies(db)).map((t) => t.count)).toEqual([1]);
		expect(isClean(await checkDatabase(db))).toBe(true);

		// A tally too damaged to compare is recounted, not a failed check.
		const [tally] = await allTallies(db);
		await db.put('reviewTallies', { ...tally!, cards: null as never });
		expect((await checkDatabase(db)).tallies).toBe(1);
		expect(await allTallies(db)).toEqual([tally]);
		db.close();
	});

	it('judges stored tallies exactly as sameTally does', () => {
		const entries = fc.array(
			fc.record({
				q: fc.constantFrom('a', 'b', 'c'),
				rating: fc.constantFrom(Rating.Again, Rating.Good),
				minutes: fc.integer({ min: 0, max: 40 }),
				days: fc.integer({ min: 0, max: 120 })
			}),
			{ minLength: 1, maxLength: 12 }
		);
		const tricky = fc.constantFrom<unknown>(
			0,
			1,
			2,
			-0,
			NaN,
			null,
			'1',
			undefined,
			[],
			{},
			[1, 1],
			[1]
		);
		const damage = fc.constantFrom(
			'none',
			'count',
			'again',
			'reviews',
			'passed',
			'cards',
			'card',
			'sets',
			'set',
			'extra',
			'drop',
			'longer',
			'reorder'
		);
		let withCards = 0;
		fc.assert(
			fc.property(entries, damage, tricky, (list, how, value) => {
				// Cards in the Review state, so the tallies count them per card and set.
				const log = list.map(({ q, rating, minutes, days }) => {
					let card = fresh(q);
					for (const d of [0, 1, 4, 12]) card = answer(card, Rating.Good, T0 + d * DAY).card;
					return answer(card, rating, T0 + (40 + days) * DAY + minutes * 60_000).review;
				});
				const right = tallyEntries(log)[0]!;
				const t = structuredClone(right) as unknown as Record<string, unknown>;
				const cards = t.cards as Record<string, unknown>;
				const sets = t.sets as Record<string, unknown>;
				const first = Object.keys(cards)[0];
				if (first) withCards++;
				if (how === 'count' || how === 'again') t[how] = value;
				if (how === 'reviews' || how === 'passed') (t[how] as unknown[])[1] = value;
				if (how === 'cards' || how === 'sets') t[how] = value;
				if (how === 'card' && first) cards[first] = value;
				if (how === 'set') sets.bio = value;
				if (how === 'extra') cards['bio/z'] = [1, 1];
				if (how === 'drop' && first) delete cards[first];
				if (how === 'longer') (t.reviews as unknown[]).push(value);
				if (how === 'reorder') t.cards = Object.fromEntries(Object.entries(cards).reverse());
				const stored = t as unknown as ReviewTally;
				let same: boolean;
				try {
					same = sameTally(stored, right);
				} catch {
					same = false; // a tally sameTally cannot even read is wrong
				}
				expect(sameNumbers(stored, right)).toBe(same);
			}),
			fcOptions(2000)
		);
		expect(withCards).toBeGreaterThan(1000);
	});
});
