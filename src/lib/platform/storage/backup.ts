// Backup export and import (ARCHITECTURE.md "Data safety"). Export reads every store in one transaction;
// import validates everything first, then replaces all data in one transaction, so a bad
// file or a full disk changes nothing. export → wipe → import → export is byte-identical.
import * as v from 'valibot';
import { parseJson } from '../../core/bank/formats/json';
import { parseSet } from '../../core/bank/validate';
import { formatProblem } from '../../core/bank/problems';
import type { QuestionSet } from '../../core/bank/schema';
import { DB_VERSION, type Db, type StoredAttempt, type StoredMedia, type StoredSet } from './db';
import { IMAGE_TYPES, imageProblem, imageType } from '../../core/bank/media';
import { isMediaName } from '../../core/bank/rich-text';
import { BackupError } from './errors';
import { STORE_NAMES } from './schema';
import type { ReviewEntry, StoredCard } from '../../core/srs/card';
import {
	tallyEntries,
	tallyFromAt,
	tallySlot,
	TALLY_FROM_META,
	type ReviewTally
} from '../../core/srs/tally-record';
import { cardCounts } from '../../core/srs/count-cards';
import { DETAIL_WEEK_META, detailWeekAt, type CardCount } from '../../core/srs/card-count';
import { unwrap } from 'idb';
import { scan } from './scan';
import { PAGE_SIZE, type ReviewPage } from './review-pages';
import { numberReviews, packReviews } from './review-page-writes';
import type { CardPack } from './card-packs';
import { byId, packCards } from './packed-cards';
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

/** Backups from this schema version on may be restored; older ones lack only `media`. */
export const OLDEST_BACKUP_SCHEMA = 2;

/** An image in a backup: its bytes as base64. */
export interface BackupMedia {
	id: string;
	setId: string;
	name: string;
	type: string;
	data: string;
}

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
		/** Images of imported sets (since schema 3). */
		media?: BackupMedia[];
	};
}

/** How far a long backup job has got, for a progress bar: `done` of `total` records. */
export interface BackupProgress {
	step: 'checking' | 'writing';
	done: number;
	total: number;
}

export type OnBackupProgress = (progress: BackupProgress) => void;

/** A restore stopped by the person (or a closed tab): nothing was written. */
export class BackupCancelledError extends Error {
	override name = 'BackupCancelledError';
	constructor() {
		super('The restore was cancelled. Nothing was changed.');
	}
}

/** Records written per step of a restore: each step is one short task, so the page (or
 * the Worker's messages) keeps moving while one transaction holds the whole restore. */
export const RESTORE_CHUNK = 2_000;

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
/** Meta a file never carries either: how this device's card counts and tallies were built. */
const LOCAL_META = new Set([DEVICE_META, DETAIL_WEEK_META, TALLY_FROM_META]);

async function keyValues(tx: ReturnType<typeof readAll>, name: 'settings' | 'meta') {
	const store = tx.objectStore(name);
	const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
	return keys
		.map((key, i) => ({ key, value: values[i] }))
		.filter((kv) => name !== 'meta' || !LOCAL_META.has(kv.key));
}

function readAll(db: Db) {
	return db.transaction([...STORE_NAMES, 'reviewPages', 'cardPacks'], 'readonly');
}

/** The whole database as a backup holds it (exportBackupParts writes the same as text). */
export async function readBackup(db: Db): Promise<Backup> {
	const tx = readAll(db);
	const [stored, packs, pages, loose, rest] = await Promise.all([
		tx.objectStore('cards').getAll(),
		tx.objectStore('cardPacks').getAll(),
		tx.objectStore('reviewPages').getAll(),
		tx.objectStore('reviews').getAll(),
		smallStores(tx)
	]);
	await tx.done;
	// The log in id order: the pages', then the store's (./review-pages.ts).
	const reviews = [...pages.flatMap((p) => p.entries), ...loose];
	// The cards in id order, stored and paged (./card-packs.ts).
	const cards = packs.length ? [...stored, ...packs.flatMap((p) => p.cards)].sort(byId) : stored;
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		// Keys in the file's order: cards, reviews, then the small stores.
		stores: { cards, reviews, ...rest }
	};
}

