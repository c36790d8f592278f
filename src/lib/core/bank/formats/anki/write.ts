// A question set → an .apkg that Anki opens: the legacy layout (collection.anki2, schema
// 11), which every Anki version imports. Flashcards become Basic notes, cloze questions
// Cloze notes, every other type a Basic note whose back holds the answer in words. Note
// guids are "<set id>/<question id>", unique across sets in an Anki collection, and the
// importer maps them back to the question id, so export → import keeps ids.
import type { SqlJsStatic } from 'sql.js';
import type { Question, QuestionSet } from '../../schema';
import type { ReviewEntry, StoredCard } from '../../../srs/card';
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
import { richFor, richImages } from '../../rich-text';

export interface ApkgExport {
	bytes: Uint8Array;
	notes: number;
	/** Cards written with their scheduling and review log. */
	withProgress: number;
	/** Images written to the media map. */
	images: number;
	/** Images the notes show that were not given (their notes show the name instead). */
	missingImages: string[];
}

/** The set's progress to carry: FSRS cards and their review log (optional). */
export interface ApkgProgress {
	cards: readonly StoredCard[];
	reviews: readonly ReviewEntry[];
}

const DAY = 86_400_000;

/** Anki's card type and queue for an FSRS state: new, learning, review, relearning. */
const TYPE = [0, 1, 2, 3] as const;
const QUEUE = [0, 1, 2, 1] as const;
/** Anki's revlog type for the state an answer was given in. */
const REVLOG_TYPE = [0, 0, 1, 2] as const;

/** Anki's strip_html: comments and tags dropped (a <br> leaves nothing), entities decoded. */
export const ankiStripHtml = (html: string) =>
	htmlToText(html.replace(/<!--[\s\S]*?-->|<[^>]*>/g, ''));

/** Anki's strip_html_preserving_media_filenames: an <img> leaves its file name behind. */
export const ankiStripHtmlMedia = (html: string) =>
	ankiStripHtml(html.replace(/<img[^>]+src=["']?([^"'>]+)["']?[^>]*>/gi, ' $1 '));

/**
 * Anki's field checksum: the first 8 hex digits of SHA-1 of the field's text (HTML
 * stripped, image file names kept), as a number.
 */
