// The exported .apkg is read back with sql.js and checked against what Anki needs to open
// it: the schema 11 tables and columns in Anki's order, a `col` row whose JSON holds note
// types with templates, the Default deck and options, and notes whose guid, field count,
// sort field and checksum are what Anki computes. Then export → import gives the
// questions back.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerText, frontText } from '../answer-text';
import { everyTypeSet } from '../test-fixtures';
import { openApkg } from './collection';
import { collectionToSets } from './convert';
import { setToApkg } from './write';
import { replayHistory } from './history';
import { answerCard, newCard } from '../../../srs/scheduler';
import { DEFAULT_SETTINGS } from '../../../srs/settings';
import type { ReviewEntry, StoredCard } from '../../../srs/card';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs();
});

const NOW = Date.UTC(2025, 4, 6, 9, 30);

// Anki's schema 11 (rslib/src/storage/schema11.sql), column by column.
const ANKI_COLUMNS: Record<string, string[]> = {
	col: [
		'id',
		'crt',
		'mod',
		'scm',
		'ver',
		'dty',
		'usn',
		'ls',
		'conf',
		'models',
		'decks',
		'dconf',
		'tags'
	],
	notes: ['id', 'guid', 'mid', 'mod', 'usn', 'tags', 'flds', 'sfld', 'csum', 'flags', 'data'],
	cards: [
		'id',
		'nid',
		'did',
		'ord',
		'mod',
		'usn',
		'type',
		'queue',
		'due',
		'ivl',
		'factor',
		'reps',
		'lapses',
		'left',
		'odue',
		'odid',
		'flags',
		'data'
	],
	revlog: ['id', 'cid', 'usn', 'ease', 'ivl', 'lastIvl', 'factor', 'time', 'type'],
	graves: ['usn', 'oid', 'type']
};

async function exported() {
	const set = everyTypeSet();
	const { bytes, notes } = await setToApkg(set, SQL, NOW);
	const files = unzipSync(bytes);
	const db = new SQL.Database(files['collection.anki2']);
	return { set, bytes, notes, files, db };
}

const all = (db: Database, sql: string) => db.exec(sql)[0]?.values ?? [];

/** Anki's csum: SHA-1 of the first field with HTML stripped (an image leaves its file
 * name, as Anki's strip_html_preserving_media_filenames does), first 8 hex digits. */
const csum = (field: string) =>
	parseInt(
		createHash('sha1')
			.update(
				field
					.replace(/<img[^>]+src="([^"]+)"[^>]*>/g, ' $1 ')
					.replace(/<[^>]+>/g, '')
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&quot;/g, '"')
					.replace(/&amp;/g, '&')
			)
			.digest('hex')
			.slice(0, 8),
		16
	);

