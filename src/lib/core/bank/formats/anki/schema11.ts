// The legacy collection layout (schema 11) that `collection.anki2` holds: the tables and
// the JSON Anki keeps in the `col` row. Every Anki release since 2.0 imports it, which is
// why the exporter writes it. Column order and defaults follow what Anki itself writes.
export const SCHEMA11_SQL = `
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
  tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/** The collection's options (`col.conf`), as a fresh Anki collection has them. */
export function colConf(deckId: number, modelId: number) {
	return {
		activeDecks: [deckId],
		addToCur: true,
		collapseTime: 1200,
		curDeck: deckId,
		curModel: String(modelId),
		dueCounts: true,
		estTimes: true,
		newBury: true,
		newSpread: 0,
		nextPos: 1,
		sortBackwards: false,
		sortType: 'noteFld',
		timeLim: 0
	};
}

/** The default deck options group (`col.dconf["1"]`). */
export const DEFAULT_DCONF = {
	'1': {
		autoplay: true,
		id: 1,
		lapse: { delays: [10], leechAction: 0, leechFails: 8, minInt: 1, mult: 0 },
		maxTaken: 60,
		mod: 0,
		name: 'Default',
		new: {
			bury: true,
			delays: [1, 10],
			initialFactor: 2500,
			ints: [1, 4, 7],
			order: 1,
			perDay: 20,
			separate: true
		},
		replayq: true,
		rev: { bury: true, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 100 },
		timer: 0,
		usn: 0
	}
};

export function deckJson(id: number, name: string, mod: number, desc = '') {
	return {
		id,
		name,
		mod,
		usn: -1,
		collapsed: false,
		browserCollapsed: false,
		conf: 1,
		desc,
		dyn: 0,
		extendNew: 10,
		extendRev: 50,
		lrnToday: [0, 0],
		newToday: [0, 0],
		revToday: [0, 0],
		timeToday: [0, 0]
	};
}

const LATEX_PRE =
	'\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
	'\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

const CSS =
	'.card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n' +
	' background-color: white;\n}\n';

export interface ModelSpec {
	id: number;
	name: string;
	cloze: boolean;
	fields: string[];
	templates: { name: string; qfmt: string; afmt: string }[];
	/** Which fields each template needs (Anki's `req`); unused for cloze. */
	req?: [number, 'any' | 'all', number[]][];
}

export function modelJson(spec: ModelSpec, deckId: number, mod: number) {
	return {
		id: spec.id,
		name: spec.name,
		type: spec.cloze ? 1 : 0,
		mod,
		usn: -1,
		sortf: 0,
		did: deckId,
		tmpls: spec.templates.map((t, ord) => ({
			name: t.name,
			ord,
			qfmt: t.qfmt,
			afmt: t.afmt,
			bqfmt: '',
			bafmt: '',
			did: null,
			bfont: '',
			bsize: 0
		})),
		flds: spec.fields.map((name, ord) => ({
			name,
			ord,
			sticky: false,
			rtl: false,
			font: 'Arial',
			size: 20,
			media: []
		})),
		css: CSS,
		latexPre: LATEX_PRE,
		latexPost: '\\end{document}',
		latexsvg: false,
		req: spec.req ?? (spec.cloze ? [] : spec.templates.map((_, i) => [i, 'any', [0]])),
		tags: [],
		vers: []
	};
}

/** The note types the exporter writes. Field names match Anki's stock Basic and Cloze. */
export const BASIC_MODEL: Omit<ModelSpec, 'id'> = {
	name: 'Basic (Studydeck)',
	cloze: false,
	fields: ['Front', 'Back', 'Explanation', 'Source'],
	templates: [
		{
			name: 'Card 1',
			qfmt: '{{Front}}',
			afmt:
				'{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' +
				'{{#Explanation}}<br><br>{{Explanation}}{{/Explanation}}' +
				'{{#Source}}<br><br><i>{{Source}}</i>{{/Source}}'
		}
	],
	req: [[0, 'any', [0]]]
};

export const CLOZE_MODEL: Omit<ModelSpec, 'id'> = {
	name: 'Cloze (Studydeck)',
	cloze: true,
	fields: ['Text', 'Back Extra'],
	templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }]
};
