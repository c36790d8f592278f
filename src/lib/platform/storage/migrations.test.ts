// One test per migration: build the old version with data using raw idb (running the
// migrations below it), upgrade with openDb, and find the data intact. To add v2: append
// to MIGRATIONS and add a case that seeds version 1 and checks after opening.
import { describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDb } from './db';
import { MIGRATIONS } from './migrations';
import type { StudydeckDB } from './schema';
import { Rating, State, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import { newCard } from '../../core/srs/scheduler';
import { DETAIL_WEEK_META, detailWeekAt, Span, type CardCount } from '../../core/srs/card-count';
import { cardCounts } from '../../core/srs/count-cards';
import { tallyEntries } from '../../core/srs/tally';

/** Opens `name` at exactly `version`, as an older release of the app would have. */
async function openAt(name: string, version: number) {
	return openDB<StudydeckDB>(name, version || undefined, {
		upgrade(db, oldVersion, _newVersion, tx) {
			for (let v = oldVersion; v < version; v++) MIGRATIONS[v]!(db, tx);
		}
	});
}

describe('migrations', () => {
	it('are numbered so the last one reaches DB_VERSION', () => {
		expect(MIGRATIONS.length).toBe(DB_VERSION);
	});

	it('0 → 1 creates the stores and indexes (v5 drops cards by-set, v6 by-due)', async () => {
		const db = await openDb({ name: 'm1' });
		const tx = db.transaction(['cards', 'reviews', 'attempts']);
		expect([...tx.objectStore('cards').indexNames]).toEqual(['by-set-due']);
		expect([...tx.objectStore('reviews').indexNames].sort()).toEqual([
			'by-card',
			'by-set',
			'by-time'
		]);
		expect(tx.objectStore('reviews').autoIncrement).toBe(true);
		expect([...tx.objectStore('attempts').indexNames].sort()).toEqual([
			'by-set-started',
			'by-started'
		]);
		db.close();
	});

	it('1 → 2 adds the drafts store and keeps every version-1 record', async () => {
		const old = await openAt('m2', 1);
		const set = {
			id: 'bio',
			version: 1,
			title: 'Cells',
			language: 'en',
			questions: [
				{ id: 'q1', type: 'flashcard' as const, prompt: 'Powerhouse?', back: 'Mitochondria' }
			]
		};
		await old.put('sets', { set, origin: 'authored', updatedAt: 5 });
		await old.put('settings', { desiredRetention: 0.85 }, 'srs');
		await old.put('meta', 1, 'schemaVersion');
		const reviewKey = await old.add('reviews', {
			cardId: 'q1',
			setId: 'bio',
			reviewedAt: 7
		} as never);
		old.close();

		const db = await openDb({ name: 'm2' });
		expect([...db.objectStoreNames]).toContain('drafts');
		expect(await db.get('sets', 'bio')).toEqual({ set, origin: 'authored', updatedAt: 5 });
		expect(await db.get('settings', 'srs')).toEqual({ desiredRetention: 0.85 });
		expect(await db.get('reviews', reviewKey)).toMatchObject({ cardId: 'q1', reviewedAt: 7 });
		expect(await db.get('meta', 'schemaVersion')).toBe(DB_VERSION);
		await db.put('drafts', { setId: 'bio', updatedAt: 9, origin: 'authored', value: {} });
		expect(await db.count('drafts')).toBe(1);
		db.close();
	});

	it('2 → 3 adds the media store, indexed by set, and keeps every version-2 record', async () => {
		const old = await openAt('m3', 2);
		await old.put('drafts', { setId: 'bio', updatedAt: 9, origin: 'authored', value: { a: 1 } });
		await old.put('settings', { desiredRetention: 0.85 }, 'srs');
		old.close();
		const db = await openDb({ name: 'm3' });
		expect([...db.transaction('media').store.indexNames]).toEqual(['by-set']);
		expect(await db.get('drafts', 'bio')).toMatchObject({ value: { a: 1 } });
		expect(await db.get('settings', 'srs')).toEqual({ desiredRetention: 0.85 });
		expect(await db.get('meta', 'schemaVersion')).toBe(DB_VERSION);
		db.close();
	});

	it('3 → 4 builds the review tallies from the whole log, read in parts', async () => {
		const old = await openAt('m4', 3);
		const entries: ReviewEntry[] = [];
		// More than one 5,000-entry read; answers spread over days, states and ratings.
		for (let i = 0; i < 5_200; i++)
			entries.push({
				cardId: `s${i % 3}/q${i % 97}`,
				setId: `s${i % 3}`,
				questionId: `q${i % 97}`,
				rating: ([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const)[i % 4]!,
				state: i % 5 === 0 ? State.Learning : State.Review,
				reviewedAt: 1_700_000_000_000 + i * 7 * 60_000,
				elapsedDays: i % 120,
				scheduledDays: 1,
				due: 0,
				before: {} as never
			});
		const tx = old.transaction('reviews', 'readwrite');
		await Promise.all([...entries.map((e) => tx.store.add(e)), tx.done]);
		old.close();

		// The upgrade takes longer than the open timeout: that is no hang (db.ts).
		const started = Date.now();
		const db = await openDb({ name: 'm4', timeoutMs: 40 });
		expect(Date.now() - started).toBeGreaterThan(40);
		expect(await db.count('reviews')).toBe(5_200);
		expect(await db.getAll('reviewTallies')).toEqual(tallyEntries(entries));
		db.close();
	});

	it('4 → 5 builds the card counts from every card, read in parts', async () => {
		const old = await openAt('m5', 4);
		const cards: StoredCard[] = [];
		// More than one 5,000-card read; sets, states and due times mixed.
		for (let i = 0; i < 5_300; i++)
			cards.push({
				...newCard(`q${i}`, `s${i % 3}`, 0),
				state: ([State.New, State.Learning, State.Review, State.Relearning] as const)[i % 4]!,
				reps: i % 4 === 0 ? i % 2 : 3,
				stability: i % 40,
				due: 1_700_000_000_000 + (i % 500) * 11 * 60_000
			});
		const tx = old.transaction('cards', 'readwrite');
		await Promise.all([...cards.map((c) => tx.store.put(c)), tx.done]);
		old.close();

		const db = await openDb({ name: 'm5' });
		const sorted = (counts: CardCount[]) =>
			[...counts].sort(
				(a, b) => a.setId.localeCompare(b.setId) || a.span - b.span || a.slot - b.slot
			);
		// Quarter hours from the week of the upgrade on; cards due before, a week at a time.
		const week = (await db.get('meta', DETAIL_WEEK_META)) as number;
		expect(week).toBe(detailWeekAt(Date.now()));
		expect(await db.getAll('cardCounts')).toEqual(sorted(cardCounts(cards, week)));
		expect(await db.get('cardCounts', ['s1', Span.Total, 0])).toMatchObject({ all: 1_767 });
		db.close();
	});

	it('5 → 6 adds the log pages, drops the cards by-due index, and keeps every record', async () => {
		const old = await openAt('m6', 5);
		const card = newCard('q1', 'bio', 0);
		const entry: ReviewEntry = {
			cardId: card.id,
			setId: 'bio',
			questionId: 'q1',
			rating: Rating.Good,
			state: State.New,
			reviewedAt: 1_700_000_000_000,
			elapsedDays: 0,
			scheduledDays: 1,
			due: 1_700_086_400_000,
			before: card
		};
		const key = await old.add('reviews', entry);
		await old.put('cards', card);
		old.close();
		const db = await openDb({ name: 'm6' });
		expect(await db.getAll('reviews')).toEqual([{ ...entry, id: key }]);
		const tx = db.transaction('reviewPages');
		expect(tx.store.keyPath).toEqual(['first', 'count', 'latest']);
		expect([...tx.store.indexNames]).toEqual(['by-set']);
		expect(tx.store.index('by-set').multiEntry).toBe(true);
		expect(await tx.store.count()).toBe(0);
		const cards = db.transaction('cards').store;
		expect([...cards.indexNames]).toEqual(['by-set-due']);
		expect(await cards.getAll()).toEqual([card]);
		db.close();
	});

	it('6 → 7 adds the card packs, empty, and keeps every card where it was', async () => {
		const old = await openAt('m7', 6);
		const card = newCard('q1', 'bio', 0);
		await old.put('cards', card);
		old.close();
		const db = await openDb({ name: 'm7' });
		const tx = db.transaction('cardPacks');
		expect(tx.store.keyPath).toEqual(['setId', 'lo']);
		expect([...tx.store.indexNames]).toEqual(['by-set-due', 'by-set-learning']);
		expect(tx.store.index('by-set-due').keyPath).toBe('keys');
		expect(tx.store.index('by-set-due').multiEntry).toBe(true);
		expect(tx.store.index('by-set-learning').keyPath).toBe('learning');
		expect(tx.store.index('by-set-learning').multiEntry).toBe(true);
		expect(await tx.store.count()).toBe(0);
		expect(await db.getAll('cards')).toEqual([card]);
		db.close();
	});

	it('opening the current version again keeps data', async () => {
		const old = await openAt('m-same', DB_VERSION);
		await old.put('settings', { desiredRetention: 0.8 }, 'srs');
		old.close();
		const db = await openDb({ name: 'm-same' });
		expect(await db.get('settings', 'srs')).toEqual({ desiredRetention: 0.8 });
		db.close();
	});

	it('a new database gets the same stores, indexes and meta as every migration run in turn', async () => {
		const now = Date.UTC(2026, 2, 5, 10);
		vi.useFakeTimers({ now, toFake: ['Date'] });
		try {
			const migrated = await openAt('m-all', DB_VERSION);
			await migrated.put('meta', DB_VERSION, 'schemaVersion');
			const fresh = await openDb({ name: 'm-fresh' });
			expect(await schemaOf(fresh)).toEqual(await schemaOf(migrated));
			expect(await fresh.get('meta', DETAIL_WEEK_META)).toBe(detailWeekAt(now));
			fresh.close();
			migrated.close();
		} finally {
			vi.useRealTimers();
		}
	});
});

/** Every store with its key path, key generator and indexes, and the meta records. */
async function schemaOf(db: Awaited<ReturnType<typeof openAt>>) {
	const names = [...db.objectStoreNames].sort();
	const tx = db.transaction(names);
	const stores = names.map((name) => {
		const store = tx.objectStore(name);
		return {
			name,
			keyPath: store.keyPath,
			autoIncrement: store.autoIncrement,
			indexes: [...store.indexNames].sort().map((i) => {
				const index = store.index(i);
				return { i, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
			})
		};
	});
	const meta = await tx.objectStore('meta').getAll();
	const metaKeys = await tx.objectStore('meta').getAllKeys();
	return { version: db.version, stores, meta: metaKeys.map((k, i) => [k, meta[i]]) };
}
