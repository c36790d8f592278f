// Node-side file access for the bank CLI: find set files and read them with limits, so a
// wrong path or a huge file gives one clear line instead of a stack trace.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { LIMITS } from '../../src/lib/core/bank/schema.ts';
import { SET_FILE, SOURCE_FILE } from '../../src/lib/core/bank/load.ts';
import { tooLargeMessage } from '../../src/lib/core/bank/formats/json.ts';

export class CliError extends Error {}

export const display = (p: string) => {
	const rel = relative(process.cwd(), p);
	return rel && !rel.startsWith('..') ? rel : resolve(p);
};

/** Reads a text file, refusing directories, oversized and binary files, and bad UTF-8. */
export function readText(path: string, maxBytes: number = LIMITS.fileBytes): string {
	let st;
	try {
		st = statSync(path);
	} catch {
		throw new CliError(`${display(path)}: no such file or directory`);
	}
	if (st.isDirectory()) throw new CliError(`${display(path)}: is a directory, expected a file`);
	if (st.size > maxBytes)
		throw new CliError(`${display(path)}: ${tooLargeMessage(st.size, maxBytes)}`);
	const bytes = readFileSync(path);
	if (bytes.includes(0)) throw new CliError(`${display(path)}: looks like a binary file, not text`);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		throw new CliError(`${display(path)}: not valid UTF-8 text; save it as UTF-8 and try again`);
	}
}

export interface SetFile {
	/** The set.json (or other .json) file. */
	file: string;
	json: string;
	sourceText?: string;
}

/** Loads a set given its directory or its JSON file; source.txt beside it is its source text. */
export function readSetFile(path: string): SetFile {
	let file = path;
	if (existsSync(path) && statSync(path).isDirectory()) {
		file = join(path, SET_FILE);
		if (!existsSync(file))
			throw new CliError(
				`${display(path)}: no ${SET_FILE} here; a set directory holds ${SET_FILE}`
			);
	}
	const json = readText(file);
	const sourcePath = join(dirname(file), SOURCE_FILE);
	const sourceText =
		basename(file) === SET_FILE && existsSync(sourcePath) ? readText(sourcePath) : undefined;
	return { file, json, ...(sourceText !== undefined ? { sourceText } : {}) };
}

/**
 * Expands CLI paths to set locations: a set directory, a set file, or a directory of set
 * directories (like `questions/`).
 */
export function findSets(paths: string[]): string[] {
	const found: string[] = [];
	for (const p of paths) {
		if (!existsSync(p)) throw new CliError(`${display(p)}: no such file or directory`);
		if (!statSync(p).isDirectory()) {
			found.push(p);
			continue;
		}
		if (existsSync(join(p, SET_FILE))) {
			found.push(p);
			continue;
		}
		const subs = readdirSync(p, { withFileTypes: true })
			.filter((d) => d.isDirectory() && existsSync(join(p, d.name, SET_FILE)))
			.map((d) => join(p, d.name))
			.sort();
		if (subs.length === 0)
			throw new CliError(
				`${display(p)}: no question set here (no ${SET_FILE} in it or its subdirectories)`
			);
		found.push(...subs);
	}
	return found;
}
