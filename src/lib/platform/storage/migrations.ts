// Append-only: MIGRATIONS[n] upgrades version n to n + 1 (ARCHITECTURE.md "Data safety"). Never edit or
// reorder an entry once released; add a new one and a test in migrations.test.ts.
// A migration runs inside the versionchange transaction and must only use its requests.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StudydeckDB } from './schema';
import { tallyInto, type ReviewTally } from '../../core/srs/tally-record';
import { cardCounts } from '../../core/srs/count-cards';
import { DETAIL_WEEK_META, detailWeekAt } from '../../core/srs/card-count';
import type { StoredCard } from '../../core/srs/card';
import { PAGE_KEY_PATH } from './review-pages';
import { PACK_KEY_PATH } from './card-packs';

export type Migration = (
	db: IDBPDatabase<StudydeckDB>,
	tx: IDBPTransaction<StudydeckDB, StoreNames<StudydeckDB>[], 'versionchange'>
) => void;

export const MIGRATIONS: readonly Migration[] = [
	// 0 → 1: the initial stores.
	(db) => {
		const cards = db.createObjectStore('cards', { keyPath: 'id' });
		// Dropped in v6 (by-set-due serves every query), as by-set in v5.
		cards.createIndex('by-due' as never, 'due');
		// Dropped again in v5; the schema type no longer names it.
		cards.createIndex('by-set' as never, 'setId');
		cards.createIndex('by-set-due', ['setId', 'due']);
		const reviews = db.createObjectStore('reviews', { keyPath: 'id', autoIncrement: true });
		reviews.createIndex('by-time', 'reviewedAt');
		reviews.createIndex('by-card', 'cardId');
		reviews.createIndex('by-set', 'setId');
		const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
		attempts.createIndex('by-started', 'startedAt');
		attempts.createIndex('by-set-started', ['setId', 'startedAt']);
		db.createObjectStore('sets', { keyPath: 'set.id' });
		db.createObjectStore('settings');
		db.createObjectStore('meta');
	},
	// 1 → 2: editor drafts (an invalid in-progress set must survive a reload too).
	(db) => {
		db.createObjectStore('drafts', { keyPath: 'setId' });
	},
	// 2 → 3: images that imported sets show (Anki decks).
	(db) => {
		db.createObjectStore('media', { keyPath: 'id' }).createIndex('by-set', 'setId');
	},
	// 3 → 4: the review tallies /stats/ reads (storage/tallies.ts), built from the log in
	// 5,000-entry reads; the upgrade transaction waits for them.
	(db, tx) => {
		const tallies = db.createObjectStore('reviewTallies', { keyPath: 'slot' });
		const reviews = tx.objectStore('reviews');
		const all = new Map<number, ReviewTally>();
		const step = (range: IDBKeyRange | null) => {
			void reviews.getAll(range, 5000).then((chunk) => {
				tallyInto(all, chunk);
				if (chunk.length === 5000) step(IDBKeyRange.lowerBound(chunk.at(-1)!.id, true));
				else for (const t of all.values()) void tallies.put(t);
			});
		};
		step(null);
	},
	// 4 → 5: the card counts Home and /stats/ read (storage/card-counts.ts), built from the
	// cards in 5,000-card reads; the upgrade transaction waits for them. The cards' by-set
	// index goes: a card's id starts with its set's (storage/cards.ts setCards), and every
	// index costs every card write (a 100,000-card restore: 3 to 4 s).
	(db, tx) => {
		const counts = db.createObjectStore('cardCounts', { keyPath: ['setId', 'span', 'slot'] });
		const cards = tx.objectStore('cards');
		cards.deleteIndex('by-set');
		const all: StoredCard[] = [];
		const step = (range: IDBKeyRange | null) => {
			void cards.getAll(range, 5000).then((chunk) => {
				all.push(...chunk);
				if (chunk.length === 5000) step(IDBKeyRange.lowerBound(chunk.at(-1)!.id, true));
				else {
					const week = detailWeekAt(Date.now());
					void tx.objectStore('meta').put(week, DETAIL_WEEK_META);
					for (const c of cardCounts(all, week)) void counts.put(c);
				}
			});
		};
		step(null);
	},
	// 5 → 6: the review log's pages (storage/review-pages.ts): a restore writes 250,000
	// answers as 500 records instead of 250,000. The answers already stored stay as they are.
	// The cards' by-due index goes: a query across sets asks each set (storage/cards.ts),
	// and the index cost every card write (0.8 s of a 100,000-card restore).
	(db, tx) => {
		tx.objectStore('cards').deleteIndex('by-due' as never);
		db.createObjectStore('reviewPages', { keyPath: PAGE_KEY_PATH }).createIndex('by-set', 'sets', {
			multiEntry: true
		});
	},
	// 6 → 7: the cards' packs (storage/card-packs.ts): a restore writes 100,000 cards as 200
	// records instead of 100,000. The cards already stored stay as they are.
	(db) => {
		const packs = db.createObjectStore('cardPacks', { keyPath: PACK_KEY_PATH });
		packs.createIndex('by-set-due', 'keys', { multiEntry: true });
		packs.createIndex('by-set-learning', 'learning', { multiEntry: true });
	}
];

export { DB_VERSION } from './version';
