// Model-based test: random sequences of answer / undo / export / import / reload run
// against IndexedDB and against a plain in-memory model; after every step the stored
// cards and log must equal the model's.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GRADES } from '../../core/srs/scheduler';
import { isUnreviewed, type Grade, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import { fcOptions } from '../../core/fc-options';
import { openDb, type Db } from './db';
import { exportBackup, importBackup } from './backup';
import { getCard } from './cards';
import { recordAnswer, undoLastReview } from './reviews';
import { allCards, answer, cardCountsNow, fresh, readLog, T0 } from './test-helpers';

interface Model {
	cards: Map<string, StoredCard>;
	log: ReviewEntry[];
	now: number;
	snapshot?: { text: string; cards: Map<string, StoredCard>; log: ReviewEntry[] };
}
interface Real {
	db: Db;
	name: string;
}

const QUESTIONS = ['q0', 'q1', 'q2'];
const SETS = ['bio', 'chem'];

class AnswerCmd implements fc.AsyncCommand<Model, Real> {
	constructor(
		readonly set: string,
		readonly q: string,
		readonly rating: Grade,
		readonly wait: number
	) {}
	check = () => true;
	async run(m: Model, r: Real) {
		m.now += this.wait;
		const id = `${this.set}/${this.q}`;
		const card = m.cards.get(id) ?? (await getCard(r.db, id)) ?? fresh(this.q, this.set, m.now);
		const result = answer(card, this.rating, m.now);
		const key = await recordAnswer(r.db, result);
		m.cards.set(id, result.card);
		m.log.push({ ...result.review, id: key });
	}
	toString = () => `answer(${this.set}/${this.q}, ${this.rating}, +${this.wait})`;
}

class UndoCmd implements fc.AsyncCommand<Model, Real> {
	constructor(readonly set: string | undefined) {}
	check = () => true;
	async run(m: Model, r: Real) {
		const undone = await undoLastReview(r.db, this.set);
		let i = m.log.length - 1;
		while (i >= 0 && this.set !== undefined && m.log[i]!.setId !== this.set) i--;
		const expected = i >= 0 ? m.log.splice(i, 1)[0] : undefined;
		expect(undone?.review).toStrictEqual(expected);
		if (expected) {
			if (isUnreviewed(expected.before)) m.cards.delete(expected.cardId);
			else m.cards.set(expected.cardId, expected.before);
		}
	}
	toString = () => `undo(${this.set ?? 'all'})`;
}

class ExportCmd implements fc.AsyncCommand<Model, Real> {
	check = () => true;
	async run(m: Model, r: Real) {
		m.snapshot = { text: await exportBackup(r.db), cards: new Map(m.cards), log: [...m.log] };
	}
	toString = () => 'export';
}

class ImportCmd implements fc.AsyncCommand<Model, Real> {
	check = (m: Readonly<Model>) => m.snapshot !== undefined;
	async run(m: Model, r: Real) {
		const snap = m.snapshot!;
		await importBackup(r.db, snap.text);
		m.cards = new Map(snap.cards);
		m.log = [...snap.log];
		expect(await exportBackup(r.db)).toBe(snap.text);
	}
	toString = () => 'import';
}

class ReloadCmd implements fc.AsyncCommand<Model, Real> {
	check = () => true;
	async run(_m: Model, r: Real) {
		r.db.close();
		r.db = await openDb({ name: r.name });
	}
	toString = () => 'reload';
}

async function expectSame(m: Model, r: Real) {
	const cards = await allCards(r.db);
	expect(cards).toStrictEqual([...m.cards.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
	expect(await readLog(r.db)).toStrictEqual(m.log);
	const counts = await cardCountsNow(r.db);
	expect(counts.stored).toStrictEqual(counts.expected);
}

const commands = [
	fc
		.tuple(
			fc.constantFrom(...SETS),
			fc.constantFrom(...QUESTIONS),
			fc.constantFrom(...GRADES),
			fc.integer({ min: 0, max: 30 * 86_400_000 })
		)
		.map(([s, q, g, w]) => new AnswerCmd(s, q, g, w)),
	fc.option(fc.constantFrom(...SETS), { nil: undefined }).map((s) => new UndoCmd(s)),
	fc.constant(new ExportCmd()),
	fc.constant(new ImportCmd()),
	fc.constant(new ReloadCmd())
];

let run = 0;

describe('storage model', () => {
	it('matches an in-memory model through answers, undo, import and reload', async () => {
		await fc.assert(
			fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
				const name = `model-${run++}`;
				const real: Real = { db: await openDb({ name }), name };
				const model: Model = { cards: new Map(), log: [], now: T0 };
				await fc.asyncModelRun(
					() => ({ model, real }),
					[...cmds].map((c) => ({
						check: (m: Readonly<Model>) => c.check(m),
						run: async (m: Model, r: Real) => {
							await c.run(m, r);
							await expectSame(m, r);
						},
						toString: () => c.toString()
					}))
				);
				real.db.close();
			}),
			fcOptions(60)
		);
	});
});