/** The stores other than cards and the log, as a backup holds them, in the file's order. */
async function smallStores(tx: ReturnType<typeof readAll>) {
	const [attempts, sets, settings, meta, stored] = await Promise.all([
		tx.objectStore('attempts').getAll(),
		tx.objectStore('sets').getAll(),
		keyValues(tx, 'settings'),
		keyValues(tx, 'meta'),
		tx.objectStore('media').getAll()
	]);
	return { attempts, sets, settings, meta, media: media(stored) };
}

/** Stored images as a backup carries them: bytes as base64. */
const media = (stored: StoredMedia[]): BackupMedia[] =>
	stored.map(({ id, setId, name, type, bytes }) => ({
		id,
		setId,
		name,
		type,
		data: toBase64(bytes)
	}));

/** Records read per step of an export: one getAll and one JSON.stringify each. */
export const EXPORT_CHUNK = 5_000;

/**
 * The backup file's text in parts that join to exactly `JSON.stringify(await
 * readBackup(db))` (the same data gives the same file). Cards and the log are read a chunk
 * at a time in key order (./scan.ts), the next chunks asked for while this one is turned
 * into text, so reading and writing overlap and no one string holds the whole file
 * (100,000 cards and 250,000 answers are about 140 MB of it).
 */
export async function exportBackupParts(
	db: Db,
	{ chunk = EXPORT_CHUNK }: { chunk?: number } = {}
): Promise<string[]> {
	const tx = readAll(db);
	/** A store's records as the inside of a JSON array, one part per chunk. */
	const list = async (records: AsyncGenerator<unknown[]>) => {
		const parts: string[] = [];
		for await (const values of records) {
			const text = JSON.stringify(values).slice(1, -1);
			parts.push(parts.length ? `,${text}` : text);
		}
		return parts;
	};
	const [cards, reviews, { attempts, sets, settings, meta, media }] = await Promise.all([
		list(cardChunks(tx, chunk)),
		list(logChunks(tx, chunk)),
		smallStores(tx)
	]);
	await tx.done;
	const head = { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: DB_VERSION };
	return [
		// The same keys in the same order as readBackup's object.
		`${JSON.stringify(head).slice(0, -1)},"stores":{"cards":[`,
		...cards,
		'],"reviews":[',
		...reviews,
		`],"attempts":${JSON.stringify(attempts)},"sets":${JSON.stringify(sets)}`,
		`,"settings":${JSON.stringify(settings)},"meta":${JSON.stringify(meta)}`,
		`,"media":${JSON.stringify(media)}}}`
	];
}

/** The cards in id order, about `size` at a time: the store's merged with the packs'
 * (./card-packs.ts; a card is in one of the two). */
async function* cardChunks(
	tx: ReturnType<typeof readAll>,
	size: number
): AsyncGenerator<StoredCard[], void, undefined> {
	const stored = scan(tx.objectStore('cards'), { size });
	const packs = await tx.objectStore('cardPacks').getAll();
	if (!packs.length) return yield* stored;
	// A set's ids all start `<set>/`: sets in that order, then each set's packs by `lo`.
	const order = (p: CardPack) => `${p.setId}/`;
	packs.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : a.lo < b.lo ? -1 : 1));
	const paged = packs.flatMap((p) => p.cards);
	let i = 0;
	let out: StoredCard[] = [];
	const full = () => out.length >= size;
	for await (const values of stored) {
		for (const card of values) {
			while (i < paged.length && paged[i]!.id < card.id) out.push(paged[i++]!);
			out.push(card);
		}
		if (full()) {
			yield out;
			out = [];
		}
	}
	while (i < paged.length) {
		out.push(paged[i++]!);
		if (full()) {
			yield out;
			out = [];
		}
	}
	if (out.length) yield out;
}

