// A question set → an .apkg that Anki opens: the legacy layout (collection.anki2, schema
// 11), which every Anki version imports. Flashcards become Basic notes, cloze questions
// Cloze notes, every other type a Basic note whose back holds the answer in words. Note
// guids are "<set id>/<question id>", unique across sets in an Anki collection, and the
// importer maps them back to the question id, so export → import keeps ids.
import type { SqlJsStatic } from 'sql.js';
import type { Question, QuestionSet } from '../../schema';
import { answerText, frontText } from '../answer-text';
import { htmlToText } from '../shared';
import { writePackage } from './package';
import {
	BASIC_MODEL,
	CLOZE_MODEL,
	DEFAULT_DCONF,
	SCHEMA11_SQL,
	colConf,
	deckJson,
	modelJson
} from './schema11';
import { textToField } from './html';

export interface ApkgExport {
	bytes: Uint8Array;
	notes: number;
}

/** Anki's strip_html: comments and tags dropped (a <br> leaves nothing), entities decoded. */
export const ankiStripHtml = (html: string) =>
	htmlToText(html.replace(/<!--[\s\S]*?-->|<[^>]*>/g, ''));

/** Anki's field checksum: the first 8 hex digits of SHA-1 of the field's text, as a number. */
export async function fieldChecksum(field: string): Promise<number> {
	const text = ankiStripHtml(field);
	const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
	const b = new Uint8Array(digest);
	return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

function fieldsOf(q: Question): { cloze: boolean; fields: string[] } {
	const quote = q.source?.quote ?? '';
	if (q.type === 'cloze') {
		const extra = [q.explanation ?? '', quote].filter(Boolean).join('\n');
		return { cloze: true, fields: [q.prompt, extra] };
	}
	const front = q.type === 'flashcard' ? q.prompt : frontText(q);
	return { cloze: false, fields: [front, answerText(q), q.explanation ?? '', quote] };
}

/** Anki tags hold no spaces; a space becomes "_". */
const ankiTag = (t: string) => t.trim().replace(/\s+/g, '_');

/** The set as .apkg bytes. `now` (epoch ms) stamps ids and modification times. */
export async function setToApkg(
	set: QuestionSet,
	SQL: SqlJsStatic,
	now: number
): Promise<ApkgExport> {
	const secs = Math.floor(now / 1000);
	const deckId = now;
	const basicId = now + 1;
	const clozeId = now + 2;
	const db = new SQL.Database();
	try {
		db.exec(SCHEMA11_SQL);
		const models = {
			[basicId]: modelJson({ id: basicId, ...BASIC_MODEL }, deckId, secs),
			[clozeId]: modelJson({ id: clozeId, ...CLOZE_MODEL }, deckId, secs)
		};
		const decks = {
			'1': deckJson(1, 'Default', secs),
			[deckId]: deckJson(deckId, set.title, secs, set.description ?? '')
		};
		db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
			Math.floor(secs / 86400) * 86400,
			now,
			now,
			JSON.stringify(colConf(deckId, basicId)),
			JSON.stringify(models),
			JSON.stringify(decks),
			JSON.stringify(DEFAULT_DCONF),
			'{}'
		]);
		const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
		const card = db.prepare(
			'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)'
		);
		db.exec('BEGIN');
		let cards = 0;
		const clozeOrds = (prompt: string) =>
			[...new Set([...prompt.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1])))].sort(
				(a, b) => a - b
			);
		for (const [i, q] of set.questions.entries()) {
			const { cloze, fields } = fieldsOf(q);
			const html = fields.map(textToField);
			const nid = now + i;
			const tags = (q.tags ?? []).map(ankiTag).filter(Boolean);
			note.run([
				nid,
				`${set.id}/${q.id}`,
				cloze ? clozeId : basicId,
				secs,
				tags.length ? ` ${tags.join(' ')} ` : '',
				html.join('\x1f'),
				ankiStripHtml(html[0]!),
				await fieldChecksum(html[0]!),
				''
			]);
			const ords = cloze ? clozeOrds(q.prompt).map((n) => n - 1) : [0];
			for (const ord of ords)
				card.run([now + set.questions.length + cards++, nid, deckId, ord, secs, i, '']);
		}
		db.exec('COMMIT');
		note.free();
		card.free();
		return { bytes: writePackage(db.export()), notes: set.questions.length };
	} finally {
		db.close();
	}
}
