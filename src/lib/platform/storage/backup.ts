// Backup export and import (ARCHITECTURE.md "Data safety"). Export reads every store in one transaction;
// import validates everything first, then replaces all data in one transaction, so a bad
// file or a full disk changes nothing. export → wipe → import → export is byte-identical.
import * as v from 'valibot';
import { parseJson } from '../../core/bank/formats/json';
import { parseSet } from '../../core/bank/validate';
import { formatProblem } from '../../core/bank/problems';
import type { QuestionSet } from '../../core/bank/schema';
import { DB_VERSION, type Db, type StoredAttempt, type StoredSet } from './db';
import { BackupError } from './errors';
import { STORE_NAMES } from './schema';
import type { ReviewEntry, StoredCard } from '../../core/srs/card';
import {
	issuePath,
	KeyValueSchema,
	ReviewEntrySchema,
	StoredAttemptSchema,
	StoredCardSchema,
	StoredSetWrapperSchema
} from './validators';

export const BACKUP_FORMAT = 'studydeck-backup';
export const BACKUP_VERSION = 1;
/** Years of daily study stay far below this; a larger file is not ours. */
export const BACKUP_MAX_BYTES = 200 * 1024 * 1024;

export interface KeyValue {
	key: string;
	value: unknown;
}

export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: number;
	schemaVersion: number;
	stores: {
		cards: StoredCard[];
		reviews: ReviewEntry[];
		attempts: StoredAttempt[];
		sets: StoredSet[];
		settings: KeyValue[];
		meta: KeyValue[];
	};
}

export interface BackupCounts {
	cards: number;
	reviews: number;
	attempts: number;
	sets: number;
}

/**
 * Meta that belongs to this device, not to the data: when this device last exported.
 * A backup file never carries it and an import never replaces it, so exporting and then
 * importing still says when the last backup was (and export → import → export stays
 * byte-identical).
 */
const DEVICE_META = 'lastBackupAt';

async function keyValues(tx: ReturnType<typeof readAll>, name: 'settings' | 'meta') {
	const store = tx.objectStore(name);
	const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
	return keys
		.map((key, i) => ({ key, value: values[i] }))
		.filter((kv) => name !== 'meta' || kv.key !== DEVICE_META);
}

function readAll(db: Db) {
	return db.transaction([...STORE_NAMES], 'readonly');
}

export async function readBackup(db: Db): Promise<Backup> {
	const tx = readAll(db);
	const [cards, reviews, attempts, sets, settings, meta] = await Promise.all([
		tx.objectStore('cards').getAll(),
		tx.objectStore('reviews').getAll(),
		tx.objectStore('attempts').getAll(),
		tx.objectStore('sets').getAll(),
		keyValues(tx, 'settings'),
		keyValues(tx, 'meta')
	]);
	await tx.done;
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: { cards, reviews, attempts, sets, settings, meta }
	};
}

/** The whole database as compact JSON text; same data, same text. */
export async function exportBackup(db: Db): Promise<string> {
	return JSON.stringify(await readBackup(db));
}

function check<T>(
	schema: v.GenericSchema<T>,
	items: unknown,
	where: string,
	problems: string[]
): T[] {
	if (!Array.isArray(items)) {
		problems.push(`${where}: must be a list`);
		return [];
	}
	const out: T[] = [];
	items.forEach((item, i) => {
		const r = v.safeParse(schema, item);
		if (r.success) out.push(item as T);
		else if (problems.length < 20)
			problems.push(`${where}[${i}]${issuePath(r.issues[0])}: ${r.issues[0].message}`);
	});
	return out;
}

function unique<T>(items: T[], key: (t: T) => unknown, where: string, problems: string[]) {
	const seen = new Set<unknown>();
	for (const item of items) {
		const k = key(item);
		if (k === undefined) continue;
		if (seen.has(k)) problems.push(`${where}: "${String(k)}" appears twice`);
		seen.add(k);
	}
}