export async function fieldChecksum(field: string): Promise<number> {
	const text = ankiStripHtmlMedia(field);
	const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
	const b = new Uint8Array(digest);
	return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** A text as an Anki field: its rich form when it has a current one, else escaped text. */
function field(text: string, rich: string | undefined): string {
	return richFor(text, rich) ? rich! : textToField(text);
}

/** The note's fields as HTML. */
function fieldsOf(q: Question): { cloze: boolean; fields: string[] } {
	const quote = q.source?.quote ?? '';
	const explanation = q.explanation ? field(q.explanation, q.rich?.explanation) : '';
	if (q.type === 'cloze') {
		const extra = [explanation, quote && textToField(quote)].filter(Boolean).join('<br>');
		return { cloze: true, fields: [textToField(q.prompt), extra] };
	}
	const front =
		q.type === 'flashcard' ? field(q.prompt, q.rich?.prompt) : textToField(frontText(q));
	const back = q.type === 'flashcard' ? field(q.back, q.rich?.back) : textToField(answerText(q));
	return { cloze: false, fields: [front, back, explanation, textToField(quote)] };
}

/** The image file names the set's current rich texts show. */
export function setImages(set: QuestionSet): string[] {
	const names: string[] = [];
	for (const q of set.questions)
		for (const [key, html] of Object.entries(q.rich ?? {})) {
			const text =
				key === 'back' && q.type === 'flashcard'
					? q.back
					: key === 'prompt'
						? q.prompt
						: q.explanation;
			const nodes = text === undefined ? undefined : richFor(text, html);
			if (nodes) richImages(nodes, names);
		}
	return [...new Set(names)];
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

/** Anki tags hold no spaces; a space becomes "_". */
const ankiTag = (t: string) => t.trim().replace(/\s+/g, '_');

/** The set as .apkg bytes. `now` (epoch ms) stamps ids and modification times. */
export async function setToApkg(
	set: QuestionSet,
	SQL: SqlJsStatic,
	now: number,
	progress: ApkgProgress = { cards: [], reviews: [] },
	/** The set's stored images by file name; those its notes show go into the media map. */
	media: ReadonlyMap<string, Uint8Array> = new Map()
): Promise<ApkgExport> {
	const secs = Math.floor(now / 1000);
	const studied = new Map(
		progress.cards.filter((c) => c.setId === set.id && c.reps > 0).map((c) => [c.questionId, c])
	);
	// The collection's day zero: review cards' due dates count days from it.
	let earliest = now;
	for (const c of studied.values()) earliest = Math.min(earliest, c.due);
	const crt = Math.floor(earliest / DAY) * 86400;
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
			crt,
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
			'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)'
		);
		const revlog = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, 0, ?)');
		const usedRevlogIds = new Set<number>();
		let withProgress = 0;
		db.exec('BEGIN');
		let cards = 0;
		const clozeOrds = (prompt: string) =>
			[...new Set([...prompt.matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1])))].sort(
				(a, b) => a - b
			);
		for (const [i, q] of set.questions.entries()) {
			const { cloze, fields: html } = fieldsOf(q);
			const nid = now + i;
			const tags = (q.tags ?? []).map(ankiTag).filter(Boolean);
			note.run([
				nid,
				`${set.id}/${q.id}`,
				cloze ? clozeId : basicId,
				secs,
				tags.length ? ` ${tags.join(' ')} ` : '',
				html.join('\x1f'),
				ankiStripHtmlMedia(html[0]!),
				await fieldChecksum(html[0]!),
				''
			]);
			const ords = cloze ? clozeOrds(q.prompt).map((n) => n - 1) : [0];
			const done = studied.get(q.id);
			for (const [k, ord] of ords.entries()) {
				const cid = now + set.questions.length + cards++;
				// Progress goes on the note's first card (a cloze question is studied as one).
				const c = k === 0 ? done : undefined;
				if (!c) {
					card.run([cid, nid, deckId, ord, secs, 0, 0, i, 0, 0, 0, 0, 0, '']);
					continue;
				}
				withProgress++;
				const review = c.state === 2;
				card.run([
					cid,
					nid,
					deckId,
					ord,
					secs,
					TYPE[c.state],
					QUEUE[c.state],
					review ? Math.floor((c.due - crt * 1000) / DAY) : Math.floor(c.due / 1000),
					review ? Math.max(1, c.scheduled_days) : 0,
					2500,
					c.reps,
					c.lapses,
					review ? 0 : 1001,
					// Anki (23.10+) keeps the FSRS memory state in the card's data.
					JSON.stringify({ s: round4(c.stability), d: round4(c.difficulty) })
				]);
				let lastIvl = 0;
				for (const r of progress.reviews
					.filter((r) => r.cardId === c.id)
					.sort((a, b) => a.reviewedAt - b.reviewedAt)) {
					let id = r.reviewedAt;
					while (usedRevlogIds.has(id)) id++;
					usedRevlogIds.add(id);
					// Anki writes learning intervals as negative seconds; days otherwise.
					const ivl =
						r.scheduledDays > 0 ? r.scheduledDays : -Math.round((r.due - r.reviewedAt) / 1000);
					revlog.run([id, cid, r.rating, ivl, lastIvl, 2500, REVLOG_TYPE[r.state]]);
					lastIvl = ivl;
				}
			}
		}
		db.exec('COMMIT');
		note.free();
		card.free();
		revlog.free();
		const shown = setImages(set);
		const files = Object.fromEntries(
			shown.filter((n) => media.has(n)).map((n) => [n, media.get(n)!] as const)
		);
		return {
			bytes: writePackage(db.export(), files),
			notes: set.questions.length,
			withProgress,
			images: Object.keys(files).length,
			missingImages: shown.filter((n) => !media.has(n))
		};
	} finally {
		db.close();
	}
}
