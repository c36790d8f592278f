// The review log split between its pages (written by a restore) and the `reviews` store
// (answers since): every reader and writer sees one log in id order.
import { describe, expect, it } from 'vitest';
import { Rating, type ReviewEntry } from '../../core/srs/card';
import { answerCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { openDb, type Db } from './db';
import { exportBackup, importBackup, planRestore, type Backup } from './backup';
import { scaleBackup } from './backup-fixture';
import { byTime, pageKey, PAGE_SIZE } from './review-pages';
import { numberReviews, packReviews } from './review-page-writes';
import { countReviews, hasReviews, lastReview, reviewsForCard, reviewsSince } from './review-log';
import { recordAnswer, undoLastReview } from './reviews';
import { progressForSet } from './set-progress';
import { deleteSet } from './set-delete';
import { checkDatabase, isClean } from './check';
import { allTallies } from './tallies';
import { getCard } from './cards';
import { answer, cardCountsNow, damageCard, DAY, loggedTallies, readLog, T0 } from './test-helpers';

const REVIEWS = 3 * PAGE_SIZE + 217;

const backup = (): Backup =>
	scaleBackup({
		now: T0,
		cards: 400,
		reviews: REVIEWS,
		bundled: { id: 'bio', questionIds: Array.from({ length: 40 }, (_, i) => `q${i}`) },
		authoredQuestions: 160,
		decks: 2,
		days: 120
	});

let n = 0;
async function restored(): Promise<{ db: Db; file: Backup }> {
	const db = await openDb({ name: `pages-${n++}` });
	const file = backup();
	await importBackup(db, JSON.stringify(file), { now: T0 });
	return { db, file };
}

async function expectInStep(db: Db) {
	const tallies = await allTallies(db);
	expect(tallies.length).toBeGreaterThan(100);
	expect(tallies).toEqual(await loggedTallies(db));
	const counts = await cardCountsNow(db);
	expect(counts.stored).toEqual(counts.expected);
}

const replay = (e: ReviewEntry) =>
	answerCard(e.before, e.rating, e.reviewedAt, DEFAULT_SETTINGS).card;

/** Stores `change(page)` in place of the page at `index` (its key may change with it). */
async function editPage(db: Db, index: number, change: (entries: ReviewEntry[]) => void) {
	const page = (await db.getAll('reviewPages'))[index]!;
	await db.delete('reviewPages', pageKey(page));
	change(page.entries);
	await db.put('reviewPages', page);
}

describe('numbering and packing a backup log', () => {
	it('gives entries without an id the next ids after every id in the file, in id order', () => {
		const e = (id?: number) => ({ id, reviewedAt: id ?? 0 }) as ReviewEntry;
		const numbered = numberReviews([e(7), e(), e(3), e()]);
		expect(numbered.map((r) => r.id)).toEqual([3, 7, 8, 9]);
		const sorted = [e(1), e(2)];
		expect(numberReviews(sorted)).toEqual(sorted);
	});

	it('packs PAGE_SIZE entries a page with the key and sets a reader needs', () => {
		const entries = Array.from(
			{ length: PAGE_SIZE + 2 },
			(_, i) => ({ id: i + 1, setId: i % 2 ? 'a' : 'b', reviewedAt: 1000 - i }) as ReviewEntry
		);
		const pages = packReviews(entries);
		expect(pages.map(pageKey)).toEqual([
			[1, PAGE_SIZE, 1000],
			[PAGE_SIZE + 1, 2, 1000 - PAGE_SIZE]
		]);
		expect(pages[0]!.sets.sort()).toEqual(['a', 'b']);
		expect(pages.flatMap((p) => p.entries)).toEqual(entries);
	});
});

describe('a restored log', () => {
	it('is written as pages, and reads back as the file held it', async () => {
		const { db, file } = await restored();
		expect(await db.count('reviews')).toBe(0);
		const pages = await db.getAll('reviewPages');
		expect(pages.map((p) => p.count)).toEqual([PAGE_SIZE, PAGE_SIZE, PAGE_SIZE, 217]);
		expect(await readLog(db)).toEqual(file.stores.reviews);
		expect(JSON.parse(await exportBackup(db)).stores.reviews).toEqual(file.stores.reviews);
		await expectInStep(db);
		db.close();
	});

	it('is the same from a plan made when the file was checked, even days before', async () => {
		const stores = [
			'cards',
			'reviewPages',
			'reviewTallies',
			'cardCounts',
			'meta',
			'sets',
			'cardPacks'
		] as const;
		const dump = async (db: Db) => Promise.all(stores.map((s) => db.getAll(s)));
		const file = backup();
		// The day after, and a month after: the tallies kept and the counts' detail move.
		for (const later of [0, DAY, 30 * DAY]) {
			const [planned, direct] = await Promise.all([
				openDb({ name: `pages-${n++}` }),
				openDb({ name: `pages-${n++}` })
			]);
			await importBackup(planned, planRestore(file, T0), { now: T0 + later });
			await importBackup(direct, file, { now: T0 + later });
			const [a, b] = await Promise.all([dump(planned), dump(direct)]);
			expect(a).toEqual(b);
			// Not a test that cannot fail: the time moves what is written.
			if (later === 30 * DAY) {
				const early = await openDb({ name: `pages-${n++}` });
				await importBackup(early, file, { now: T0 });
				expect((await dump(early))[2]).not.toEqual(a[2]);
				expect((await dump(early))[3]).not.toEqual(a[3]);
				early.close();
			}
			planned.close();
			direct.close();
		}
	});

	it('answers after it get later ids, and every reader sees both parts as one log', async () => {
		const { db, file } = await restored();
		const last = file.stores.reviews.at(-1)!;
		const card = (await getCard(db, last.cardId))!;
		const key = await recordAnswer(db, answer(card, Rating.Good, T0 + DAY));
		expect(key).toBe(last.id! + 1);
		const log = await readLog(db);
		expect(log).toHaveLength(REVIEWS + 1);
		expect(await countReviews(db)).toBe(REVIEWS + 1);
		expect(await hasReviews(db)).toBe(true);
		expect(await reviewsSince(db, 0)).toEqual([...log].sort(byTime));
		const from = T0 - 30 * DAY;
		const to = T0 - 10 * DAY;
		const window = log.filter((e) => e.reviewedAt >= from && e.reviewedAt < to).sort(byTime);
		expect(window.length).toBeGreaterThan(10);
		expect(await reviewsSince(db, from, to)).toEqual(window);
		expect((await lastReview(db))?.id).toBe(key);
		// A set with no answer since the restore: its latest is in a page.
		const other = log.findLast((e) => e.setId !== last.setId)!;
		expect(await lastReview(db, other.setId)).toEqual(other);
		expect(await reviewsForCard(db, last.cardId)).toEqual(
			log.filter((e) => e.cardId === last.cardId)
		);
		expect((await progressForSet(db, other.setId)).reviews).toEqual(
			log.filter((e) => e.setId === other.setId)
		);
		// Export → restore → export is still byte-identical with both parts.
		const text = await exportBackup(db);
		await importBackup(db, text, { now: T0 });
		expect(await exportBackup(db)).toBe(text);
		db.close();
	});

	it('loses a deleted set’s answers from its pages, and keeps every other', async () => {
		const { db, file } = await restored();
		const setId = 'scale-authored';
		const card = (await getCard(db, file.stores.reviews.find((e) => e.setId === setId)!.cardId))!;
		await recordAnswer(db, answer(card, Rating.Again, T0 + DAY));
		await deleteSet(db, setId, { withProgress: true });
		expect(await readLog(db)).toEqual(file.stores.reviews.filter((e) => e.setId !== setId));
		for (const page of await db.getAll('reviewPages')) {
			expect(page.sets).not.toContain(setId);
			expect(page.count).toBe(page.entries.length);
		}
		await expectInStep(db);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('undoes its latest answer (in a set) from a page when nothing was answered since', async () => {
		const { db, file } = await restored();
		const latest = file.stores.reviews.findLast((e) => e.setId === 'bio')!;
		const undone = await undoLastReview(db, 'bio');
		expect(undone?.review).toEqual(latest);
		expect(await readLog(db)).toEqual(file.stores.reviews.filter((e) => e !== latest));
		expect(await getCard(db, latest.cardId)).toEqual(undone?.card);
		await expectInStep(db);
		db.close();
	});
});

describe('Check database on a restored log', () => {
	it('mends and removes damaged paged answers, then finds nothing', async () => {
		const { db, file } = await restored();
		await editPage(db, 1, (entries) => {
			entries[3] = { ...entries[3]!, elapsedDays: NaN }; // mendable
			entries[4] = { ...entries[4]!, before: null } as never; // not: no snapshot
		});
		const report = await checkDatabase(db, { replay });
		expect(report).toMatchObject({ mendedReviews: 1, invalidReviews: 1 });
		const log = await readLog(db);
		expect(log).toHaveLength(REVIEWS - 1);
		expect(log.find((e) => e.id === file.stores.reviews[PAGE_SIZE + 3]!.id)?.elapsedDays).toBe(0);
		await expectInStep(db);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('rebuilds a lost card from its paged answers, and repairs a page’s stale key and sets', async () => {
		const { db, file } = await restored();
		const entry = file.stores.reviews[10]!;
		const card = (await getCard(db, entry.cardId))!;
		await damageCard(db, entry.cardId, () => undefined);
		const page = (await db.getAll('reviewPages'))[2]!;
		await db.delete('reviewPages', pageKey(page));
		await db.put('reviewPages', { ...page, latest: 1, sets: ['nowhere'] });
		const report = await checkDatabase(db, { replay });
		expect(report.rebuiltCards).toBe(1);
		expect(await getCard(db, entry.cardId)).toEqual(card);
		expect((await db.getAll('reviewPages'))[2]).toEqual(page);
		expect(await readLog(db)).toEqual(file.stores.reviews);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('removes the paged answers of a card it cannot rebuild, off the stats with them', async () => {
		const { db, file } = await restored();
		const entry = file.stores.reviews[10]!;
		await damageCard(db, entry.cardId, () => undefined);
		const report = await checkDatabase(db); // no scheduler: nothing to rebuild with
		const gone = file.stores.reviews.filter((e) => e.cardId === entry.cardId);
		expect(report.orphanReviews).toBe(gone.length);
		expect(await readLog(db)).toEqual(file.stores.reviews.filter((e) => e.cardId !== entry.cardId));
		await expectInStep(db);
		expect(isClean(await checkDatabase(db))).toBe(true);
		db.close();
	});
});
