// Decks built the way Anki writes them, for the tests: the legacy layout (schema 11 JSON in
// the `col` row, collection.anki2, JSON media map) and the current one (schema 18 tables
// with protobuf configs, zstd-compressed collection.anki21b, protobuf media map). Anki's
// stock note types are reproduced with their real field names and templates.
// Test-only: nothing in the app imports this.
import { zipSync } from 'fflate';
import type { Database, SqlJsStatic } from 'sql.js';
import {
	SCHEMA11_SQL,
	DEFAULT_DCONF,
	colConf,
	deckJson,
	modelJson,
	type ModelSpec
} from './schema11';

export const NOW = Date.UTC(2024, 2, 1, 12);

export const STOCK: Record<string, ModelSpec> = {
	basic: {
		id: 1001,
		name: 'Basic',
		cloze: false,
		fields: ['Front', 'Back'],
		templates: [
			{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }
		]
	},
	reversed: {
		id: 1002,
		name: 'Basic (and reversed card)',
		cloze: false,
		fields: ['Front', 'Back'],
		templates: [
			{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
			{ name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' }
		]
	},
	cloze: {
		id: 1003,
		name: 'Cloze',
		cloze: true,
		fields: ['Text', 'Back Extra'],
		templates: [
			{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }
		]
	},
	vocab: {
		id: 1004,
		name: 'Vocabulary',
		cloze: false,
		fields: ['Word', 'Meaning', 'Example'],
		templates: [
			{
				name: 'Recognition',
				qfmt: '<div class=word>{{Word}}</div>',
				afmt: '{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{#Example}}<i>{{Example}}</i>{{/Example}}'
			}
		]
	}
};

export interface DeckNote {
	model: keyof typeof STOCK;
	fields: string[];
	tags?: string[];
	deck?: string;
	guid?: string;
	/** One entry per card: the ords to create (default: one per template, or per cloze). */
	ords?: number[];
	/** Revlog rows for the note's first card: [days after NOW-60d, ease, type]. */
	reviews?: [number, number, number][];
}

export interface DeckSpec {
	notes: DeckNote[];
	media?: Record<string, Uint8Array>;
}

export const SAMPLE: DeckSpec = {
	notes: [
		{
			model: 'basic',
			fields: ['What is the <b>capital</b> of France?', 'Paris<br>on the Seine'],
			tags: ['geo', 'europe'],
			deck: 'World::Capitals',
			guid: 'f@6Lr{b,Xz',
			reviews: [
				[0, 3, 0],
				[1, 3, 1],
				[5, 1, 1],
				[5.01, 3, 2],
				[9, 4, 1]
			]
		},
		{
			model: 'reversed',
			fields: ['der Hund', 'the dog'],
			tags: ['german'],
			deck: 'German'
		},
		{
			model: 'cloze',
			fields: [
				'The {{c1::mitochondria::organelle}} is the <i>powerhouse</i> of the {{c2::cell}}.',
				'Biology 101'
			],
			deck: 'World::Biology'
		},
		{
			model: 'vocab',
			fields: [
				'<img src="chat.jpg"> le chat',
				'the cat<script>alert(1)</script>',
				'<span onclick="steal()">Le chat dort.</span>[sound:chat.mp3]'
			],
			deck: 'World::Capitals'
		}
	],
	media: { 'chat.jpg': new Uint8Array([0xff, 0xd8, 0xff]), 'chat.mp3': new Uint8Array([1, 2, 3]) }
};

const DAY = 86_400_000;

/** Card ords a note gets, as Anki would generate them. */
function ordsOf(n: DeckNote): number[] {
	if (n.ords) return n.ords;
	const m = STOCK[n.model]!;
	if (m.cloze)
		return [...new Set([...n.fields[0]!.matchAll(/\{\{c(\d+)::/g)].map((x) => Number(x[1]) - 1))];
	return m.templates.map((_, i) => i);
}

function deckIds(spec: DeckSpec): Map<string, number> {
	const ids = new Map<string, number>([['Default', 1]]);
	for (const n of spec.notes) if (n.deck && !ids.has(n.deck)) ids.set(n.deck, 2000 + ids.size);
	return ids;
}

function fillRows(db: Database, spec: DeckSpec, decks: Map<string, number>, schema: 11 | 18) {
	const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, ?)');
	const card = db.prepare(
		'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 2, 2, 100, 10, 2500, 3, 1, 0, 0, 0, 0, ?)'
	);
	const rev = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, 2500, 6000, ?)');
	let cid = 5000;
	spec.notes.forEach((n, i) => {
		const nid = 3000 + i;
		const tags = n.tags?.length ? ` ${n.tags.join(' ')} ` : '';
		note.run([
			nid,
			n.guid ?? `guid${i}`,
			STOCK[n.model]!.id,
			NOW / 1000,
			tags,
			n.fields.join('\x1f'),
			n.fields[0]!,
			schema === 18 ? '' : ''
		]);
		ordsOf(n).forEach((ord, k) => {
			const id = cid++;
			card.run([id, nid, decks.get(n.deck ?? 'Default')!, ord, NOW / 1000, '']);
			if (k === 0)
				for (const [day, ease, type] of n.reviews ?? [])
					rev.run([Math.round(NOW - 60 * DAY + day * DAY), id, ease, type]);
		});
	});
	note.free();
	card.free();
	rev.free();
}

/** A legacy .apkg: collection.anki2 (schema 11) with a JSON media map. */
export function legacyApkg(
	SQL: SqlJsStatic,
	spec: DeckSpec = SAMPLE,
	entry = 'collection.anki2'
): Uint8Array {
	const db = new SQL.Database();
	db.exec(SCHEMA11_SQL);
	const decks = deckIds(spec);
	const models = Object.fromEntries(
		Object.values(STOCK).map((m) => [m.id, modelJson(m, 1, NOW / 1000)])
	);
	const deckRows = Object.fromEntries(
		[...decks].map(([name, id]) => [id, deckJson(id, name, NOW / 1000)])
	);
	db.run('INSERT INTO col VALUES (1, 0, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
		NOW,
		NOW,
		JSON.stringify(colConf(1, 1001)),
		JSON.stringify(models),
		JSON.stringify(deckRows),
		JSON.stringify(DEFAULT_DCONF),
		'{}'
	]);
	fillRows(db, spec, decks, 11);
	const sqlite = db.export();
	db.close();
	const files: Record<string, Uint8Array> = { [entry]: sqlite };
	const map: Record<string, string> = {};
	Object.entries(spec.media ?? {}).forEach(([name, data], i) => {
		map[i] = name;
		files[String(i)] = data;
	});
	files['media'] = new TextEncoder().encode(JSON.stringify(map));
	return zipSync(files);
}

// --- the current layout ------------------------------------------------------------------

/** Protobuf encoding of a few fields: numbers as varints, strings and bytes length-prefixed. */
export function proto(fields: [number, number | string | Uint8Array][]): Uint8Array {
	const out: number[] = [];
	const varint = (n: number) => {
		while (n >= 128) {
			out.push((n % 128) | 128);
			n = Math.floor(n / 128);
		}
		out.push(n);
	};
	for (const [n, v] of fields) {
		if (typeof v === 'number') {
			varint(n * 8);
			varint(v);
		} else {
			const bytes = typeof v === 'string' ? new TextEncoder().encode(v) : v;
			varint(n * 8 + 2);
			varint(bytes.length);
			out.push(...bytes);
		}
	}
	return new Uint8Array(out);
}

/** A valid zstd frame holding `data` in raw (stored) blocks: what fzstd must read. */
export function zstdStored(data: Uint8Array): Uint8Array {
	const max = 128 * 1024;
	const blocks = Math.max(1, Math.ceil(data.length / max));
	const out = new Uint8Array(6 + blocks * 3 + data.length);
	out.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]); // magic, no content size, 128 KiB window
	let at = 6;
	for (let b = 0; b < blocks; b++) {
		const i = b * max;
		const size = Math.min(max, data.length - i);
		const header = (b === blocks - 1 ? 1 : 0) | (size << 3); // block type 0 = raw
		out.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff], at);
		out.set(data.subarray(i, i + size), at + 3);
		at += 3 + size;
	}
	return out;
}

