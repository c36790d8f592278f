import { describe, expect, it } from 'vitest';
import { getSet, listSets, openDb, putSet, type Db } from '$lib/platform/storage';
import { ImportSession, type ImportFile } from './import-session.svelte';
import { emptySets, memoryCatalog } from '$lib/platform/test-deps';

const GIFT = `// three questions
::capital:: What is the capital of France? {
	=Paris
	~Lyon
	~Nice
}

::sky:: The sky is blue. {TRUE}

::xss:: <script>alert(1)</script><b>bold</b> is shown as? {=text}
`;

function file(name: string, text: string | Uint8Array): ImportFile {
	const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
	return {
		name,
		size: bytes.length,
		arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer
	};
}

function setup(bundled: string[] = ['ttp-peace-talks']) {
	let db: Promise<Db> | undefined;
	const open = () => (db ??= openDb({ name: 'import' }));
	return {
		open,
		session: () =>
			new ImportSession({
				open,
				now: () => 1000,
				catalog: memoryCatalog(emptySets(bundled), 'bundled')
			})
	};
}

describe('ImportSession', () => {
	it('valid GIFT → preview (nothing written) → Import writes the set as imported', async () => {
		const { open, session } = setup();
		const s = session();
		await s.readFile(file('Week 1 quiz.gift', GIFT));
		expect(s.stage.kind).toBe('preview');
		if (s.stage.kind !== 'preview') return;
		const { preview } = s.stage;
		expect(preview.set.id).toBe('week-1-quiz');
		expect(preview.set.title).toBe('Week 1 quiz');
		expect(preview.counts).toEqual([
			['mcq', 1],
			['truefalse', 1],
			['short', 1]
		]);
		expect(preview.clash).toBe('none');
		// The question text keeps the markup as literal text for the page to show inertly.
		expect(preview.set.questions[2]?.prompt).toContain('bold');
		expect(await listSets(await open())).toEqual([]);

		expect(await s.confirm()).toBe('week-1-quiz');
		expect(s.stage).toMatchObject({ kind: 'done', id: 'week-1-quiz', count: 3 });
		const stored = await getSet(await open(), 'week-1-quiz');
		expect(stored).toMatchObject({ origin: 'imported', updatedAt: 1000 });
		expect(stored?.set.questions.map((q) => q.id)).toEqual(['capital', 'sky', 'xss']);
	});

	it('invalid GIFT → line-numbered problems, nothing written, Import does nothing', async () => {
		const { open, session } = setup();
		const s = session();
		await s.readText('::a:: Fine? {TRUE}\n\n::b:: Broken {=one ~two', 'gift');
		expect(s.stage.kind).toBe('problems');
		if (s.stage.kind === 'problems') expect(s.stage.problems.join('\n')).toMatch(/^line 3: /m);
		expect(await s.confirm()).toBeUndefined();
		expect(await listSets(await open())).toEqual([]);
	});

	it('an id in use asks: replace the device set, or import a copy; a bundled id only copies', async () => {
		const { open, session } = setup();
		const existing = {
			id: 'week-1-quiz',
			version: 1,
			title: 'Old',
			language: 'en',
			questions: []
		};
		await putSet(await open(), existing, 'authored', 1);
		const s = session();
		await s.readFile(file('week-1-quiz.gift', GIFT));
		expect(s.stage.kind === 'preview' && s.stage.preview.clash).toBe('device');
		expect(await s.confirm('new')).toBeUndefined(); // must choose
		expect(await s.confirm('copy')).toBe('week-1-quiz-2');
		expect((await getSet(await open(), 'week-1-quiz'))?.set.title).toBe('Old');

		const r = session();
		await r.readFile(file('week-1-quiz.gift', GIFT));
		expect(await r.confirm('replace')).toBe('week-1-quiz');
		expect((await getSet(await open(), 'week-1-quiz'))?.set.questions).toHaveLength(3);

		const b = session();
		const one = [{ id: 'a', type: 'truefalse', prompt: 'Sky is blue', answer: true }];
		const json = JSON.stringify({
			...existing,
			id: 'ttp-peace-talks',
			title: 'Mine',
			questions: one
		});
		await b.readFile(file('x.json', json));
		expect(b.stage.kind === 'preview' && b.stage.preview.clash).toBe('bundled');
		expect(await b.confirm('replace')).toBeUndefined();
		expect(await b.confirm('copy')).toBe('ttp-peace-talks-2');
	});

	it('refuses oversized, binary, wrongly encoded and unknown files plainly', async () => {
		const { session } = setup();
		const s = session();
		await s.readFile({ ...file('big.csv', 'x'), size: 6 * 1024 * 1024 });
		expect(s.stage).toMatchObject({
			kind: 'problems',
			problems: [expect.stringMatching(/too large: 6\.0 MB/)]
		});
		await s.readFile(file('pic.gift', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])));
		expect(s.stage).toMatchObject({ problems: [expect.stringMatching(/binary/)] });
		await s.readFile(file('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])));
		expect(s.stage).toMatchObject({ problems: [expect.stringMatching(/UTF-8/)] });
		await s.readFile(file('notes.docx', 'x'));
		expect(s.stage).toMatchObject({ problems: [expect.stringMatching(/\.json, \.gift/)] });
		await s.readText('   ', 'gift');
		expect(s.stage).toMatchObject({ problems: [expect.stringMatching(/nothing to import/)] });
	});
});

