// A new database is created at the current version in one step, without the migrations:
// they load only for an upgrade (db.ts), so a first visit opens its database without a
// second download and a second open. migrations.test.ts checks that both paths build the
// same stores, indexes and meta. Change the two together.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StudydeckDB } from './schema';
import { DETAIL_WEEK_META, detailWeekAt } from '../../core/srs/card-count';
import { PAGE_KEY_PATH } from './review-pages';
import { PACK_KEY_PATH } from './card-packs';

export function createFreshSchema(
	db: IDBPDatabase<StudydeckDB>,
	tx: IDBPTransaction<StudydeckDB, StoreNames<StudydeckDB>[], 'versionchange'>
): void {
	db.createObjectStore('cards', { keyPath: 'id' }).createIndex('by-set-due', ['setId', 'due']);
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
	db.createObjectStore('drafts', { keyPath: 'setId' });
	db.createObjectStore('media', { keyPath: 'id' }).createIndex('by-set', 'setId');
	db.createObjectStore('reviewTallies', { keyPath: 'slot' });
	db.createObjectStore('cardCounts', { keyPath: ['setId', 'span', 'slot'] });
	db.createObjectStore('reviewPages', { keyPath: PAGE_KEY_PATH }).createIndex('by-set', 'sets', {
		multiEntry: true
	});
	const packs = db.createObjectStore('cardPacks', { keyPath: PACK_KEY_PATH });
	packs.createIndex('by-set-due', 'keys', { multiEntry: true });
	packs.createIndex('by-set-learning', 'learning', { multiEntry: true });
	void tx.objectStore('meta').put(detailWeekAt(Date.now()), DETAIL_WEEK_META);
}