/** The log in id order, about `size` entries at a time: the pages', then the store's
 * (./review-pages.ts). */
async function* logChunks(tx: ReturnType<typeof readAll>, size: number) {
	const pages = { size: Math.max(1, Math.round(size / PAGE_SIZE)) };
	for await (const chunk of scan(tx.objectStore('reviewPages'), pages))
		yield chunk.flatMap((p) => p.entries);
	yield* scan(tx.objectStore('reviews'), { size, numericKey: (r) => r.id! });
}

/** The backup file, built from its parts (Settings → Export, in the backup Worker). */
export async function exportBackupBlob(db: Db): Promise<Blob> {
	return new Blob(await exportBackupParts(db), { type: 'application/json' });
}

/** The whole database as compact JSON text; same data, same text. */
export async function exportBackup(db: Db): Promise<string> {
	return (await exportBackupParts(db)).join('');
}

/** Counts validated records across the stores, reporting every RESTORE_CHUNK. */
function checkCounter(total: number, onProgress?: OnBackupProgress) {
	let done = 0;
	return () => {
		done++;
		if (onProgress && (done % RESTORE_CHUNK === 0 || done === total))
			onProgress({ step: 'checking', done, total });
	};
}

function check<T>(
	schema: v.GenericSchema<T>,
	items: unknown,
	where: string,
	problems: string[],
	tick: () => void
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
		tick();
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

const length = (x: unknown) => (Array.isArray(x) ? x.length : 0);

/** Validates backup text without touching the database. Throws BackupError. */
export function parseBackup(text: string, onProgress?: OnBackupProgress): Backup {
	const parsed = parseJson(text, BACKUP_MAX_BYTES);
	if (!parsed.ok) throw new BackupError(parsed.problems.map(formatProblem));
	const root = parsed.value as Partial<Record<string, unknown>> | null;
	if (!root || typeof root !== 'object' || root.format !== BACKUP_FORMAT)
		throw new BackupError(['this is not a Studydeck backup']);
	const schema = root.schemaVersion;
	if (
		root.version !== BACKUP_VERSION ||
		typeof schema !== 'number' ||
		schema < OLDEST_BACKUP_SCHEMA ||
		schema > DB_VERSION
	)
		throw new BackupError([
			`backup version ${String(root.version)}/${String(root.schemaVersion)} is not supported by this version of Studydeck`
		]);
	const stores = (root.stores ?? {}) as Partial<Record<string, unknown>>;
	const problems: string[] = [];
	const tick = checkCounter(
		['cards', 'reviews', 'attempts', 'sets', 'settings', 'meta', 'media'].reduce(
			(sum, name) => sum + length(stores[name]),
			0
		),
		onProgress
	);
	const cards = check(StoredCardSchema, stores.cards, 'cards', problems, tick);
	const reviews = check(ReviewEntrySchema, stores.reviews, 'reviews', problems, tick);
	const attempts = check(StoredAttemptSchema, stores.attempts, 'attempts', problems, tick);
	const wrappers = check(StoredSetWrapperSchema, stores.sets, 'sets', problems, tick);
	const settings = check(KeyValueSchema, stores.settings, 'settings', problems, tick);
	// An older backup's version record would undo the upgrade: it is this version now.
	const meta = check(KeyValueSchema, stores.meta, 'meta', problems, tick).map((m) =>
		m.key === 'schemaVersion' ? { key: m.key, value: DB_VERSION } : m
	);
	const media = checkMedia(stores.media ?? [], problems, tick);
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
	unique(media, (m) => m.id, 'media', problems);
	const setIds = new Set(sets.map((s) => s.set.id));
	media.forEach((m, i) => {
		if (!setIds.has(m.setId) && problems.length < 20)
			problems.push(`media[${i}]: its set "${m.setId}" is not in the backup`);
	});
	if (problems.length) throw new BackupError(problems);
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: { cards, reviews, attempts, sets, settings, meta, media }
	};
}

