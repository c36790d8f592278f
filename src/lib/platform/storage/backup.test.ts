import { describe, expect, it } from 'vitest';
import { Rating } from '../../core/srs/card';
import { openDb } from './db';
import { putAttempt, recentAttempts } from './attempts';
import {
	BackupCancelledError,
	backupCounts,
	exportBackup,
	exportBackupBlob,
	exportBackupParts,
	importBackup,
	readBackup,
	parseBackup,
	RESTORE_CHUNK,
	wipeDatabase,
	type BackupProgress
} from './backup';
import { scaleBackup, syntheticBackup } from './backup-fixture';
import { countCards, getCard } from './cards';
import { recordAnswer } from './reviews';
import { putSet, listSets } from './sets';
import { putSrsSettings } from './settings';
import { getMeta, setMeta } from './meta';
import { BackupError } from './errors';
import { getDraft, putDraft } from './drafts';
import { answer, fresh, SAMPLE_SET, T0 } from './test-helpers';

async function seeded() {
	const db = await openDb();
	let card = fresh('q1');
	for (const [i, r] of [Rating.Again, Rating.Good, Rating.Good, Rating.Easy].entries()) {
		const a = answer(card, r as Rating.Good, Math.max(T0, card.due) + i * 1000);
		await recordAnswer(db, a);
		card = a.card;
	}
	await recordAnswer(db, answer(fresh('q2', 'chem'), Rating.Hard, T0));
	await putSet(db, SAMPLE_SET, 'authored', T0);
	await putAttempt(db, {
		id: 'att1',
		setId: 'bio',
		startedAt: T0,
		finishedAt: T0 + 60_000,
		score: 1,
		maxScore: 1,
		answers: [{ questionId: 'q1', given: 'x' }],
		questions: [SAMPLE_SET.questions[0]]
	});
	await putSrsSettings(db, { newPerDay: 7 });
	await setMeta(db, 'firstProgressAt', T0);
	return db;
}

describe('backup', () => {
	it('writes the file in parts that join to the JSON of the whole backup, byte for byte', async () => {
		const db = await seeded();
		await setMeta(db, 'lastBackupAt', T0); // this device's: never in the file
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128]);
		await db.put('media', {
			id: 'bio/cell.png',
			setId: 'bio',
			name: 'cell.png',
			type: 'image/png',
			bytes: png
		});
		const whole = JSON.stringify(await readBackup(db));
		expect(whole).toContain('"media":[{"id":"bio/cell.png"');
		expect(whole).not.toContain('lastBackupAt');
		// 2 cards and 5 answers: one per part, a part for a chunk and a short last one, one part.
		for (const chunk of [1, 2, 5, 5000]) {
			const parts = await exportBackupParts(db, { chunk });
			expect(parts.join('')).toBe(whole);
			expect(parts.length).toBe(5 + Math.ceil(2 / chunk) + Math.ceil(5 / chunk));
		}
		expect(await exportBackup(db)).toBe(whole);
		const blob = await exportBackupBlob(db);
		expect(blob.type).toBe('application/json');
		expect(await blob.text()).toBe(whole);

		await wipeDatabase(db);
		expect(await exportBackup(db)).toBe(JSON.stringify(await readBackup(db)));
		expect(JSON.parse(await exportBackup(db)).stores.cards).toEqual([]);
		db.close();
	});

	it('export → wipe → import → export gives the identical text', async () => {
		const db = await seeded();
		const first = await exportBackup(db);
		await wipeDatabase(db);
		expect(await countCards(db)).toBe(0);
		expect(await importBackup(db, first)).toEqual({ cards: 2, reviews: 5, attempts: 1, sets: 1 });
		const second = await exportBackup(db);
		expect(second).toBe(first);
		expect((await listSets(db))[0]?.set).toEqual(SAMPLE_SET);
		expect((await recentAttempts(db, { limit: 5, setId: 'bio' }))[0]?.id).toBe('att1');
		db.close();
	});

	it("keeps this device's last backup time through an import; files never carry it", async () => {
		const db = await seeded();
		await setMeta(db, 'lastBackupAt', T0 + 5000);
		const text = await exportBackup(db);
		expect(text).not.toContain('lastBackupAt');
		await importBackup(db, text);
		expect(await getMeta(db, 'lastBackupAt')).toBe(T0 + 5000);
		// An older file that still has one does not overwrite the device's.
		const old = JSON.parse(text);
		old.stores.meta.push({ key: 'lastBackupAt', value: 1 });
		await importBackup(db, JSON.stringify(old));
		expect(await getMeta(db, 'lastBackupAt')).toBe(T0 + 5000);
		expect(await exportBackup(db)).toBe(text);
		db.close();
	});

	it('rejects bad files and changes nothing', async () => {
		const db = await seeded();
		const before = await exportBackup(db);
		const parsed = JSON.parse(before);
		const bad = (mutate: (b: typeof parsed) => void) => {
			const copy = structuredClone(parsed);
			mutate(copy);
			return JSON.stringify(copy);
		};
		const cases = [
			'not json',
			'{"format":"other"}',
			bad((b) => (b.stores.cards[0].due = 'soon')),
			bad((b) => (b.stores.cards[0].id = 'x/y')),
			bad((b) => b.stores.cards.push(b.stores.cards[0])),
			bad((b) => (b.stores.reviews[0].rating = 9)),
			bad((b) => (b.stores.sets[0].set.questions[0].type = 'essay')),
			bad((b) => (b.version = 99)),
			before.replace('"stores":{', '"stores":{"__proto__":{},')
		];
		for (const text of cases) {
			await expect(importBackup(db, text)).rejects.toBeInstanceOf(BackupError);
		}
		expect(await exportBackup(db)).toBe(before);
		db.close();
	});

	it('replaces current data rather than merging', async () => {
		const db = await seeded();
		const text = await exportBackup(db);
		await recordAnswer(db, answer(fresh('extra'), Rating.Good, T0));
		await importBackup(db, text);
		expect(await getCard(db, 'bio/extra')).toBeUndefined();
		expect(await exportBackup(db)).toBe(text);
		db.close();
	});
});

