// The cards split between their packs (written by a restore) and the `cards` store (every
// card written since): every reader, writer, the export and Check database see each card
// once, wherever it is kept.
import { describe, expect, it } from 'vitest';
import { Rating, State, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import { answerCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { openDb, type Db } from './db';
import { exportBackup, exportBackupParts, importBackup, readBackup, type Backup } from './backup';
import { scaleBackup } from './backup-fixture';
import { PACK_SIZE, type CardPack } from './card-packs';
import { packInPlace, packOf } from './packed-cards';
import { cardsForSet, countCards, countDue, dueCards, getCard } from './cards';
import { recordAnswer, undoLastReview } from './reviews';
import { deleteSet } from './set-delete';
import { progressForSet } from './set-progress';
import { checkDatabase, isClean } from './check';
import {
	answer,
	allCards,
	cardCountsNow,
	damageCard,
	DAY,
	fresh,
	readLog,
	T0
} from './test-helpers';

const byId = (a: StoredCard, b: StoredCard) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sets "deck", "deck-1" and "deck-2": their ids sort one way ("deck" first) and their
 * cards' ids the other ("deck-1/…" before "deck/…"). Cards in id order, as an export. */
function backup(): Backup {
	const file = scaleBackup({
		now: T0,
		cards: 1_300,
		reviews: 2_000,
		bundled: { id: 'deck', questionIds: Array.from({ length: 60 }, (_, i) => `q${i}`) },
		authoredQuestions: 100,
		decks: 2,
		days: 60
	});
	file.stores.cards.sort(byId);
	return file;
}

let n = 0;
async function restored(): Promise<{ db: Db; file: Backup; text: string }> {
	const db = await openDb({ name: `packs-${n++}` });
	const file = backup();
	const text = JSON.stringify(file);
	await importBackup(db, text, { now: T0 });
	return { db, file, text };
}

const replay = (e: ReviewEntry) =>
	answerCard(e.before, e.rating, e.reviewedAt, DEFAULT_SETTINGS).card;

async function expectCounted(db: Db) {
	const counts = await cardCountsNow(db);
	expect(counts.stored).toEqual(counts.expected);
}

describe('packInPlace', () => {
	it('accepts a pack exactly as packed, and nothing else', () => {
		const cards = ['a', 'b', 'c'].map((q, i) => ({
			...fresh(q, 'deck'),
			state: i === 1 ? State.Learning : State.Review,
			due: T0 + i * DAY
		}));
		const pack = packOf(cards);
		expect(pack.learning).toEqual([['deck', T0 + DAY, 'deck/b']]);
		expect(packInPlace(pack)).toBe(true);
		expect(packInPlace(pack, 'd')).toBe(true);
		// Beyond the next pack's start; out of order; of another set; keys stale or missing.
		expect(packInPlace(pack, 'c')).toBe(false);
		expect(packInPlace({ ...pack, cards: [cards[1]!, cards[0]!, cards[2]!] })).toBe(false);
		expect(packInPlace({ ...pack, lo: 'b' })).toBe(false);
		expect(packInPlace({ ...pack, setId: 'other' })).toBe(false);
		expect(packInPlace({ ...pack, keys: pack.keys.slice(1) })).toBe(false);
		expect(packInPlace({ ...pack, learning: [] })).toBe(false);
		expect(packInPlace({ ...pack, cards: [{ ...cards[0]!, due: NaN }, ...cards.slice(1)] })).toBe(
			false
		);
		expect(packInPlace({ ...pack, cards: [] })).toBe(false);
		expect(packInPlace(null)).toBe(false);
	});
});

describe('card packs', () => {
	it('hold a restore’s cards, read and exported exactly as the file has them', async () => {
		const { db, file, text } = await restored();
		expect(await db.count('cards')).toBe(0);
		const packs = await db.getAll('cardPacks');
		expect(packs.length).toBeGreaterThan(4);
		expect(
			packs.every((p, i) => p.cards.length <= PACK_SIZE && packInPlace(p, next(packs, i)))
		).toBe(true);
		expect(await allCards(db)).toEqual(file.stores.cards);
		expect(await countCards(db)).toBe(file.stores.cards.length);
		expect(await cardsForSet(db, 'deck-1')).toEqual(
			file.stores.cards.filter((c) => c.setId === 'deck-1')
		);
		// The file comes back byte for byte, in chunks that cut packs anywhere.
		expect(await exportBackup(db)).toBe(text);
		expect((await exportBackupParts(db, { chunk: 7 })).join('')).toBe(text);
		expect(JSON.stringify(await readBackup(db))).toBe(text);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('give up a card when it is answered, and the export keeps the id order', async () => {
		const { db, file } = await restored();
		// One card of each set, answered: each moves to the store, the rest stay packed.
		const moved = ['deck', 'deck-1', 'deck-2', 'scale-authored'].map((s) =>
			file.stores.cards.find((c) => c.setId === s)!
		);
		for (const card of moved) await recordAnswer(db, answer(card, Rating.Good, T0 + DAY));
		const stored = await db.getAll('cards');
		expect(stored.map((c) => c.id)).toEqual(moved.map((c) => c.id).sort());
		const packed = (await db.getAll('cardPacks')).flatMap((p) => p.cards.map((c) => c.id));
		expect(packed.filter((id) => moved.some((c) => c.id === id))).toEqual([]);
		expect(packed.length + stored.length).toBe(file.stores.cards.length);
		await expectCounted(db);
		const cards = JSON.parse(await exportBackup(db)).stores.cards as StoredCard[];
		expect(cards.map((c) => c.id)).toEqual(file.stores.cards.map((c) => c.id));
		expect((await exportBackupParts(db, { chunk: 3 })).join('')).toBe(await exportBackup(db));
		// Undo puts the card back as it was (in the store now).
		await undoLastReview(db, 'deck');
		expect(await getCard(db, moved[0]!.id)).toEqual(moved[0]);
		await expectCounted(db);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('go with their set when it is deleted with its progress, and stay without', async () => {
		const { db, file } = await restored();
		await deleteSet(db, 'deck-1');
		expect((await progressForSet(db, 'deck-1')).cards).toEqual(
			file.stores.cards.filter((c) => c.setId === 'deck-1')
		);
		await deleteSet(db, 'deck-1', { withProgress: true });
		expect(await cardsForSet(db, 'deck-1')).toEqual([]);
		expect((await db.getAll('cardPacks')).some((p) => p.setId === 'deck-1')).toBe(false);
		expect(await allCards(db)).toEqual(file.stores.cards.filter((c) => c.setId !== 'deck-1'));
		await expectCounted(db);
		db.close();
	});

	it('are unpacked by Check database when damaged, and no sound card is lost', async () => {
		const { db, file } = await restored();
		const packs = await db.getAll('cardPacks');
		const [a, b, c, d] = [packs[0]!, packs[1]!, packs[2]!, packs[3]!];
		// Stale index keys (a card's due changed, its key not); a second copy of a card, of
		// another set, in a pack; a card both in a pack and in the store; a pack with no card
		// list at all.
		await db.put('cardPacks', { ...a, cards: a.cards.map((x, i) => (i ? x : { ...x, due: 1 })) });
		await db.put('cardPacks', { ...b, cards: [...b.cards, { ...b.cards[0]!, setId: 'x' }] });
		await db.put('cards', c.cards[1]!);
		await db.put('cardPacks', { ...d, cards: 'lost' } as unknown as CardPack);
		const report = await checkDatabase(db, { replay });
		// The two second copies go; every other card stays, the damaged packs' in the store.
		expect(report.invalidCards).toBe(2);
		for (const p of [a, b, c, d])
			expect(await db.get('cardPacks', [p.setId, p.lo])).toBeUndefined();
		expect(await db.count('cardPacks')).toBe(packs.length - 4);
		expect(await getCard(db, a.cards[0]!.id)).toEqual({ ...a.cards[0]!, due: 1 });
		expect(await getCard(db, b.cards[0]!.id)).toEqual(b.cards[0]);
		expect(await getCard(db, c.cards[1]!.id)).toEqual(c.cards[1]);
		// d's answers rebuild its cards: nothing of the log is lost.
		expect(report.rebuiltCards).toBe(d.cards.length);
		expect(await allCards(db)).toEqual(
			file.stores.cards.map((x) => (x.id === a.cards[0]!.id ? { ...x, due: 1 } : x))
		);
		expect(await readLog(db)).toEqual(file.stores.reviews);
		await expectCounted(db);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});

	it('lose a card to damage like the store does: out of every due read, rebuilt by Check', async () => {
		const { db, file } = await restored();
		const [card, other] = [file.stores.cards[5]!, file.stores.cards[6]!];
		await damageCard(db, card.id, (c) => ({ ...c, due: NaN }));
		await damageCard(db, other.id, (c) => ({ ...c, stability: 'x' }));
		// A due that is not a number is in no due read, and breaks none. (Counts follow the
		// pack's index keys, which damage left as they were, until Check database.)
		const due = await dueCards(db, { now: T0 + 400 * DAY, limit: 5_000 });
		expect(due.length).toBe(file.stores.cards.length - 1);
		expect(due.some((c) => c.id === card.id)).toBe(false);
		const report = await checkDatabase(db, { replay });
		expect(report.rebuiltCards).toBe(2);
		expect(await getCard(db, card.id)).toEqual(card);
		expect(await getCard(db, other.id)).toEqual(other);
		expect(await countDue(db, T0 + 400 * DAY)).toBe(file.stores.cards.length);
		expect(isClean(await checkDatabase(db, { replay }))).toBe(true);
		db.close();
	});
});

/** The `lo` after pack `i` in its set, if any. */
function next(packs: CardPack[], i: number): string | undefined {
	const p = packs[i + 1];
	return p && p.setId === packs[i]!.setId ? p.lo : undefined;
}
