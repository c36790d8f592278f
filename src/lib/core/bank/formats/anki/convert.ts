// An Anki collection → question sets. Basic-style notes give one flashcard per card (so a
// reversed card is its own flashcard, with its own history); cloze notes give one cloze
// question; other note types give flashcards from their templates, or from their first
// two fields when the templates say nothing usable. Pure: no DOM, no clock.
import { LIMITS, type Question, type QuestionSet } from '../../schema';
import { parseSet } from '../../validate';
import type { Problem, Result } from '../../problems';
import { IdAllocator, cleanTags, slugify, type Imported } from '../shared';
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNoteType, AnkiReview } from './collection';
import {
	hasMarkup,
	parseRich,
	richImages,
	richText,
	serializeRich,
	RICH_LIMITS,
	type RichNode,
	type RichReport
} from '../../rich-text';
import { imageType, type MediaFile } from '../../media';
import { readMediaFiles } from './package';

export type NoteKind = 'basic' | 'cloze' | 'other';

export interface ApkgPreview {
	layout: AnkiCollection['layout'];
	notes: number;
	cards: number;
	media: number;
	reviews: number;
	decks: { name: string; cards: number }[];
	noteTypes: { name: string; kind: NoteKind; notes: number }[];
}

export interface AnkiImportOptions {
	/** One set per deck, or one set whose questions are tagged with their deck. */
	mode?: 'decks' | 'single';
	/** The single set's id and title (mode "single"). */
	setId?: string;
	title?: string;
}

/** One question's Anki answers, oldest first, for replay through FSRS. */
export interface QuestionHistory {
	setId: string;
	questionId: string;
	reviews: AnkiReview[];
}

export interface AnkiImported {
	sets: Imported[];
	/** The images the sets show, each stored with its set. */
	media: MediaFile[];
	history: QuestionHistory[];
	preview: ApkgPreview;
}

const SPECIAL = new Set(['FrontSide', 'Tags', 'Deck', 'Subdeck', 'Card', 'CardFlag', 'Type']);

