import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { zipSync } from 'fflate';
import { openApkg } from './collection';
import { collectionToSets } from './convert';
import { ApkgError } from './package';
import { SAMPLE, legacyApkg, modernApkg, zstdStored, zstdZeros } from './test-decks';

let SQL: SqlJsStatic;
beforeAll(async () => {
	SQL = await initSqlJs();
});

describe.each([
	['collection.anki2', () => legacyApkg(SQL)],
	['collection.anki21', () => legacyApkg(SQL, SAMPLE, 'collection.anki21')],
	['collection.anki21b (zstd)', () => modernApkg(SQL)]
])('an Anki deck with %s', (_, make) => {
	it('counts notes, cards, media and reviews before anything is converted', () => {
		const result = collectionToSets(openApkg(make(), SQL));
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const p = result.value.preview;
		expect([p.notes, p.cards, p.media, p.reviews]).toEqual([4, 6, 2, 5]);
		expect(p.noteTypes.map((t) => [t.name, t.kind, t.notes])).toEqual([
			['Basic', 'basic', 1],
			['Basic (and reversed card)', 'basic', 1],
			['Cloze', 'cloze', 1],
			['Vocabulary', 'other', 1]
		]);
		expect(p.decks.map((d) => d.name).sort()).toEqual([
			'German',
			'World::Biology',
			'World::Capitals'
		]);
	});

	it('turns notes into flashcards and cloze questions, with tags and safe text', () => {
		const result = collectionToSets(openApkg(make(), SQL), { title: 'My deck', setId: 'mine' });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const [{ set, warnings }] = result.value.sets as [
			{ set: import('../../schema').QuestionSet; warnings: unknown[] }
		];
		expect(set.id).toBe('mine');
		expect(set.title).toBe('My deck');
		expect(set.questions).toEqual([
			{
				id: 'f-6lr-b-xz',
				type: 'flashcard',
				prompt: 'What is the capital of France?',
				back: 'Paris\non the Seine',
				tags: ['World::Capitals', 'geo', 'europe'],
				rich: { prompt: 'What is the <b>capital</b> of France?' }
			},
			{
				id: 'guid1',
				type: 'flashcard',
				prompt: 'der Hund',
				back: 'the dog',
				tags: ['German', 'german']
			},
			{
				id: 'guid1-c2',
				type: 'flashcard',
				prompt: 'the dog',
				back: 'der Hund',
				tags: ['German', 'german']
			},
			{
				id: 'guid2',
				type: 'cloze',
				prompt: 'The {{c1::mitochondria::organelle}} is the powerhouse of the {{c2::cell}}.',
				explanation: 'Biology 101',
				tags: ['World::Biology']
			},
			{
				id: 'guid3',
				type: 'flashcard',
				prompt: '[image: chat.jpg] le chat',
				back: 'the cat',
				explanation: 'Le chat dort. [sound: chat.mp3]',
				tags: ['World::Capitals'],
				rich: { prompt: '<img src="chat.jpg" alt=""> le chat' }
			}
		]);
		const text = JSON.stringify(set);
		expect(text).not.toMatch(/script|onclick|alert|steal/);
		expect(warnings.map((w) => (w as { message: string }).message)).toEqual([
			'1 note(s) of other note types were imported as flashcards from their fields',
			'1 sound or video file(s) cannot be played here; their file names are kept in the text',
			'1 image(s) are kept with the questions'
		]);
		// The image the note shows travels with its set, its type read from its bytes.
		expect(result.value.media).toEqual([
			{
				setId: 'mine',
				name: 'chat.jpg',
				type: 'image/jpeg',
				bytes: new Uint8Array([0xff, 0xd8, 0xff])
			}
		]);
	});

	it('makes one set per deck when asked, and keeps each card history with its question', () => {
		const result = collectionToSets(openApkg(make(), SQL), { mode: 'decks' });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.value.sets.map((s) => [s.set.id, s.set.title, s.set.questions.length])).toEqual([
			['world-capitals', 'World::Capitals', 2],
			['German', 'German', 2],
			['world-biology', 'World::Biology', 1]
		]);
		expect(result.value.history).toEqual([
			{
				setId: 'world-capitals',
				questionId: 'f-6lr-b-xz',
				reviews: expect.arrayContaining([expect.objectContaining({ ease: 1, type: 1 })])
			}
		]);
		expect(result.value.history[0]!.reviews.map((r) => r.ease)).toEqual([3, 3, 1, 3, 4]);
	});
});

describe('notes that cannot become valid questions', () => {
	it('are left out one by one, each with a warning that names it', () => {
		const deck = legacyApkg(SQL, {
			notes: [
				{ model: 'basic', fields: ['Kept', 'yes'], guid: 'kept' },
				// A cloze note whose blank was deleted, and one with an empty back.
				{ model: 'cloze', fields: ['No blank here', ''], guid: 'noblank', ords: [0] },
				{ model: 'basic', fields: ['Front only', ''], guid: 'noback' }
			]
		});
		const result = collectionToSets(openApkg(deck, SQL));
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const { set, warnings } = result.value.sets[0]!;
		expect(set.questions.map((q) => q.id)).toEqual(['kept']);
		expect(warnings.map((w) => w.message)).toEqual([
			'note 3002: card 1 has an empty back; left out',
			'noblank: prompt: a cloze needs a blank such as {{c1::answer}}; left out'
		]);
	});
});

