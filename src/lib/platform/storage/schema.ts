// The typed IndexedDB schema (jakearchibald/idb style). Value types come from the
// modules that own them; this file only says how they are stored and indexed.
import type { DBSchema } from 'idb';
import type { ReviewEntry, StoredCard } from '../../core/srs/card';
import type { ReviewTally } from '../../core/srs/tally-record';
import type { CardCount, CountKey } from '../../core/srs/card-count';
import type { QuestionSet } from '../../core/bank/schema';
import type { PageKey, ReviewPage } from './review-pages';
import type { CardPack, PackIndexKey, PackKey } from './card-packs';

/** A finished or abandoned quiz. The quiz module may extend it with typed answers. */
export interface StoredAttempt<Answer = unknown, QuestionSnapshot = unknown> {
	id: string;
	setId: string;
	/** Epoch ms. */
	startedAt: number;
	/** Epoch ms; null while in progress. */
	finishedAt: number | null;
	score: number;
	maxScore: number;
	answers: Answer[];
	/** The questions as asked, so results stay readable after the set is edited. */
	questions: QuestionSnapshot[];
}

export interface StoredSet {
	set: QuestionSet;
	/** Epoch ms. */
	updatedAt: number;
	origin: 'authored' | 'imported';
}

/**
 * An editor's in-progress copy of a set, saved on every change even while invalid, so no
 * edit is lost. `value` is the editor's own shape (src/lib/authoring checks it on read);
 * the valid set itself lives in `sets`, and the draft is deleted when the two agree.
 */
export interface StoredDraft {
	setId: string;
	/** Epoch ms. */
	updatedAt: number;
	origin: StoredSet['origin'];
	value: unknown;
}

export interface StudydeckDB extends DBSchema {
	cards: {
		key: string;
		value: StoredCard;
		indexes: { 'by-set-due': [string, number] };
	};
	reviews: {
		key: number;
		value: ReviewEntry;
		indexes: { 'by-time': number; 'by-card': string; 'by-set': string };
	};
	attempts: {
		key: string;
		value: StoredAttempt;
		indexes: { 'by-started': number; 'by-set-started': [string, number] };
	};
	sets: { key: string; value: StoredSet };
	/** Keyed by name ('srs', …); values are validated on read. */
	settings: { key: string; value: unknown };
	/** Keyed by name ('schemaVersion', …). */
	meta: { key: string; value: unknown };
	/** Editor drafts, keyed by set id (since v2). Not part of backups: work in progress. */
	drafts: { key: string; value: StoredDraft };
	/** Images a set shows, keyed `<set>/<file name>` (since v3); deleted with their set. */
	media: { key: string; value: StoredMedia; indexes: { 'by-set': string } };
	/** Running totals of the review log per quarter hour, for /stats/ (since v4). Not part
	 * of backups: rebuilt from the log (storage/tallies.ts). */
	reviewTallies: { key: number; value: ReviewTally };
	/** Running counts of the cards per set and quarter hour of due time, for Home and
	 * /stats/ (since v5). Not part of backups: rebuilt from the cards (storage/card-counts.ts). */
	cardCounts: { key: CountKey; value: CardCount };
	/** The review log's packed part, as a restore writes it (since v6; ./review-pages.ts).
	 * Backed up as `reviews`: the file does not know how the log is stored. */
	reviewPages: { key: PageKey; value: ReviewPage; indexes: { 'by-set': string } };
	/** The cards' packed part, as a restore writes it (since v7; ./card-packs.ts). Backed
	 * up as `cards`: the file does not know how the cards are stored. */
	cardPacks: {
		key: PackKey;
		value: CardPack;
		indexes: { 'by-set-due': PackIndexKey; 'by-set-learning': PackIndexKey };
	};
}

/** One image stored with a set (core/bank/media.ts says which are accepted). */
export interface StoredMedia {
	/** `<set id>/<file name>`. */
	id: string;
	setId: string;
	name: string;
	type: string;
	bytes: Uint8Array;
}

export type StoreName = 'cards' | 'reviews' | 'attempts' | 'sets' | 'settings' | 'meta' | 'media';
/** The stores a backup holds (all but drafts). */
export const STORE_NAMES: readonly StoreName[] = [
	'cards',
	'reviews',
	'attempts',
	'sets',
	'settings',
	'meta',
	'media'
];
