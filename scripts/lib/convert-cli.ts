// `bank export` and `bank convert`: read a set in any supported format, write it in
// another. The formats themselves live in src/lib/core/bank/formats (shared with the app);
// this file only does files, messages and exit codes.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { assembleSet } from '../../src/lib/core/bank/load.ts';
import { formatProblem, type Problem } from '../../src/lib/core/bank/problems.ts';
import type { QuestionSet } from '../../src/lib/core/bank/schema.ts';
import { slugify } from '../../src/lib/core/bank/formats/shared.ts';
import {
	FORMATS,
	decodeBytes,
	exportSet,
	formatFromFileName,
	importText,
	isFormat,
	type Format
} from '../../src/lib/core/bank/formats/index.ts';
import { CliError, display, readBytesCapped, readSetFile } from './files.ts';

export type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

export const CONVERT_USAGE = `  npm run -s bank -- export <set> --format json|gift|aiken|csv|tsv|moodle
  npm run -s bank -- convert <in> <out|-> [--format …]   formats by extension: .json .gift
                                                  .txt (Aiken) .csv .tsv .xml (Moodle)
                                                  .apkg (Anki); "-" prints. A deck file
                                                  with several decks writes out-<deck>.json
                                                  per deck, or one set with --one-set`;

const supported = `supported: ${FORMATS.join(', ')}`;

function checkFormat(format: string): Format {
	if (!isFormat(format)) throw new CliError(`unknown format "${format}"; ${supported}`);
	return format;
}

interface Loaded {
	set?: QuestionSet;
	errors: string[];
	warnings: string[];
}

const lines = (file: string, problems: Problem[]) =>
	problems.map((p) => `${display(file)}: ${formatProblem(p)}`);

/** Loads a set from a set directory, a set JSON file, or a GIFT / Aiken / CSV / TSV file. */
export function loadAny(path: string): Loaded {
	const isDir = existsSync(path) && statSync(path).isDirectory();
	const format = isDir ? 'json' : formatFromFileName(path);
	if (!format)
		throw new CliError(
			`${display(path)}: unknown file type; use .json, .gift, .txt (Aiken), .csv, .tsv, .xml (Moodle) or .apkg (Anki)`
		);
	if (format === 'json') {
		const { file, json, sourceText } = readSetFile(path);
		const result = assembleSet(json, sourceText);
		return result.ok
			? { set: result.value, errors: [], warnings: [] }
			: { errors: lines(file, result.problems), warnings: [] };
	}
	const text = decodeBytes(readBytesCapped(path));
	if (!text.ok) return { errors: lines(path, text.problems), warnings: [] };
	const name = basename(path, extname(path));
	const result = importText(text.value, format, {
		setId: slugify(name) || 'imported',
		title: name.trim() || 'Imported questions'
	});
	if (!result.ok) return { errors: lines(path, result.problems), warnings: [] };
	return {
		set: result.value.set,
		errors: [],
		warnings: lines(path, result.value.warnings).map((w) => `warning: ${w}`)
	};
}

function report(loaded: Loaded, out: Out): loaded is Loaded & { set: QuestionSet } {
	for (const w of loaded.warnings) out.stderr(w);
	for (const e of loaded.errors) out.stderr(e);
	return loaded.set !== undefined;
}

/** `export <set> --format f`: the set in format f on standard output. */
export function exportCommand(paths: string[], format: string, out: Out): number {
	if (paths.length !== 1) throw new CliError('export takes one set directory or file');
	const f = checkFormat(format);
	const loaded = loadAny(paths[0]!);
	if (!report(loaded, out)) return 1;
	const { text, warnings } = exportSet(loaded.set, f);
	for (const w of warnings) out.stderr(`warning: ${formatProblem(w)}`);
	out.stdout(text.trimEnd());
	return 0;
}

/** `convert <in> <out>`: formats from the extensions (or --format); "-" writes to stdout. */
export function convertCommand(paths: string[], format: string | undefined, out: Out): number {
	if (paths.length !== 2)
		throw new CliError('convert takes an input file and an output file (or - for standard output)');
	const [input, output] = paths as [string, string];
	const implied = output === '-' ? undefined : formatFromFileName(output);
	if (format !== undefined && implied && checkFormat(format) !== implied)
		throw new CliError(`--format ${format} does not match ${display(output)}; drop one of them`);
	const chosen = format ?? implied;
	if (!chosen)
		throw new CliError(
			output === '-'
				? `writing to standard output needs --format; ${supported}`
				: `${display(output)}: unknown file type; use .json, .gift, .txt (Aiken), .csv, .tsv, .xml (Moodle) or .apkg (Anki)`
		);
	const f = checkFormat(chosen);
	if (output !== '-' && resolve(output) === resolve(input))
		throw new CliError(`${display(output)}: the output would overwrite the input`);
	const loaded = loadAny(input);
	if (!report(loaded, out)) return 1;
	const { text, warnings } = exportSet(loaded.set, f);
	for (const w of warnings) out.stderr(`warning: ${formatProblem(w)}`);
	if (output === '-') {
		out.stdout(text.trimEnd());
		return 0;
	}
	try {
		writeFileSync(output, text);
	} catch (e) {
		throw new CliError(
			`${display(output)}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`
		);
	}
	out.stdout(`wrote ${display(output)}: ${loaded.set.questions.length} questions as ${f}`);
	return 0;
}