describe('Anki export', () => {
	it('writes the zip entries a legacy package has', async () => {
		const { files } = await exported();
		expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
		expect(JSON.parse(new TextDecoder().decode(files['media']))).toEqual({});
	});

	it('has the schema 11 tables and columns in the order Anki reads them', async () => {
		const { db } = await exported();
		expect(all(db, 'PRAGMA integrity_check')).toEqual([['ok']]);
		for (const [table, columns] of Object.entries(ANKI_COLUMNS))
			expect(
				all(db, `PRAGMA table_info(${table})`).map((r) => r[1]),
				table
			).toEqual(columns);
		const indexes = all(db, "SELECT name FROM sqlite_master WHERE type = 'index'").map((r) => r[0]);
		expect(indexes).toEqual(
			expect.arrayContaining(['ix_notes_csum', 'ix_cards_nid', 'ix_cards_sched', 'ix_revlog_cid'])
		);
	});

	it('writes one col row with note types, decks and options Anki needs', async () => {
		const { db, set } = await exported();
		const rows = all(db, 'SELECT ver, crt, mod, conf, models, decks, dconf, tags FROM col');
		expect(rows).toHaveLength(1);
		const [ver, crt, mod, conf, models, decks, dconf, tags] = rows[0]!;
		expect(ver).toBe(11);
		expect(mod).toBe(NOW);
		expect(Number(crt) % 86400).toBe(0);
		expect(JSON.parse(String(tags))).toEqual({});
		const c = JSON.parse(String(conf));
		const m = JSON.parse(String(models));
		const d = JSON.parse(String(decks));
		expect(Object.keys(m)).toContain(c.curModel);
		expect(d['1'].name).toBe('Default');
		const deck = Object.values(d).find((x) => (x as { name: string }).name === set.title) as Record<
			string,
			unknown
		>;
		expect(deck).toMatchObject({ dyn: 0, conf: 1, collapsed: false });
		expect(JSON.parse(String(dconf))['1']).toMatchObject({
			id: 1,
			new: { perDay: 20 },
			rev: { perDay: 100 }
		});
		for (const [id, model] of Object.entries(m) as [string, Record<string, unknown>][]) {
			expect(String(model.id)).toBe(id);
			for (const key of [
				'name',
				'type',
				'mod',
				'usn',
				'sortf',
				'did',
				'tmpls',
				'flds',
				'css',
				'latexPre',
				'latexPost',
				'req',
				'tags',
				'vers'
			])
				expect(model, `${model.name}.${key}`).toHaveProperty(key);
			const flds = model.flds as { name: string; ord: number }[];
			const tmpls = model.tmpls as { name: string; ord: number; qfmt: string; afmt: string }[];
			flds.forEach((f, i) => expect(f.ord).toBe(i));
			tmpls.forEach((t, i) => {
				expect(t.ord).toBe(i);
				// Every field a template names exists.
				for (const ref of `${t.qfmt}${t.afmt}`.matchAll(/\{\{[#/^]?(?:cloze:)?([^}]+)\}\}/g))
					if (ref[1] !== 'FrontSide') expect(flds.map((f) => f.name)).toContain(ref[1]);
			});
			if (model.type === 1) expect(tmpls[0]!.qfmt).toBe('{{cloze:Text}}');
			else expect(tmpls[0]!.qfmt).toBe('{{Front}}');
		}
	});

	it('writes notes with unique guids, matching field counts, sort fields and checksums', async () => {
		const { db, set } = await exported();
		const models = JSON.parse(String(all(db, 'SELECT models FROM col')[0]![0]));
		const notes = all(db, 'SELECT id, guid, mid, flds, sfld, csum, tags FROM notes ORDER BY id');
		expect(notes).toHaveLength(set.questions.length);
		expect(new Set(notes.map((n) => n[1])).size).toBe(notes.length);
		notes.forEach(([, guid, mid, flds, sfld, sum, tags], i) => {
			const q = set.questions[i]!;
			expect(guid).toBe(`${set.id}/${q.id}`);
			const model = models[String(mid)];
			const fields = String(flds).split('\x1f');
			expect(fields).toHaveLength(model.flds.length);
			expect(model.type).toBe(q.type === 'cloze' ? 1 : 0);
			expect(sum).toBe(csum(fields[0]!));
			expect(String(sfld)).toBe(
				fields[0]!
					.replace(/<br>/g, '')
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&amp;/g, '&')
			);
			expect(String(tags)).toBe(
				q.tags?.length ? ` ${q.tags.map((t) => t.replace(/ /g, '_')).join(' ')} ` : ''
			);
		});
		// Fields are escaped HTML: the prompt's "<script>" is text, not a tag.
		const flash = notes.find((n) => String(n[1]).endsWith('/Flash.Card_1'))!;
		expect(String(flash[3])).toContain('Front &lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('gives each note the cards Anki would generate: one Basic card, one per cloze number', async () => {
		const { db, set } = await exported();
		const cards = all(
			db,
			'SELECT c.id, c.nid, c.did, c.ord, c.type, c.queue, n.guid FROM cards c JOIN notes n ON n.id = c.nid'
		);
		const decks = JSON.parse(String(all(db, 'SELECT decks FROM col')[0]![0]));
		expect(new Set(cards.map((c) => c[0])).size).toBe(cards.length);
		for (const c of cards) {
			expect(decks[String(c[2])]).toBeDefined();
			expect([c[4], c[5]]).toEqual([0, 0]); // new, in the new queue
		}
		const ords = (id: string) => cards.filter((c) => c[6] === `${set.id}/${id}`).map((c) => c[3]);
		expect(ords('mcq-1')).toEqual([0]);
		expect(ords('cloze-1')).toEqual([0]);
	});

	it('round-trips: export then import gives the questions back', async () => {
		const { bytes, set } = await exported();
		const result = collectionToSets(openApkg(bytes, SQL), { setId: set.id, title: set.title });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const back = result.value.sets[0]!.set;
		expect(back.title).toBe(set.title);
		expect(back.questions.map((q) => q.id)).toEqual(set.questions.map((q) => q.id));
		set.questions.forEach((q, i) => {
			const got = back.questions[i]!;
			const tags = q.tags?.map((t) => t.replace(/ /g, '_'));
			if (q.type === 'flashcard' || q.type === 'cloze')
				expect(got).toEqual({ ...q, ...(tags ? { tags } : {}) });
			else
				expect(got).toEqual({
					id: q.id,
					type: 'flashcard',
					prompt: frontText(q),
					back: answerText(q),
					...(q.explanation ? { explanation: q.explanation } : {}),
					...(tags ? { tags } : {})
				});
		});
	});

	it('writes the same bytes for the same set and time', async () => {
		const a = await setToApkg(everyTypeSet(), SQL, NOW);
		const b = await setToApkg(everyTypeSet(), SQL, NOW);
		expect(a.bytes).toEqual(b.bytes);
	});

	it('carries progress when asked: scheduled cards, the revlog, and a history that replays to the same card', async () => {
		const set = everyTypeSet();
		const DAY = 86_400_000;
		const t0 = NOW - 30 * DAY;
		const studied: StoredCard[] = [];
		const reviews: ReviewEntry[] = [];
		for (const [id, ratings] of [
			['Flash.Card_1', [3, 3, 4]],
			['cloze-1', [1, 3]]
		] as const) {
			let card = newCard(id, set.id, t0);
			ratings.forEach((rating, k) => {
				const r = answerCard(card, rating, t0 + k * 3 * DAY, DEFAULT_SETTINGS);
				reviews.push(r.review);
				card = r.card;
			});
			studied.push(card);
		}
		const { bytes, withProgress } = await setToApkg(set, SQL, NOW, { cards: studied, reviews });
		expect(withProgress).toBe(2);
		const db = new SQL.Database(unzipSync(bytes)['collection.anki2']);
		const [crt] = all(db, 'SELECT crt FROM col')[0]!;
		const rows = all(
			db,
			'SELECT n.guid, c.type, c.queue, c.due, c.ivl, c.reps, c.lapses, c.data, c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE c.reps > 0 ORDER BY n.id'
		);
		const flash = studied[0]!;
		expect(rows.map((r) => r[0])).toEqual([`${set.id}/cloze-1`, `${set.id}/Flash.Card_1`]);
		const [, type, queue, due, ivl, reps, lapses, data] = rows[1]!;
		expect([type, queue, reps, lapses]).toEqual([2, 2, 3, 0]);
		expect(ivl).toBe(flash.scheduled_days);
		// A review card is due a whole number of days after the collection's day zero.
		expect(Number(crt) * 1000 + Number(due) * DAY).toBeLessThanOrEqual(flash.due);
		expect(Number(crt) * 1000 + (Number(due) + 1) * DAY).toBeGreaterThan(flash.due);
		expect(JSON.parse(String(data)).s).toBeCloseTo(flash.stability, 3);
		const revlog = all(db, 'SELECT id, cid, ease, type FROM revlog ORDER BY id');
		// Both first answers were at t0: the later note's id is nudged by 1 ms to stay unique.
		expect(revlog.map((r) => r[2])).toEqual([1, 3, 3, 3, 4]);
		expect(new Set(revlog.map((r) => r[1])).size).toBe(2);
		db.close();

		// Anki's log replays through FSRS to exactly the cards we had.
		const back = collectionToSets(openApkg(bytes, SQL), { setId: set.id, title: set.title });
		if (!back.ok) throw new Error('import failed');
		const replayed = replayHistory(back.value.history, DEFAULT_SETTINGS);
		expect(replayed.cards.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
			[...studied].sort((a, b) => a.id.localeCompare(b.id))
		);
	});
});

describe('Anki export of formatted questions with images', () => {
	const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
	const set = {
		id: 'pics',
		version: 1,
		title: 'Pictures',
		language: 'en',
		questions: [
			{
				id: 'cat',
				type: 'flashcard' as const,
				prompt: 'Bold [image: cat.png]',
				back: 'a cat',
				rich: { prompt: '<b>Bold</b> <img src="cat.png" alt="">', back: '<i>a</i> cat' }
			},
			{
				// Edited since import: its text no longer matches, so the plain text goes out.
				id: 'dog',
				type: 'flashcard' as const,
				prompt: 'A dog (edited)',
				back: 'dog',
				rich: { prompt: '<img src="dog.png" alt=""> dog' }
			}
		]
	};

	it('writes the rich fields, the images they show in the media map, and Anki checksums', async () => {
		const { bytes, images, missingImages } = await setToApkg(
			set,
			SQL,
			NOW,
			undefined,
			new Map([
				['cat.png', PNG],
				['dog.png', PNG]
			])
		);
		expect([images, missingImages]).toEqual([1, []]);
		const files = unzipSync(bytes);
		expect(JSON.parse(new TextDecoder().decode(files['media']))).toEqual({ '0': 'cat.png' });
		expect(files['0']).toEqual(PNG);
		const db = new SQL.Database(files['collection.anki2']);
		const [[flds, sfld, sum]] = all(
			db,
			"SELECT flds, sfld, csum FROM notes WHERE guid = 'pics/cat'"
		) as [[string, string, number]];
		const fields = flds.split('\x1f');
		expect(fields.slice(0, 2)).toEqual(['<b>Bold</b> <img src="cat.png" alt="">', '<i>a</i> cat']);
		expect(sfld).toBe('Bold  cat.png ');
		expect(sum).toBe(csum(fields[0]!));
		expect(sum).toBe(
			parseInt(createHash('sha1').update('Bold  cat.png ').digest('hex').slice(0, 8), 16)
		);
		const [[dog]] = all(db, "SELECT flds FROM notes WHERE guid = 'pics/dog'") as [[string]];
		expect(dog.split('\x1f')[0]).toBe('A dog (edited)');
	});

	it('round-trips: the same text, formatting and image come back', async () => {
		const { bytes } = await setToApkg(set, SQL, NOW, undefined, new Map([['cat.png', PNG]]));
		const result = collectionToSets(openApkg(bytes, SQL), { setId: 'pics', title: 'Pictures' });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const [cat, dog] = result.value.sets[0]!.set.questions;
		expect(cat).toEqual(set.questions[0]);
		expect(dog).toEqual({ id: 'dog', type: 'flashcard', prompt: 'A dog (edited)', back: 'dog' });
		expect(result.value.media).toEqual([
			{ setId: 'pics', name: 'cat.png', type: 'image/png', bytes: PNG }
		]);
	});
});