/** A zstd bomb: RLE blocks, four bytes each, that inflate to `length` zero bytes. */
export function zstdZeros(length: number): Uint8Array {
	const max = 128 * 1024;
	const blocks = Math.ceil(length / max);
	const out = new Uint8Array(6 + blocks * 4);
	out.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]);
	for (let b = 0; b < blocks; b++) {
		const size = Math.min(max, length - b * max);
		const header = (b === blocks - 1 ? 1 : 0) | (1 << 1) | (size << 3); // block type 1 = RLE
		out.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0], 6 + b * 4);
	}
	return out;
}

const SCHEMA18_TABLES = `
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL, mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
`;

/** A current .apkg: zstd collection.anki21b (schema 18), a protobuf media map, a stub anki2. */
export function modernApkg(SQL: SqlJsStatic, spec: DeckSpec = SAMPLE): Uint8Array {
	const db = new SQL.Database();
	db.exec(SCHEMA11_SQL + SCHEMA18_TABLES);
	db.run("INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')");
	for (const m of Object.values(STOCK)) {
		db.run('INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)', [
			m.id,
			m.name,
			proto(
				m.cloze
					? [
							[1, 1],
							[3, '.card {}']
						]
					: [[3, '.card {}']]
			)
		]);
		m.fields.forEach((f, ord) =>
			db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [m.id, ord, f, proto([[2, 'Arial']])])
		);
		m.templates.forEach((t, ord) =>
			db.run('INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)', [
				m.id,
				ord,
				t.name,
				proto([
					[1, t.qfmt],
					[2, t.afmt]
				])
			])
		);
	}
	const decks = deckIds(spec);
	for (const [name, id] of decks)
		db.run('INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)', [
			id,
			name.replaceAll('::', '\x1f'),
			new Uint8Array(),
			new Uint8Array()
		]);
	fillRows(db, spec, decks, 18);
	const sqlite = db.export();
	db.close();
	const stub = new SQL.Database();
	stub.exec(SCHEMA11_SQL);
	const files: Record<string, Uint8Array> = {
		'collection.anki2': stub.export(),
		'collection.anki21b': zstdStored(sqlite),
		meta: proto([[1, 3]])
	};
	stub.close();
	const entries: Uint8Array[] = [];
	Object.entries(spec.media ?? {}).forEach(([name, data], i) => {
		entries.push(
			proto([
				[1, name],
				[2, data.length]
			])
		);
		files[String(i)] = zstdStored(data);
	});
	files['media'] = zstdStored(proto(entries.map((e) => [1, e])));
	return zipSync(files);
}