describe('hostile and broken files get a clear error', () => {
	const fails = (bytes: Uint8Array, message: RegExp) => {
		expect(() => openApkg(bytes, SQL)).toThrow(ApkgError);
		expect(() => openApkg(bytes, SQL)).toThrow(message);
	};

	it('refuses what is not a zip', () => {
		fails(
			new TextEncoder().encode('Q: hello\nA: world'),
			/not an Anki deck: an \.apkg file is a zip/
		);
	});

	it('refuses a zip without a collection', () => {
		fails(zipSync({ 'notes.txt': new Uint8Array([1, 2]) }), /no Anki collection inside/);
	});

	it('refuses a collection that is not SQLite', () => {
		fails(
			zipSync({ 'collection.anki2': new TextEncoder().encode('hello') }),
			/not an SQLite database/
		);
		fails(
			zipSync({ 'collection.anki21b': zstdStored(new Uint8Array(100)) }),
			/not an SQLite database/
		);
	});

	it('refuses a SQLite file that is not an Anki collection', () => {
		const db = new SQL.Database();
		db.exec('CREATE TABLE t (x)');
		const bytes = db.export();
		db.close();
		fails(
			zipSync({ 'collection.anki2': bytes }),
			/not an Anki collection: the col table is missing/
		);
	});

	it('refuses a zip bomb before inflating it', () => {
		const ratio = zipSync({ 'collection.anki2': new Uint8Array(20 * 1024 * 1024) }, { level: 1 });
		expect(ratio.length).toBeLessThan(64 * 1024);
		fails(ratio, /compression ratio no real deck has/);
		// The same archive claiming 200 MB in its directory, as a crafted bomb would.
		const view = new DataView(ratio.buffer, ratio.byteOffset);
		let at = ratio.length - 22;
		while (view.getUint32(at, true) !== 0x02014b50) at--;
		view.setUint32(at + 24, 200 * 1024 * 1024, true);
		fails(ratio, /collection\.anki2 would inflate to 200\.0 MB; the limit is 160\.0 MB/);
	});

	it('refuses a zstd collection that inflates past the limit', () => {
		// 5 KB of zstd RLE blocks that would become 200 MB: the output is counted as it comes.
		const bomb = zstdZeros(200 * 1024 * 1024);
		expect(bomb.length).toBeLessThan(8 * 1024);
		fails(
			zipSync({ 'collection.anki21b': bomb }, { level: 0 }),
			/collection\.anki21b inflates to more than 160\.0 MB/
		);
	});

	it('refuses a 200 MB file without opening it', () => {
		const huge = new Uint8Array(200 * 1024 * 1024);
		huge[0] = 0x50;
		huge[1] = 0x4b;
		fails(huge, /too large: 200\.0 MB; an Anki deck may be at most 100\.0 MB/);
	});

	it('refuses a truncated zip', () => {
		const good = legacyApkg(SQL);
		fails(good.subarray(0, good.length - 30), /not a readable zip archive/);
	});
});

describe('images in a deck', () => {
	const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
	it('keeps formatting and stored images, and names every image it does not keep', () => {
		const deck = legacyApkg(SQL, {
			notes: [
				{
					model: 'basic',
					guid: 'pic',
					fields: [
						'<b>Bold</b> <img src="ok.png" onerror="alert(1)"><img src="https://evil.example/t.png">',
						'<i>it</i><img src="draw.svg"><img src="big.png"><img src="gone.png"><img src="note.txt">'
					]
				}
			],
			media: {
				'ok.png': png,
				'draw.svg': new TextEncoder().encode('<svg onload="alert(1)"></svg>'),
				'big.png': new Uint8Array(6 * 1024 * 1024).fill(7),
				'note.txt': new TextEncoder().encode('hello')
			}
		});
		const result = collectionToSets(openApkg(deck, SQL), { setId: 'pics', title: 'Pics' });
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		const q = result.value.sets[0]!.set.questions[0]!;
		expect(q.rich).toEqual({
			prompt: '<b>Bold</b> <img src="ok.png" alt="">',
			back: '<i>it</i><img src="draw.svg" alt=""><img src="big.png" alt=""><img src="gone.png" alt=""><img src="note.txt" alt="">'
		});
		expect(q.prompt).toBe('Bold [image: ok.png]');
		expect(result.value.media.map((m) => [m.setId, m.name, m.type])).toEqual([
			['pics', 'ok.png', 'image/png']
		]);
		expect(result.value.sets[0]!.warnings.map((w) => w.message)).toEqual([
			'1 image(s) from outside the deck (web addresses and the like) were left out',
			'image "gone.png" is not in the deck\'s media',
			'image "big.png" is 6.0 MB; images over 5.0 MB are not kept',
			'image "draw.svg" is an SVG drawing; SVG is not kept because it can carry scripts',
			'"note.txt" is not a PNG, JPEG, GIF, WebP or AVIF image; not kept',
			'an image that is not kept shows its file name instead',
			'1 image(s) are kept with the questions'
		]);
	});
});
