// The card counts stay equal to a recount of the cards through every way cards are
// written, and the counts Home and Stats read from them equal the index counts they
// replace, to the millisecond.
import { describe, expect, it } from 'vitest';
import { Rating, State, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import { COUNT_SLOT_MS, DETAIL_WEEK_META, Span, WEEK_SLOTS } from '../../core/srs/card-count';
import { openDb, type Db } from './db';
import { cardIdsForSet, cardsForSet, countCards, countDue } from './cards';
import { putCards } from './card-writes';
import { dueBySet, setTotals } from './card-counts';
import { studiedDueBySet } from './studied-due';
import { answerStoredCard, undoReview } from './answer';
import { recordAnswer, undoLastReview } from './reviews';
import { replaceWithEasier, suspend, unsuspend, unsuspendAll } from './leeches';
import { rescheduleDueBetween } from './reschedule';
import { saveImportedSets } from './imported-sets';
import { putSet } from './sets';
import { deleteSet } from './set-delete';
import { exportBackup, importBackup, wipeDatabase } from './backup';
import { answer, cardCountsNow, DAY, fresh, SAMPLE_SET, T0 } from './test-helpers';

let n = 0;
const open = () => openDb({ name: `counts-${n++}` });

async function expectInStep(db: Db) {
	const { stored, expected } = await cardCountsNow(db);
	expect(stored).toStrictEqual(expected);
}

/** A few answered cards in two sets, due at different times. */
async function seeded(): Promise<Db> {
	const db = await open();
	const cards: StoredCard[] = [];
	for (let i = 0; i < 12; i++) {
		let card = fresh(`q${i}`, i % 2 ? 'bio' : 'chem', T0);
		for (let k = 0; k <= i % 4; k++) card = answer(card, Rating.Good, T0 + k * DAY).card;
		cards.push(card);
	}
	await putCards(db, cards);
	return db;
}

describe('card counts', () => {
	it('follow answers, undo and the undo of a first answer', async () => {
		const db = await seeded();
		await expectInStep(db);
		const first = await answerStoredCard(db, 'bio/new', (stored) =>
			answer(stored ?? fresh('new', 'bio'), Rating.Good, T0 + DAY)
		);
		const again = await answerStoredCard(db, 'bio/q1', (stored) =>
			answer(stored!, Rating.Again, T0 + 9 * DAY)
		);
		await expectInStep(db);
		expect((await undoReview(db, again.key)).status).toBe('undone');
		await expectInStep(db);
		expect((await undoReview(db, first.key)).status).toBe('undone');
		await expectInStep(db);
		const key = await recordAnswer(db, answer(fresh('q99', 'chem'), Rating.Easy, T0));
		expect(key).toBeGreaterThan(0);
		await expectInStep(db);
		await undoLastReview(db, 'chem');
		await expectInStep(db);
		expect((await setTotals(db, ['chem'])).get('chem')!.all).toBe(6);
	});

	it('follow suspending, bringing back and rescheduling', async () => {
		const db = await seeded();
		await suspend(db, 'bio/q1');
		await suspend(db, 'chem/q2');
		await expectInStep(db);
		await unsuspend(db, 'bio/q1');
		await expectInStep(db);
		await replaceWithEasier(db, 'bio/q3', { ...SAMPLE_SET, id: 'bio-easier' }, T0);
		await expectInStep(db);
		expect(await unsuspendAll(db)).toBe(2);
		await expectInStep(db);
		const moved = await rescheduleDueBetween(db, 0, SUSPENDED_DUE, (cards) =>
			cards.slice(0, 5).map((c) => ({ ...c, due: c.due + 3 * DAY }))
		);
		expect(moved).toBe(5);
		await expectInStep(db);
	});

	it('follow imports over existing cards, set deletion, restore and erase', async () => {
		const db = await seeded();
		const text = await exportBackup(db);
		const replaced = answer(fresh('q1', 'bio'), Rating.Again, T0 + 2 * DAY);
		await saveImportedSets(
			db,
			[SAMPLE_SET],
			{ cards: [replaced.card, answer(fresh('q50', 'bio'), Rating.Good, T0).card], reviews: [] },
			T0
		);
		await expectInStep(db);
		await putSet(db, { ...SAMPLE_SET, id: 'chem' }, 'authored', T0);
		await deleteSet(db, 'chem', { withProgress: true });
		await expectInStep(db);
		expect(await db.getAll('cardCounts', IDBKeyRange.bound(['chem'], ['chem', []]))).toEqual([]);
		await importBackup(db, text);
		await expectInStep(db);
		// How this device built its counts never travels in a backup file.
		expect(await db.get('meta', DETAIL_WEEK_META)).toBeTypeOf('number');
		expect(await exportBackup(db)).toBe(text);
		expect(text).not.toContain(DETAIL_WEEK_META);
		expect((await setTotals(db, ['chem'])).get('chem')!.all).toBe(6);
		await wipeDatabase(db);
		expect(await db.count('cardCounts')).toBe(0);
	});

	it('say how many are due exactly as an index count does, to the millisecond', async () => {
		const db = await open();
		const base = Math.floor(T0 / COUNT_SLOT_MS) * COUNT_SLOT_MS;
		const WEEK = WEEK_SLOTS * COUNT_SLOT_MS;
		const week = Math.floor(base / WEEK) * WEEK;
		// Cards due weeks ago (read a week at a time), across several quarter hours, some
		// inside now's quarter hour on both sides of now, on both sides of a week's start,
		// one never studied (stored New, no reps) and one suspended.
		const dues = [
			-60 * DAY,
			-8 * DAY,
			week - base - 1,
			week - base,
			-3 * DAY,
			-COUNT_SLOT_MS,
			0,
			1,
			399_999,
			400_000,
			400_001,
			COUNT_SLOT_MS,
			DAY,
			week + WEEK - base
		];
		const cards: StoredCard[] = dues.map((d, i) => ({
			...answer(fresh(`q${i}`, 'bio'), Rating.Good, T0 - 9 * DAY).card,
			due: base + d
		}));
		cards.push({ ...fresh('unseen', 'bio'), due: base - DAY });
		cards.push({ ...answer(fresh('away', 'bio'), Rating.Good, T0).card, due: SUSPENDED_DUE });
		await putCards(db, cards);
		for (const now of [
			week - 1,
			week,
			week + WEEK - 1,
			week + WEEK,
			base - 1,
			base,
			base + 1,
			base + 400_000,
			base + COUNT_SLOT_MS - 1,
			base + DAY
		]) {
			expect((await dueBySet(db, now, ['bio', 'none'])).bio).toBe(await countDue(db, now, 'bio'));
			const studied = cards.filter((c) => c.due <= now && !(c.state === State.New && c.reps === 0));
			expect((await studiedDueBySet(db, now, ['bio'])).bio).toBe(studied.length);
		}
		expect((await dueBySet(db, base, ['none'])).none).toBe(0);
		const totals = await setTotals(db, ['bio', 'none']);
		expect(totals.get('bio')).toMatchObject({ span: Span.Total, all: 16, studied: 15 });
		expect(totals.get('none')).toMatchObject({ all: 0 });
	});

	it("find a set's cards by their ids, never a set whose id starts the same", async () => {
		const db = await open();
		const sets = ['bio', 'bio-2', 'bio.x', 'bio0', 'bi', 'biology'];
		await putCards(
			db,
			sets.flatMap((set) => ['q1', 'q2'].map((q) => answer(fresh(q, set), Rating.Good, T0).card))
		);
		for (const set of sets) {
			expect(await cardIdsForSet(db, set)).toEqual([`${set}/q1`, `${set}/q2`]);
			expect((await cardsForSet(db, set)).map((c) => c.setId)).toEqual([set, set]);
			expect(await countCards(db, set)).toBe(2);
		}
		await deleteSet(db, 'bio', { withProgress: true });
		expect(await countCards(db)).toBe(10);
		expect(await countCards(db, 'bio')).toBe(0);
		await expectInStep(db);
	});
});