const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += CHUNK)
		s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	return btoa(s);
}

export function fromBase64(data: string): Uint8Array | undefined {
	try {
		const s = atob(data);
		const out = new Uint8Array(s.length);
		for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
		return out;
	} catch {
		return undefined;
	}
}

/** Images as the rest of a backup: named, typed by their bytes, within the limits. */
function checkMedia(items: unknown, problems: string[], tick: () => void): BackupMedia[] {
	if (!Array.isArray(items)) {
		problems.push('media: must be a list');
		return [];
	}
	const out: BackupMedia[] = [];
	items.forEach((raw, i) => {
		tick();
		const say = (m: string) => problems.length < 20 && problems.push(`media[${i}]: ${m}`);
		const m = raw as Partial<Record<keyof BackupMedia, unknown>> | null;
		if (!m || typeof m !== 'object') return say('must be an object');
		const { id, setId, name, type, data } = m;
		if (typeof setId !== 'string' || typeof name !== 'string' || !isMediaName(name))
			return say('needs a set id and a plain file name');
		if (id !== `${setId}/${name}`) return say('its id must be "<set>/<name>"');
		if (typeof type !== 'string' || !IMAGE_TYPES.includes(type))
			return say(`type must be one of ${IMAGE_TYPES.join(', ')}`);
		const bytes = typeof data === 'string' ? fromBase64(data) : undefined;
		if (!bytes) return say('data must be base64');
		const problem = imageProblem(name, bytes);
		if (problem) return say(problem);
		if (imageType(bytes) !== type) return say(`the bytes are not ${type}`);
		out.push({ id, setId, name, type, data: data as string });
	});
	return out;
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

export interface RestoreOptions {
	onProgress?: OnBackupProgress;
	/** Epoch ms: the card counts get quarter-hour detail from two days before it, and the
	 * tallies cover the TALLY_KEEP_DAYS before it. */
	now?: number;
	/** Aborting it rolls the whole restore back: the old data stays exactly as it was. */
	signal?: AbortSignal;
}

export function backupCounts({ stores }: Backup): BackupCounts {
	return {
		cards: stores.cards.length,
		reviews: stores.reviews.length,
		attempts: stores.attempts.length,
		sets: stores.sets.length
	};
}

function abortQuietly(tx: IDBTransaction) {
	try {
		tx.abort();
	} catch {
		// already finished or aborted
	}
}

/** Settles with a plain request (the last of a step): one promise per step, not per record. */
function settled(request: IDBRequest): Promise<void> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
	});
}

/**
 * Every write of a restore, in order, made one at a time as the caller pulls them: the
 * clears, the backup's records, this device's last backup time and the tallies rebuilt
 * from the log. Plain IndexedDB requests: idb's promise and two listeners per record cost
 * ~4 s of the Worker's time at 350,000 records, for results no one reads.
 */
/** A request of a restore, and how many of the backup's records it writes. */
interface Write {
	request: IDBRequest;
	records: number;
}
const w = (request: IDBRequest, records = 1): Write => ({ request, records });