/** Field names a template shows, in order: `{{Front}}`, `{{text:Back}}`, `{{cloze:Text}}`. */
export function templateFields(format: string, fields: readonly string[]): string[] {
	const out: string[] = [];
	for (const m of format.matchAll(/\{\{([^#^/{}][^{}]*)\}\}/g)) {
		const name = m[1]!.split(':').pop()!.trim();
		if (!SPECIAL.has(name) && fields.includes(name) && !out.includes(name)) out.push(name);
	}
	return out;
}

export function noteKind(t: AnkiNoteType): NoteKind {
	if (t.cloze) return 'cloze';
	const basic = t.fields[0] === 'Front' && t.fields[1] === 'Back';
	return basic ? 'basic' : 'other';
}

export function previewCollection(col: AnkiCollection): ApkgPreview {
	const perDeck = new Map<number, number>();
	for (const c of col.cards) perDeck.set(c.did, (perDeck.get(c.did) ?? 0) + 1);
	const perType = new Map<number, number>();
	for (const n of col.notes) perType.set(n.mid, (perType.get(n.mid) ?? 0) + 1);
	return {
		layout: col.layout,
		notes: col.notes.length,
		cards: col.cards.length,
		media: col.media.size,
		reviews: col.reviews.length,
		decks: [...perDeck].map(([did, cards]) => ({ name: deckName(col, did), cards })),
		noteTypes: [...perType].map(([mid, notes]) => {
			const t = col.noteTypes.get(mid);
			return { name: t?.name ?? `unknown (${mid})`, kind: t ? noteKind(t) : 'other', notes };
		})
	};
}

const deckName = (col: AnkiCollection, did: number) => col.decks.get(did) || 'Default';

function clip(text: string, max: number, what: string, warn: (m: string) => void): string {
	if (text.length <= max) return text;
	warn(`${what} is longer than ${max} characters; cut to fit`);
	return `${text.slice(0, max - 1)}…`;
}

interface Draft {
	did: number;
	question: Question;
	cards: number[];
}

/** Fields joined as lines, in the canonical form. */
function joinFields(parts: RichNode[][]): RichNode[] {
	const filled = parts.filter((p) => p.length);
	if (filled.length <= 1) return filled[0] ?? []; // parseRich's output is canonical already
	const out: RichNode[] = [];
	for (const p of parts) {
		if (!p.length) continue;
		if (out.length) out.push({ tag: 'br' });
		out.push(...p);
	}
	return parseRich(serializeRich(out));
}

type Rich = NonNullable<Question['rich']>;

/** Plain text for the question, and its rich form when formatting or images would be lost. */
function richField(
	nodes: RichNode[],
	max: number,
	what: string,
	say: (m: string) => void,
	rich: Rich,
	key: keyof Rich
): string {
	const text = richText(nodes);
	const html = serializeRich(nodes);
	if (hasMarkup(nodes) && text.length <= max && html.length <= RICH_LIMITS.htmlLength)
		rich[key] = html;
	return clip(text, max, what, say);
}

/** Builds the questions of one note; problems go to `warn`, naming the note. */
function noteQuestions(
	note: AnkiNote,
	type: AnkiNoteType | undefined,
	cards: AnkiCard[],
	ids: IdAllocator,
	refs: RichReport,
	warn: (m: string) => void
): Draft[] {
	const where = `note ${note.id}`;
	const say = (m: string) => warn(`${where}: ${m}`);
	const nodes = (i: number) => parseRich(note.fields[i] ?? '', refs);
	const byName = (name: string) => nodes(type ? type.fields.indexOf(name) : -1);
	const tags = cleanTags(
		note.tags.map((t) => (t.length > LIMITS.tagLength ? t.slice(0, LIMITS.tagLength) : t)),
		say
	)?.slice(0, LIMITS.tags - 1);
	// Our own exports write "<set id>/<question id>": the last part gives the id back.
	const base = slugify(note.guid.split('/').pop() ?? '') || `anki-${note.id}`;
	const idOf = (suffix: string) => ids.claim(`${base}${suffix}`, `anki-${note.id}${suffix}`);
	if (!type) {
		say('its note type is missing from the collection; imported from its first two fields');
	}
	if (type?.cloze) {
		const template = type.templates[0];
		const clozeField = template
			? (/\{\{cloze:([^}]+)\}\}/.exec(template.qfmt)?.[1]?.trim() ?? type.fields[0]!)
			: type.fields[0]!;
		// Blanks are plain text: a cloze keeps its words, and its images as their names.
		const prompt = clip(richText(byName(clozeField)), LIMITS.textLength, 'the cloze text', say);
		const extra = template
			? templateFields(template.afmt, type.fields).filter((f) => f !== clozeField)
			: type.fields.slice(1);
		const rich: Rich = {};
		const explanation = richField(
			joinFields(extra.map(byName)),
			LIMITS.textLength,
			'the extra field',
			say,
			rich,
			'explanation'
		);
		if (!cards.length) return [];
		return [
			{
				did: cards[0]!.did,
				cards: cards.map((c) => c.id),
				question: {
					id: idOf(''),
					type: 'cloze',
					prompt,
					...(explanation ? { explanation } : {}),
					...(tags?.length ? { tags } : {}),
					...(Object.keys(rich).length ? { rich } : {})
				}
			}
		];
	}
	const out: Draft[] = [];
	for (const card of cards) {
		const template = type?.templates.find((t) => t.ord === card.ord);
		let front: RichNode[] = [];
		let back: RichNode[] = [];
		let extra: RichNode[] = [];
		if (type && template) {
			const shown = templateFields(template.qfmt, type.fields);
			const answer = templateFields(template.afmt, type.fields).filter((f) => !shown.includes(f));
			front = joinFields(shown.map(byName));
			const backs = answer.map(byName).filter((b) => b.length);
			back = backs[0] ?? [];
			extra = joinFields(backs.slice(1));
		}
		if (!richText(front) || !richText(back)) {
			front = nodes(0);
			back = nodes(1);
			extra = [];
		}
		if (!richText(front) || !richText(back)) {
			say(`card ${card.ord + 1} has an empty ${richText(front) ? 'back' : 'front'}; left out`);
			continue;
		}
		const rich: Rich = {};
		const max = LIMITS.textLength;
		const prompt = richField(front, max, 'the front', say, rich, 'prompt');
		const backText = richField(back, max, 'the back', say, rich, 'back');
		const explanation = richField(extra, max, 'the extra fields', say, rich, 'explanation');
		out.push({
			did: card.did,
			cards: [card.id],
			question: {
				id: idOf(card.ord === 0 ? '' : `-c${card.ord + 1}`),
				type: 'flashcard',
				prompt,
				back: backText,
				...(explanation ? { explanation } : {}),
				...(tags?.length ? { tags } : {}),
				...(Object.keys(rich).length ? { rich } : {})
			}
		});
	}
	return out;
}

/** Keeps the questions that are valid on their own; one warning for each left out. */
function validQuestions(drafts: Draft[], warn: (m: string) => void): Draft[] {
	const r = parseSet({ id: 'check', title: 'check', questions: drafts.map((d) => d.question) });
	if (r.ok) return drafts.map((d, i) => ({ ...d, question: r.value.questions[i]! }));
	const bad = new Map<number, string>();
	for (const p of r.problems) {
		const m = /^questions\[(\d+)\]\.?(.*)$/.exec(p.path);
		// Only per-question problems can be dropped; ids are unique by construction.
		if (m && !bad.has(Number(m[1]))) bad.set(Number(m[1]), `${m[2] || 'question'}: ${p.message}`);
	}
	for (const [i, why] of bad) warn(`${drafts[i]!.question.id}: ${why}; left out`);
	const kept = drafts.filter((_, i) => !bad.has(i));
	return bad.size && kept.length ? validQuestions(kept, warn) : kept;
}

/** The collection as sets (validated), each card's history, and the preview counts. */
export function collectionToSets(
	col: AnkiCollection,
	opts: AnkiImportOptions = {}
): Result<AnkiImported> {
	const warnings: Problem[] = [];
	const warn = (message: string) => warnings.push({ path: '', message });
	const refs: RichReport = { images: [], refused: 0, sounds: 0 };
	const ids = new IdAllocator();
	const cardsByNote = new Map<number, AnkiCard[]>();
	for (const c of col.cards) {
		const list = cardsByNote.get(c.nid);
		if (list) list.push(c);
		else cardsByNote.set(c.nid, [c]);
	}
	const drafts: Draft[] = [];
	let others = 0;
	for (const note of col.notes) {
		const type = col.noteTypes.get(note.mid);
		if (!type || noteKind(type) === 'other') others++;
		drafts.push(...noteQuestions(note, type, cardsByNote.get(note.id) ?? [], ids, refs, warn));
	}
	const valid = validQuestions(drafts, warn);
	if (others)
		warn(`${others} note(s) of other note types were imported as flashcards from their fields`);
	if (refs.sounds)
		warn(
			`${refs.sounds} sound or video file(s) cannot be played here; their file names are kept in the text`
		);
	if (refs.refused)
		warn(
			`${refs.refused} image(s) from outside the deck (web addresses and the like) were left out`
		);
	if (!valid.length)
		return {
			ok: false,
			problems: [{ path: '', message: 'the deck has no cards to import' }, ...warnings]
		};

	const groups = new Map<string, { title: string; drafts: Draft[] }>();
	const single = opts.mode !== 'decks';
	// Merging several decks into one set keeps each deck as a tag; a lone deck needs none.
	const tagDecks = single && new Set(valid.map((d) => d.did)).size > 1;
	for (const d of valid) {
		const name = deckName(col, d.did);
		const key = single ? '' : name;
		let g = groups.get(key);
		if (!g)
			groups.set(
				key,
				(g = { title: single ? (opts.title ?? topDeck(col, valid)) : name, drafts: [] })
			);
		if (tagDecks) d.question = withDeckTag(d.question, name);
		g.drafts.push(d);
	}
	const setIds = new IdAllocator();
	const sets: Imported[] = [];
	const history: QuestionHistory[] = [];
	const reviewsByCard = new Map<number, AnkiReview[]>();
	for (const r of col.reviews) {
		const list = reviewsByCard.get(r.cid);
		if (list) list.push(r);
		else reviewsByCard.set(r.cid, [r]);
	}
	for (const g of groups.values()) {
		const title = g.title.slice(0, LIMITS.titleLength).trim() || 'Anki deck';
		const id =
			single && opts.setId ? setIds.claim(opts.setId, 'anki') : setIds.claim(title, 'anki');
		const result = parseSet({ id, title, questions: g.drafts.map((d) => d.question) });
		if (!result.ok) return result;
		sets.push({ set: result.value as QuestionSet, warnings: single ? warnings : [] });
		for (const d of g.drafts) {
			// A cloze note's cards share one question: the card answered most often speaks for it.
			const best = d.cards
				.map((c) => reviewsByCard.get(c) ?? [])
				.sort((a, b) => b.length - a.length)[0];
			if (best?.length) history.push({ setId: id, questionId: d.question.id, reviews: best });
		}
	}
	const media = deckImages(col, sets, warn);
	if (!single && sets[0]) sets[0].warnings = warnings;
	return { ok: true, value: { sets, media, history, preview: previewCollection(col) } };
}

/** The images the sets' rich texts show, read from the deck; problems become warnings. */
function deckImages(col: AnkiCollection, sets: Imported[], warn: (m: string) => void): MediaFile[] {
	const perSet = sets.map(({ set }) => {
		const names: string[] = [];
		for (const q of set.questions)
			for (const html of Object.values(q.rich ?? {}))
				if (html.includes('<img')) richImages(parseRich(html), names);
		return { setId: set.id, names: [...new Set(names)] };
	});
	const all = perSet.flatMap((s) => s.names);
	if (!all.length) return [];
	const { files, problems } = col.zip
		? readMediaFiles(col.zip, col.media, all)
		: { files: new Map<string, Uint8Array>(), problems: ["the deck's media could not be read"] };
	const shown = problems.slice(0, 10);
	for (const p of shown) warn(p);
	if (problems.length > shown.length)
		warn(`${problems.length - shown.length} more image(s) are not kept`);
	if (problems.length) warn('an image that is not kept shows its file name instead');
	const out: MediaFile[] = [];
	for (const { setId, names } of perSet)
		for (const name of names) {
			const bytes = files.get(name);
			const type = bytes && imageType(bytes);
			if (bytes && type) out.push({ setId, name, type, bytes });
		}
	if (out.length) warn(`${files.size} image(s) are kept with the questions`);
	return out;
}

function withDeckTag(q: Question, deck: string): Question {
	const tag =
		deck.length <= LIMITS.tagLength ? deck : deck.split('::').pop()!.slice(0, LIMITS.tagLength);
	const tags = q.tags ?? [];
	if (tags.includes(tag) || tag === 'Default') return q;
	return { ...q, tags: [tag, ...tags].slice(0, LIMITS.tags) };
}

/** The name the decks share at the top, else the first deck's: the single set's title. */
function topDeck(col: AnkiCollection, drafts: Draft[]): string {
	const names = [...new Set(drafts.map((d) => deckName(col, d.did)))];
	const tops = new Set(names.map((n) => n.split('::')[0]));
	return tops.size === 1 ? [...tops][0]! : 'Anki decks';
}