describe('ImportSession with an Anki deck', () => {
	const ankiSetup = async () => {
		const [{ default: initSqlJs }, decks, { inlineReader }] = await Promise.all([
			import('sql.js'),
			import('$lib/core/bank/formats/anki/test-decks'),
			import('$lib/platform/anki/inline-reader')
		]);
		const SQL = await initSqlJs();
		let db: Promise<Db> | undefined;
		const open = () => (db ??= openDb({ name: `anki-${Math.random()}` }));
		const session = new ImportSession({
			open,
			now: () => 1000,
			catalog: memoryCatalog([]),
			anki: async () => inlineReader(SQL)
		});
		return { SQL, decks, open, session };
	};

	it('previews counts and choices, then writes one set per deck with the replayed history', async () => {
		const { SQL, decks, open, session } = await ankiSetup();
		await session.readFile(file('My deck.apkg', decks.modernApkg(SQL)));
		if (session.stage.kind !== 'preview') throw new Error(JSON.stringify(session.stage));
		expect(session.stage.preview.anki).toMatchObject({
			counts: { notes: 4, cards: 6, media: 2, reviews: 5 },
			mode: 'single',
			history: false,
			withHistory: 1
		});
		expect(session.stage.preview.set).toMatchObject({ id: 'my-deck', title: 'My deck' });
		expect(await listSets(await open())).toEqual([]);

		await session.setAnkiOptions({ mode: 'decks', history: true });
		if (session.stage.kind !== 'preview') throw new Error('no preview');
		expect(session.stage.preview.anki?.sets.map((s) => s.title)).toEqual([
			'World::Capitals',
			'German',
			'World::Biology'
		]);
		expect(await listSets(await open())).toEqual([]);

		expect(await session.confirm('new')).toBe('world-capitals');
		const db = await open();
		expect((await listSets(db)).map((s) => s.set.id).sort()).toEqual([
			'German',
			'world-biology',
			'world-capitals'
		]);
		const { getCard, countReviews } = await import('$lib/platform/storage');
		expect(await countReviews(db)).toBe(5);
		expect(await getCard(db, 'world-capitals/f-6lr-b-xz')).toMatchObject({ reps: 5, lapses: 1 });
	});

	it('refuses hostile files with one message and writes nothing', async () => {
		const { open, session } = await ankiSetup();
		for (const bytes of [
			new TextEncoder().encode('not a zip'),
			new Uint8Array([0x50, 0x4b, 3, 4, ...new Uint8Array(40)])
		]) {
			await session.readFile(file('evil.apkg', bytes));
			expect(session.stage).toMatchObject({ kind: 'problems', from: 'evil.apkg' });
		}
		const huge: ImportFile = {
			name: 'huge.apkg',
			size: 200 * 1024 * 1024,
			arrayBuffer: async () => {
				throw new Error('must not be read');
			}
		};
		await session.readFile(huge);
		expect(session.stage).toEqual({
			kind: 'problems',
			from: 'huge.apkg',
			problems: ['too large: 200.0 MB; an Anki deck may be at most 100.0 MB']
		});
		expect(await listSets(await open())).toEqual([]);
	});
});