function* restoreWrites(
	tx: IDBTransaction,
	stores: Backup['stores'],
	meta: KeyValue[],
	derived: { packs: CardPack[]; pages: ReviewPage[]; tallies: ReviewTally[]; counts: CardCount[] }
): Generator<Write, void, undefined> {
	for (const name of DERIVED_STORES) yield w(tx.objectStore(name).clear());
	for (const name of STORE_NAMES) yield w(tx.objectStore(name).clear());
	// The cards as packs (./card-packs.ts): the store stays empty.
	const packs = tx.objectStore('cardPacks');
	for (const pack of derived.packs) yield w(packs.put(pack), pack.cards.length);
	const pages = tx.objectStore('reviewPages');
	for (const page of derived.pages) yield w(pages.put(page), page.count);
	for (const [name, values] of [
		['attempts', stores.attempts],
		['sets', stores.sets]
	] as const) {
		const store = tx.objectStore(name);
		for (const value of values) yield w(store.put(value));
	}
	// The log's later answers must get ids above the pages': an id put by hand moves the
	// store's key generator past it (the generator never goes back, even on clear).
	const last = derived.pages.at(-1)?.entries.at(-1)?.id;
	if (last !== undefined) {
		const reviews = tx.objectStore('reviews');
		yield w(reviews.put({ id: last }));
		yield w(reviews.delete(last));
	}
	const settings = tx.objectStore('settings');
	for (const { key, value } of stores.settings) yield w(settings.put(value, key));
	const metaStore = tx.objectStore('meta');
	for (const { key, value } of meta) yield w(metaStore.put(value, key));
	const media = tx.objectStore('media');
	for (const { data, ...m } of stores.media ?? [])
		yield w(media.put({ ...m, bytes: fromBase64(data)! } satisfies StoredMedia));
	// Not in the file: rebuilt from the restored log and cards.
	const tallyStore = tx.objectStore('reviewTallies');
	for (const t of derived.tallies) yield w(tallyStore.put(t));
	const countStore = tx.objectStore('cardCounts');
	for (const c of derived.counts) yield w(countStore.put(c));
}

/** Stores a backup does not hold, emptied by a restore: drafts (work in progress) and what
 * is rebuilt from the rest. */
const DERIVED_STORES = [
	'drafts',
	'reviewPages',
	'cardPacks',
	'reviewTallies',
	'cardCounts'
] as const;

/**
 * What a restore writes that the file does not hold, worked out from the backup: the cards
 * packed, the log packed into pages, the tallies of the days Stats shows and the card counts. The backup
 * Worker makes it while the file is checked, so the restore that follows only writes
 * (100,000 cards and 250,000 answers: 0.2 s less between "Import" and "Restored");
 * `importBackup` works the time-dependent parts out again if the clock has since moved
 * past them (a preview left open overnight).
 */
export interface RestorePlan {
	backup: Backup;
	/** The cards, packed. */
	packs: CardPack[];
	pages: ReviewPage[];
	/** The first tally slot kept (tallyFromAt) and the tallies from it on. */
	tallyFrom: number;
	tallies: ReviewTally[];
	/** The week the counts have quarter-hour detail from (detailWeekAt), and the counts. */
	detail: number;
	counts: CardCount[];
}

export function planRestore(backup: Backup, now = Date.now()): RestorePlan {
	const { cards, reviews } = backup.stores;
	return {
		backup,
		packs: packCards(cards),
		pages: packReviews(numberReviews(reviews)),
		...tallyPart(reviews, tallyFromAt(now)),
		...countPart(cards, detailWeekAt(now))
	};
}

// Tallies only for the days Stats can show (TALLY_KEEP_DAYS).
const tallyPart = (reviews: ReviewEntry[], tallyFrom: number) => ({
	tallyFrom,
	tallies: tallyEntries(reviews.filter((e) => tallySlot(e.reviewedAt) >= tallyFrom))
});

const countPart = (cards: StoredCard[], detail: number) => ({
	detail,
	counts: cardCounts(cards, detail)
});

/** `plan` as it would be made at `now`: the parts made at another time are made again. */
function planAt(plan: RestorePlan, now: number): RestorePlan {
	const { cards, reviews } = plan.backup.stores;
	const tallyFrom = tallyFromAt(now);
	const detail = detailWeekAt(now);
	return {
		...plan,
		...(tallyFrom === plan.tallyFrom ? {} : tallyPart(reviews, tallyFrom)),
		...(detail === plan.detail ? {} : countPart(cards, detail))
	};
}

/** Replaces ALL data with the backup's, or changes nothing (invalid file, full disk, a
 * cancel, a closed tab): one transaction, written RESTORE_CHUNK records per step. */
