// `bank convert` for Anki decks: `deck.apkg out.json` (any output format) and
// `set out.apkg`. sql.js loads its WebAssembly from node_modules here; the app loads the
// same code lazily in the browser. Async because SQLite in WebAssembly starts async.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { formatProblem } from '../../src/lib/core/bank/problems.ts';
import { slugify } from '../../src/lib/core/bank/formats/shared.ts';
import { exportSet, formatFromFileName } from '../../src/lib/core/bank/formats/index.ts';
import { openApkg } from '../../src/lib/core/bank/formats/anki/collection.ts';
import { collectionToSets } from '../../src/lib/core/bank/formats/anki/convert.ts';
import { APKG_LIMITS, ApkgError } from '../../src/lib/core/bank/formats/anki/package.ts';
import { setToApkg } from '../../src/lib/core/bank/formats/anki/write.ts';
import { CliError, display } from './files.ts';
import { loadAny, type Out } from './convert-cli.ts';

export const isApkg = (path: string) => /\.apkg$/i.test(path.trim());

let sql: Promise<SqlJsStatic> | undefined;
const loadSql = () => (sql ??= initSqlJs());

function readApkg(path: string): Uint8Array {
	let size: number;
	try {
		const st = statSync(path);
		if (st.isDirectory()) throw new CliError(`${display(path)}: is a directory, expected a file`);
		size = st.size;
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(`${display(path)}: no such file or directory`);
	}
	if (size > APKG_LIMITS.fileBytes)
		throw new CliError(
			`${display(path)}: too large: ${(size / 1024 / 1024).toFixed(1)} MB; an Anki deck may be at most ${APKG_LIMITS.fileBytes / 1024 / 1024} MB`
		);
	return readFileSync(path);
}

function write(output: string, data: string | Uint8Array) {
	try {
		writeFileSync(output, data);
	} catch (e) {
		throw new CliError(
			`${display(output)}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`
		);
	}
}

/** `convert <in> <out>` where either side is an .apkg. A deck file holding several decks
 * gives one output file per deck (`out-<deck>.json`), or one set with deck tags when
 * `oneSet` is asked. */
export async function convertAnkiCommand(
	paths: string[],
	out: Out,
	{ oneSet = false }: { oneSet?: boolean } = {}
): Promise<number> {
	try {
		const [input, output] = paths as [string, string];
		if (paths.length !== 2)
			throw new CliError(
				'convert takes an input file and an output file (or - for standard output)'
			);
		if (output !== '-' && resolve(output) === resolve(input))
			throw new CliError(`${display(output)}: the output would overwrite the input`);
		if (isApkg(output)) {
			const loaded = loadAny(input);
			for (const w of loaded.warnings) out.stderr(w);
			for (const e of loaded.errors) out.stderr(e);
			if (!loaded.set) return 1;
			const { bytes, notes } = await setToApkg(loaded.set, await loadSql(), Date.now());
			write(output, bytes);
			out.stdout(`wrote ${display(output)}: ${notes} notes as an Anki deck`);
			return 0;
		}
		const format = output === '-' ? 'json' : formatFromFileName(output);
		if (!format)
			throw new CliError(
				`${display(output)}: unknown file type; use .json, .gift, .txt (Aiken), .csv, .tsv, .xml or .apkg`
			);
		const name = basename(input, extname(input));
		let col;
		try {
			col = openApkg(readApkg(input), await loadSql());
		} catch (e) {
			if (e instanceof ApkgError) {
				out.stderr(`${display(input)}: ${e.message}`);
				return 1;
			}
			throw e;
		}
		const decks = new Set(col.cards.map((c) => c.did)).size;
		const perDeck = decks > 1 && !oneSet;
		if (perDeck && output === '-') {
			out.stderr(
				`${display(input)}: holds ${decks} decks; give an output file (one file per deck is written) or add --one-set to print them as one set`
			);
			return 1;
		}
		const result = collectionToSets(col, {
			mode: perDeck ? 'decks' : 'single',
			setId: slugify(name) || 'anki',
			title: name.trim() || undefined
		});
		if (!result.ok) {
			for (const p of result.problems) out.stderr(`${display(input)}: ${formatProblem(p)}`);
			return 1;
		}
		const { preview, sets, media } = result.value;
		for (const w of sets.flatMap((s) => s.warnings))
			out.stderr(`warning: ${display(input)}: ${formatProblem(w)}`);
		out.stderr(
			`${display(input)}: ${preview.notes} notes, ${preview.cards} cards, ${preview.media} media files, ` +
				`${preview.reviews} reviews in ${preview.decks.length} deck(s)`
		);
		if (media.length)
			out.stderr(
				`warning: ${media.length} image(s) are not written: a ${format} file carries no images; import the .apkg in the app to keep them`
			);
		const files = sets.map(({ set }) => {
			const { text, warnings } = exportSet(set, format);
			for (const w of warnings) out.stderr(`warning: ${set.id}: ${formatProblem(w)}`);
			const ext = extname(output);
			const path = perDeck
				? join(dirname(output), `${basename(output, ext)}-${set.id}${ext}`)
				: output;
			return { set, text, path };
		});
		if (output === '-') {
			out.stdout(files[0]!.text.trimEnd());
			return 0;
		}
		for (const f of files)
			if (resolve(f.path) === resolve(input))
				throw new CliError(`${display(f.path)}: the output would overwrite the input`);
		for (const f of files) {
			write(f.path, f.text);
			out.stdout(`wrote ${display(f.path)}: ${f.set.questions.length} questions as ${format}`);
		}
		if (perDeck)
			out.stdout(
				`${display(input)} holds ${decks} decks: wrote one file per deck (add --one-set for one set with the decks as tags)`
			);
		return 0;
	} catch (e) {
		if (e instanceof CliError) {
			out.stderr(e.message);
			return 1;
		}
		throw e;
	}
}