/** Validates backup text without touching the database. Throws BackupError. */
export function parseBackup(text: string): Backup {
	const parsed = parseJson(text, BACKUP_MAX_BYTES);
	if (!parsed.ok) throw new BackupError(parsed.problems.map(formatProblem));
	const root = parsed.value as Partial<Record<string, unknown>> | null;
	if (!root || typeof root !== 'object' || root.format !== BACKUP_FORMAT)
		throw new BackupError(['this is not a Studydeck backup']);
	if (root.version !== BACKUP_VERSION || root.schemaVersion !== DB_VERSION)
		throw new BackupError([
			`backup version ${String(root.version)}/${String(root.schemaVersion)} is not supported by this version of Studydeck`
		]);
	const stores = (root.stores ?? {}) as Partial<Record<string, unknown>>;
	const problems: string[] = [];
	const cards = check(StoredCardSchema, stores.cards, 'cards', problems);
	const reviews = check(ReviewEntrySchema, stores.reviews, 'reviews', problems);
	const attempts = check(StoredAttemptSchema, stores.attempts, 'attempts', problems);
	const wrappers = check(StoredSetWrapperSchema, stores.sets, 'sets', problems);
	const settings = check(KeyValueSchema, stores.settings, 'settings', problems);
	const meta = check(KeyValueSchema, stores.meta, 'meta', problems);
	const sets: StoredSet[] = [];
	wrappers.forEach((w, i) => {
		const r = parseSet(w.set);
		// Keep the file's own objects (and so key order) when validation changed nothing,
		// so a re-export is byte-identical; otherwise store the normalized set.
		if (r.ok) sets.push({ ...w, set: sameJson(r.value, w.set) ? (w.set as QuestionSet) : r.value });
		else problems.push(...r.problems.slice(0, 3).map((p) => `sets[${i}].set: ${formatProblem(p)}`));
	});
	unique(cards, (c) => c.id, 'cards', problems);
	unique(reviews, (r) => r.id, 'reviews', problems);
	unique(attempts, (a) => a.id, 'attempts', problems);
	unique(sets, (s) => s.set.id, 'sets', problems);
	unique(settings, (s) => s.key, 'settings', problems);
	unique(meta, (s) => s.key, 'meta', problems);
	if (problems.length) throw new BackupError(problems);
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: { cards, reviews, attempts, sets, settings, meta }
	};
}

const ignore = () => {};

/** JSON equality regardless of key order. */
function sameJson(a: unknown, b: unknown): boolean {
	const sorted = (x: unknown): unknown =>
		Array.isArray(x)
			? x.map(sorted)
			: x && typeof x === 'object'
				? Object.fromEntries(
						Object.entries(x)
							.filter(([, val]) => val !== undefined)
							.sort(([p], [q]) => (p < q ? -1 : 1))
							.map(([k, val]) => [k, sorted(val)])
					)
				: x;
	return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** Replaces ALL data with the backup's, or changes nothing (invalid file, full disk). */
export async function importBackup(db: Db, text: string): Promise<BackupCounts> {
	const { stores } = parseBackup(text);
	// Unsaved editor drafts are not part of a backup; a restore replaces everything, so
	// they go too, or an old draft could reappear over the restored set.
	const tx = db.transaction([...STORE_NAMES, 'drafts'], 'readwrite');
	// Read before anything is cleared; a request of this transaction keeps it open.
	const lastBackupAt: unknown = await tx.objectStore('meta').get(DEVICE_META);
	tx.objectStore('drafts').clear().catch(ignore);
	// Fire every request, await only the transaction: one failure aborts all of it, and
	// the per-request rejections duplicate tx.done's error.
	for (const name of STORE_NAMES) tx.objectStore(name).clear().catch(ignore);
	for (const c of stores.cards) tx.objectStore('cards').put(c).catch(ignore);
	for (const r of stores.reviews) tx.objectStore('reviews').put(r).catch(ignore);
	for (const a of stores.attempts) tx.objectStore('attempts').put(a).catch(ignore);
	for (const s of stores.sets) tx.objectStore('sets').put(s).catch(ignore);
	for (const s of stores.settings) tx.objectStore('settings').put(s.value, s.key).catch(ignore);
	for (const m of stores.meta)
		if (m.key !== DEVICE_META) tx.objectStore('meta').put(m.value, m.key).catch(ignore);
	if (lastBackupAt !== undefined)
		tx.objectStore('meta').put(lastBackupAt, DEVICE_META).catch(ignore);
	await tx.done;
	return {
		cards: stores.cards.length,
		reviews: stores.reviews.length,
		attempts: stores.attempts.length,
		sets: stores.sets.length
	};
}

/** Empties every store in one transaction (Settings → "Erase all progress"). */
export async function wipeDatabase(db: Db): Promise<void> {
	const tx = db.transaction([...STORE_NAMES, 'drafts'], 'readwrite');
	await Promise.all([
		...STORE_NAMES.map((n) => tx.objectStore(n).clear()),
		tx.objectStore('drafts').clear(),
		tx.objectStore('meta').put(DB_VERSION, 'schemaVersion'),
		tx.done
	]);
}