export async function importBackup(
	db: Db,
	source: string | Backup | RestorePlan,
	{ onProgress, signal, now = Date.now() }: RestoreOptions = {}
): Promise<BackupCounts> {
	if (signal?.aborted) throw new BackupCancelledError();
	const plan =
		typeof source !== 'string' && 'backup' in source
			? planAt(source, now)
			: planRestore(typeof source === 'string' ? parseBackup(source) : source, now);
	const { backup, packs, pages, tallyFrom, tallies, detail, counts } = plan;
	const { stores } = backup;
	// Unsaved editor drafts are not part of a backup; a restore replaces everything, so
	// they go too, or an old draft could reappear over the restored set.
	const tx = db.transaction([...STORE_NAMES, ...DERIVED_STORES], 'readwrite');
	// Fire every request, await only the last of each step and the transaction: one failure
	// aborts all of it, and the per-request errors duplicate tx.done's error.
	const done = tx.done;
	done.catch(ignore);
	// Read before anything is cleared; a request of this transaction keeps it open.
	const lastBackupAt: unknown = await tx.objectStore('meta').get(DEVICE_META);
	const meta = [
		...stores.meta.filter((m) => !LOCAL_META.has(m.key)),
		{ key: DETAIL_WEEK_META, value: detail },
		{ key: TALLY_FROM_META, value: tallyFrom },
		...(lastBackupAt === undefined ? [] : [{ key: DEVICE_META, value: lastBackupAt }])
	];
	// In records, a page counting as the answers it holds: a step writes RESTORE_CHUNK of
	// them, and the progress bar moves as the backup's records are written.
	const total =
		STORE_NAMES.length +
		DERIVED_STORES.length +
		stores.cards.length +
		stores.reviews.length +
		(pages.length ? 2 : 0) +
		stores.attempts.length +
		stores.sets.length +
		stores.settings.length +
		meta.length +
		(stores.media?.length ?? 0) +
		tallies.length +
		counts.length;
	const raw = unwrap(tx);
	const writes = restoreWrites(raw, stores, meta, { packs, pages, tallies, counts });
	try {
		// One step is always queued behind the one awaited, so the database never waits for
		// the next step's requests.
		let ahead: { settled: Promise<void>; written: number } | undefined;
		for (let written = 0; ;) {
			let last: IDBRequest | undefined;
			for (let n = 0; n < RESTORE_CHUNK;) {
				const next = writes.next();
				if (next.done) break;
				last = next.value.request;
				n += next.value.records;
				written += next.value.records;
			}
			const step = ahead;
			// Listened to as it is made: its success may come before the step ahead of it ends.
			ahead = last && { settled: settled(last), written };
			// A failure is the transaction's (awaited below, or after a cancel, not at all).
			ahead?.settled.catch(ignore);
			if (!step) {
				if (ahead) continue;
				break;
			}
			await step.settled;
			onProgress?.({ step: 'writing', done: step.written, total });
			if (signal?.aborted) {
				tx.abort();
				throw new BackupCancelledError();
			}
		}
	} catch (e) {
		// A request that threw (rather than failed) leaves the transaction running: end it,
		// or it would commit what was written so far.
		if (!(e instanceof BackupCancelledError)) abortQuietly(raw);
		await done.catch(ignore);
		// The transaction's own error (quota, a closed database) explains it best.
		throw raw.error ?? e;
	}
	await done;
	return backupCounts(backup);
}

/** Empties every store in one transaction (Settings → "Erase all progress"). */
export async function wipeDatabase(db: Db): Promise<void> {
	const tx = db.transaction([...STORE_NAMES, ...DERIVED_STORES], 'readwrite');
	await Promise.all([
		...STORE_NAMES.map((n) => tx.objectStore(n).clear()),
		...DERIVED_STORES.map((n) => tx.objectStore(n).clear()),
		tx.objectStore('meta').put(DB_VERSION, 'schemaVersion'),
		tx.done
	]);
}