describe('drafts and restore', () => {
	it('a restore and an erase clear unsaved editor drafts', async () => {
		const draft = { setId: 'bio', updatedAt: T0, origin: 'authored' as const, value: { t: 1 } };
		const db = await openDb();
		const text = await exportBackup(db);
		await putDraft(db, draft);
		expect(await getDraft(db, 'bio')).toBeDefined();
		await importBackup(db, text);
		expect(await getDraft(db, 'bio')).toBeUndefined();
		await putDraft(db, draft);
		await wipeDatabase(db);
		expect(await getDraft(db, 'bio')).toBeUndefined();
		db.close();
	});
});

describe('a long restore', () => {
	const big = () =>
		JSON.stringify(syntheticBackup({ now: T0, setId: 'bio', reviews: 3 * RESTORE_CHUNK }));

	it('reports checking and writing progress up to the total, in steps', async () => {
		const db = await seeded();
		const text = big();
		const seen: BackupProgress[] = [];
		const backup = parseBackup(text, (p) => seen.push(p));
		const counts = await importBackup(db, backup, { onProgress: (p) => seen.push(p) });
		const checking = seen.filter((p) => p.step === 'checking');
		const writing = seen.filter((p) => p.step === 'writing');
		expect(counts.reviews).toBe(3 * RESTORE_CHUNK);
		// Both steps move forward and end at their total: a progress bar that fills.
		for (const steps of [checking, writing]) {
			expect(steps.length).toBeGreaterThan(2);
			expect(steps.map((p) => p.done)).toEqual([...steps.map((p) => p.done)].sort((a, b) => a - b));
			expect(steps.at(-1)!.done).toBe(steps.at(-1)!.total);
		}
		expect(writing.at(-1)!.total).toBeGreaterThan(counts.cards + counts.reviews);
		expect(JSON.parse(await exportBackup(db)).stores.reviews).toHaveLength(3 * RESTORE_CHUNK);
		db.close();
	});

	it('a cancel part-way leaves the old data exactly as it was', async () => {
		const db = await seeded();
		const before = await exportBackup(db);
		const controller = new AbortController();
		const restore = importBackup(db, big(), {
			signal: controller.signal,
			// Cancel once some records are already written inside the transaction.
			onProgress: (p) => {
				if (p.step === 'writing' && p.done >= RESTORE_CHUNK) controller.abort();
			}
		});
		await expect(restore).rejects.toBeInstanceOf(BackupCancelledError);
		expect(await exportBackup(db)).toBe(before);
		db.close();
	});
	it('a write that throws part-way writes nothing and says why', async () => {
		const db = await seeded();
		const before = await exportBackup(db);
		const backup = parseBackup(big());
		// A value IndexedDB cannot store, after a few steps have been written.
		const bad = backup.stores.reviews[2 * RESTORE_CHUNK]!;
		(bad as unknown as { oops: unknown }).oops = () => {};
		await expect(importBackup(db, backup)).rejects.toMatchObject({ name: 'DataCloneError' });
		expect(await exportBackup(db)).toBe(before);
		db.close();
	});
});

describe('a heavy device, at a size CI affords', () => {
	it('5,000 cards and 12,000 reviews: file → restore → export → restore → export is byte-identical', async () => {
		const backup = scaleBackup({
			now: T0,
			cards: 5_000,
			reviews: 12_000,
			bundled: { id: 'bio', questionIds: Array.from({ length: 100 }, (_, i) => `q${i}`) },
			authoredQuestions: 1_000,
			decks: 3
		});
		expect(backupCounts(backup)).toEqual({ cards: 5_000, reviews: 12_000, attempts: 40, sets: 4 });
		// Every card has at least one answer, all before now, with ids in time order.
		const reviewed = new Set(backup.stores.reviews.map((r) => r.cardId));
		expect(backup.stores.cards.every((c) => reviewed.has(c.id))).toBe(true);
		expect(backup.stores.reviews.every((r, i) => r.id === i + 1 && r.reviewedAt < T0)).toBe(true);
		const text = JSON.stringify(backup);
		const db = await openDb();
		await importBackup(db, parseBackup(text));
		// The fixture lists every store in key order, as an export does: the file comes back
		// byte for byte (the log from its pages).
		const exported = await exportBackup(db);
		expect(exported).toBe(text);
		// And that file, restored again, exports byte-identical.
		await wipeDatabase(db);
		await importBackup(db, exported);
		expect(await exportBackup(db)).toBe(exported);
		db.close();
	}, 120_000);
});
