// Anki import: bank.import_apkg_ms opens and converts a 10,000-note deck (unzip, SQLite,
// fields → text and rich text, validation), median of several runs. bundle.apkg_import_gzip_kb is what
// opening an .apkg on the authoring page adds: the JS chunks the Anki reader pulls in
// (followed through their static imports) that /author/ has not already loaded;
// bundle.apkg_wasm_gzip_kb is SQLite's WebAssembly, fetched once and then cached.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import { openApkg } from '../../src/lib/core/bank/formats/anki/collection.ts';
import { collectionToSets } from '../../src/lib/core/bank/formats/anki/convert.ts';
import { legacyApkg, type DeckNote } from '../../src/lib/core/bank/formats/anki/test-decks.ts';
import { homeAssets } from './bundle.bench.ts';
import type { Bench } from './types.ts';

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length / 1024;
const round = (n: number) => Math.round(n * 100) / 100;

/** Chunks reachable from `start` through static imports. */
function closure(dir: string, start: string[]): Set<string> {
	const seen = new Set<string>();
	const todo = [...start];
	while (todo.length) {
		const file = todo.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const text = readFileSync(join(dir, file), 'utf8');
		for (const m of text.matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) todo.push(m[1]!);
	}
	return seen;
}

const bench: Bench = async ({ buildDir }) => {
	// The import time: a 10,000-note deck, a tenth of them cloze, with HTML fields.
	const SQL = await initSqlJs();
	const notes: DeckNote[] = Array.from({ length: 10_000 }, (_, i) =>
		i % 10 === 0
			? {
					model: 'cloze',
					fields: [`Fact ${i}: the {{c1::answer ${i}}} is <b>here</b>.`, ''],
					tags: ['cloze']
				}
			: {
					model: 'basic',
					fields: [`Question <i>${i}</i>?`, `Answer ${i}<br>more`],
					tags: [`t${i % 50}`]
				}
	);
	const deck = legacyApkg(SQL, { notes });
	const run = () => {
		const result = collectionToSets(openApkg(deck, SQL));
		if (!result.ok || result.value.sets[0]!.set.questions.length !== 10_000)
			throw new Error('the synthetic deck did not import cleanly');
	};
	run();
	const times: number[] = [];
	for (let i = 0; i < 5; i++) {
		const start = performance.now();
		run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);

	// The bundle: the worker, and the main-thread chunks that start it.
	const immutable = join(buildDir, '_app/immutable');
	const chunks = join(immutable, 'chunks');
	const files = readdirSync(chunks).filter((f) => f.endsWith('.js'));
	const entry = files.filter((f) =>
		readFileSync(join(chunks, f), 'utf8').includes('the Anki reader stopped')
	);
	const html = readFileSync(join(buildDir, 'author/index.html'), 'utf8');
	const author = new Set(
		homeAssets(html)
			.js.filter((h) => h.includes('/chunks/'))
			.map((h) => h.split('/').pop()!)
	);
	const added = [...closure(chunks, entry)].filter((f) => !author.has(f));
	const workers = readdirSync(join(immutable, 'workers')).filter((f) => f.endsWith('.js'));
	const wasm = readdirSync(join(immutable, 'workers/assets')).find((f) =>
		/^sql-wasm.*\.wasm$/.test(f)
	);
	const js =
		added.reduce((sum, f) => sum + gz(readFileSync(join(chunks, f))), 0) +
		workers.reduce((sum, f) => sum + gz(readFileSync(join(immutable, 'workers', f))), 0);
	return [
		{ metric: 'bank.import_apkg_ms', value: Math.round(times[2]! * 10) / 10, unit: 'ms' },
		{
			metric: 'bundle.apkg_import_gzip_kb',
			value: round(js),
			unit: 'KiB'
		},
		{
			metric: 'bundle.apkg_wasm_gzip_kb',
			value: wasm ? round(gz(readFileSync(join(immutable, 'workers/assets', wasm)))) : 0,
			unit: 'KiB'
		}
	];
};

export default bench;
