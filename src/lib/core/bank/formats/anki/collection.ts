// An Anki collection (SQLite, schema 11 or 18) read into plain objects, so the database is
// closed before any conversion runs. Schema 11 keeps note types and decks as JSON in the
// `col` row; schema 18 (collection.anki21b) keeps them in tables with protobuf configs.
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { LIMITS } from '../../schema';
import { ApkgError, readPackage, type CollectionLayout } from './package';
import { intField, stringField } from './protobuf';

export interface AnkiTemplate {
	name: string;
	ord: number;
	qfmt: string;
	afmt: string;
}

export interface AnkiNoteType {
	id: number;
	name: string;
	cloze: boolean;
	fields: string[];
	templates: AnkiTemplate[];
}

export interface AnkiNote {
	id: number;
	guid: string;
	mid: number;
	tags: string[];
	fields: string[];
}

export interface AnkiCard {
	id: number;
	nid: number;
	did: number;
	ord: number;
}

export interface AnkiReview {
	/** Epoch ms of the answer (revlog.id). */
	at: number;
	cid: number;
	/** 1 Again … 4 Easy; 0 for a manual reschedule. */
	ease: number;
	/** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
	type: number;
}

export interface AnkiCollection {
	layout: CollectionLayout;
	noteTypes: Map<number, AnkiNoteType>;
	decks: Map<number, string>;
	notes: AnkiNote[];
	cards: AnkiCard[];
	reviews: AnkiReview[];
	/** Zip entry → media file name. */
	media: Map<string, string>;
	/** The .apkg itself, to inflate the images the notes use (and only those) on conversion. */
	zip?: Uint8Array;
}

/** Notes an import may hold: the schema's question limit, so a deck past it fails early. */
export const MAX_NOTES = LIMITS.questions;

function rows(db: Database, sql: string): SqlValue[][] {
	return db.exec(sql)[0]?.values ?? [];
}

const num = (v: SqlValue) => (typeof v === 'number' ? v : Number(v ?? 0));
const str = (v: SqlValue) =>
	typeof v === 'string'
		? v
		: v instanceof Uint8Array
			? new TextDecoder().decode(v)
			: String(v ?? '');
const blob = (v: SqlValue) =>
	v instanceof Uint8Array
		? v
		: typeof v === 'string'
			? new TextEncoder().encode(v)
			: new Uint8Array();

function parseObject(text: string, what: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new ApkgError(`the collection's ${what} are damaged (not JSON)`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new ApkgError(`the collection's ${what} are damaged (not an object)`);
	return value as Record<string, unknown>;
}

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] =>
	Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === 'object') : [];

function schema11(db: Database) {
	const [row] = rows(db, 'SELECT models, decks FROM col LIMIT 1');
	if (!row) throw new ApkgError('the collection has no col row; it is not an Anki collection');
	const noteTypes = new Map<number, AnkiNoteType>();
	for (const m of Object.values(parseObject(str(row[0]!), 'note types'))) {
		if (!m || typeof m !== 'object') continue;
		const model = m as Json;
		const id = Number(model.id);
		noteTypes.set(id, {
			id,
			name: String(model.name ?? 'Note type'),
			cloze: Number(model.type) === 1,
			fields: list(model.flds)
				.sort((a, b) => Number(a.ord) - Number(b.ord))
				.map((f) => String(f.name ?? '')),
			templates: list(model.tmpls)
				.map((t) => ({
					name: String(t.name ?? ''),
					ord: Number(t.ord),
					qfmt: String(t.qfmt ?? ''),
					afmt: String(t.afmt ?? '')
				}))
				.sort((a, b) => a.ord - b.ord)
		});
	}
	const decks = new Map<number, string>();
	for (const d of Object.values(parseObject(str(row[1]!), 'decks')))
		if (d && typeof d === 'object') decks.set(Number((d as Json).id), String((d as Json).name));
	return { noteTypes, decks };
}

function schema18(db: Database) {
	const noteTypes = new Map<number, AnkiNoteType>();
	for (const [id, name, config] of rows(db, 'SELECT id, name, config FROM notetypes'))
		noteTypes.set(num(id!), {
			id: num(id!),
			name: str(name!),
			cloze: intField(blob(config!), 1) === 1,
			fields: [],
			templates: []
		});
	for (const [ntid, , name] of rows(db, 'SELECT ntid, ord, name FROM fields ORDER BY ntid, ord'))
		noteTypes.get(num(ntid!))?.fields.push(str(name!));
	for (const [ntid, ord, name, config] of rows(
		db,
		'SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord'
	)) {
		const c = blob(config!);
		noteTypes.get(num(ntid!))?.templates.push({
			name: str(name!),
			ord: num(ord!),
			qfmt: stringField(c, 1) ?? '',
			afmt: stringField(c, 2) ?? ''
		});
	}
	const decks = new Map<number, string>();
	// Schema 18 separates deck levels with U+001F where schema 11 wrote "::".
	for (const [id, name] of rows(db, 'SELECT id, name FROM decks'))
		decks.set(num(id!), str(name!).replaceAll('\x1f', '::'));
	return { noteTypes, decks };
}

function readDatabase(db: Database): Omit<AnkiCollection, 'layout' | 'media'> {
	const tables = new Set(
		rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => str(r[0]!))
	);
	for (const t of ['col', 'notes', 'cards'])
		if (!tables.has(t)) throw new ApkgError(`not an Anki collection: the ${t} table is missing`);
	const { noteTypes, decks } = tables.has('notetypes') ? schema18(db) : schema11(db);
	const [[count] = [0]] = rows(db, 'SELECT count(*) FROM notes');
	if (num(count!) > MAX_NOTES)
		throw new ApkgError(
			`the deck has ${num(count!)} notes; one import may hold at most ${MAX_NOTES}`
		);
	const notes = rows(db, 'SELECT id, guid, mid, tags, flds FROM notes ORDER BY id').map(
		([id, guid, mid, tags, flds]): AnkiNote => ({
			id: num(id!),
			guid: str(guid!),
			mid: num(mid!),
			tags: str(tags!).split(/\s+/).filter(Boolean),
			fields: str(flds!).split('\x1f')
		})
	);
	const cards = rows(db, 'SELECT id, nid, did, ord FROM cards ORDER BY nid, ord').map(
		([id, nid, did, ord]): AnkiCard => ({
			id: num(id!),
			nid: num(nid!),
			did: num(did!),
			ord: num(ord!)
		})
	);
	const reviews = tables.has('revlog')
		? rows(db, 'SELECT id, cid, ease, type FROM revlog ORDER BY id').map(
				([id, cid, ease, type]): AnkiReview => ({
					at: num(id!),
					cid: num(cid!),
					ease: num(ease!),
					type: num(type!)
				})
			)
		: [];
	return { noteTypes, decks, notes, cards, reviews };
}

/** An .apkg's bytes → its collection; throws ApkgError with a reason a person can act on. */
export function openApkg(bytes: Uint8Array, SQL: SqlJsStatic): AnkiCollection {
	const { layout, sqlite, media } = readPackage(bytes);
	if (new TextDecoder().decode(sqlite.subarray(0, 15)) !== 'SQLite format 3')
		throw new ApkgError(`the collection inside is not an SQLite database`);
	let db: Database | undefined;
	try {
		db = new SQL.Database(sqlite);
		return { layout, media, zip: bytes, ...readDatabase(db) };
	} catch (e) {
		if (e instanceof ApkgError) throw e;
		throw new ApkgError(`the collection cannot be read (${(e as Error).message})`);
	} finally {
		db?.close();
	}
}
